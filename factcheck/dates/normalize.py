"""Normalisation templates: from a match's groups to a TIMEX3 value, with or without a creation time.

A template is text with ``{expr}`` fields, ``expr`` being a group of the rule's pattern (read
through the table of the same name, or as a number), a number, or a function call such as
``shift(day, -1)`` or ``near_year(month, day)``.  ``{month:02}`` zero-pads.  Functions that
need the creation time (DCT) record what they did, so the same match also yields a symbolic
form the engine can reason with when the creation time is unknown: ``XXXX-02-27``, or
"the Thursday before the creation time".
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal, cast

Tense = Literal["past", "future", "unknown", "nearest"]
KEYWORDS = frozenset({"day", "week", "month", "year", "quarter", "half", "decade", "century", "X"})
_UNIT_CODE = {"day": "D", "week": "W", "month": "M", "year": "Y", "quarter": "Q", "decade": "DE", "century": "CE"}
_TIME_UNITS = {"H", "MIN", "S"}
# News reports what happened far more often than what will: a yearless date or a bare weekday
# with no tense cue is read as the past one unless the future one is this many times nearer.
_FUTURE_PENALTY = 2
_WEEKDAY_FUTURE_PENALTY = 3


class NormalizeError(ValueError):
    """A template that cannot be evaluated for this match (a bad day number, an unknown word)."""


@dataclass
class Context:
    """What a template is evaluated against: the match's groups, the pack's tables, DCT and tense."""

    groups: dict[str, str | None]
    tables: dict[str, dict[str, str | int]]
    dct: dt.date | None
    tense: Tense = "unknown"
    relative: dict[str, str | int] = field(default_factory=dict)
    anchor: str | None = None  # the value of the calendar date the text mentioned last
    quarter: str | None = None  # the value of the quarter the text mentioned last ("2025-Q1")


Value = str | int | None


def _lookup(ctx: Context, name: str) -> Value:
    raw = ctx.groups.get(name)
    if raw is None:
        return None
    key = re.sub(r"[\s-]+", " ", raw.strip().lower()).rstrip(".")
    table = ctx.tables.get(name.rstrip("0123456789"))
    if table is not None:
        if key in table:
            return table[key]
        hyphened = re.sub(r"\s+", " ", raw.strip().lower()).rstrip(".")  # a key written "twenty-first"
        if hyphened in table:
            return table[hyphened]
        if key.rstrip("s") in table:
            return table[key.rstrip("s")]
    digits = key.replace(",", "").lstrip("'")
    if digits.isdigit():
        return int(digits)
    if re.fullmatch(r"\d+(?:st|nd|rd|th)", digits):
        return int(digits[:-2])
    if table is not None and " " in key:
        # A compound number ("twenty five") is the sum of its words.
        parts = [table.get(w) for w in key.split(" ")]
        if all(isinstance(x, int) for x in parts):
            return sum(x for x in parts if isinstance(x, int))
    if table is not None:
        raise NormalizeError(f"{raw!r} is not in table {name.rstrip('0123456789')!r}")
    return raw


def _int(v: Value, what: str) -> int:
    if isinstance(v, int):
        return v
    if isinstance(v, str) and v.lstrip("-").isdigit():
        return int(v)
    raise NormalizeError(f"{what}: {v!r} is not a number")


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _at(d: dt.date, unit: str) -> str:
    if unit == "day":
        return d.isoformat()
    if unit == "week":
        return _week(d)
    if unit == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if unit == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if unit == "half":
        return f"{d.year:04d}-H{(d.month - 1) // 6 + 1}"
    if unit == "year":
        return f"{d.year:04d}"
    if unit == "decade":
        return f"{d.year // 10:03d}"
    if unit == "century":
        return f"{d.year // 100:02d}"
    raise NormalizeError(f"unknown unit {unit!r}")


def _add_months(d: dt.date, n: int) -> dt.date:
    m = d.year * 12 + d.month - 1 + n
    return dt.date(m // 12, m % 12 + 1, 1)


def f_shift(ctx: Context, unit: Value, n: Value = 0) -> str:
    """The creation time moved by n units, at that unit's granularity ("yesterday", "last week")."""
    u, k = str(unit), _int(n, "shift")
    ctx.relative = {"expression": "shift", "unit": u, "amount": k}
    if ctx.dct is None:
        return {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "quarter": "XXXX-QX"}.get(u, "XXXX")
    d = ctx.dct
    if u == "day":
        return _at(d + dt.timedelta(days=k), u)
    if u == "week":
        return _at(d + dt.timedelta(weeks=k), u)
    if u in ("month", "quarter", "half"):
        return _at(_add_months(d, k * {"month": 1, "quarter": 3, "half": 6}[u]), u)
    if u in ("year", "decade", "century"):
        # "two decades ago" is a year (2005), "this decade" the decade itself (202).
        return _at(dt.date(d.year + k * {"year": 1, "decade": 10, "century": 100}[u], 1, 1), u if k == 0 else "year")
    raise NormalizeError(f"unknown unit {u!r}")


