"""Normalisation functions and templates, and properties of the tagger on arbitrary text."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.dates.context import Context, NormalizeError
from factcheck.dates.durations import f_dur
from factcheck.dates.monthless import f_near_month_day, f_range_day
from factcheck.dates.normalize import render
from factcheck.dates.relative import f_same_year_back
from factcheck.dates.tagger import DateReader
from factcheck.dates.yearless import f_near_quarter, f_nth_weekday, f_season_year

READER = DateReader.load()
TUE = dt.date(2025, 4, 8)


def ctx(groups=None, dct=TUE, tense="unknown"):
    return Context(groups or {}, READER.ruleset.tables, dct, tense)


@pytest.mark.parametrize(
    ("n", "unit", "half", "want"),
    [
        (3, "Y", None, "P3Y"),
        (5, "H", "1/2", "PT5H30M"),
        (2, "Y", "x", "P2Y6M"),
        (2, "DE", None, "P20Y"),
        (1, "CE", None, "P100Y"),
        ("X", "W", None, "PXW"),
        (None, "MIN", None, "PTXM"),
        (30, "D", None, "P30D"),
        (1, "MIN", "x", "PT1M30S"),
    ],
)
def test_durations(n, unit, half, want):
    assert f_dur(ctx(), n, unit, half) == want


@pytest.mark.parametrize(
    ("day", "dct", "tense", "want"),
    [
        (21, TUE, "past", "2025-03-21"),
        (21, TUE, "future", "2025-04-21"),
        (3, TUE, "unknown", "2025-04-03"),
        (31, dt.date(2025, 4, 20), "past", "2025-03-31"),  # April has no 31st
        (31, dt.date(2025, 4, 20), "future", "2025-05-31"),
        (1, dt.date(2025, 12, 30), "future", "2026-01-01"),
        (15, None, "past", "XXXX-XX-15"),
    ],
)
def test_a_day_without_its_month_takes_the_nearest_month_in_the_tense(day, dct, tense, want):
    assert f_near_month_day(ctx(dct=dct, tense=tense), day) == want


def test_a_day_of_the_month_that_no_month_has_is_an_error():
    with pytest.raises(NormalizeError):
        f_near_month_day(ctx(), 32)


def joined(before: str | None, between: str | None) -> Context:
    pair = None if before is None or between is None else (before, between)
    return Context({}, READER.ruleset.tables, TUE, joined=pair)


@pytest.mark.parametrize(
    ("before", "between", "day", "year", "want"),
    [
        ("2025-05-16", "-", 18, None, "2025-05-18"),
        ("2025-04-24", " and ", 25, None, "2025-04-25"),
        ("XXXX-06-03", " or ", 4, None, "XXXX-06-04"),
        ("2025-06-03", " to ", 4, 2026, "2026-06-04"),  # the year written after the second day
        ("2024-02-27", "–", 29, None, "2024-02-29"),
    ],
)
def test_the_second_day_of_a_range_takes_the_first_days_month(before, between, day, year, want):
    assert f_range_day(joined(before, between), day, year) == want


@pytest.mark.parametrize(
    ("before", "between", "day"),
    [
        ("2025-05-16", None, 18),  # no date right before
        ("2025-05-16", ", then ", 18),  # not joined as a range or a pair
        ("2025-05", "-", 18),  # a month is no first day
        ("2025-05-16", "-", 12),  # not a later day
        ("2025-02-27", "-", 30),  # February has no 30th
        (None, "-", 18),
    ],
)
def test_a_number_after_a_date_that_is_no_later_day_of_its_month_is_no_date(before, between, day):
    with pytest.raises(NormalizeError):
        f_range_day(joined(before, between), day)


@pytest.mark.parametrize(
    ("template", "want"),
    [
        ("{shift('day', -1)}", "2025-04-07"),
        ("{shift('week', -1)}", "2025-W14"),
        ("{shift('month', -1)}", "2025-03"),
        ("{shift('quarter', -1)}", "2025-Q1"),
        ("{shift('year', 1)}", "2026"),
        ("{shift('decade', -2)}", "2005"),
        ("{weekday_shift(5, -1)}", "2025-04-04"),
        ("{last_quarter()}", "2025-Q1"),
        ("{weekend(-1)}", "2025-W14-WE"),
    ],
)
def test_relative_templates(template, want):
    assert render(template, ctx()) == want


@pytest.mark.parametrize(
    ("anchor", "template", "want"),
    [
        ("1995-05-22", "{anchored('year', 1)}", "1996"),
        ("1998-06", "{anchored('year', 0)}", "1998"),
        ("1989-12", "{anchored('month', 1)}", "1990-01"),
        ("2000-02-22T09:00", "{anchored('day', 1)}", "2000-02-23"),
        ("1988-Q4", "{anchored('quarter', 1)}", "1989-Q1"),
        ("XXXX-03", "{anchored('month', 1)}", "XXXX-XX"),
    ],
)
def test_anchored_counts_from_the_date_mentioned_last(anchor, template, want):
    c = ctx()
    c.anchor = anchor
    assert render(template, c) == want


@pytest.mark.parametrize(("anchor", "unit"), [(None, "year"), ("1998", "month"), ("1998-06", "day")])
def test_anchored_needs_a_fine_enough_date(anchor, unit):
    c = ctx()
    c.anchor = anchor
    with pytest.raises(NormalizeError):
        render(f"{{anchored('{unit}', 1)}}", c)


def test_quarter_templates_use_the_quarter_named_last():
    c = ctx()
    assert render("{year_ago_quarter()}", c) == "2024-Q1"  # none named: the last completed
    c.quarter = "2024-Q3"
    assert render("{year_ago_quarter()}", c) == "2023-Q3"
    assert render("{same_quarter(1988)}", c) == "1988-Q3"


@pytest.mark.parametrize(
    ("dct", "tense", "quarters"),
    [
        (dt.date(2008, 6, 11), "past", ["2008", "2008", "2007", "2007"]),
        (dt.date(2008, 6, 11), "unknown", ["2008", "2008", "2007", "2007"]),
        (dt.date(2008, 6, 11), "future", ["2008", "2008", "2008", "2008"]),
        (dt.date(1989, 11, 2), "future", ["1990", "1990", "1989", "1989"]),
        (dt.date(1989, 7, 15), "future", ["1990", "1989", "1989", "1989"]),
    ],
)
def test_a_quarter_without_a_year(dct, tense, quarters):
    """The latest begun; in future tense, one still to come or just reported this year, one long over next year."""
    assert [f_near_quarter(ctx(dct=dct, tense=tense), k) for k in (1, 2, 3, 4)] == quarters


@pytest.mark.parametrize(
    ("dct", "season", "rel", "want"),
    [
        (dt.date(1989, 10, 30), "SP", -1, "1989"),
        (dt.date(1989, 2, 1), "SP", -1, "1988"),
        (dt.date(1989, 10, 26), "SU", None, "1989"),
        (dt.date(1998, 2, 6), "WI", None, "1997"),
    ],
)
def test_season_year(dct, season, rel, want):
    assert f_season_year(ctx(dct=dct, tense="nearest"), season, rel) == want


@pytest.mark.parametrize(
    ("hour", "minute", "zone", "want"),
    [(16, 0, "UTC", "16:00Z"), (7, 15, "gmt", "07:15Z"), (20, 0, None, "20:00"), ("9", "05", None, "09:05")],
)
def test_a_24_hour_time_carries_a_zone_only_when_given_in_utc(hour, minute, zone, want):
    assert render("{clock24(h, m, z)}", ctx({"h": str(hour), "m": str(minute), "z": zone})) == want


def test_an_impossible_24_hour_time_is_refused_and_an_absent_one_renders_nothing():
    with pytest.raises(NormalizeError):
        render("{clock24(h, m)}", ctx({"h": "25", "m": "00"}))
    assert (
        render(
            "T{clock24(h, m)}{clock(a, b, c, d)}",
            ctx({"h": None, "m": None, "a": None, "b": None, "c": None, "d": None}),
        )
        == "T"
    )


def test_the_previous_weekday_counts_from_the_day_named_last_else_from_the_creation_time():
    named = Context({}, READER.ruleset.tables, TUE, anchor="2025-10-17")  # a Friday
    assert render("{anchored_weekday(5, -1)}", named) == "2025-10-10"
    assert render("{anchored_weekday(1, 1)}", named) == "2025-10-20"
    assert render("{anchored_weekday(5, -1)}", ctx()) == "2025-04-04"
    unknown_year = Context({}, READER.ruleset.tables, None, anchor="XXXX-10-17")
    assert render("{anchored_weekday(5, -1)}", unknown_year) == "XXXX-WXX-5"


def test_an_eve_is_the_day_before_its_holiday_even_across_the_new_year():
    got = [(m.text, m.value) for m in READER.tag("Crowds gathered on New Year's Eve and Christmas Eve.", TUE)]
    assert got == [("New Year's Eve", "2024-12-31"), ("Christmas Eve", "2024-12-24")]


def test_a_range_of_amounts_is_at_least_its_lower_end():
    got = READER.tag("Repairs take three to five days.", TUE)
    assert [(m.text, m.value, m.mod) for m in got] == [("three to five days", "P3D", "EQUAL_OR_MORE")]
    assert f_dur(ctx(), 3, None) is None


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The ferry sails on 12 July at 20:30.", ("2025-07-12T20:30", "XXXX-07-12T20:30")),
        ("The pier reopened on Monday, at around 9 a.m.", ("2025-04-07T09:00", "XXXX-WXX-1T09:00")),
        ("The count closed yesterday at noon.", ("2025-04-07T12:00", "XXXX-XX-XXT12:00")),
        ("The ferry sails in July. At 20:30 the lights go up.", ("2025-04-08T20:30", "XXXX-XX-XXT20:30")),
        ("The ferry sailed on Monday. At 9 a.m. the pier shut.", ("2025-04-08T09:00", "XXXX-XX-XXT09:00")),
        ("The ferry sails at 20:30.", ("2025-04-08T20:30", "XXXX-XX-XXT20:30")),
        ("Late on Friday the pumps failed and the shaft flooded at 11 p.m.", ("2025-04-04T23:00", "XXXX-WXX-5T23:00")),
        ("The ferry sailed on Monday; at 9 a.m. the pier shut.", ("2025-04-08T09:00", "XXXX-XX-XXT09:00")),
        # A future verb between a past day and the clock time: the time is not on that day.
        ("The driver, arrested on Monday, will appear in court at 10 a.m.", ("2025-04-08T10:00", "XXXX-XX-XXT10:00")),
        (
            "The driver was arrested on Monday and appeared in court at 10 a.m.",
            ("2025-04-07T10:00", "XXXX-WXX-1T10:00"),
        ),
        ("On Friday the ferry will leave at 9 a.m.", ("2025-04-11T09:00", "XXXX-WXX-5T09:00")),
        (
            "The ferry sailed on Monday from the old northern harbour, past the lighthouse, the breakwater, "
            "the grain silos and the naval yard, and at 9 a.m. the pier shut.",
            ("2025-04-08T09:00", "XXXX-XX-XXT09:00"),
        ),
    ],
)
def test_a_clock_time_falls_on_the_day_named_shortly_before_it_in_its_sentence_else_on_the_creation_day(text, want):
    clock = [m for m in READER.tag(text, TUE) if m.type == "TIME"]
    assert [(m.value, m.symbolic) for m in clock] == [want]


@pytest.mark.parametrize(
    ("anchor", "grain", "dct", "want"),
    [
        ("2025-02", "month", TUE, "2024-02"),
        ("2025-02-14", "month", TUE, "2024-02"),
        ("2024-02-29", "day", TUE, "2023-02-28"),
        ("2025-Q1", "month", TUE, "2024-04"),
        (None, "day", TUE, "2024-04-08"),
        ("XXXX-03-03", "day", None, "XXXX-03-03"),
        (None, "month", None, "XXXX-XX"),
    ],
)
def test_the_same_month_or_day_a_year_back_is_the_one_named_last(anchor, grain, dct, want):
    c = Context({}, READER.ruleset.tables, dct, "unknown", anchor=anchor)
    assert f_same_year_back(c, grain) == want


def test_the_same_quarter_a_year_back_is_not_a_calendar_month():
    with pytest.raises(NormalizeError):
        f_same_year_back(ctx(), "quarter")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Bicycle sales in March rose 8% from the year-earlier period.", "2024-03"),
        ("Ferry bookings for June fell short of the same period last year.", "2024-06"),
        ("Bicycle sales in March rose 8% from the year-earlier quarter.", "2024-Q1"),
        ("The board met in March. Profit for the quarter rose from the year-earlier period.", "2024-Q1"),
        ("Profit rose from the year-ago period.", "2024-Q1"),
    ],
)
def test_a_year_ago_period_is_the_month_reported_on_when_no_quarter_was_named(text, want):
    """A year-ago period after a month alone is that month a year back; a quarter named, or the word quarter, keeps the quarter."""
    got = [m.value for m in READER.tag(text, TUE) if m.rule == "date-year-ago-quarter"]
    assert got == [want]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # A participle before "by" modifies a noun; the clause's verb is the future one.
        (
            "The freighter will leave the northern harbour for the coast on Wednesday with its holds and its decks "
            "untouched by the inspectors.",
            "2025-04-09",
        ),
        (
            "The freighter will leave the northern harbour for the coast on Wednesday with holds untouched by rust.",
            "2025-04-09",
        ),
        # A past verb after the weekday still puts it in the past.
        ("On Wednesday crews walked out.", "2025-04-02"),
        (
            "The freighter will leave the northern harbour for the coast on Wednesday after crews walked out.",
            "2025-04-02",
        ),
    ],
)
def test_a_participle_before_by_is_no_past_tense_cue(text, want):
    got = [m.value for m in READER.tag(text, TUE) if m.rule == "date-weekday"]
    assert got == [want]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # A plan in the pluperfect was made, and mostly overtaken, before the report: no future cue.
        ("The sale had been scheduled to close on Thursday.", "2025-04-03"),
        ("The board had planned to meet on Thursday.", "2025-04-03"),
        ("The board had been expected to vote on Thursday.", "2025-04-03"),
        # A plan in the present or the simple past still points ahead.
        ("The sale is scheduled to close on Thursday.", "2025-04-10"),
        ("The sale was scheduled to close on Thursday.", "2025-04-10"),
        ("The board is expected to vote on Thursday.", "2025-04-10"),
        ("The vote has been scheduled for Thursday.", "2025-04-10"),
        ("The board has been expected to vote on Thursday.", "2025-04-10"),
    ],
)
def test_a_plan_in_the_pluperfect_is_no_future_cue(text, want):
    got = [m.value for m in READER.tag(text, TUE) if m.rule == "date-weekday"]
    assert got == [want]


@pytest.mark.parametrize(
    ("n", "weekday", "month", "year", "last", "want"),
    [
        (2, 7, 12, 2025, None, "2025-12-14"),
        (1, 2, 11, 2028, None, "2028-11-07"),
        (5, 6, 3, 2025, None, "2025-03-29"),
        (None, 1, 5, 2025, "last", "2025-05-26"),
        (None, 5, 2, 2024, "last", "2024-02-23"),
        (1, 1, 6, None, None, "2025-06-02"),  # the year a month alone would take
    ],
)
def test_a_weekday_counted_within_a_month(n, weekday, month, year, last, want):
    assert f_nth_weekday(ctx(tense="nearest"), n, weekday, month, year, last) == want


def test_a_fifth_weekday_that_the_month_lacks_is_an_error():
    with pytest.raises(NormalizeError):
        f_nth_weekday(ctx(), 5, 5, 2, 2025)


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{weekday(1, 2)}", r"weekday\(\) does not take 2 argument"),
        ("{shift('day', 1, 2)}", r"shift\(\) does not take 3 argument"),
        ("{shift()}", r"shift\(\) does not take 0 argument"),
    ],
)
def test_a_call_with_the_wrong_number_of_arguments_is_an_error(template, message):
    with pytest.raises(NormalizeError, match=message):
        render(template, ctx())


def test_calls_with_the_arguments_a_function_takes_render():
    assert render("{shift('day', -1)}", ctx()) == "2025-04-07"
    assert render("{shift('day')}", ctx()) == "2025-04-08"  # n has a default
