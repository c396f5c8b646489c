"""Components of differences, weekdays and year-less dates, solved exactly without z3.

A component qualifies when every constraint is a difference of days (``x - y <= c``), a
weekday (``x`` falls on a given day of the week), a year-less date ("Feb. 27", its year
a choice among finitely many) or a choice between differences ("no round between them":
each round is before the one or after the other).  Choosing a year for each year-less date
(and, under the AP rule, whether the quoted document was created that year or within a few
days of the date) and an alternative of each choice leaves differences and weekdays, which
this module solves exactly:

Difference constraints are monotone, and a weekday only restricts a variable's own
domain, so bounds consistency is global consistency.  Shortest paths give every
variable's bounds; rounding each weekday variable's bounds inward to its weekday and
propagating again reaches a fixpoint whose lower bounds, taken together, are a solution
(each edge holds by the triangle inequality), and so are its upper bounds.  The fixpoint's
bounds are therefore the exact earliest and latest day of every variable, the same
numbers the solver's probes converge to.  Over all choices of years the range is the
union of the choices' ranges.

The same check on subsets of the facts explains a contradiction: every minimal conflict
(a hitting-set tree), the cheapest retraction (the unique cheapest set meeting them all,
with the MaxSAT's costs) and the exact ranges of what remains.  With as many conflicts as
the enumeration limit, the list stops there (flagged incomplete, as the solver's would be)
and the retraction grows it, as the solver's does, until what remains is consistent.

Whenever the answer is not certain to come out exactly (too many choices, no fixpoint
after a few rounds, more work than its cap) this module gives up and the caller uses z3,
whose answers are then the output as before.
"""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.calendar import from_day
from factcheck.engine.conflicts import all_conflicts as all_conflicts
from factcheck.engine.conflicts import cheapest_hitting_set as cheapest_hitting_set
from factcheck.engine.conflicts import shrink
from factcheck.engine.graph import UNMETERED, GiveUp, IEdge, bounds
from factcheck.engine.graph import Meter as Meter
from factcheck.engine.ir import Edge, Encoding, YearChoice
from factcheck.engine.search import MAX_CASES, search

MAX_CHOICES = 512
"""Most alternatives (year, AP-rule branch) kept for one year-less date."""


MAX_ORACLE_CALLS = 400
"""Most subsets of a component's facts solved while explaining a contradiction."""


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


