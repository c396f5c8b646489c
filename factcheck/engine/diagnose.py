"""Solving one component: minimal conflicts, the cheapest retraction, and feasible ranges.

The result is plain data (ids, day numbers), never z3 objects, so it can come back from
another process and be merged deterministically.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from typing import Any

import z3

from factcheck.calendar import concrete_span, weekday_of
from factcheck.engine.encode import Encoding, encode, relation_edges
from factcheck.engine.exact import Meter, all_conflicts, cheapest_hitting_set, solve_exact
from factcheck.engine.options import EXACT_MIN_RLIMIT as EXACT_MIN_RLIMIT
from factcheck.engine.options import EXACT_MIN_TIMEOUT_MS as EXACT_MIN_TIMEOUT_MS
from factcheck.engine.options import DecisionPath as DecisionPath
from factcheck.engine.options import SolveOptions as SolveOptions
from factcheck.engine.options import no_tight_limits as _no_tight_limits
from factcheck.engine.pendant import Pendant, find_pendants, restore, without
from factcheck.engine.solver import (
    Budget,
    Outcome,
    SolverLimits,
    make_map_solver,
    make_optimizer,
    make_solver,
    run_check,
)
from factcheck.limits import EXACT_MAX_STEPS, EXACT_UNITS_PER_STEP
from factcheck.model import FactSet
from factcheck.policy import Policy


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


class _Unknown(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def load(s: z3.Solver | z3.Optimize, enc: Encoding) -> None:
    """Assert an encoding's structure and guarded facts into a solver or optimizer."""
    if enc.script:
        s.from_string(enc.script)
        return
    s.add(*enc.structural)
    for fid in sorted(enc.trackers):
        s.add(z3.Implies(enc.trackers[fid], enc.constraints[fid]))


class _Component:
    def __init__(self, enc: Encoding, limits: SolverLimits, budget: Budget) -> None:
        enc.parsed()
        self.enc = enc
        self.limits = limits
        self.budget = budget
        self.ids = sorted(enc.trackers)
        self.solver = make_solver(enc.ctx, limits, difference_logic=enc.difference_only)
        load(self.solver, enc)
        self.by_id = {enc.trackers[f].get_id(): f for f in self.ids}

    def run(self, s: z3.Solver | z3.Optimize, *assumptions: Any) -> Outcome:
        """Check any of this component's solvers within its limits and budget; UNKNOWN raises."""
        res, why = run_check(s, self.limits, self.budget, *assumptions)
        if res is Outcome.UNKNOWN:
            raise _Unknown(why)
        return res

    def check(self, ids: list[str] | tuple[str, ...] | set[str]) -> Outcome:
        return self.run(self.solver, *[self.enc.trackers[f] for f in sorted(ids)])

    def core(self) -> list[str]:
        return sorted(self.by_id[a.get_id()] for a in self.solver.unsat_core())

    def shrink(self, core: list[str]) -> tuple[str, ...]:
        """A minimal unsatisfiable subset of an unsatisfiable core (deletion-based)."""
        necessary: list[str] = []
        candidates = sorted(core)
        while candidates:
            f = candidates.pop(0)
            if self.check(necessary + candidates) is Outcome.UNSAT:
                # f is not needed; the solver's core may drop further candidates at once
                kept = set(self.core())
                candidates = [c for c in candidates if c in kept]
            else:
                necessary.append(f)
        return tuple(sorted(necessary))


