"""The verb whose clause a word is in, read off the dependency parse: what the readers of a mention hang on.

Two walks.  Up the tree to the nearest verb: the clause a trigger noun is in, however deep
("the talks" of "X and Y ended the third round of the talks").  One step, from a noun's
prepositional phrase to the verb it hangs on directly ("acquitted" of "was acquitted at the
trial"), where a phrase hung on a noun ("the verdict at the trial") tells nothing of a clause.
"""

from __future__ import annotations

from collections.abc import Collection

from factcheck.extract.nlp import Sentence, Token

CLAUSE_POS = frozenset({"VERB", "AUX"})


def verb_above(s: Sentence, t: Token) -> Token | None:
    """The verb whose clause a token is in: the token itself when it is a verb, else the nearest verb above it."""
    if t.pos in CLAUSE_POS:
        return t
    return next((a for a in s.ancestors(t.i) if a.pos in CLAUSE_POS), None)


def clause_of(s: Sentence, t: Token) -> Token:
    """The verb whose clause a token is in, as :func:`verb_above`; a verbless fragment is its own clause."""
    verb = verb_above(s, t)
    return t if verb is None else verb


def phrase_verb(s: Sentence, t: Token, preps: Collection[str] | None = None, dep: str = "pobj") -> Token | None:
    """The verb the prepositional phrase a word completes hangs on directly, or None.

    ``preps``: the prepositions that count (lemmas; any where None).  ``dep``: how the word
    completes the phrase, "pobj" for a noun ("at the trial"), "pcomp" for a gerund ("after convicting").
    """
    if t.dep != dep or t.head == t.i:
        return None
    prep = s.tokens[t.head]
    if prep.dep != "prep" or prep.head == prep.i or (preps is not None and prep.lemma.lower() not in preps):
        return None
    verb = s.tokens[prep.head]
    return verb if verb.pos in CLAUSE_POS else None


__all__ = ["CLAUSE_POS", "clause_of", "phrase_verb", "verb_above"]
