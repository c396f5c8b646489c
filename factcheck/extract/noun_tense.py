"""The tense an event noun takes from the verb whose subject or object it is.

A noun has no tense of its own, but the clause it takes part in has one: "ended the third
round of talks on March 12" tells that the round took place before the report, "the second
round had produced a draft" too, and "will open the round" that it is still to come.  A
verb that acts on the event without taking part in it says nothing of when the event is
("postponed the vote", "announced the summit", "wanted a new round"), nor does an
infinitive ("agreed to hold a round"), whose time is its governor's, nor a modal ("would
end the round"); and a mention that is hypothetical, conditional or negated ("did not end
the round") is told in no tense at all (:mod:`.modality`).  A subject takes a past tense
but not a future one: what an event will do may follow an event long over ("the May 3
flood will cost the growers their harvest").
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Protocol, TypeVar

from factcheck.extract.modality import UNASSERTED
from factcheck.extract.nlp import Sentence, Token

_ARGUMENT = frozenset({"nsubj", "dobj", "obj"})  # a passive subject ("the vote was postponed") is acted on
_NOMINAL = frozenset({"NOUN", "PROPN"})


class Told(Protocol):
    """An event mention as the reader holds it: its kind, span, own tense (a verb's) and modality."""

    kind: str
    start: int
    end: int
    tense: str | None
    modality: str


M = TypeVar("M", bound=Told)


def noun_tenses(
    s: Sentence | None, mentions: Iterable[M], neutral: Collection[str]
) -> list[tuple[M, str, tuple[int, int]]]:
    """The mentions of a parsed sentence told in no tense of their own that their verb tells in one.

    Each is (mention, ``past`` or ``future``, the span of the verb and the mention); statements
    are left out (their time is the report's).
    """
    if s is None:
        return []
    out = []
    for mn in mentions:
        if mn.tense is None and mn.kind != "statement":
            by = governed_tense(s, (mn.start, mn.end), mn.modality, neutral)
            if by is not None:
                tense, verb = by
                out.append((mn, tense, (min(verb.start, mn.start), max(verb.end, mn.end))))
    return out


def governed_tense(
    s: Sentence, trigger: tuple[int, int], modality: str, neutral: Collection[str]
) -> tuple[str, Token] | None:
    """``past`` or ``future`` for an event noun (character span), and the verb it is the subject or object of.

    ``modality`` is the mention's (:func:`~factcheck.extract.modality.modality`); ``neutral``
    holds the lemmas of verbs whose subject or object takes no tense from them: verbs of
    saying, verbs that act on an event without being it, verbs too general to tell it.
    """
    if modality in UNASSERTED:
        return None
    noun = s.head_in(*trigger)
    if noun is None or noun.pos not in _NOMINAL or noun.dep not in _ARGUMENT or noun.head == noun.i:
        return None
    verb = s.tokens[noun.head]
    if verb.pos != "VERB" or verb.lemma.lower() in neutral:
        return None
    tense = finite_tense(s, verb)
    if tense is None or (tense == "future" and noun.dep == "nsubj"):
        return None
    return tense, verb


def finite_tense(s: Sentence, verb: Token) -> str | None:
    """The tense a verb is told in: ``future`` with "will"/"shall", ``past`` in the past or present perfect.

    An infinitive or a verb with another modal ("would", "could") has none of its own.
    """
    aux = [c for c in s.children(verb.i) if c.dep in ("aux", "auxpass")]
    if any(c.lemma.lower() in ("will", "shall") for c in aux):
        return "future"
    if any(c.tag in ("TO", "MD") for c in aux):
        return None
    if verb.tag == "VBD" or any(c.tag == "VBD" for c in aux):
        return "past"
    if verb.tag == "VBN" and any(c.lemma.lower() == "have" for c in aux):
        return "past"  # "has ended the round"
    return None


__all__ = ["Told", "finite_tense", "governed_tense", "noun_tenses"]
