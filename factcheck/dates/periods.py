"""Calendar arithmetic at a granularity: the ISO week of a day, the value of a day's month or decade, months added."""

from __future__ import annotations

import datetime as dt

from factcheck.dates.context import NormalizeError


def iso_week(d: dt.date) -> str:
    """The ISO week holding a day: 2025-W15."""
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def period_at(d: dt.date, unit: str) -> str:
    """The value of the period of that unit holding a day: 2025-04 for a month, 202 for a decade."""
    if unit == "day":
        return d.isoformat()
    if unit == "week":
        return iso_week(d)
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


def add_months(d: dt.date, n: int) -> dt.date:
    """The first day of the month n months after a day's."""
    m = d.year * 12 + d.month - 1 + n
    return dt.date(m // 12, m % 12 + 1, 1)
