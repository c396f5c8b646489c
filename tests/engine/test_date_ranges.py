"""A date fact with ``until``: the subject lies within one range of dates, whose year-less ends share one year."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from factcheck.model import Status
from tests.engine.helpers import conflicts, factset, rng, run

D = dt.date
DOC = [{"id": "A", "published": "2025-05-20"}]


def ranged(value: str, until: str, *more: dict[str, object], doc: str | None = "A") -> dict[str, object]:
    fact: dict[str, object] = {"id": "r", "kind": "date", "subject": "m", "value": value, "until": until}
    if doc:
        fact["doc"] = doc
    return {"documents": DOC, "events": [{"id": "m", "label": "m"}], "facts": [fact, *more]}


def test_a_year_less_range_is_one_period_of_the_year_the_report_gives() -> None:
    r = run(ranged("XXXX-05-16", "XXXX-05-18"))
    assert r.status is Status.CONSISTENT
    assert rng(r, "m") == (D(2025, 5, 16), D(2025, 5, 18))


def test_a_day_inside_the_range_agrees_and_a_day_outside_it_clashes() -> None:
    inside = {"id": "d", "kind": "date", "subject": "m", "value": "2025-05-17"}
    r = run(ranged("XXXX-05-16", "XXXX-05-18", inside))
    assert r.status is Status.CONSISTENT
    assert rng(r, "m") == (D(2025, 5, 17), D(2025, 5, 17))
    outside = {**inside, "value": "2025-05-20"}
    assert conflicts(run(ranged("XXXX-05-16", "XXXX-05-18", outside))) == [("d", "r")]


def test_a_year_less_range_that_ends_in_an_earlier_month_runs_into_the_next_year() -> None:
    # Reported as past on Jan. 5: the holidays just over, not those of the year begun.
    past = {"id": "p", "kind": "order", "subject": "m", "relation": "before", "anchor": "doc:A.published"}
    data = ranged("XXXX-12-28", "XXXX-01-03", past)
    data["documents"] = [{"id": "A", "published": "2026-01-05"}]
    r = run(data)
    assert r.status is Status.CONSISTENT
    assert rng(r, "m") == (D(2025, 12, 28), D(2026, 1, 3))


def test_a_range_with_its_years_is_the_span_from_the_first_day_to_the_last() -> None:
    r = run(ranged("2024-03", "2024-05-10", doc=None))
    assert rng(r, "m") == (D(2024, 3, 1), D(2024, 5, 10))


def test_a_range_whose_last_end_is_before_its_first_cannot_be_placed() -> None:
    with pytest.raises(ValueError, match="cannot be placed in time"):
        run(ranged("2024-05-10", "2024-03-01", doc=None))


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"until": "2025-05-18"}, "both ends of a range have a year, or neither has"),
        ({"until": "Tuesday"}, "must be calendar dates"),
        ({"until": "XXXX-05-18", "relation": "not_before"}, "takes relation 'on' and no mod"),
        ({"until": "XXXX-05-18", "mod": "START"}, "takes relation 'on' and no mod"),
    ],
)
def test_a_range_that_mixes_a_dated_and_a_year_less_end_or_a_relation_is_refused(
    fields: dict[str, str], message: str
) -> None:
    fact = {"id": "r", "kind": "date", "subject": "m", "value": "XXXX-05-16", **fields}
    with pytest.raises(ValidationError, match=message):
        factset({"events": [{"id": "m", "label": "m"}], "facts": [fact]})
