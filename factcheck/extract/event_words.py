"""Which words of a relation fact's quote name which of the events it relates.

"The B7 went on sale on Friday, three days after Merrow unveiled it" is one fact about two
events, and its quote names both.  Shown whole under each, it would make the sale and the
unveiling one set of mentions; each event's own trigger within the quote is its mention there.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from factcheck.model import EventRole

ROLES: tuple[EventRole, ...] = ("subject", "anchor", "until", "since")


def _event(value: Any) -> str | None:
    """The event a reference names (``doc:`` references name documents), without its point."""
    if not isinstance(value, str) or value.startswith("doc:"):
        return None
    return value.partition(".")[0]


def mark_event_words(facts: Iterable[dict[str, Any]], triggers: Iterable[tuple[str, int, int]]) -> None:
    """Give each fact that relates two events or more the words of its quote that name each one (``words``).

    ``triggers`` are the article's event triggers as (event id, start, end).  An event's words
    are its triggers within the quote; an event with none there is not named by it ("last met
    on Feb. 20" names the earlier meeting, not the one after it).  A fact whose quote holds no
    trigger of its events is left as it is: its whole quote stays a mention of each.
    """
    spans: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for key, start, end in triggers:
        if key and start < end:
            spans[key].add((start, end))
    for f in facts:
        named = [(role, ev) for role in ROLES if (ev := _event(f.get(role))) is not None]
        if len({ev for _, ev in named}) < 2:
            continue
        lo, hi = f["span"]
        words = [{"role": role, "start": a, "end": b} for role, ev in named
                 for a, b in sorted(spans.get(ev, ())) if lo <= a and b <= hi]  # fmt: skip
        if words:
            f["words"] = words
