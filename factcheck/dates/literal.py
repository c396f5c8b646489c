"""Template functions whose value the words give alone, with no creation time.

Years, decades and centuries, clock times, sets ("every Thursday"), and the arithmetic of numbers.
"""

from __future__ import annotations

from factcheck.dates.context import Context, NormalizeError, Value, as_int


def f_year2(ctx: Context, y: Value) -> str:
    """A year, from four digits or two ('98 → 1998, '05 → 2005)."""
    k = as_int(y, "year")
    if k < 100:
        k += 1900 if k >= 30 else 2000
    return f"{k:04d}"


def f_decade(ctx: Context, y: Value) -> str:
    """Give a decade's digits: "the 1990s" → 199."""
    return f"{as_int(y, 'decade') // 10:03d}"


def f_century(ctx: Context, n: Value) -> str:
    """Give a century's digits: "the 20th century" → 19."""
    return f"{as_int(n, 'century') - 1:02d}"


def f_add(ctx: Context, a: Value, b: Value) -> str:
    """Sum of two numbers ("twenty" + "five")."""
    return str(as_int(a, "add") + as_int(b, "add"))


def f_mul(ctx: Context, a: Value, b: Value) -> str:
    """Product of two numbers ("a couple of" x 2)."""
    return str(as_int(a, "mul") * as_int(b, "mul"))


def f_neg(ctx: Context, a: Value) -> str:
    """The negated number."""
    return str(-as_int(a, "neg"))


def f_either(ctx: Context, *values: Value) -> Value:
    """The first of its arguments that is present (an optional group or a default); evaluated lazily."""
    for v in values:
        if v is not None:
            return v
    return None


def f_month_suffix(ctx: Context, month: Value) -> str:
    """Give "-07" after a year when a month was named, nothing otherwise."""
    return "" if month is None else f"-{as_int(month, 'month'):02d}"


def f_weekday_set(ctx: Context, wd: Value) -> Value:
    """Every such weekday: XXXX-WXX-4."""
    return None if wd is None else f"XXXX-WXX-{as_int(wd, 'weekday')}"


def f_season_set(ctx: Context, season: Value) -> Value:
    """Every such season: XXXX-SU."""
    return None if season is None else f"XXXX-{season}"


def f_month_set(ctx: Context, month: Value) -> Value:
    """Every such month: XXXX-07."""
    return None if month is None else f"XXXX-{as_int(month, 'month'):02d}"


def f_daypart(ctx: Context, part: Value) -> Value:
    """Give TMO for "morning", to follow a date; nothing when the group is absent."""
    return None if part is None else f"T{part}"


def f_clock(ctx: Context, hour: Value, minute: Value, ampm: Value, noon: Value) -> str | None:
    """A clock time: 1 p.m. → 13:00, noon or midday → 12:00, midnight → 24:00; nothing when none was written."""
    if hour is None and noon is None:
        return None
    if noon is not None:
        return "24:00" if str(noon).lower() == "midnight" else "12:00"
    h = as_int(hour, "hour") % 12 + as_int(ampm if ampm is not None else 0, "am/pm")
    m = 0 if minute is None else as_int(minute, "minute")
    return f"{h:02d}:{m:02d}"


def f_clock24(ctx: Context, hour: Value, minute: Value, zone: Value = None) -> str | None:
    """A 24-hour clock time: 16:00, or 16:00Z when it is given in UTC or GMT (ISO 8601's zone designator).

    Nothing when the group is absent, so a template can write a 12-hour and a 24-hour form side by side.
    """
    if hour is None:
        return None
    h, m = as_int(hour, "hour"), as_int(minute, "minute")
    if not (0 <= h <= 24 and 0 <= m <= 59):
        raise NormalizeError(f"{h}:{m:02d} is not a time of day")
    utc = zone is not None and str(zone).upper() in ("UTC", "GMT")
    return f"{h:02d}:{m:02d}{'Z' if utc else ''}"
