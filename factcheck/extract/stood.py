"""The person a proceeding (a trial, a hearing) is of, read off the clause it is set in or a pronoun before it.

"Ana Varga was acquitted at a trial in 2017", "Varga testified at the hearing", "the court
convicted Ana Varga at her trial": a proceeding named in an "at"/"in"/"during" phrase of a
clause is of the person that clause tells it of: the subject of a passive verb or of a verb
with no object, else the verb's object where that is a person ("the prosecutor presented
evidence at the trial" names no one).  A bare surname ("Varga") is the person the article
named in full before it.  "Her 2017 trial", "she testified at the hearing": a singular
pronoun stands for the article's one person, which only the whole article tells
(:func:`factcheck.extract.undergone.lend_pronoun_party`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from factcheck.extract.clauses import phrase_verb
from factcheck.extract.nlp import Sentence, Token
from factcheck.extract.places import short_form, strip_name

_SETTINGS = frozenset({"at", "in", "during"})
_PRONOUNS = frozenset({"he", "she", "him", "her"})
_POSSESSIVES = frozenset({"his", "her"})


@dataclass(frozen=True, slots=True)
class Stood:
    """Whom a proceeding is of: a person's name, or a singular pronoun the article must resolve."""

    name: str = ""
    pronoun: bool = False


def stood_by(s: Sentence, t: Token, people: Collection[str]) -> Stood | None:
    """The person the proceeding whose head noun is ``t`` is of, or None where the sentence names no one.

    ``people``: the names of persons the article has named so far, which a bare surname stands for.
    """
    if t.pos not in ("NOUN", "PROPN"):
        return None
    who = _in_setting(s, t)
    if who is not None:
        return _person(s, who, people)
    if any(c.dep == "poss" and c.text.lower() in _POSSESSIVES for c in s.children(t.i)):
        return Stood(pronoun=True)  # "his 2019 trial"
    return None


def _in_setting(s: Sentence, t: Token) -> Token | None:
    """The word for whom a clause is told of, where ``t`` is set in a phrase of it: "X was acquitted at the trial"."""
    verb = phrase_verb(s, t, _SETTINGS)
    if verb is None:
        return None
    kids = s.children(verb.i)
    if passive := [c for c in kids if c.dep == "nsubjpass"]:
        return passive[0]
    if objects := [c for c in kids if c.dep in ("dobj", "obj")]:
        # "convicted X at the trial": the one the verb is done to; "presented evidence at the trial": no one.
        first = objects[0]
        return first if first.ent == "PERSON" or first.text.lower() in _PRONOUNS else None
    return next((c for c in kids if c.dep == "nsubj"), None)


def _person(s: Sentence, w: Token, people: Collection[str]) -> Stood | None:
    """The person a subject or object word names: a pronoun, a person's name, or a surname of one named before."""
    if w.pos == "PRON":
        return Stood(pronoun=True) if w.text.lower() in _PRONOUNS else None
    ent = s.entity_at(w.i)
    if ent is not None and ent.label != "PERSON":
        return None
    if ent is not None:
        name = strip_name(ent.text)
    elif w.text[:1].isupper():
        # The parser may not know a surname it meets alone ("Varga was acquitted").
        words = [c for c in s.children(w.i) if c.dep == "compound" and c.i < w.i and c.text[:1].isupper()]
        name = " ".join(x.text for x in [*words, w])
    else:
        return None
    full = {p for p in people if p != name and short_form(name, p)}
    if len(full) == 1:
        return Stood(name=full.pop())
    return Stood(name=name) if ent is not None and not full else None
