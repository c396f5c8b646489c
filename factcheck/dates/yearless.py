"""Template functions that give a date written without its year one.

"March 3", "the third quarter", "last October", "Christmas", "the summer".
"""

from __future__ import annotations

import datetime as dt

from factcheck.dates.context import Context, NormalizeError, Value, as_int
from factcheck.dates.periods import add_months, iso_week

# News reports what happened far more often than what will: a yearless date
# with no tense cue is read as the past one unless the future one is this many times nearer.
_FUTURE_PENALTY = 2


def pick_year(ctx: Context, month: int, day: int | None) -> int | None:
    """The year of a yearless month (and day) nearest the creation time, in the direction of the tense."""
    if ctx.dct is None:
        return None
    d0 = ctx.dct
    cands = []
    for y in (d0.year - 1, d0.year, d0.year + 1):
        try:
            start = dt.date(y, month, day or 1)
        except ValueError:
            continue
        end = start if day else add_months(start, 1) - dt.timedelta(days=1)
        cands.append((y, start, end))
    if not cands:
        raise NormalizeError(f"day {day} of month {month} exists in no nearby year")
    if ctx.tense == "past":
        ok = [c for c in cands if c[1] <= d0]
        return max(ok)[0] if ok else d0.year
    if ctx.tense == "future":
        ok = [c for c in cands if c[2] >= d0]
        return min(ok)[0] if ok else d0.year

    def dist(c: tuple[int, dt.date, dt.date]) -> int:
        return 0 if c[1] <= d0 <= c[2] else min(abs((c[1] - d0).days), abs((c[2] - d0).days))

    if ctx.tense == "nearest":
        return min(cands, key=lambda c: (dist(c) * (_FUTURE_PENALTY if c[1] > d0 else 1), abs(c[0] - d0.year), c[0]))[0]

    # Without a tense, the same year unless another is much nearer (a December story about January).
    same = [c for c in cands if c[0] == d0.year]
    best = min(cands, key=lambda c: (dist(c), abs(c[0] - d0.year)))
    if same and dist(same[0]) <= dist(best) + 183:
        return d0.year
    return best[0]


def f_near_year(ctx: Context, month: Value, day: Value = None) -> str:
    """The year of a date given without one: XXXX without a creation time (the AP rule decides later)."""
    m = as_int(month, "month")
    dd = None if day is None else as_int(day, "day")
    if not 1 <= m <= 12:
        raise NormalizeError(f"month {m} does not exist")
    if dd is not None and not 1 <= dd <= 31:
        raise NormalizeError(f"day {dd} does not exist")
    y = pick_year(ctx, m, dd)
    return "XXXX" if y is None else f"{y:04d}"


def f_near_quarter(ctx: Context, q: Value) -> str:
    """The year of "the third quarter" without a year: the latest such quarter begun by the creation time.

    In future tense, a quarter yet to begin this year is this year's, and so are the current one and
    the one just completed (whose results are still to come); one that ended longer ago is next year's.
    """
    k = as_int(q, "quarter")
    if not 1 <= k <= 4:
        raise NormalizeError(f"quarter {k} does not exist")
    if ctx.dct is None:
        return "XXXX"
    d0 = ctx.dct
    if ctx.tense == "future":
        # The quarter is long over when the one after it has ended too.
        next_ended = dt.date(d0.year + (k >= 3), (3 * k + 3) % 12 + 1, 1)
        return f"{d0.year + (next_ended <= d0):04d}"
    return f"{d0.year - (dt.date(d0.year, 3 * k - 2, 1) > d0):04d}"


def f_last_month_named(ctx: Context, month: Value) -> str:
    """The year of "last October": the latest such month before the creation time's month."""
    return f_month_named(ctx, month, -1)


def f_month_named(ctx: Context, month: Value, rel: Value = -1) -> str:
    """The year of "last October" (rel -1), "next March" (+1) or "this September" (0).

    Last: the latest such month before the creation time's month; next: the first after it;
    this: the creation time's year.
    """
    m, k = as_int(month, "month"), as_int(rel if rel is not None else -1, "rel")
    if ctx.dct is None:
        return "XXXX"
    y = ctx.dct.year
    if k < 0:
        return f"{y if m < ctx.dct.month else y - 1:04d}"
    if k > 0:
        return f"{y if m > ctx.dct.month else y + 1:04d}"
    return f"{y:04d}"