def f_period(ctx: Context, unit: Value, n: Value = 0) -> str:
    """The period n units from the creation time's, at that unit's granularity ("last decade" is 201, not 2015).

    ``shift`` makes a point of "two decades ago" (a year); a named period ("the last decade",
    "the next century") is the decade or century itself, as TimeML writes it.
    """
    u, k = str(unit), _int(n, "period")
    if u not in ("decade", "century") or ctx.dct is None:
        return f_shift(ctx, unit, n)
    ctx.relative = {"expression": "shift", "unit": u, "amount": k}
    step = {"decade": 10, "century": 100}[u]
    return _at(dt.date(ctx.dct.year + k * step, 1, 1), u)


_ANCHOR = re.compile(r"^(\d{4}|XXXX)(?:-(\d\d|XX)(?:-(\d\d|XX))?|-Q([1-4X]))?")


def f_same_year_back(ctx: Context, unit: Value) -> str:
    """"The same month a year ago": the month (or day) mentioned last, a year earlier; without one, the creation time's.

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
    u, k = str(unit), _int(n, "anchored")
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
        return _at(_add_months(dt.date(y, int(month), 1), k), "month")
    return (dt.date(y, int(month), int(day)) + dt.timedelta(days=k)).isoformat()


def _pick_year(ctx: Context, month: int, day: int | None) -> int | None:
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
        end = start if day else _add_months(start, 1) - dt.timedelta(days=1)
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
    m = _int(month, "month")
    dd = None if day is None else _int(day, "day")
    if not 1 <= m <= 12:
        raise NormalizeError(f"month {m} does not exist")
    if dd is not None and not 1 <= dd <= 31:
        raise NormalizeError(f"day {dd} does not exist")
    y = _pick_year(ctx, m, dd)
    return "XXXX" if y is None else f"{y:04d}"


def f_near_quarter(ctx: Context, q: Value) -> str:
    """The year of "the third quarter" without a year: the latest such quarter begun by the creation time.

    In future tense, a quarter yet to begin this year is this year's, and so are the current one and
    the one just completed (whose results are still to come); one that ended longer ago is next year's.
    """
    k = _int(q, "quarter")
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


_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def f_weekday(ctx: Context, wd: Value) -> str:
    """A weekday near the creation time: before it in past tense, after in future; else past, bar the next day."""
    n = _int(wd, "weekday")
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
    """"last Friday" (-1), "next Friday" (+1): the weekday in the week before or after the creation time's."""
    n, k = _int(wd, "weekday"), _int(weeks, "weeks")
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
    """"The previous Friday" (rel < 0), "the following Monday" (rel > 0): that weekday around the day named last.

    Without a day named before, the weekday before or after the creation time; after a day whose year
    is unknown, only the weekday.
    """
    n, k = _int(wd, "weekday"), _int(rel, "rel")
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


_SMALLER = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("MIN", 60), "MIN": ("S", 60)}
_SCALED = {"DE": ("Y", 10), "CE": ("Y", 100)}


def _code(amount: int | str, unit: str) -> str:
    return f"{amount}{'M' if unit == 'MIN' else unit}"


