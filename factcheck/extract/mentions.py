"""Event triggers in the text: the ``Mention``, how the reader finds them, and how two are compared.

A mention keeps what the words around its trigger say (who, where, "those", "the next", a
date or ordinal right before it); the parse and the relation rules add to it later.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from factcheck.dates.tagger import TimexMatch
from factcheck.extract.arguments import Arguments
from factcheck.extract.modality import UNASSERTED
from factcheck.extract.rules import CompiledPack

# "those talks", "the previous round", "last year's final": an earlier event of the kind than the article's
_EARLIER = re.compile(
    r"\b(?:those|that|the\s+(?:previous|earlier|prior|last)|last\s+(?:year|season|month|week)['’]s)"
    r"\s+(?:[\w-]+\s+){0,2}$",
    re.I,
)
_LATER = re.compile(r"\b(?:the\s+)?(?:next|following|upcoming|another)\s+(?:[\w-]+\s+){0,2}$", re.I)
_DEFINITE = re.compile(
    r"\b(?:the|this|that|these|those|its|their)\s+(?:[\w-]+\s+){0,2}$|[’']s\s+(?:[\w-]+\s+){0,1}$", re.I
)


_APPOSITION = re.compile(r"(?:[—–]|\s-|,)\s*(?:the|a|its|their)\s+(?:[\w-]+\s+){0,3}$")
# "meetings with British Prime Minister Tony Blair": the capitalized run after "with".
_COUNTERPART = re.compile(r"\s+with\s+((?:[A-Z][\w.'’-]*\s+){0,5}[A-Z][\w'’-]+)")
_ROLE = re.compile(
    r"(?:Minister|President|Secretary|Chancellor|Premier|Leader|Officials?|Envoy|Ambassador|"
    r"Delegation|Government|Administration|Council|Party|Ministry|Office|Forces|Army)$"
)
_ANAPHORIC = re.compile(r"\s*(?:It|This|That)\s+(?:was|is|marked|will\s+be|would\s+be)\b")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@dataclass
class Mention:
    """An event trigger in the text."""

    index: int
    kind: str
    start: int
    end: int
    tense: str | None
    sentence: tuple[int, int]
    participants: tuple[str, ...] = ()
    location: str | None = None
    key: str = ""  # the event it resolves to
    earlier: bool = False  # "those talks", "the previous round": an earlier event of the series
    later: bool = False  # "the next round": a later event of the series
    definite: bool = False  # "the attack", "this operation"
    dated: bool = False  # "the 1996 Olympic bombing": a date (and maybe a word) right before the trigger
    counterpart: str = ""  # "with Tony Blair": a named person met, who is no known party
    modality: str = "asserted"  # or planned, reported; hypothetical, conditional, negated state nothing
    args: Arguments | None = None  # agents, participants, theme and place from the parse
    noun: bool = False  # an event noun ("the filing"), not a verb
    ordinal: int = 0  # "the third round": its place in the series, where the text says it right before
    office: str = ""  # "the presidential runoff": the office a contest fills, where the text says it right before
    same_as: int = -1  # "a quake struck": the index of the noun mention whose event this verb tells
    # An open-domain mention's timing against another ("six days after the quake") and the day it is put off to
    offsets: list[tuple[str, TimexMatch, Mention]] = field(default_factory=list)
    until: list[tuple[TimexMatch, Mention]] = field(default_factory=list)
    # Table mentions an adjunct participle sets at once with it ("won on Sunday, beating X in the final"): its day
    during: list[Mention] = field(default_factory=list)
    # A proceeding's person as its clause tells it ("X was acquitted at the trial"); "his trial": a pronoun for one
    person: str = ""
    person_pronoun: bool = False

    @property
    def asserted(self) -> bool:
        """Whether the text says it happened (or will): not hypothetical, conditional or negated."""
        return self.modality not in UNASSERTED


class MentionFinder:
    """The article reader's part that finds event triggers in sentences and reads the words around them.

    It reads the pack (alias tables, triggers, ordinals) and the ordinal pattern that ``ArticleReader`` sets.
    """

    pack: CompiledPack
    _ordinal_before: re.Pattern[str]

    def _mentions(
        self, text: str, sentences: list[tuple[int, int]], boiler: Any, timex_ends: tuple[int, ...] = ()
    ) -> list[Mention]:
        out: list[Mention] = []
        sorted_ends = sorted(timex_ends)
        rx = self.pack.trigger_rx
        if rx is None:
            return out
        found = [(sent, m, *self.pack.kinds[next(i for i, v in enumerate(m.groupdict().values()) if v is not None)])
                 for sent in sentences for m in rx.finditer(text[sent[0] : sent[1]])]  # fmt: skip
        context = [(sent[0] + m.start(), kind) for sent, m, kind, _ in found
                   if not self.pack.pack.events[kind].kind_of]  # fmt: skip
        party_cache: dict[tuple[int, int], tuple[str, ...]] = {}
        for sent, m, kind, tense in found:
            s_text = text[sent[0] : sent[1]]
            if sent not in party_cache:
                party_cache[sent] = self._parties(s_text)
            parties = party_cache[sent]
            a, b = sent[0] + m.start(), sent[0] + m.end()
            if self.pack.pack.events[kind].kind_of:
                kind = _kind_in_context(self.pack.pack.events[kind].kind_of, context, a)
                if not kind:
                    continue  # "a round of applause" in an article on no talks, election or match
            # Who acts: the parties named just before the trigger, else those of the sentence.
            who = self._agent(text[max(sent[0], a - 90) : a]) or parties
            if self.pack.pack.events[kind].contest:
                who = ()  # candidates run in an election; the place that holds it is its place, not a party
            where = None
            if self.pack.pack.events[kind].located:
                # The place named right after the trigger ("met in Saudi Arabia"), else right before it.
                after = text[b : min(sent[1], b + 100)]
                where = self._location(after) or self._location(text[max(sent[0], a - 40) : a])
            if where is None and self.pack.pack.events[kind].located:
                if _APPOSITION.search(text[max(sent[0], a - 40) : a]):
                    # "met in Saudi Arabia on Feb. 18 — the first high-level meeting": the same meeting.
                    where = next((p.location for p in reversed(out) if p.kind == kind), None)
                elif _ANAPHORIC.match(s_text):
                    # "It was the first high-level meeting ...": the meeting of the sentence before.
                    where = next((p.location for p in reversed(out) if p.kind == kind and p.sentence != sent), None)
            mn = Mention(len(out), kind, a, b, tense, sent, who, where)
            before = text[max(sent[0], a - 30) : a]
            mn.earlier = bool(_EARLIER.search(before))
            mn.later = bool(_LATER.search(before))
            mn.definite = bool(_DEFINITE.search(before))
            mn.dated = _ends_within(sorted_ends, a - 12, a)
            mn.counterpart = self._counterpart(text[b : min(sent[1], b + 80)])
            ordinal = self._ordinal_before.search(before)
            if ordinal and re.match(r"(?:rounds?|sessions?)\b", text[a:b], re.I):
                mn.ordinal = self.pack.pack.ordinals.get(ordinal.group(1).lower(), 0)
            mn.ordinal = mn.ordinal or self.pack.pack.events[kind].round  # "a runoff": its election's second round
            if (office := self.pack.office_rx.get(kind)) and (said := office.search(before)):
                mn.office = said.group(1).lower()
            out.append(mn)
        return out

    def _counterpart(self, after: str) -> str:
        """A person named right after the trigger ("with ... Tony Blair") whom the rules do not know.

        A known party ("with Ukraine", "with the Kremlin's envoy") resolves to a party and is
        left to the participant comparison; an unknown full name sets the meeting apart.
        """
        m = _COUNTERPART.match(after)
        if not m:
            return ""
        words = m.group(1).split()
        name = " ".join(words[-2:])
        if len(words) < 2 or _ROLE.search(name) or self._parties(name) or self._location(name):
            return ""
        return name

    def _agent(self, before: str) -> tuple[str, ...]:
        """Who acts: the parties named in the clause before a verb ("..., while Ukraine's team ... flew in")."""
        cut = max((m.end() for m in re.finditer(r"\b(?:while|whereas|but|and then)\b|;", before)), default=0)
        return self._parties(before[cut:])

    def _parties(self, s: str) -> tuple[str, ...]:
        return tuple(sorted(self.pack.entity_rx.names_in(s) | self.pack.people_rx.names_in(s)))

    def _location(self, s: str) -> str | None:
        return self.pack.location_rx.first_in(s)


def _kind_in_context(kinds: list[str], context: list[tuple[int, str]], pos: int) -> str:
    """The kind a trigger of no kind of its own takes: of ``kinds``, the one the article names most.

    ``context`` holds (offset, kind) of the article's other triggers.  On a tie the kind
    named nearest before ``pos`` wins, then the nearest after; "" when none is named.
    """
    counts = Counter(k for _, k in context if k in kinds)
    if not counts:
        return ""
    top = max(counts.values())
    best = {k for k, c in counts.items() if c == top}
    before = [k for at, k in context if at < pos and k in best]
    after = [k for at, k in context if at >= pos and k in best]
    return before[-1] if before else after[0]


def _ends_within(ends: list[int], lo: int, hi: int) -> bool:
    """Whether any of the sorted ``ends`` lies in ``[lo, hi]``."""
    i = bisect.bisect_left(ends, lo)
    return i < len(ends) and ends[i] <= hi


def _same_arguments(a: Mention, b: Mention) -> bool:
    """Two mentions act on one object, or (where either names none) by the same agents."""
    ta, tb = (a.args.theme if a.args else ""), (b.args.theme if b.args else "")
    if ta and tb:
        return ta.lower() == tb.lower()
    agents_a, agents_b = set(a.args.agents if a.args else ()), set(b.args.agents if b.args else ())
    return bool(agents_a & agents_b)


def _arguments_clash(a: Arguments | None, b: Arguments) -> bool:
    """Two mentions' arguments tell their events apart: another named object, other agents, another place."""
    if a is None:
        return False
    na, nb = _names(a.theme), _names(b.theme)
    if na and nb and na != nb:
        return True
    if a.agents and b.agents and not set(a.agents) & set(b.agents):
        return True
    return bool(a.place and b.place and a.place != b.place)


def _names(phrase: str) -> frozenset[str]:
    """The name words of a phrase ("A380 superjumbo" → "a380"): what makes an object one."""
    return frozenset(w.lower() for w in re.findall(r"[\w.'’-]+", phrase) if any(c.isdigit() or c.isupper() for c in w))
