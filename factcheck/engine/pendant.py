"""Pendant facts: a year-less date on an event that no other fact names, left out of the solve.

"The party withdrew its support on Nov. 9" in an undated article is a date whose year is a
choice among two centuries, tied to the article's unknown year by the AP rule (same year,
or within ``near`` days of its creation time).  When no other fact names the event, the
fact cannot narrow anything else: whatever the rest's solution, the creation time ``p``
lies in some candidate year, and the date exists in that year, so the fact holds.  It is
then in no minimal conflict and in no cheapest retraction, and the component's outcome is
that of the rest; solving the rest alone spares the solver a year to choose per such date.

The event's range follows from ``p``'s.  With ``span(y) = [a(y), b(y)]`` the value's days
in year ``y`` (inside year ``y``, both ends increasing with ``y``), the event's day ``x``
may take, for a given ``p``, the values ``C(p)``: ``x`` in some ``span(y)`` with ``y`` the
year of ``p`` or ``|x - p| <= near``.  ``min C(p)`` never decreases as ``p`` grows (take the
minimum ``x'`` for ``p' >= p``: either ``|x' - p| <= near``, so ``x'`` is in ``C(p)``, or ``x'``
lies in the year of ``p`` or later and ``a(year of p) <= x'`` is in ``C(p)``), and likewise
``max C(p)``; the solutions of the whole are those of the rest with any ``x`` in ``C(p)``,
so the event's earliest day is ``min C(p_earliest)`` and its latest ``max C(p_latest)``:
the bounds the full solve finds, computed from the rest's exact bounds of ``p``.
Without a document the year is free and the range is ``[a(first year), b(last year)]``.

A date whose span is missing in some candidate year (Feb. 29) or reaches into another
year, a relation other than "on", an interval event or one in a series is not pendant.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from factcheck.calendar import days_from_civil, from_day
from factcheck.engine.components import fact_nodes
from factcheck.engine.encode import Encoding, YearChoice
from factcheck.model import DateFact, FactSet


@dataclass(frozen=True)
class Pendant:
    """A pendant fact, its event's day variable and the year-less value's candidate years and spans."""

    fact: str
    event: str
    var: str
    choice: YearChoice


def _within_years(ch: YearChoice) -> bool:
    """Whether the value exists in every candidate year and lies inside that year."""
    for y in range(ch.years[0], ch.years[1] + 1):
        span = ch.span(y)
        if span is None or span[0] < days_from_civil(y, 1, 1) or span[1] >= days_from_civil(y + 1, 1, 1):
            return False
    return True


def find_pendants(fs: FactSet, enc: Encoding, as_of: int) -> list[Pendant]:
    """The pendant facts of a component, given its full encoding (not parsed: no z3 is needed)."""
    events = {e.id: e for e in fs.events}
    docs = {d.id for d in fs.documents}
    uses: Counter[str] = Counter(n for f in fs.facts for n in set(fact_nodes(f, events)))
    choices: dict[str, list[YearChoice]] = {}
    for ch in enc.year_choices:
        choices.setdefault(ch.fact, []).append(ch)
    other = {fid for fid, es in enc.edges.items() if fid and es} | {fid for fid, _, _ in enc.weekdays}
    other |= {fid for fid, es in enc.extra_edges.items() if es} | {fid for fid, _ in enc.edge_choices}
    lo_h, hi_h = enc.horizon
    out = []
    for f in fs.facts:
        if not isinstance(f, DateFact) or f.subject.doc or f.relation != "on" or f.id in other:
            continue
        ev = events.get(f.subject.id)
        var = f"e:{f.subject.id}"
        if ev is None or ev.extent != "point" or ev.series or ev.ordinal is not None or uses[var] != 1:
            continue
        if ev.id in enc.placeholders or len(choices.get(f.id, [])) != 1:
            continue
        ch = choices[f.id][0]
        if ch.relation != "on" or ch.lo_name != var or ch.hi_name != var or not _within_years(ch):
            continue
        if ch.doc is not None:
            # the creation time lies in [horizon start, min(as-of, horizon end)]: its year
            # must be a candidate year, so that the same-year reading is always there
            if f.doc not in docs or ch.doc != f"d:{f.doc}.published" or ch.anchor != var or ch.near < 0:
                continue
            if ch.years[0] > from_day(lo_h).year or ch.years[1] < from_day(min(as_of, hi_h)).year:
                continue
        out.append(Pendant(f.id, ev.id, var, ch))
    return out


def without(fs: FactSet, pendants: list[Pendant]) -> FactSet:
    """The component with its pendant facts and their events left out."""
    facts = {p.fact for p in pendants}
    events = {p.event for p in pendants}
    return fs.model_copy(
        update={
            "events": tuple(e for e in fs.events if e.id not in events),
            "facts": tuple(f for f in fs.facts if f.id not in facts),
            "origins": {k: v for k, v in fs.origins.items() if k not in facts},
        }
    )


def _reach(ch: YearChoice, p: int, lowest: bool) -> int:
    """The earliest (``lowest``) or latest day of the value under the AP rule, the document created on day p."""
    own = from_day(p).year
    got: list[int] = []
    for y in range(max(ch.years[0], from_day(p - ch.near).year), min(ch.years[1], from_day(p + ch.near).year) + 1):
        span = ch.span(y)
        assert span is not None  # find_pendants: the value exists in every candidate year
        a, b = span
        if y == own:
            got.append(a if lowest else b)
        elif max(a, p - ch.near) <= min(b, p + ch.near):
            got.append(max(a, p - ch.near) if lowest else min(b, p + ch.near))
    assert got  # the document's own year is a candidate (find_pendants)
    return min(got) if lowest else max(got)


def restore(pendants: list[Pendant], ranges: dict[str, tuple[int | None, int | None]]) -> None:
    """Add each pendant event's exact range to the exact ranges (days, never None) of the rest, in place."""
    for pd in pendants:
        ch = pd.choice
        if ch.doc is None:
            first, last = ch.span(ch.years[0]), ch.span(ch.years[1])
            assert first is not None and last is not None
            ranges[pd.var] = (first[0], last[1])
            continue
        p_lo, p_hi = ranges[ch.doc]
        assert p_lo is not None and p_hi is not None
        ranges[pd.var] = (_reach(ch, p_lo, True), _reach(ch, p_hi, False))
