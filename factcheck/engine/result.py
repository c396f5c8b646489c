"""What a component's solve found, as plain data (ids, day numbers), never z3 objects.

A result can come back from another process or from the cache and be merged
deterministically.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from factcheck.engine.solver import Outcome


@dataclass
class ComponentResult:
    """What a component's solve found, as plain data."""

    index: int
    outcome: Outcome
    conflicts: list[tuple[str, ...]] = field(default_factory=list)
    conflicts_complete: bool = True
    retract: tuple[str, ...] = ()
    ranges: dict[str, tuple[int | None, int | None]] = field(default_factory=dict)
    placeholders: dict[str, str] = field(default_factory=dict)
    reason: str = ""  # why the solver gave up somewhere ("" when every answer is complete)
    seconds: float = 0.0
    difference_only: bool = False
    path: str = ""  # the path that decided it: bellman-ford, exact, z3 (or none: no budget left)
    units: int = 0  # resource units spent (solver.Budget)


def result_to_json(r: ComponentResult) -> dict[str, Any]:
    """A ComponentResult as JSON-ready data (for caches and other processes)."""
    return {
        "index": r.index,
        "outcome": r.outcome.value,
        "conflicts": [list(c) for c in r.conflicts],
        "conflicts_complete": r.conflicts_complete,
        "retract": list(r.retract),
        "ranges": {k: list(v) for k, v in sorted(r.ranges.items())},
        "placeholders": dict(sorted(r.placeholders.items())),
        "reason": r.reason,
        "seconds": r.seconds,
        "difference_only": r.difference_only,
        "path": r.path,
        "units": r.units,
    }


def result_from_json(d: dict[str, Any], index: int) -> ComponentResult:
    """The inverse of result_to_json, re-indexed for the current run."""
    return ComponentResult(
        index=index,
        outcome=Outcome(d["outcome"]),
        conflicts=[tuple(c) for c in d["conflicts"]],
        conflicts_complete=bool(d["conflicts_complete"]),
        retract=tuple(d["retract"]),
        ranges={k: (v[0], v[1]) for k, v in d["ranges"].items()},
        placeholders=dict(d["placeholders"]),
        reason=str(d["reason"]),
        seconds=0.0,
        difference_only=bool(d["difference_only"]),
        path=str(d.get("path", "")),
        units=int(d.get("units", 0)),
    )
