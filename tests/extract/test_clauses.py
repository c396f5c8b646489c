"""The verb whose clause a word is in: up the tree to the nearest verb, or one step from a phrase to its verb.

Sentences written for these tests, on names no table of the shipped rules knows.
"""

from __future__ import annotations

from factcheck.extract import nlp
from factcheck.extract.clauses import clause_of, phrase_verb, verb_above


def _parsed(text: str) -> nlp.Sentence:
    return nlp.parse(text, [(0, len(text))])[0]


def _word(s: nlp.Sentence, text: str) -> nlp.Token:
    return next(t for t in s.tokens if t.text == text)


def test_a_noun_deep_in_a_clause_is_in_the_clause_of_the_nearest_verb_above_it() -> None:
    s = _parsed("Envoys of Marvell and Ostrava ended the third round of the grain talks on Monday.")
    assert verb_above(s, _word(s, "talks")) == _word(s, "ended")
    assert clause_of(s, _word(s, "talks")) == _word(s, "ended")


def test_a_verb_is_its_own_clause() -> None:
    s = _parsed("The assembly in Tervel voted on Sunday.")
    assert verb_above(s, _word(s, "voted")) == _word(s, "voted")


def test_a_verbless_fragment_has_no_verb_and_is_its_own_clause() -> None:
    s = _parsed("Grain talks in Tervel")
    talks = _word(s, "talks")
    assert verb_above(s, talks) is None
    assert clause_of(s, talks) == talks


def test_a_phrase_takes_the_verb_it_hangs_on_for_the_prepositions_asked() -> None:
    s = _parsed("Lena Marsh was acquitted at the hearing in 2019.")
    hearing = _word(s, "hearing")
    assert phrase_verb(s, hearing) == _word(s, "acquitted")
    assert phrase_verb(s, hearing, frozenset({"at", "during"})) == _word(s, "acquitted")
    assert phrase_verb(s, hearing, frozenset({"during"})) is None


def test_a_phrase_hung_on_a_noun_or_no_phrase_takes_no_verb() -> None:
    s = _parsed("The verdict at the hearing surprised the lawyers of Lena Marsh.")
    assert phrase_verb(s, _word(s, "hearing")) is None  # the phrase hangs on "verdict"
    assert phrase_verb(s, _word(s, "verdict")) is None  # the subject completes no phrase
