"""A date fact's written date is read once, as its parts with "X" for what is unsaid, for every pass that compares dates."""

from __future__ import annotations

import pytest

from factcheck.auditing.evidence import written_date


@pytest.mark.parametrize(
    ("value", "parts"),
    [
        ("2019-03-14", ("2019", "03", "14")),
        ("XXXX-10-29", ("X", "10", "29")),
        ("2013-04", ("2013", "04")),
        ("2013", ("2013",)),
        ("XXXX-XX-XX", ("X", "X", "X")),
    ],
)
def test_a_written_date_gives_its_parts_with_x_for_the_unsaid(value: str, parts: tuple[str, ...]) -> None:
    assert written_date({"kind": "date", "subject": "e1", "value": value}) == parts


@pytest.mark.parametrize("value", ["2025-W15", "2025-Q2", "PAST_REF", "Tuesday", "2019-03-14T10:00", ""])
def test_a_value_that_is_no_calendar_date_gives_none(value: str) -> None:
    assert written_date({"kind": "date", "subject": "e1", "value": value}) is None


def test_a_fact_of_another_kind_gives_none() -> None:
    assert written_date({"kind": "relative", "subject": "e1", "value": "2019-03-14"}) is None
    assert written_date({"kind": "ordinal", "subject": "e1", "n": 3}) is None
