"""Which event each mention names, within one article: the per-article state that decides identity.

Mentions of one kind are one main event unless evidence sets one apart (another place,
another ordinal, another tense, a day of its own, other parties); a definite mention of a
kind told by its head noun is the latest earlier one with that head.  The events are made
on first need, with their series, and kept with the facts found so far.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from typing import Any

from factcheck.dates.tagger import TimexMatch
from factcheck.extract.contests import contest_kinds, is_earlier, mark, share_place
from factcheck.extract.extraction import Extraction
from factcheck.extract.mentions import Mention, _slug
from factcheck.extract.nlp import Sentence
from factcheck.extract.rules import CompiledPack, RelationRule
from factcheck.extract.topics import SERIES_KINDS, series_topics

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DATED_NAME = re.compile(r"\b(?:the|this|that|last|its|their)\s+(.+?)\s*$", re.I)


def _phrase(trigger: str) -> str:
    """A trigger's wording, case and plural aside ("Drone attacks" and "drone attack" are one)."""
    words = trigger.lower().split()
    return " ".join([*words[:-1], words[-1].rstrip("s")]) if words else ""


def _union(spans: tuple[tuple[int, int], ...]) -> tuple[list[int], list[int]]:
    """The starts and ends of the disjoint runs that the half-open spans cover, in order."""
    starts: list[int] = []
    ends: list[int] = []
    for a, b in sorted(s for s in spans if s[0] < s[1]):
        if starts and a <= ends[-1]:
            ends[-1] = max(ends[-1], b)
        else:
            starts.append(a)
            ends.append(b)
    return starts, ends


