"""What the article reader takes from the parse of a sentence: arguments, modality, and dates on verbs.

Only sentences with a mention, a cue word or a date that may date an event are parsed.  The
parse gives each mention its agents, parties, theme and place, reads whether it is asserted,
makes a verb whose subject is an event noun that event's, and finds the open-domain mentions:
verbs no table names that a date hangs on, timed against table mentions or acts a gerund tells.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from factcheck.dates.deadline import not_charged
from factcheck.dates.tagger import TimexMatch
from factcheck.extract import nlp
from factcheck.extract.arguments import ArgumentReader, Arguments
from factcheck.extract.attachment import date_head, offsets_of, until_of
from factcheck.extract.companies import companies_in, one_company, said_by_company
from factcheck.extract.control import simultaneous_settings
from factcheck.extract.dated_verbs import dated_verbs
from factcheck.extract.mentions import Mention, _slug
from factcheck.extract.modality import CUES, UNASSERTED, modality
from factcheck.extract.places import strip_name
from factcheck.extract.rules import CompiledPack
from factcheck.extract.stood import stood_by
from factcheck.extract.timexes import _can_date, _full_or_partial


class ParseReader:
    """The article reader's part that reads parsed sentences; it reads the pack and the argument reader."""

    pack: CompiledPack
    arguments: ArgumentReader

    def _parse_mentions(
        self,
        text: str,
        mentions: list[Mention],
        sentences: list[tuple[int, int]],
        timexes_within: Callable[[tuple[int, int]], list[TimexMatch]],
        store: dict[tuple[int, int], nlp.Sentence],
    ) -> list[tuple[Mention, TimexMatch, TimexMatch]]:
        """Parse every sentence that holds a mention or a date: arguments, modality, and verbs a date hangs on.

        A mention's modality is read only where a cue word is.  A party or place that no alias
        table names is still one: the parse's names fill in where the tables find none (the tables
        only normalise).  What is returned are the open-domain mentions (``dated_verbs``), each with
        the temporal expression that dates it; ``store`` gets every parsed sentence by its span.
        """
        by_sentence: dict[tuple[int, int], list[Mention]] = {}
        for mn in mentions:
            by_sentence.setdefault(mn.sentence, []).append(mn)
        dates = _dated_sentences(text, sentences, by_sentence, timexes_within)
        # A statement's own arguments are not used: a sentence of statements alone is parsed for a cue only.
        wanted = {sent for sent, here in by_sentence.items()
                  if any(mn.kind != "statement" for mn in here) or CUES.search(text[sent[0] : sent[1]])}  # fmt: skip
        spans = sorted(wanted | set(dates))
        if not spans:
            return []
        reporting = frozenset(v.lower() for v in self.pack.pack.reporting_verbs)
        light = frozenset(v.lower() for v in self.pack.pack.light_verbs)
        out: list[tuple[Mention, TimexMatch, TimexMatch]] = []
        parsed_sentences = _parse_spans(text, spans)
        store.update({(p.start, p.end): p for p in parsed_sentences})
        # "X and Y will meet ... They last met in May": a plural reference back stands for the
        # parties last named together in an earlier sentence, where one sentence named one such set.
        antecedent: tuple[str, ...] = ()
        companies: set[str] = set()  # the companies named in the sentences read so far, for "the company"
        people: list[str] = []  # the persons named so far, whom a bare surname stands for
        for parsed in parsed_sentences:
            people += [strip_name(e.text) for e in parsed.entities if e.label == "PERSON"]
            sent = (parsed.start, parsed.end)
            cued = CUES.search(text[parsed.start : parsed.end]) is not None
            here = by_sentence.get(sent, [])
            named_here: set[tuple[str, ...]] = set()
            for mn in here:
                # The trigger's head word is its last one ("will meet", "drone attacks", "took office").
                tok = parsed.token_at(mn.end - 1)
                if tok is None:
                    continue
                if cued:
                    mn.modality = modality(parsed, tok, reporting)
                mn.args = self.arguments.read(parsed, tok)
                if not mn.participants and mn.kind != "statement":
                    mn.participants = self._parties_meant(parsed, tok, mn.args.parties, antecedent, companies)
                if mn.kind != "statement" and len(mn.args.parties) >= 2:
                    named_here.add(mn.args.parties)
                self._parsed_place(parsed, tok, mn, mn.args)
                self._stood(parsed, tok, mn, people)
            if named_here:
                antecedent = min(named_here) if len(named_here) == 1 else ()
            companies |= companies_in(parsed, [p for mn in here for p in mn.participants])
            _predicates(parsed, here)
            self._gerund_offsets(parsed, here, timexes_within(sent))
            if sent in dates and self.pack.pack.dated_verbs:
                out += self._dated_verbs(parsed, dates[sent], here, reporting, light)
        return out

    def _parsed_place(self, parsed: nlp.Sentence, tok: nlp.Token, mn: Mention, args: Arguments) -> None:
        """The parse's place for a mention of a located kind or a contest, where the tables gave none.

        A contest is held by the place named with it ("won Norway's runoff"), and those who run
        in it are no parties to it.
        """
        spec = self.pack.pack.events[mn.kind]
        if mn.location is None and args.place and spec.located:
            mn.location = args.place
        if spec.contest:
            mn.participants = ()
            mn.location = mn.location or args.place or self.arguments.modifier_place(parsed, tok) or None

    def _stood(self, parsed: nlp.Sentence, tok: nlp.Token, mn: Mention, people: list[str]) -> None:
        """A proceeding's person, as its clause or a pronoun before it tells it (:mod:`factcheck.extract.stood`)."""
        if mn.participants or not self.pack.pack.events[mn.kind].stood:
            return
        who = stood_by(parsed, tok, people)
        if who is not None and who.name:
            mn.person, mn.participants = who.name, (who.name,)
        elif who is not None:
            mn.person_pronoun = True

    def _parties_meant(
        self, parsed: nlp.Sentence, tok: nlp.Token, own: tuple[str, ...], antecedent: tuple[str, ...],
        companies: set[str],
    ) -> tuple[str, ...]:  # fmt: skip
        """A mention's parties: its own, else those a reference back stands for ("they", "the company")."""
        if own:
            return own
        if antecedent and self.arguments.plural_anaphor(parsed, tok):
            return antecedent
        if said_by_company(parsed, tok) and (firm := one_company(companies)):
            return (firm,)
        return ()

    def _dated_verbs(
        self, parsed: nlp.Sentence, dates: list[TimexMatch], here: list[Mention], reporting: frozenset[str],
        light: frozenset[str],
    ) -> list[tuple[Mention, TimexMatch, TimexMatch]]:  # fmt: skip
        """Open-domain mentions of a parsed sentence: verbs no table names that a date hangs on."""
        taken = {t.i for mn in here for t in parsed.starting_in(mn.start, mn.end)}
        # "in a press conference on June 1, ... which filed earlier today": a relative date in a
        # sentence that names a calendar day may count from that day, not from the report's.
        absolute = any(re.match(r"(?:\d{4}|XXXX)-\d\d", t.symbolic) for t in dates)
        days = [t for t in dates if t.type == "DATE" and re.fullmatch(r"(?:\d{4}|XXXX)-\d\d-\d\d", t.symbolic)]
        usable: list[tuple[TimexMatch, TimexMatch]] = []  # where the date is written, and what day it names
        for t in dates:
            if not _can_date(t):
                continue
            if not (absolute and t.relative) or dict(t.relative).get("expression") == "weekday":
                usable.append((t, t))  # a weekday counts from the report, whatever day the sentence names
            elif len(days) == 1 and dict(t.relative) == {"expression": "shift", "unit": "day", "amount": 0}:
                usable.append((t, days[0]))  # "today" in a sentence set on one named day is that day
        out = _trigger_dates(parsed, usable, here)
        spans = [(t.start, t.end) for t, _ in usable]
        shifting = frozenset(v.lower() for v in self.pack.pack.shifting_verbs)
        for dv in dated_verbs(parsed, spans, taken, reporting, light, nlp.verb_lemmas(), shifting):
            kind = _slug(dv.kind or dv.verb.lemma)
            if not kind or kind in self.pack.pack.events:
                continue
            args = self.arguments.read(parsed, dv.verb)
            tense = "past" if dv.verb.tense == "Past" else None
            mn = Mention(-1, kind, dv.verb.start, dv.verb.end, tense, (parsed.start, parsed.end), args.parties,
                         args.place or None, modality=dv.modality, args=args, noun=dv.verb.pos == "NOUN")  # fmt: skip
            self._timed_against(parsed, mn, dv.verb, dates, here, kind in shifting)
            settings = simultaneous_settings(parsed, dv.verb)
            mn.during = [m for m in here for n in settings if m.start <= n.start < m.end and m.kind != "statement"]
            out.append((mn, usable[dv.timex][1], usable[dv.timex][0]))
        return out

    def _timed_against(
        self, parsed: nlp.Sentence, mn: Mention, verb: nlp.Token, dates: list[TimexMatch], here: list[Mention],
        shifting: bool,
    ) -> None:  # fmt: skip
        """An open-domain mention's timing against a table mention ("six days after the quake"), from the parse.

        For a verb that puts an event off ("adjourned the trial until March 16"), the day it is
        put off to and the event put off: that event takes place again on that day, after the verb's.
        """

        def timex_at(tok: nlp.Token, kind: str) -> TimexMatch | None:
            return next((t for t in dates if t.type == kind and t.start <= tok.start < t.end), None)

        for direction, amount, other in offsets_of(parsed, verb):
            duration = timex_at(amount, "DURATION")
            target = next((m for m in here if m.start <= other.start < m.end and m.kind != "statement"), None)
            if duration is not None and target is not None and target.asserted:
                mn.offsets.append((direction, duration, target))
            elif duration is not None and target is None and (g := self._gerund(parsed, other, here)) is not None:
                mn.offsets.append((direction, duration, g))
        objects = [c for c in parsed.children(verb.i) if c.dep in ("dobj", "obj")]
        put_off = next((m for m in here for c in objects if m.start <= c.start < m.end and m.kind != "statement"), None)
        if shifting and put_off is not None:
            mn.until = [(t, put_off) for tok in until_of(parsed, verb) if (t := timex_at(tok, "DATE")) is not None
                        and _full_or_partial(t.symbolic)]  # fmt: skip

    def _gerund(self, parsed: nlp.Sentence, tok: nlp.Token, here: list[Mention]) -> Mention | None:
        """An act no table names, told by a gerund ("after convicting him"): an open-domain mention of its lemma."""
        lemma = tok.lemma.lower()
        reporting = {v.lower() for v in self.pack.pack.reporting_verbs}
        light = {v.lower() for v in self.pack.pack.light_verbs}
        if tok.tag != "VBG" or tok.pos != "VERB" or not lemma.isalpha() or lemma in reporting | light:
            return None
        if any(m.start <= tok.start < m.end for m in here) or _slug(lemma) in self.pack.pack.events:
            return None
        if modality(parsed, tok, frozenset(reporting)) in UNASSERTED:
            return None
        args = self.arguments.read(parsed, tok)
        return Mention(-1, _slug(lemma), tok.start, tok.end, None, (parsed.start, parsed.end), args.parties,
                       args.place or None, args=args)  # fmt: skip

    def _gerund_offsets(self, parsed: nlp.Sentence, here: list[Mention], timexes: list[TimexMatch]) -> None:
        """A table mention timed against an act a gerund tells: "sentenced him Monday, days after questioning him"."""
        for mn in here:
            tok = parsed.token_at(mn.end - 1)
            if mn.kind == "statement" or not mn.asserted or tok is None:
                continue
            for direction, amount, other in offsets_of(parsed, tok):
                duration = next((t for t in timexes if t.type == "DURATION" and t.start <= amount.start < t.end), None)
                if duration is not None and (g := self._gerund(parsed, other, here)) is not None:
                    mn.offsets.append((direction, duration, g))


