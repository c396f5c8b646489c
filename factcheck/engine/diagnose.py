"""Solving one component: the decision path, then minimal conflicts, the cheapest retraction and ranges.

The difference graph decides components of differences alone, the exact search those of
differences, weekdays and year-less dates, z3 the rest (``engine.options.DecisionPath``);
all three read the component's constraint IR (``engine.ir``).  The result is plain data
(``engine.result``), so it can come back from another process and be merged
deterministically.
"""

from __future__ import annotations

import time
from typing import Any

from factcheck.engine.encode import Encoding, encode
from factcheck.engine.exact import Meter, all_conflicts, cheapest_hitting_set, solve_exact
from factcheck.engine.options import EXACT_MIN_RLIMIT as EXACT_MIN_RLIMIT
from factcheck.engine.options import EXACT_MIN_TIMEOUT_MS as EXACT_MIN_TIMEOUT_MS
from factcheck.engine.options import DecisionPath as DecisionPath
from factcheck.engine.options import SolveOptions as SolveOptions
from factcheck.engine.options import no_tight_limits as _no_tight_limits
from factcheck.engine.pendant import Pendant, find_pendants, restore, without
from factcheck.engine.ranges import bellman_ford, negative_cycle, open_ends, z3_ranges
from factcheck.engine.result import ComponentResult as ComponentResult
from factcheck.engine.result import result_from_json as result_from_json
from factcheck.engine.result import result_to_json as result_to_json
from factcheck.engine.solver import Budget, Outcome
from factcheck.engine.z3path import Component, Unknown, bounded_marco, retraction
from factcheck.engine.z3path import diagnose_encoding as diagnose_encoding
from factcheck.limits import EXACT_MAX_STEPS, EXACT_UNITS_PER_STEP
from factcheck.model import FactSet
from factcheck.policy import Policy


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
    result.ranges = open_ends(enc, *_split_ranges(result.ranges), sorted(result.ranges))
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
    """Decide a component on its path; ranges as exact days (``z3_ranges``), none when no fact is left.

    Without ``z3_too``, a component the z3-free paths do not decide is left undecided (no path).
    """
    path = opts.path
    if path == "bellman-ford" or (path == "auto" and enc.difference_only and not negative_cycle(enc)):
        # Differences of days alone: Bellman-Ford decides them exactly (it is what z3's
        # difference-logic theory does too) and its distances are the exact ranges.
        _by_shortest_paths(result, enc, weights, opts)
        return
    if own.exhausted():
        result.outcome, result.path, result.reason = Outcome.UNKNOWN, "none", "resource budget spent"
        return
    if path == "exact" or (path == "auto" and enc.exact and _no_tight_limits(opts.limits)):
        if _by_exact_search(result, enc, weights, opts, own):
            return
    if z3_too:
        _by_z3(result, enc, weights, policy, opts, own)


def _by_exact_search(
    result: ComponentResult, enc: Encoding, weights: dict[str, float], opts: SolveOptions, own: Budget
) -> bool:
    """Decide a component by the exact search (``engine.exact``); False when it gave up (ask z3)."""
    if not enc.exact:
        raise PathNotApplicable("the exact path applies to differences, weekdays and year-less dates only")
    left = own.left()
    meter = Meter(EXACT_MAX_STEPS if left is None else min(EXACT_MAX_STEPS, left // EXACT_UNITS_PER_STEP))
    try:
        fast = solve_exact(enc, weights, opts.max_conflicts, meter)
    finally:
        own.spend(meter.steps * EXACT_UNITS_PER_STEP)
    if fast is None:
        if opts.path == "exact":
            raise PathNotApplicable("the exact path gave up on this component")
        return False
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
    return True


def _by_z3(
    result: ComponentResult, enc: Encoding, weights: dict[str, float], policy: Policy, opts: SolveOptions, own: Budget
) -> None:
    """Decide a component with z3: MARCO's conflicts, the MaxSAT retraction, the probes' ranges."""
    result.path = "z3"
    try:
        comp = Component(enc, opts.limits, own)
        result.outcome = comp.check(comp.ids)
    except Unknown as exc:
        result.outcome = Outcome.UNKNOWN
        result.reason = exc.reason or "unknown"
        return
    if not opts.ranges:
        # A consistency probe: the outcome is all that is asked (no conflicts, no timeline).
        return
    active = comp.ids
    model = comp.solver.model() if result.outcome is Outcome.SAT else None
    if result.outcome is Outcome.UNSAT:
        active = _explain(result, comp, weights, opts)
    try:
        if result.outcome is Outcome.SAT or active:
            result.ranges = _exact_ranges(*z3_ranges(comp, active, model))
    except Unknown as exc:
        result.reason = (result.reason + "; " if result.reason else "") + f"ranges incomplete ({exc.reason})"
        result.ranges = {}


def _explain(result: ComponentResult, comp: Component, weights: dict[str, float], opts: SolveOptions) -> list[str]:
    """A contradiction's minimal conflicts and cheapest retraction; the facts left active."""
    first_core = tuple(comp.core())
    found: list[tuple[str, ...]] = []
    try:
        muses, complete = bounded_marco(comp, opts, found)
        drop, extra = retraction(comp, weights, muses)
    except Unknown as exc:
        # still a contradiction: report what was found, flagged as not minimal/complete
        result.conflicts = sorted(set(found)) or [first_core]
        result.conflicts_complete = False
        result.reason = f"explanations incomplete: the solver gave up ({exc.reason})"
        return []
    result.conflicts = sorted(set(muses) | set(extra))
    result.conflicts_complete = complete
    result.retract = drop
    return [f for f in comp.ids if f not in set(drop)]


def _exact_ranges(lo: dict[str, int], hi: dict[str, int]) -> dict[str, tuple[int | None, int | None]]:
    return {n: (lo[n], hi[n]) for n in sorted(lo)}


def _by_shortest_paths(result: ComponentResult, enc: Encoding, weights: dict[str, float], opts: SolveOptions) -> None:
    """Decide a component of difference constraints by Bellman-Ford: negative cycles are its conflicts."""
    if not enc.difference_only:
        raise PathNotApplicable("the Bellman-Ford path applies to difference constraints only")
    result.path = "bellman-ford"
    ids = sorted(enc.fact_ids)
    if negative_cycle(enc):
        muses, complete = all_conflicts(ids, lambda active: not negative_cycle(enc, active), opts.max_conflicts)
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
    result.ranges = _exact_ranges(*bellman_ford(enc, active))
