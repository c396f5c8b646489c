"""Earliest and latest feasible day of every variable: shortest paths, weekdays, then z3 probes.

The difference edges give sound outer bounds (Bellman-Ford); year-less dates whose year
every model agrees on and weekdays tighten them further without the solver; what is left
loose the solver's probes move to the exact bounds.  Bounds that only the artificial
horizon sets are reported open.
"""

from __future__ import annotations

from typing import Any

import z3

from factcheck.calendar import weekday_within
from factcheck.engine.ir import Encoding
from factcheck.engine.solver import Outcome
from factcheck.engine.z3path import Component

HORIZON_MARGIN = 2 * 366
"""A bound this close to the edge of the horizon comes from the horizon, not from the facts."""


def open_ends(
    enc: Encoding, lo: dict[str, int], hi: dict[str, int], names: list[str]
) -> dict[str, tuple[int | None, int | None]]:
    """Ranges with bounds that only the artificial horizon sets reported as open (None).

    A weekday or a relation can move a horizon bound by a few days, so anything within
    two years of the horizon's edge counts as the horizon.
    """
    lo_h, hi_h = enc.horizon
    return {
        n: (None if lo[n] <= lo_h + HORIZON_MARGIN else lo[n], None if hi[n] >= hi_h - HORIZON_MARGIN else hi[n])
        for n in names
    }


def negative_cycle(enc: Encoding, active: frozenset[str] | set[str] | None = None) -> bool:
    """True when the difference edges of the facts (all, or the active ones) contain a negative cycle."""
    edges = [e for fid, es in enc.edges.items() if active is None or fid == "" or fid in active for e in es]
    dist = dict.fromkeys(["0", *enc.vars], 0)  # a virtual source at distance 0 to every node
    for _ in range(len(dist)):
        changed = False
        for u, v, c in edges:
            if dist[u] + c < dist[v]:
                dist[v] = dist[u] + c
                changed = True
        if not changed:
            return False
    return True


def bellman_ford(
    enc: Encoding,
    active: set[str],
    extra: list[tuple[str, str, int]] = (),  # type: ignore[assignment]
) -> tuple[dict[str, int], dict[str, int]]:
    """Outer bounds of every variable from the difference edges of the active facts."""
    edges = [e for fid, es in enc.edges.items() if fid == "" or fid in active for e in es]
    edges += list(extra)
    nodes = ["0", *sorted(enc.vars)]
    inf = 1 << 60

    def shortest(forward: bool) -> dict[str, int]:
        dist = dict.fromkeys(nodes, inf)
        dist["0"] = 0
        for _ in range(len(nodes)):
            changed = False
            for u, v, c in edges:
                a, b = (u, v) if forward else (v, u)
                if dist[a] != inf and dist[a] + c < dist[b]:
                    dist[b] = dist[a] + c
                    changed = True
            if not changed:
                break
        return dist

    up = shortest(True)  # x_v - x_0 <= dist(0 -> v)
    down = shortest(False)  # x_0 - x_v <= dist(v -> 0)
    lo_h, hi_h = enc.horizon
    lo = {v: max(lo_h, -down[v]) if down[v] != inf else lo_h for v in enc.vars}
    hi = {v: min(hi_h, up[v]) if up[v] != inf else hi_h for v in enc.vars}
    return lo, hi


class Probe:
    """Satisfiability of the active facts plus temporary extra constraints."""

    def __init__(self, comp: Component, active: list[str]) -> None:
        self.comp = comp
        self.s = comp.solver
        self.tr = [comp.enc.trackers[f] for f in active]
        # consequences already proved (years every model agrees on): asserting them spares
        # later probes the search over candidate years
        self.known: list[Any] = []

    def model(self, extra: list[Any]) -> z3.ModelRef | None:
        """A model of the active facts with ``extra`` (and what is known), None when there is none."""
        self.s.push()
        try:
            self.s.add(*self.known, *extra)
            res = self.comp.run(self.s, *self.tr)
            return self.s.model() if res is Outcome.SAT else None
        finally:
            self.s.pop()


def _fixed_year_edges(enc: Encoding, active: set[str], probe: Probe, model: z3.ModelRef) -> list[tuple[str, str, int]]:
    """Difference edges from year-less dates whose year every solution agrees on.

    Once "Feb. 18" is known to be 2025 in every model, it is a plain bound again, and
    shortest paths give near-exact ranges without a search over two centuries.
    """
    out: list[tuple[str, str, int]] = []
    for ch in enc.year_choices:
        if ch.fact not in active:
            continue
        term = enc.years[ch.fact]
        year = model.eval(term, model_completion=True).as_long()
        if probe.model([term != year]) is not None:
            continue
        probe.known.append(term == year)
        out += ch.bounds(year) or []
    return out


