"""Small predicates on the date reader's temporal expressions, as the article reader uses them.

Which expressions can date an event, which calendar values a fact can hold, how far apart
an amount of time puts two events, and how a relative expression is written in a fact.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from factcheck.calendar import CalendarError, parse_duration
from factcheck.dates.tagger import TimexMatch


def _can_date(t: TimexMatch) -> bool:
    """A date that can date an event: a calendar value, a weekday or a shift ("now", "recently" cannot)."""
    if t.type != "DATE":
        return False
    if t.relative:
        return dict(t.relative).get("expression") in ("weekday", "shift")
    return re.match(r"(?:\d{4}|XXXX)(?:-\d\d){0,2}$", t.symbolic) is not None and any(c.isdigit() for c in t.symbolic)


def _full_or_partial(value: str) -> bool:
    """A calendar value a date fact can hold: a year, a month or a day, the year maybe left open."""
    return re.fullmatch(r"(?:\d{4}|XXXX)(?:-\d\d){0,2}", value) is not None and any(c.isdigit() for c in value)


def _full_date(value: str) -> bool:
    return bool(re.fullmatch(r"\d{4}-\d\d-\d\d", value))


def _dates_fit(a: TimexMatch, b: TimexMatch) -> bool:
    """Two dates that may name one day: the same, or one within the other ("June", "June 1")."""
    if a.relative or b.relative:
        return a.relative == b.relative
    return a.symbolic.startswith(b.symbolic) or b.symbolic.startswith(a.symbolic)


_DAY_PART = re.compile(r"^((?:\d{4}|XXXX)-(?:\d\d-\d\d|W(?:\d\d|XX)-\d))T")


def _day_of(t: TimexMatch) -> TimexMatch:
    """A time of day on a named day ("12:00 UTC Monday", "May 3 at 9 a.m.") read as that day.

    The article reader places events in days, so a time of day dates its event to the day it
    falls on; a time with no day of its own ("at 3 p.m.") stays a TIME and dates nothing.
    """
    m = _DAY_PART.match(t.symbolic) if t.type == "TIME" else None
    if m is None:
        return t
    day = _DAY_PART.match(t.value)
    return replace(t, type="DATE", symbolic=m.group(1), value=day.group(1) if day else t.value)


def _offset_days(t: TimexMatch) -> tuple[int, int] | None:
    """The days an amount of time spans ("six days": 6..6, "two months": 56..62), or None for what has no day count."""
    try:
        d = parse_duration(t.symbolic)
    except CalendarError:
        return None
    per_unit = {"day": (1, 1), "week": (7, 7), "month": (28, 31), "year": (365, 366)}.get(d.unit)
    if per_unit is None or d.amount != int(d.amount):
        return None
    return int(d.amount) * per_unit[0], int(d.amount) * per_unit[1]


def _weekday_told(t: TimexMatch, tense: str | None) -> TimexMatch:
    """A weekday with the tense of the verb it hangs on ("adjourned ... on Monday until March 16" is past).

    The date reader guesses a weekday's tense from the words around it; the verb the parse
    hangs it on says it outright, where it is in the past or the future tense.
    """
    rel = dict(t.relative)
    if rel.get("expression") != "weekday" or tense not in ("past", "future") or rel.get("tense") == tense:
        return t
    rel["tense"] = str(tense)
    return replace(t, relative=tuple(rel.items()), tense="past" if tense == "past" else "future")


def _tense(t: str) -> str:
    return t if t in ("past", "future") else "unknown"


def _shift_expression(unit: str, amount: int) -> dict[str, Any] | None:
    named = {("day", 0): "today", ("day", -1): "yesterday", ("day", 1): "tomorrow", ("week", -1): "last_week",
             ("week", 0): "this_week", ("week", 1): "next_week", ("month", -1): "last_month",
             ("month", 1): "next_month", ("year", -1): "last_year", ("year", 1): "next_year"}  # fmt: skip
    if (unit, amount) in named:
        return {"expression": named[(unit, amount)]}
    if unit in ("day", "week", "month", "year") and amount != 0:
        return {"expression": "ago" if amount < 0 else "ahead", "amount": abs(amount), "unit": unit}
    return None
