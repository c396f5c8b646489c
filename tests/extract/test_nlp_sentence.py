"""A parsed sentence's indexes: right after parsing and after crossing a process boundary."""

from __future__ import annotations

import pickle

from factcheck.extract import nlp


def _sentence(text: str) -> nlp.Sentence:
    return nlp.parse(text, [(0, len(text))])[0]


def test_a_pickled_sentence_rebuilds_its_indexes_and_answers_the_same() -> None:
    s = _sentence("Harlow Mining Ltd. opened a mine near Oslo on Friday, its chief said.")
    back = pickle.loads(pickle.dumps(s))
    assert back == s
    for i in range(len(s.tokens)):
        assert back.children(i) == s.children(i)
        assert back.entity_at(i) == s.entity_at(i)
    for t in s.tokens:
        assert back.token_at(t.start) == t
    assert back.starting_in(s.start, s.end) == s.tokens
    assert back.head_in(s.start, s.end) == s.head_in(s.start, s.end)
    oslo = next(t for t in s.tokens if t.text == "Oslo")
    assert back.entity_at(oslo.i) is not None and back.entity_at(oslo.i).text == "Oslo"


def test_the_indexes_are_not_pickled() -> None:
    s = _sentence("The council met on Tuesday.")
    state = s.__getstate__()
    assert state == (s.start, s.end, s.tokens, s.entities)
    assert b"_kids" not in pickle.dumps(s)
