"""Template functions counted from the creation time or the date named last.

"yesterday", "last Friday", "the following year", "the year-ago quarter".
"""

from __future__ import annotations

import datetime as dt
import re

from factcheck.dates.context import Context, NormalizeError, Value, as_int
from factcheck.dates.periods import add_months, iso_week, period_at

# A bare weekday with no tense cue is read as the past one unless the coming one is this many times nearer
# (news reports what happened far more often than what will).
_WEEKDAY_FUTURE_PENALTY = 3


def f_shift(ctx: Context, unit: Value, n: Value = 0) -> str:
    """The creation time moved by n units, at that unit's granularity ("yesterday", "last week")."""
    u, k = str(unit), as_int(n, "shift")
    ctx.relative = {"expression": "shift", "unit": u, "amount": k}
    if ctx.dct is None:
        return {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "quarter": "XXXX-QX"}.get(u, "XXXX")
    d = ctx.dct
    if u == "day":
        return period_at(d + dt.timedelta(days=k), u)
    if u == "week":
        return period_at(d + dt.timedelta(weeks=k), u)
    if u in ("month", "quarter", "half"):
        return period_at(add_months(d, k * {"month": 1, "quarter": 3, "half": 6}[u]), u)
    if u in ("year", "decade", "century"):
        # "two decades ago" is a year (2005), "this decade" the decade itself (202).
        moved = dt.date(d.year + k * {"year": 1, "decade": 10, "century": 100}[u], 1, 1)
        return period_at(moved, u if k == 0 else "year")
    raise NormalizeError(f"unknown unit {u!r}")


def f_period(ctx: Context, unit: Value, n: Value = 0) -> str:
    """The period n units from the creation time's, at that unit's granularity ("last decade" is 201, not 2015).

    ``shift`` makes a point of "two decades ago" (a year); a named period ("the last decade",
    "the next century") is the decade or century itself, as TimeML writes it.
    """
    u, k = str(unit), as_int(n, "period")
    if u not in ("decade", "century") or ctx.dct is None:
        return f_shift(ctx, unit, n)
    ctx.relative = {"expression": "shift", "unit": u, "amount": k}
    step = {"decade": 10, "century": 100}[u]
    return period_at(dt.date(ctx.dct.year + k * step, 1, 1), u)


_ANCHOR = re.compile(r"^(\d{4}|XXXX)(?:-(\d\d|XX)(?:-(\d\d|XX))?|-Q([1-4X]))?")


def f_same_year_back(ctx: Context, unit: Value) -> str:
    """'The same month a year ago': the month (or day) mentioned last, a year earlier; else the creation time's.

    A comparison of this kind is about the period just named ("sales fell in March, against
    the same month a year ago"), at that period's granularity.
    """
    u = str(unit)
    if u not in ("month", "day"):
        raise NormalizeError(f"the same {u} a year back is not a calendar {u}")
    size = {"month": 7, "day": 10}[u]
    named = (ctx.anchor or "")[:size]
    if re.fullmatch(r"(?:\d{4}|XXXX)-\d\d(?:-\d\d)?", named) and len(named) == size:
        here = named
    else:  # nothing of that granularity named before: the creation time's own
        here = f_shift(ctx, u, 0)
    ctx.relative = {"expression": "shift", "unit": "year", "amount": -1}
    if here.startswith("X"):  # a year back of an unknown year is unknown too, but the month and day stay
        return here
    back = f"{int(here[:4]) - 1:04d}{here[4:]}"
    return back if back[4:] != "-02-29" else f"{back[:4]}-02-28"


def f_anchored(ctx: Context, unit: Value, n: Value = 0) -> str:
    """A period counted from the date mentioned last ("the following year", "later that month"), not from the DCT."""
    u, k = str(unit), as_int(n, "anchored")
    m = _ANCHOR.match(ctx.anchor or "")
    if m is None:
        raise NormalizeError("no calendar date mentioned before")
    year, month, day, quarter = m.groups()
    if year == "XXXX":  # a date known only relative to the creation time, which is unknown here
        return {"day": "XXXX-XX-XX", "month": "XXXX-XX", "quarter": "XXXX-QX"}.get(u, "XXXX")
    need = {"year": (year,), "quarter": (year, quarter), "month": (year, month), "day": (year, month, day)}.get(u)
    if need is None:
        raise NormalizeError(f"unknown unit {u!r}")
    if any(x is None for x in need):
        raise NormalizeError(f"the date mentioned before ({ctx.anchor}) has no {u}")
    if any("X" in str(x) for x in need):
        return {"day": "XXXX-XX-XX", "month": "XXXX-XX", "quarter": "XXXX-QX"}.get(u, "XXXX")
    y = int(year)
    if u == "year":
        return f"{y + k:04d}"
    if u == "quarter":
        q = y * 4 + int(quarter) - 1 + k
        return f"{q // 4:04d}-Q{q % 4 + 1}"
    if u == "month":
        return period_at(add_months(dt.date(y, int(month), 1), k), "month")
    return (dt.date(y, int(month), int(day)) + dt.timedelta(days=k)).isoformat()


