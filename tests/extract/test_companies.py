"""Company names the NER misses ("Halvard Motors"), and "the company" as the one company named before it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from factcheck.corpus.load import load_article
from factcheck.extract import nlp
from factcheck.extract.companies import company_name, one_company
from tests.extract.helpers import READER, arguments_of


def _events(tmp_path: Path, text: str) -> list[dict[str, Any]]:
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    return list(READER.read(load_article(path)).events)


def _parties(events: list[dict[str, Any]], kind: str) -> list[list[str]]:
    return [list(ev.get("participants", [])) for ev in events if ev["kind"] == kind]


@pytest.mark.parametrize(
    ("sentence", "word", "name"),
    [
        ("Brisk Airlines reported a 9 percent rise in quarterly revenue on Monday.", "reported", "Brisk Airlines"),
        ("Halvard Motors unveiled the Strand 4 sedan in Turin on Friday.", "unveiled", "Halvard Motors"),
    ],
)
def test_a_name_ending_in_a_company_word_is_a_party(sentence: str, word: str, name: str) -> None:
    assert name in arguments_of(sentence, word).parties


@pytest.mark.parametrize("sentence", ["The Devices unveiled a tablet.", "Engineers unveiled new devices on Friday."])
def test_a_company_word_alone_names_no_company(sentence: str) -> None:
    (parsed,) = nlp.parse(sentence, [(0, len(sentence))])
    assert [n for t in parsed.tokens if (n := company_name(parsed, t))] == []


def test_a_short_form_is_the_one_company() -> None:
    assert one_company(["Brisk Airlines", "Brisk"]) == "Brisk Airlines"
    assert one_company(["Brisk Airlines", "Halvard Motors"]) is None
    assert one_company([]) is None


def test_a_company_word_is_no_short_form_of_the_company() -> None:
    """A last word ("Airlines") says what kind of firm it is, not a short name for it: two names, no one company."""
    assert one_company(["Brisk Airlines", "Airlines"]) is None
    assert one_company(["Brisk Airlines", "Brisk Airlines Group"]) == "Brisk Airlines Group"


def test_the_company_is_the_one_named_before(tmp_path: Path) -> None:
    text = (
        "Brisk Airlines opened a route to Lima on Tuesday.\n\n"
        "The company will report second-quarter earnings on Aug. 4, its finance chief said."
    )
    assert _parties(_events(tmp_path, text), "earnings") == [["Brisk Airlines"]]


@pytest.mark.parametrize(
    "text",
    [
        # Two companies named before: which one reports, "the company" does not say.
        "Brisk Airlines and Halvard Motors signed a supply deal on Tuesday.\n\n"
        "The company will report second-quarter earnings on Aug. 4, its finance chief said.",
        # None named before it.
        "The company will report second-quarter earnings on Aug. 4, its finance chief said.\n\n"
        "Brisk Airlines opened a route to Lima on Tuesday.",
    ],
)
def test_the_company_stays_unresolved_without_one_named_before(tmp_path: Path, text: str) -> None:
    assert _parties(_events(tmp_path, text), "earnings") == [[]]
