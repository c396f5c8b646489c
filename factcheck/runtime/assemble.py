"""Assembling a check's Report from its components' results: findings, timeline, stats.

Here the engine's results meet diagnostics, the modules that turn them into findings; the
report is sorted, so it is the same bytes whatever order the components were solved in.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from factcheck import diagnostics
from factcheck.calendar import from_day
from factcheck.engine.diagnose import ComponentResult
from factcheck.engine.names import document_name, event_name, ordinals
from factcheck.engine.solver import Outcome
from factcheck.facts.ids import fact_refs
from factcheck.model import DateRange, DocumentTimes, EventTimes, Fact, FactSet, Finding, Mention, Ref, Report
from factcheck.policy import Policy
from factcheck.runtime.options import CheckOptions


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


def _fact_mentions(f: Fact) -> list[tuple[str, Mention]]:
    """The events a fact's quote names, each with its mention there.

    A fact that says which words of its quote name which event (``words``: "went on sale on
    Friday, three days after Merrow unveiled it") gives each event only its own words, so
    that two events one sentence relates keep apart mentions; any other fact's whole quote is
    a mention of every event it refers to.
    """
    if f.doc is None or f.span is None or f.quote is None:
        return []
    if f.words:
        out = []
        for w in f.words:
            ref = getattr(f, w.role, None)
            ev_id = ref if isinstance(ref, str) else ref.id if isinstance(ref, Ref) and not ref.doc else None
            if ev_id is not None:
                text = f.quote[w.start - f.span[0] : w.end - f.span[0]]
                out.append((ev_id, Mention(doc=f.doc, start=w.start, end=w.end, text=text)))
        return out
    whole = Mention(doc=f.doc, start=f.span[0], end=f.span[1], text=f.quote)
    ids = [ref.id for ref in fact_refs(f) if not ref.doc]
    ids += [v for attr in ("subject", "anchor") if isinstance(v := getattr(f, attr, None), str)]
    return [(ev_id, whole) for ev_id in ids]


def _events(
    fs: FactSet, ranges: dict[str, tuple[int | None, int | None]], placeholders: dict[str, str], facts: dict[str, Fact]
) -> tuple[EventTimes, ...]:
    mentions: dict[str, set[Mention]] = defaultdict(set)
    for f in fs.facts:
        for ev_id, mention in _fact_mentions(f):
            mentions[ev_id].add(mention)
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
