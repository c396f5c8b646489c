"""A trial or hearing is of the person its clause tells it of ("was acquitted at a trial"), and "his trial" of the
article's one person; so one person's earlier trial links across articles, and another's, or another year's, does not.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from factcheck.auditing import audit
from factcheck.corpus.load import load_article
from factcheck.extract.stood import short_form
from factcheck.extract.undergone import lend_pronoun_party, one_person
from factcheck.model import Report
from tests.extract.helpers import READER

AS_OF = dt.date(2026, 11, 22)
KINDS = {"conviction", "sentencing"}


def _parties(tmp_path: Path, text: str) -> list[list[str]]:
    """The parties of each hearing the reader finds in a one-article text."""
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    events: list[dict[str, Any]] = list(READER.read(load_article(path)).events)
    return [list(ev.get("participants") or []) for ev in events if ev["kind"] == "hearing"]


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("Tomas Brenner was acquitted at a trial in 2018 on fraud charges.", "Tomas Brenner"),
        ("Marta Olsen testified at the hearing on Tuesday.", "Marta Olsen"),
        ("The court convicted Ivan Petrov at his trial in 2020.", "Ivan Petrov"),
        # A bare surname is the person named in full before it.
        (
            "Tomas Brenner, a former mayor, was arrested in May.\n\nBrenner was acquitted at a trial in 2018.",
            "Tomas Brenner",
        ),
        # A possessive pronoun is the article's one person tried or sentenced.
        (
            "Lena Hoff was sentenced to two years in prison on May 2.\n\nHer 2019 trial ended in an acquittal.",
            "Lena Hoff",
        ),
    ],
)
def test_a_proceeding_is_of_the_person_its_clause_tells_it_of(tmp_path: Path, text: str, who: str) -> None:
    assert [who] in _parties(tmp_path, text)


@pytest.mark.parametrize(
    "text",
    [
        # The subject does not stand the trial: the verb acts on something else.
        "The prosecutor presented new evidence at the trial in 2020.",
        # Two persons sentenced: whose trial "her" is, the article does not say.
        "Lena Hoff was sentenced to two years on May 2. Pieter Lind was sentenced to a year on May 3.\n\n"
        "Her 2019 trial ended in an acquittal.",
        # No person sentenced or tried by name.
        "Her 2019 trial ended in an acquittal.",
        # A plural pronoun is no one person.
        "Lena Hoff was sentenced to two years in prison on May 2.\n\nTheir 2019 trial ended in an acquittal.",
    ],
)
def test_no_one_person_leaves_the_proceeding_without_a_party(tmp_path: Path, text: str) -> None:
    assert _parties(tmp_path, text) == [[]]


def test_a_short_form_is_the_first_or_last_words_of_a_longer_name() -> None:
    assert short_form("Brenner", "Tomas Brenner") and short_form("Tomas", "Tomas Brenner")
    assert not short_form("Tomas Brenner", "Tomas Brenner") and not short_form("Bren", "Tomas Brenner")


def test_the_one_person_counts_a_short_form_as_the_name() -> None:
    themes = [("sentencing", "Lena Hoff"), ("hearing", "fraud charge")]
    assert one_person(themes, KINDS, ["Hoff"]) == "Lena Hoff"
    assert one_person(themes, KINDS, ["Pieter Lind"]) is None
    assert one_person([("sentencing", "fraud charge")], KINDS, []) is None


def test_a_pronoun_party_fills_only_an_event_naming_none() -> None:
    events: dict[str, dict[str, Any]] = {
        "d:hearing": {"id": "d:hearing", "kind": "hearing"},
        "d:hearing-2": {"id": "d:hearing-2", "kind": "hearing", "participants": ["Pieter Lind"]},
    }
    lend_pronoun_party(events, ["d:hearing", "d:hearing-2", "d:missing"], "Lena Hoff")
    assert events["d:hearing"]["participants"] == ["Lena Hoff"]
    assert events["d:hearing-2"]["participants"] == ["Pieter Lind"]
    lend_pronoun_party(events, ["d:hearing"], None)
    assert events["d:hearing"]["participants"] == ["Lena Hoff"]


# --------------------------------------------------------------------------- across articles

_CLEARED = (
    "---\ntitle: Former mayor back in court\n---\nFormer mayor back in court\n\n"
    "Tomas Brenner, the former mayor of Aldstad, appeared in court on Monday on bribery charges.\n\n"
    "Brenner was acquitted at an earlier trial in 2018 on fraud charges.\n"
)


def _jailed(name: str, year: str) -> str:
    return (
        "---\ntitle: Former mayor jailed\npublished: 2026-06-09\n---\nFormer mayor jailed\n\n"
        f"The Aldstad court sentenced {name} to three years in prison on Tuesday.\n\n"
        f"His {year} trial, on fraud charges, ended in an acquittal.\n"
    )


def _ids(report: Report, doc: str, text: str, quote: str) -> set[str]:
    start = text.index(quote)
    end = start + len(quote)
    return {e.id for e in report.events if any(m.doc == doc and m.start < end and start < m.end for m in e.mentions)}


def _audit(tmp_path: Path, second: str) -> tuple[set[str], set[str]]:
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "a1.md").write_text(_CLEARED, encoding="utf-8")
    (folder / "a2.md").write_text(second, encoding="utf-8")
    report = audit([folder], as_of=AS_OF).report
    return _ids(report, "a1", _CLEARED, "an earlier trial in 2018"), _ids(report, "a2", second, "trial, on fraud")


def test_one_persons_earlier_trial_links_across_articles(tmp_path: Path) -> None:
    a, b = _audit(tmp_path, _jailed("Tomas Brenner", "2018"))
    assert a and a & b


@pytest.mark.parametrize(
    "second",
    [
        _jailed("Pieter Lind", "2018"),  # another person's trial of that year
        _jailed("Tomas Brenner", "2015"),  # the same person's trial in another year
        # Two defendants named: "his trial" is neither's for sure.
        _jailed("Tomas Brenner", "2018").replace(
            "The Aldstad court", "Pieter Lind was sentenced to a year in prison on Monday.\n\nThe Aldstad court"
        ),
    ],
)
def test_another_trial_stays_apart(tmp_path: Path, second: str) -> None:
    a, b = _audit(tmp_path, second)
    assert a and b and not a & b
