"""The facts one article states, built from what matched: relation rules, and dates the parse hangs on verbs.

Each fact is a plain dict as a fact set writes it, with its quote, span, rule id and
weight; the events it names are the identity state's (:mod:`.identity`).
"""

from __future__ import annotations

import functools
import re
from typing import Any

from factcheck.calendar import CalendarError, CalendarValue, parse_duration, parse_value
from factcheck.dates.tagger import TimexMatch
from factcheck.extract.event_words import mark_event_words
from factcheck.extract.identity import _Identity
from factcheck.extract.mentions import Mention, _arguments_clash, _same_arguments, _slug
from factcheck.extract.rules import RelationRule
from factcheck.extract.timexes import _dates_fit, _offset_days, _shift_expression, _tense, _weekday_told
from factcheck.extract.undergone import lend_pronoun_party, lend_undergoer, one_person
from factcheck.model.facts import range_problem
from factcheck.policy import Horizon, load_policy

_DIR = {"after": "after", "later than": "after", "before": "before", "earlier than": "before",
        "came after": "after", "followed": "after", "came before": "before", "preceded": "before"}  # fmt: skip


@functools.cache
def _horizon() -> Horizon:
    """The years the shipped policy's timeline spans."""
    return load_policy().horizon


def _in_order(lo: CalendarValue, hi: CalendarValue) -> bool:
    """Whether a range's first end is not after its last, as far as their known fields tell.

    The ends both have a year or neither has (``range_problem``).  Two ends without a year are in
    order across a year's end too ("Dec. 28 to Jan. 3" runs into the next year), but not within
    one month ("June 5 to 3").
    """
    if lo.year != hi.year:
        return lo.year is not None and hi.year is not None and lo.year < hi.year
    if lo.year is None and lo.month is not None and hi.month is not None and lo.month > hi.month:
        return True
    return (lo.month or 0, lo.day or 0) <= (hi.month or 13, hi.day or 32)