class _Identity:
    """Events and facts of one article, and which event each mention names.

    The facts are kept here too: naming an event can state one ("the next round" comes after
    the article's own), and the relations' facts are built on this (``produce._State``).
    """

    def __init__(self, ex: Extraction, text: str, doc: str, pack: CompiledPack, mentions: list[Mention],
                 headlines: tuple[tuple[int, int], ...],
                 parsed: Mapping[tuple[int, int], Sentence] | None = None) -> None:  # fmt: skip
        self.ex, self.text, self.doc, self.pack = ex, text, doc, pack
        self.mentions = mentions
        self.headlines = headlines
        self._headline_runs = _union(headlines)
        self.previous: set[int] = {m.index for m in mentions if m.earlier}  # mentions of an earlier event
        self.times: dict[int, set[str]] = {}  # the explicit days relation rules give each mention
        self.apart: dict[int, str] = {}  # mentions of another event on another day, and its key
        self.referred_back: set[int] = set()  # "last met on ...": mentions of an earlier event
        self.events: dict[str, dict[str, Any]] = {}
        self.facts: dict[str, dict[str, Any]] = {}
        self.main_location: dict[str, str | None] = {}
        self.statements = 0
        self._first_pair: dict[str, tuple[str, ...] | None] = {}
        # Per kind, the tense of the article's own event: its first past or future mention outside the headlines.
        self._tense: dict[str, str] = {}
        for mn in mentions:
            if mn.tense in ("past", "future") and not mn.earlier and not self.is_headline(mn.start):
                self._tense.setdefault(mn.kind, mn.tense)
        self.dated: list[tuple[Mention, TimexMatch, str]] = []  # open-domain mentions, their dates and events
        first_ordinal: dict[str, int] = {}
        for mn in mentions:
            if mn.ordinal and not mn.earlier:
                first_ordinal.setdefault(mn.kind, mn.ordinal)
        for mn in mentions:
            if mn.ordinal and mn.ordinal != first_ordinal.get(mn.kind, mn.ordinal):
                continue  # "the third round ... The second round in Jakarta": another round's place
            if mn.kind != "statement" and mn.location and not mn.earlier and mn.kind not in self.main_location:
                self.main_location[mn.kind] = mn.location
        self.contests = contest_kinds(pack)
        share_place(mentions, self.contests, self.main_location)
        self._parsed = parsed or {}
        self.topics = self._topics(self._parsed)

    def is_headline(self, pos: int) -> bool:
        # A bisection over the headlines' union: a long article has many, and this is asked per mention.
        runs = self._headline_runs
        i = bisect.bisect_right(runs[0], pos) - 1
        return i >= 0 and pos < runs[1][i]

    def note(self, rule: RelationRule, got: dict[str, Any]) -> None:
        """The explicit day or date a relation gives a mention ("met on Nov. 15", "Thursday's talks")."""
        ev, t = got.get("event"), got.get("timex")
        if not isinstance(ev, Mention) or not isinstance(t, TimexMatch):
            return
        if rule.produce in ("last_met", "ordinal_previous"):
            self.referred_back.add(ev.index)
        if rule.produce != "on" or t.type != "DATE":
            return
        rel = dict(t.relative)
        if rel.get("expression") == "weekday":
            self.times.setdefault(ev.index, set()).add(f"weekday:{rel.get('value')}")
        elif rel.get("expression") == "shift" and int(str(rel.get("amount", 0))) != 0:
            # "five years ago", "last year's final": a day other than the report's
            self.times.setdefault(ev.index, set()).add(f"shift:{rel.get('unit')}:{rel.get('amount')}")
        elif re.fullmatch(r"(?:\d{4}|XXXX)(?:-\d\d){0,2}", t.symbolic) and any(ch.isdigit() for ch in t.symbolic):
            self.times.setdefault(ev.index, set()).add(t.symbolic)

    def resolve_in_text_order(self, found: list[list[Any]]) -> None:
        """Name the events of head-resolved kinds in the order the text mentions them, not the order rules fire.

        "Sunday's election ... a runoff on Oct. 25": the election is the article's first, the runoff another.
        """
        used = {x.index for matches in found for _, _, got, _, _ in matches for x in got.values()
                if isinstance(x, Mention)}  # fmt: skip
        for mn in self.mentions:
            spec = self.pack.pack.events.get(mn.kind)
            if (mn.index in used and mn.kind != "statement" and spec is not None and spec.corefer == "head"
                    and not spec.per_agent
                    and mn.asserted and not (mn.earlier or mn.later or mn.index in self.referred_back)
                    and mn.index not in self.previous):  # fmt: skip
                self.event_for(mn)

    def set_apart_by_date(self) -> None:
        """Mentions of one kind that name other days than the article's event, with nothing tying them to it.

        "Meeting on Nov. 15 ... Meeting on Nov. 18", "meet Friday ... Thursday's talks": two
        meetings, not one with two dates.  A reference back ("the talks on Friday") is evidence
        that it is the same event, and stays with it, so a clash there is still a contradiction.
        """
        first: dict[str, set[str]] = {}
        for mn in self.mentions:
            spec = self.pack.pack.events.get(mn.kind)
            times = self.times.get(mn.index)
            earlier = mn.earlier or mn.index in self.referred_back
            if spec is None or spec.corefer != "article" or spec.per_agent or not times or earlier or mn.later:
                continue
            main_loc = self.main_location.get(mn.kind)
            if mn.location and main_loc and mn.location != main_loc:
                continue  # an event elsewhere is apart already
            if mn.ordinal and mn.ordinal != self._main_ordinal(mn.kind) and not self.is_headline(mn.start):
                continue  # another round is apart already
            main = first.setdefault(mn.kind, times)
            if main is not times and not times & main:
                self.apart[mn.index] = f"{self.doc}:{mn.kind}-on-" + _slug(sorted(times)[0].replace("weekday:", ""))

    def _topics(self, parsed: Mapping[tuple[int, int], Sentence]) -> dict[str, str]:
        """Per series kind, what the article's own events of it are about (:mod:`.topics`).

        Mentions of an earlier, later or elsewhere event of the kind are not read: they may be another series'.
        """
        main = [mn for mn in self.mentions if mn.kind in SERIES_KINDS and not (mn.earlier or mn.later)
                and (not mn.location or mn.location == self.main_location.get(mn.kind, mn.location))
                and (mn.tense not in ("past", "future") or self._tense.get(mn.kind) in (None, mn.tense)
                     or self.is_headline(mn.start))]  # fmt: skip
        return series_topics(self.text, main, parsed, self.pack.topic_rx, self._names_kind)

    def _names_kind(self, wording: str, kind: str) -> bool:
        """Whether a wording is a whole trigger of a kind ("talks", "swap")."""
        rx = self.pack.trigger_rx
        m = rx.fullmatch(wording) if rx is not None else None
        if m is None:
            return False
        group = next(i for i, v in enumerate(m.groupdict().values()) if v is not None)
        return self.pack.kinds[group][0] == kind

    # -------------------------------------------------------------- events
    def event_for(self, mn: Mention, previous: bool = False) -> str:
        """The key of the event a mention names, the event made on first need; ``previous``: an earlier one."""
        if mn.same_as >= 0:
            mn.key = self.event_for(self.mentions[mn.same_as], previous)
            return mn.key
        kind = mn.kind
        if kind == "statement":
            if not mn.key:
                self.statements += 1
                mn.key = f"{self.doc}:statement-{self.statements}"
                self._event(mn.key, "statement", mn.participants, None, None, f"statement ({self.quote(mn)})")
            return mn.key
        spec = self.pack.pack.events[kind]
        role = "main"
        if previous or mn.index in self.previous:
            self.previous.add(mn.index)
            key, role = f"{self.doc}:{kind}-previous", "previous"
        elif mn.later:
            # "the next round": after the article's event; kept out of the series, whose
            # ordinals count the rounds before it.
            key = f"{self.doc}:{kind}-next"
            if key not in self.events:
                main = self._main(kind)
                self._event(
                    key, kind, self._participants(kind, mn), None, None, f"next {kind} ({self.quote(mn)})", "next"
                )
                self.add("rel-next", (mn.start, mn.end), {"kind": "order", "subject": key, "relation": "after",
                                                          "anchor": main}, 0.8)  # fmt: skip
            mn.key = key
            return key
        elif spec.corefer == "head" and not spec.per_agent:
            key = self._head_event(mn)
            if kind in self.contests and is_earlier(self.times.get(mn.index)):
                role = "previous"  # "the 2019 vote": not the one the article reports
        elif self.pack.pack.events[kind].per_agent and mn.participants:
            key = f"{self.doc}:{kind}-" + "_".join(_slug(p) for p in mn.participants)
        else:
            return self._story_event(mn, kind)
        return self._named(mn, kind, key, role)

    def _story_event(self, mn: Mention, kind: str) -> str:
        """A mention of a kind resolved per article: the article's own event, unless evidence sets it apart.

        Another round, another place, another tense than the article's, a month or year of its own,
        someone met the main event lacks, other parties, another day: each is another event of the kind.
        """
        role = "main"
        main_loc = self.main_location.get(kind)
        main_tense = self._tense.get(kind)
        main_parts = set(self._participants(kind, mn))
        own = set(mn.participants)
        main_ordinal = self._main_ordinal(kind)
        if mn.ordinal and main_ordinal and mn.ordinal != main_ordinal and not self.is_headline(mn.start):
            # "a third round ... The first round, held in January": another round of the article's series.
            return self._round(mn, main_ordinal)
        if mn.location and main_loc and mn.location != main_loc:
            key, role = f"{self.doc}:{kind}#{_slug(mn.location)}", "elsewhere"
        elif mn.tense in ("past", "future") and main_tense not in (None, mn.tense) and not self.is_headline(mn.start):
            # "met Monday ... will meet Bush on Thursday": a past and a future meeting are two.
            key = f"{self.doc}:{kind}-{mn.tense}"
        elif mn.definite and (named := self._date_named(mn)) and not self.is_headline(mn.start):
            # "After the May talks, ...": a meeting named by its own month or year may be this one
            # or an earlier one; it keeps its date apart, outside the series (whose ordinals it would
            # skew).  "Monday's talks" is the article's own meeting, and stays with it.
            key = f"{self.doc}:{kind}-" + _slug(named)
            mn.key = key
            self._event(key, kind, self._participants(kind, mn), mn.location, None, f"{kind} ({self.quote(mn)})")
            return key
        elif mn.counterpart and not any(m.counterpart == mn.counterpart for m in self.mentions
                                        if m.kind == kind and m.key == f"{self.doc}:{kind}"):  # fmt: skip
            # "meetings with Tony Blair 10 days ago": a meeting with someone the main event lacks.
            key = f"{self.doc}:{kind}-with-{_slug(mn.counterpart)}"
        elif own and main_parts and not (own <= main_parts or main_parts <= own):
            # Other parties ("meetings with Tony Blair"): another meeting.
            key = f"{self.doc}:{kind}-" + "_".join(_slug(p) for p in sorted(own))
        elif mn.index in self.apart:
            key = self.apart[mn.index]  # another event of the kind, on another day
        else:
            key = f"{self.doc}:{kind}"
        return self._named(mn, kind, key, role)

    def _named(self, mn: Mention, kind: str, key: str, role: str) -> str:
        """The mention resolved to ``key``: its event made (once) with the place and parties its role gives."""
        mn.key = key
        loc = mn.location if role in ("elsewhere", "previous") else self.main_location.get(kind)
        if kind in self.contests and mn.location:
            loc = mn.location  # "the U.S. election" in an article on another country's: held where it says
        parts = mn.participants if self.pack.pack.events[kind].per_agent else self._participants(kind, mn)
        self._event(key, kind, parts, loc, self._series(kind, mn), f"{kind} ({self.quote(mn)})", role)
        if kind in self.contests:
            mark(self.events[key], mn)
        return key

    def _main_ordinal(self, kind: str) -> int:
        """The place in its series of the article's own event of a kind: the first ordinal its story gives a mention.

        A headline names the article's own event, so its ordinal is that event's too and a
        different one in the story is a contradiction, not another round: it is not counted here.
        """
        return next((m.ordinal for m in self.mentions if m.kind == kind and m.ordinal and not m.earlier
                     and m.index not in self.previous and not self.is_headline(m.start)), 0)  # fmt: skip

    def _round(self, mn: Mention, main_ordinal: int) -> str:
        """Another round of the series than the article's own (another ordinal): an event of its own in the series."""
        kind = mn.kind
        key = f"{self.doc}:{kind}-round-{mn.ordinal}"
        mn.key = key
        main = next(m for m in self.mentions if m.kind == kind and m.ordinal == main_ordinal
                    and not self.is_headline(m.start))  # fmt: skip
        role = "previous" if mn.ordinal < main_ordinal else "next"
        self._event(key, kind, self._participants(kind, mn), mn.location, self._series(kind, main),
                    f"{kind} ({self.quote(mn)})", role)  # fmt: skip
        return key

    def _date_named(self, mn: Mention) -> str:
        """The month or year a definite mention is named by ("the May talks", "the 2022 talks"), if any."""
        if not mn.dated:
            return ""
        named = _DATED_NAME.search(self.text[max(mn.sentence[0], mn.start - 30) : mn.start])
        name = named.group(1) if named else ""
        if not name or name.endswith(("'s", "’s")) or any(d in name for d in _WEEKDAYS):
            return ""
        return name

    def _head_event(self, mn: Mention) -> str:
        """A definite mention is the latest earlier mention with the same head noun; any other, a new event.

        A mention with a date of its own before it ("the January 1998 bombing") is new too.
        """
        if mn.key:
            return mn.key  # resolved once, in text order
        head = self.quote(mn).lower().split()[-1].rstrip("s")
        phrase = _phrase(self.quote(mn))
        if mn.definite and not mn.dated:
            for other in reversed(self.mentions[: mn.index]):
                if other.kind == mn.kind and other.key and self.quote(other).lower().split()[-1].rstrip("s") == head:
                    if mn.ordinal and other.ordinal and mn.ordinal != other.ordinal:
                        continue  # "the first round ... the second round": two rounds
                    if self._other_day(mn, other):
                        break  # "the final on Sunday" after "last year's final": another final
                    return other.key
        elif " " in phrase and not mn.dated:
            # The same specific wording by the same party ("Ukraine launched a drone attack ... a
            # large-scale drone attack on Sunday"): a story restating its event, not a new one.
            for other in reversed(self.mentions[: mn.index]):
                if (other.kind == mn.kind and other.key and not other.dated and _phrase(self.quote(other)) == phrase
                        and other.participants == mn.participants and other.location == mn.location):  # fmt: skip
                    return other.key
        base = f"{self.doc}:{mn.kind}"
        n = sum(1 for m in self.mentions[: mn.index] if m.kind == mn.kind and m.key and m.key != base)
        used = {m.key for m in self.mentions[: mn.index] if m.key}
        return base if base not in used else f"{base}-{n + 2}"

    def _other_day(self, mn: Mention, other: Mention) -> bool:
        """Both mentions name an explicit day, and not the same one."""
        a, b = self.times.get(mn.index), self.times.get(other.index)
        return bool(a and b and not a & b)

    def quote(self, mn: Mention) -> str:
        return self.text[mn.start : mn.end]

    def _participants(self, kind: str, mn: Mention) -> tuple[str, ...]:
        if kind not in self._first_pair:  # the first mention of the kind naming two parties or more
            same = next((m for m in self.mentions if m.kind == kind and len(m.participants) >= 2), None)
            self._first_pair[kind] = same.participants if same else None
        if len(mn.participants) >= 2 and self.pack.pack.events[kind].corefer == "head":
            return mn.participants  # "A beat B in the semifinal": a mention of its own event names its own parties
        return self._first_pair[kind] or mn.participants

    def _series(self, kind: str, mn: Mention) -> str | None:
        if kind not in SERIES_KINDS:
            return None
        parts = "+".join(_slug(p) for p in self._participants(kind, mn)) or "unknown"
        main_loc = self.main_location.get(kind)
        elsewhere = bool(mn.location and main_loc and mn.location != main_loc and mn.index not in self.previous)
        topic = self.topics.get(kind)
        if mn.key not in ("", f"{self.doc}:{kind}") and not (elsewhere or mn.earlier or mn.index in self.previous):
            # Another meeting than the article's own (another day or tense) that says what it is about
            # is of the series of that theme: "met in May to discuss X" in an article on talks on Y.
            own = series_topics(self.text, [mn], self._parsed, self.pack.topic_rx, self._names_kind).get(kind)
            topic = own or topic
        key = f"{parts}:{kind}" + (f":{topic}" if topic else "")
        if elsewhere and mn.location:
            key += f"#{_slug(mn.location)}"  # met elsewhere: another series than the article's
        return key

    def _event(self, key: str, kind: str, parts: tuple[str, ...], loc: str | None, series: str | None,
               label: str, role: str = "main") -> None:  # fmt: skip
        """A new event (none if ``key`` has one); ``role``: the article's own, or an earlier, later or elsewhere one."""
        if key in self.events:
            return
        ev: dict[str, Any] = {"id": key, "label": label, "kind": kind}
        if role != "main":
            ev["arguments"] = {"role": role}  # the linker's, never the fact set's
        if parts:
            ev["participants"] = list(parts)
        if loc:
            ev["location"] = loc
        if series:
            ev["series"] = series
        self.events[key] = ev

    def _main(self, kind: str) -> str:
        key = f"{self.doc}:{kind}"
        if key not in self.events:
            mn = next((m for m in self.mentions if m.kind == kind and m.index not in self.previous), None)
            parts = self._participants(kind, mn) if mn else ()
            self._event(key, kind, parts, self.main_location.get(kind), self._series(kind, mn) if mn else None,
                        f"{kind} reported by the article")  # fmt: skip
        return key

    def _previous(self, mn: Mention) -> str:
        key = f"{self.doc}:{mn.kind}-previous"
        self._event(key, mn.kind, self._participants(mn.kind, mn), self.main_location.get(mn.kind),
                    self._series(mn.kind, mn), f"earlier {mn.kind} of the same series", "previous")  # fmt: skip
        return key

    # -------------------------------------------------------------- facts
    def add(self, rule: str, span: tuple[int, int], body: dict[str, Any], weight: float = 0.9) -> None:
        a, b = span
        fid = f"{self.doc}-{rule}-{a}-{len(self.facts)}"
        sig = repr(sorted((k, str(v)) for k, v in body.items()))
        if sig in self.facts:
            return
        self.facts[sig] = {"id": fid, **body, "doc": self.doc, "span": [a, b], "quote": self.text[a:b], "by": rule,
                           "weight": weight}  # fmt: skip
