"""Template functions that give a day of the month written without its month one: "on the 15th", "May 16-[18]"."""

from __future__ import annotations

import datetime as dt
import re

from factcheck.dates.context import Context, NormalizeError, Value, as_int
from factcheck.dates.periods import add_months

# As for a yearless date: news reports what happened more often than what will, so with no tense
# cue the coming day is taken only when it is this many times nearer than the past one.
_FUTURE_PENALTY = 2


def f_near_month_day(ctx: Context, day: Value) -> str:
    """The date of "the 15th" alone: that day of the month nearest the creation time, in the direction of the tense.

    XXXX-XX-15 without a creation time; a day a month lacks (the 31st in April) is skipped.
    """
    d = as_int(day, "day")
    if not 1 <= d <= 31:
        raise NormalizeError(f"day {d} does not exist")
    if ctx.dct is None:
        return f"XXXX-XX-{d:02d}"
    d0 = ctx.dct
    first = d0.replace(day=1)
    cands = []
    for k in (-1, 0, 1):
        m = add_months(first, k)
        try:
            cands.append(dt.date(m.year, m.month, d))
        except ValueError:
            continue
    past = [c for c in cands if c <= d0]
    ahead = [c for c in cands if c >= d0]
    if ctx.tense == "past" and past:
        return max(past).isoformat()
    if ctx.tense == "future" and ahead:
        return min(ahead).isoformat()
    return min(cands, key=lambda c: abs((c - d0).days) * (_FUTURE_PENALTY if c > d0 else 1)).isoformat()


# What joins the two days of a range or a pair written with one month ("May 16-18", "April 24 and 25").
_JOIN = re.compile(r"\s*(?:[-–—]|and|or|to|through|thru|until|till)\s*")
_DAY_ANCHOR = re.compile(r"^(\d{4}|XXXX)-(\d\d)-(\d\d)$")


def f_range_day(ctx: Context, day: Value, year: Value = None) -> str:
    """The second day of a range or pair that names its month once ("May 16-18", "April 24 and 25").

    It takes the month (and, unless ``year`` is written after it, the year) of the day named right
    before it, which must be a day and an earlier one of the same month, so that "May 16 and 3 others"
    or "page 16-18" give no date.
    """
    d = as_int(day, "day")
    before, between = ctx.joined or ("", "")
    m = _DAY_ANCHOR.match(before)
    if m is None or not _JOIN.fullmatch(between):
        raise NormalizeError("no day of a month named right before")
    month, first = int(m.group(2)), int(m.group(3))
    year_s = m.group(1) if year is None else f"{as_int(year, 'year'):04d}"
    if not first < d <= 31:
        raise NormalizeError(f"day {d} does not follow day {first}")
    if year_s != "XXXX":
        try:
            dt.date(int(year_s), month, d)
        except ValueError:
            raise NormalizeError(f"day {d} of month {month} does not exist") from None
    return f"{year_s}-{month:02d}-{d:02d}"