def f_holiday_date(ctx: Context, holiday: Value, rel: Value = None, eve: Value = None, year: Value = None) -> str:
    """A holiday's date: "12-25" style table values, or THANKSGIVING (the fourth Thursday of November).

    With ``eve``, the day before ("New Year's Eve" is 12-31, of the year before the New Year's Day);
    with ``year``, that year's ("Christmas 2019"), the creation time not needed.
    """
    h = str(holiday)
    if h == "THANKSGIVING":
        if ctx.dct is None and year is None:
            return "XXXX-11-WXX-4"
        if year is not None:
            y = as_int(year, "year")
        else:
            assert ctx.dct is not None
            y = int(f_near_year(ctx, 11, 25)) if rel is None else ctx.dct.year + as_int(rel, "rel")
        first = dt.date(y, 11, 1)
        day0 = first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
        return (day0 - dt.timedelta(days=1 if eve is not None else 0)).isoformat()
    month, day = (int(x) for x in h.split("-"))
    if eve is not None:
        before = dt.date(2001, month, day) - dt.timedelta(days=1)  # a year with no Feb. 29
        month, day = before.month, before.day
    if year is not None:
        return f"{as_int(year, 'year'):04d}-{month:02d}-{day:02d}"
    if ctx.dct is None:
        return f"XXXX-{month:02d}-{day:02d}"
    y = int(f_near_year(ctx, month, day)) if rel is None else ctx.dct.year + as_int(rel, "rel")
    return f"{y:04d}-{month:02d}-{day:02d}"


def f_week_of(ctx: Context, month: Value, day: Value, year: Value = None) -> str:
    """Read "the week of March 6" as the ISO week holding that day (its year, if unwritten, as near_year picks it)."""
    m, d = as_int(month, "month"), as_int(day, "day")
    y = str(year) if year is not None else f_near_year(ctx, m, d)
    if y == "XXXX":
        return "XXXX-WXX"
    try:
        return iso_week(dt.date(int(y), m, d))
    except ValueError:
        raise NormalizeError(f"{y}-{m:02d}-{d:02d} is not a day") from None


def f_nth_weekday(ctx: Context, n: Value, weekday: Value, month: Value, year: Value = None, last: Value = None) -> str:
    """The date of "the second Sunday of December" or "the last Monday in May" (``last`` set).

    Its year, if unwritten, is the one near_year picks for the month.
    """
    wd, m = as_int(weekday, "weekday"), as_int(month, "month")
    if not 1 <= wd <= 7 or not 1 <= m <= 12:
        raise NormalizeError(f"weekday {wd} of month {m} does not exist")
    y = str(year) if year is not None else f_near_year(ctx, m)
    if y == "XXXX":
        return f"XXXX-{m:02d}"  # the day depends on the year: the month is what is known
    first = dt.date(int(y), m, 1)
    if last is not None:
        end = add_months(first, 1) - dt.timedelta(days=1)
        return (end - dt.timedelta(days=(end.isoweekday() - wd) % 7)).isoformat()
    k = as_int(n, "ordinal")
    day = first + dt.timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (k - 1))
    if not 1 <= k <= 5 or day.month != m:
        raise NormalizeError(f"month {m} of {y} has no weekday {wd} number {k}")
    return day.isoformat()


def f_date_md(ctx: Context, month: Value, day: Value) -> Value:
    """A yearless month and day as a full value (its year as near_year picks it)."""
    if month is None or day is None:
        return None
    return f"{f_near_year(ctx, month, day)}-{as_int(month, 'month'):02d}-{as_int(day, 'day'):02d}"


# First month, and the month that gives the season its year (a winter is the year of its December).
_SEASON_MONTHS = {"SP": (3, 4), "SU": (6, 7), "FA": (9, 10), "WI": (12, 12)}


def f_season_year(ctx: Context, season: Value, rel: Value = None) -> str:
    """The year of a season named without one: the nearest by tense, or the latest begun for rel -1.

    "The summer" is the nearest summer in the direction of the tense; "this past spring" the
    latest spring begun by the creation time.
    """
    first, month = _SEASON_MONTHS.get(str(season), (0, 0))
    if not first:
        raise NormalizeError(f"unknown season {season!r}")
    if ctx.dct is None:
        return "XXXX"
    if rel is not None and as_int(rel, "rel") < 0:
        return f"{ctx.dct.year - (first > ctx.dct.month):04d}"
    y = pick_year(ctx, month, None)
    return "XXXX" if y is None else f"{y:04d}"
