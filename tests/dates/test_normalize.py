"""Normalisation functions and templates, and properties of the tagger on arbitrary text."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.dates.normalize import Context, NormalizeError, f_dur, f_season_year, parse_template, render
from factcheck.dates.tagger import DateReader

READER = DateReader.load()
TUE = dt.date(2025, 4, 8)


def ctx(groups=None, dct=TUE, tense="unknown"):
    return Context(groups or {}, READER.ruleset.tables, dct, tense)


@pytest.mark.parametrize(
    ("n", "unit", "half", "want"),
    [(3, "Y", None, "P3Y"), (5, "H", "1/2", "PT5H30M"), (2, "Y", "x", "P2Y6M"), (2, "DE", None, "P20Y"),
     (1, "CE", None, "P100Y"), ("X", "W", None, "PXW"), (None, "MIN", None, "PTXM"), (30, "D", None, "P30D"),
     (1, "MIN", "x", "PT1M30S")],
)
def test_durations(n, unit, half, want):
    assert f_dur(ctx(), n, unit, half) == want


@pytest.mark.parametrize(
    ("template", "want"),
    [("{shift('day', -1)}", "2025-04-07"), ("{shift('week', -1)}", "2025-W14"), ("{shift('month', -1)}", "2025-03"),
     ("{shift('quarter', -1)}", "2025-Q1"), ("{shift('year', 1)}", "2026"), ("{shift('decade', -2)}", "2005"),
     ("{weekday_shift(5, -1)}", "2025-04-04"), ("{last_quarter()}", "2025-Q1"), ("{weekend(-1)}", "2025-W14-WE")],
)
def test_relative_templates(template, want):
    assert render(template, ctx()) == want


@pytest.mark.parametrize(
    ("anchor", "template", "want"),
    [("1995-05-22", "{anchored('year', 1)}", "1996"), ("1998-06", "{anchored('year', 0)}", "1998"),
     ("1989-12", "{anchored('month', 1)}", "1990-01"), ("2000-02-22T09:00", "{anchored('day', 1)}", "2000-02-23"),
     ("1988-Q4", "{anchored('quarter', 1)}", "1989-Q1"), ("XXXX-03", "{anchored('month', 1)}", "XXXX-XX")],
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
    ("dct", "season", "rel", "want"),
    [(dt.date(1989, 10, 30), "SP", -1, "1989"), (dt.date(1989, 2, 1), "SP", -1, "1988"),
     (dt.date(1989, 10, 26), "SU", None, "1989"), (dt.date(1998, 2, 6), "WI", None, "1997")],
)
def test_season_year(dct, season, rel, want):
    assert f_season_year(ctx(dct=dct, tense="nearest"), season, rel) == want
