"""FC201 wide-range: an event whose date the texts leave open (wider than the policy's gap threshold)."""

from __future__ import annotations

from factcheck.diagnostics.base import Code, date_range
from factcheck.diagnostics.gaps import OpenEvent, open_event_finding
from factcheck.model import Fact, Finding, FindingDetail, Severity

CODE = Code(
    "FC201",
    "wide-range",
    "gap",
    Severity.WARNING,
    "An event whose date the texts leave open",
    "The event's feasible range is wider than the gap threshold in the policy file.",
    "Find a source that dates the event, or accept the range.",
)


def render(f: Finding) -> str:
    """The message: the event, which end of it, and its range."""
    what = " (its start)" if f.detail.part == "start" else ""
    return f"the date of {f.detail.label!r}{what} is left open: {date_range(f.earliest, f.latest)}"


def detect(opened: list[OpenEvent], facts: dict[str, Fact]) -> list[Finding]:
    """A finding for each open event that nothing refers to (those referred to are FC203's)."""
    return [
        open_event_finding(CODE, o, facts, FindingDetail(label=o.label, part=o.part)) for o in opened if not o.referring
    ]
