"""What the series events of an article are about, per kind: the topic that keeps two series of talks apart.

The theme of each mention of the article's own series event is read off the parse: "talks on
X", "talks about X", "negotiations over X", "X talks", "met to discuss X", "the talks focused
on X".  The pack's ``topics`` table only normalises a theme (synonyms and variants to one
name: "embassy" and "diplomatic missions"); a theme no entry matches is a topic all the same,
its head noun's lemma ("talks on fishing quotas": "quota").  Nothing is read where no series
mention names a theme.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping

from factcheck.extract.mentions import Mention
from factcheck.extract.nlp import Sentence, Token

SERIES_KINDS = ("talks", "exchange", "phone-call", "visit")
"""The kinds whose events are rounds of a series between their parties."""

_ABOUT = frozenset({"on", "about", "over", "regarding", "concerning"})
_DISCUSS = frozenset({"discuss", "negotiate", "address", "debate"})  # "met to discuss X": what the meeting is about
_OBJECTS = frozenset({"dobj", "obj"})
_NOT_TOPIC_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY",
                               "PERSON", "ORG", "NORP"})  # fmt: skip
_NOUNS = frozenset({"NOUN", "PROPN"})

TopicTable = list[tuple[str, re.Pattern[str]]]


def _label(s: Sentence, t: Token) -> str:
    return e.label if (e := s.entity_at(t.i)) is not None else ""


def _subtree(s: Sentence, t: Token) -> list[Token]:
    """The token and every token below it, in text order."""
    out, todo = [t], [t.i]
    while todo:
        kids = s.children(todo.pop())
        out += kids
        todo += [k.i for k in kids]
    return sorted(out, key=lambda x: x.i)


def _object(s: Sentence, t: Token) -> Token | None:
    """The noun a theme word stands for: itself, or the object of a gerund ("restoring the missions")."""
    if t.pos in ("VERB", "AUX"):
        return next((c for c in s.children(t.i) if c.dep in _OBJECTS and c.pos in _NOUNS | {"VERB"}), None)
    return t if t.pos in _NOUNS else None


def _about(s: Sentence, head: Token) -> list[Token]:
    """What an "on", "about" or "over" phrase hung on ``head`` names: its object, a gerund's object."""
    out: list[Token] = []
    for c in s.children(head.i):
        if c.dep == "prep" and c.lemma.lower() in _ABOUT:
            out += [g for g in s.children(c.i) if g.dep in ("pobj", "pcomp")]
    return out


def _without(wording: str, a: int, b: int) -> str:
    """A trigger's wording with the characters ``a:b`` taken out, spaces made single."""
    return " ".join((wording[:a] + " " + wording[b:]).split())


def candidates(s: Sentence, t: Token) -> list[Token]:
    """The words that may say what a series mention (head word ``t``) is about, best first."""
    out = _about(s, t)
    if t.pos in _NOUNS:
        # "the embassy talks", "Trade Talks": a modifier the NER calls no name (a name is a party or place)
        out += [c for c in s.children(t.i) if c.dep == "compound" and c.i < t.i and c.pos in _NOUNS
                and not _label(s, c)]  # fmt: skip
    for c in s.children(t.i):
        if c.dep in ("xcomp", "advcl", "acl", "relcl") and c.lemma.lower() in _DISCUSS:
            out += [g for g in s.children(c.i) if g.dep in _OBJECTS]  # "met to discuss X", "a meeting to discuss X"
    if t.dep in ("nsubj", "nsubjpass") and t.head != t.i:
        # "the talks focused on X", "the talks will centre on X", "the talks are focused on X"
        verb = s.tokens[t.head]
        for h in [verb, *(c for c in s.children(verb.i) if c.dep == "acomp")]:
            out += _about(s, h)
    return out


def theme_topic(s: Sentence, word: Token, table: TopicTable) -> str | None:
    """The topic one theme word names: the name of the table entry its phrase matches first, else its noun's lemma."""
    noun = _object(s, word)
    if noun is None or _label(s, noun) in _NOT_TOPIC_LABELS:
        return None
    phrase = " ".join(x.text for x in _subtree(s, word))
    found = [(m.start(), name) for name, rx in table if (m := rx.search(phrase))]
    if found:
        return min(found)[1]
    return re.sub(r"[^a-z0-9]+", "-", noun.lemma.lower()).strip("-") or None


def series_topics(text: str, mentions: Iterable[Mention], parsed: Mapping[tuple[int, int], Sentence],
                  table: TopicTable, names_kind: Callable[[str, str], bool]) -> dict[str, str]:  # fmt: skip
    """Per kind, the topic most of its mentions name (the first named, on a tie); a kind none names has none.

    A theme word inside another mention of the kind is the event again ("a meeting for a round
    of talks").  Inside the mention's own trigger it is a theme only where the trigger without it
    still names the kind (``names_kind``): "a round of peace talks", not "phone calls".
    """
    mentions = list(mentions)
    spans: dict[str, list[tuple[int, int]]] = {}
    for mn in mentions:
        spans.setdefault(mn.kind, []).append((mn.start, mn.end))
    counts: dict[str, Counter[str]] = {}
    for mn in mentions:
        s = parsed.get(mn.sentence)
        t = s.token_at(mn.end - 1) if s is not None else None
        if s is None or t is None:
            continue
        for word in candidates(s, t):
            if mn.start <= word.start < mn.end:
                if not names_kind(_without(text[mn.start : mn.end], word.start - mn.start, word.end - mn.start),
                                  mn.kind):  # fmt: skip
                    continue  # "phone calls": the kind's own wording, not what it is about
            elif any(a <= word.start < b for a, b in spans.get(mn.kind, [])):
                continue
            if (topic := theme_topic(s, word, table)) is not None:
                counts.setdefault(mn.kind, Counter())[topic] += 1
                break
    return {kind: c.most_common(1)[0][0] for kind, c in counts.items()}


__all__ = ["SERIES_KINDS", "TopicTable", "candidates", "series_topics", "theme_topic"]
