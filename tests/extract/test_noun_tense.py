"""An event noun takes its tense from the verb whose subject or object it is, unless the verb or the mood says otherwise."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from factcheck.corpus.load import load_article
from factcheck.extract import nlp
from factcheck.extract.modality import modality
from factcheck.extract.noun_tense import noun_tenses
from tests.extract.helpers import READER

REPORTING = frozenset({"say", "tell", "report"})


def _read(tmp_path: Path, text: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    p = tmp_path / "a.txt"
    p.write_text(text, encoding="utf-8")
    ex = READER.read(load_article(p))
    return ex.events, ex.facts


def _tenses(facts: list[dict[str, Any]]) -> dict[str, set[str]]:
    """The tenses the reader tells each event in (event kind -> tenses), by any rule."""
    out: dict[str, set[str]] = {}
    for f in facts:
        if f["kind"] == "relative" and f["expression"] == "tense":
            out.setdefault(f["subject"].split(":", 1)[1], set()).add(f["tense"])
    return out


@pytest.mark.parametrize(
    ("text", "event", "tense"),
    [
        ("Delegates from Norland and Vesta ended the fourth round of their fishery talks in Bergen on May 6.",
         "talks", "past"),
        ("The fifth round of fishery talks in Bergen, on May 6, had produced a draft text on quotas.", "talks", "past"),
        ("A powerful storm flooded three villages along the Carrow coast on Sunday.", "storm", "past"),
        ("The electoral board held the May 3 referendum.", "election", "past"),
        ("The regional court has halted the May 4 hearing of the two dock workers.", "hearing", "past"),
        ("Judge Amrei Solberg will open the May 4 hearing of the dock workers.", "hearing", "future"),
    ],
    ids=["object-of-past", "subject-of-past-perfect", "subject-of-past", "held", "present-perfect", "future"],
)  # fmt: skip
def test_an_event_noun_takes_its_verbs_tense(tmp_path: Path, text: str, event: str, tense: str) -> None:
    assert _tenses(_read(tmp_path, text)[1]) == {event: {tense}}


@pytest.mark.parametrize(
    "text",
    [
        "The electoral board would hold the May 3 referendum if turnout rules changed.",
        "The electoral board did not hold the May 3 referendum.",
        "If the electoral board held the May 3 referendum, turnout would fall.",
        "The electoral board postponed the May 3 referendum.",
        "The electoral board confirmed the May 3 referendum.",
        "The May 3 referendum was cancelled by the electoral board.",
        "The electoral board agreed to hold the May 3 referendum.",
        "Fishing crews wanted the May 3 referendum.",
        "Fishing crews welcomed the prospect of the May 3 referendum.",
        "The electoral board is holding the May 3 referendum.",
        "The May 3 referendum will cost the electoral board its chairman.",
    ],
    ids=["would", "did-not", "if", "shifting-verb", "reporting-verb", "passive-subject", "infinitive",
         "verb-of-wanting", "not-an-argument", "present", "subject-of-future"],
)  # fmt: skip
def test_no_tense_where_the_verb_or_the_mood_gives_none(tmp_path: Path, text: str) -> None:
    facts = _read(tmp_path, text)[1]
    assert _tenses(facts) == {}
    assert not [f for f in facts if f["by"] == "parse-governed-tense"]


def test_a_tense_alone_makes_no_event_of_a_noun(tmp_path: Path) -> None:
    events, facts = _read(tmp_path, "The fishery talks in Bergen lasted two hours.")
    assert events == [] and facts == []


class _Mention:
    def __init__(self, text: str, words: str, kind: str = "talks", tense: str | None = None) -> None:
        self.kind, self.tense, self.modality = kind, tense, "asserted"
        self.start = text.index(words)
        self.end = self.start + len(words)


def _parse(text: str) -> nlp.Sentence:
    (s,) = nlp.parse(text, [(0, len(text))])
    return s


def test_the_quote_runs_from_the_verb_to_the_noun() -> None:
    text = "The second round of fishery talks, held in Bergen, had ended without a deal."
    mn = _Mention(text, "round of fishery talks")
    [(got, tense, (a, b))] = noun_tenses(_parse(text), [mn], frozenset())
    assert got is mn and tense == "past" and text[a:b] == "round of fishery talks, held in Bergen, had ended"


def test_a_verb_trigger_and_a_statement_keep_their_own_tense() -> None:
    text = "Officials said the delegates met and ended the talks."
    told = [_Mention(text, "said", "statement"), _Mention(text, "met", tense="past")]
    assert noun_tenses(_parse(text), told, frozenset()) == []


def test_no_tense_from_a_verb_the_pack_names_neutral() -> None:
    text = "The delegates ended the talks."
    mn = _Mention(text, "talks")
    assert [t for _, t, _ in noun_tenses(_parse(text), [mn], frozenset())] == ["past"]
    assert noun_tenses(_parse(text), [mn], frozenset({"end"})) == []


@pytest.mark.parametrize(
    ("text", "tense"),
    [("The delegates will end the talks.", "future"), ("The delegates ended the talks.", "past"),
     ("The delegates would end the talks.", None), ("The delegates did not end the talks.", None),
     ("If the delegates ended the talks, the ministers would meet.", None),
     ("The delegates said they would end the talks.", None),
     ("The delegates are going to end the talks.", None), ("The delegates end the talks.", None)],
    ids=["will", "past", "would", "did-not", "if", "reported-would", "infinitive", "present"],
)  # fmt: skip
def test_the_verbs_own_tense_and_the_mentions_mood(text: str, tense: str | None) -> None:
    s = _parse(text)
    mn = _Mention(text, "talks")
    tok = s.token_at(mn.end - 1)
    assert tok is not None
    mn.modality = modality(s, tok, REPORTING)
    assert [t for _, t, _ in noun_tenses(s, [mn], frozenset())] == ([tense] if tense else [])
