"""Template functions that give a day of the month written without its month one: "on the 15th"."""

from __future__ import annotations

import datetime as dt

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
