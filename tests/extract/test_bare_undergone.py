"""A bare mention of an event done to a person ("the sentencing") is of the article's one such person; a year after
a possessive dates the event noun it modifies ("her 2021 trial")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from factcheck.auditing import audit
from factcheck.corpus.load import load_article
from factcheck.extract.undergone import lend_undergoer
from factcheck.model import Report
from tests.extract.helpers import READER

AS_OF = dt.date(2026, 11, 22)
KINDS = {"conviction", "sentencing"}


def _events(tmp_path: Path, text: str) -> list[dict[str, Any]]:
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    return list(READER.read(load_article(path)).events)


def _themes(events: list[dict[str, Any]], kind: str) -> list[str]:
    return [str(ev.get("theme") or "") for ev in events if ev["kind"] == kind]


def test_the_one_person_convicted_is_the_bare_sentencings(tmp_path: Path) -> None:
    text = (
        "Lena Hoff, a former city treasurer, was convicted of fraud on May 2 by the Leiden court.\n\n"
        "The judge said the sentencing would take place on June 9."
    )
    assert _themes(_events(tmp_path, text), "sentencing") == ["Lena Hoff"]


@pytest.mark.parametrize(
    "text",
    [
        # Two people convicted: whose sentencing it is, the article does not say.
        "Lena Hoff was convicted of fraud on May 2. Pieter Lind was convicted of forgery on May 3.\n\n"
        "The judge said the sentencing would take place on June 9.",
        # No one convicted by name.
        "The jury reached its verdict on May 2.\n\nThe judge said the sentencing would take place on June 9.",
    ],
)
def test_no_single_person_leaves_the_bare_sentencing_alone(tmp_path: Path, text: str) -> None:
    assert _themes(_events(tmp_path, text), "sentencing") == [""]


def test_lending_keeps_to_bare_events_of_the_kinds_done_to_a_person() -> None:
    events: list[dict[str, Any]] = [
        {"id": "d:conviction", "kind": "conviction", "theme": "Lena Hoff"},
        {"id": "d:sentencing", "kind": "sentencing"},
        {"id": "d:sentencing-2", "kind": "sentencing", "arguments": {"role": "previous"}},  # an earlier one
        {"id": "d:sentencing-3", "kind": "sentencing", "location": "Leiden"},  # names where: not bare
        {"id": "d:hearing", "kind": "hearing"},  # not a kind done to a person
    ]
    told = [("conviction", "Lena Hoff"), ("sentencing", ""), ("hearing", "")]
    lend_undergoer(events, told, KINDS)
    assert [ev.get("theme") for ev in events] == ["Lena Hoff", "Lena Hoff", None, None, None]


def test_a_common_noun_theme_is_no_person() -> None:
    events: list[dict[str, Any]] = [
        {"id": "d:conviction", "kind": "conviction", "theme": "fraud charge"},
        {"id": "d:sentencing", "kind": "sentencing"},
    ]
    lend_undergoer(events, [("conviction", "fraud charge"), ("sentencing", "")], KINDS)
    assert "theme" not in events[1]


def _write(folder: Path, articles: dict[str, str]) -> None:
    folder.mkdir()
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")


def _ids(report: Report, doc: str, text: str, quote: str) -> set[str]:
    start = text.index(quote)
    end = start + len(quote)
    return {e.id for e in report.events if any(m.doc == doc and m.start < end and start < m.end for m in e.mentions)}


_VERDICT = (
    "---\ntitle: Treasurer found guilty\n---\nTreasurer found guilty\n\n"
    "Lena Hoff, a former city treasurer, was convicted of fraud on May 2 by the Leiden court.\n\n"
    "The judge said the sentencing would take place on June 9.\n"
)
_SENTENCE = (
    "---\ntitle: Treasurer jailed\npublished: 2026-06-09\n---\nTreasurer jailed\n\n"
    "The Leiden court sentenced Lena Hoff to three years in prison on Tuesday.\n"
)
_OTHER = (
    "---\ntitle: Notary jailed\npublished: 2026-06-09\n---\nNotary jailed\n\n"
    "The Leiden court sentenced Pieter Lind to two years in prison on Tuesday.\n"
)


def test_the_announced_sentencing_is_the_one_reported(tmp_path: Path) -> None:
    _write(tmp_path / "s", {"a1.md": _VERDICT, "a2.md": _SENTENCE})
    report = audit([tmp_path / "s"], as_of=AS_OF).report
    a = _ids(report, "a1", _VERDICT, "the sentencing would take place")
    b = _ids(report, "a2", _SENTENCE, "sentenced Lena Hoff")
    assert a and a & b


def test_another_defendants_sentencing_stays_apart(tmp_path: Path) -> None:
    _write(tmp_path / "s", {"a1.md": _VERDICT, "a2.md": _OTHER})
    report = audit([tmp_path / "s"], as_of=AS_OF).report
    a = _ids(report, "a1", _VERDICT, "the sentencing would take place")
    b = _ids(report, "a2", _OTHER, "sentenced Pieter Lind")
    assert a and b and not a & b


def test_a_possessive_year_dates_the_trial(tmp_path: Path) -> None:
    events = _events(tmp_path, "Lena Hoff was acquitted in a fraud case. Her 2021 trial lasted three weeks.")
    assert [ev["kind"] for ev in events] == ["hearing"]
    path = tmp_path / "a.txt"
    facts = READER.read(load_article(path)).facts
    assert any(f["kind"] == "date" and f.get("value") == "2021" and f["quote"] == "Her 2021 trial" for f in facts)


def test_another_defendants_trial_of_that_year_stays_apart(tmp_path: Path) -> None:
    one = "---\ntitle: Treasurer cleared\n---\nTreasurer cleared\n\nHer 2019 trial, on fraud charges, ended early.\n"
    two = (
        "---\ntitle: Notary cleared\npublished: 2026-06-09\n---\nNotary cleared\n\n"
        "The 2019 trial of Pieter Lind ended in an acquittal.\n"
    )
    _write(tmp_path / "s", {"a1.md": one, "a2.md": two})
    report = audit([tmp_path / "s"], as_of=AS_OF).report
    a, b = _ids(report, "a1", one, "Her 2019 trial"), _ids(report, "a2", two, "The 2019 trial of Pieter Lind")
    assert a and b and not a & b