def _marco(comp: _Component, opts: SolveOptions, muses: list[tuple[str, ...]]) -> tuple[list[tuple[str, ...]], bool]:
    """Enumerate minimal conflicts (MUSes) with MARCO into ``muses``, up to a limit; True if all were found.

    Bounded by the count (``max_conflicts``) and by the component's budget, which every
    check of the map solver is charged to as well; an ``unknown`` from either solver
    raises, so a list cut short by a limit is never called complete.
    """
    ids = comp.ids
    ctx = comp.enc.ctx
    sel = {f: z3.Bool(f"sel:{f}", ctx) for f in ids}
    mapper = make_map_solver(ctx, comp.limits)
    while len(muses) < opts.max_conflicts:
        if comp.run(mapper) is not Outcome.SAT:
            return muses, True
        model = mapper.model()
        chosen = {d.name() for d in model.decls() if z3.is_true(model[d])}
        seed = {f for f in ids if f"sel:{f}" in chosen}
        # Grow the seed to a maximal unexplored set. The seed is asserted once in a scope
        # and each candidate checked alone: passing the whole seed as assumptions on every
        # check cost more in Python than the Boolean solving itself.
        mapper.push()
        mapper.add(*[sel[f] for f in sorted(seed)])
        for f in ids:
            if f not in seed and comp.run(mapper, sel[f]) is Outcome.SAT:
                seed.add(f)
                mapper.add(sel[f])
        mapper.pop()
        if comp.check(seed) is Outcome.SAT:
            mapper.add(z3.Or([sel[f] for f in ids if f not in seed] or [z3.BoolVal(False, ctx)]))
        else:
            mus = comp.shrink(comp.core())
            muses.append(mus)
            mapper.add(z3.Or([z3.Not(sel[f]) for f in mus]))
    return muses, comp.run(mapper) is not Outcome.SAT


ENUMERATION_SHARE = 2
"""Conflict enumeration may spend 1/ENUMERATION_SHARE of what is left of a component's budget,
so that the retraction and the timeline of what remains still get the rest."""


