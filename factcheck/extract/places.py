"""Where an event mention happens, read off the parse and the named entities, and how a name is written.

A place is a name the NER calls a country, city, region or building (in that order of
preference: "at a stadium in a city" is placed in the city), attached by "in", "at" or "near"
to the trigger or its clause, or a nationality's country ("the French election").  The
caller's ``normalise`` maps a name onto its canonical form (the alias tables) and leaves any
other name as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from factcheck.extract.nlp import Sentence, Token

Normalise = Callable[[str], str | None]

_PLACE_LABELS = ("GPE", "LOC", "FAC")  # in order of preference: a city or country before a building
_PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside"})
OBJECT_DEPS = frozenset({"dobj", "obj", "attr"})
MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod"})  # name-like words before a noun
_LEADING = re.compile(r"^(?:the|a|an|this|that|its|their)\s+", re.I)
_POSSESSIVE = re.compile(r"\s*['’]s?$")
# "Brandt United 3-1": a score the NER glues to the name before it is no part of the name.
_SCORE = re.compile(r"\s+\d{1,3}\s*[-–]\s*\d{1,3}$")


def strip_name(text: str) -> str:
    """A name as written, without its article, possessive ending, trailing score or punctuation."""
    return _SCORE.sub("", _POSSESSIVE.sub("", _LEADING.sub("", text.strip()))).strip(" ,.;:\"'“”")


def proper_name(s: Sentence, head: Token) -> str:
    """A proper noun with the proper nouns compounded before it ("Kuala Lumpur"), as written."""
    words = [c for c in s.children(head.i) if c.dep == "compound" and c.pos == "PROPN" and c.i < head.i]
    return " ".join(w.text for w in [*words, head])


def short_form(short: str, name: str, last: bool = True) -> bool:
    """Whether ``short`` is the first or last words of a longer name: "Ana" or "Varga" of "Ana Varga".

    ``last``: whether the last words count; not for a name whose last word says what kind of
    thing it names ("Devices" of "Orrin Devices" is no short form of it, "Orrin" is).
    """
    a, b = short.split(), name.split()
    return 0 < len(a) < len(b) and (b[: len(a)] == a or (last and b[-len(a) :] == a))


def one_name(names: Iterable[str], last: bool = True) -> str | None:
    """The one name among ``names``, a short form of another (:func:`short_form`) counting as that one, else None."""
    found = set(names)
    full = {n for n in found if not any(short_form(n, other, last) for other in found)}
    return full.pop() if len(full) == 1 else None


def cores(s: Sentence, t: Token, clause: Token) -> tuple[int, ...]:
    """Where a phrase about the event may hang: the trigger, its clause, the clause's object or "by" phrase.

    "held talks with X in Y", "unveiled by X in Y": the parser hangs such phrases there too.
    """
    out = [t.i, clause.i]
    for c in s.children(clause.i):
        if c.dep in OBJECT_DEPS | {"nsubjpass"}:
            out.append(c.i)
        elif c.dep == "agent":
            out += [g.i for g in s.children(c.i)]
    return tuple(dict.fromkeys(out))


def in_place_phrase(s: Sentence, t: Token) -> bool:
    """A capitalised name the NER leaves unlabelled after "in", "of", "at" or "near": "residents of Dunmere"."""
    if t.pos != "PROPN" or not t.text[:1].isupper() or t.dep != "pobj" or t.head == t.i:
        return False
    return s.tokens[t.head].lemma.lower() in _PLACE_PREPS | {"of"}


def place_of_place(s: Sentence, g: Token) -> list[Token]:
    """The places a place is said to be in ("Oslo" of "at the Foreign Ministry in Oslo"), which rank as places too.

    A city outranks a building (see ``_PLACE_LABELS``), so an event "at a stadium in a city" is placed in
    the city, where another article may name the city alone.
    """
    return [x for p in s.children(g.i) if p.dep == "prep" and p.lemma.lower() == "in"
            for x in s.children(p.i) if x.dep == "pobj"]  # fmt: skip


class PlaceReader:
    """Reads places off parsed sentences, with names mapped through ``normalise``."""

    def __init__(self, normalise: Normalise) -> None:
        self.normalise = normalise
        # The places of the sentence read last: its mentions ask in turn, and a sentence with
        # a thousand mentions must not be walked a thousand times.
        self._named: tuple[Sentence, tuple[str, ...]] | None = None

    def places_named(self, s: Sentence) -> tuple[str, ...]:
        """The places a sentence names: its country, city and region entities, and unlabelled "of X" names."""
        if self._named is None or self._named[0] is not s:
            found = [self.place_name(s, s.tokens[e.last]) for e in s.entities if e.label in ("GPE", "LOC")]
            found += [self.place_name(s, g) for g in s.tokens if g.ent == "" and in_place_phrase(s, g)]
            self._named = (s, tuple(found))
        return self._named[1]

    def place_name(self, s: Sentence, t: Token) -> str:
        """The place a token names, as the tables normalise it ("the Kremlin" is Moscow), else as written."""
        ent = s.entity_at(t.i)
        name = strip_name(ent.text) if ent is not None else proper_name(s, t)
        return self.normalise(name) or name

    def modifier_place(self, s: Sentence, t: Token) -> str:
        """A place a trigger noun's name-like modifier names ("Norway's referendum", "the Quito vote"), else "".

        Only a name the NER calls a country, city or region, or a nationality the alias tables
        know as a country ("the French election"): "Sunday's vote" and "Smith's election" name none.
        """
        if t.pos not in ("NOUN", "PROPN"):
            return ""
        for c in s.children(t.i):
            ent = s.entity_at(c.i)
            if c.dep not in MODIFIER_DEPS or c.i > t.i or ent is None:
                continue
            name = strip_name(ent.text)
            canon = self.normalise(ent.text.strip()) or self.normalise(name)  # "U.S." before its stripped "U.S"
            if ent.label in ("GPE", "LOC") or (ent.label == "NORP" and canon):
                return canon or name
        return ""

    def place(self, s: Sentence, t: Token, clause: Token) -> str:
        """Where it happens: a place attached by "in" or "at" to the trigger, else to its clause."""
        for head in cores(s, t, clause):
            found: list[tuple[int, int, str]] = []
            for c in s.children(head):
                if c.dep != "prep" or c.lemma.lower() not in _PLACE_PREPS:
                    continue
                for g in s.children(c.i):
                    for h in [g, *(x for x in s.children(g.i) if x.dep in ("conj", "appos", "compound")),
                              *place_of_place(s, g)]:  # fmt: skip
                        ent = s.entity_at(h.i)
                        if ent is not None and ent.label in _PLACE_LABELS:
                            found.append((_PLACE_LABELS.index(ent.label), ent.first, strip_name(ent.text)))
                        elif ent is None and h is g and h.pos == "PROPN" and h.text[:1].isupper():
                            # "in Asuncion" that the NER left unlabelled: a name after "in" is a place
                            # more often than not; it ranks after every labelled one.
                            found.append((len(_PLACE_LABELS), h.i, proper_name(s, h)))
            if found:
                name = min(found)[2]
                return self.normalise(name) or name
        return ""