_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def f_weekday(ctx: Context, wd: Value) -> str:
    """A weekday near the creation time: before it in past tense, after in future; else past, bar the next day."""
    n = as_int(wd, "weekday")
    if not 1 <= n <= 7:
        raise NormalizeError(f"weekday {n} does not exist (1 = Monday)")
    ctx.relative = {"expression": "weekday", "value": _WEEKDAY_NAMES[n - 1], "tense": ctx.tense}
    if ctx.dct is None:
        return f"XXXX-WXX-{n}"
    d0 = ctx.dct
    back = (d0.isoweekday() - n) % 7
    ahead = (n - d0.isoweekday()) % 7
    if ctx.tense == "future":
        return (d0 + dt.timedelta(days=ahead)).isoformat()
    if ctx.tense == "past" or back <= ahead * _WEEKDAY_FUTURE_PENALTY:
        return (d0 - dt.timedelta(days=back)).isoformat()
    return (d0 + dt.timedelta(days=ahead)).isoformat()


def f_weekday_shift(ctx: Context, wd: Value, weeks: Value) -> str:
    """'Last Friday' (-1), 'next Friday' (+1): the weekday in the week before or after the creation time's."""
    n, k = as_int(wd, "weekday"), as_int(weeks, "weeks")
    ctx.relative = {"expression": "weekday", "value": _WEEKDAY_NAMES[n - 1], "tense": "past" if k < 0 else "future"}
    if ctx.dct is None:
        return f"XXXX-WXX-{n}"
    d0 = ctx.dct
    if k < 0:
        back = (d0.isoweekday() - n) % 7 or 7
        return (d0 - dt.timedelta(days=back)).isoformat()
    ahead = (n - d0.isoweekday()) % 7 or 7
    return (d0 + dt.timedelta(days=ahead)).isoformat()


def f_anchored_weekday(ctx: Context, wd: Value, rel: Value) -> str:
    """'The previous Friday' (rel < 0), 'the following Monday' (rel > 0): that weekday around the day named last.

    Without a day named before, the weekday before or after the creation time; after a day whose year
    is unknown, only the weekday.
    """
    n, k = as_int(wd, "weekday"), as_int(rel, "rel")
    if not 1 <= n <= 7:
        raise NormalizeError(f"weekday {n} does not exist (1 = Monday)")
    m = re.match(r"^(\d{4}|XXXX)-(\d\d)-(\d\d)", ctx.anchor or "")
    if m is None:
        return f_weekday_shift(ctx, wd, k)
    if m.group(1) == "XXXX":  # a day whose year is unknown: its weekdays are too
        return f"XXXX-WXX-{n}"
    d0 = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if k < 0:
        return (d0 - dt.timedelta(days=(d0.isoweekday() - n) % 7 or 7)).isoformat()
    return (d0 + dt.timedelta(days=(n - d0.isoweekday()) % 7 or 7)).isoformat()


def f_last_quarter(ctx: Context) -> str:
    """The last quarter completed by the creation time, as earnings reports mean "the quarter"."""
    ctx.relative = {"expression": "shift", "unit": "quarter", "amount": -1}
    if ctx.dct is None:
        return "XXXX-QX"
    q = (ctx.dct.month - 1) // 3  # quarters completed this year
    return f"{ctx.dct.year - 1:04d}-Q4" if q == 0 else f"{ctx.dct.year:04d}-Q{q}"


def f_weekend(ctx: Context, n: Value = None) -> str:
    """A weekend: this (0), last (-1) or next (+1); without one, the last in past tense, the coming in future."""
    if n is None:
        k = 0
        if ctx.dct is not None:
            wd = ctx.dct.isoweekday()
            k = (0 if wd < 6 else 1) if ctx.tense == "future" else (0 if wd >= 6 else -1)
    else:
        k = as_int(n, "weekend")
    ctx.relative = {"expression": "shift", "unit": "week", "amount": k}
    if ctx.dct is None:
        return "XXXX-WXX-WE"
    return iso_week(ctx.dct + dt.timedelta(weeks=k)) + "-WE"


def f_year_ago_quarter(ctx: Context, period: Value = None) -> str:
    """The quarter a year before the one an earnings report is about: the one it named last, else the last completed.

    A "year-ago period" (``period`` given) in a report about a month, with no quarter named, is that
    month a year back: monthly sales are compared with the same month.
    """
    named = ctx.anchor or ""
    if period is not None and ctx.quarter is None and re.fullmatch(r"(?:\d{4}|XXXX)-\d\d", named):
        ctx.relative = {"expression": "shift", "unit": "year", "amount": -1}
        return named if named.startswith("X") else f"{int(named[:4]) - 1:04d}{named[4:]}"
    q = ctx.quarter or f_last_quarter(ctx)
    ctx.relative = {"expression": "shift", "unit": "quarter", "amount": -5}
    return q if q.startswith("X") else f"{int(q[:4]) - 1:04d}{q[4:]}"


def f_same_quarter(ctx: Context, year: Value) -> str:
    """The reported quarter (named last, else the last completed) in the given year: "the 1988 quarter"."""
    q = ctx.quarter or f_last_quarter(ctx)
    ctx.relative = {}
    y = as_int(year, "year")
    return f"{y:04d}-Q{q[-1]}"
