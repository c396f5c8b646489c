"""Checking a whole fact set: split it, solve each component, and assemble the Report.

The driver of a check, above both the engine (which solves a component) and diagnostics
(which turn the results into findings, in :mod:`factcheck.runtime.assemble`).  Components
are solved in this process or by forked workers (:mod:`factcheck.runtime.fork`); either
way only plain data crosses a process boundary (a component's index in, its
``ComponentResult`` out, never a z3 object) and the merged report is sorted, so the output
is the same bytes whatever the parallelism.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any, Protocol

from factcheck import interrupts
from factcheck.calendar import to_day
from factcheck.engine.bounds import check_document_times
from factcheck.engine.components import split
from factcheck.engine.diagnose import (
    ComponentResult,
    SolveOptions,
    result_from_json,
    result_to_json,
    solve_component,
)
from factcheck.engine.solver import Budget, Outcome, SolverLimits
from factcheck.model import FactSet, Report
from factcheck.policy import Policy, load_policy
from factcheck.runtime.assemble import assemble
from factcheck.runtime.fork import fork_map
from factcheck.runtime.options import CheckOptions


class ResultStore(Protocol):
    """Where component results may be cached (see factcheck.cache.Cache)."""

    def get(self, key: str) -> Any | None:
        """A stored value, or None."""

    def put(self, key: str, value: Any) -> None:
        """Store a value."""


def component_key(comp: FactSet, policy: Policy, options: CheckOptions) -> str:
    """Everything a component's result depends on, hashed."""
    from factcheck.cache import content_key

    facts = comp.model_dump_json(include={"documents", "events", "facts"})
    o = options
    solver = f"{o.as_of}|{o.timeout_ms}|{o.rlimit}|{o.seed}|{o.max_conflicts}|{o.ranges}|{o.component_budget}|{o.path}"
    return content_key(facts, policy.model_dump_json(), solver)


def _solve_args(
    fs: FactSet, options: CheckOptions, policy: Policy
) -> Iterator[tuple[int, FactSet, Policy, int, SolveOptions]]:
    solve = SolveOptions(
        limits=SolverLimits(options.timeout_ms, options.rlimit, options.seed),
        max_conflicts=options.max_conflicts,
        budget=options.component_budget,
        ranges=options.ranges,
        path=options.path,
    )
    for i, comp in enumerate(split(fs)):
        yield i, comp, policy, to_day(options.as_of), solve


def _fits(r: ComponentResult, budget: Budget) -> bool:
    left = budget.left()
    return left is None or r.units <= left


def _run_nth(work: list[tuple[int, FactSet, Policy, int, SolveOptions]], n: int) -> ComponentResult:
    return solve_component(*work[n])


def check(
    fs: FactSet,
    options: CheckOptions | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    cache: ResultStore | None = None,
    budget: Budget | None = None,
    paths: Counter[str] | None = None,
) -> Report:
    """Check a fact set: contradictions with their minimal explanations, gaps and a timeline.

    With a cache, components whose content is unchanged since a previous run are not
    solved again; inconclusive results are never cached.  ``budget`` (else one of
    ``options.story_budget`` units, if set) is shared by all components, spent in
    component order: once it is gone, the components left are inconclusive.  ``paths``,
    if given, is told how many components each decision path decided (``none``: no path).
    """
    options = options or CheckOptions()
    check_document_times(fs, options.as_of)
    policy = options.policy or load_policy()
    if budget is None and options.story_budget:
        budget = Budget(options.story_budget)
    return _check(fs, options, policy, progress, cache, budget, Counter() if paths is None else paths)


def _check(
    fs: FactSet,
    options: CheckOptions,
    policy: Policy,
    progress: Callable[[int, int], None] | None,
    cache: ResultStore | None,
    budget: Budget | None,
    paths: Counter[str],
) -> Report:
    work = list(_solve_args(fs, options, policy))
    done: dict[int, ComponentResult] = {}
    keys: dict[int, str] = {}
    if cache is not None:
        for i, comp, *_ in work:
            keys[i] = component_key(comp, policy, options)
            hit = cache.get(keys[i])
            if isinstance(hit, dict):
                done[i] = result_from_json(hit, i)
    todo = [w for w in work if w[0] not in done]
    n_done = len(done)
    if progress and n_done:
        progress(n_done, len(work))
    if options.jobs > 1 and len(todo) > 1:
        workers = min(options.jobs, len(todo))
        chunk = max(1, len(todo) // (workers * 8))
        # The workers inherit the work list when they are forked: only positions in it go
        # out, and results come back.
        positions = range(len(todo))
        for r in fork_map(_run_nth, todo, positions, workers, batch=chunk, window=len(todo)):
            done[r.index] = r
            n_done += 1
            if progress:
                progress(n_done, len(work))
    cached = set(done) - {w[0] for w in todo}
    results: list[ComponentResult] = []
    for args in work:
        hit = done.get(args[0])
        # A result solved without the shared budget (cached, or from a worker) stands when
        # it spent no more than is left: solving it now, within what is left, would give the
        # same.  Otherwise it is solved again within what is left, so the report is the same
        # whatever the cache and the parallelism.
        if hit is None or (budget is not None and not _fits(hit, budget)):
            interrupts.checkpoint()
            if hit is None:
                n_done += 1
            r = solve_component(*args, budget)
            cached.discard(args[0])
            if progress and args[0] not in done:
                progress(n_done, len(work))
        else:
            r = hit
            if budget is not None:
                budget.spend(r.units)
        paths[r.path or "none"] += 1
        results.append(r)
    if cache is not None:
        for r in results:
            if r.index not in cached and r.outcome is not Outcome.UNKNOWN and not r.reason:
                cache.put(keys[r.index], result_to_json(r))
    return assemble(fs, [w[1] for w in work], results, options, policy)
