"""Normalisation functions and templates, and properties of the tagger on arbitrary text."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.dates.normalize import Context, NormalizeError, f_dur, parse_template, render
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


def test_without_creation_time_values_stay_symbolic():
    assert render("{shift('day', -1)}", ctx(dct=None)) == "XXXX-XX-XX"
    assert render("{near_year(2, 27)}-02-27", ctx(dct=None)) == "XXXX-02-27"
    assert render("{weekday(4)}", ctx(dct=None)) == "XXXX-WXX-4"


def test_year_choice_by_tense():
    assert render("{near_year(12, 3)}", ctx(tense="future")) == "2025"
    assert render("{near_year(12, 3)}", ctx(tense="past")) == "2024"
    assert render("{near_year(12, 3)}", ctx(tense="nearest")) == "2024"
    assert render("{near_year(5, 16)}", ctx(tense="nearest")) == "2025"


def test_bad_templates_and_values():
    with pytest.raises(NormalizeError):
        parse_template("{nosuchfn(1)}")
    with pytest.raises(NormalizeError):
        parse_template("{shift('day', -1}")
    with pytest.raises(NormalizeError):
        render("{near_year(13)}", ctx())
    with pytest.raises(NormalizeError):
        render("{near_year(2, 30)}", ctx())


def test_invalid_dates_in_text_are_not_read():
    assert READER.tag("On Feb. 30, 2025 nothing happened.", TUE) == []


WORDS = st.sampled_from(
    ["Feb.", "27", "Thursday", "said", "last", "week", "the", "third", "quarter", "1998", "mid-May", "ago", "3",
     "months", "a", "year", "earlier", "will", "meet", "on", ",", ".", "\n", "over", "since", "2022", "May", "x"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, max_size=40), st.one_of(st.none(), st.dates(dt.date(1950, 1, 1), dt.date(2090, 12, 31))))
def test_tagging_any_text_is_safe_ordered_and_deterministic(words, dct):
    text = " ".join(words)
    out = READER.tag(text, dct)
    assert out == READER.tag(text, dct)
    prev_end = 0
    for m in out:
        assert prev_end <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        prev_end = m.end
        if dct is None:
            assert m.value == m.symbolic


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_tagging_arbitrary_unicode_never_raises(text):
    READER.tag(text, TUE)
