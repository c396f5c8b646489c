"""How one component (or one TimeML document) is solved: limits, conflict count, decision path.

Kept apart from ``factcheck.engine.diagnose`` and free of z3, so that a caller can set the
options, and a path that needs no solver can run, without loading the solver.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from factcheck.engine.solver import SolverLimits
from factcheck.limits import DEFAULT_COMPONENT_BUDGET

DecisionPath = Literal["auto", "bellman-ford", "exact", "z3"]
"""How a component is decided: the cheapest path that applies (auto), or one forced.

``bellman-ford``: difference constraints only, by shortest paths (negative cycles for
conflicts); ``exact``: differences, weekdays and year-less dates without z3
(factcheck.engine.exact); ``z3``: the solver, MARCO and MaxSAT.  A forced path that does
not apply to a component raises ``ValueError``; the paths agree wherever they apply
(tests/engine/test_paths.py).
"""


@dataclass(frozen=True)
class SolveOptions:
    """Limits for solving one component."""

    limits: SolverLimits = field(default_factory=SolverLimits)
    max_conflicts: int = 10
    budget: int = DEFAULT_COMPONENT_BUDGET  # resource units for the whole component (0: none)
    ranges: bool = True  # False: decide consistency only (no timeline), for quick probes
    path: DecisionPath = "auto"
    pendants: bool = True  # False: solve pendant facts too (factcheck.engine.pendant), for cross-checks


EXACT_MIN_TIMEOUT_MS = 1000
EXACT_MIN_RLIMIT = 1_000_000
"""Below this timeout or resource limit every component goes to z3 as the user asked."""


def no_tight_limits(limits: SolverLimits) -> bool:
    """Whether the limits leave z3 room to finish a small component (then solving without it is the same).

    A resource limit or a timeout of a few milliseconds can make z3 give up even on a
    handful of variables; such limits are honoured by always asking z3.
    """
    rlimit_ok = limits.rlimit == 0 or limits.rlimit >= EXACT_MIN_RLIMIT
    return rlimit_ok and (limits.timeout_ms == 0 or limits.timeout_ms >= EXACT_MIN_TIMEOUT_MS)
