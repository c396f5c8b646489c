"""A dateline opening an article's first sentence is no part of its parse, so it is never a sentence's subject."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.corpus.load import load_article
from factcheck.extract.parsing import _dateline_length
from factcheck.extract.reader import ArticleReader

READER = ArticleReader()


@pytest.mark.parametrize(
    ("sentence", "dateline"),
    [
        ("HALVIK, Norland - Envoys from Vestria arrived.", "HALVIK, Norland - "),
        ("PORTO ALVADO (Reuters) — The talks opened.", "PORTO ALVADO (Reuters) — "),
        ("VELMORA - The council said Monday.", "VELMORA - "),
    ],
)
def test_a_dateline_is_cut_from_the_sentence(sentence: str, dateline: str) -> None:
    assert sentence[: _dateline_length(sentence)] == dateline


@pytest.mark.parametrize(
    "sentence",
    [
        "A magnitude 6.2 earthquake struck Velmora.",  # a capital letter alone is no dateline
        "The IMF - which met Monday - agreed.",  # nor is a capitalised word before a dash
        "NORLAND said - no.",  # a dash after a verb: a sentence, not a place line
        "US officials met in Halvik.",  # no dash
    ],
)
def test_a_sentence_without_a_dateline_keeps_all_of_it(sentence: str) -> None:
    assert _dateline_length(sentence) == 0


def test_the_parties_of_the_first_sentence_are_not_its_dateline(tmp_path: Path) -> None:
    p = tmp_path / "a.md"
    p.write_text(
        "---\ntitle: t\npublished: 2026-03-10\n---\nHALVIK, Sorvia - Envoys from Norland and Vestria will "
        "open a third round of fishing talks Thursday in Halvik, a spokesman said Tuesday.\n",
        encoding="utf-8",
    )
    ex = READER.read(load_article(p))
    (talks,) = [e for e in ex.events if e["kind"] == "talks"]
    assert talks["participants"] == ["Norland", "Vestria"]
    assert talks["location"] == "Halvik"
