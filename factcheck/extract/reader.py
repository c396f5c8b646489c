"""Reading one article into the engine's facts: boilerplate apart, events, relations, quotes.

The steps: classify page lines (stamps, teasers, sidebars, embedded posts, images); read
every temporal expression with the date reader (symbolically: the article's own date is
usually unknown); find event triggers and who and where they involve; mark each sentence
with tokens for both and run the relation rules over it; then turn matches into facts,
each with its quote, span, rule id and confidence (the fact's weight).  Where a sentence
is parsed, the parse has the last word on which event a date belongs to
(``attachment``): "Campaigning for Sunday's runoff closed on Friday" dates the campaign's
close, not the runoff; and it dates what no pattern reaches ("sentenced him to four years
on Wednesday"), times open-domain events against others ("six days after the quake",
"ten days after questioning him") and reads what is put off ("adjourned until March 16").

Events are resolved within the article the way a news story is written: mentions of one
kind (all the "talks") are one main event unless evidence sets one apart: a different
place, another ordinal of the series ("the first round" in an article on the third), a
"last met" / "the n-th round since" (an earlier event of the same series).  A verb whose
subject is an event noun tells that event ("a quake struck"), whatever its own kind.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from factcheck.calendar import CalendarError, parse_duration, parse_value
from factcheck.corpus.load import Article, article_windows
from factcheck.dates.deadline import left as budget
from factcheck.dates.deadline import not_charged, renewed_budget
from factcheck.dates.tagger import DateReader, TimexMatch
from factcheck.extract import nlp
from factcheck.extract.arguments import ArgumentReader, Arguments
from factcheck.extract.attachment import date_head, dates_other_event, names_own_day, offsets_of, told_as, until_of
from factcheck.extract.dated_verbs import dated_verbs
from factcheck.extract.event_nouns import verb_of
from factcheck.extract.event_words import mark_event_words
from factcheck.extract.loose import LooseMention, group, names_model, object_names, undated_mentions
from factcheck.extract.merge import Merger
from factcheck.extract.modality import CUES, UNASSERTED, modality
from factcheck.extract.noun_tense import noun_tenses
from factcheck.extract.rules import CompiledPack, RelationRule, load_extract_pack
from factcheck.policy import Horizon, load_policy

_DIR = {"after": "after", "later than": "after", "before": "before", "earlier than": "before",
        "came after": "after", "followed": "after", "came before": "before", "preceded": "before"}  # fmt: skip
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


_EARLIER = re.compile(r"\b(?:those|that|the\s+(?:previous|earlier|prior|last))\s+(?:[\w-]+\s+){0,2}$", re.I)
_WHOLE = re.compile(r".*")
_NEGATED = re.compile(r"\b(?:not|never|n't)\s+$", re.I)
_LATER = re.compile(r"\b(?:the\s+)?(?:next|following|upcoming|another)\s+(?:[\w-]+\s+){0,2}$", re.I)
_DEFINITE = re.compile(
    r"\b(?:the|this|that|these|those|its|their)\s+(?:[\w-]+\s+){0,2}$|[’']s\s+(?:[\w-]+\s+){0,1}$", re.I
)


_APPOSITION = re.compile(r"(?:[—–]|\s-|,)\s*(?:the|a|its|their)\s+(?:[\w-]+\s+){0,3}$")
# "meetings with British Prime Minister Tony Blair": the capitalized run after "with".
_COUNTERPART = re.compile(r"\s+with\s+((?:[A-Z][\w.'’-]*\s+){0,5}[A-Z][\w'’-]+)")
_ROLE = re.compile(r"(?:Minister|President|Secretary|Chancellor|Premier|Leader|Officials?|Envoy|Ambassador|"
                   r"Delegation|Government|Administration|Council|Party|Ministry|Office|Forces|Army)$")
_DATED_NAME = re.compile(r"\b(?:the|this|that|last|its|their)\s+(.+?)\s*$", re.I)
_ANAPHORIC = re.compile(r"\s*(?:It|This|That)\s+(?:was|is|marked|will\s+be|would\s+be)\b")


def _phrase(trigger: str) -> str:
    """A trigger's wording, case and plural aside ("Drone attacks" and "drone attack" are one)."""
    words = trigger.lower().split()
    return " ".join([*words[:-1], words[-1].rstrip("s")]) if words else ""


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
    same_as: int = -1  # "a quake struck": the index of the noun mention whose event this verb tells
    # An open-domain mention's timing against another ("six days after the quake") and the day it is put off to
    offsets: list[tuple[str, TimexMatch, Mention]] = field(default_factory=list)
    until: list[tuple[TimexMatch, Mention]] = field(default_factory=list)

    @property
    def asserted(self) -> bool:
        """Whether the text says it happened (or will): not hypothetical, conditional or negated."""
        return self.modality not in UNASSERTED