def _dated_sentences(
    text: str, sentences: list[tuple[int, int]], by_sentence: dict[tuple[int, int], list[Mention]],
    timexes_within: Callable[[tuple[int, int]], list[TimexMatch]],
) -> dict[tuple[int, int], list[TimexMatch]]:  # fmt: skip
    """The sentences with a date that may date an event other than a statement, each with its dates."""
    dates: dict[tuple[int, int], list[TimexMatch]] = {}
    for sent in sentences:
        in_sentence = timexes_within(sent)
        said = [mn for mn in by_sentence.get(sent, ()) if mn.kind == "statement"]
        # "..., the ministry said Tuesday": a date on the verb of saying dates the statement, no other event.
        if any(_can_date(t) and not any(_dates_speech(text, mn, t) for mn in said) for t in in_sentence):
            dates[sent] = in_sentence
    return dates


def _parse_spans(text: str, spans: list[tuple[int, int]]) -> list[nlp.Sentence]:
    """The parse of each sentence span, its dateline left out; each parse starts where its span does."""
    with not_charged():  # the model's load and the parse are no user pattern's matching
        # A dateline ("LIMA, Peru - ") is parsed as the sentence's subject: it is left out of
        # the parse, and the sentence keeps its span as the key the mentions know it by.
        cut = [(a + _dateline_length(text[a:b]), b) for a, b in spans]
        return [replace(p, start=a) if p.start != a else p
                for p, (a, _) in zip(nlp.parse(text, cut), spans, strict=True)]  # fmt: skip


