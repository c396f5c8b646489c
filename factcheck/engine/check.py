"""Checking a whole fact set: verify quotes, split, solve each component, merge a Report.

Components are solved in this process or in a pool of worker processes; either way the
inputs and results are plain data and the merged report is sorted, so the output is the
same bytes whatever the parallelism.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from factcheck import diagnostics, interrupts
from factcheck.calendar import from_day, to_day
from factcheck.engine.bounds import check_document_times
from factcheck.engine.components import split
from factcheck.engine.diagnose import (
    ComponentResult,
    DecisionPath,
    SolveOptions,
    result_from_json,
    result_to_json,
    solve_component,
)
from factcheck.engine.names import document_name, event_name, ordinals
from factcheck.engine.solver import Budget, Outcome, SolverLimits
from factcheck.facts.ids import fact_refs
from factcheck.limits import DEFAULT_COMPONENT_BUDGET, DEFAULT_RLIMIT, DEFAULT_TIMEOUT_MS
from factcheck.model import (
    DateRange,
    DocumentTimes,
    EventTimes,
    Fact,
    FactSet,
    Finding,
    Mention,
    Report,
)
from factcheck.policy import Policy, load_policy


@dataclass(frozen=True)
class CheckOptions:
    """Everything a check needs besides the facts."""

    as_of: dt.date = field(default_factory=dt.date.today)
    policy: Policy | None = None
    timeout_ms: int = DEFAULT_TIMEOUT_MS
    rlimit: int = DEFAULT_RLIMIT
    seed: int = 0
    max_conflicts: int = 10
    jobs: int = 1
    verify_quotes: bool = True
    ranges: bool = True  # False: only whether each component is consistent (no timeline)
    component_budget: int = DEFAULT_COMPONENT_BUDGET  # resource units per component (0: none)
    story_budget: int = 0  # resource units for the whole check (0: none); audit sets one per story
    path: DecisionPath = "auto"  # force one decision path (diagnose.DecisionPath), for cross-checks


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


def _run(args: tuple[int, FactSet, Policy, int, SolveOptions]) -> ComponentResult:
    return solve_component(*args)


def _fits(r: ComponentResult, budget: Budget) -> bool:
    left = budget.left()
    return left is None or r.units <= left


PATH_TALLY: Counter[str] = Counter()
"""How many components each decision path decided in this process (benchmarks read it)."""

_SHARED: list[tuple[int, FactSet, Policy, int, SolveOptions]] = []
"""The work of the current parallel check, set before the pool forks: workers inherit it."""


def _run_shared(span: tuple[int, int]) -> list[ComponentResult]:
    return [_run(_SHARED[i]) for i in range(*span)]


def check(
    fs: FactSet,
    options: CheckOptions | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    cache: ResultStore | None = None,
    budget: Budget | None = None,
) -> Report:
    """Check a fact set: contradictions with their minimal explanations, gaps and a timeline.

    With a cache, components whose content is unchanged since a previous run are not
    solved again; inconclusive results are never cached.  ``budget`` (else one of
    ``options.story_budget`` units, if set) is shared by all components, spent in
    component order: once it is gone, the components left are inconclusive.
    """
    options = options or CheckOptions()
    check_document_times(fs, options.as_of)
    policy = options.policy or load_policy()
    # The fact set is built and read-only from here on: moving it out of the collector's
    # reach keeps full collections from rescanning millions of objects (superlinear on
    # large sets) and keeps forked workers from touching, and so copying, its pages.
    gc.freeze()
    try:
        if budget is None and options.story_budget:
            budget = Budget(options.story_budget)
        return _check(fs, options, policy, progress, cache, budget)
    finally:
        gc.unfreeze()


def _check(
    fs: FactSet,
    options: CheckOptions,
    policy: Policy,
    progress: Callable[[int, int], None] | None,
    cache: ResultStore | None,
    budget: Budget | None,
) -> Report:
    work = list(_solve_args(fs, options, policy))
    done, keys = _cached(work, cache, policy, options)
    todo = [w for w in work if w[0] not in done]
    n_done = len(done)
    if progress and n_done:
        progress(n_done, len(work))
    if options.jobs > 1 and len(todo) > 1:
        workers = min(options.jobs, len(todo))
        chunk = max(1, len(todo) // (workers * 8))
        spans = [(a, min(a + chunk, len(todo))) for a in range(0, len(todo), chunk)]
        # fork: workers start in milliseconds, need no importable __main__ and inherit the
        # work (only index ranges and results are pickled); each component's z3 context
        # is freed with it, so workers do not accumulate memory
        _SHARED[:] = todo
        try:
            with interrupts.ForkPool(workers) as pool:
                for rs in pool.map(_run_shared, spans):
                    for r in rs:
                        done[r.index] = r
                        n_done += 1
                        if progress:
                            progress(n_done, len(work))
        finally:
            _SHARED.clear()
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
        PATH_TALLY[r.path or "none"] += 1
        results.append(r)
    if cache is not None:
        for r in results:
            if r.index not in cached and r.outcome is not Outcome.UNKNOWN and not r.reason:
                cache.put(keys[r.index], result_to_json(r))
    return assemble(fs, [w[1] for w in work], results, options, policy)


def _cached(
    work: list[tuple[int, FactSet, Policy, int, SolveOptions]],
    cache: ResultStore | None,
    policy: Policy,
    options: CheckOptions,
) -> tuple[dict[int, ComponentResult], dict[int, str]]:
    """The components' results found in the cache, and every component's cache key (none without a cache)."""
    done: dict[int, ComponentResult] = {}
    keys: dict[int, str] = {}
    if cache is not None:
        for i, comp, *_ in work:
            keys[i] = component_key(comp, policy, options)
            hit = cache.get(keys[i])
            if isinstance(hit, dict):
                done[i] = result_from_json(hit, i)
    return done, keys


# --------------------------------------------------------------------------- assembly


def _date(d: int | None) -> dt.date | None:
    return None if d is None else from_day(d)


def assemble(
    fs: FactSet, comps: list[FactSet], results: list[ComponentResult], options: CheckOptions, policy: Policy
) -> Report:
    """Merge component results into one Report, sorted for determinism."""
    facts = {f.id: f for f in fs.facts}
    findings: list[Finding] = diagnostics.fc102_quote_drift.detect(fs) if options.verify_quotes else []
    ranges: dict[str, tuple[int | None, int | None]] = {}
    placeholders: dict[str, str] = {}
    stats: dict[str, int] = defaultdict(int)
    for comp, res in sorted(zip(comps, results, strict=True), key=lambda p: p[1].index):
        stats["components"] += 1
        stats[f"components_{res.outcome.value}"] += 1
        ranges.update(res.ranges)
        placeholders.update(res.placeholders)
        if res.outcome is Outcome.UNKNOWN:
            findings.append(diagnostics.fc301_inconclusive.undecided(comp, res))
            continue
        findings += diagnostics.fc101_contradiction.detect(res, facts)
        if res.conflicts and not res.conflicts_complete:
            stats["conflict_enumeration_truncated"] += 1
            if len(res.conflicts) < options.max_conflicts:  # stopped by its share of the budget, not by the limit
                stats["conflict_enumeration_out_of_time"] += 1
        if res.reason:
            # decided, but the solver gave up on part of the diagnosis: what was established
            # stands, and the rest is inconclusive, never complete or consistent
            findings.append(diagnostics.fc301_inconclusive.partial(comp, res))
    findings += diagnostics.gaps(fs, ranges, placeholders, policy)
    events = _events(fs, ranges, placeholders, facts)
    documents = tuple(
        DocumentTimes(
            id=d.id,
            title=d.title,
            name=document_name(d, fs.text_paths.get(d.id)),
            published=DateRange(
                earliest=_date(ranges.get(f"d:{d.id}.published", (None, None))[0]),
                latest=_date(ranges.get(f"d:{d.id}.published", (None, None))[1]),
            ),
            retrieved=DateRange(
                earliest=_date(ranges.get(f"d:{d.id}.retrieved", (None, None))[0]),
                latest=_date(ranges.get(f"d:{d.id}.retrieved", (None, None))[1]),
            ),
        )
        for d in sorted(fs.documents, key=lambda d: d.id)
    )
    status = diagnostics.report_status(findings)
    stats["facts"] = len(fs.facts)
    stats["events"] = len(fs.events)
    stats["documents"] = len(fs.documents)
    return Report(
        status=status,
        as_of=options.as_of,
        documents=documents,
        events=events,
        findings=tuple(sorted(findings, key=diagnostics.finding_key)),
        stats=dict(sorted(stats.items())),
    )


def _event_range(
    ev_id: str, extent: str, ranges: dict[str, tuple[int | None, int | None]]
) -> tuple[tuple[int | None, int | None], tuple[int | None, int | None]]:
    if extent == "point" or f"e:{ev_id}" in ranges:
        r = ranges.get(f"e:{ev_id}", (None, None))
        return r, r
    return ranges.get(f"e:{ev_id}.start", (None, None)), ranges.get(f"e:{ev_id}.end", (None, None))


def _events(
    fs: FactSet, ranges: dict[str, tuple[int | None, int | None]], placeholders: dict[str, str], facts: dict[str, Fact]
) -> tuple[EventTimes, ...]:
    mentions: dict[str, set[Mention]] = defaultdict(set)
    for f in fs.facts:
        if f.doc is None or f.span is None or f.quote is None:
            continue
        for ref in fact_refs(f):
            if not ref.doc:
                mentions[ref.id].add(Mention(doc=f.doc, start=f.span[0], end=f.span[1], text=f.quote))
        for attr in ("subject", "anchor"):
            v = getattr(f, attr, None)
            if isinstance(v, str):
                mentions[v].add(Mention(doc=f.doc, start=f.span[0], end=f.span[1], text=f.quote))
    out = []
    ords = ordinals(fs.facts)
    for ev in fs.events:
        start, end = _event_range(ev.id, ev.extent, ranges)
        ms = tuple(sorted(set(ev.mentions) | mentions.get(ev.id, set()), key=lambda m: (m.doc, m.start, m.end, m.text)))
        out.append(
            EventTimes(
                id=ev.id,
                label=event_name(ev, ords.get(ev.id)),
                earliest=_date(start[0]),
                latest=_date(end[1]),
                start=None if ev.extent == "point" else DateRange(earliest=_date(start[0]), latest=_date(start[1])),
                end=None if ev.extent == "point" else DateRange(earliest=_date(end[0]), latest=_date(end[1])),
                mentions=ms,
            )
        )
    for pid, series in placeholders.items():
        r = ranges.get(f"e:{pid}", (None, None))
        out.append(
            EventTimes(
                id=pid,
                label=f"an earlier event of series {series} that no fact names",
                earliest=_date(r[0]),
                latest=_date(r[1]),
                implicit=True,
            )
        )
    return tuple(sorted(out, key=lambda e: e.id))
