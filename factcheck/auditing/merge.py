"""Merging the reports of independently audited stories, deterministically: into one report, or as a stream.

Stories come in a fixed order (by their first document), so component numbers are
renumbered by that order, and every list is sorted exactly as a single check sorts it:
the merged report is the same bytes however many workers made its parts.  Parts are
merged as plain JSON (as they come from workers and the cache) and validated once.

A merged report holds the whole corpus's timeline, so :class:`Merger` keeps its parts on
disk (a SQLite file), sorted there, and can write the JSON report from them piece by
piece (:meth:`Merger.write_json`): one long article's hundred windows cost disk, not
memory.  For an archive, :class:`~factcheck.auditing.lines.LineWriter` writes each
story's report as one line of JSON as soon as its turn comes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from factcheck.auditing.lines import count_key, finding_counts
from factcheck.corpus.load import read_article_text
from factcheck.diagnostics import finding_key as report_order
from factcheck.diagnostics import report_status
from factcheck.diagnostics.base import is_error, status_of
from factcheck.formats import Format
from factcheck.model import (
    ArticleText,
    DocumentTimes,
    EventLink,
    EventTimes,
    FactSet,
    Finding,
    Report,
    Status,
)
from factcheck.report.common import kind_counts
from factcheck.report.json_format import item_data


def reduce_context(report: Report, fs: FactSet) -> FactSet:
    """Only what rendering a report's findings needs from its fact set: their facts, quotes' articles, origins."""
    fact_ids = {i for f in report.findings for i in f.facts} | {s.fact for f in report.findings for s in f.sources}
    docs = {s.doc for f in report.findings for s in f.sources if s.doc}
    docs |= {f.subject[4:] for f in report.findings if f.subject and f.subject.startswith("doc:")}
    # Article texts are left out (they are re-read from their paths for the formats that show
    # quotes in context, see load_texts): the parts of a large corpus stay small.
    return FactSet(
        facts=tuple(f for f in fs.facts if f.id in fact_ids),
        origins={k: v for k, v in fs.origins.items() if k in fact_ids},
        text_paths={d: p for d, p in fs.text_paths.items() if d in docs},
    )


def load_texts(report: Report, fs: FactSet) -> FactSet:
    """The context with the text of every article a finding quotes, read again from its path."""
    docs = sorted({s.doc for f in report.findings for s in f.sources if s.doc and s.doc in fs.text_paths})
    texts = {}
    for d in docs:
        try:
            texts[d] = read_article_text(Path(fs.text_paths[d]))
        except OSError:
            continue  # gone since it was read: the finding is shown without its context
    return fs.model_copy(update={"texts": texts})


def _renumber(f: dict[str, Any], offset: int) -> dict[str, Any]:
    # A story's components are numbered from 0: in the merged report they follow the earlier stories'.
    # The field alone changes: a finding's message is rendered from its fields when it is written.
    if f.get("component") is None or offset == 0:
        return f
    return {**f, "component": f["component"] + offset}


def _finding_order(f: dict[str, Any]) -> tuple[Any, ...]:
    # A report's order of findings (factcheck.diagnostics), on JSON: the message is rendered for it.
    return report_order(Finding.model_validate(f))


def _tuple_key(strings: Iterator[str] | tuple[str, ...]) -> str:
    # Each string ended by \x01 and the whole by \x00: ordered as Python orders tuples of str
    # (ids and codes hold no control characters).
    return "".join(x + "\x01" for x in strings) + "\x00"


def finding_key(f: dict[str, Any]) -> str:
    """A finding's place in :func:`_finding_order` as one string, which SQLite's byte order sorts the same way.

    SQLite compares text as UTF-8 bytes, that is by code point as Python compares ``str``;
    fields end in a NUL, below any character they hold, so a shorter field sorts first.
    """
    kind, code, subject, facts, message = _finding_order(f)
    return f"{kind:04d}\x00{code}\x00{subject}\x00{_tuple_key(facts)}{message}"


def link_key(lk: dict[str, Any]) -> str:
    """A link's (event, members, linked) as one string sorted as the tuple is."""
    return f"{lk['event']}\x00{_tuple_key(tuple(lk['members']))}{int(lk.get('linked', True))}"


