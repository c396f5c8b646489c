"""Template functions for amounts of time: a duration's value (P3Y, PT5H30M) and the mod of a range."""

from __future__ import annotations

from factcheck.dates.context import Context, Value, as_amount

_TIME_UNITS = {"H", "MIN", "S"}
_SMALLER = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("MIN", 60), "MIN": ("S", 60)}
_SCALED = {"DE": ("Y", 10), "CE": ("Y", 100), "FN": ("W", 2)}


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
    amount = as_amount(n) + (0.5 if half is not None else 0)
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
