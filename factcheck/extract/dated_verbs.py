"""Open-domain event mentions: a verb no table names, dated by a temporal expression that hangs on it.

"General Motors filed for bankruptcy on Monday", "the plant was closed in March": the
parser attaches the date to the verb, directly ("filed ... Monday") or through "on", "in",
"at" or "during".  The verb is then an event mention whose kind is its lemma.  What is not
one: a verb of saying (the reporting verbs: a statement is its own kind), a light verb
("be", "have", "make": the pack's ``light_verbs``), a verb whose subject or object is an
event the tables already name ("the talks were held on Monday": the talks are the event),
a date reached through another preposition ("since", "until", "before": no day of the
event), and a hypothetical, conditional or negated verb.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from factcheck.extract.modality import UNASSERTED, modality
from factcheck.extract.nlp import Sentence, Token

_TEMPORAL_DEPS = frozenset({"npadvmod", "tmod", "obl", "nmod:tmod"})
_DATING_PREPS = frozenset({"on", "in", "at", "during"})
_CORE = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "attr"})


@dataclass(frozen=True, slots=True)
class DatedVerb:
    """A verb and the temporal expression (by index in the caller's list) that dates it."""

    verb: Token
    timex: int
    modality: str


def dated_verbs(
    s: Sentence,
    timexes: list[tuple[int, int]],
    taken: Collection[int],
    reporting: frozenset[str],
    light: frozenset[str],
) -> list[DatedVerb]:
    """Verbs of ``s`` dated by one of ``timexes`` (character spans), none of the tokens in ``taken``.

    ``taken`` holds the indices of tokens inside mentions the tables already found.
    """
    out: list[DatedVerb] = []
    seen: set[int] = set()
    for k, (a, b) in enumerate(timexes):
        inside = [t for t in s.tokens if a <= t.start and t.end <= b]
        head = next((t for t in inside if not a <= s.tokens[t.head].start < b or t.head == t.i), None)
        if head is None or head.head == head.i:
            continue
        up = s.tokens[head.head]
        if head.dep == "pobj" and up.pos == "ADP" and up.lemma.lower() in _DATING_PREPS and up.head != up.i:
            verb = s.tokens[up.head]
        elif head.dep in _TEMPORAL_DEPS:
            verb = up
        else:
            continue
        if verb.pos != "VERB" or verb.i in seen or verb.i in taken:
            continue
        lemma = verb.lemma.lower()
        if lemma in reporting or lemma in light or not lemma.isalpha():
            continue
        if any(c.i in taken for c in s.children(verb.i) if c.dep in _CORE):
            continue
        mood = modality(s, verb, reporting)
        if mood in UNASSERTED:
            continue
        seen.add(verb.i)
        out.append(DatedVerb(verb, k, mood))
    return out


__all__ = ["DatedVerb", "dated_verbs"]
