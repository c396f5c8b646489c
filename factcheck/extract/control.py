"""Who does what a subjectless clause tells, and whom its pronoun stands for: the clause it hangs on.

"The court sentenced Ana Varga on Friday, ten days after convicting her": "convicting" has
no subject of its own; its doer is the subject of "sentenced" (the verb its "after" phrase
hangs on), and "her" is that verb's object when the object is a person.  Only a gerund or
participle clause with no subject of its own is read so ("after convicting", "before
signing"); a clause with its own subject ("after the jury convicted her") keeps it.  Such a
clause hanging on its verb as an adjunct ("won the cup on Sunday, beating X in the final") tells
an act at once with the verb's: the event it is set in takes the verb's day.
"""

from __future__ import annotations

from factcheck.extract.clauses import CLAUSE_POS, phrase_verb
from factcheck.extract.nlp import Sentence, Token

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
_PERSONAL = frozenset({"him", "her", "them"})


def controller(s: Sentence, verb: Token) -> Token | None:
    """The verb whose subject is a subjectless gerund's doer ("sentenced" for "after convicting him"), or None."""
    if verb.pos not in CLAUSE_POS or verb.tag not in ("VBG", "VBN"):
        return None
    if any(c.dep in _SUBJECTS for c in s.children(verb.i)):
        return None
    if (main := phrase_verb(s, verb, dep="pcomp")) is not None:
        return main  # "sentenced X ..., after convicting him"
    if verb.dep == "advcl" and verb.head != verb.i and s.tokens[verb.head].pos in CLAUSE_POS:
        return s.tokens[verb.head]
    return None


def pronoun_object(s: Sentence, verb: Token) -> Token | None:
    """The person a subjectless gerund's object pronoun stands for: its controller's object, if that is a person."""
    main = controller(s, verb)
    if main is None or not any(c.dep == "dobj" and c.text.lower() in _PERSONAL for c in s.children(verb.i)):
        return None
    objects = [c for c in s.children(main.i) if c.dep == "dobj" and c.ent == "PERSON"]
    return objects[0] if len(objects) == 1 else None


def simultaneous_settings(s: Sentence, verb: Token) -> list[Token]:
    """Event nouns an adjunct participle of ``verb`` is set in, taking its day: "won Sunday, beating X in the final".

    A subjectless "-ing" clause hanging on a verb tells what its doer did at once with it, so the
    noun it is "in" happened then too; a perfect participle ("having beaten X in the semifinal")
    is earlier, and a clause with a subject of its own is not the verb's doer's act.
    """
    out: list[Token] = []
    for clause in s.children(verb.i):
        if clause.dep != "advcl" or clause.tag != "VBG" or (c := controller(s, clause)) is None or c.i != verb.i:
            continue
        if any(a.dep == "aux" and a.lemma.lower() == "have" for a in s.children(clause.i)):
            continue
        for prep in s.children(clause.i):
            if prep.dep == "prep" and prep.lemma.lower() == "in":
                out += [n for n in s.children(prep.i) if n.dep == "pobj"]
    return out
