"""Where the report says each event is mentioned: a fact's whole quote, or only the words that name the event."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import TypeAdapter, ValidationError

from factcheck.model import Document, Event, Fact, FactSet, Report
from factcheck.policy import load_policy
from factcheck.runtime.check import CheckOptions, check

TEXT = "The ferry sailed on Monday, two days after the storm."
FACT: TypeAdapter[Fact] = TypeAdapter(Fact)


def _span(words: str) -> tuple[int, int]:
    at = TEXT.index(words)
    return at, at + len(words)


def _report(*facts: dict[str, object]) -> Report:
    fs = FactSet(documents=(Document(id="d"),), events=(Event(id="sail", label="sailing"), Event(id="storm", label="storm")),
                 facts=tuple(FACT.validate_python(f) for f in facts), texts={"d": TEXT})  # fmt: skip
    return check(fs, CheckOptions(as_of=dt.date(2026, 11, 22), policy=load_policy()))


def _order(**extra: object) -> dict[str, object]:
    a, b = _span("sailed on Monday, two days after the storm")
    return {"id": "o", "kind": "order", "subject": "sail", "relation": "after", "anchor": "storm", "days": 2,
            "doc": "d", "span": [a, b], "quote": TEXT[a:b], **extra}  # fmt: skip


def _mentions(report: Report) -> dict[str, list[str]]:
    return {e.id: [m.text for m in e.mentions] for e in report.events}


def test_a_quote_without_words_is_a_mention_of_every_event_it_relates() -> None:
    whole = "sailed on Monday, two days after the storm"
    assert _mentions(_report(_order())) == {"sail": [whole], "storm": [whole]}


def test_the_words_of_each_event_are_its_only_mention_in_the_quote() -> None:
    words = [{"role": "subject", "start": _span("sailed")[0], "end": _span("sailed")[1]},
             {"role": "anchor", "start": _span("storm")[0], "end": _span("storm")[1]}]  # fmt: skip
    report = _report(_order(words=words))
    assert _mentions(report) == {"sail": ["sailed"], "storm": ["storm"]}
    (storm,) = [e for e in report.events if e.id == "storm"]
    assert [(m.start, m.end) for m in storm.mentions] == [_span("storm")]


def test_an_event_given_no_words_is_not_mentioned_by_the_quote() -> None:
    # "last met on Feb. 20" names the earlier meeting; the one after it is only implied
    words = [{"role": "subject", "start": _span("sailed")[0], "end": _span("sailed")[1]}]
    assert _mentions(_report(_order(words=words))) == {"sail": ["sailed"], "storm": []}


def test_words_of_a_role_that_names_a_document_make_no_event_mention() -> None:
    a, b = _span("sailed on Monday")
    fact = {
        "id": "r",
        "kind": "order",
        "subject": "doc:d.published",
        "relation": "after",
        "anchor": "sail",
        "doc": "d",
        "span": [a, b],
        "quote": TEXT[a:b],
        "words": [{"role": "subject", "start": a, "end": a + 6}, {"role": "anchor", "start": a, "end": a + 6}],
    }
    assert _mentions(_report(fact)) == {"sail": ["sailed"], "storm": []}


@pytest.mark.parametrize("where", [(0, 3), (40, 60)], ids=["before-the-span", "past-its-end"])
def test_words_must_lie_within_the_quote(where: tuple[int, int]) -> None:
    with pytest.raises(ValidationError, match="within the span"):
        FACT.validate_python(_order(words=[{"role": "anchor", "start": where[0], "end": where[1]}]))


def test_words_need_a_span() -> None:
    fact = {k: v for k, v in _order(words=[{"role": "anchor", "start": 1, "end": 2}]).items() if k != "span"}
    with pytest.raises(ValidationError, match="within the span"):
        FACT.validate_python(fact)
