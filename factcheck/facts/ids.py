"""Fact references: the documents and events a fact mentions, and the series it speaks of."""

from __future__ import annotations

from factcheck.model import (
    DateFact,
    DurationFact,
    Event,
    Fact,
    FirstSinceFact,
    LastBeforeFact,
    OrderFact,
    OrdinalFact,
    PageStampFact,
    Ref,
    RelativeFact,
)


def fact_refs(fact: Fact) -> list[Ref]:
    """The time references a fact mentions (documents and events)."""
    if isinstance(fact, DateFact):
        return [fact.subject]
    if isinstance(fact, OrderFact):
        return [fact.subject, fact.anchor]
    if isinstance(fact, DurationFact):
        return [fact.subject, fact.until]
    if isinstance(fact, RelativeFact):
        return [fact.subject, fact.anchor_ref()]
    if isinstance(fact, OrdinalFact):
        return [Ref(id=fact.subject)]
    if isinstance(fact, LastBeforeFact):
        return [Ref(id=fact.subject), Ref(id=fact.anchor)]
    if isinstance(fact, FirstSinceFact):
        return [Ref(id=fact.subject)] + ([fact.since] if fact.since else [])
    if isinstance(fact, PageStampFact):
        return [Ref(doc=True, id=fact.document_id())]
    raise TypeError(type(fact))


def fact_series(fact: Fact, events: dict[str, Event]) -> str | None:
    """The series a series fact speaks of: its own, or its subject event's."""
    if isinstance(fact, (OrdinalFact, LastBeforeFact, FirstSinceFact)):
        ev = events.get(fact.subject)
        return fact.series or (ev.series if ev else None)
    return None
