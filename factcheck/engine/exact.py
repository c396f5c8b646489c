"""Exact ranges without z3 for components of differences, weekdays and year-less dates.

A component qualifies when every constraint is a difference of days (``x - y <= c``), a
weekday (``x`` falls on a given day of the week) or a year-less date ("Feb. 27", its year
a choice among finitely many).  Choosing a year for each year-less date (and, under the AP
rule, whether the quoted document was created that year or within a few days of the
date) leaves differences and weekdays, which this module solves exactly:

Difference constraints are monotone, and a weekday only restricts a variable's own
domain, so bounds consistency is global consistency.  Shortest paths give every
variable's bounds; rounding each weekday variable's bounds inward to its weekday and
propagating again reaches a fixpoint whose lower bounds, taken together, are a solution
(each edge holds by the triangle inequality), and so are its upper bounds.  The fixpoint's
bounds are therefore the exact earliest and latest day of every variable, the same
numbers the solver's probes converge to.  Over all choices of years the range is the
union of the choices' ranges.

Whenever the answer is not certain to come out exactly (too many choices, no fixpoint
after a few rounds, or no choice feasible at all, which the solver then explains) this
module returns None and the caller uses z3.
"""

from __future__ import annotations

from itertools import product

from factcheck.calendar import from_day
from factcheck.engine.encode import Edge, Encoding, YearChoice

_INF = 1 << 62
MAX_CHOICES = 16
"""Most alternatives (year, AP-rule branch) kept for one year-less date."""
MAX_CASES = 64
"""Most combinations of alternatives solved for one component."""
ROUNDS = 32
"""Most rounds of weekday rounding before giving the component to z3."""

IEdge = tuple[int, int, int]


class _GiveUp(Exception):
    pass


def _bounds(n: int, edges: list[IEdge]) -> tuple[list[int], list[int]] | None:
    """Lower and upper bound of every node (node 0 is day 0), None on a negative cycle."""
    up = [_INF] * n
    up[0] = 0
    for r in range(n + 1):
        changed = False
        for u, v, c in edges:
            du = up[u]
            if du != _INF and du + c < up[v]:
                up[v] = du + c
                changed = True
        if not changed:
            break
        if r == n:
            return None
    down = [_INF] * n
    down[0] = 0
    for r in range(n + 1):
        changed = False
        for u, v, c in edges:
            dv = down[v]
            if dv != _INF and dv + c < down[u]:
                down[u] = dv + c
                changed = True
        if not changed:
            break
        if r == n:
            return None
    if _INF in up or _INF in down:
        raise _GiveUp  # a variable without horizon bounds: not an encoding this module knows
    return [-d for d in down], up


def _solve(n: int, edges: list[IEdge], weekdays: dict[int, int]) -> tuple[list[int], list[int]] | None:
    """Exact bounds of every node under the edges and weekdays, None when infeasible."""
    extra: list[IEdge] = []
    for _ in range(ROUNDS):
        b = _bounds(n, edges + extra)
        if b is None:
            return None
        lo, hi = b
        changed = False
        for v, wd in weekdays.items():
            a, z = lo[v], hi[v]
            a2 = a + (wd - (a + 3) % 7) % 7  # weekday_of(d) == (d + WEEKDAY_SHIFT) % 7
            z2 = z - ((z + 3) % 7 - wd) % 7
            if a2 > z2:
                return None
            if a2 != a:
                extra.append((v, 0, -a2))
                changed = True
            if z2 != z:
                extra.append((0, v, z2))
                changed = True
        if not changed:
            return lo, hi
    raise _GiveUp


def _fits(edges: list[IEdge], lo: list[int], hi: list[int]) -> bool:
    """Whether no edge contradicts the (outer) bounds on its own."""
    return all(lo[v] - hi[u] <= c for u, v, c in edges)


def _alternatives(
    ch: YearChoice, index: dict[str, int], lo: list[int], hi: list[int], near: tuple[list[int], list[int]] | None
) -> list[list[IEdge]]:
    """The year-less date's feasible alternatives, each as difference edges."""

    def ie(es: list[Edge]) -> list[IEdge]:
        return [(index[u], index[v], c) for u, v, c in es]

    def years(lo: list[int], hi: list[int]) -> range:
        y0, y1 = ch.years
        if ch.relation == "on":
            # the value's period lies within its year and the next
            y0 = max(y0, from_day(lo[index[ch.hi_name]]).year - 1)
            y1 = min(y1, from_day(hi[index[ch.lo_name]]).year)
        return range(y0, y1 + 1)

    out: list[list[IEdge]] = []
    if ch.doc is None:
        for y in years(lo, hi):
            bs = ch.bounds(y)
            if bs is not None and _fits(ie(bs), lo, hi):
                out.append(ie(bs))
        return out
    p = index[ch.doc]
    y0, y1 = from_day(lo[p]).year, from_day(hi[p]).year
    for y in years(lo, hi):
        if not y0 <= y <= y1:
            continue
        bs = ch.bounds(y)
        if bs is None:
            continue
        es = ie(bs + ch.same_year(y))
        if _fits(es, lo, hi):
            out.append(es)
    if near is not None:
        nlo, nhi = near
        for y in years(nlo, nhi):
            bs = ch.bounds(y)
            if bs is None:
                continue
            es = ie(bs + ch.nearby())
            if _fits(es, nlo, nhi):
                out.append(es)
    return out


def exact_ranges(enc: Encoding) -> tuple[dict[str, int], dict[str, int]] | None:
    """Earliest and latest day of every variable over all solutions, or None (then use z3)."""
    if not enc.exact:
        return None
    names = sorted(enc.vars)
    index = {"0": 0} | {name: i + 1 for i, name in enumerate(names)}
    n = len(index)
    base = [(index[u], index[v], c) for es in enc.edges.values() for u, v, c in es]
    base += [(index[u], index[v], c) for u, v, c in enc.extra_edges]
    weekdays: dict[int, int] = {}
    for _, name, wd in enc.weekdays:
        if weekdays.setdefault(index[name], wd) != wd:
            return None  # two weekdays for one day: a contradiction for z3 to explain
    try:
        cases: list[list[IEdge]] = [[]]
        if enc.year_choices:
            outer = _bounds(n, base)
            if outer is None:
                return None
            lo, hi = outer
            per: list[list[list[IEdge]]] = []
            for ch in enc.year_choices:
                near = None
                if ch.doc is not None:
                    near = _bounds(n, base + [(index[u], index[v], c) for u, v, c in ch.nearby()])
                alts = _alternatives(ch, index, lo, hi, near)
                if len(alts) > MAX_CHOICES:
                    return None
                per.append(alts)
            total = 1
            for alts in per:
                total *= len(alts)
            if total > MAX_CASES:
                return None
            cases = [[e for alt in combo for e in alt] for combo in product(*per)]
        best: tuple[list[int], list[int]] | None = None
        for extra in cases:
            r = _solve(n, base + extra, weekdays)
            if r is None:
                continue
            if best is None:
                best = r
            else:
                best = (
                    [min(a, b) for a, b in zip(best[0], r[0], strict=True)],
                    [max(a, b) for a, b in zip(best[1], r[1], strict=True)],
                )
    except _GiveUp:
        return None
    if best is None:
        return None
    lo_b, hi_b = best
    return {name: lo_b[index[name]] for name in names}, {name: hi_b[index[name]] for name in names}
