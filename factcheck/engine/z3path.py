"""The z3 path: a component's solver, minimal conflicts (MARCO) and the cheapest retraction (MaxSAT).

Every check is charged to the component's budget (``engine.solver.run_check``); an
``unknown`` raises ``Unknown``, so a list cut short by a limit is never called complete.
"""

from __future__ import annotations

from typing import Any

import z3

from factcheck.engine.ir import Encoding
from factcheck.engine.options import SolveOptions
from factcheck.engine.solver import (
    Budget,
    Outcome,
    SolverLimits,
    make_map_solver,
    make_optimizer,
    make_solver,
    run_check,
)


class Unknown(Exception):
    """The solver answered unknown (a limit, the budget); ``reason`` says why."""

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


class Component:
    """A component's solver with its facts' trackers, every check charged to its budget."""

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
            raise Unknown(why)
        return res

    def check(self, ids: list[str] | tuple[str, ...] | set[str]) -> Outcome:
        """Whether these facts (with the structure) can all hold."""
        return self.run(self.solver, *[self.enc.trackers[f] for f in sorted(ids)])

    def core(self) -> list[str]:
        """The facts of the last unsatisfiable check's core, sorted."""
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


def marco(comp: Component, opts: SolveOptions, muses: list[tuple[str, ...]]) -> tuple[list[tuple[str, ...]], bool]:
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


def bounded_marco(
    comp: Component, opts: SolveOptions, muses: list[tuple[str, ...]]
) -> tuple[list[tuple[str, ...]], bool]:
    """MARCO within a share of the component's budget, the list stopping, incomplete, when it is spent.

    As at the count limit: a resource limit, counted, not a clock.
    """
    left = comp.budget.left()
    if left is None:
        return marco(comp, opts, muses)
    own, comp.budget = comp.budget, Budget(left // ENUMERATION_SHARE, parent=comp.budget)
    share = comp.budget
    try:
        return marco(comp, opts, muses)
    except Unknown:
        if not (muses and share.exhausted() and not own.exhausted()):
            raise
        return muses, False
    finally:
        comp.budget = own


def retraction(
    comp: Component, weights: dict[str, float], muses: list[tuple[str, ...]]
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


def diagnose_encoding(
    enc: Encoding, weights: dict[str, float], opts: SolveOptions
) -> tuple[Outcome, list[tuple[str, ...]], bool, tuple[str, ...], str]:
    """Check an encoding built by another front end (e.g. TimeML links).

    Returns the outcome, the minimal conflicts, whether enumeration was complete, the
    cheapest retraction and the solver's reason when it gave up.
    """
    try:
        comp = Component(enc, opts.limits, Budget(opts.budget or None))
        res = comp.check(comp.ids)
    except Unknown as exc:
        return Outcome.UNKNOWN, [], False, (), exc.reason
    if res is not Outcome.UNSAT:
        return res, [], True, (), ""
    first_core = tuple(comp.core())
    found: list[tuple[str, ...]] = []
    try:
        muses, complete = marco(comp, opts, found)
        drop, extra = retraction(comp, weights, muses)
        return res, sorted(set(muses) | set(extra)), complete, drop, ""
    except Unknown as exc:
        return res, sorted(set(found)) or [first_core], False, (), f"explanations incomplete ({exc.reason})"
