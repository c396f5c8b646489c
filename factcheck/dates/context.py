"""What a normalisation template is evaluated against, and how its groups are read as numbers or table values."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

Tense = Literal["past", "future", "unknown", "nearest"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
"""The TIMEX3 types a rule can yield (a pack's records and its models share it)."""


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
    # The value of the date right before this match and the text between them, when it ends a few
    # characters before it ("May 16[-]18", "April 24[ and ]25"), else None.
    joined: tuple[str, str] | None = None


Value = str | int | None

_RUNS = re.compile(r"[\s-]+")
_SPACES = re.compile(r"\s+")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
_DECIMAL = re.compile(r"\d+\.\d+")


def lookup(ctx: Context, name: str) -> Value:
    """A group's text read through the table of the same name, or as a number; None when the group is absent."""
    raw = ctx.groups.get(name)
    if raw is None:
        return None
    key = _RUNS.sub(" ", raw.strip().lower()).rstrip(".")
    table = ctx.tables.get(name.rstrip("0123456789"))
    if table is not None:
        if key in table:
            return table[key]
        hyphened = _SPACES.sub(" ", raw.strip().lower()).rstrip(".")  # a key written "twenty-first"
        if hyphened in table:
            return table[hyphened]
        if key.rstrip("s") in table:
            return table[key.rstrip("s")]
    digits = key.replace(",", "").lstrip("'")
    if digits.isdigit():
        return int(digits)
    if _ORDINAL.fullmatch(digits):
        return int(digits[:-2])
    if _DECIMAL.fullmatch(digits):
        return digits  # a decimal amount ("1.5 years"), which as_amount reads
    if table is not None and " " in key:
        # A compound number ("twenty five") is the sum of its words.
        parts = [table.get(w) for w in key.split(" ")]
        if all(isinstance(x, int) for x in parts):
            return sum(x for x in parts if isinstance(x, int))
    if table is not None:
        raise NormalizeError(f"{raw!r} is not in table {name.rstrip('0123456789')!r}")
    return raw


def as_int(v: Value, what: str) -> int:
    """A value as a whole number; ``what`` names it in the error."""
    if isinstance(v, int):
        return v
    if isinstance(v, str) and v.lstrip("-").isdigit():
        return int(v)
    raise NormalizeError(f"{what}: {v!r} is not a number")


def as_amount(n: Value) -> int | float:
    """An amount that may be a fraction ("2.5"), as an int when it is whole."""
    if isinstance(n, int):
        return n
    if isinstance(n, str):
        try:
            f = float(n)
        except ValueError:
            raise NormalizeError(f"{n!r} is not an amount") from None
        return int(f) if f.is_integer() else f
    raise NormalizeError(f"{n!r} is not an amount")