_SCHEMA = """
CREATE TABLE findings (seq INTEGER PRIMARY KEY, key TEXT, digest BLOB UNIQUE, json TEXT);
CREATE INDEX findings_key ON findings (key, seq);
CREATE TABLE events (id TEXT PRIMARY KEY, json TEXT);
CREATE TABLE documents (id TEXT PRIMARY KEY, json TEXT);
CREATE TABLE links (id TEXT PRIMARY KEY, json TEXT);
CREATE TABLE facts (id TEXT PRIMARY KEY, json TEXT);
CREATE TABLE context (kind TEXT, id TEXT, json TEXT, PRIMARY KEY (kind, id));
"""
_LISTS: dict[str, type[BaseModel]] = {"documents": DocumentTimes, "events": EventTimes, "findings": Finding,
                                       "links": EventLink}  # fmt: skip
_CONTEXT = ("origins", "texts", "text_paths")
STREAMED = frozenset({Format.JSON, Format.TEXT, Format.GITHUB})  # the formats Merger.write_report writes


@dataclass(frozen=True)
class ReportSink:
    """Where a merged report goes, written from disk piece by piece, and how: format and rendering options.

    ``step_summary`` takes GitHub's step summary (the github format only); ``cwd`` is the
    folder paths are shown relative to (default: the current one).
    """

    format: Format
    write: Callable[[str], object]
    color: bool = False
    cwd: Path | None = None
    step_summary: Callable[[str], object] | None = None


