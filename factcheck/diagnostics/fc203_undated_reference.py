"""FC203 undated-reference: a "last met" or "first since" refers to an event whose date is open."""

from __future__ import annotations

from factcheck.diagnostics.base import Code, date_range
from factcheck.diagnostics.gaps import OpenEvent, open_event_finding
from factcheck.model import Fact, Finding, FindingDetail, Severity
from factcheck.quotes import short_quote

CODE = Code(
    "FC203",
    "undated-reference",
    "gap",
    Severity.WARNING,
    "A reference to an event with no date",
    "A 'last met' or 'first since' refers to an event whose date is open.",
    "Date the referenced event, or accept the range.",
)


def render(f: Finding) -> str:
    """The message: the event, the first quote referring to it, which end of it, and its range."""
    what = " (its start)" if f.detail.part == "start" else ""
    ref = short_quote(f.detail.quote, 60)
    return f'{f.detail.label!r} is referred to ("{ref}") but its date{what} is open: {date_range(f.earliest, f.latest)}'


def detect(opened: list[OpenEvent], facts: dict[str, Fact]) -> list[Finding]:
    """A finding for each open event that a fact refers to."""
    return [
        open_event_finding(CODE, o, facts, FindingDetail(label=o.label, part=o.part, quote=o.referring[0].quote))
        for o in opened
        if o.referring
    ]
