"""What a check needs besides the facts: the date of reference, the policy, the solver's limits, the parallelism."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from factcheck.engine.options import DecisionPath
from factcheck.limits import DEFAULT_COMPONENT_BUDGET, DEFAULT_RLIMIT, DEFAULT_TIMEOUT_MS
from factcheck.policy import Policy


@dataclass(frozen=True)
class CheckOptions:
    """Everything a check needs besides the facts."""

    as_of: dt.date = field(default_factory=dt.date.today)
    policy: Policy | None = None
    timeout_ms: int = DEFAULT_TIMEOUT_MS
    rlimit: int = DEFAULT_RLIMIT
    seed: int = 0
    max_conflicts: int = 10
    jobs: int = 1
    verify_quotes: bool = True
    ranges: bool = True  # False: only whether each component is consistent (no timeline)
    component_budget: int = DEFAULT_COMPONENT_BUDGET  # resource units per component (0: none)
    story_budget: int = 0  # resource units for the whole check (0: none); audit sets one per story
    path: DecisionPath = "auto"  # force one decision path (diagnose.DecisionPath), for cross-checks
