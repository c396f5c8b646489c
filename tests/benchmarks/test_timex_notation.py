"""The one notation ``benchmarks/timex.py`` writes values in, to size the gold's notation differences."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "timex.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("timex_bench_under_test", BENCH)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


notation = _load().notation


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