@dataclass
class Extraction:
    """What one article yields: its document entry, events and facts (plain dicts, as a fact set writes them)."""

    doc_id: str
    document: dict[str, Any]
    events: list[dict[str, Any]] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)
    boilerplate: list[tuple[int, int, str, str]] = field(default_factory=list)  # start, end, kind, rule

    def summaries(self) -> list[str]:
        """Every fact in a compact, comparable form (used by rule examples, tests and benchmarks)."""
        kinds = {e["id"]: e["kind"] + ("-previous" if _role(e) == "previous" else "") for e in self.events}
        return sorted(summarize(f, kinds) for f in self.facts)


def _role(event: dict[str, Any]) -> str:
    """The part an event plays in its article (``main``, ``previous``, ``next``, ``elsewhere``)."""
    return str((event.get("arguments") or {}).get("role", "main"))


def _ref_name(ref: str, kinds: dict[str, str]) -> str:
    if ref.startswith("doc:"):
        return "doc:" + ref.rsplit(".", 1)[-1]
    return kinds.get(ref, ref)


def summarize(f: dict[str, Any], kinds: dict[str, str]) -> str:
    """A fact as a short string: ``on talks XXXX-02-27``, ``offset talks attack after P1D``."""
    k = f["kind"]
    if k == "date":
        subj = f["subject"]
        if subj.startswith("doc:"):
            return f"{subj.rsplit('.', 1)[-1]}_after {f['value']}"
        rel = f.get("relation") or "on"
        return " ".join(x for x in (rel, kinds.get(subj, subj), str(f["value"]), f.get("mod") or "") if x)
    if k == "relative":
        subj = kinds.get(f["subject"], f["subject"])
        e = f["expression"]
        if e == "tense":
            return f"{f['tense']} {subj}"
        if e == "weekday":
            return f"on {subj} weekday:{f['value']}:{f['tense']}"
        extra = f":{f['amount']}{f['unit']}" if f.get("amount") is not None else ""
        return f"on {subj} {e}{extra}"
    if k == "order":
        a, b = _ref_name(f["subject"], kinds), _ref_name(f["anchor"], kinds)
        if a.startswith("doc:"):
            return f"after {a} {b}" if f["relation"] in ("not_before", "after") else f"before {a} {b}"
        if f.get("days") is not None:
            lo, hi = f["days"]
            return f"offset {a} {b} {f['relation']} {lo}..{hi}"
        return f"order {a} {b} {f['relation']}"
    if k == "ordinal":
        return f"ordinal {kinds.get(f['subject'], f['subject'])} {f['n']}"
    if k == "last_before":
        return f"last_before {kinds.get(f['subject'], f['subject'])} {kinds.get(f['anchor'], f['anchor'])}"
    if k == "first_since":
        return f"first_since {kinds.get(f['subject'], f['subject'])} {f.get('since_value') or f.get('since')}"
    if k == "duration":
        return f"duration {_ref_name(f['subject'], kinds)} {f['mod']} {f['length']}"
    if k == "page_stamp":
        return f"page_stamp {f['amount']} {f['unit']}"
    return str(k)


