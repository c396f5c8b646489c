"""What a sentence says of an event mention besides when: asserted, planned, reported, or not asserted at all.

Read off the dependency parse of the NLP layer.  A mention under "if"/"unless", or in a
clause with "could", "might" or a "would" that no report governs, is hypothetical or
conditional; a negated clause ("did not take place") states that it did not happen.
Such mentions yield no time facts.  "The ministry confirmed the talks would go ahead" is
the report's future, and stays asserted (reported).
"""

from __future__ import annotations

import re

from factcheck.extract.clauses import CLAUSE_POS, clause_of
from factcheck.extract.nlp import Sentence, Token

# Modalities whose mentions state nothing about when anything happened.
UNASSERTED = frozenset({"hypothetical", "conditional", "negated"})

# Words without which a sentence cannot make a mention unasserted: only such sentences are parsed.
CUES = re.compile(
    r"\b(?:if|unless|whether|would|could|might|may|should|must|not|never|no|possible|potential|proposed)\b|n['’]t\b",
    re.I,
)

_CONDITIONS = frozenset({"if", "unless", "whether"})
_MODALS = frozenset({"could", "might", "may", "should", "must"})
_UNREAL = frozenset({"possible", "potential", "proposed", "hypothetical", "prospective", "would-be"})
_EMBEDDED = frozenset({"ccomp", "advcl", "relcl", "xcomp", "conj", "acl", "pcomp", "pobj", "prep"})


def modality(s: Sentence, t: Token, reporting: frozenset[str]) -> str:
    """asserted, planned, reported, hypothetical, conditional or negated, for the trigger token ``t``."""
    clause = clause_of(s, t)
    if _negated(s, t, clause):
        return "negated"
    if any(c.dep in ("amod", "compound") and c.lemma.lower() in _UNREAL for c in s.children(t.i)):
        return "hypothetical"  # "a possible meeting", "the proposed summit"
    if clause is not t and any(c.dep == "mark" and c.lemma.lower() in _CONDITIONS for c in s.children(t.i)):
        return "conditional"  # a verb the parser took for a noun keeps its "if" ("If X files for ...")
    reported = False
    for tok in [clause, *s.ancestors(clause.i)]:
        if tok.pos not in CLAUSE_POS:
            if tok.dep in _EMBEDDED:
                continue
            break
        kids = s.children(tok.i)
        if any(c.dep == "mark" and c.lemma.lower() in _CONDITIONS for c in kids):
            return "conditional"
        modals = {c.lemma.lower() for c in kids if c.dep == "aux" and c.tag == "MD"}
        if modals & _MODALS:
            return "hypothetical"
        if "would" in modals and (_has_condition(s, tok) or not _under_report(s, tok, reporting)):
            return "hypothetical"
        if tok.dep in ("ccomp", "parataxis") and _is_report(s.tokens[tok.head], reporting):
            reported = True
        if _past_plan(s, tok):
            return "hypothetical"  # "were to take delivery in May 2008, but will now ...": a plan of the past
        if tok.dep not in _EMBEDDED:
            break
    if reported:
        return "reported"
    future = any(c.dep == "aux" and c.lemma.lower() in ("will", "shall") for c in s.children(clause.i))
    return "planned" if future else "asserted"


def _negated(s: Sentence, t: Token, clause: Token) -> bool:
    """A negation of the trigger, or of the verb whose subject or object it is ("did not take place")."""
    chain = [t] if clause is t else [t, *s.ancestors(t.i)]
    upto = chain[: chain.index(clause) + 1] if clause in chain else [t]
    for tok in upto:
        for c in s.children(tok.i):
            if c.dep == "neg" or (c.dep == "det" and c.lemma.lower() == "no"):
                return True
    return False


def _past_plan(s: Sentence, verb: Token) -> bool:
    """``was to`` / ``were to`` + verb: what was planned then, which the text does not say happened."""
    head = s.tokens[verb.head]
    return (verb.dep == "xcomp" and head.lemma.lower() == "be" and head.tag == "VBD"
            and any(c.dep == "aux" and c.tag == "TO" for c in s.children(verb.i)))  # fmt: skip


def _has_condition(s: Sentence, verb: Token) -> bool:
    """The clause has an "if" clause of its own ("If X fell, a vote would ...")."""
    return any(
        c.dep == "advcl" and any(g.dep == "mark" and g.lemma.lower() in _CONDITIONS for g in s.children(c.i))
        for c in s.children(verb.i)
    )


def _is_report(t: Token, reporting: frozenset[str]) -> bool:
    return t.pos == "VERB" and t.lemma.lower() in reporting


def _under_report(s: Sentence, t: Token, reporting: frozenset[str]) -> bool:
    """A verb in the speech a report gives ("said the talks would go ahead"): the report's future."""
    for a in [t, *s.ancestors(t.i)]:
        if a.dep in ("ccomp", "parataxis") and _is_report(s.tokens[a.head], reporting):
            return True
        if a.dep not in ("conj", "xcomp", "advcl", "ccomp", "parataxis"):
            return False
    return False


__all__ = ["CUES", "UNASSERTED", "modality"]
