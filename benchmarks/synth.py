"""Synthetic fact sets of many independent news stories, with contradictions injected at a known rate.

Each story is a short run of dated events covered by two articles: exact dates, year-less
dates ("Feb. 27"), weekdays relative to the article ("said Tuesday"), offsets ("a day
after"), a numbered series with "last met", and page stamps, in roughly the proportions
the bundled corpus shows.  An injected contradiction is one false fact: a wrong date, a
wrong weekday or a wrong offset, against facts that pin the truth.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from factcheck.calendar import WEEKDAYS, from_day, to_day
from factcheck.model import FactSet, FactSetFile

BASE = to_day(dt.date(2015, 1, 1))
SPAN = 3650


@dataclass
class Synthetic:
    """A generated fact set and its ground truth."""

    factset: FactSet
    stories: int
    injected: set[str]  # story ids with an injected contradiction
    story_of_fact: dict[str, str]


def story(
    rng: random.Random, s: int, inject: bool
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Documents, events and facts of one story (about 10 facts)."""
    start = BASE + rng.randrange(SPAN)
    n = rng.randint(4, 6)
    days = sorted(start + rng.randint(0, 40) for _ in range(n))
    days[1] = max(days[1], days[0] + 1)  # the series' two rounds fall on different days
    for i in range(2, n):
        days[i] = max(days[i], days[i - 1])
    evs = [f"s{s}e{i}" for i in range(n)]
    series = f"s{s}-talks"
    docs = [{"id": f"s{s}d{k}"} for k in range(2)]
    created = [days[-1] + rng.randint(0, 3), days[-1] + rng.randint(1, 6)]
    events = [
        {"id": e, "label": f"story {s} event {i}", **({"series": series} if i < 2 else {})} for i, e in enumerate(evs)
    ]
    facts: list[dict[str, Any]] = []

    def add(**kw: Any) -> None:
        facts.append({"id": f"s{s}f{len(facts)}", **kw})

    d0, d1 = docs[0]["id"], docs[1]["id"]
    date = from_day(days[0])
    add(kind="date", subject=evs[0], value=date.isoformat(), doc=d0)
    last = from_day(days[-1])
    add(kind="date", subject=evs[-1], value=f"XXXX-{last.month:02d}-{last.day:02d}", doc=d1)
    add(
        kind="relative",
        subject=evs[-1],
        expression="weekday",
        value=WEEKDAYS[last.weekday()].title(),
        tense="past",
        doc=d0,
    )
    for i in range(1, n - 1):
        gap = days[i] - days[i - 1]
        if rng.random() < 0.6:
            add(
                kind="order",
                subject=evs[i],
                relation="after" if gap else "same_day",
                anchor=evs[i - 1],
                **({"days": gap} if gap else {}),
                doc=d0,
            )
        else:
            add(kind="order", subject=evs[i], relation="not_before", anchor=evs[i - 1], doc=d1)
    add(kind="ordinal", subject=evs[1], n=2, doc=d0)
    add(kind="last_before", subject=evs[0], anchor=evs[1], doc=d0)
    stamp = rng.randint(1, 5)
    add(kind="page_stamp", doc=d1, amount=stamp, unit="day")
    add(
        kind="relative",
        subject=f"doc:{d1}.published",
        expression="tense",
        tense="past",
        anchor=f"doc:{d1}.retrieved",
        doc=d1,
    )
    docs[1]["retrieved"] = from_day(created[1] + stamp).isoformat()  # type: ignore[assignment]
    if inject:
        kind = rng.choice(["date", "weekday", "offset"])
        if kind == "date":
            add(
                kind="date", subject=evs[0], value=from_day(days[0] + rng.choice([-3, -1, 1, 2, 7])).isoformat(), doc=d1
            )
        elif kind == "weekday":
            add(kind="date", subject=evs[0], value=WEEKDAYS[(date.weekday() + rng.randint(1, 6)) % 7].title(), doc=d1)
        else:
            add(kind="order", subject=evs[-1], relation="before", anchor=evs[0], doc=d1)
    return docs, events, facts


def generate(n_facts: int, rate: float = 0.02, seed: int = 0) -> Synthetic:
    """About n_facts facts over as many stories as that takes; ``rate`` of the stories get a contradiction."""
    rng = random.Random(seed)
    docs: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    facts: list[dict[str, Any]] = []
    injected: set[str] = set()
    story_of: dict[str, str] = {}
    s = 0
    while len(facts) < n_facts:
        inject = rng.random() < rate
        d, e, f = story(rng, s, inject)
        if inject:
            injected.add(f"s{s}")
        docs += d
        events += e
        facts += f
        for x in f:
            story_of[x["id"]] = f"s{s}"
        s += 1
    parsed = FactSetFile.model_validate({"documents": docs, "events": events, "facts": facts})
    fs = FactSet(documents=parsed.documents, events=parsed.events, facts=parsed.facts)
    return Synthetic(fs, s, injected, story_of)
