"""Linking an event announced for a day to the one a report of that day tells: "will report earnings on Oct. 29".

One article says a party will do something on a written day ("The company will report
third-quarter earnings on Oct. 29"); another, published on that very day, says the party
did a thing of that kind ("Orrin Devices reported a rise in quarterly revenue on
Thursday").  Each is the only event of its kind by that party in its article, so the
report is the announced event: the day of publication, not the event's own date, is the
evidence, and a report that gives another day for it contradicts the announcement.
Series kinds (talks, visits) are linked on their places and ordinals instead, and
statements never.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

from factcheck.auditing.evidence import role, written_date


def _announced_days(facts: list[dict[str, Any]]) -> dict[str, set[tuple[str, ...]]]:
    """The days written for each event told in the future tense ("will report ... on Oct. 29")."""
    future = {f["subject"] for f in facts if f.get("kind") == "relative" and f.get("tense") == "future"}
    days: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for f in facts:
        written = written_date(f) if f.get("subject") in future else None
        if written is not None and len(written) == 3 and "X" not in written[1:]:
            days[f["subject"]].add(written)  # a day, the year maybe unsaid
    return days


def _past(facts: list[dict[str, Any]]) -> set[str]:
    return {f["subject"] for f in facts if f.get("kind") == "relative" and f.get("tense") == "past"}


def announced_keys(events: list[dict[str, Any]], facts: list[dict[str, Any]], published: dt.date | None) -> list[str]:
    """Story keys over-approximating this pass: kind, party and day (month and day) of what is announced or told.

    An event announced for a day yields that day's keys; an article of a known day yields that
    day's keys for each past event it tells; the pass links only events whose keys meet.
    """
    keys: set[str] = set()
    announced = _announced_days(facts)
    past = _past(facts)
    for ev in events:
        parties = sorted(set(ev.get("participants", [])))
        days = {f"{m}-{d}" for _, m, d in announced.get(ev["id"], set())}
        if published is not None and ev["id"] in past:
            days.add(f"{published.month:02d}-{published.day:02d}")
        keys |= {f"A:{ev['kind']}|{p}|{day}" for p in parties for day in days}
    return sorted(keys)


def _falls_on(written: tuple[str, ...], day: dt.date) -> bool:
    year, month, dom = written
    return (year == "X" or int(year) == day.year) and int(month) == day.month and int(dom) == day.day


def link_announced(
    items: list[tuple[str, dict[str, Any]]], facts: list[dict[str, Any]], published: dict[str, dt.date],
    skip: set[str], join: Callable[[str, str, str], bool],
) -> None:  # fmt: skip
    """Join each event announced for one day to the one past event of its kind and parties told on that day.

    ``items`` are (document, event); ``skip`` the kinds linked by other passes; ``join`` links two
    events with a reason (refusing two events of one article).
    """
    past = _past(facts)
    announced = _announced_days(facts)
    per_doc: Counter[tuple[str, str, tuple[str, ...]]] = Counter(
        (doc, ev["kind"], tuple(sorted(ev.get("participants", [])))) for doc, ev in items
    )
    for da, a in items:
        days = announced.get(a["id"], set())
        if a["kind"] in skip or a["kind"] == "statement" or len(days) != 1 or not a.get("participants"):
            continue
        (written,) = days
        matches = [
            (db, b)
            for db, b in items
            if db != da and b["kind"] == a["kind"] and b["id"] in past and role(b) == role(a) == "main"
            and (day := published.get(db)) is not None and _falls_on(written, day)
            and sorted(set(a["participants"])) == sorted(set(b.get("participants", [])))
            and not (a.get("location") and b.get("location") and a["location"] != b["location"])
        ]  # fmt: skip
        if len(matches) != 1:
            continue
        db, b = matches[0]
        key_a = (da, a["kind"], tuple(sorted(a["participants"])))
        key_b = (db, b["kind"], tuple(sorted(b.get("participants", []))))
        if per_doc[key_a] == 1 and per_doc[key_b] == 1:
            join(a["id"], b["id"], f"{a['kind']} by {', '.join(sorted(a['participants']))} announced for the day "
                 "of the report that tells it")  # fmt: skip