def f_dur(ctx: Context, n: Value, unit: Value, half: Value = None) -> str | None:
    """A duration value: P3Y, P2W, PT5H, P20Y for "two decades", P2Y6M for "2 1/2 years"; PXY for "years".

    Nothing when no unit was matched, so that ``either`` can offer another value.
    """
    if unit is None:
        return None
    u = str(unit)
    if n in (None, "X"):
        return f"PTX{'M' if u == 'MIN' else u}" if u in _TIME_UNITS else f"PX{u}"
    amount = _fraction(n) + (0.5 if half is not None else 0)
    if u in _SCALED:
        u, k = _SCALED[u]
        amount *= k
    whole = int(amount)
    parts = [(whole, u)] if whole else []
    if amount != whole and u in _SMALLER:
        small, k = _SMALLER[u]
        parts.append((round((amount - whole) * k), small))
    elif amount != whole:
        parts = [(int(amount * 10) / 10, u)]  # type: ignore[list-item]
    date_part = "".join(_code(a, x) for a, x in parts if x not in _TIME_UNITS)
    time_part = "".join(_code(a, x) for a, x in parts if x in _TIME_UNITS)
    return "P" + date_part + ("T" + time_part if time_part else "")


def f_range(ctx: Context, upper: Value) -> str | None:
    """The mod of an amount given as a range ("two to three weeks"): at least its lower end; nothing without one."""
    return None if upper is None else "EQUAL_OR_MORE"


def f_last_quarter(ctx: Context) -> str:
    """The last quarter completed by the creation time, as earnings reports mean "the quarter"."""
    ctx.relative = {"expression": "shift", "unit": "quarter", "amount": -1}
    if ctx.dct is None:
        return "XXXX-QX"
    q = (ctx.dct.month - 1) // 3  # quarters completed this year
    return f"{ctx.dct.year - 1:04d}-Q4" if q == 0 else f"{ctx.dct.year:04d}-Q{q}"


def f_last_month_named(ctx: Context, month: Value) -> str:
    """The year of "last October": the latest such month before the creation time's month."""
    return f_month_named(ctx, month, -1)


def f_month_named(ctx: Context, month: Value, rel: Value = -1) -> str:
    """The year of "last October" (rel -1), "next March" (+1) or "this September" (0).

    Last: the latest such month before the creation time's month; next: the first after it;
    this: the creation time's year.
    """
    m, k = _int(month, "month"), _int(rel if rel is not None else -1, "rel")
    if ctx.dct is None:
        return "XXXX"
    y = ctx.dct.year
    if k < 0:
        return f"{y if m < ctx.dct.month else y - 1:04d}"
    if k > 0:
        return f"{y if m > ctx.dct.month else y + 1:04d}"
    return f"{y:04d}"


def f_weekend(ctx: Context, n: Value = None) -> str:
    """A weekend: this (0), last (-1) or next (+1); without one, the last in past tense, the coming in future."""
    if n is None:
        k = 0
        if ctx.dct is not None:
            wd = ctx.dct.isoweekday()
            k = (0 if wd < 6 else 1) if ctx.tense == "future" else (0 if wd >= 6 else -1)
    else:
        k = _int(n, "weekend")
    ctx.relative = {"expression": "shift", "unit": "week", "amount": k}
    if ctx.dct is None:
        return "XXXX-WXX-WE"
    return _week(ctx.dct + dt.timedelta(weeks=k)) + "-WE"


def _fraction(n: Value) -> int | float:
    if isinstance(n, int):
        return n
    if isinstance(n, str):
        try:
            f = float(n)
        except ValueError:
            raise NormalizeError(f"{n!r} is not an amount") from None
        return int(f) if f.is_integer() else f
    raise NormalizeError(f"{n!r} is not an amount")


def f_year2(ctx: Context, y: Value) -> str:
    """A year, from four digits or two ('98 → 1998, '05 → 2005)."""
    k = _int(y, "year")
    if k < 100:
        k += 1900 if k >= 30 else 2000
    return f"{k:04d}"


