"""Merging the reports of independently audited stories, deterministically: into one report, or as a stream.

Stories come in a fixed order (by their first document), so component numbers are
renumbered by that order, and every list is sorted exactly as a single check sorts it:
the merged report is the same bytes however many workers made its parts.  Parts are
merged as plain JSON (as they come from workers and the cache) and validated once.

A merged report holds the whole corpus's timeline, so :class:`Merger` keeps its parts on
disk (a SQLite file), sorted there, and can write the JSON report from them piece by
piece (:meth:`Merger.write_json`): one long article's hundred windows cost disk, not
memory.  For an archive, :class:`LineWriter` writes each story's report as one line of
JSON as soon as its turn comes, and keeps only the sums: memory holds the stories in
flight, not the corpus.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from factcheck.corpus.load import read_article_text
from factcheck.diagnostics import finding_json, order, renumbered, report_status
from factcheck.exitcodes import SEVERITY_COUNT
from factcheck.model import DocumentTimes, EventLink, EventTimes, FactSet, Finding, Report, Severity, Status
from factcheck.report.json_format import numbered_line


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
    if f.get("component") is None or offset == 0:
        return f
    return finding_json(renumbered(Finding.model_validate(f), f["component"] + offset))


def _finding_order(f: dict[str, Any]) -> tuple[Any, ...]:
    # A report's order of findings (factcheck.diagnostics), on JSON.
    return order(f["kind"], f["code"], f.get("subject"), f.get("facts", ()), f["message"])


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
            error = error or (finding.severity is Severity.ERROR and finding.kind == "error")
            kind = "inconclusive" if finding.kind == "inconclusive" else finding.severity.value
            counts[SEVERITY_COUNT.format(kind)] += 1
        # the status as report_status gives it, one finding at a time
        status = (Status.CONTRADICTION if "contradiction" in kinds or error else
                  Status.INCONCLUSIVE if "inconclusive" in kinds else Status.CONSISTENT)  # fmt: skip
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
                text = json.dumps(model.model_validate(item).model_dump(mode="json"), indent=2, ensure_ascii=False)
                put(("[" if n == 1 else ",") + "\n    " + text.replace("\n", "\n    "))
            put("\n  ]" if n else "[]")
        put("\n}\n")
        write("".join(out))

    def close(self) -> None:
        """Close the SQLite file (it goes with the folder it is in)."""
        self._db.close()


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


_STATUS_ORDER = {Status.CONSISTENT.value: 0, Status.INCONCLUSIVE.value: 1, Status.CONTRADICTION.value: 2}


class LineWriter:
    """Writes the stories' reports as JSON Lines in story order (``{"story": N, ...report}``), keeping only sums.

    Parts are ``{"line", "status", "stats", "counts"}`` as ``report.json_format.story_line`` and the
    story's report give them (``counts``: its findings by severity, see
    :func:`~factcheck.auditing.merge.finding_counts`).  The report :meth:`finish` returns has
    the status and the summed counts of all stories, and no lists.
    """

    def __init__(self, write: Callable[[str], object]) -> None:
        self.write = write
        self.status = Status.CONSISTENT.value
        self.stats: Counter[str] = Counter()
        self.counts: Counter[str] = Counter()
        self.parts = 0

    def add(self, part: dict[str, Any]) -> None:
        """Write the next story's line."""
        self.write(numbered_line(self.parts, part["line"]))
        if _STATUS_ORDER[part["status"]] > _STATUS_ORDER[self.status]:
            self.status = part["status"]
        self.stats.update(part["stats"])
        self.counts.update(part.get("counts", {}))
        self.parts += 1

    def finish(self, as_of: dt.date) -> tuple[Report, FactSet]:
        """The summary report (status and counts) and an empty fact set."""
        stats = Counter(self.stats) + self.counts  # the findings' counts decide the exit code
        stats["stories"] = self.parts
        summary = Report(status=Status(self.status), as_of=as_of, stats=dict(sorted(stats.items())))
        return summary, FactSet()

    def close(self) -> None:
        """Nothing to release: the lines are written already."""


def finding_counts(report: Report) -> dict[str, int]:
    """A story's findings by severity (``findings_error``, ``findings_warning``), inconclusive ones apart."""
    out: Counter[str] = Counter()
    for f in report.findings:
        kind = "inconclusive" if f.kind == "inconclusive" else f.severity.value
        out[SEVERITY_COUNT.format(kind)] += 1
    return dict(out)