class ArticleReader:
    """The article reader: a date reader and an extraction pack."""

    def __init__(self, dates: DateReader | None = None, pack: CompiledPack | None = None) -> None:
        self.dates = dates or DateReader.load()
        self.pack = pack or load_extract_pack()
        nlp.model_name()  # fails at once, with how to install it, where no English pipeline is
        self.arguments = ArgumentReader(self._canonical)
        # "the third round", "a fourth session": the ordinal right before a round's trigger
        self._ordinal_before = re.compile(rf"\b({self.pack.ordinal_words})\s+$", re.I)
        # Verbs whose subject or object takes no tense from them: saying, acting on an event, too general.
        p = self.pack.pack
        self._neutral_verbs = frozenset(v.lower() for v in (*p.reporting_verbs, *p.shifting_verbs, *p.light_verbs))

    def _canonical(self, name: str) -> str | None:
        """A name's canonical form by the alias tables (metonymy, demonyms, spellings), if they know it."""
        return self.pack.entity_rx.canonical(name) or self.pack.location_rx.canonical(name)

    # ------------------------------------------------------------------ boilerplate
    def boilerplate(self, text: str, *, rest: bool = False) -> list[tuple[int, int, str, str, re.Match[str]]]:
        """Page lines that are not the story: (start, end, kind, rule id, match).

        ``rest``: the text continues a page whose story already ended (a sidebar began before it).
        """
        out = []
        pos = 0
        rest_from: int | None = 0 if rest else None
        for line in text.splitlines(keepends=True):
            start, end = pos, pos + len(line.rstrip("\r\n"))
            pos += len(line)
            body = text[start:end]
            if rest_from is not None:
                m_all = _WHOLE.match(body)
                if body.strip() and m_all is not None:
                    out.append((start, end, "sidebar", "bp-sidebar", m_all))
                continue
            for rule, rx in self.pack.boilerplate:
                m = rx.match(body, timeout=budget())
                if m:
                    out.append((start, end, rule.kind, rule.id, m))
                    if rule.rest:
                        rest_from = end
                    break
        return out

    # ------------------------------------------------------------------ reading
    def read(self, article: Article, dct: dt.date | None = None) -> Extraction:
        """Every fact an article states, as a fact-set fragment; a long file window by window.

        Each window gets the matching budget a whole article gets, and spans are file offsets.
        """
        if article.plan is None:
            return self._read_text(article, dct)
        rest_rules = {rule.id for rule, _ in self.pack.boilerplate if rule.rest}
        merger: Merger | None = None
        rest = False
        for i, part in enumerate(article_windows(article)):
            with renewed_budget():
                ex = self._read_text(part, dct, rest=rest)
            rest = rest or any(r in rest_rules for *_, r in ex.boilerplate)
            if merger is None:
                merger = Merger(ex)
            else:
                merger.add(ex, i, part.body_offset - article.body_offset)
        assert merger is not None  # a plan has at least one window
        return merger.finish()

    def read_part(self, part: Article, dct: dt.date | None = None, *, rest: bool = False) -> Extraction:
        """One window of a long file (from ``article_windows``) on its own; ``rest``: a sidebar began before it."""
        return self._read_text(part, dct, rest=rest)

    def _read_text(self, article: Article, dct: dt.date | None, *, rest: bool = False) -> Extraction:
        """The facts of one text (an article, or one window of a long one)."""
        text = article.text
        # Ids become time references ("doc:ID.published"), which allow no dots: "APW19980809.0700".
        doc = re.sub(r"[^A-Za-z0-9_\-]", "_", article.id)
        meta = article.meta
        document: dict[str, Any] = {"id": doc}
        if not article.path.lower().endswith((".html", ".htm")):
            # Quotes are checked against the file; extracted HTML text has no offsets in it.
            document["path"] = article.path
        for key in ("title", "url"):
            if getattr(meta, key):
                document[key] = getattr(meta, key)
        if meta.publisher:
            document["source"] = meta.publisher
        for key in ("published", "retrieved"):
            bound = getattr(meta, key)
            if bound.earliest or bound.latest:
                document[key] = {k: v.isoformat() for k, v in (("earliest", bound.earliest), ("latest", bound.latest))
                                 if v is not None}  # fmt: skip
        ex = Extraction(doc, document)
        timexes = [_day_of(t) for t in self.dates.tag(text, dct)]
        bp = self.boilerplate(text, rest=rest)
        ex.boilerplate = [(a, b, k, r) for a, b, k, r, _ in bp]
        in_bp = [(a, b) for a, b, *_ in bp]

        def boiler(pos: int) -> bool:
            return any(a <= pos < b for a, b in in_bp)

        self._page_facts(ex, text, bp, timexes)
        story_timexes = [t for t in timexes if not boiler(t.start)]
        sentences = [s for s in article.segmentation.sentences if not boiler(s[0])]
        ends = tuple(t.end for t in story_timexes if t.type == "DATE")
        mentions = self._mentions(text, sentences, boiler, ends)
        # The line before an embedded post's date line is the post's text: read it for events too.
        post_lines = []
        for start, _, kind, _, _ in bp:
            if kind == "embedded_post":
                pe = text.rfind("\n", 0, start)
                ps = text.rfind("\n", 0, max(0, pe)) + 1
                if pe > ps and not any(a <= ps < b for a, b in sentences):
                    post_lines.append((ps, pe))
        if post_lines:
            extra = self._mentions(text, post_lines, boiler, ends)
            for mn in extra:
                mn.index += len(mentions)
            mentions += extra
        # Each sentence's timexes and mentions, found by bisection: a long window has thousands of sentences.
        # (in the order of the lists, as a filter over them would give)
        order = {id(mn): i for i, mn in enumerate(mentions)}
        by_start = sorted(mentions, key=lambda mn: (mn.start, order[id(mn)]))
        mention_starts = [mn.start for mn in by_start]
        t_order = sorted(range(len(story_timexes)), key=lambda i: (story_timexes[i].start, i))
        timex_starts = [story_timexes[i].start for i in t_order]

        def within(sent: tuple[int, int]) -> list[Mention]:
            got = by_start[bisect.bisect_left(mention_starts, sent[0]) : bisect.bisect_left(mention_starts, sent[1])]
            return sorted(got, key=lambda mn: order[id(mn)])

        def timexes_within(sent: tuple[int, int]) -> list[TimexMatch]:
            lo, hi = bisect.bisect_left(timex_starts, sent[0]), bisect.bisect_left(timex_starts, sent[1])
            return [story_timexes[i] for i in sorted(t_order[lo:hi])]

        parsed: dict[tuple[int, int], nlp.Sentence] = {}
        dated = self._parse_mentions(text, mentions, sentences, timexes_within, parsed)
        state = _State(ex, text, doc, self.pack, mentions, article.segmentation.headlines)
        found = [self._matches(state, sent, timexes_within(sent), within(sent), parsed.get(sent)) for sent in sentences]
        state.set_apart_by_date()
        state.resolve_in_text_order(found)
        for sent, matches in zip(sentences, found, strict=True):
            for rule, m, got, span, speech in matches:
                state.apply(rule, m, got, span, speech, sent)
            self._tenses(state, sent, within(sent))
        for mn, t, written in dated:
            state.dated_verb(mn, t, written)
        for mn in mentions:
            if mn.offsets and mn.asserted:
                state.timed(mn, state.event_for(mn))
        self._restatements(state, sentences, parsed)
        self._loose_events(state, sentences, parsed)
        self._post_events(state, bp, timexes, mentions)
        # Last, so that the facts read before keep their ids; only for events the article tells more of
        # (a tense alone makes no event of a noun: "the talks lasted two hours").
        for sent in sentences:
            resolved = [mn for mn in within(sent) if mn.key]
            for mn, tense, span in noun_tenses(parsed.get(sent), resolved, self._neutral_verbs):
                state.tense_fact(mn, tense, span, "parse-governed-tense", 0.7)
        state.finish()
        if article.body_offset:
            for f in ex.facts:  # spans index the file, front matter included
                f["span"] = [f["span"][0] + article.body_offset, f["span"][1] + article.body_offset]
                for w in f.get("words", ()):
                    w["start"], w["end"] = w["start"] + article.body_offset, w["end"] + article.body_offset
            for ev in ex.events:
                for m in ev.get("mentions", ()):
                    m["start"], m["end"] = m["start"] + article.body_offset, m["end"] + article.body_offset
        return ex

    def _parse_mentions(
        self, text: str, mentions: list[Mention], sentences: list[tuple[int, int]],
        timexes_within: Callable[[tuple[int, int]], list[TimexMatch]], store: dict[tuple[int, int], nlp.Sentence],
    ) -> list[tuple[Mention, TimexMatch, TimexMatch]]:
        """Parse every sentence that holds a mention or a date: arguments, modality, and verbs a date hangs on.

        A mention's modality is read only where a cue word is.  A party or place that no alias
        table names is still one: the parse's names fill in where the tables find none, so the
        tables only normalise ("the Kremlin" is Russia).  What is returned are the open-domain
        mentions (``dated_verbs``), each with the temporal expression that dates it; ``store``
        gets every parsed sentence by its span.
        """
        by_sentence: dict[tuple[int, int], list[Mention]] = {}
        for mn in mentions:
            by_sentence.setdefault(mn.sentence, []).append(mn)
        dates: dict[tuple[int, int], list[TimexMatch]] = {}
        for sent in sentences:
            in_sentence = timexes_within(sent)
            said = [mn for mn in by_sentence.get(sent, ()) if mn.kind == "statement"]
            # "..., the ministry said Tuesday": a date on the verb of saying dates the statement, no other event.
            if any(_can_date(t) and not any(_dates_speech(text, mn, t) for mn in said) for t in in_sentence):
                dates[sent] = in_sentence
        # A statement's own arguments are not used: a sentence of statements alone is parsed for a cue only.
        wanted = {sent for sent, here in by_sentence.items()
                  if any(mn.kind != "statement" for mn in here) or CUES.search(text[sent[0] : sent[1]])}  # fmt: skip
        spans = sorted(wanted | set(dates))
        if not spans:
            return []
        reporting = frozenset(v.lower() for v in self.pack.pack.reporting_verbs)
        light = frozenset(v.lower() for v in self.pack.pack.light_verbs)
        out: list[tuple[Mention, TimexMatch, TimexMatch]] = []
        with not_charged():  # the model's load and the parse are no user pattern's matching
            # A dateline ("LIMA, Peru - ") is parsed as the sentence's subject: it is left out of
            # the parse, and the sentence keeps its span as the key the mentions know it by.
            cut = [(a + _dateline_length(text[a:b]), b) for a, b in spans]
            parsed_sentences = [replace(p, start=a) if p.start != a else p
                                for p, (a, _) in zip(nlp.parse(text, cut), spans, strict=True)]  # fmt: skip
        store.update({(p.start, p.end): p for p in parsed_sentences})
        # "X and Y will meet ... They last met in May": a plural reference back stands for the
        # parties last named together in an earlier sentence, where one sentence named one such set.
        antecedent: tuple[str, ...] = ()
        for parsed in parsed_sentences:
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
                    mn.participants = mn.args.parties
                    if not mn.participants and antecedent and self.arguments.plural_anaphor(parsed, tok):
                        mn.participants = antecedent
                if mn.kind != "statement" and len(mn.args.parties) >= 2:
                    named_here.add(mn.args.parties)
                if mn.location is None and mn.args.place and self.pack.pack.events[mn.kind].located:
                    mn.location = mn.args.place
            if named_here:
                antecedent = min(named_here) if len(named_here) == 1 else ()
            _predicates(parsed, here)
            self._gerund_offsets(parsed, here, timexes_within(sent))
            if sent in dates and self.pack.pack.dated_verbs:
                out += self._dated_verbs(parsed, dates[sent], here, reporting, light)
        return out

    def _dated_verbs(
        self, parsed: nlp.Sentence, dates: list[TimexMatch], here: list[Mention], reporting: frozenset[str],
        light: frozenset[str],
    ) -> list[tuple[Mention, TimexMatch, TimexMatch]]:  # fmt: skip
        """Open-domain mentions of a parsed sentence: verbs no table names that a date hangs on."""
        taken = {t.i for t in parsed.tokens for mn in here if mn.start <= t.start < mn.end}
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

    def _restatements(
        self, st: _State, sentences: list[tuple[int, int]], parsed: dict[tuple[int, int], nlp.Sentence]
    ) -> None:
        """Undated mentions of an open-domain event the article dated: the same verb, or a noun made from it.

        "GM filed for bankruptcy on Monday ... This was the largest bankruptcy filing": one
        event, as a news story restates what it reports.  A mention is the event's only where
        the article dated one event of that kind (with two, nothing tells which one it is) and
        the arguments do not tell them apart (another named object, other agents, another
        place).  It adds a mention to the event, never a fact: with no date of its own it says
        nothing of when.  Sentences are parsed for this only where a word begins as a dated
        kind does, so the cost stays with the articles that have such events.
        """
        by_kind: dict[str, list[tuple[Mention, str]]] = {}
        for mn, _, key in st.dated:
            by_kind.setdefault(mn.kind, []).append((mn, key))
        single = {k: v[0] for k, v in by_kind.items() if len({key for _, key in v}) == 1}
        if not single:
            return
        stems = sorted({k[:-1] if k.endswith("e") and len(k) > 3 else k for k in single})
        rx = re.compile(r"\b(?:" + "|".join(re.escape(x) for x in stems) + r")", re.I)
        text = st.text
        todo = [s for s in sentences if s not in parsed and rx.search(text, s[0], s[1])]
        if todo:
            with not_charged():
                parsed.update({(p.start, p.end): p for p in nlp.parse(text, todo)})
        reporting = frozenset(v.lower() for v in self.pack.pack.reporting_verbs)
        verbs = nlp.verb_lemmas()
        triggers = {(mn.start, mn.end) for mn, _, _ in st.dated}
        tabled = [(mn.start, mn.end) for mn in st.mentions]
        for sent in sentences:
            p = parsed.get(sent)
            if p is None or not rx.search(text, sent[0], sent[1]):
                continue
            for tok in p.tokens:
                kind = _slug(tok.lemma) if tok.pos == "VERB" else verb_of(tok, verbs, zero=True) or ""
                if kind not in single or (tok.start, tok.end) in triggers:
                    continue
                if any(a <= tok.start < b for a, b in tabled) or modality(p, tok, reporting) in UNASSERTED:
                    continue
                first, key = single[kind]
                if _arguments_clash(first.args, self.arguments.read(p, tok)):
                    continue
                at = parsed[first.sentence].token_at(first.start) if first.sentence in parsed else None
                if at is not None and {told_as(p, tok), told_as(parsed[first.sentence], at)} == {"past", "future"}:
                    continue  # "will receive it in May ... received": a plan and a past event are two
                st.add_mention(key, tok.start, tok.end)
                head = p.tokens[tok.head]
                if tok.dep == "attr" and head.lemma.lower() == "be":
                    # "This was the largest bankruptcy filing": the pronoun names the same event.
                    for c in p.children(head.i):
                        if c.dep == "nsubj" and c.lemma.lower() in ("this", "that", "it"):
                            st.add_mention(key, c.start, c.end)

    def _loose_events(
        self, st: _State, sentences: list[tuple[int, int]], parsed: dict[tuple[int, int], nlp.Sentence]
    ) -> None:
        """Undated mentions on a named object, as loose events another article may date (:mod:`.loose`).

        A loose event on the object of one of the article's own events of its kind is that
        event: its mentions are added to it.  Sentences not parsed yet are parsed only where
        a word looks like a model name.
        """
        text = st.text
        todo = [s for s in sentences if s not in parsed and names_model(text[s[0] : s[1]])]
        if todo:
            with not_charged():
                parsed.update({(p.start, p.end): p for p in nlp.parse(text, todo)})
        taken = [(mn.start, mn.end) for mn in st.mentions] + [(mn.start, mn.end) for mn, _, _ in st.dated]
        taken += [(m["start"], m["end"]) for ev in st.events.values() for m in ev.get("mentions", ())]
        reporting = frozenset(v.lower() for v in self.pack.pack.reporting_verbs)
        skip = reporting | {v.lower() for v in self.pack.pack.light_verbs} | {"be", "have", "do"}
        dated_kinds = {ev["kind"] for ev in st.events.values()}

        def found() -> list[LooseMention]:
            return undated_mentions((parsed[s] for s in sentences if s in parsed), self.arguments.named_object,
                                    nlp.verb_lemmas(), skip, reporting, taken)  # fmt: skip

        events = group(found(), dated_kinds, self.arguments.read)
        kinds = sorted({ev.kind for ev in events} - dated_kinds)
        if kinds:
            # A later mention that names no object ("called the delivery a relief"), in a sentence not parsed yet.
            stems = sorted({k[:-1] if k.endswith("e") and len(k) > 3 else k for k in kinds})
            rx = re.compile(r"\b(?:" + "|".join(re.escape(x) for x in stems) + r")", re.I)
            more = [s for s in sentences if s not in parsed and rx.search(text, s[0], s[1])]
            if more:
                with not_charged():
                    parsed.update({(p.start, p.end): p for p in nlp.parse(text, more)})
                events = group(found(), dated_kinds, self.arguments.read)
        for ev in events:
            own = [k for k, e in st.events.items()
                   if e["kind"] == ev.kind and object_names(str(e.get("theme") or "")) == ev.names]  # fmt: skip
            if len(own) > 1:
                continue
            if own:
                key = own[0]
            else:
                base = f"{st.doc}:{ev.kind}-{_slug('-'.join(sorted(ev.names)))}"
                key = base if base not in st.events else next(
                    f"{base}-{n}" for n in range(2, len(st.events) + 3) if f"{base}-{n}" not in st.events)
                first = ev.first
                args = self.arguments.read(first.sentence, first.token)
                st._event(key, ev.kind, args.parties, None, None, f"{ev.kind} ({first.token.text})")
                st.events[key]["theme"] = first.theme
                st.events[key]["arguments"] = {"loose": True}
            for m in ev.mentions:
                st.add_mention(key, m.start, m.end)

    def _page_facts(self, ex: Extraction, text: str, bp: list[Any], timexes: list[TimexMatch]) -> None:
        doc = ex.doc_id
        for start, end, kind, rule, m in bp:
            quote = text[start:end]
            base = {"doc": doc, "span": [start, end], "quote": quote, "by": rule}
            if kind == "page_stamp":
                amount = m.group("amount").lower()
                n = 1 if amount in ("a", "an", "one") else int(amount)
                ex.facts.append({"id": f"{doc}-{rule}-{start}", "kind": "page_stamp", "amount": n,
                                 "unit": m.group("unit").lower(), **base})  # fmt: skip
            elif kind in ("teaser", "sidebar", "embedded_post"):
                point = "published" if kind == "embedded_post" else "retrieved"
                for t in timexes:
                    if start <= t.start < end and t.type == "DATE" and _full_date(t.symbolic):
                        ex.facts.append({
                            "id": f"{doc}-{rule}-{t.start}", "kind": "date", "subject": f"doc:{doc}.{point}",
                            "relation": "not_before", "value": t.symbolic, "doc": doc, "span": [t.start, t.end],
                            "quote": t.text, "by": rule, "weight": 0.8,
                            "note": "The page shows this date, so it existed after it." if point == "retrieved"
                            else "An embedded post the article quotes bears this date.",
                        })  # fmt: skip

    def _post_events(self, st: _State, bp: list[Any], timexes: list[TimexMatch], mentions: list[Mention]) -> None:
        """An embedded post reporting an event as it happens ("delegation enters consulate for talks") dates it."""
        text = st.text
        for start, end, kind, rule, _ in bp:
            if kind != "embedded_post":
                continue
            dates = [t for t in timexes if start <= t.start < end and _full_date(t.symbolic)]
            if not dates:
                continue
            prev_end = text.rfind("\n", 0, start)
            prev_start = text.rfind("\n", 0, max(0, prev_end)) + 1
            for mn in mentions:
                if (prev_start <= mn.start < prev_end and self.pack.pack.events[mn.kind].located and not mn.earlier
                    and mn.asserted):  # fmt: skip
                    key = st.event_for(mn)
                    st.add(f"{rule}-event", (mn.start, mn.end), {"kind": "date", "subject": key,
                                                                 "value": dates[0].symbolic}, 0.6)  # fmt: skip

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

    def _matches(
        self, st: _State, sent: tuple[int, int], timexes: list[TimexMatch], mentions: list[Mention],
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
        for mn in mentions:
            if not any(a < mn.end and mn.start < b for a, b, _, _ in items):
                items.append((mn.start, mn.end, f"«E{mn.index}:{mn.kind}»", mn))
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

        def to_text(p: int) -> int:
            for ms, me, ts, te, token in segs:
                if ms <= p <= me:
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


_DATELINE = re.compile(r"[A-Z][A-Z.'’-]{2,}(?: [A-Z][A-Z.'’-]+)*(?:, [A-Z][\w.'’]*(?: [A-Z][\w.'’]*)*)?"
                       r"(?: \([^)\n]{1,30}\))? [-–—]{1,2} ")


def _dateline_length(sentence: str) -> int:
    """The length of the dateline a sentence opens with ("ASUNCION, Paraguay - ", "OSLO (Reuters) — "), else 0."""
    m = _DATELINE.match(sentence)
    return m.end() if m and m.end() < len(sentence) else 0


def _offset_days(t: TimexMatch) -> tuple[int, int] | None:
    """The days an amount of time spans ("six days": 6..6, "two months": 56..62), or None for what has no day count."""
    try:
        d = parse_duration(t.symbolic)
    except CalendarError:
        return None
    per_unit = {"day": (1, 1), "week": (7, 7), "month": (28, 31), "year": (365, 366)}.get(d.unit)
    if per_unit is None or d.amount != int(d.amount):
        return None
    return int(d.amount) * per_unit[0], int(d.amount) * per_unit[1]


def _full_or_partial(value: str) -> bool:
    """A calendar value a date fact can hold: a year, a month or a day, the year maybe left open."""
    return re.fullmatch(r"(?:\d{4}|XXXX)(?:-\d\d){0,2}", value) is not None and any(c.isdigit() for c in value)


def _weekday_told(t: TimexMatch, tense: str | None) -> TimexMatch:
    """A weekday with the tense of the verb it hangs on ("adjourned ... on Monday until March 16" is past).

    The date reader guesses a weekday's tense from the words around it; the verb the parse
    hangs it on says it outright, where it is in the past or the future tense.
    """
    rel = dict(t.relative)
    if rel.get("expression") != "weekday" or tense not in ("past", "future") or rel.get("tense") == tense:
        return t
    rel["tense"] = str(tense)
    return replace(t, relative=tuple(rel.items()), tense="past" if tense == "past" else "future")


def _trigger_dates(
    s: nlp.Sentence, usable: list[tuple[TimexMatch, TimexMatch]], here: list[Mention]
) -> list[tuple[Mention, TimexMatch, TimexMatch]]:
    """Dates the parse hangs on a table trigger's own word, however far the text puts them.

    "sentenced Kesselring to four years in prison on Wednesday": the relation patterns stop
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


def _full_date(value: str) -> bool:
    return bool(re.fullmatch(r"\d{4}-\d\d-\d\d", value))


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


class _State:
    """Events and facts of one article as the relations find them."""

    def __init__(self, ex: Extraction, text: str, doc: str, pack: CompiledPack, mentions: list[Mention],
                 headlines: tuple[tuple[int, int], ...]) -> None:  # fmt: skip
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
        self.topic = self._topic()
        self.statements = 0
        self._first_pair: dict[str, tuple[str, ...] | None] = {}
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

    def is_headline(self, pos: int) -> bool:
        # A bisection over the headlines' union: a long article has many, and this is asked per mention.
        runs = self._headline_runs
        i = bisect.bisect_right(runs[0], pos) - 1
        return i >= 0 and pos < runs[1][i]

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
        key = base if base not in self.events else next(
            f"{base}-{n}" for n in range(2, len(self.events) + 3) if f"{base}-{n}" not in self.events)
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

    def _topic(self) -> str | None:
        counts: Counter[str] = Counter()
        for name, rx in self.pack.topic_rx:
            counts[name] = len(rx.findall(self.text))
        best = [n for n, c in counts.most_common() if c > 0]
        return best[0] if best else None

    # -------------------------------------------------------------- events
    def event_for(self, mn: Mention, previous: bool = False) -> str:
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
                self._event(key, kind, self._participants(kind, mn), None, None, f"next {kind} ({self.quote(mn)})",
                            "next")
                self.add("rel-next", (mn.start, mn.end), {"kind": "order", "subject": key, "relation": "after",
                                                          "anchor": main}, 0.8)  # fmt: skip
            mn.key = key
            return key
        elif spec.corefer == "head" and not spec.per_agent:
            key = self._head_event(mn)
        elif self.pack.pack.events[kind].per_agent and mn.participants:
            key = f"{self.doc}:{kind}-" + "_".join(_slug(p) for p in mn.participants)
        else:
            main_loc = self.main_location.get(kind)
            main_tense = next((m.tense for m in self.mentions if m.kind == kind and m.tense in ("past", "future")
                               and not m.earlier and not self.is_headline(m.start)), None)  # fmt: skip
            main_parts = set(self._participants(kind, mn))
            own = set(mn.participants)
            main_ordinal = self._main_ordinal(kind)
            if mn.ordinal and main_ordinal and mn.ordinal != main_ordinal and not self.is_headline(mn.start):
                # "a third round ... The first round, held in January": another round of the article's series.
                return self._round(mn, main_ordinal)
            if mn.location and main_loc and mn.location != main_loc:
                key, role = f"{self.doc}:{kind}#{_slug(mn.location)}", "elsewhere"
            elif mn.tense in ("past", "future") and main_tense not in (None, mn.tense) and not self.is_headline(
                mn.start
            ):
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
        mn.key = key
        loc = mn.location if role in ("elsewhere", "previous") else self.main_location.get(kind)
        parts = mn.participants if self.pack.pack.events[kind].per_agent else self._participants(kind, mn)
        self._event(key, kind, parts, loc, self._series(kind, mn), f"{kind} ({self.quote(mn)})", role)
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
        return self._first_pair[kind] or mn.participants

    def _series(self, kind: str, mn: Mention) -> str | None:
        if kind not in ("talks", "exchange", "phone-call", "visit"):
            return None
        parts = "+".join(_slug(p) for p in self._participants(kind, mn)) or "unknown"
        key = f"{parts}:{kind}" + (f":{self.topic}" if self.topic else "")
        main_loc = self.main_location.get(kind)
        if mn.location and main_loc and mn.location != main_loc and mn.index not in self.previous:
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

    # -------------------------------------------------------------- facts
    def add(self, rule: str, span: tuple[int, int], body: dict[str, Any], weight: float = 0.9) -> None:
        a, b = span
        fid = f"{self.doc}-{rule}-{a}-{len(self.facts)}"
        sig = repr(sorted((k, str(v)) for k, v in body.items()))
        if sig in self.facts:
            return
        self.facts[sig] = {"id": fid, **body, "doc": self.doc, "span": [a, b], "quote": self.text[a:b], "by": rule,
                           "weight": weight}  # fmt: skip

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
        p, w, rid = rule.produce, rule.confidence, rule.id
        ev, ev2, t = got.get("event"), got.get("event2"), got.get("timex") or got.get("duration")
        if any(isinstance(x, Mention) and not x.asserted for x in (ev, ev2, speech)):
            return  # "if the talks fail on Monday", "did not meet on Friday": nothing is dated
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
        elif p == "offset" and ev is not None and ev2 is not None and t is not None:
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
        elif p == "last_met" and ev is not None and t is not None:
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

    def finish(self) -> None:
        self._series_for_counted()
        for mn in self.mentions:  # an event's theme: what its first mention that names one acts on
            ev = self.events.get(mn.key)
            theme = mn.args.theme if mn.args is not None and mn.kind != "statement" else ""
            if ev is not None and theme and "theme" not in ev:
                ev["theme"] = theme
        self.ex.events = sorted(self.events.values(), key=lambda e: e["id"])
        told = [*self.mentions, *(mn for mn, _, _ in self.dated)]
        told += [g for mn in list(told) for _, _, g in mn.offsets]
        mark_event_words(self.facts.values(), ((mn.key, mn.start, mn.end) for mn in told))
        facts = sorted(self.facts.values(), key=lambda f: (f["span"][0], f["id"]))
        self.ex.facts = sorted(self.ex.facts + facts, key=lambda f: (f["span"][0], f["id"]))


def _ends_within(ends: list[int], lo: int, hi: int) -> bool:
    """Whether any of the sorted ``ends`` lies in ``[lo, hi]``."""
    i = bisect.bisect_left(ends, lo)
    return i < len(ends) and ends[i] <= hi


def _dates_speech(text: str, mn: Mention, t: TimexMatch) -> bool:
    """The date is written right by a verb of saying ("said Tuesday", "announced on Monday", "Friday said")."""
    gap = text[mn.end : t.start] if mn.end <= t.start else text[t.end : mn.start] if t.end <= mn.start else ""
    return (mn.start < t.end and t.start < mn.end) or re.fullmatch(r"\s*(?:on\s+)?", gap, re.I) is not None


def _can_date(t: TimexMatch) -> bool:
    """A date that can date an event: a calendar value, a weekday or a shift ("now", "recently" cannot)."""
    if t.type != "DATE":
        return False
    if t.relative:
        return dict(t.relative).get("expression") in ("weekday", "shift")
    return re.match(r"(?:\d{4}|XXXX)(?:-\d\d){0,2}$", t.symbolic) is not None and any(c.isdigit() for c in t.symbolic)


@functools.cache
def _horizon() -> Horizon:
    """The years the shipped policy's timeline spans."""
    return load_policy().horizon


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


def _dates_fit(a: TimexMatch, b: TimexMatch) -> bool:
    """Two dates that may name one day: the same, or one within the other ("June", "June 1")."""
    if a.relative or b.relative:
        return a.relative == b.relative
    return a.symbolic.startswith(b.symbolic) or b.symbolic.startswith(a.symbolic)


_DAY_PART = re.compile(r"^((?:\d{4}|XXXX)-(?:\d\d-\d\d|W(?:\d\d|XX)-\d))T")


def _day_of(t: TimexMatch) -> TimexMatch:
    """A time of day on a named day ("12:00 UTC Monday", "May 3 at 9 a.m.") read as that day.

    The article reader places events in days, so a time of day dates its event to the day it
    falls on; a time with no day of its own ("at 3 p.m.") stays a TIME and dates nothing.
    """
    m = _DAY_PART.match(t.symbolic) if t.type == "TIME" else None
    if m is None:
        return t
    day = _DAY_PART.match(t.value)
    return replace(t, type="DATE", symbolic=m.group(1), value=day.group(1) if day else t.value)


def _tense(t: str) -> str:
    return t if t in ("past", "future") else "unknown"


def _shift_expression(unit: str, amount: int) -> dict[str, Any] | None:
    named = {("day", 0): "today", ("day", -1): "yesterday", ("day", 1): "tomorrow", ("week", -1): "last_week",
             ("week", 0): "this_week", ("week", 1): "next_week", ("month", -1): "last_month",
             ("month", 1): "next_month", ("year", -1): "last_year", ("year", 1): "next_year"}  # fmt: skip
    if (unit, amount) in named:
        return {"expression": named[(unit, amount)]}
    if unit in ("day", "week", "month", "year") and amount != 0:
        return {"expression": "ago" if amount < 0 else "ahead", "amount": abs(amount), "unit": unit}
    return None


__all__ = ["_WEEKDAYS", "ArticleReader", "Extraction", "summarize"]
