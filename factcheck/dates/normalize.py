"""Normalisation templates: from a match's groups to a TIMEX3 value, with or without a creation time.

A template is text with ``{expr}`` fields, ``expr`` being a group of the rule's pattern (read
through the table of the same name, or as a number), a number, or a function call such as
``shift(day, -1)`` or ``near_year(month, day)``.  ``{month:02}`` zero-pads.  Functions that
need the creation time (DCT) record what they did, so the same match also yields a symbolic
form the engine can reason with when the creation time is unknown: ``XXXX-02-27``, or
"the Thursday before the creation time".

This module reads and evaluates templates; the functions they call live beside it, by what they
need: ``relative`` (the creation time or the date named last), ``yearless`` (a year for a date
written without one), ``monthless`` (a month for a day written without one), ``durations`` and
``literal`` (the words alone).
"""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any, cast

from factcheck.dates.context import Context, NormalizeError, Value, lookup
from factcheck.dates.durations import f_dur, f_range
from factcheck.dates.literal import (
    f_add,
    f_century,
    f_clock,
    f_clock24,
    f_daypart,
    f_decade,
    f_either,
    f_month_set,
    f_month_suffix,
    f_mul,
    f_neg,
    f_season_set,
    f_weekday_set,
    f_year2,
)
from factcheck.dates.monthless import f_near_month_day, f_range_day
from factcheck.dates.relative import (
    f_anchored,
    f_anchored_weekday,
    f_last_quarter,
    f_period,
    f_same_quarter,
    f_same_year_back,
    f_shift,
    f_weekday,
    f_weekday_shift,
    f_weekend,
    f_year_ago_quarter,
)
from factcheck.dates.yearless import (
    f_date_md,
    f_holiday_date,
    f_last_month_named,
    f_month_named,
    f_near_quarter,
    f_near_year,
    f_nth_weekday,
    f_season_year,
    f_week_of,
)

KEYWORDS = frozenset({"day", "week", "month", "year", "quarter", "half", "decade", "century", "X"})

FUNCTIONS: dict[str, Callable[..., Value]] = {
    "shift": f_shift,
    "period": f_period,
    "anchored": f_anchored,
    "same_year_back": f_same_year_back,
    "near_year": f_near_year,
    "near_quarter": f_near_quarter,
    "near_month_day": f_near_month_day,
    "range_day": f_range_day,
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
    "nth_weekday": f_nth_weekday,
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

_TOKEN = re.compile(r"\s*(?:(?P<num>-?\d+(?:\.\d+)?)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)|'(?P<str>[^']*)'|(?P<op>[(),-]))")
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
        return lookup(ctx, val) if val in ctx.groups or val not in KEYWORDS else val
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
    least, most = _arity(fn)
    if not least <= len(values) + 1 <= most:
        # A user template calling a function with the wrong number of arguments ("weekday(a, b)").
        raise NormalizeError(f"{name}() does not take {len(values)} argument(s)")
    return fn(ctx, *values)


@functools.cache
def _arity(fn: Callable[..., Any]) -> tuple[int, float]:
    """The fewest and most positional arguments ``fn`` takes (the context among them).

    What ``inspect.Signature.bind`` would accept of a positional call, worked out once per
    function instead of binding every call.
    """
    params = inspect.signature(fn).parameters.values()
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    if any(p.kind is p.KEYWORD_ONLY and p.default is p.empty for p in params):
        return 1, 0  # a required keyword a template cannot give: no call fits
    least = sum(p.default is p.empty for p in positional)
    most = float("inf") if any(p.kind is p.VAR_POSITIONAL for p in params) else len(positional)
    return least, most


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
