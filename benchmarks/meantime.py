"""MEANTIME gold reading and scoring, for ``benchmarks/events.py`` (standard library only).

A MEANTIME article (``intra_cross-doc_annotation`` XML) becomes a plain text, made of its
tokens joined back with a character span per token, and its gold: event mentions with the
event (and corpus-level instance) they refer to, the sentences annotated exhaustively, and
a time anchor per event.  The scoring functions compare a reader's events (clusters of
character spans) with that gold: pairwise link precision within and across articles,
recall of the gold cross-article pairs, and the dating of events against the anchors.

Conventions of the data that the scores depend on:

- Markables of the first, exhaustive annotation pass carry attributes (at least
  ``comment``); the cross-document pass added bare ones (``m_id`` and anchors only).  A
  sentence is exhaustively annotated when it holds a first-pass markable: the title, the
  date line and the next four sentences in 57 of the 60 files (five in one; fewer in two,
  one of which has only two body sentences).
- A mention refers to an EVENT (``REFERS_TO``); an EVENT with an ``instance_id`` is the
  same event in every article that refers to it.  An EVENT without one is local to its
  article; a mention that refers to no EVENT is an event of its own.
- ``list_instances.csv`` gives an instance's ``TIME`` or ``BEGINTERVAL``/``ENDINTERVAL``
  (``2008-03-01``, ``2008-03-XX``, ``2008-XX-XX``; ``XXXX-XX-XX`` is unknown); an event
  without one is anchored by a TLINK (SIMULTANEOUS, IS_INCLUDED, INCLUDES) to a dated TIMEX3.
  The two annotations can disagree: an instance's ``TIME`` is sometimes the creation time
  of an article whose own TLINK puts the event on an earlier day it names ("on Tuesday").
  A dating that matches the article's TLINK but not the instance time is counted apart
  ("gold disagrees"), neither right nor an exclusion.
- The date line (sentence 1) is the publication date; two files do not mark its TIMEX3 as
  the CREATION_TIME, so the TIMEX3 on that line is taken, whatever its function.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import itertools
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

# Tokens written without a space before them, and after them.
_NO_SPACE_BEFORE = {
    ",",
    ".",
    ":",
    ";",
    "?",
    "!",
    ")",
    "]",
    "}",
    "%",
    "'s",
    "'",
    "n't",
    "'re",
    "'ve",
    "'ll",
    "'d",
    "'m",
    "''",
}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "US$", "#"}


@dataclass(frozen=True)
class GoldMention:
    """A gold EVENT_MENTION: its tokens, character span in the text, and the event it refers to."""

    m_id: str
    doc: str
    tokens: tuple[str, ...]
    sentence: int
    start: int
    end: int
    event: str  # gold event key: the instance id, else doc-local EVENT, else the mention itself
    instance: str | None
    first_pass: bool
    text: str


@dataclass(frozen=True)
class Anchor:
    """A gold time anchor: an inclusive range of days (None: unbounded on that side) and where it came from.

    ``disputed`` holds the event's in-article TLINK anchors that share no day with an
    instance's ``TIME``: the gold's two annotations of one event disagreeing.
    """

    lo: dt.date | None
    hi: dt.date | None
    source: str
    disputed: tuple[Anchor, ...] = ()


@dataclass
class GoldDoc:
    """One MEANTIME article: its text, token spans, gold event mentions and time anchors."""

    doc_id: str
    name: str
    text: str
    published: dt.date | None
    token_spans: dict[str, tuple[int, int]]
    token_sentence: dict[str, int]
    exhaustive: frozenset[int]
    mentions: dict[str, GoldMention] = field(default_factory=dict)
    front: int = 0  # characters written before the text (front matter) in the audited file
    # TLINK anchors of doc-local gold events (instances are anchored by list_instances.csv).
    tlink_anchors: dict[str, list[Anchor]] = field(default_factory=dict)

    def tokens_in(self, start: int, end: int) -> list[str]:
        """The tokens whose characters overlap ``[start, end)``, in text order."""
        return [t for t, (a, b) in self.token_spans.items() if a < end and start < b]

    def mentions_in(self, start: int, end: int) -> list[GoldMention]:
        """The gold mentions with a token overlapping ``[start, end)``, in text order."""
        toks = set(self.tokens_in(start, end))
        return sorted((m for m in self.mentions.values() if toks & set(m.tokens)), key=lambda m: (m.start, m.m_id))

    def known(self, sentence: int) -> bool:
        """Whether every event of the sentence is annotated (first-pass sentences)."""
        return sentence in self.exhaustive

    def sentence_at(self, pos: int) -> int | None:
        """The sentence of the token at or after character ``pos`` (None past the end)."""
        best = None
        for t, (a, b) in self.token_spans.items():
            if b > pos and (best is None or a < self.token_spans[best][0]):
                best = t
        return None if best is None else self.token_sentence[best]


def join_tokens(tokens: Sequence[tuple[str, int, str]]) -> tuple[str, dict[str, tuple[int, int]]]:
    """Tokens ``(t_id, sentence, text)`` joined back into text, with each token's character span.

    Sentences are paragraphs (a blank line between them): the title, the date line, then
    the body.  Within a sentence, tokens are separated by a space except around
    punctuation that is written attached.
    """
    parts: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    pos = 0
    prev_sent: int | None = None
    prev_tok = ""
    for t_id, sent, word in tokens:
        if prev_sent is None:
            sep = ""
        elif sent != prev_sent:
            sep = "\n\n"
        elif word in _NO_SPACE_BEFORE or prev_tok in _NO_SPACE_AFTER:
            sep = ""
        else:
            sep = " "
        parts.append(sep)
        pos += len(sep)
        spans[t_id] = (pos, pos + len(word))
        parts.append(word)
        pos += len(word)
        prev_sent, prev_tok = sent, word
    return "".join(parts) + "\n", spans


def parse_value(value: str) -> tuple[dt.date, dt.date] | None:
    """A TIMEX3 or instance time value as an inclusive day range (``2008``, ``2008-03``, ``2008-03-01``...)."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}|XX)(?:-(\d{2}|XX))?)?(?:T.*)?", value.strip())
    if not m:
        return None
    year = int(m.group(1))
    month, day = m.group(2), m.group(3)
    if month is None or month == "XX":
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    mo = int(month)
    if not 1 <= mo <= 12:
        return None
    if day is None or day == "XX":
        return dt.date(year, mo, 1), dt.date(year, mo, calendar.monthrange(year, mo)[1])
    try:
        d = dt.date(year, mo, int(day))
    except ValueError:
        return None
    return d, d