def f_decade(ctx: Context, y: Value) -> str:
    """"the 1990s" → 199."""
    return f"{_int(y, 'decade') // 10:03d}"


def f_century(ctx: Context, n: Value) -> str:
    """"the 20th century" → 19."""
    return f"{_int(n, 'century') - 1:02d}"


def f_add(ctx: Context, a: Value, b: Value) -> str:
    """Sum of two numbers ("twenty" + "five")."""
    return str(_int(a, "add") + _int(b, "add"))


def f_mul(ctx: Context, a: Value, b: Value) -> str:
    """Product of two numbers ("a couple of" x 2)."""
    return str(_int(a, "mul") * _int(b, "mul"))


def f_neg(ctx: Context, a: Value) -> str:
    """The negated number."""
    return str(-_int(a, "neg"))


def f_either(ctx: Context, *values: Value) -> Value:
    """The first of its arguments that is present (an optional group or a default); evaluated lazily."""
    for v in values:
        if v is not None:
            return v
    return None


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
            y = _int(year, "year")
        else:
            assert ctx.dct is not None
            y = int(f_near_year(ctx, 11, 25)) if rel is None else ctx.dct.year + _int(rel, "rel")
        first = dt.date(y, 11, 1)
        day0 = first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
        return (day0 - dt.timedelta(days=1 if eve is not None else 0)).isoformat()
    month, day = (int(x) for x in h.split("-"))
    if eve is not None:
        before = dt.date(2001, month, day) - dt.timedelta(days=1)  # a year with no Feb. 29
        month, day = before.month, before.day
    if year is not None:
        return f"{_int(year, 'year'):04d}-{month:02d}-{day:02d}"
    if ctx.dct is None:
        return f"XXXX-{month:02d}-{day:02d}"
    y = int(f_near_year(ctx, month, day)) if rel is None else ctx.dct.year + _int(rel, "rel")
    return f"{y:04d}-{month:02d}-{day:02d}"


def f_week_of(ctx: Context, month: Value, day: Value, year: Value = None) -> str:
    """"The week of March 6": the ISO week holding that day (its year, when not written, as near_year picks it)."""
    m, d = _int(month, "month"), _int(day, "day")
    y = str(year) if year is not None else f_near_year(ctx, m, d)
    if y == "XXXX":
        return "XXXX-WXX"
    try:
        return _week(dt.date(int(y), m, d))
    except ValueError:
        raise NormalizeError(f"{y}-{m:02d}-{d:02d} is not a day") from None


def f_month_suffix(ctx: Context, month: Value) -> str:
    """"-07" after a year when a month was named, nothing otherwise."""
    return "" if month is None else f"-{_int(month, 'month'):02d}"


def f_date_md(ctx: Context, month: Value, day: Value) -> Value:
    """A yearless month and day as a full value (its year as near_year picks it)."""
    if month is None or day is None:
        return None
    return f"{f_near_year(ctx, month, day)}-{_int(month, 'month'):02d}-{_int(day, 'day'):02d}"


def f_year_ago_quarter(ctx: Context) -> str:
    """The quarter a year before the one an earnings report is about: the one it named last, else the last completed."""
    q = ctx.quarter or f_last_quarter(ctx)
    ctx.relative = {"expression": "shift", "unit": "quarter", "amount": -5}
    return q if q.startswith("X") else f"{int(q[:4]) - 1:04d}{q[4:]}"


def f_same_quarter(ctx: Context, year: Value) -> str:
    """The reported quarter (named last, else the last completed) in the given year: "the 1988 quarter"."""
    q = ctx.quarter or f_last_quarter(ctx)
    ctx.relative = {}
    y = _int(year, "year")
    return f"{y:04d}-Q{q[-1]}"


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
    if rel is not None and _int(rel, "rel") < 0:
        return f"{ctx.dct.year - (first > ctx.dct.month):04d}"
    y = _pick_year(ctx, month, None)
    return "XXXX" if y is None else f"{y:04d}"


def f_weekday_set(ctx: Context, wd: Value) -> Value:
    """Every such weekday: XXXX-WXX-4."""
    return None if wd is None else f"XXXX-WXX-{_int(wd, 'weekday')}"


