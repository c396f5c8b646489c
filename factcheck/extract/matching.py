"""Relation rules over a sentence: the sentence marked with its dates and triggers, the rules' matches.

Each temporal expression in the marked sentence reads ``«T3:DATE»`` and each trigger
``«E2:talks»`` (:mod:`.rules`); a match names the mentions and dates its slots hold, and
the span of the text it covers.  A trigger told in the past or future dates its event too.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import Any

from factcheck.dates.deadline import left as budget
from factcheck.dates.tagger import TimexMatch
from factcheck.extract import nlp
from factcheck.extract.attachment import dates_other_event, names_own_day, told_as
from factcheck.extract.mentions import Mention
from factcheck.extract.produce import _State
from factcheck.extract.rules import CompiledPack, RelationRule

_NEGATED = re.compile(r"\b(?:not|never|n't)\s+$", re.I)


class RelationMatcher:
    """The article reader's part that runs the relation rules over sentences; it reads the pack."""

    pack: CompiledPack

    def _matches(
        self,
        st: _State,
        sent: tuple[int, int],
        timexes: list[TimexMatch],
        mentions: list[Mention],
        parsed: nlp.Sentence | None = None,
    ) -> list[tuple[RelationRule, re.Match[str], dict[str, Any], tuple[int, int], Mention | None]]:
        """Every relation match of a sentence, in the order they apply; what each says of identity is noted.

        With the sentence's parse, a date the parse hangs on another event's verb is not the
        matched trigger's (``attachment.dates_other_event``), and a weekday whose tense the
        date reader left open takes the tense the trigger's clause is told in.
        """
        text = st.text
        items: list[tuple[int, int, str, Any]] = []
        for i, t in enumerate(timexes):
            items.append((t.start, t.end, f"«T{i}:{t.type}»", t))
        # Which characters of the sentence a date or an earlier mention already holds: a mention
        # overlapping one is left unmarked (a set of offsets keeps a long sentence linear).
        held = {k for t in timexes for k in range(t.start, t.end)}
        for mn in mentions:
            if held.isdisjoint(range(mn.start, mn.end)):
                items.append((mn.start, mn.end, f"«E{mn.index}:{mn.kind}»", mn))
                held.update(range(mn.start, mn.end))
        items.sort(key=lambda x: x[0])
        marked: list[str] = []
        segs: list[tuple[int, int, int, int, bool]] = []  # marked start/end, text start/end, is a token
        pos, cur = sent[0], 0
        for a, b, tok, _ in items:
            segs.append((cur, cur + a - pos, pos, a, False))
            marked.append(text[pos:a])
            cur += a - pos
            segs.append((cur, cur + len(tok), a, b, True))
            marked.append(tok)
            cur += len(tok)
            pos = b
        segs.append((cur, cur + sent[1] - pos, pos, sent[1], False))
        marked.append(text[pos : sent[1]])
        s = "".join(marked)
        lookup = {tok: obj for _, _, tok, obj in items}

        seg_ends = [me for _, me, _, _, _ in segs]

        def to_text(p: int) -> int:
            # The segments tile the marked text in order, so the first one that holds ``p`` is the
            # first whose end is not before it.
            k = bisect.bisect_left(seg_ends, p)
            if k < len(segs) and segs[k][0] <= p:
                ms, _, ts, te, token = segs[k]
                if token:
                    return ts if p == ms else te
                return ts + (p - ms)
            return sent[1]

        speech = None
        out = []
        # Rules that set a mention apart as an earlier event run first, so others see it so.
        ordered = sorted(self.pack.relations, key=lambda r: r[0].produce not in ("last_met", "statement"))
        for rule, rx in ordered:
            for m in rx.finditer(s, timeout=budget()):
                got = {k: lookup.get(v) for k, v in m.groupdict().items() if v and v.startswith("«")}
                if parsed is not None and rule.produce == "on" and not self._dates_trigger(parsed, got):
                    continue
                span = (to_text(m.start()), to_text(m.end()))
                if rule.produce == "statement":
                    speech = got.get("event")
                st.note(rule, got)
                out.append((rule, m, got, span, speech))
        return out

    def _dates_trigger(self, parsed: nlp.Sentence, got: dict[str, Any]) -> bool:
        """Whether an "on" match's date is its trigger's by the parse; an open weekday tense is read off the clause."""
        ev, t = got.get("event"), got.get("timex")
        if not isinstance(ev, Mention) or not isinstance(t, TimexMatch):
            return True
        shifting = frozenset(v.lower() for v in self.pack.pack.shifting_verbs)
        if dates_other_event(parsed, (ev.start, ev.end), (t.start, t.end), shifting):
            return False
        rel = dict(t.relative)
        tok = parsed.token_at(ev.end - 1)
        if rel.get("expression") == "weekday" and names_own_day(parsed, (ev.start, ev.end), (t.start, t.end)):
            rel["tense"] = "unknown"
            got["timex"] = replace(t, relative=tuple(rel.items()), tense="unknown")
        elif rel.get("expression") == "weekday" and rel.get("tense", t.tense) == "unknown" and tok is not None:
            told = told_as(parsed, tok)
            if told in ("past", "future"):
                rel["tense"] = told
                got["timex"] = replace(t, relative=tuple(rel.items()), tense="past" if told == "past" else "future")
        return True

    def _tenses(self, st: _State, sent: tuple[int, int], mentions: list[Mention]) -> None:
        """A trigger told in the past or future tense dates its event relative to the report."""
        text = st.text
        for mn in mentions:
            negated = _NEGATED.search(text[max(sent[0], mn.start - 12) : mn.start])
            told = mn.tense in ("past", "future") and mn.kind != "statement"
            if told and mn.asserted and not st.is_headline(mn.start) and not negated:
                st.tense_fact(mn, str(mn.tense), (mn.start, mn.end), "trigger-tense")