def read_doc(path: Path) -> GoldDoc:
    """Read one MEANTIME article file."""
    root = ET.parse(path).getroot()
    doc_id = root.get("doc_id") or path.stem.split("_")[0]
    toks = [(t.get("t_id", ""), int(t.get("sentence", "0")), t.text or "") for t in root.iter("token")]
    text, spans = join_tokens(toks)
    tok_sent = {t: s for t, s, _ in toks}
    markables = root.find("Markables")
    relations = root.find("Relations")
    marks = {m.get("m_id", ""): m for m in (markables if markables is not None else [])}
    anchors = {m_id: tuple(a.get("t_id", "") for a in m.iter("token_anchor")) for m_id, m in marks.items()}
    exhaustive = frozenset(
        tok_sent[a] for m_id, m in marks.items() if "comment" in m.attrib for a in anchors[m_id] if a in tok_sent
    )
    refers: dict[str, str] = {}
    tlinks: list[tuple[str, str, str]] = []
    for rel in relations if relations is not None else []:
        if rel.tag == "REFERS_TO":
            target = rel.find("target")
            for src in rel.findall("source"):
                if target is not None:
                    refers[src.get("m_id", "")] = target.get("m_id", "")
        elif rel.tag == "TLINK":
            s, t = rel.find("source"), rel.find("target")
            if s is not None and t is not None:
                tlinks.append((s.get("m_id", ""), t.get("m_id", ""), rel.get("reltype", "")))
    published = _date_line(toks, marks, anchors, tok_sent)
    doc = GoldDoc(doc_id, root.get("doc_name") or path.stem, text, published, spans, tok_sent, exhaustive)
    for m_id, m in marks.items():
        if m.tag != "EVENT_MENTION" or not anchors[m_id]:
            continue
        tk = tuple(a for a in anchors[m_id] if a in spans)
        if not tk:
            continue
        target = marks.get(refers.get(m_id, ""))
        instance = target.get("instance_id") if target is not None else None
        if instance:
            event = instance
        elif target is not None:
            event = f"{doc_id}#{target.get('m_id')}"
        else:
            event = f"{doc_id}#mention-{m_id}"
        start = min(spans[a][0] for a in tk)
        end = max(spans[a][1] for a in tk)
        doc.mentions[m_id] = GoldMention(
            m_id,
            doc_id,
            tk,
            tok_sent[tk[0]],
            start,
            end,
            event,
            instance or None,
            "comment" in m.attrib,
            text[start:end],
        )
    for s, t, rel in tlinks:
        if rel not in ("SIMULTANEOUS", "IS_INCLUDED", "INCLUDES"):
            continue
        for em, tx in ((s, t), (t, s)):
            # A TIMEX3 that includes the event, or the same time: an anchor for the event.
            if (rel == "IS_INCLUDED" and em != s) or (rel == "INCLUDES" and em != t):
                continue
            mention, timex = doc.mentions.get(em), marks.get(tx)
            if mention is None or timex is None or timex.tag != "TIMEX3" or timex.get("type") != "DATE":
                continue
            r = parse_value(timex.get("value", ""))
            if r is not None:
                doc.tlink_anchors.setdefault(mention.event, []).append(Anchor(r[0], r[1], f"TLINK {rel}"))
    return doc


