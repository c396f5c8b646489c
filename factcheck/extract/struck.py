"""Where an event struck, from the verb it is the subject of: "a quake struck the island of X", "hit northern X".

A quake, a storm or a flood is told as striking, hitting or shaking a place: that verb's
object is the event's place, not a thing it acts on (its theme).  A common noun completed
by a place ("the island of X", "the coast of X") names that place; a thing ("a school",
"the dam") names none, so its place comes from where the sentence puts it ("in X").
"""

from __future__ import annotations

from factcheck.extract.nlp import Sentence, Token

_STRIKING = frozenset({"strike", "hit", "shake", "jolt", "rattle", "rock", "ravage", "batter", "lash", "pound",
                       "devastate", "slam", "sweep", "swamp", "inundate"})  # fmt: skip
_LAND = frozenset({"island", "province", "region", "state", "county", "district", "town", "city", "village",
                   "coast", "peninsula", "capital", "valley", "area", "archipelago"})  # fmt: skip
_PLACE_LABELS = frozenset({"GPE", "LOC"})
_NOT_PLACES = frozenset({"DATE", "TIME", "NORP", "CARDINAL", "ORDINAL"})
_OBJECTS = frozenset({"dobj", "obj"})
_NEAR = frozenset({"off", "near"})  # "struck off the coast of X", "hit near X"


def struck_place(s: Sentence, t: Token) -> Token | None:
    """The head word of the place a trigger struck (its striking verb's object, or "off X"), or None.

    ``t`` is the trigger's head word: the subject of a striking verb ("a storm lashed X"), or
    that verb itself when its subject is a common noun ("the quake struck X", not "Norland struck X").
    """
    if t.pos == "VERB":
        verb = t
        if not any(c.dep == "nsubj" and c.pos == "NOUN" for c in s.children(t.i)):
            return None
    elif t.pos in ("NOUN", "PROPN") and t.dep in ("nsubj", "nsubjpass") and t.head != t.i:
        verb = s.tokens[t.head]
    else:
        return None
    if verb.pos != "VERB" or verb.lemma.lower() not in _STRIKING:
        return None
    targets = [c for c in s.children(verb.i) if c.dep in _OBJECTS]
    targets += [g for c in s.children(verb.i) if c.dep == "prep" and c.lemma.lower() in _NEAR
                for g in s.children(c.i) if g.dep == "pobj"]  # fmt: skip
    for target in targets:
        if (found := _place_in(s, target)) is not None:
            return found
    return None


def _place_in(s: Sentence, t: Token) -> Token | None:
    """A place's head word: the token itself if it names one, else the place its "of" phrase names."""
    if _names_place(t):
        return t
    if t.pos == "NOUN":
        # "the town of X": after a word for land, any name is the place, whatever the NER calls it.
        land = t.lemma.lower() in _LAND
        for prep in s.children(t.i):
            if prep.dep == "prep" and prep.lemma.lower() == "of":
                named = [g for g in s.children(prep.i)
                         if g.dep == "pobj" and (g.ent in _PLACE_LABELS or (land and g.pos == "PROPN"))]  # fmt: skip
                if named:
                    return named[0]
    return None


def _names_place(t: Token) -> bool:
    """A place the NER labels, or any other capitalised name: what a quake or a storm strikes is land.

    The NER often takes a place it does not know for a person or an organisation ("shook Karsko").
    """
    return t.ent in _PLACE_LABELS or (t.pos == "PROPN" and t.text[:1].isupper() and t.ent not in _NOT_PLACES)


__all__ = ["struck_place"]
