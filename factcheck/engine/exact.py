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

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from factcheck.calendar import WEEKDAY_SHIFT, from_day
from factcheck.engine.encode import Edge, Encoding, YearChoice

_INF = 1 << 62
MAX_CHOICES = 512
"""Most alternatives (year, AP-rule branch) kept for one year-less date."""
MAX_CASES = 4096
"""Most combinations of alternatives solved for one component."""
ROUNDS = 32
"""Most rounds of weekday rounding before giving the component to z3."""
MAX_DEPTH = 200
"""Most choices with more than one alternative left that the search branches on, for one subset of facts."""
MAX_ORACLE_CALLS = 400
"""Most subsets of a component's facts solved while explaining a contradiction."""

IEdge = tuple[int, int, int]


class GiveUp(Exception):
    """The exact answer is not certain here: ask z3."""


class Meter:
    """Edge relaxations done so far, against a cap: the z3-free paths' deterministic measure of work.

    Past the cap the path gives up (``GiveUp``), so a component whose subsets are many and
    large costs a bounded amount of Python before z3, with its own budget, takes over.
    """

    def __init__(self, cap: int | None = None) -> None:
        self.cap = cap
        self.steps = 0

    def add(self, steps: int) -> None:
        """Count steps; give up past the cap."""
        self.steps += steps
        if self.cap is not None and self.steps > self.cap:
            raise GiveUp


_UNMETERED = Meter()


def _bounds(n: int, edges: list[IEdge], meter: Meter = _UNMETERED) -> tuple[list[int], list[int]] | None:
    """Lower and upper bound of every node (node 0 is day 0), None on a negative cycle."""
    up = [_INF] * n
    up[0] = 0
    for r in range(n + 1):
        meter.add(len(edges))
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
        meter.add(len(edges))
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
        raise GiveUp  # a variable without horizon bounds: not an encoding this module knows
    return [-d for d in down], up


def _solve(
    n: int, edges: list[IEdge], weekdays: dict[int, int], meter: Meter = _UNMETERED
) -> tuple[list[int], list[int]] | None:
    """Exact bounds of every node under the edges and weekdays, None when infeasible."""
    extra: list[IEdge] = []
    for _ in range(ROUNDS):
        b = _bounds(n, edges + extra, meter)
        if b is None:
            return None
        lo, hi = b
        changed = False
        for v, wd in weekdays.items():
            a, z = lo[v], hi[v]
            a2 = a + (wd - (a + WEEKDAY_SHIFT) % 7) % 7  # as calendar.weekday_of
            z2 = z - ((z + WEEKDAY_SHIFT) % 7 - wd) % 7
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
    raise GiveUp


class _Graph:
    """Difference edges as adjacency lists, with shortest-path bounds kept up to date as edges are added.

    ``up[v]`` bounds ``x_v - x_0`` from above and ``down[v]`` bounds ``x_0 - x_v``; both only
    fall as edges are added, so a case's bounds start from those of the choices made before
    it and only what the new edges change is relaxed again (a worklist, not whole passes).
    """

    def __init__(self, n: int, edges: list[IEdge], meter: Meter) -> None:
        self.n = n
        self.meter = meter
        self.out: list[list[tuple[int, int]]] = [[] for _ in range(n)]
        self.into: list[list[tuple[int, int]]] = [[] for _ in range(n)]
        for e in edges:
            self.add(e)

    def add(self, e: IEdge) -> None:
        u, v, c = e
        self.out[u].append((v, c))
        self.into[v].append((u, c))

    def remove(self, e: IEdge) -> None:
        """Take back the edge added last."""
        u, v, _ = e
        self.out[u].pop()
        self.into[v].pop()

    def relax(self, dist: list[int], start: list[int], forward: bool) -> bool:
        """Shortest distances from node 0 (``forward``) or to it, relaxed from ``start``; False on a negative cycle.

        Last in, first out first, which needed the fewest relaxations here; a node improved
        more than n times sends the rest to first in, first out from every node, where n + 1
        rounds without a negative cycle are certain to reach the fixpoint.
        """
        if self._relax(dist, start, forward, fifo=False, cap=self.n):
            return dist[0] == 0
        return self._relax(dist, list(range(self.n)), forward, fifo=True, cap=2 * self.n + 2) and dist[0] == 0

    def _relax(self, dist: list[int], start: list[int], forward: bool, *, fifo: bool, cap: int) -> bool:
        """Relax from ``start`` until nothing changes (True), or until a node is queued more than ``cap`` times."""
        adj = self.out if forward else self.into
        todo = deque(dict.fromkeys(start))
        take = todo.popleft if fifo else todo.pop
        queued = set(todo)
        count = [0] * self.n
        while todo:
            u = take()
            queued.discard(u)
            du = dist[u]
            if du == _INF:
                continue
            self.meter.add(len(adj[u]))
            for v, c in adj[u]:
                if du + c < dist[v]:
                    dist[v] = du + c
                    if v not in queued:
                        count[v] += 1
                        if count[v] > cap:
                            return False
                        queued.add(v)
                        todo.append(v)
        return True

    def fixpoint(
        self, up: list[int], down: list[int], changed: list[int], weekdays: dict[int, int]
    ) -> tuple[list[int], list[int]] | None:
        """Bounds under every edge and weekday, from earlier bounds and the nodes whose edges changed.

        None when infeasible.
        """
        up, down = list(up), list(down)
        for _ in range(ROUNDS):
            if not (self.relax(up, changed, True) and self.relax(down, changed, False)):
                return None
            changed = []
            for v, wd in weekdays.items():
                a, z = -down[v], up[v]
                a2 = a + (wd - (a + WEEKDAY_SHIFT) % 7) % 7  # as calendar.weekday_of
                z2 = z - ((z + WEEKDAY_SHIFT) % 7 - wd) % 7
                if a2 > z2:
                    return None
                if a2 != a or z2 != z:
                    down[v], up[v] = -a2, z2
                    changed.append(v)
            if not changed:
                return up, down
        raise GiveUp