def _date_line(
    toks: Sequence[tuple[str, int, str]],
    marks: dict[str, ET.Element],
    anchors: dict[str, tuple[str, ...]],
    tok_sent: dict[str, int],
) -> dt.date | None:
    """The publication date: the day a TIMEX3 on the date line (sentence 1) names, else the line read as a date.

    Most files mark that TIMEX3 as the CREATION_TIME; a few do not.
    """
    for m_id, m in marks.items():
        if m.tag == "TIMEX3" and any(tok_sent.get(a) == 1 for a in anchors[m_id]):
            r = parse_value(m.get("value", ""))
            if r is not None and r[0] == r[1]:
                return r[0]
    line = " ".join(w for _, s, w in toks if s == 1)
    try:
        return dt.datetime.strptime(line, "%B %d , %Y").date()
    except ValueError:
        return None


def read_instances(path: Path) -> dict[str, Anchor]:
    """Anchors of the instances in ``list_instances.csv`` that carry a usable time."""
    out: dict[str, Anchor] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row.get("TYPE") != "EVENT":
                continue
            iid = row.get("#ID", "")
            time = parse_value(row.get("TIME") or "")
            if time is not None:
                out[iid] = Anchor(time[0], time[1], "TIME")
                continue
            begin = parse_value(row.get("BEGINTERVAL") or "")
            end = parse_value(row.get("ENDINTERVAL") or "")
            if begin is not None or end is not None:
                out[iid] = Anchor(begin[0] if begin else None, end[1] if end else None, "BEGIN/ENDINTERVAL")
    return out


def anchor_of(event: str, docs: Iterable[GoldDoc], instances: dict[str, Anchor]) -> Anchor | None:
    """The gold anchor of a gold event: its instance time, else the intersection of its TLINK anchors.

    An instance's time keeps, as ``disputed``, the TLINK anchors its articles give it that
    share no day with that time (5 of the 80 TLINK anchors of instances in meantime-dev).
    """
    found = [a for d in docs for a in d.tlink_anchors.get(event, [])]
    if event in instances:
        inst = instances[event]
        apart = tuple(a for a in found if _apart(a, inst))
        return Anchor(inst.lo, inst.hi, inst.source, apart) if apart else inst
    if not found:
        return None
    lo = max(a.lo for a in found if a.lo is not None)
    hi = min(a.hi for a in found if a.hi is not None)
    if lo > hi:  # TLINKs that disagree: keep the narrowest
        best = min(found, key=lambda a: (a.hi - a.lo).days if a.lo and a.hi else 10**6)
        return best
    return Anchor(lo, hi, found[0].source)


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class SysMention:
    """A reader's mention mapped onto the gold: a gold mention, or none (with whether its sentence is known)."""

    doc: str
    start: int
    end: int
    gold: GoldMention | None
    known: bool  # judged: maps to a gold mention, or lies in an exhaustively annotated sentence


