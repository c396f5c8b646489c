import datetime as dt

import pytest
import z3
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.calendar import (
    CalendarError,
    civil_from_days,
    concrete_span,
    days_from_civil,
    from_day,
    parse_duration,
    parse_value,
    to_day,
    weekday_of,
)
from factcheck.engine.ir import Encoding
from factcheck.engine.lower import Lowering
from factcheck.engine.smt import T
from factcheck.policy import load_policy

FIRST, LAST = to_day(dt.date(1600, 1, 1)), to_day(dt.date(2400, 12, 31))


def test_python_calendar_matches_datetime_every_day_1600_to_2400() -> None:
    for n in range(FIRST, LAST + 1):
        d = dt.date.fromordinal(n + 719163)
        assert civil_from_days(n) == (d.year, d.month, d.day)
        assert days_from_civil(d.year, d.month, d.day) == n
        assert weekday_of(n) == d.weekday()


def test_symbolic_civil_arithmetic_is_a_bijection_over_the_whole_range() -> None:
    # A proof over the formula: the z3 terms built by the same functions invert each other
    # for every day from 1600-01-01 to 2400-12-31 (no counterexample exists).
    x = z3.Int("x")
    y, m, d = civil_from_days(x)
    s = z3.Solver()
    s.add(x >= FIRST, x <= LAST)
    s.add(z3.Or(days_from_civil(y, m, d) != x, m < 1, m > 12, d < 1, d > 31))
    assert s.check() == z3.unsat


def test_engine_linear_days_from_civil_equals_the_generic_formula() -> None:
    # The engine encodes years with explicit quotients (linear SMT-LIB text); prove it
    # equal to the generic formula for every year 1600..2400 and every month start.
    for month in range(1, 13):
        enc = Lowering(Encoding())
        lin = enc.civil(T("yr"), month, 1)
        ctx = z3.Context()
        y, out = z3.Int("yr", ctx), z3.Int("out", ctx)
        decls = {q: z3.Int(q, ctx) for q in enc._ints} | {"yr": y, "out": out}
        text = "".join(f"(assert {b.s})" for b in enc._structural) + f"(assert (= out {lin.s}))"
        s = z3.Solver(ctx=ctx)
        s.add(*z3.parse_smt2_string(text, decls=decls, ctx=ctx))
        s.add(y >= 1600, y <= 2400, out != days_from_civil(y, month, 1))
        assert s.check() == z3.unsat, month


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.integers(FIRST, LAST))
def test_symbolic_terms_evaluate_like_datetime(n: int) -> None:
    x = z3.IntVal(n)
    y, m, d = (z3.simplify(t).as_long() for t in civil_from_days(x))
    date = from_day(n)
    assert (y, m, d) == (date.year, date.month, date.day)
    assert z3.simplify(weekday_of(x)).as_long() == date.weekday()


def test_parse_values() -> None:
    assert parse_value("XXXX-02-27").month == 2
    assert parse_value("XXXX-02-29").day == 29
    assert parse_value("Tues.").weekday == 1
    assert parse_value("2025-W15").week == 15
    for bad in ("2025-02-30", "2025-13", "XXXX-W12", "Feb", "2025-02-29"):
        with pytest.raises(CalendarError):
            parse_value(bad)
    assert parse_duration("P3Y").unit == "year"


def test_concrete_spans_of_parts() -> None:
    pol = load_policy()
    mp, yp = pol.month_parts(), pol.year_parts()
    span = concrete_span(parse_value("2024-02", "END"), mp, yp)
    assert span is not None and from_day(span[1]) == dt.date(2024, 2, 29)
    span = concrete_span(parse_value("2024", "START"), mp, yp)
    assert span is not None and (from_day(span[0]), from_day(span[1])) == (dt.date(2024, 1, 1), dt.date(2024, 4, 30))
    span = concrete_span(parse_value("2025-W15"), mp, yp)
    assert span is not None and from_day(span[0]) == dt.date(2025, 4, 7)