def _bounded_marco(
    comp: _Component, opts: SolveOptions, muses: list[tuple[str, ...]]
) -> tuple[list[tuple[str, ...]], bool]:
    """MARCO within a share of the component's budget, the list stopping, incomplete, when it is spent.

    As at the count limit: a resource limit, counted, not a clock.
    """
    left = comp.budget.left()
    if left is None:
        return _marco(comp, opts, muses)
    own, comp.budget = comp.budget, Budget(left // ENUMERATION_SHARE, parent=comp.budget)
    share = comp.budget
    try:
        return _marco(comp, opts, muses)
    except _Unknown:
        if not (muses and share.exhausted() and not own.exhausted()):
            raise
        return muses, False
    finally:
        comp.budget = own


def _retraction(
    comp: _Component, weights: dict[str, float], muses: list[tuple[str, ...]]
) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """The cheapest set of facts to drop (MaxSAT over fact weights, core-guided).

    Only facts that take part in some known conflict are soft; if the remaining hard
    facts still clash, their conflict is found, added, and the optimisation repeated.
    """
    soft = {f for m in muses for f in m}
    extra: list[tuple[str, ...]] = []
    while True:
        hard = [f for f in comp.ids if f not in soft]
        if comp.check(hard) is Outcome.UNSAT:
            mus = comp.shrink(comp.core())
            extra.append(mus)
            soft |= set(mus)
            continue
        opt = make_optimizer(comp.enc.ctx, comp.limits)
        load(opt, comp.enc)
        for f in hard:
            opt.add(comp.enc.trackers[f])
        order = sorted(soft)
        scale = 1 << (len(order) + 1)
        for rank, f in enumerate(order):
            # Integer costs keep z3's arithmetic exact. Each fact also adds a distinct power
            # of two, smaller than any difference in weight: no two retractions then cost
            # the same, so the optimum is unique and the output deterministic.
            cost = round(weights.get(f, 1.0) * 1000) * scale + (1 << rank)
            opt.add_soft(comp.enc.trackers[f], cost)
        comp.run(opt)
        model = opt.model()
        drop = tuple(sorted(f for f in soft if not z3.is_true(model.eval(comp.enc.trackers[f], model_completion=True))))
        return drop, extra


HORIZON_MARGIN = 2 * 366
"""A bound this close to the edge of the horizon comes from the horizon, not from the facts."""


def _open_ends(
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


def _negative_cycle(enc: Encoding, active: frozenset[str] | set[str] | None = None) -> bool:
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


def _bellman_ford(
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


class _Probe:
    """Satisfiability of the active facts plus temporary extra constraints."""

    def __init__(self, comp: _Component, active: list[str]) -> None:
        self.comp = comp
        self.s = comp.solver
        self.tr = [comp.enc.trackers[f] for f in active]
        # consequences already proved (years every model agrees on): asserting them spares
        # later probes the search over candidate years
        self.known: list[Any] = []

    def model(self, extra: list[Any]) -> z3.ModelRef | None:
        self.s.push()
        try:
            self.s.add(*self.known, *extra)
            res = self.comp.run(self.s, *self.tr)
            return self.s.model() if res is Outcome.SAT else None
        finally:
            self.s.pop()


def _fixed_year_edges(
    enc: Encoding, active: set[str], probe: _Probe, model: z3.ModelRef, policy: Policy
) -> list[tuple[str, str, int]]:
    """Difference edges from year-less dates whose year every solution agrees on.

    Once "Feb. 18" is known to be 2025 in every model, it is a plain bound again, and
    shortest paths give near-exact ranges without a search over two centuries.
    """
    out: list[tuple[str, str, int]] = []
    mp, yp = policy.month_parts(), policy.year_parts()
    for info in enc.yearless:
        if info.fact not in active:
            continue
        year = model.eval(info.year, model_completion=True).as_long()
        if probe.model([info.year != year]) is not None:
            continue
        probe.known.append(info.year == year)
        span = concrete_span(replace(info.value, year=year), mp, yp)
        if span is None:
            continue
        out += relation_edges(info.relation, info.lo_name, info.hi_name, *span)
    return out


def _ranges(
    comp: _Component, active: list[str], policy: Policy, model: z3.ModelRef | None = None
) -> tuple[dict[str, int], dict[str, int]]:
    """Earliest and latest feasible day of every variable, exact except near the horizon (see _open_ends)."""
    enc = comp.enc
    act = set(active)
    lo, hi = _bellman_ford(enc, act)
    names = sorted(enc.vars)
    if not enc.difference_only:
        probe = _Probe(comp, active)
        model = model or probe.model([])
        assert model is not None
        extra = _fixed_year_edges(enc, act, probe, model, policy)
        if extra:
            lo, hi = _bellman_ford(enc, act, extra)
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
            a2 = a + (wd - weekday_of(a)) % 7
            b2 = b - (weekday_of(b) - wd) % 7
            if a2 != a:
                edges.append((name, "0", -a2))
                changed = True
            if b2 != b:
                edges.append(("0", name, b2))
                changed = True
        if not changed:
            break
        lo, hi = _bellman_ford(enc, active, edges)
        if any(lo[n] > hi[n] for n in lo):
            break  # cannot happen for a satisfiable set; leave the rest to the solver
    return lo, hi


def _tighten(
    probe: _Probe, model: z3.ModelRef, names: list[str], enc: Encoding, bound: dict[str, int], *, lower: bool
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
        edge = bound[n]
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
            out[n] = lo_b
        else:
            lo_b, hi_b = seen[n], edge - 1  # the maximum lies in [lo_b, hi_b]
            while lo_b < hi_b:
                mid = (lo_b + hi_b + 1) // 2
                m = probe.model([x >= mid])
                if m is None:
                    hi_b = mid - 1
                else:
                    note(m)
                    lo_b = seen[n]
            out[n] = hi_b
    return out


class PathNotApplicable(ValueError):
    """A forced decision path (SolveOptions.path) does not apply to this component, or gave up on it."""


def solve_component(
    index: int, fs: FactSet, policy: Policy, as_of: int, opts: SolveOptions, budget: Budget | None = None
) -> ComponentResult:
    """Check one component and diagnose it: conflicts and retraction if unsat, ranges always.

    Everything spent is charged to the component's own budget (``opts.budget``) and to
    ``budget``, the story's, if given; when either runs out the component is inconclusive
    (or, if its contradiction was already proved, its explanations are incomplete), never
    consistent.
    """
    t0 = time.perf_counter()
    enc = encode(fs, policy, as_of)
    pendants = find_pendants(fs, enc, as_of) if opts.pendants and opts.path != "z3" else []
    result = _without_pendants(index, fs, pendants, policy, as_of, opts, budget) if pendants else None
    if result is None:
        result = _solve(index, fs, enc, policy, opts, Budget(opts.budget or None, parent=budget))
    else:
        result.difference_only = enc.difference_only
    result.ranges = _open_ends(enc, *_split_ranges(result.ranges), sorted(result.ranges))
    result.seconds = time.perf_counter() - t0
    return result


def _solve(
    index: int, fs: FactSet, enc: Encoding, policy: Policy, opts: SolveOptions, own: Budget, *, z3_too: bool = True
) -> ComponentResult:
    """Decide and diagnose an encoded component within ``own``; its ranges exact days (not yet opened)."""
    result = ComponentResult(
        index=index, outcome=Outcome.SAT, placeholders=dict(enc.placeholders), difference_only=enc.difference_only
    )
    try:
        _decide(result, enc, {f.id: f.weight for f in fs.facts}, policy, opts, own, z3_too=z3_too)
    finally:
        result.units = own.spent
    return result


def _split_ranges(ranges: dict[str, tuple[Any, Any]]) -> tuple[dict[str, int], dict[str, int]]:
    return {n: r[0] for n, r in ranges.items()}, {n: r[1] for n, r in ranges.items()}


def _without_pendants(
    index: int, fs: FactSet, pendants: list[Pendant], policy: Policy, as_of: int, opts: SolveOptions,
    budget: Budget | None,
) -> ComponentResult | None:  # fmt: skip
    """The component decided without its pendant facts and without z3, their ranges restored; None: solve it whole.

    Only the z3-free paths are tried on the rest: they are deterministic, so the rest's
    conflicts, retraction and ranges are the whole's (factcheck.engine.pendant), whereas
    z3's enumeration and budget use depend on every fact present.  A conflict list at its
    limit (which conflicts come first may depend on the path the whole would take), unless
    only the outcome is asked, or
    every other fact retracted (the rest has no timeline, the whole has its pendants') is
    solved whole too.  The trial spends a budget of its own, charged only when it stands,
    so a component solved whole spends what it always did.
    """
    own = Budget(opts.budget or None, parent=budget)
    trial = Budget(own.left())
    rest = without(fs, pendants)
    rest_enc = encode(rest, policy, as_of)
    try:
        result = _solve(index, rest, rest_enc, policy, opts, trial, z3_too=False)
    except PathNotApplicable:
        return None
    if result.path not in ("bellman-ford", "exact") or result.reason:
        return None
    if opts.ranges and not result.conflicts_complete:
        return None  # (a consistency probe asks for the outcome only, the same either way)
    if not result.ranges and (rest_enc.vars or result.outcome is Outcome.UNSAT):
        return None  # every fact of the rest retracted
    restore(pendants, result.ranges)
    own.spend(trial.spent)
    return result


def _decide(
    result: ComponentResult,
    enc: Encoding,
    weights: dict[str, float],
    policy: Policy,
    opts: SolveOptions,
    own: Budget,
    *,
    z3_too: bool = True,
) -> None:
    """Decide a component on its path; ranges as exact days (``_ranges``), none when no fact is left.

    Without ``z3_too``, a component the z3-free paths do not decide is left undecided (no path).
    """
    path = opts.path
    if path == "bellman-ford" or (path == "auto" and enc.difference_only and not _negative_cycle(enc)):
        # Differences of days alone: Bellman-Ford decides them exactly (it is what z3's
        # difference-logic theory does too) and its distances are the exact ranges.
        _by_shortest_paths(result, enc, weights, opts)
        return
    if own.exhausted():
        result.outcome, result.path, result.reason = Outcome.UNKNOWN, "none", "resource budget spent"
        return
    if path == "exact" or (path == "auto" and enc.exact and _no_tight_limits(opts.limits)):
        if not enc.exact:
            raise PathNotApplicable("the exact path applies to differences, weekdays and year-less dates only")
        left = own.left()
        meter = Meter(EXACT_MAX_STEPS if left is None else min(EXACT_MAX_STEPS, left // EXACT_UNITS_PER_STEP))
        try:
            fast = solve_exact(enc, weights, opts.max_conflicts, meter)
        finally:
            own.spend(meter.steps * EXACT_UNITS_PER_STEP)
        if fast is not None:
            # differences, weekdays and year-less dates: outcome, every minimal conflict, the
            # unique cheapest retraction and exact ranges without z3 (factcheck.engine.exact);
            # the solver's enumeration, MaxSAT and probes come to the same answers
            result.path = "exact"
            result.outcome = Outcome.SAT if fast.sat else Outcome.UNSAT
            result.conflicts = fast.conflicts
            result.conflicts_complete = fast.complete
            result.retract = fast.retract
            if fast.ranges is not None:
                result.ranges = _exact_ranges(*fast.ranges)
            return
        if path == "exact":
            raise PathNotApplicable("the exact path gave up on this component")
    if not z3_too:
        return
    result.path = "z3"
    try:
        comp = _Component(enc, opts.limits, own)
        result.outcome = comp.check(comp.ids)
    except _Unknown as exc:
        result.outcome = Outcome.UNKNOWN
        result.reason = exc.reason or "unknown"
        return
    if not opts.ranges:
        # A consistency probe: the outcome is all that is asked (no conflicts, no timeline).
        return
    active = comp.ids
    model = comp.solver.model() if result.outcome is Outcome.SAT else None
    if result.outcome is Outcome.UNSAT:
        first_core = tuple(comp.core())
        found: list[tuple[str, ...]] = []
        try:
            muses, complete = _bounded_marco(comp, opts, found)
            drop, extra = _retraction(comp, weights, muses)
            result.conflicts = sorted(set(muses) | set(extra))
            result.conflicts_complete = complete
            result.retract = drop
            active = [f for f in comp.ids if f not in set(drop)]
        except _Unknown as exc:
            # still a contradiction: report what was found, flagged as not minimal/complete
            result.conflicts = sorted(set(found)) or [first_core]
            result.conflicts_complete = False
            result.reason = f"explanations incomplete: the solver gave up ({exc.reason})"
            active = []
    try:
        if result.outcome is Outcome.SAT or active:
            result.ranges = _exact_ranges(*_ranges(comp, active, policy, model))
    except _Unknown as exc:
        result.reason = (result.reason + "; " if result.reason else "") + f"ranges incomplete ({exc.reason})"
        result.ranges = {}


def _exact_ranges(lo: dict[str, int], hi: dict[str, int]) -> dict[str, tuple[int | None, int | None]]:
    return {n: (lo[n], hi[n]) for n in sorted(lo)}


def _by_shortest_paths(result: ComponentResult, enc: Encoding, weights: dict[str, float], opts: SolveOptions) -> None:
    """Decide a component of difference constraints by Bellman-Ford: negative cycles are its conflicts."""
    if not enc.difference_only:
        raise PathNotApplicable("the Bellman-Ford path applies to difference constraints only")
    result.path = "bellman-ford"
    ids = sorted(enc.fact_ids)
    if _negative_cycle(enc):
        muses, complete = all_conflicts(ids, lambda active: not _negative_cycle(enc, active), opts.max_conflicts)
        if not complete:
            raise PathNotApplicable("as many conflicts as the enumeration limit")
        if not muses or any(not m for m in muses):
            raise PathNotApplicable("the frame itself is infeasible")
        result.outcome = Outcome.UNSAT
        result.conflicts = sorted(tuple(sorted(m)) for m in muses)
        result.retract = cheapest_hitting_set(muses, weights)
        active = set(ids) - set(result.retract)
        if not active:
            return
    else:
        active = set(ids)
    result.ranges = _exact_ranges(*_bellman_ford(enc, active))


def diagnose_encoding(
    enc: Encoding, weights: dict[str, float], opts: SolveOptions
) -> tuple[Outcome, list[tuple[str, ...]], bool, tuple[str, ...], str]:
    """Check an encoding built by another front end (e.g. TimeML links).

    Returns the outcome, the minimal conflicts, whether enumeration was complete, the
    cheapest retraction and the solver's reason when it gave up.
    """
    try:
        comp = _Component(enc, opts.limits, Budget(opts.budget or None))
        res = comp.check(comp.ids)
    except _Unknown as exc:
        return Outcome.UNKNOWN, [], False, (), exc.reason
    if res is not Outcome.UNSAT:
        return res, [], True, (), ""
    first_core = tuple(comp.core())
    found: list[tuple[str, ...]] = []
    try:
        muses, complete = _marco(comp, opts, found)
        drop, extra = _retraction(comp, weights, muses)
        return res, sorted(set(muses) | set(extra)), complete, drop, ""
    except _Unknown as exc:
        return res, sorted(set(found)) or [first_core], False, (), f"explanations incomplete ({exc.reason})"