def f_season_set(ctx: Context, season: Value) -> Value:
    """Every such season: XXXX-SU."""
    return None if season is None else f"XXXX-{season}"


def f_month_set(ctx: Context, month: Value) -> Value:
    """Every such month: XXXX-07."""
    return None if month is None else f"XXXX-{_int(month, 'month'):02d}"


def f_daypart(ctx: Context, part: Value) -> Value:
    """"morning" → TMO, to follow a date; nothing when the group is absent."""
    return None if part is None else f"T{part}"


def f_clock(ctx: Context, hour: Value, minute: Value, ampm: Value, noon: Value) -> str | None:
    """A clock time: 1 p.m. → 13:00, noon or midday → 12:00, midnight → 24:00; nothing when none was written."""
    if hour is None and noon is None:
        return None
    if noon is not None:
        return "24:00" if str(noon).lower() == "midnight" else "12:00"
    h = _int(hour, "hour") % 12 + _int(ampm if ampm is not None else 0, "am/pm")
    m = 0 if minute is None else _int(minute, "minute")
    return f"{h:02d}:{m:02d}"


def f_clock24(ctx: Context, hour: Value, minute: Value, zone: Value = None) -> str | None:
    """A 24-hour clock time: 16:00, or 16:00Z when it is given in UTC or GMT (ISO 8601's zone designator).

    Nothing when the group is absent, so a template can write a 12-hour and a 24-hour form side by side.
    """
    if hour is None:
        return None
    h, m = _int(hour, "hour"), _int(minute, "minute")
    if not (0 <= h <= 24 and 0 <= m <= 59):
        raise NormalizeError(f"{h}:{m:02d} is not a time of day")
    utc = zone is not None and str(zone).upper() in ("UTC", "GMT")
    return f"{h:02d}:{m:02d}{'Z' if utc else ''}"


FUNCTIONS: dict[str, Callable[..., Value]] = {
    "shift": f_shift,
    "period": f_period,
    "anchored": f_anchored,
    "same_year_back": f_same_year_back,
    "near_year": f_near_year,
    "near_quarter": f_near_quarter,
    "weekday": f_weekday,
    "weekday_shift": f_weekday_shift,
    "anchored_weekday": f_anchored_weekday,
    "dur": f_dur,
    "year": f_year2,
    "decade": f_decade,
    "century": f_century,
    "add": f_add,
    "mul": f_mul,
    "neg": f_neg,
    "either": f_either,
    "daypart": f_daypart,
    "weekday_set": f_weekday_set,
    "month_suffix": f_month_suffix,
    "holiday_date": f_holiday_date,
    "date_md": f_date_md,
    "week_of": f_week_of,
    "year_ago_quarter": f_year_ago_quarter,
    "same_quarter": f_same_quarter,
    "season_year": f_season_year,
    "month_set": f_month_set,
    "season_set": f_season_set,
    "last_quarter": f_last_quarter,
    "last_month_named": f_last_month_named,
    "month_named": f_month_named,
    "weekend": f_weekend,
    "clock": f_clock,
    "clock24": f_clock24,
    "range": f_range,
}

_TOKEN = re.compile(
    r"\s*(?:(?P<num>-?\d+(?:\.\d+)?)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)|'(?P<str>[^']*)'|(?P<op>[(),-]))"
)
Node = tuple[str, object]


@lru_cache(maxsize=4096)
def parse_template(template: str) -> tuple[tuple[str, Node | None, str], ...]:
    """Split a template into (literal text, expression, format) parts; expressions parsed once."""
    out: list[tuple[str, Node | None, str]] = []
    pos = 0
    for m in re.finditer(r"\{([^{}]*)\}", template):
        lit = template[pos : m.start()]
        inner = m.group(1)
        fmt = ""
        if ":" in inner:
            inner, fmt = inner.rsplit(":", 1)
        out.append((lit, _parse_expr(inner.strip(), template), fmt))
        pos = m.end()
    out.append((template[pos:], None, ""))
    return tuple(out)


