"""Open-domain mentions: a verb no table names is an event of its lemma when a date hangs on it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from factcheck.corpus.load import load_article
from tests.extract.helpers import READER


def _read(tmp_path: Path, body: str, published: str = "2024-06-07") -> tuple[list[dict[str, Any]], list[str]]:
    p = tmp_path / "a.md"
    p.write_text(f"---\npublished: {published}\n---\nHeadline\n\n{body}\n", encoding="utf-8")
    ex = READER.read(load_article(p))
    return ex.events, ex.summaries()


def test_a_verb_no_table_names_is_an_event_of_its_lemma_with_its_arguments(tmp_path: Path) -> None:
    events, facts = _read(tmp_path, "Dellmore Foods filed for bankruptcy on May 14, 2024 in Delaware.")
    (ev,) = [e for e in events if e["kind"] == "file"]
    assert ev["participants"] == ["Dellmore Foods"] and ev["theme"] == "bankruptcy"
    assert "on file 2024-05-14" in facts


@pytest.mark.parametrize(
    "body",
    [
        "If Dellmore Foods files for bankruptcy on May 14, its lenders will lose.",  # conditional
        "Dellmore Foods did not file for bankruptcy on May 14.",  # negated
        "Dellmore Foods could file for bankruptcy on May 14.",  # hypothetical
        "It was cold in Delaware on May 14.",  # a light verb
        "Dellmore Foods has struggled since May 14.",  # "since" names no day of the event
        "Dellmore Foods said on May 14 that it was for sale.",  # a statement is its own kind
    ],
)
def test_what_is_no_dated_open_domain_event(tmp_path: Path, body: str) -> None:
    events, facts = _read(tmp_path, body)
    assert not [e for e in events if e["kind"] not in ("statement",) and e["kind"] not in READER.pack.pack.events]
    assert not [f for f in facts if f.startswith("on ") and not f.startswith("on statement")]


def test_a_table_event_is_not_read_again_through_its_verb(tmp_path: Path) -> None:
    events, _ = _read(tmp_path, "The talks were held in Nairobi on May 14.")
    assert [e["kind"] for e in events] == ["talks"]


def test_one_verb_on_two_objects_or_two_days_is_two_events(tmp_path: Path) -> None:
    events, facts = _read(
        tmp_path,
        "Dellmore Foods closed its Leeds plant on March 3, 2024.\n\n"
        "Dellmore Foods closed its Dover depot on April 9, 2024.\n\n"
        "Dellmore Foods closed its Leeds plant in March 2024, a union said.",
    )
    closed = sorted(e["id"] for e in events if e["kind"] == "close")
    assert len(closed) == 2, events
    assert "on close 2024-03-03" in facts and "on close 2024-04-09" in facts


def test_today_in_a_sentence_set_on_a_named_day_is_that_day(tmp_path: Path) -> None:
    _, facts = _read(
        tmp_path,
        "At a rally on June 1, 2024, Mara Quint, who retired earlier today, thanked her staff.",
        published="2024-06-05",
    )
    assert "on retire 2024-06-01" in facts
    assert not [f for f in facts if "2024-06-05" in f]


def test_a_date_a_rule_gave_an_event_dates_no_verb_as_well(tmp_path: Path) -> None:
    events, facts = _read(
        tmp_path,
        "Lawmakers in Norvania passed a motion calling for an election on Feb. 13, 2032.",
        published="2031-12-01",
    )
    assert not [e for e in events if e["kind"] == "call"], events
    assert any(f.startswith("on election") and "2032-02-13" in f for f in facts), facts


# --------------------------------------------------------------------------- event nouns and restatements


@pytest.mark.parametrize(
    ("body", "kind", "day"),
    [
        (
            "Harwick Rail completed the acquisition of Dunmore Freight in a deal on March 3, 2024.",
            "complete",
            "2024-03-03",
        ),  # a verb, as before
        ("Workers at the Tarrow mill went on strike on March 3, 2024.", "", ""),  # "on strike": no object of "go"
        ("The Meridian X2 delivery took place on March 3, 2024.", "deliver", "2024-03-03"),  # a light verb's noun
        ("Shareholder approval of the Harwick Rail merger came on March 3, 2024.", "approve", "2024-03-03"),
        (
            "Shares of Harwick Rail fell after the March 3, 2024 closure of its Leeds depot.",
            "close",
            "2024-03-03",
        ),  # a date on the noun
        ("Calder Air took delivery of its first Meridian X2 on March 3, 2024.", "deliver", "2024-03-03"),
    ],
)
def test_an_event_noun_no_table_names_is_dated_as_its_verb(tmp_path: Path, body: str, kind: str, day: str) -> None:
    events, facts = _read(tmp_path, body)
    if not kind:
        assert not [e for e in events if e["kind"] not in READER.pack.pack.events], events
        return
    assert [e for e in events if e["kind"] == kind], events
    assert f"on {kind} {day}" in facts


@pytest.mark.parametrize(
    "body",
    [
        "Calder Air was to take delivery of its first Meridian X2 on March 3, 2024, but the jet is late.",  # past plan
        "The manager of the Tarrow mill spoke on March 3, 2024.",  # an agent noun is no event
        "The station in Tarrow reopened after repairs; the evening of March 3, 2024 was calm.",
    ],
)
def test_what_is_no_dated_event_noun(tmp_path: Path, body: str) -> None:
    events, facts = _read(tmp_path, body)
    assert not [e for e in events if e["kind"] in ("deliver", "manage", "state", "even")], events
    assert not [f for f in facts if f.startswith(("on deliver", "on manage", "on state", "on even"))]


def test_an_undated_restatement_is_a_mention_of_the_dated_event_not_a_fact(tmp_path: Path) -> None:
    events, facts = _read(
        tmp_path,
        "Dellmore Foods filed for bankruptcy on May 14, 2024 in Delaware.\n\n"
        "This was the largest bankruptcy filing in the state this year.\n\n"
        "Creditors said the filing surprised them.",
    )
    (ev,) = [e for e in events if e["kind"] == "file"]
    said = {m["text"] for m in ev.get("mentions", [])}
    assert said == {"This", "filing"} and len(ev["mentions"]) == 3, ev
    assert [f for f in facts if "file" in f] == ["on file 2024-05-14"]


@pytest.mark.parametrize(
    ("later", "why"),
    [
        ("Dellmore Foods will file for bankruptcy again next year, analysts expect.", "a plan and a past event"),
        ("Harwick Rail filed for bankruptcy in Ohio.", "other agents"),
        ("Their filing of the Meridian X3 patent was rejected.", "another named object"),
    ],
)
def test_a_restatement_whose_arguments_or_tense_differ_is_not_the_event(tmp_path: Path, later: str, why: str) -> None:
    events, _ = _read(tmp_path, "Dellmore Foods filed the Meridian X2 patent on May 14, 2024.\n\n" + later)
    ev = next(e for e in events if e["id"] == "a:file")
    assert not ev.get("mentions"), (why, ev)


def test_two_dated_events_of_one_kind_take_no_restatement(tmp_path: Path) -> None:
    events, _ = _read(
        tmp_path,
        "Dellmore Foods closed its Leeds plant on March 3, 2024.\n\n"
        "Dellmore Foods closed its Dover depot on April 9, 2024.\n\n"
        "The closure cost 300 jobs.",
    )
    assert not [e for e in events if e["kind"] == "close" and e.get("mentions")], events
