"""The named thing an intransitive event happens to, when the clause names no object.

"The Sable S4 went on sale on Friday", "the Orion 5, which debuted in May", "the Arden 7
shipped in June": the event is told of its subject, a named object, not done by a party.
"Three days after Torvane unveiled it" takes its object from the clause it is said of
("The Sable S4 went on sale ..., three days after Torvane unveiled it"). Only a name-like
phrase (a proper noun or a word with a digit) that the NER does not call a party counts,
so "shoppers queued" or "Torvane debuted" give no such theme.
"""

from __future__ import annotations

from factcheck.extract.clauses import CLAUSE_POS, phrase_verb
from factcheck.extract.nlp import Sentence, Token

_OBJECTS = frozenset({"dobj", "obj", "nsubjpass", "attr"})
_RELATIVE = frozenset({"which", "that"})
_PARTY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})


def undergoer(s: Sentence, t: Token) -> list[Token]:
    """The head noun of the named object an event trigger's clause is told of (none, or one token).

    ``t`` is the trigger's head word: the verb itself ("debuted"), or the noun of a verb's
    phrase ("sale" of "went on sale").
    """
    clause = _verb_of(s, t)
    if clause is None:
        return []
    objects = [c for c in s.children(clause.i) if c.dep in _OBJECTS]
    if not objects:
        subject = _subject(s, clause)
        return [subject] if subject is not None and _name_like(s, subject) else []
    if len(objects) == 1 and objects[0].text.lower() == "it" and clause.dep == "advcl":
        # "went on sale on Friday, three days after Torvane unveiled it": what the main clause is told of.
        main = s.tokens[clause.head]
        if main.pos in CLAUSE_POS and not [c for c in s.children(main.i) if c.dep in _OBJECTS]:
            subject = _subject(s, main)
            return [subject] if subject is not None and _name_like(s, subject) else []
    return []


def _verb_of(s: Sentence, t: Token) -> Token | None:
    """The verb whose subject the event is told of: the trigger, or the verb its "on"/"into" phrase hangs on."""
    return t if t.pos in CLAUSE_POS else phrase_verb(s, t)


def _subject(s: Sentence, clause: Token) -> Token | None:
    """The clause's subject noun; a relative pronoun stands for the noun its clause describes."""
    for c in s.children(clause.i):
        if c.dep != "nsubj":
            continue
        if c.pos == "PRON" and c.text.lower() in _RELATIVE and clause.dep == "relcl" and clause.head != clause.i:
            return s.tokens[clause.head]
        return c if c.pos in ("NOUN", "PROPN") else None
    return None


def _name_like(s: Sentence, head: Token) -> bool:
    """Whether a noun phrase names a thing: a proper noun or a digit in it, and not a party or a date."""
    ent = s.entity_at(head.i)
    if ent is not None and ent.label in _PARTY_LABELS | _NOT_NAMES:
        return False
    words = [head, *(c for c in s.children(head.i) if c.dep in ("compound", "nummod") and c.i < head.i)]
    return any(w.pos == "PROPN" or any(ch.isdigit() for ch in w.text) for w in words)