def _search(
    n: int, base: list[IEdge], weekdays: dict[int, int], per: list[list[list[IEdge]]], ranges: bool, meter: Meter
) -> tuple[list[int], list[int]] | None:
    """Exact bounds over every choice of alternatives (their union), or the first feasible case's."""
    if sum(len(alts) > 1 for alts in per) > MAX_DEPTH:
        raise GiveUp  # the search would branch deeper than the recursion should go
    graph = _Graph(n, base, meter)
    up, down = [_INF] * n, [_INF] * n
    up[0] = down[0] = 0
    if not (graph.relax(up, [0], True) and graph.relax(down, [0], False)):
        return None
    if _INF in up or _INF in down:
        raise GiveUp  # a variable without horizon bounds: not an encoding this module knows
    root = graph.fixpoint(up, down, [], weekdays)
    if root is None:
        return None
    search = _Search(graph, weekdays, ranges)
    search.visit(per, *root)
    return search.best


class _Search:
    """Depth first over the choices of alternatives, each step from the bounds of the choices made before it.

    At each step, under the bounds so far: an alternative they rule out is dropped, a choice
    one of whose alternatives they already imply is met whatever is chosen (it is dropped),
    and a choice left with one alternative is taken without branching.  None of this changes
    the solutions, so the union of the cases' bounds is the same as over every combination.
    With ``ranges``, a step whose bounds lie within the union found so far is not explored
    further (no case below it can widen the union); without, the first feasible case ends it.
    (A class, so that the recursion leaves no reference cycle.)
    """

    def __init__(self, graph: _Graph, weekdays: dict[int, int], ranges: bool) -> None:
        self.graph = graph
        self.weekdays = weekdays
        self.ranges = ranges
        self.best: tuple[list[int], list[int]] | None = None
        self.tried = 0

    def _within(self, up: list[int], down: list[int]) -> bool:
        assert self.best is not None
        lo, hi = self.best
        return all(-down[v] >= lo[v] and up[v] <= hi[v] for v in range(len(up)))

    def _add(self, edges: list[IEdge], up: list[int], down: list[int]) -> tuple[list[int], list[int]] | None:
        for e in edges:
            self.graph.add(e)
        return self.graph.fixpoint(up, down, [u for u, _, _ in edges] + [v for _, v, _ in edges], self.weekdays)

    def _remove(self, edges: list[IEdge]) -> None:
        for e in reversed(edges):
            self.graph.remove(e)

    def visit(self, pending: list[list[list[IEdge]]], up: list[int], down: list[int]) -> bool:
        """Explore the cases of the pending choices under these bounds; True to stop (feasibility found)."""
        added: list[IEdge] = []
        try:
            while True:
                rest: list[list[list[IEdge]]] = []
                units: list[IEdge] = []
                for alts in pending:
                    if any(all(up[v] + down[u] <= c for u, v, c in alt) for alt in alts):
                        continue  # every point within the bounds meets this alternative
                    keep = [alt for alt in alts if all(-down[v] - up[u] <= c for u, v, c in alt)]
                    if not keep:
                        return False
                    if len(keep) == 1:
                        units += keep[0]
                    else:
                        rest.append(keep)
                pending = rest
                if not units:
                    break
                r = self._add(units, up, down)
                added += units
                if r is None:
                    return False
                up, down = r
            if self.best is not None and self.ranges and self._within(up, down):
                return False
            if not pending:
                self.tried += 1
                lo = [-d for d in down]
                if self.best is None:
                    self.best = (lo, up)
                else:
                    b_lo, b_hi = self.best
                    self.best = ([min(a, b) for a, b in zip(b_lo, lo, strict=True)],
                                 [max(a, b) for a, b in zip(b_hi, up, strict=True)])  # fmt: skip
                return not self.ranges
            for alt in pending[0]:
                self.tried += 1
                if not self.ranges and self.tried > MAX_CASES:
                    raise GiveUp  # feasibility only: no feasible case among the first few
                r = self._add(alt, up, down)
                try:
                    if r is not None and self.visit(pending[1:], *r):
                        return True
                finally:
                    self._remove(alt)
            return False
        finally:
            self._remove(added)


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

    def __init__(self, enc: Encoding, meter: Meter = _UNMETERED) -> None:
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
        outer = _bounds(n, base, self.meter)
        if outer is None:
            return None
        lo, hi = outer
        # an alternative that the outer bounds already rule out is in no solution
        per: list[list[list[IEdge]]] = [[alt for alt in alts if _fits(alt, lo, hi)] for alts in either]
        for ch in choices:
            near = None
            if ch.doc is not None:
                near = _bounds(n, base + [(self.index[u], self.index[v], c) for u, v, c in ch.nearby()], self.meter)
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
        return _search(len(self.index), base, weekdays, per, ranges, self.meter)

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


@dataclass
class ExactResult:
    """A component solved without z3: the same fields solve_component fills."""

    sat: bool
    conflicts: list[tuple[str, ...]]
    retract: tuple[str, ...]
    ranges: tuple[dict[str, int], dict[str, int]] | None  # None: no fact left active
    complete: bool = True  # whether ``conflicts`` are all the minimal conflicts


def solve_exact(
    enc: Encoding, weights: dict[str, float], max_conflicts: int, meter: Meter = _UNMETERED
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