def _parse_expr(text: str, template: str) -> Node:
    tokens = [(k, v) for m in _TOKEN.finditer(text) for k, v in m.groupdict().items() if v is not None]
    shown = "".join(f"'{v}'" if k == "str" else v for k, v in tokens)
    if shown.replace(" ", "") != text.replace(" ", ""):
        raise NormalizeError(f"cannot read template field {{{text}}} in {template!r}")
    node, rest = _expr(tokens, template)
    if rest:
        raise NormalizeError(f"unexpected {rest[0][1]!r} in {{{text}}} of {template!r}")
    return node


def _expr(tokens: list[tuple[str, str]], template: str) -> tuple[Node, list[tuple[str, str]]]:
    if not tokens:
        raise NormalizeError(f"empty field in template {template!r}")
    kind, val = tokens[0]
    rest = tokens[1:]
    if kind == "num":
        return ("num", val), rest
    if kind == "str":
        return ("str", val), rest
    if kind == "op" and val == "-":
        inner, rest = _expr(rest, template)
        return ("call", ("neg", [inner])), rest
    if kind != "name":
        raise NormalizeError(f"unexpected {val!r} in template {template!r}")
    if rest and rest[0] == ("op", "("):
        if val not in FUNCTIONS:
            raise NormalizeError(f"unknown function {val!r} in template {template!r}")
        args: list[Node] = []
        rest = rest[1:]
        while rest and rest[0] != ("op", ")"):
            arg, rest = _expr(rest, template)
            args.append(arg)
            if rest and rest[0] == ("op", ","):
                rest = rest[1:]
        if not rest:
            raise NormalizeError(f"missing ')' in template {template!r}")
        return ("call", (val, args)), rest[1:]
    return ("name", val), rest


def _eval(node: Node, ctx: Context) -> Value:
    kind, val = node
    if kind == "str":
        assert isinstance(val, str)
        return val
    if kind == "num":
        assert isinstance(val, str)
        return int(val) if val.lstrip("-").isdigit() else val
    if kind == "name":
        assert isinstance(val, str)
        # A group of the pattern wins over a unit keyword of the same name ("month", "year").
        return _lookup(ctx, val) if val in ctx.groups or val not in KEYWORDS else val
    name, args = cast(tuple[str, list[Node]], val)
    if name == "either":
        # Lazy: the first alternative whose groups all matched; one that needs an absent
        # group ("weekday(weekday)" when a date was written instead) is skipped.
        for a in args:
            if any(ctx.groups.get(g) is None for g in _groups_in(a) if g in ctx.groups):
                continue
            v = _eval(a, ctx)
            if v is not None:
                return v
        return None
    fn = FUNCTIONS[name]
    values = [_eval(a, ctx) for a in args]
    try:
        _signature(fn).bind(ctx, *values)
    except TypeError:
        # A user template calling a function with the wrong number of arguments ("weekday(a, b)").
        raise NormalizeError(f"{name}() does not take {len(values)} argument(s)") from None
    return fn(ctx, *values)


@functools.cache
def _signature(fn: Callable[..., Any]) -> inspect.Signature:
    return inspect.signature(fn)


def _groups_in(node: Node) -> set[str]:
    """The names an expression cannot do without (an either needs only what all its alternatives need)."""
    kind, val = node
    if kind == "name":
        return {str(val)}
    if kind == "call":
        name, args = cast(tuple[str, list[Node]], val)
        if not args:
            return set()
        sets = [_groups_in(a) for a in args]
        return set.intersection(*sets) if name == "either" else set().union(*sets)
    return set()


def render(template: str, ctx: Context) -> str:
    """Evaluate a template against a context; a missing group renders as nothing."""
    out = []
    for lit, node, fmt in parse_template(template):
        out.append(lit)
        if node is None:
            continue
        v = _eval(node, ctx)
        if v is None:
            continue
        if fmt and isinstance(v, int):
            out.append(format(v, fmt))
        elif fmt and isinstance(v, str) and v.isdigit():
            out.append(format(int(v), fmt))
        else:
            out.append(str(v))
    return "".join(out)
