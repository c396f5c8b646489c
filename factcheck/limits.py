"""Default solver limits, in a module of their own so that configuration and help texts need no z3.

The primary limit is z3's resource limit (``rlimit``): it counts z3's own steps, so whether a
check finishes within it is the same on an idle and on an overloaded machine.  The wall-clock
timeout is only a backstop, far beyond what the resource limit allows on any ordinary machine.
Budgets bound a whole component's and a whole story's work in the same units (see
``factcheck.engine.solver.Budget``): many checks that each stay under the per-check limit
still end when their sum reaches the budget.
"""

from __future__ import annotations

DEFAULT_RLIMIT = 20_000_000
"""z3 resource units per check.  The largest check of the bundled corpus and test suite takes
about 1,000,000 (1.4 s of CPU), so this leaves twenty times that; see docs/robustness.md."""

DEFAULT_MAX_CONFLICTS = 10
"""Minimal conflicts enumerated per component before enumeration stops (``--max-conflicts``)."""

DEFAULT_TIMEOUT_MS = 600_000
"""Wall-clock backstop per check (10 minutes): reached only with the resource limit off, or on a machine that crawls."""


def truncation_note(components: int, max_conflicts: int, *, out_of_time: bool = False) -> str:
    """The words every format gives when conflict enumeration stopped short somewhere."""
    where = "1 component" if components == 1 else f"{components} components"
    limit = f"{max_conflicts} minimal conflict{'s' if max_conflicts != 1 else ''}"
    if out_of_time:
        return (f"conflict enumeration spent its share of the solver budget in {where} before the limit of {limit} "
                f"(--max-conflicts N, configuration: max_conflicts): more conflicts may exist "
                f"there")  # fmt: skip
    return (f"conflict enumeration stopped at the limit of {limit} in {where}: more "
            f"conflicts may exist there; raise the limit with --max-conflicts N (configuration: max_conflicts) "
            f"to list them")  # fmt: skip


def limit_notes(stats: dict[str, int], max_conflicts: int) -> tuple[str, ...]:
    """The report's notes on the limits it ran into, from its counts."""
    late = stats.get("conflict_enumeration_out_of_time", 0)
    at_limit = stats.get("conflict_enumeration_truncated", 0) - late
    notes = [truncation_note(at_limit, max_conflicts)] if at_limit > 0 else []
    if late:
        notes.append(truncation_note(late, max_conflicts, out_of_time=True))
    return tuple(notes)


DEFAULT_COMPONENT_BUDGET = 10_000_000
"""Resource units for everything done on one component (its checks, the enumeration of its
conflicts, the retraction, the ranges).  A component that spends it is inconclusive, with what
was established before.  The costliest bundled component (the sample corpus audited without
background facts, every year open) spends 6,100,000, about 12 s here; see docs/robustness.md."""

DEFAULT_STORY_BUDGET = 12_000_000
"""Resource units for one story of ``audit`` (the link probes and every component's check)."""

CHECK_CHARGE = 2_000
"""Units charged per solver check on top of what z3 counts (Python's share of a check), so
that work made of very many cheap checks is bounded as well."""

EXACT_UNITS_PER_STEP = 1
"""Units charged per edge relaxation of the z3-free paths (factcheck.engine.exact)."""

EXACT_MAX_STEPS = 500_000
"""Edge relaxations the exact path may spend on one component before it leaves it to z3
(about 0.3 s of Python here), so that a component it cannot finish leaves z3 most of the budget."""
