"""Minimal conflicts and the cheapest retraction from a feasibility oracle, without a solver.

The z3-free paths (the difference graph, the exact search) explain a contradiction with
these: every minimal conflict by a hitting-set tree, and the unique cheapest set of facts
meeting them all, with the same costs as z3's MaxSAT.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable


def shrink(unsat: frozenset[str], feasible: Callable[[frozenset[str]], bool]) -> frozenset[str]:
    """A minimal unsatisfiable subset of an unsatisfiable set (deletion-based, in id order)."""
    kept = set(unsat)
    for f in sorted(unsat):
        if not feasible(frozenset(kept - {f})):
            kept.discard(f)
    return frozenset(kept)


def all_conflicts(
    ids: Iterable[str], feasible: Callable[[frozenset[str]], bool], limit: int
) -> tuple[list[frozenset[str]], bool]:
    """Minimal unsatisfiable subsets of ``ids`` under a feasibility oracle (Reiter's hitting-set tree).

    Stops at ``limit`` of them, in the tree's order; the flag says whether they are all.
    """
    everything = frozenset(ids)
    muses: list[frozenset[str]] = []
    sat_removed: list[frozenset[str]] = []
    queue = [frozenset[str]()]
    seen: set[frozenset[str]] = set()
    while queue:
        removed = queue.pop(0)
        if removed in seen or any(h <= removed for h in sat_removed):
            continue
        seen.add(removed)
        label = next((m for m in muses if not m & removed), None)
        if label is None:
            rest = everything - removed
            if feasible(rest):
                sat_removed.append(removed)
                continue
            label = shrink(rest, feasible)
            muses.append(label)
            if len(muses) >= limit:
                return muses, False
        queue += [removed | {f} for f in sorted(label)]
    return muses, True


def cheapest_hitting_set(muses: list[frozenset[str]], weights: dict[str, float]) -> tuple[str, ...]:
    """The cheapest set of facts meeting every conflict, with the retraction's costs (diagnose._retraction).

    Each fact costs its weight and a distinct power of two below any weight difference, so
    the cheapest set is unique: the one z3's MaxSAT finds over the same costs.
    """
    if any(not m for m in muses):
        return ()  # the frame itself is infeasible (no fact takes part): no retraction helps
    order = sorted({f for m in muses for f in m})
    scale = 1 << (len(order) + 1)
    cost = {f: round(weights.get(f, 1.0) * 1000) * scale + (1 << rank) for rank, f in enumerate(order)}
    ordered = sorted(muses, key=lambda m: (len(m), sorted(m)))
    best: list[tuple[int, frozenset[str]]] = []

    def search(chosen: frozenset[str], spent: int) -> None:
        if best and spent >= best[0][0]:
            return
        open_ = next((m for m in ordered if not m & chosen), None)
        if open_ is None:
            best[:] = [(spent, chosen)]
            return
        for f in sorted(open_):
            search(chosen | {f}, spent + cost[f])

    search(frozenset(), 0)
    return tuple(sorted(best[0][1]))