def map_mention(doc: GoldDoc, start: int, end: int, label: str = "", *, later: bool = False) -> SysMention:
    """The gold event mention a reader's span names.

    A span (a trigger, or a fact's whole quote) may cover several gold mentions.  The one
    taken is, in this order of preference: named by the event's label (their words
    compared), covered by the span for the larger part of its tokens, with more tokens
    in the span, of the first pass, the first in the text.  Only the exhaustively
    annotated sentences are judged: a span in a later sentence is unknown, and a span
    over no gold mention in an annotated sentence is a non-event.  With ``later``, a span
    in a later sentence that covers a mention added by the cross-document pass is judged
    too.
    """
    sent = doc.sentence_at(start)
    known_sentence = sent is not None and doc.known(sent)
    if not known_sentence and not later:
        return SysMention(doc.doc_id, start, end, None, False)
    cands = [m for m in doc.mentions_in(start, end) if later or doc.known(m.sentence)]
    if not cands:
        return SysMention(doc.doc_id, start, end, None, known_sentence)
    span = set(doc.tokens_in(start, end))
    words = _stems(label)

    def fit(m: GoldMention) -> tuple[bool, float, int, bool]:
        inside = len(span.intersection(m.tokens))
        own = " ".join(doc.text[slice(*doc.token_spans[t])] for t in m.tokens)  # not the words between
        return bool(_stems(own) & words), inside / len(m.tokens), inside, m.first_pass

    best = max(cands, key=fit)  # the first of equals, in text order
    return SysMention(doc.doc_id, start, end, best, True)


def _stems(text: str) -> set[str]:
    """The words of a text cut to five letters, a crude stem (``released`` and ``release`` agree)."""
    return {w[:5] for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 2}


@dataclass
class LinkScore:
    """Pairwise link counts: the reader's pairs judged right and wrong, and gold pairs found."""

    within_right: int = 0
    within_wrong: int = 0
    cross_right: int = 0
    cross_wrong: int = 0
    unjudged: int = 0  # pairs with a mention outside the annotated sentences that maps to no gold mention
    nonevent_pairs: int = 0  # pairs with a mention in an annotated sentence that is not a gold event
    gold_cross: int = 0  # gold cross-article pairs among the gold mentions the reader found
    gold_cross_found: int = 0  # of those, put in one event by the reader
    mentions: int = 0
    mapped: int = 0
    wrong_pairs: list[tuple[GoldMention, GoldMention]] = field(default_factory=list)  # judged wrong, for a listing

    @property
    def within_precision(self) -> float | None:
        n = self.within_right + self.within_wrong
        return self.within_right / n if n else None

    @property
    def cross_precision(self) -> float | None:
        n = self.cross_right + self.cross_wrong
        return self.cross_right / n if n else None

    @property
    def cross_recall(self) -> float | None:
        return self.gold_cross_found / self.gold_cross if self.gold_cross else None


