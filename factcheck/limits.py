"""Default solver limits, in a module of their own so that configuration and help texts need no z3.

The primary limit is z3's resource limit (``rlimit``): it counts z3's own steps, so whether a
check finishes within it is the same on an idle and on an overloaded machine.  The wall-clock
timeout is only a backstop, far beyond what the resource limit allows on any ordinary machine.
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
        return (f"conflict enumeration ran out of its time budget in {where} before the limit of {limit} "
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
