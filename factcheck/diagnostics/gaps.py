"""What the gap codes (FC201–FC204) share: which events' ranges are open, and the facts that bear on them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from factcheck.diagnostics.base import Code, day, make, source
from factcheck.engine.names import event_name, ordinals
from factcheck.facts.ids import fact_refs
from factcheck.model import Event, Fact, FactSet, Finding, FindingDetail, FirstSinceFact, LastBeforeFact

Ranges = dict[str, tuple[int | None, int | None]]


def wide(r: tuple[int | None, int | None], limit: int) -> bool:
    """Whether a range of days is open at an end or wider than ``limit`` days."""
    lo, hi = r
    return lo is None or hi is None or hi - lo > limit


@dataclass(frozen=True)
class OpenEvent:
    """A named event whose date (a ranged event's start) the facts leave wider than the policy allows."""

    event: Event
    label: str
    range: tuple[int | None, int | None]
    part: str | None  # "start" for a ranged event
    related: tuple[str, ...]  # the facts about it and those that refer to it, sorted
    referring: tuple[Fact, ...]  # the "last met" and "first since" facts that refer to it


def open_events(fs: FactSet, ranges: Ranges, limit: int) -> list[OpenEvent]:
    """The fact set's events whose ranges are wide, in the fact set's order."""
    referenced: dict[str, list[Fact]] = defaultdict(list)
    for f in fs.facts:
        if isinstance(f, LastBeforeFact):
            referenced[f.subject].append(f)
        if isinstance(f, FirstSinceFact) and f.since is not None and not f.since.doc:
            referenced[f.since.id].append(f)
    ev_facts: dict[str, list[Fact]] = defaultdict(list)
    for f in fs.facts:
        for ref in fact_refs(f):
            if not ref.doc:
                ev_facts[ref.id].append(f)
    ordinal_of = ordinals(fs.facts)
    out = []
    for ev in fs.events:
        key = f"e:{ev.id}" if ev.extent == "point" else f"e:{ev.id}.start"
        if key not in ranges or not wide(ranges[key], limit):
            continue
        related = sorted({f.id for f in ev_facts.get(ev.id, [])} | {f.id for f in referenced.get(ev.id, [])})
        out.append(
            OpenEvent(
                event=ev,
                label=event_name(ev, ordinal_of.get(ev.id)),
                range=ranges[key],
                part=None if ev.extent == "point" else "start",
                related=tuple(related),
                referring=tuple(referenced.get(ev.id, ())),
            )
        )
    return out


def open_event_finding(code: Code, o: OpenEvent, facts: dict[str, Fact], detail: FindingDetail) -> Finding:
    """The finding of a gap code on one open event: its facts, their quotes, its range."""
    return make(
        code,
        detail,
        facts=o.related,
        sources=tuple(source(facts[i]) for i in o.related if facts[i].quote),
        subject=o.event.id,
        earliest=day(o.range[0]),
        latest=day(o.range[1]),
    )