def z3_ranges(
    comp: Component, active: list[str], model: z3.ModelRef | None = None
) -> tuple[dict[str, int], dict[str, int]]:
    """Earliest and latest feasible day of every variable, exact except near the horizon (see open_ends)."""
    enc = comp.enc
    act = set(active)
    lo, hi = bellman_ford(enc, act)
    names = sorted(enc.vars)
    if not enc.difference_only:
        probe = Probe(comp, active)
        model = model or probe.model([])
        assert model is not None
        extra = _fixed_year_edges(enc, act, probe, model)
        if extra:
            lo, hi = bellman_ford(enc, act, extra)
        lo, hi = _weekday_bounds(enc, act, extra, lo, hi)
        lo = _tighten(probe, model, names, enc, lo, lower=True)
        hi = _tighten(probe, model, names, enc, hi, lower=False)
    return lo, hi


def _weekday_bounds(
    enc: Encoding,
    active: set[str],
    extra: list[tuple[str, str, int]],
    lo: dict[str, int],
    hi: dict[str, int],
    rounds: int = 8,
) -> tuple[dict[str, int], dict[str, int]]:
    """Round bounds to the weekdays their variables must fall on, and propagate again.

    A Tuesday known to lie in [Mon 7, Sun 13] lies in [Tue 8, Tue 8]: rounding each bound
    to the nearest day of the right weekday is sound, and shortest paths carry the
    tightened bounds to the variables related to it.  A few rounds reach a fixpoint in
    practice; whatever is left loose, the solver tightens afterwards.
    """
    wds = [(name, wd) for fid, name, wd in enc.weekdays if fid in active]
    if not wds:
        return lo, hi
    edges = list(extra)
    for _ in range(rounds):
        changed = False
        for name, wd in wds:
            a, b = lo[name], hi[name]
            a2, b2 = weekday_within(a, b, wd)
            if a2 != a:
                edges.append((name, "0", -a2))
                changed = True
            if b2 != b:
                edges.append(("0", name, b2))
                changed = True
        if not changed:
            break
        lo, hi = bellman_ford(enc, active, edges)
        if any(lo[n] > hi[n] for n in lo):
            break  # cannot happen for a satisfiable set; leave the rest to the solver
    return lo, hi


def _tighten(
    probe: Probe, model: z3.ModelRef, names: list[str], enc: Encoding, bound: dict[str, int], *, lower: bool
) -> dict[str, int]:
    """Move outer bounds to exact ones: one joint check, then a binary search per variable.

    Every model a probe returns places every variable, so the most extreme value seen so far
    for each starts its search (or settles it): fewer probes for the same exact bounds.
    """
    t = enc.terms
    better = min if lower else max
    seen = {n: model.eval(t[n], model_completion=True).as_long() for n in names}

    def note(m: z3.ModelRef) -> None:
        for n in names:
            seen[n] = better(seen[n], m.eval(t[n], model_completion=True).as_long())

    if all(seen[n] == bound[n] for n in names):
        return dict(bound)
    joint = [t[n] <= bound[n] if lower else t[n] >= bound[n] for n in names]
    if probe.model(joint) is not None:
        return dict(bound)
    out = dict(bound)
    lo_h, hi_h = enc.horizon
    near = lo_h + HORIZON_MARGIN if lower else hi_h - HORIZON_MARGIN
    for n in names:
        x = t[n]
        if seen[n] == bound[n]:
            continue
        m = probe.model([x <= bound[n]] if lower else [x >= bound[n]])
        if m is not None:
            note(m)
            continue
        # An end that can reach within the margin of the horizon is reported open (None) anyway:
        # one check (or none, if a model seen already reaches it) instead of a binary search.
        if seen[n] <= near if lower else seen[n] >= near:
            out[n] = bound[n]
            continue
        if bound[n] <= near if lower else bound[n] >= near:
            m = probe.model([x <= near] if lower else [x >= near])
            if m is not None:
                note(m)
                out[n] = bound[n]
                continue
        out[n] = _binary_search(probe, x, bound[n], seen, n, note, lower=lower)
    return out


def _binary_search(probe: Probe, x: Any, edge: int, seen: dict[str, int], n: str, note: Any, *, lower: bool) -> int:
    """The exact lower (upper) bound of variable n, strictly inside the outer bound ``edge``.

    The most extreme value a model showed (``seen[n]``, kept up to date by ``note``) is
    feasible, so the bound lies between the two.
    """
    if lower:
        lo_b, hi_b = edge + 1, seen[n]  # the minimum lies in [lo_b, hi_b]
        while lo_b < hi_b:
            mid = (lo_b + hi_b) // 2
            m = probe.model([x <= mid])
            if m is None:
                lo_b = mid + 1
            else:
                note(m)
                hi_b = seen[n]
        return lo_b
    lo_b, hi_b = seen[n], edge - 1  # the maximum lies in [lo_b, hi_b]
    while lo_b < hi_b:
        mid = (lo_b + hi_b + 1) // 2
        m = probe.model([x >= mid])
        if m is None:
            hi_b = mid - 1
        else:
            note(m)
            lo_b = seen[n]
    return hi_b
