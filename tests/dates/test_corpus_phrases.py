"""The phrases the date reader exists for, as they appear in the bundled corpus.

The articles carry no creation time, so each phrase is read symbolically (the engine
decides the rest); where an expression is part of a relation ("a day after", "said
Tuesday"), the expression part is checked here and the relation is the article reader's.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from factcheck.dates.tagger import DateReader

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "istanbul-2025"
READER = DateReader.load()

# (article, phrase in context, expression text, type, symbolic value, mod, relative)
PHRASES = [
    ("000", "on Feb. 27 to discuss", "Feb. 27", "DATE", "XXXX-02-27", None, {}),
    (
        "000",
        "take place\nThursday in Istanbul",
        "Thursday",
        "DATE",
        "XXXX-WXX-4",
        None,
        {"expression": "weekday", "value": "Thursday", "tense": "future"},
    ),
    (
        "000",
        "the Kremlin said Tuesday",
        "Tuesday",
        "DATE",
        "XXXX-WXX-2",
        None,
        {"expression": "weekday", "value": "Tuesday", "tense": "past"},
    ),
    (
        "002",
        "1 month ago",
        "1 month ago",
        "DATE",
        "XXXX-XX",
        None,
        {"expression": "shift", "unit": "month", "amount": -1},
    ),
    ("003", "since mid-May", "mid-May", "DATE", "XXXX-05", "MID", {}),
    ("002", "in January", "January", "DATE", "XXXX-01", None, {}),
    ("003", "since 2022", "2022", "DATE", "2022", None, {}),
    ("003", "for over three years", "over three years", "DURATION", "P3Y", "MORE_THAN", {}),
    ("004", "last week", "last week", "DATE", "XXXX-WXX", None, {"expression": "shift", "unit": "week", "amount": -1}),
    ("002", "just a day after", "a day", "DURATION", "P1D", None, {}),
    ("001", "convicted in August 2024", "August 2024", "DATE", "2024-08", None, {}),
    ("001", "April 10, 2025", "April 10, 2025", "DATE", "2025-04-10", None, {}),
    ("004", "February 2022", "February 2022", "DATE", "2022-02", None, {}),
]


def article(prefix: str) -> str:
    (path,) = sorted(CORPUS.glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("row", PHRASES, ids=[f"{p[0]}:{p[2]}" for p in PHRASES])
def test_phrase_read_as_in_corpus(row):
    prefix, context, expr, typ, symbolic, mod, relative = row
    text = article(prefix)
    at = text.find(context)
    assert at >= 0, f"{context!r} not in article {prefix}"
    start = at + context.index(expr)
    found = [m for m in READER.tag(text) if m.start == start]
    assert found, f"{expr!r} at {start} not read"
    m = found[0]
    assert (m.text, m.type, m.value, m.symbolic, m.mod) == (expr, typ, symbolic, symbolic, mod)
    assert dict(m.relative) == relative


def test_known_creation_time_resolves_values():
    """With a creation time, the same phrases get full TIMEX3 values (the Kremlin article: Tue 2025-04-08)."""
    text = article("000")
    got = {(m.text, m.value) for m in READER.tag(text, dt.date(2025, 4, 8))}
    assert ("Thursday", "2025-04-10") in got
    assert ("Tuesday", "2025-04-08") in got
    assert ("Feb. 27", "2025-02-27") in got


def test_page_boilerplate_stamp_is_a_date_not_a_duration():
    m = [m for m in READER.tag(article("003")) if m.text == "3 months ago"]
    assert m and m[0].type == "DATE" and dict(m[0].relative)["amount"] == -3