def _dates_speech(text: str, mn: Mention, t: TimexMatch) -> bool:
    """The date is written right by a verb of saying ("said Tuesday", "announced on Monday", "Friday said")."""
    gap = text[mn.end : t.start] if mn.end <= t.start else text[t.end : mn.start] if t.end <= mn.start else ""
    return (mn.start < t.end and t.start < mn.end) or re.fullmatch(r"\s*(?:on\s+)?", gap, re.I) is not None


_DATELINE = re.compile(
    r"[A-Z][A-Z.'’-]{2,}(?: [A-Z][A-Z.'’-]+)*(?:, [A-Z][\w.'’]*(?: [A-Z][\w.'’]*)*)?"
    r"(?: \([^)\n]{1,30}\))? [-–—]{1,2} "
)


def _dateline_length(sentence: str) -> int:
    """The length of the dateline a sentence opens with ("ASUNCION, Paraguay - ", "OSLO (Reuters) — "), else 0."""
    m = _DATELINE.match(sentence)
    return m.end() if m and m.end() < len(sentence) else 0


def _trigger_dates(
    s: nlp.Sentence, usable: list[tuple[TimexMatch, TimexMatch]], here: list[Mention]
) -> list[tuple[Mention, TimexMatch, TimexMatch]]:
    """Dates the parse hangs on a table trigger's own word, however far the text puts them.

    "sentenced Tavendish to four years in prison on Wednesday": the relation patterns stop
    at the duration between them, the parse does not.  Each is (mention, day, written date).
    """
    out = []
    for written, day in usable:
        gov = date_head(s, written.start, written.end)
        mn = next((m for m in here if gov is not None and m.kind != "statement" and m.asserted
                   and m.start <= gov.start < m.end), None)  # fmt: skip
        if mn is not None:
            out.append((mn, day, written))
    return out


def _predicates(s: nlp.Sentence, here: list[Mention]) -> None:
    """A verb trigger whose subject is an event noun tells that event ("A strong earthquake struck the island").

    The verb's own kind is the table's guess from the word alone ("struck" is an attack when
    a party strikes); with an event as its subject, the verb says what that event did, so the
    mention becomes that event's.
    """
    nouns = [m for m in here if m.tense is None and m.kind != "statement"]
    for mn in here:
        tok = s.token_at(mn.end - 1)
        if mn.tense is None or mn.kind == "statement" or tok is None or tok.pos != "VERB":
            continue
        subjects = [c for c in s.children(tok.i) if c.dep in ("nsubj", "nsubjpass")]  # a dateline may be one too
        noun = next((m for m in nouns for c in subjects if m.start <= c.start < m.end), None)
        if noun is not None and noun.kind != mn.kind:
            mn.kind, mn.same_as = noun.kind, noun.index
