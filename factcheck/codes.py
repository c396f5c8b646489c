"""Stable finding codes, the same in YAML, JSON, SARIF ``ruleId`` and JUnit names.

A code is never reused: a retired check keeps its number in ``RETIRED``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    """A finding code with the texts every report format shows."""

    code: str
    name: str
    kind: str
    short: str
    full: str
    help: str


_ALL = (
    Code(
        "FC101",
        "contradiction",
        "contradiction",
        "Claims that cannot all be true",
        "A minimal set of facts that cannot all hold: dropping any one of them makes the rest consistent.",
        "Read the quoted sentences side by side; one of them is wrong or was misread. The report proposes the "
        "cheapest set of facts to retract, given their weights.",
    ),
    Code(
        "FC102",
        "quote-drift",
        "error",
        "A fact's quote is not at its span",
        "The fact quotes text that is not found at the character span it names in its article.",
        "The article changed or the span is wrong: fix the span or the quote so the fact points at its evidence.",
    ),
    Code(
        "FC111",
        "tlink-conflict",
        "contradiction",
        "TimeML links that cannot all hold",
        "A minimal set of TLINKs (and, in metric mode, TIMEX3 calendar values) that no assignment of times satisfies.",
        "Read the linked events in the text; one of the links is an annotation error. The report proposes the "
        "cheapest links to drop.",
    ),
    Code(
        "FC201",
        "wide-range",
        "gap",
        "An event whose date the texts leave open",
        "The event's feasible range is wider than the gap threshold in the policy file.",
        "Find a source that dates the event, or accept the range.",
    ),
    Code(
        "FC202",
        "undated-earlier-round",
        "gap",
        "An ordinal whose earlier rounds nobody dates",
        "A 'second round' (or later) implies earlier events of its series that no fact dates.",
        "Add the earlier round as an event of the same series, with the facts that date it.",
    ),
    Code(
        "FC203",
        "undated-reference",
        "gap",
        "A reference to an event with no date",
        "A 'last met' or 'first since' refers to an event whose date is open.",
        "Date the referenced event, or accept the range.",
    ),
    Code(
        "FC204",
        "undetermined-creation",
        "gap",
        "A document whose creation time is undetermined",
        "Nothing in or about the document narrows its creation time to the policy's threshold.",
        "Give the document's published date (front matter or manifest), or add facts that bear on it.",
    ),
    Code(
        "FC301",
        "inconclusive",
        "inconclusive",
        "The solver gave up",
        "The solver hit its timeout or resource limit on a component; nothing is claimed about its facts.",
        "Raise the timeout or resource limit in the configuration, or split the fact set.",
    ),
)

CODES: dict[str, Code] = {c.name: c for c in _ALL}
BY_CODE: dict[str, Code] = {c.code: c for c in _ALL}
RETIRED: dict[str, str] = {}