class _State(_Identity):
    """Events and facts of one article as the relations find them."""

    def dated_verb(self, mn: Mention, t: TimexMatch, written: TimexMatch) -> None:
        """An open-domain mention and the date that hangs on it: its event, dated.

        Within the article it is an earlier mention's event only on evidence: the same verb,
        the same object (or the same agents where either names no object), and a compatible
        date.  Otherwise it is an event of its own.  ``t`` is the day the date names, ``written``
        the expression in the text ("today" in a sentence set on June 1).  A written date a
        relation rule already gave to an event is that event's: one date is not two events' days.
        A table trigger (``mn.index`` set) the parse dates is dated where no rule did.
        """
        if mn.index >= 0:
            self._trigger_date(mn, t, written)
            return
        if any(f["span"][0] <= written.start and written.end <= f["span"][1]
               and not str(f.get("subject", "")).startswith("doc:")
               for f in self.facts.values() if f.get("by") != "parse-dated-verb"):  # fmt: skip
            return  # the date already dates an event a rule named ("calling for an election on Feb. 13")
        year = re.match(r"\d{4}", t.symbolic)
        horizon = _horizon()
        if self.is_headline(mn.start) or (year and not horizon.min_year <= int(year.group()) <= horizon.max_year):
            return  # a date the timeline cannot hold ("fought for independence in 1898") is history, not news
        # An event noun names its arguments less often than its verb ("the filing this year"): for
        # it, arguments that do not clash and a compatible date are the evidence.
        key = next((k for other, ot, k in self.dated if other.kind == mn.kind and _dates_fit(ot, t)
                    and (_same_arguments(other, mn)
                         or ((mn.noun or other.noun) and mn.args and not _arguments_clash(other.args, mn.args)))),
                   None)  # fmt: skip
        new = key is None
        if key is None:
            key = self._open_event(mn)
        span = (min(mn.start, t.start), max(mn.end, t.end))
        if not self.time_fact(key, _weekday_told(t, mn.tense), "parse-dated-verb", span, 0.7) and mn.noun:
            if new:  # "the filing this year": a date the timeline cannot say makes no event of a noun
                del self.events[key]
            return
        mn.key = key
        self.dated.append((mn, t, key))
        self.timed(mn, key)
        for other in mn.during:
            if other.asserted:  # "won the cup on Sunday, beating X in the final": the final was on Sunday
                self.time_fact(self.event_for(other), _weekday_told(t, mn.tense), "parse-participle-day", span, 0.7)
        for until, put_off in mn.until:
            # "adjourned the trial until March 16": the trial sits again on March 16, after the adjournment;
            # the quote is the words that say so ("until March 16"), as the adjournment has its own.
            word = re.compile(r"(?:until|till|to)\s+$", re.I).search(self.text, max(0, until.start - 8), until.start)
            at = (word.start() if word else until.start, until.end)
            again = f"{key}-until-{_slug(until.symbolic)}"
            self._event(again, put_off.kind, put_off.participants, put_off.location, None,
                        f"{put_off.kind} ({self.quote(put_off)}, put off to {until.text})", "next")  # fmt: skip
            self.add("parse-until", at, {"kind": "date", "subject": again, "value": until.symbolic}, 0.7)
            self.add("parse-until", at, {"kind": "order", "subject": again, "relation": "after", "anchor": key}, 0.7)

    def _open_event(self, mn: Mention) -> str:
        """A new event for an open-domain mention, its kind the lemma: ``doc:kind``, then ``doc:kind-N``."""
        base = f"{self.doc}:{mn.kind}"
        key = (
            base
            if base not in self.events
            else next(f"{base}-{n}" for n in range(2, len(self.events) + 3) if f"{base}-{n}" not in self.events)
        )
        self._event(key, mn.kind, mn.participants, mn.location, None, f"{mn.kind} ({self.quote(mn)})")
        if mn.args is not None and mn.args.theme:
            self.events[key]["theme"] = mn.args.theme
        return key

    def timed(self, mn: Mention, key: str) -> None:
        """A mention's timing against another event ("six days after the quake", "twelve days after convicting him").

        The other event is a table mention's, or an act no table names told by a gerund: an
        event of its own (its kind the lemma), with no date but its distance from this one.
        """
        for direction, duration, target in mn.offsets:
            days = _offset_days(duration)
            if target.index < 0 and not target.key:
                target.key = self._open_event(target)
            other = self.event_for(target) if target.index >= 0 else target.key
            if days is not None and other != key:
                # The quote is the words that say how far apart they are ("six days after"); a gerund's
                # event has no other quote, so its words are in it too ("ten days after questioning").
                word = re.compile(r"\s*(?:after|before)\b", re.I).match(self.text, duration.end)
                at = (duration.start, target.end if target.index < 0 else word.end() if word else duration.end)
                self.add("parse-offset", at, {"kind": "order", "subject": key, "relation": direction,
                                              "anchor": other, "days": list(days)}, 0.7)  # fmt: skip

    def _trigger_date(self, mn: Mention, t: TimexMatch, written: TimexMatch) -> None:
        """A table trigger dated by the parse where no relation pattern reached ("sentenced ... on Wednesday")."""
        if self.is_headline(mn.start) or any(
            f["span"][0] <= written.start and written.end <= f["span"][1] and f["kind"] in ("date", "relative")
            and f.get("expression") != "tense" for f in self.facts.values()
        ):  # fmt: skip
            return
        span = (min(mn.start, written.start), max(mn.end, written.end))
        self.time_fact(self.event_for(mn), _weekday_told(t, mn.tense), "parse-dated-trigger", span, 0.7)

    def add_mention(self, key: str, start: int, end: int) -> None:
        """One more place the article names an event (no fact: a restatement says nothing of when)."""
        ms = self.events[key].setdefault("mentions", [])
        m = {"doc": self.doc, "start": start, "end": end, "text": self.text[start:end]}
        if m not in ms:
            ms.append(m)
            ms.sort(key=lambda x: (x["start"], x["end"]))

    def time_fact(self, subject: str, t: TimexMatch, rule: str, span: tuple[int, int], weight: float,
                  anchor: str | None = None, past: bool = False) -> bool:  # fmt: skip
        rel = dict(t.relative)
        if rel.get("expression") == "weekday":
            # Reported speech is in the past of the report, whatever the verbs around it say.
            body: dict[str, Any] = {"kind": "relative", "subject": subject, "expression": "weekday",
                                    "value": rel["value"],
                                    "tense": "past" if past else _tense(str(rel.get("tense", t.tense)))}  # fmt: skip
        elif rel.get("expression") == "shift":
            expr = _shift_expression(str(rel["unit"]), int(rel["amount"]))
            if expr is None:
                return False
            body = {"kind": "relative", "subject": subject, **expr}
        else:
            try:
                parse_value(t.symbolic, t.mod if t.mod in ("START", "MID", "END") else None)
            except CalendarError:
                return False
            body = {"kind": "date", "subject": subject, "value": t.symbolic}
            if t.mod in ("START", "MID", "END"):
                body["mod"] = t.mod
            anchor = None
        if anchor is not None:
            body["anchor"] = anchor
        self.add(rule, span, body, weight)
        return True

    def tense_fact(self, mn: Mention, tense: str, span: tuple[int, int], rule: str, weight: float = 0.8) -> None:
        if self.is_headline(mn.start):
            return
        subject = self.event_for(mn)
        self.add(rule, span, {"kind": "relative", "subject": subject, "expression": "tense", "tense": tense}, weight)

    def apply(self, rule: RelationRule, m: re.Match[str], got: dict[str, Any], span: tuple[int, int],
              speech: Mention | None, sent: tuple[int, int]) -> None:  # fmt: skip
        """What a matched relation rule says, as facts: by what it produces, days, orders, places in a series."""
        ev, ev2, t = got.get("event"), got.get("event2"), got.get("timex") or got.get("duration")
        if any(isinstance(x, Mention) and not x.asserted for x in (ev, ev2, speech)):
            return  # "if the talks fail on Monday", "did not meet on Friday": nothing is dated
        if rule.produce in ("statement", "on", "today", "future", "past"):
            self._apply_time(rule, ev, t, span, speech)
        elif rule.produce == "within":
            self._apply_within(rule, ev, got.get("timex"), got.get("timex2"), span)
        elif rule.produce in ("offset", "order"):
            self._apply_order(rule, m, ev, ev2, t, span)
        else:
            self._apply_counted(rule, m, ev, t, span)

    def _apply_time(self, rule: RelationRule, ev: Mention | None, t: TimexMatch | None, span: tuple[int, int],
                    speech: Mention | None) -> None:  # fmt: skip
        """A rule's facts that place one event in time: a statement's day, an event's day, today, its tense."""
        p, w, rid = rule.produce, rule.confidence, rule.id
        if p == "statement" and ev is not None and t is not None:
            key = self.event_for(ev)
            if self.time_fact(key, t, rid, span, w, past=True):
                self.add(rid, span, {"kind": "order", "subject": f"doc:{self.doc}.published", "relation": "not_before",
                                     "anchor": key}, w)  # fmt: skip
        elif p == "on" and ev is not None and t is not None and ev.kind != "statement":
            anchor = speech.key if speech is not None and speech.key and dict(t.relative) else None
            self.time_fact(self.event_for(ev), t, rid, span, w, anchor)
            if anchor is not None:
                # Reported speech: the day is the speaker's, and (as news writes it) the report's too.
                self.time_fact(self.event_for(ev), t, rid, span, w)
        elif p == "today" and ev is not None and ev.kind != "statement" and not self.is_headline(ev.start):
            self.add(rid, span, {"kind": "relative", "subject": self.event_for(ev), "expression": "today"}, w)
        elif p in ("future", "past") and ev is not None and ev.kind != "statement":
            self.tense_fact(ev, p, span, rid, w)

    def _apply_within(self, rule: RelationRule, ev: Mention | None, first: TimexMatch | None, last: TimexMatch | None,
                      span: tuple[int, int]) -> None:  # fmt: skip
        """An event told by the two ends of a range of dates ("talks between May 16 and 18"): on a day of that range.

        Only calendar dates (no weekday or "two days ago", whose day depends on the report's), both
        with a year or both without: a range the two ends do not order gives no fact.
        """
        if ev is None or first is None or last is None or ev.kind == "statement" or first.relative or last.relative:
            return
        try:
            lo = parse_value(first.symbolic)
            hi = parse_value(last.symbolic)
        except CalendarError:
            return
        if range_problem(lo, hi) is not None or not _in_order(lo, hi):
            return
        body = {"kind": "date", "subject": self.event_for(ev), "value": first.symbolic, "until": last.symbolic}
        self.add(rule.id, span, body, rule.confidence)

    def _apply_order(self, rule: RelationRule, m: re.Match[str], ev: Mention | None, ev2: Mention | None,
                     t: TimexMatch | None, span: tuple[int, int]) -> None:  # fmt: skip
        """A rule's facts that order two events ("two days after the summit", "before the vote")."""
        p, w, rid = rule.produce, rule.confidence, rule.id
        if p == "offset" and ev is not None and ev2 is not None and t is not None:
            days = _offset_days(t)
            if days is None or self.event_for(ev) == self.event_for(ev2):
                return
            lo, hi = days
            direction = _DIR.get(re.sub(r"\s+", " ", m.group("dir").lower()), "after")
            self.add(rid, span, {"kind": "order", "subject": self.event_for(ev), "relation": direction,
                                 "anchor": self.event_for(ev2), "days": [lo, hi]}, w)  # fmt: skip
        elif p == "order" and ev is not None and ev2 is not None:
            direction = _DIR.get(re.sub(r"\s+", " ", m.group("dir").lower()), "after")
            a, b = self.event_for(ev), self.event_for(ev2)
            if a != b:
                self.add(rid, span, {"kind": "order", "subject": a, "relation": direction, "anchor": b}, w)

    def _apply_counted(self, rule: RelationRule, m: re.Match[str], ev: Mention | None, t: TimexMatch | None,
                       span: tuple[int, int]) -> None:  # fmt: skip
        """A rule's facts that count: the last one before, the place in a series, the first since, how long so far."""
        p, w, rid = rule.produce, rule.confidence, rule.id
        if p == "last_met" and ev is not None and t is not None:
            prev = self.event_for(ev, previous=True)
            main = self._main(ev.kind)
            self.time_fact(prev, t, rid, span, w)
            self.add(rid, span, {"kind": "last_before", "subject": prev, "anchor": main}, w)
        elif p == "ordinal_previous" and ev is not None:
            n = self.pack.pack.ordinals.get(m.group("ord").lower())
            if n is not None:
                self.add(rid, span, {"kind": "ordinal", "subject": self.event_for(ev, previous=True), "n": n}, w)
        elif p in ("ordinal", "ordinal_since") and ev is not None:
            n = self.pack.pack.ordinals.get(m.group("ord").lower())
            if n is None:
                return
            key = self.event_for(ev)
            self.add(rid, span, {"kind": "ordinal", "subject": key, "n": n}, w)
            if p == "ordinal_since" and t is not None and n >= 2:
                prev = self._previous(ev)
                self.add(rid, span, {"kind": "ordinal", "subject": prev, "n": n - 1}, w)
                self.time_fact(prev, t, rid, span, w)
        elif p == "not_since" and t is not None and re.fullmatch(r"\d{4}(-\d\d)?", t.symbolic):
            kind = "talks"
            subject = f"{self.doc}:{kind}-previous" if f"{self.doc}:{kind}-previous" in self.events else None
            if subject is None:
                subject = self._main(kind)
            self.add(rid, span, {"kind": "first_since", "subject": subject, "since_value": t.symbolic}, w)
        elif p == "first_since" and ev is not None and t is not None and re.fullmatch(r"\d{4}(-\d\d)?", t.symbolic):
            self.add(rid, span, {"kind": "first_since", "subject": self.event_for(ev), "since_value": t.symbolic}, w)
        elif p == "duration_to_now" and ev is not None and t is not None and t.type == "DURATION":
            mod = t.mod if t.mod in ("MORE_THAN", "LESS_THAN", "EQUAL_OR_MORE", "EQUAL_OR_LESS", "APPROX") else "EXACT"
            try:
                parse_duration(t.symbolic)
            except CalendarError:
                return
            body = {"kind": "duration", "subject": self.event_for(ev), "until": f"doc:{self.doc}.published",
                    "length": t.symbolic, "mod": mod}  # fmt: skip
            self.add(rid, span, body, w)

    def _series_for_counted(self) -> None:
        """An event counted in its series ("the first election since 2019") gets a series if its kind has none."""
        for f in self.facts.values():
            if f["kind"] not in ("ordinal", "first_since", "last_before"):
                continue
            ev = self.events.get(f["subject"])
            if ev is None or ev.get("series"):
                continue
            anchor = self.events.get(f.get("anchor") or "")
            parts = "+".join(_slug(p) for p in ev.get("participants", ())) or self.doc
            ev["series"] = (anchor or {}).get("series") or f"{parts}:{ev['kind']}"
            if anchor is not None and not anchor.get("series"):
                anchor["series"] = ev["series"]

    def _natural_arguments(self) -> None:
        """What tells a natural event across articles apart, for the linker.

        Its flag, the other places its sentences name (which may lie within its place), and
        whether its first mention is a definite reference ("the quake").
        """
        seen: set[str] = set()
        for mn in self.mentions:
            ev = self.events.get(mn.key)
            if ev is None or not self.pack.pack.events[mn.kind].natural or mn.kind != ev["kind"]:
                continue
            args = ev.setdefault("arguments", {})
            if mn.key not in seen:
                seen.add(mn.key)
                args["natural"] = True
                args["definite"] = mn.definite or mn.dated
            around = set(args.get("around", ())) | set(mn.args.around if mn.args is not None else ())
            if around - {ev.get("location")}:
                args["around"] = sorted(around - {ev.get("location")})

    def finish(self) -> None:
        self._series_for_counted()
        for mn in self.mentions:  # an event's theme: what its first mention that names one acts on
            ev = self.events.get(mn.key)
            theme = mn.args.theme if mn.args is not None and mn.kind != "statement" else ""
            if ev is not None and theme and "theme" not in ev:
                ev["theme"] = theme
        self._natural_arguments()
        told = [*self.mentions, *(mn for mn, _, _ in self.dated)]
        told += [g for mn in list(told) for _, _, g in mn.offsets]
        undergone = {k for k, kind in self.pack.pack.events.items() if kind.undergone}
        themes = [(mn.kind, mn.args.theme) for mn in told if mn.args]
        lend_undergoer(self.events.values(), themes, undergone)
        person = one_person(themes, undergone, [mn.person for mn in told if mn.person])
        lend_pronoun_party(self.events, [mn.key for mn in told if mn.person_pronoun and mn.asserted], person)
        self.ex.events = sorted(self.events.values(), key=lambda e: e["id"])
        mark_event_words(self.facts.values(), ((mn.key, mn.start, mn.end) for mn in told))
        facts = sorted(self.facts.values(), key=lambda f: (f["span"][0], f["id"]))
        self.ex.facts = sorted(self.ex.facts + facts, key=lambda f: (f["span"][0], f["id"]))
