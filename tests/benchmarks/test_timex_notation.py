"""The one notation ``benchmarks/timex.py`` writes values in, to size the gold's notation differences."""

from __future__ import annotations

import pytest

from tests.benchmarks.scripts import load_script

notation = load_script("timex.py").notation


@pytest.mark.parametrize(
    ("value", "want"),
    [
        ("2000-W2", "2000-W02"),
        ("2000-W7-WE", "2000-W07-WE"),
        ("1968-XX", "1968"),
        ("1994-XX-XX", "1994"),
        ("1998-10-XX", "1998-10"),
        ("198X", "198"),
        ("19XX", "19"),
    ],
)
def test_other_notations_of_one_value_are_written_as_timeml_writes_them(value, want):
    assert notation(value) == want


@pytest.mark.parametrize(
    "value",
    ["2000-W02", "2000-W12", "1968", "XXXX-XX-XX", "XXXX-WXX-2", "1998-10-23", "P2Y", "PRESENT_REF", "198", "1998-Q4"],
)
def test_values_already_in_that_notation_or_unknown_throughout_are_kept(value):
    assert notation(value) == value