class Merger:
    """Merges the stories' results (``{"report", "context"}`` JSON) one at a time, in story order.

    Each part is folded into a SQLite file in ``folder`` (in memory without one) and
    dropped, so memory holds neither the parts nor the merged report until :meth:`finish`
    builds it; :meth:`summary` and :meth:`write_json` never do.  Background events and
    documents that several stories refer to appear once (the first story's view of them);
    counts are summed, plus the number of stories.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self._db = sqlite3.connect(folder / "merged.sqlite" if folder else ":memory:")
        self._db.execute("PRAGMA journal_mode=OFF")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.executescript(_SCHEMA)
        self.stats: Counter[str] = Counter()
        self.offset = 0
        self.parts = 0

    def add(self, part: dict[str, Any]) -> None:
        """Fold in the next story's result."""
        report, ctx = part["report"], part["context"]
        db = self._db
        rows = []
        for f in report.get("findings", ()):
            g = _renumber(f, self.offset)
            digest = hashlib.sha256(json.dumps(g, sort_keys=True).encode()).digest()
            rows.append((finding_key(g), digest, _compact(g)))
        # INSERT OR IGNORE keeps the first of equal items, in the order first seen (as dict.setdefault).
        db.executemany("INSERT OR IGNORE INTO findings (key, digest, json) VALUES (?, ?, ?)", rows)
        for table in ("events", "documents"):
            db.executemany(f"INSERT OR IGNORE INTO {table} VALUES (?, ?)",
                           ((x["id"], _compact(x)) for x in report.get(table, ())))  # fmt: skip
        db.executemany("INSERT OR IGNORE INTO links VALUES (?, ?)",
                       ((link_key(lk), _compact(lk)) for lk in report.get("links", ())))  # fmt: skip
        db.executemany("INSERT OR IGNORE INTO facts VALUES (?, ?)",
                       ((fact["id"], _compact(fact)) for fact in ctx.get("facts", ())))  # fmt: skip
        for kind in _CONTEXT:  # a later story's value replaces an earlier one's (as dict.update)
            db.executemany("INSERT OR REPLACE INTO context VALUES (?, ?, ?)",
                           ((kind, k, _compact(v)) for k, v in ctx.get(kind, {}).items()))  # fmt: skip
        self.stats.update(report.get("stats", {}))
        self.offset += report.get("stats", {}).get("components", 0)
        self.parts += 1

    def _rows(self, table: str) -> Iterator[dict[str, Any]]:
        order = "key, seq" if table == "findings" else "id"
        for (text,) in self._db.execute(f"SELECT json FROM {table} ORDER BY {order}"):
            yield json.loads(text)

    def summary(self, as_of: dt.date) -> Report:
        """The merged report's status and counts, with no lists: what :meth:`finish` gives less its lists."""
        stats = Counter(self.stats)
        stats["stories"] = self.parts
        counts: Counter[str] = Counter()
        kinds: set[str] = set()
        error = False
        for f in self._rows("findings"):
            finding = Finding.model_validate(f)
            kinds.add(finding.kind)
            error = error or is_error(finding)
            counts[count_key(finding)] += 1
        status = status_of(kinds, error)  # report_status's, one finding at a time
        return Report(status=status, as_of=as_of, stats=dict(sorted((stats + counts).items())))

    def finish(self, as_of: dt.date) -> tuple[Report, FactSet]:
        """The merged report and the facts its findings cite."""
        stats = Counter(self.stats)
        stats["stories"] = self.parts
        merged = Report.model_validate({
            "status": Status.CONSISTENT,  # set below from the validated findings
            "as_of": as_of,
            **{name: list(self._rows(name)) for name in _LISTS},
            "stats": dict(sorted(stats.items())),
        })  # fmt: skip
        # the findings' counts by severity, as a streamed audit's summary has them
        counted = dict(sorted((Counter(merged.stats) + Counter(finding_counts(merged))).items()))
        merged = merged.model_copy(update={"status": report_status(merged.findings), "stats": counted})
        context: dict[str, dict[str, Any]] = {kind: {} for kind in _CONTEXT}
        for kind, key, text in self._db.execute("SELECT kind, id, json FROM context ORDER BY kind, id"):
            context[kind][key] = json.loads(text)
        fs = FactSet.model_validate({"facts": list(self._rows("facts")), **context})
        return merged, fs

    def write_json(self, summary: Report, write: Callable[[str], object]) -> None:
        """Write the JSON report (``render_json``'s bytes) of ``summary`` with the merged lists, item by item.

        ``summary`` is :meth:`summary`'s report, with any notes and file account added; the
        lists come from disk, each item validated and written on its own.
        """
        out: list[str] = []
        size = 0

        def put(text: str) -> None:
            nonlocal size
            out.append(text)
            size += len(text)
            if size > 1 << 20:
                write("".join(out))
                out.clear()
                size = 0

        put("{")
        for i, (key, value) in enumerate(summary.model_dump(mode="json").items()):
            put(("," if i else "") + "\n  " + json.dumps(key) + ": ")
            model = _LISTS.get(key)
            if model is None:
                put(json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n  "))
                continue
            # json.dumps(indent=2) nests an item of a top-level list four spaces in.
            n = 0
            for n, item in enumerate(self._rows(key), 1):
                text = json.dumps(item_data(model.model_validate(item)), indent=2, ensure_ascii=False)
                put(("[" if n == 1 else ",") + "\n    " + text.replace("\n", "\n    "))
            put("\n  ]" if n else "[]")
        put("\n}\n")
        write("".join(out))

    def kind_counts(self) -> dict[str, int]:
        """The merged findings by kind, as :func:`~factcheck.report.common.counts` gives a merged report's."""
        return kind_counts(json.loads(t)["kind"] for (t,) in self._db.execute("SELECT json FROM findings"))

    def _context(self, kind: str, keys: Iterable[str]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key in sorted(set(keys)):
            row = self._db.execute("SELECT json FROM context WHERE kind = ? AND id = ?", (kind, key)).fetchone()
            if row is not None:
                out[key] = json.loads(row[0])
        return out

    def _first_origin(self) -> dict[str, Any]:
        """The origin with the smallest path (the first of the whole fact set's), by its fact id."""
        first: dict[str, Any] = {}
        for key, text in self._db.execute("SELECT id, json FROM context WHERE kind = 'origins' ORDER BY id"):
            origin = json.loads(text)
            if not first or origin["path"] < next(iter(first.values()))["path"]:
                first = {key: origin}
        return first

    def findings_in_context(self, texts: bool = True, cached: int = 4) -> Iterator[tuple[Finding, FactSet]]:
        """The merged findings in order, each with the part of :meth:`finish`'s fact set (and texts) it is shown with.

        Every place a format looks a finding up (``report.locate``, ``report.marks``) finds
        there what it would in the whole fact set with :func:`load_texts`'s texts: the facts
        and origins the finding cites, its articles' paths and texts (an article's text only
        if some finding quotes it, as :func:`load_texts` has it), the first origin file (the
        last fallback of ``locate_finding``) and, for a finding about a document with no
        path, the document's facts.  The last ``cached`` texts read are kept.
        """
        db = self._db
        quoted: set[str] = set()
        for f in self._rows("findings"):
            quoted.update(s["doc"] for s in f.get("sources", ()) if s.get("doc"))
        first = self._first_origin()
        read: OrderedDict[str, ArticleText | None] = OrderedDict()

        def text_of(doc: str, path: str) -> ArticleText | None:
            if doc not in read:
                try:
                    read[doc] = read_article_text(Path(path))
                except OSError:
                    read[doc] = None  # gone since it was read: the finding is shown without its context
                if len(read) > cached:
                    read.popitem(last=False)
            read.move_to_end(doc)
            return read[doc]

        for f in self._rows("findings"):
            finding = Finding.model_validate(f)
            quotes = (*finding.sources, *finding.also)
            fact_ids = {*finding.facts, *(s.fact for s in quotes)}
            docs = {s.doc for s in quotes if s.doc}
            subject = finding.subject[4:] if finding.subject and finding.subject.startswith("doc:") else None
            if subject is not None:
                docs.add(subject)
            paths = self._context("text_paths", docs)
            facts = [json.loads(t) for (t,) in db.execute(
                f"SELECT json FROM facts WHERE id IN ({','.join('?' * len(fact_ids))}) ORDER BY id",
                sorted(fact_ids))]  # fmt: skip
            if subject is not None and subject not in paths:
                # locate_finding looks for the document's facts in the whole fact set
                cited = {fact["id"] for fact in facts}
                for (t,) in db.execute("SELECT json FROM facts ORDER BY id"):
                    fact = json.loads(t)
                    if fact.get("doc") == subject and fact["id"] not in cited:
                        facts.append(fact)
                facts.sort(key=lambda fact: fact["id"])
            origins = {**first, **self._context("origins", fact_ids | {fact["id"] for fact in facts})}
            shown = {}
            if texts:
                for d in sorted(docs & quoted & paths.keys()):
                    text = text_of(d, paths[d])
                    if text is not None:
                        shown[d] = text
            yield finding, FactSet.model_validate({"facts": facts, "origins": origins, "text_paths": paths,
                                                   "texts": shown})  # fmt: skip

    def timeline(self) -> tuple[int, Iterator[tuple[str, str, str]]]:
        """The text report's timeline rows, sorted on disk, and the width of their longest range (0: none)."""
        from factcheck.report.text import document_row, event_row

        db = self._db
        db.execute("CREATE TEMP TABLE IF NOT EXISTS timeline "
                   "(late INTEGER, range TEXT, id TEXT, seq INTEGER PRIMARY KEY, label TEXT)")  # fmt: skip
        db.execute("DELETE FROM timeline")
        width = 0

        def rows() -> Iterator[tuple[bool, str, str, str]]:
            nonlocal width
            events = (event_row(EventTimes.model_validate(e)) for e in self._rows("events"))
            documents = (document_row(DocumentTimes.model_validate(d)) for d in self._rows("documents"))
            for row in chain(events, documents):
                width = max(width, len(row[0]))
                yield row[0].startswith("…"), *row

        db.executemany("INSERT INTO timeline (late, range, id, label) VALUES (?, ?, ?, ?)", rows())
        # SQLite orders text by its UTF-8 bytes, that is by code point, as Python's sort in render_text does.
        cursor = db.execute("SELECT range, id, label FROM timeline ORDER BY late, range, id, seq")
        return width, ((a, b, c) for a, b, c in cursor)

    def write_report(self, summary: Report, sink: ReportSink, texts: bool = True) -> None:
        """Write the report of ``summary`` with the merged lists in ``sink``'s format, piece by piece.

        The bytes are those of ``render`` on :meth:`finish`'s report and fact set (with its
        quoted articles' texts when ``texts``); the text format adds the links considered, as
        ``factcheck audit`` prints them, and the GitHub format its step summary if asked.
        """
        if sink.format is Format.JSON:
            self.write_json(summary, sink.write)
            return
        by_kind = self.kind_counts()
        if sink.format is Format.TEXT:
            from factcheck.report.text import links_lines, write_text

            width, rows = self.timeline()
            write_text(summary, self.findings_in_context(texts), rows, width, sink.write, color=sink.color,
                       cwd=sink.cwd, by_kind=by_kind)  # fmt: skip
            (count,) = self._db.execute("SELECT COUNT(*) FROM links").fetchone()
            lines = links_lines(count, (EventLink.model_validate(lk) for lk in self._rows("links")))
            for chunk in iter(lambda: "".join(islice(lines, 1024)), ""):
                sink.write(chunk)
            return
        if sink.format is Format.GITHUB:
            from factcheck.report.github import write_github, write_step_summary

            write_github(summary, self.findings_in_context(texts), sink.write, cwd=sink.cwd, by_kind=by_kind)
            if sink.step_summary is not None:
                write_step_summary(summary, self.findings_in_context(texts), sink.step_summary, cwd=sink.cwd,
                                   by_kind=by_kind)  # fmt: skip
            return
        raise ValueError(f"the {sink.format.value} format is not written from disk")

    def close(self) -> None:
        """Close the SQLite file (it goes with the folder it is in)."""
        self._db.close()


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