class Exact:
    """A qualifying component, solvable without z3 for any subset of its facts.

    Every method raises ``GiveUp`` when it cannot be sure of the exact answer.
    """

    def __init__(self, enc: Encoding, meter: Meter = UNMETERED) -> None:
        if not enc.exact:
            raise GiveUp
        self.meter = meter
        self.names = sorted(enc.vars)
        self.index = {"0": 0} | {name: i + 1 for i, name in enumerate(self.names)}
        self.ids = sorted(enc.fact_ids)
        ix = self.index
        self.structural = [(ix[u], ix[v], c) for u, v, c in enc.edges.get("", [])]
        self.edges: dict[str, list[IEdge]] = {f: [] for f in self.ids}
        for fid, es in [*enc.edges.items(), *enc.extra_edges.items()]:
            if fid:
                self.edges[fid] += [(ix[u], ix[v], c) for u, v, c in es]
        self.weekdays: dict[str, list[tuple[int, int]]] = {f: [] for f in self.ids}
        for fid, name, wd in enc.weekdays:
            self.weekdays[fid].append((ix[name], wd))
        self.choices: dict[str, list[YearChoice]] = {f: [] for f in self.ids}
        for ch in enc.year_choices:
            self.choices[ch.fact].append(ch)
        self.edge_choices: dict[str, list[list[list[IEdge]]]] = {f: [] for f in self.ids}
        for fid, alts in enc.edge_choices:
            self.edge_choices[fid].append([[(ix[u], ix[v], c) for u, v, c in alt] for alt in alts])
        self.oracle_calls = 0

    def _cases(self, active: list[str]) -> tuple[list[IEdge], dict[int, int], list[list[list[IEdge]]]] | None:
        """The active facts' edges, weekdays and each year-less date's alternatives; None when plainly infeasible."""
        n = len(self.index)
        base = list(self.structural)
        weekdays: dict[int, int] = {}
        choices: list[YearChoice] = []
        either: list[list[list[IEdge]]] = []
        for f in active:
            base += self.edges[f]
            for v, wd in self.weekdays[f]:
                if weekdays.setdefault(v, wd) != wd:
                    return None  # two weekdays for one day
            choices += self.choices[f]
            either += self.edge_choices[f]
        if not choices and not either:
            return base, weekdays, []
        outer = bounds(n, base, self.meter)
        if outer is None:
            return None
        lo, hi = outer
        # an alternative that the outer bounds already rule out is in no solution
        per: list[list[list[IEdge]]] = [[alt for alt in alts if _fits(alt, lo, hi)] for alts in either]
        for ch in choices:
            near = None
            if ch.doc is not None:
                near = bounds(n, base + [(self.index[u], self.index[v], c) for u, v, c in ch.nearby()], self.meter)
            per.append(_alternatives(ch, self.index, lo, hi, near))
        return base, weekdays, per

    def solve(self, active: list[str], *, ranges: bool = True) -> tuple[list[int], list[int]] | None:
        """Exact bounds of every variable (by index) under the active facts; None when infeasible.

        With ``ranges=False`` the first feasible case's bounds are returned (feasibility only).
        """
        self.oracle_calls += 1
        if self.oracle_calls > MAX_ORACLE_CALLS:
            raise GiveUp
        setup = self._cases(active)
        if setup is None:
            return None
        base, weekdays, per = setup
        total = 1
        for alts in per:
            total *= len(alts)
        if ranges and (total > MAX_CASES or any(len(alts) > MAX_CHOICES for alts in per)):
            raise GiveUp
        return search(len(self.index), base, weekdays, per, ranges, self.meter)

    def feasible(self, active: list[str] | set[str] | frozenset[str]) -> bool:
        """Whether the active facts can all be true."""
        return self.solve(sorted(active), ranges=False) is not None

    def by_name(self, bounds: tuple[list[int], list[int]]) -> tuple[dict[str, int], dict[str, int]]:
        """Bounds keyed by variable name."""
        lo, hi = bounds
        return {n: lo[self.index[n]] for n in self.names}, {n: hi[self.index[n]] for n in self.names}

    def all_conflicts(self, limit: int) -> tuple[list[frozenset[str]], bool]:
        """Minimal conflicts of the facts, up to ``limit``, and whether they are all (:func:`all_conflicts`)."""
        return all_conflicts(self.ids, self.feasible, limit)


@dataclass
class ExactResult:
    """A component solved without z3: the same fields solve_component fills."""

    sat: bool
    conflicts: list[tuple[str, ...]]
    retract: tuple[str, ...]
    ranges: tuple[dict[str, int], dict[str, int]] | None  # None: no fact left active
    complete: bool = True  # whether ``conflicts`` are all the minimal conflicts


def solve_exact(
    enc: Encoding, weights: dict[str, float], max_conflicts: int, meter: Meter = UNMETERED
) -> ExactResult | None:
    """Outcome, every minimal conflict, the cheapest retraction and exact ranges; None: ask z3."""
    try:
        ex = Exact(enc, meter)
        full = ex.solve(ex.ids)
        if full is not None:
            return ExactResult(True, [], (), ex.by_name(full))
        muses, complete = ex.all_conflicts(max_conflicts)
        if not muses or any(not m for m in muses):
            raise GiveUp  # infeasible, yet no fact to blame: leave it to z3
        while True:
            drop = cheapest_hitting_set(muses, weights)
            active = [f for f in ex.ids if f not in set(drop)]
            r = ex.solve(active) if active else None
            if r is not None or not active:
                break
            if complete:
                raise GiveUp
            # With the enumeration cut at its limit, what is left may still clash (as in the
            # solver's retraction): its conflict joins the list and the retraction is redone.
            muses.append(shrink(frozenset(active), ex.feasible))
        ranges = ex.by_name(r) if r is not None else None
        return ExactResult(False, sorted(tuple(sorted(m)) for m in muses), drop, ranges, complete)
    except GiveUp:
        return None
