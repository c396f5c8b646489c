"""Open-domain event mentions: a verb or event noun no table names, dated by a temporal expression that hangs on it.

"General Motors filed for bankruptcy on Monday", "the plant was closed in March": the
parser attaches the date to the verb, directly ("filed ... Monday") or through "on", "in",
"at" or "during".  The verb is then an event mention whose kind is its lemma.  An event
noun (:mod:`factcheck.extract.event_nouns`) is one the same way, its kind the lemma of
the verb it is made from: a date that hangs on the noun ("Monday's crash", "the June 1
filing", "the merger in March"), or on a light verb whose subject or object it is ("took
delivery on Monday", "the strike began on Tuesday": the light verb says only that the
noun's event happened).  What is not one: a verb of saying (the reporting verbs: a
statement is its own kind), a light verb ("be", "have", "make": the pack's
``light_verbs``) with no event noun, a verb whose subject or object is an event the
tables already name ("the talks were held on Monday": the talks are the event), a date
reached through another preposition ("since", "until", "before": no day of the event),
and a hypothetical, conditional or negated mention.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from factcheck.extract.attachment import date_head
from factcheck.extract.event_nouns import verb_of
from factcheck.extract.modality import UNASSERTED, modality
from factcheck.extract.nlp import Sentence, Token

_CORE = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "attr"})


@dataclass(frozen=True, slots=True)
class DatedVerb:
    """A trigger (a verb or an event noun), its kind, and the index of the temporal expression dating it."""

    verb: Token
    timex: int
    modality: str
    kind: str = ""


def dated_verbs(
    s: Sentence,
    timexes: list[tuple[int, int]],
    taken: Collection[int],
    reporting: frozenset[str],
    light: frozenset[str],
    verbs: Collection[str] = frozenset(),
    shifting: Collection[str] = frozenset(),
) -> list[DatedVerb]:
    """Verbs and event nouns of ``s`` dated by one of ``timexes`` (character spans), none of the tokens in ``taken``.

    ``taken`` holds the indices of tokens inside mentions the tables already found;
    ``verbs`` the verb lemmas event nouns are told by (none: verbs only); ``shifting`` the
    lemmas of verbs that act on an event without being it ("adjourned the trial on Monday":
    the adjournment is dated, the trial is not), which are events even with a named object.
    """
    out: list[DatedVerb] = []
    seen: set[int] = set()
    for k, (a, b) in enumerate(timexes):
        verb = date_head(s, a, b)
        if verb is None:
            continue
        found = _trigger(s, verb, taken, reporting, light, verbs, shifting)
        if found is None or found[0].i in seen:
            continue
        trigger, kind = found
        mood = modality(s, trigger, reporting)
        if mood in UNASSERTED:
            continue
        seen.add(trigger.i)
        out.append(DatedVerb(trigger, k, mood, kind))
    return out


def _trigger(
    s: Sentence, at: Token, taken: Collection[int], reporting: frozenset[str], light: frozenset[str],
    verbs: Collection[str], shifting: Collection[str] = frozenset(),
) -> tuple[Token, str] | None:  # fmt: skip
    """The mention a date hanging on ``at`` dates, and its kind: the verb, the event noun, or the light verb's noun."""
    if at.i in taken:
        return None
    if at.pos == "NOUN":
        kind = verb_of(at, verbs, zero=True)
        return (at, kind) if kind and kind not in reporting else None
    if at.pos != "VERB":
        return None
    lemma = at.lemma.lower()
    if lemma in reporting or not lemma.isalpha():
        return None
    core = [c for c in s.children(at.i) if c.dep in _CORE]
    if lemma in shifting and lemma not in light:
        return at, lemma
    if any(c.i in taken for c in core):
        return None
    if lemma not in light:
        return at, lemma
    # "took delivery on Monday", "the strike began on Tuesday": the noun is the event.
    for c in core:
        kind = verb_of(c, verbs, zero=True)
        if kind and kind not in reporting and kind not in light:
            return c, kind
    return None


__all__ = ["DatedVerb", "dated_verbs"]
