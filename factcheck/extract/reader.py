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

The reader's parts are modules of their own: the page around the story (:mod:`.page`),
event triggers (:mod:`.mentions`), the parse (:mod:`.parsing`), relation rules over marked
sentences (:mod:`.matching`), undated mentions (:mod:`.undated`); the per-article state
decides which event each mention names (:mod:`.identity`) and builds the facts (:mod:`.produce`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from factcheck.corpus.load import Article, article_windows
from factcheck.dates.deadline import renewed_budget
from factcheck.dates.tagger import DateReader, TimexMatch
from factcheck.extract import nlp
from factcheck.extract.arguments import ArgumentReader
from factcheck.extract.extraction import Extraction
from factcheck.extract.matching import RelationMatcher
from factcheck.extract.mentions import Mention, MentionFinder
from factcheck.extract.merge import Merger
from factcheck.extract.noun_tense import noun_tenses
from factcheck.extract.page import PageReader, _post_lines
from factcheck.extract.parsing import ParseReader
from factcheck.extract.produce import _State
from factcheck.extract.rules import CompiledPack, load_extract_pack
from factcheck.extract.timexes import _day_of
from factcheck.extract.undated import UndatedReader


class ArticleReader(PageReader, MentionFinder, ParseReader, RelationMatcher, UndatedReader):
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
        ex = Extraction(doc, _document(article, doc))
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
        post_lines = _post_lines(text, bp, sentences)
        if post_lines:
            extra = self._mentions(text, post_lines, boiler, ends)
            for mn in extra:
                mn.index += len(mentions)
            mentions += extra
        within, timexes_within = _sentence_index(mentions, story_timexes)
        parsed: dict[tuple[int, int], nlp.Sentence] = {}
        dated = self._parse_mentions(text, mentions, sentences, timexes_within, parsed)
        state = _State(ex, text, doc, self.pack, mentions, article.segmentation.headlines, parsed)
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
            _in_file(ex, article)
        return ex


def _document(article: Article, doc: str) -> dict[str, Any]:
    """The article's document entry: its id, the file quotes are checked against, title, url, source, dates."""
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
    return document


def _sentence_index(
    mentions: list[Mention], story_timexes: list[TimexMatch]
) -> tuple[Callable[[tuple[int, int]], list[Mention]], Callable[[tuple[int, int]], list[TimexMatch]]]:
    """Each sentence's mentions and timexes, found by bisection: a long window has thousands of sentences.

    Both are in the order of the lists, as a filter over them would give.
    """
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

    return within, timexes_within


def _in_file(ex: Extraction, article: Article) -> None:
    """Facts' spans and events' mentions as file offsets, where the text read begins after the file does."""
    for f in ex.facts:  # spans index the file, front matter included
        f["span"] = [f["span"][0] + article.body_offset, f["span"][1] + article.body_offset]
        for w in f.get("words", ()):
            w["start"], w["end"] = w["start"] + article.body_offset, w["end"] + article.body_offset
    for ev in ex.events:
        for m in ev.get("mentions", ()):
            m["start"], m["end"] = m["start"] + article.body_offset, m["end"] + article.body_offset


__all__ = ["ArticleReader"]
