"""Days, civil dates and calendar values, in Python and as solver terms from the same formulas.

A day is an integer: days since 1970-01-01 (day 0).  The civil conversions are Howard
Hinnant's ``days_from_civil`` / ``civil_from_days``; they use only ``+``, ``-``, ``*`` by
constants and floor division by constants, an arithmetic that Python ints, z3 integers
and the engine's SMT-LIB terms all have (``Arith``), so the one function body gives a day
number, a z3 term or the engine's linear encoding, depending on what it is given.  That
is what lets a weekday plus a year-less date pin the year inside the solver instead of a
guess outside it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, Self, TypeVar, overload

EPOCH = dt.date(1970, 1, 1)
_EPOCH_ORDINAL = EPOCH.toordinal()
# 1970-01-01 was a Thursday; with Monday = 0 a day's weekday is (day + 3) mod 7.
WEEKDAY_SHIFT = 3
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_ABBR = {w[:3]: i for i, w in enumerate(WEEKDAYS)} | {"tues": 1, "thur": 3, "thurs": 3}


class Arith(Protocol):
    """The arithmetic the civil formulas need: sums and differences, and products by constants."""

    def __add__(self, other: Self | int, /) -> Self: ...

    def __sub__(self, other: Self | int, /) -> Self: ...

    def __rmul__(self, other: int, /) -> Self: ...


N = TypeVar("N", bound=Arith)


def _div(a: Any, b: int) -> Any:
    """Floor division by a positive constant, for ints and z3 integers (z3's div floors then)."""
    if isinstance(a, int):
        return a // b
    return a / b


def _ite(c: Any, a: Any, b: Any) -> Any:
    if isinstance(c, bool):
        return a if c else b
    import z3

    return z3.If(c, a, b)


@overload
def days_from_civil(y: int, m: int, d: int) -> int: ...


@overload
def days_from_civil(y: N, m: Any, d: Any, div: Callable[[N, int], N] = ...) -> N: ...


def days_from_civil(y: Any, m: Any, d: Any, div: Callable[[Any, int], Any] = _div) -> Any:
    """Day number of civil date y-m-d (proleptic Gregorian), the one copy of the formula.

    ``y`` may be a Python int, a z3 term or any ``Arith`` term; ``div`` is its floor
    division by a positive constant (the engine passes one that keeps every constraint
    linear).  A month past 12 rolls into the next years (month 14 of 2025 is February
    2026); a constant month picks its branch here, a z3 month inside the solver.
    """
    if isinstance(m, int):
        if m > 12:
            y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
        if m <= 2:
            y = y - 1
        doy: Any = (153 * (m - 3 if m > 2 else m + 9) + 2) // 5 + d - 1
    else:
        y = y - _ite(m <= 2, 1, 0)
        doy = _div(153 * _ite(m > 2, m - 3, m + 9) + 2, 5) + d - 1
    # 146097 days per 400 years = 400*365 + 100 - 4 + 1 leap days.
    return 365 * y + div(y, 4) - div(y, 100) + div(y, 400) + doy - 719468


def civil_from_days(z: Any) -> tuple[Any, Any, Any]:
    """(year, month, day) of day number z; z an int or a z3 term."""
    z = z + 719468
    era = _div(z, 146097)
    doe = z - era * 146097
    yoe = _div(doe - _div(doe, 1460) + _div(doe, 36524) - _div(doe, 146096), 365)
    y = yoe + era * 400
    doy = doe - (365 * yoe + _div(yoe, 4) - _div(yoe, 100))
    mp = _div(5 * doy + 2, 153)
    d = doy - _div(153 * mp + 2, 5) + 1
    m = _ite(mp < 10, mp + 3, mp - 9)
    return y + _ite(m <= 2, 1, 0), m, d


def weekday_of(z: Any) -> Any:
    """Weekday of day number z, Monday = 0; z an int or a z3 term."""
    return (z + WEEKDAY_SHIFT) % 7


def weekday_within(lo: int, hi: int, wd: int) -> tuple[int, int]:
    """The first and the last day of weekday wd in [lo, hi] (the first past the last when there is none)."""
    return lo + (wd - weekday_of(lo)) % 7, hi - (weekday_of(hi) - wd) % 7


def to_day(d: dt.date) -> int:
    """Day number of a date."""
    return d.toordinal() - _EPOCH_ORDINAL


def from_day(n: int) -> dt.date:
    """Date of a day number."""
    return dt.date.fromordinal(n + _EPOCH_ORDINAL)


def is_leap(y: int) -> bool:
    """Gregorian leap year."""
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def month_length(y: int, m: int) -> int:
    """Days in month m of year y."""
    return days_from_civil(y + (m == 12), m % 12 + 1, 1) - days_from_civil(y, m, 1)


# --------------------------------------------------------------------------- calendar values

_SEASONS = {"SP": (3, 20, 6, 21), "SU": (6, 21, 9, 23), "FA": (9, 23, 12, 21), "WI": (12, 21, 3, 20)}

_VALUE = re.compile(
    r"""^(?P<year>\d{4}|XXXX)
        (?:-(?:
            (?P<month>\d{2}|XX)(?:-(?P<day>\d{2}))?
          | W(?P<week>\d{2}|XX)(?:-(?P<wd>[1-7]))?
          | Q(?P<quarter>[1-4])
          | H(?P<half>[12])
          | (?P<season>SP|SU|FA|WI)
        ))?$""",
    re.X,
)


@dataclass(frozen=True)
class CalendarValue:
    """A calendar value, possibly underspecified: any of its fields may be unknown.

    ``XXXX-02-27`` is day 27 of February of an unknown year; ``Tuesday`` is any Tuesday;
    ``2025-05`` with ``mod="MID"`` is the middle of May 2025.
    """

    year: int | None = None
    month: int | None = None
    day: int | None = None
    week: int | None = None
    weekday: int | None = None
    quarter: int | None = None
    half: int | None = None
    season: str | None = None
    mod: str | None = None

    @property
    def has_period(self) -> bool:
        """True when the value names a period (not only a weekday)."""
        return any(
            v is not None for v in (self.year, self.month, self.day, self.week, self.quarter, self.half, self.season)
        )


class CalendarError(ValueError):
    """A calendar value or duration that cannot be read or does not exist."""


def parse_value(text: str, mod: str | None = None) -> CalendarValue:
    """Read a TIMEX3-style value (``2025-02-27``, ``XXXX-05``, ``2025-W15``) or a weekday name."""
    s = text.strip()
    low = s.lower().rstrip(".")
    if low in WEEKDAYS or low in _WEEKDAY_ABBR:
        wd = WEEKDAYS.index(low) if low in WEEKDAYS else _WEEKDAY_ABBR[low]
        return CalendarValue(weekday=wd, mod=mod)
    m = _VALUE.match(s)
    if not m:
        raise CalendarError(
            f"not a calendar value: {text!r} (expected e.g. 2025-02-27, XXXX-02-27, 2025-05, 2025, Tuesday)"
        )
    year = None if m.group("year") == "XXXX" else int(m.group("year"))
    month = None if m.group("month") in (None, "XX") else int(m.group("month"))
    day = None if m.group("day") is None else int(m.group("day"))
    week = None if m.group("week") in (None, "XX") else int(m.group("week"))
    wd_s = m.group("wd")
    weekday = None if wd_s is None else int(wd_s) - 1
    quarter = None if m.group("quarter") is None else int(m.group("quarter"))
    half = None if m.group("half") is None else int(m.group("half"))
    season = m.group("season")
    if m.group("month") == "XX" and day is not None:
        raise CalendarError(f"{text!r}: a day needs a month")
    if month is not None and not 1 <= month <= 12:
        raise CalendarError(f"{text!r}: month {month} does not exist")
    if day is not None:
        assert month is not None
        limit = month_length(year, month) if year is not None else (29 if month == 2 else month_length(2001, month))
        if not 1 <= day <= limit:
            where = f" in {year}" if year is not None else ""
            raise CalendarError(f"{text!r}: day {day} does not exist in month {month}{where}")
    if week is not None:
        if year is None:
            raise CalendarError(f"{text!r}: a week number needs a year")
        try:
            dt.date.fromisocalendar(year, week, 1)
        except ValueError as exc:
            raise CalendarError(f"{text!r}: {exc}") from None
    if mod is not None and mod not in ("START", "MID", "END"):
        raise CalendarError(f"unknown part-of-period modifier {mod!r}")
    return CalendarValue(year, month, day, week, weekday, quarter, half, season, mod)


YMD = tuple[int, int, int]
"""(year offset, month, day) relative to the value's year."""


def period_in_year(
    cv: CalendarValue, month_parts: dict[str, tuple[int, int]], year_parts: dict[str, tuple[int, int]]
) -> tuple[YMD, YMD] | None:
    """The value's period as [start, end) relative to its (possibly unknown) year.

    ``month_parts`` maps START/MID/END to day ranges of a month, ``year_parts`` to month
    ranges of a year; both come from the policy file.  Returns None for a bare weekday.
    A day range ending past a short month is clipped by the caller's month end.
    """
    if cv.week is not None:
        return None
    if cv.day is not None:
        assert cv.month is not None
        return (0, cv.month, cv.day), _next_day(cv.month, cv.day)
    if cv.month is not None:
        end_excl = (1, 1, 1) if cv.month == 12 else (0, cv.month + 1, 1)
        if cv.mod is None:
            return (0, cv.month, 1), end_excl
        lo, hi = month_parts[cv.mod]
        start = (0, cv.month, lo)
        if hi >= 31:
            return start, end_excl
        return start, _next_day(cv.month, hi)
    if cv.quarter is not None:
        m0 = 3 * cv.quarter - 2
        return (0, m0, 1), ((1, 1, 1) if cv.quarter == 4 else (0, m0 + 3, 1))
    if cv.half is not None:
        return ((0, 1, 1), (0, 7, 1)) if cv.half == 1 else ((0, 7, 1), (1, 1, 1))
    if cv.season is not None:
        m1, d1, m2, d2 = _SEASONS[cv.season]
        return (0, m1, d1), (1 if m2 < m1 else 0, m2, d2)
    if cv.year is not None:
        if cv.mod is None:
            return (0, 1, 1), (1, 1, 1)
        lo, hi = year_parts[cv.mod]
        return (0, lo, 1), ((1, 1, 1) if hi == 12 else (0, hi + 1, 1))
    return None


def _next_day(month: int, day: int) -> YMD:
    # Days past a month's end roll over in days_from_civil's arithmetic (Feb 30 = Mar 2),
    # so "the day after (m, d)" is simply (m, d + 1) for day arithmetic.
    return (0, month, day + 1)


def concrete_span(
    cv: CalendarValue, month_parts: dict[str, tuple[int, int]], year_parts: dict[str, tuple[int, int]]
) -> tuple[int, int] | None:
    """Inclusive [first, last] day numbers of a value whose year is known; None otherwise."""
    if cv.year is None:
        return None
    if cv.week is not None:
        first = to_day(dt.date.fromisocalendar(cv.year, cv.week, 1))
        if cv.weekday is not None:
            return first + cv.weekday, first + cv.weekday
        return first, first + 6
    per = period_in_year(cv, month_parts, year_parts)
    if per is None:
        return None
    (ys, ms, ds), (ye, me, de) = per
    start = days_from_civil(cv.year + ys, ms, ds)
    end_excl = days_from_civil(cv.year + ye, me, de)
    if cv.month is not None and cv.day is None and cv.mod is not None:
        # a part of a month never runs past the month's last day
        month_end = days_from_civil(cv.year + (cv.month == 12), cv.month % 12 + 1, 1)
        end_excl = min(end_excl, month_end)
    return start, end_excl - 1


# --------------------------------------------------------------------------- durations

_DURATION = re.compile(r"^P(?:(?P<n>\d+(?:\.\d+)?)(?P<u>[DWMY]))$|^PT(?P<tn>\d+(?:\.\d+)?)(?P<tu>[HM])$")
_UNITS = {"D": "day", "W": "week", "M": "month", "Y": "year"}


@dataclass(frozen=True)
class Duration:
    """A TIMEX3 duration such as ``P3Y``: an amount of one unit."""

    amount: float
    unit: str  # "hour", "minute", "day", "week", "month", "year"


def parse_duration(text: str) -> Duration:
    """Read a TIMEX3 duration value of a single unit (``P3Y``, ``P10D``, ``PT2H``)."""
    m = _DURATION.match(text.strip())
    if not m:
        raise CalendarError(f"not a duration: {text!r} (expected e.g. P3Y, P1M, P10D)")
    if m.group("n") is not None:
        return Duration(float(m.group("n")), _UNITS[m.group("u")])
    return Duration(float(m.group("tn")), "hour" if m.group("tu") == "H" else "minute")
