"""The named object an intransitive event is told of, and the two kinds a product's launch is told in.

"The Orlan 7 went on sale", "the Orlan 7, which went on sale in May", "three days after
Vestmark unveiled it" (of the main clause's subject): the object is the theme that links
the event across articles.  A party or a common noun as subject is no such theme.  Showing
a product and selling it are two events of two kinds.  Sentences written for these tests,
on names no table of the shipped rules knows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.corpus.load import load_article
from factcheck.extract import nlp
from factcheck.extract.undergoer import undergoer
from tests.extract.helpers import READER, arguments_of


def _theme(sentence: str, word: str) -> str:
    """The theme read for the first token spelled ``word``."""
    return arguments_of(sentence, word).theme


@pytest.mark.parametrize(
    ("sentence", "word", "names"),
    [
        ("The Orlan X7 went on sale in Bergen on Friday.", "sale", {"Orlan", "X7"}),
        ("Critics praised the Vantor K9 phone, which went on sale in May.", "sale", {"Vantor", "K9"}),
        ("The Verno Q3 debuted on Monday at a show in Lyon.", "debuted", {"Verno", "Q3"}),
        ("The Orlan X7 went on sale on Friday, two days after Vestmark unveiled it in Bergen.", "unveiled",
         {"Orlan", "X7"}),
    ],
)  # fmt: skip
def test_a_named_object_told_of_is_the_theme(sentence: str, word: str, names: set[str]) -> None:
    theme = _theme(sentence, word)
    assert names <= set(theme.split()), theme


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("Shoppers went on sale hunting in Bergen on Friday.", "sale"),  # a common noun: no named object
        ("Maria Lopez debuted on Monday at the Lyon opera.", "debuted"),  # a person acts, nothing is shown
        ("The vase went on sale in May after the auction house unveiled it.", "unveiled"),  # not name-like
        ("The mayor of Arlen spoke on Friday, after Vestmark unveiled it.", "unveiled"),  # the main subject a party
    ],
)
def test_a_party_or_common_noun_is_no_such_theme(sentence: str, word: str) -> None:
    (parsed,) = nlp.parse(sentence, [(0, len(sentence))])
    tok = next(t for t in parsed.tokens if t.text == word)
    assert undergoer(parsed, tok) == []


def test_an_object_named_by_the_verb_is_left_to_it() -> None:
    """ "Vestmark unveiled the Orlan 7": the object, not the subject, is what the verb acts on."""
    theme = _theme("Vestmark Devices unveiled the Orlan 7 in Bergen.", "unveiled")
    assert "Vestmark" not in theme and "Orlan" in theme


def _kinds(tmp_path: Path, text: str) -> set[str]:
    p = tmp_path / "a.md"
    p.write_text(f"---\ntitle: t\npublished: 2026-05-20\n---\n{text}", encoding="utf-8")
    return {e["kind"] for e in READER.read(load_article(p)).events}


def test_showing_a_product_and_selling_it_are_two_kinds(tmp_path: Path) -> None:
    kinds = _kinds(tmp_path, "The Orlan 7 went on sale on Friday, three days after Vestmark unveiled it in Bergen.\n")
    assert {"unveiling", "sale-start"} <= kinds
    assert _kinds(tmp_path, "Vestmark will unveil the Orlan 8 on June 2.\n") >= {"unveiling"}
    assert "sale-start" in _kinds(tmp_path, "The Orlan 8 will go on sale on June 9.\n")


def test_other_sales_and_shows_are_neither(tmp_path: Path) -> None:
    kinds = _kinds(tmp_path, "Vestmark's sales rose on Friday, and the firm showed a profit on Monday.\n")
    assert not kinds & {"unveiling", "sale-start"}