def score_links(clusters: Sequence[Sequence[SysMention]]) -> LinkScore:
    """Pairwise precision of the reader's events (clusters of mentions) and recall of gold cross-article pairs.

    A pair of mentions is judged when both map to gold mentions: right when the gold puts
    them in one event.  Several reader mentions on one gold mention count once.  Recall
    counts the gold cross-article pairs among the gold mentions the reader found in any
    event, and how many of them share a reader event.
    """
    sc = LinkScore()
    found: dict[tuple[str, str], set[int]] = defaultdict(set)  # gold mention -> reader events holding it
    for ci, cluster in enumerate(clusters):
        sc.mentions += len(cluster)
        gold: dict[tuple[str, str], GoldMention] = {}
        other: list[SysMention] = []
        for m in cluster:
            if m.gold is not None:
                gold[(m.gold.doc, m.gold.m_id)] = m.gold
                found[(m.gold.doc, m.gold.m_id)].add(ci)
                sc.mapped += 1
            else:
                other.append(m)
        for a, b in itertools.combinations(sorted(gold.values(), key=lambda g: (g.doc, g.start, g.m_id)), 2):
            right = a.event == b.event
            if not right:
                sc.wrong_pairs.append((a, b))
            if a.doc == b.doc:
                sc.within_right += right
                sc.within_wrong += not right
            else:
                sc.cross_right += right
                sc.cross_wrong += not right
        # Spans that are no gold mention, paired with anything else in the event.
        for i, m in enumerate(other):
            n_others = len(gold) + len(other) - i - 1
            if m.known:
                sc.nonevent_pairs += n_others
            else:
                sc.unjudged += n_others
    golds = {k: g for cl in clusters for m in cl if (g := m.gold) is not None for k in [(g.doc, g.m_id)]}
    by_event: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for k, g in golds.items():
        by_event[g.event].append(k)
    for keys in by_event.values():
        for a, b in itertools.combinations(sorted(keys), 2):
            if a[0] != b[0]:
                sc.gold_cross += 1
                sc.gold_cross_found += bool(found[a] & found[b])
    return sc


def gold_cross_pairs(docs: Iterable[GoldDoc], *, known_only: bool = True) -> int:
    """All gold cross-article mention pairs (of the annotated sentences, by default): recall's upper bound."""
    by_event: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for d in docs:
        for m in d.mentions.values():
            if m.instance and (not known_only or d.known(m.sentence)):
                by_event[m.event].append((m.doc, m.m_id))
    return sum(1 for keys in by_event.values() for a, b in itertools.combinations(keys, 2) if a[0] != b[0])


DATING = ("exact", "contains", "inside", "overlaps", "excludes", "gold disagrees", "unbounded")


def _apart(a: Anchor, b: Anchor) -> bool:
    """Whether two anchors share no day."""
    return (a.hi or dt.date.max) < (b.lo or dt.date.min) or (b.hi or dt.date.max) < (a.lo or dt.date.min)


def judge(earliest: dt.date | None, latest: dt.date | None, anchor: Anchor) -> str:
    """The verdict of ``judge_dating``, or ``gold disagrees`` for a dating that excludes an
    instance's time but not a disputed TLINK anchor of the same event (the gold holds both).
    """
    verdict = judge_dating(earliest, latest, anchor)
    if verdict == "excludes" and any(judge_dating(earliest, latest, a) != "excludes" for a in anchor.disputed):
        return "gold disagrees"
    return verdict


def judge_dating(earliest: dt.date | None, latest: dt.date | None, anchor: Anchor) -> str:
    """How a reader's feasible range for an event stands to the gold anchor.

    ``exact``: the same days; ``contains``: the range holds the anchor and more;
    ``inside``: the range lies within the anchor; ``overlaps``: they share days only;
    ``excludes``: no day in common (the reader's dating is wrong); ``unbounded``: the
    reader gives the event no bound at all.
    """
    if earliest is None and latest is None:
        return "unbounded"
    lo = earliest or dt.date.min
    hi = latest or dt.date.max
    alo = anchor.lo or dt.date.min
    ahi = anchor.hi or dt.date.max
    if hi < alo or lo > ahi:
        return "excludes"
    if (lo, hi) == (alo, ahi):
        return "exact"
    if lo <= alo and hi >= ahi:
        return "contains"
    if lo >= alo and hi <= ahi:
        return "inside"
    return "overlaps"


def majority_event(mentions: Iterable[SysMention]) -> list[str]:
    """The distinct gold events a reader's event maps to, most mentioned first."""
    c = Counter(m.gold.event for m in mentions if m.gold is not None)
    return [e for e, _ in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))]
