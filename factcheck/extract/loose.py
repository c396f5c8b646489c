"""Events an article names with no date of its own, told by the named object they act on.

"Singapore Airlines will be compensated for the delay in delivery of its A380s" dates
nothing, yet another article of the story may date that delivery ("the first A380 was
delivered today").  A mention that acts on a named object (its theme has a name word:
"A380", "Brenlo B7", "iPhone") is kept as a *loose* event: it carries no fact, and the
linker (:mod:`factcheck.auditing.link`) merges it into the one event of another article
of the same kind on the same named object, or drops it.  With no time of its own it can
never raise a contradiction; what it adds is that the story's articles are seen to speak
of one event.

Mentions of one kind on one named object within an article are one loose event (the same
object is the evidence).  A mention of the kind that names no object ("the aircraft's
delivery") is that event's too where the article has exactly one loose event of the kind,
no dated event of it, and the arguments do not tell them apart; nothing else is read.

Only asserted mentions count (not hypothetical, conditional or negated), and neither verbs
of speech nor light verbs ("make", "take") are events.  Sentences the reader did not
parse for other reasons are parsed only where a word looks like a model or product name
(letters and digits mixed, "A380", "B7", "F-35", or a capital inside a word, "iPhone"), so
the cost stays with the articles that name such objects.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass

from factcheck.extract.arguments import Arguments
from factcheck.extract.event_nouns import verb_of
from factcheck.extract.modality import UNASSERTED, modality
from factcheck.extract.nlp import Sentence, Token

# A word with letters and digits ("A380", "B7", "F-35", "787-9"), or a capital after a small letter ("iPhone").
_MODEL_NAME = re.compile(r"\b(?:[A-Za-z]+-?\d[\w-]*|\d+-?[A-Za-z][\w-]*|[a-z]+[A-Z]\w*)\b")
_NAME_WORD = re.compile(r"[\w.'’-]+")


def names_model(text: str) -> bool:
    """Whether a sentence has a word that looks like a model or product name (worth parsing for loose events)."""
    return _MODEL_NAME.search(text) is not None


def object_names(theme: str) -> frozenset[str]:
    """The name words of a theme ("A380 superjumbo" → "a380", "the Brenlo B7 tablet" → "brenlo", "b7").

    A number alone names nothing ("$14 billion deal"): a theme whose name words are all
    figures has none.
    """
    words = frozenset(w.lower() for w in _NAME_WORD.findall(theme) if any(c.isdigit() or c.isupper() for c in w))
    return words if any(any(c.isalpha() for c in w) for w in words) else frozenset()


@dataclass(frozen=True, slots=True)
class LooseMention:
    """One undated mention: its kind (the verb's lemma), the token and sentence it is at, and the object it acts on."""

    kind: str
    sentence: Sentence
    token: Token
    theme: str

    @property
    def start(self) -> int:
        """Where its trigger starts in the article."""
        return self.token.start

    @property
    def end(self) -> int:
        """Where its trigger ends in the article."""
        return self.token.end

    @property
    def names(self) -> frozenset[str]:
        """The name words of the object it acts on (empty: it names none)."""
        return object_names(self.theme)


def _kind(tok: Token, verbs: Collection[str]) -> str:
    if tok.pos == "VERB":
        lemma = tok.lemma.lower()
        return lemma if lemma.isalpha() else ""
    return verb_of(tok, verbs, zero=True) or ""


def _acts_on(s: Sentence, noun: Token) -> bool:
    """Whether a noun that is a bare verb form takes an object or agent the way an action does.

    "the crash of the B7", "Merrow's launch": an "of" phrase or a possessive; a name before
    it ("the Varden coast", "the Brenlo store") makes a compound, not an action on the name.
    """
    return any((c.dep == "prep" and c.lemma.lower() == "of") or c.dep == "poss" for c in s.children(noun.i))


def undated_mentions(
    sentences: Iterable[Sentence], theme: Callable[[Sentence, Token], str], verbs: Collection[str],
    skip_lemmas: Collection[str], reporting: frozenset[str], taken: Sequence[tuple[int, int]],
) -> list[LooseMention]:  # fmt: skip
    """Asserted event mentions of the sentences (verbs, and nouns made from verbs) outside ``taken``, in text order."""
    out: list[LooseMention] = []
    held = {k for a, b in taken for k in range(a, b)}
    for s in sentences:
        for tok in s.tokens:
            kind = _kind(tok, verbs)
            if not kind or kind in skip_lemmas or tok.start in held:
                continue
            if tok.pos == "NOUN" and verb_of(tok, verbs) is None and not _acts_on(s, tok):
                continue  # "the Varden coast" is a place, though "coast" is also a verb
            if modality(s, tok, reporting) in UNASSERTED:
                continue
            out.append(LooseMention(kind, s, tok, theme(s, tok)))
    return sorted(out, key=lambda m: m.start)


Read = Callable[[Sentence, Token], Arguments]


def _clash(read: Read, a: LooseMention, b: LooseMention) -> bool:
    """Arguments that tell two mentions apart: other agents, or another place."""
    x, y = read(a.sentence, a.token), read(b.sentence, b.token)
    if x.agents and y.agents and not set(x.agents) & set(y.agents):
        return True
    return bool(x.place and y.place and x.place != y.place)


@dataclass
class LooseEvent:
    """Undated mentions of one event on one named object, in text order."""

    kind: str
    names: frozenset[str]
    first: LooseMention  # the first mention that names the object
    mentions: list[LooseMention]


def group(found: Sequence[LooseMention], dated_kinds: Collection[str], read: Read) -> list[LooseEvent]:
    """The loose events of an article's undated mentions (see the module docstring), in text order.

    Mentions of one kind on two named objects are two events; a mention that names no
    object joins the event of its kind only where that is the only one and the article
    dated no event of the kind (else nothing tells which event it is).
    """
    events: list[LooseEvent] = []
    for mn in found:
        if not mn.names:
            continue
        same = next((e for e in events if e.kind == mn.kind and e.names == mn.names), None)
        if same is None:
            events.append(LooseEvent(mn.kind, mn.names, mn, [mn]))
        elif not _clash(read, same.first, mn):
            same.mentions.append(mn)
    by_kind: dict[str, list[LooseEvent]] = {}
    for e in events:
        by_kind.setdefault(e.kind, []).append(e)
    for mn in found:
        if mn.names or mn.kind in dated_kinds or len(by_kind.get(mn.kind, ())) != 1:
            continue
        (ev,) = by_kind[mn.kind]
        if not _clash(read, ev.first, mn):
            ev.mentions.append(mn)
    for e in events:
        e.mentions.sort(key=lambda m: m.start)
    return events


__all__ = ["LooseEvent", "LooseMention", "group", "names_model", "object_names", "undated_mentions"]
