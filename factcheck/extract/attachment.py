"""Which mention a date belongs to, by the parse: the verb it hangs on and how the trigger stands to that verb.

A relation pattern ties a date to the nearest trigger before it ("{event} ... on {timex}"),
which is right for "the talks in Istanbul on Monday" and wrong where the date hangs on a
verb of another event that the trigger only modifies: "Campaigning for Sunday's runoff
closed on Friday" (the campaign closed on Friday; the runoff is on Sunday), or a verb that
acts on the event without being it: "the court adjourned the trial on Monday", "officials
postponed the vote on Friday" (the trial and the vote are not on those days).  The parse
tells these apart; where it tells nothing (no parse, the date hangs on the trigger itself,
the trigger governs the verb), the pattern's reading stands.
"""

from __future__ import annotations

from collections.abc import Collection

from factcheck.extract.clauses import clause_of
from factcheck.extract.nlp import Sentence, Token

_TEMPORAL_DEPS = frozenset({"npadvmod", "tmod", "obl", "nmod:tmod"})
_DATING_PREPS = frozenset({"on", "in", "at", "during"})
_NOUN_DATES = frozenset({"compound", "poss", "nmod", "npadvmod"})  # "the June 1 filing", "Monday's crash"
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "dobj", "obj"})
_OBJECTS = frozenset({"dobj", "obj"})
_VERBAL = frozenset({"VERB", "AUX"})
_AHEAD = frozenset({"for", "ahead", "before", "toward", "towards", "to", "until", "till"})  # what leads up to an event


def date_head(s: Sentence, start: int, end: int) -> Token | None:
    """The word a date (character span) hangs on: the verb or noun it modifies, directly or through on/in/at/during."""
    head = s.head_in(start, end)
    if head is None or head.head == head.i:
        return None
    up = s.tokens[head.head]
    if head.dep == "pobj" and up.pos == "ADP" and up.lemma.lower() in _DATING_PREPS and up.head != up.i:
        return s.tokens[up.head]
    if head.dep in _TEMPORAL_DEPS or (head.dep in _NOUN_DATES and up.pos == "NOUN"):
        return up
    return None


def dates_other_event(s: Sentence, trigger: tuple[int, int], date: tuple[int, int], shifting: Collection[str]) -> bool:
    """Whether the date hangs on a verb that is not the trigger's event (so the date is not the trigger's).

    ``trigger`` and ``date`` are character spans; ``shifting`` holds the lemmas of verbs that
    act on an event named as their object without being it ("adjourn", "postpone").  Two
    readings set the date apart: the trigger sits inside another word that is the verb's
    subject or object ("Campaigning for Sunday's runoff closed on Friday"), or the trigger
    is the object of a shifting verb ("adjourned the trial on Monday").
    """
    gov = date_head(s, *date)
    trig = s.token_at(trigger[1] - 1)
    if gov is None or trig is None or trigger[0] <= gov.start < trigger[1]:
        return False
    if gov.pos == "NOUN" and gov.head == trig.i and date[1] <= gov.start and gov.dep in _OBJECTS:
        return True  # "will report third-quarter earnings": the date names what is reported, not when
    if gov.pos not in _VERBAL:
        return False
    path = [trig, *s.ancestors(trig.i)]
    at = next((i for i, t in enumerate(path) if t.i == gov.i), None)
    if at is None or at == 0:
        return False  # the verb is not above the trigger ("the summit, held in Geneva on June 16")
    child = path[at - 1]
    if trigger[0] <= child.start < trigger[1]:
        return child.dep in _OBJECTS and gov.lemma.lower() in shifting
    # "The second round of talks will take place Thursday": a part or instance of the event, named with "of".
    part_of = at >= 3 and path[1].lemma.lower() == "of" and path[2].i == child.i
    return child.dep in _ARGUMENTS and not part_of


def names_own_day(s: Sentence, trigger: tuple[int, int], date: tuple[int, int]) -> bool:
    """Whether a date modifies a trigger noun that something leads up to, so the clause's tense is not its own.

    "Campaigning for Sunday's runoff closed", "ahead of Sunday's vote": the campaign is past,
    the runoff may be still to come.  Elsewhere ("won a majority in Sunday's election",
    "after Sunday's vote") the clause's tense is the event's.
    """
    trig = s.token_at(trigger[1] - 1)
    head = s.head_in(*date)
    if trig is None or head is None or head.head != trig.i or head.dep not in ("poss", "compound", "nmod"):
        return False
    if trig.pos not in ("NOUN", "PROPN") or trig.dep != "pobj" or trig.head == trig.i:
        return False
    prep = s.tokens[trig.head]
    # "ahead of Sunday's vote": the preposition's head is the word that says "ahead"
    words = {prep.lemma.lower(), s.tokens[prep.head].lemma.lower()}
    return bool(words & _AHEAD)


def offsets_of(s: Sentence, verb: Token) -> list[tuple[str, Token, Token]]:
    """What a verb is timed against: "ended the search on Monday, six days after the quake".

    Each is (``after`` or ``before``, the word of the amount, the word of the other event):
    a preposition "after" or "before" on the verb, an amount of time on the preposition,
    and its object.
    """
    out = []
    for prep in s.children(verb.i):
        if prep.dep != "prep" or prep.lemma.lower() not in ("after", "before"):
            continue
        kids = s.children(prep.i)
        amount = next((c for c in kids if c.dep == "npadvmod"), None)
        other = next((c for c in kids if c.dep in ("pobj", "pcomp")), None)
        if amount is not None and other is not None:
            out.append((prep.lemma.lower(), amount, other))
    return out


def until_of(s: Sentence, verb: Token) -> list[Token]:
    """The words a verb is put off to: "adjourned the trial until March 16", "postponed the vote to June"."""
    return [c for p in s.children(verb.i) if p.dep == "prep" and p.lemma.lower() in ("until", "till", "to")
            for c in s.children(p.i) if c.dep == "pobj"]  # fmt: skip


def told_as(s: Sentence, t: Token) -> str:
    """Whether a token's clause is told as past or as to come ("will", "to"), or "" where the parse says neither."""
    verb = clause_of(s, t)
    kids = s.children(verb.i)
    if any(c.dep == "aux" and (c.lemma.lower() in ("will", "shall") or c.tag == "TO") for c in kids):
        return "future"
    if verb.tag in ("VBD", "VBN") or any(c.dep in ("aux", "auxpass") and c.tag == "VBD" for c in kids):
        return "past"
    return ""


__all__ = ["date_head", "dates_other_event", "names_own_day", "offsets_of", "told_as", "until_of"]
