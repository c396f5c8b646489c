"""The audit's first stage: each article read on its own into plain-data records (in parallel, through the store).

An article's reading (date reader, article reader, windows of a long article) depends
only on the article and the packs, so the records are cached by content; ``extract``
reads articles the same way for ``factcheck extract``.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import functools
import hashlib
import json
import os
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from factcheck import interrupts
from factcheck.auditing.announced import announced_keys
from factcheck.auditing.index import CorpusIndex
from factcheck.auditing.info import RunInfo
from factcheck.auditing.manifest import Manifest
from factcheck.auditing.records import _build, _origins, record_data
from factcheck.auditing.stories import doc_keys
from factcheck.auditing.windows import own_window
from factcheck.cache import Cache, content_key
from factcheck.corpus.load import (
    Article,
    Skipped,
    article_windows,
    load_article,
    read_article_text,
    walk_article_paths,
)
from factcheck.dates.deadline import DEFAULT_SECONDS as DEFAULT_MATCH_SECONDS
from factcheck.dates.deadline import MatchTimeout, match_budget, renewed_budget
from factcheck.dates.tagger import DateReader
from factcheck.errors import Diagnostic, UserError
from factcheck.extract import nlp
from factcheck.extract.extraction import Extraction
from factcheck.extract.reader import ArticleReader
from factcheck.extract.records import ReadFault, from_extraction
from factcheck.extract.rules import load_extract_pack
from factcheck.facts.load import expand_paths
from factcheck.runtime.executor import Executor


class ReaderPool:
    """Article readers, one per set of rule packs, each built on first use in the process that reads with it.

    A run owns one (several runs may share one, to build each reader once).  Forked workers
    inherit the readers built before they were forked; a pool sent to another process by
    pickling (as Dask does) arrives empty, and that process builds its own readers.
    """

    def __init__(self) -> None:
        self._readers: dict[tuple[tuple[str, ...], str | None, bool], ArticleReader] = {}

    def reader(self, ctx: ReadContext) -> ArticleReader:
        """The article reader for a context's rule packs, built on first use in this process."""
        key = (ctx.rules, ctx.extract_pack, ctx.extract_replace)
        reader = self._readers.get(key)
        if reader is None:
            pack = load_extract_pack(Path(ctx.extract_pack), replace=ctx.extract_replace) if ctx.extract_pack else None
            reader = self._readers[key] = ArticleReader(DateReader.load([Path(r) for r in ctx.rules]), pack)
            # Loaded here, not in the first article's matching budget (forked workers inherit it).
            nlp.load()
        return reader

    def __getstate__(self) -> dict[str, Any]:
        return {"_readers": {}}  # compiled patterns and a spaCy pipeline: each process builds its own


@dataclass(frozen=True)
class ReadContext:
    """What reading an article needs besides the article: the rule packs, the matching budget, the readers."""

    rules: tuple[str, ...] = ()
    extract_pack: str | None = None
    extract_replace: bool = False  # the pack replaces the shipped one instead of extending it
    match_timeout: float | None = DEFAULT_MATCH_SECONDS
    background: str | None = None  # the background fact set, whose events link keys may name
    windows: bool = True  # a long file's later windows as documents of their own (else the file read as one)
    readers: ReaderPool = field(default_factory=ReaderPool, compare=False, repr=False)


@dataclass(frozen=True)
class DocRead:
    """What reading one article file gave: its extraction (plain data), or why it was skipped.

    The extraction is a :class:`~factcheck.extract.records.ReadArticle` as plain JSON, with
    ``origins``: each fact's ``[path, line, column]`` in the article.  A long file's later
    windows are documents of their own (``parts``, their ids); their extractions are not
    held here but written one per line to the ``spill`` file, so no process ever holds
    the whole file's reading.
    """

    path: str
    extraction: dict[str, Any] | None = None
    warnings: tuple[str, ...] = ()
    skipped: str | None = None
    failed: bool = False
    errors: tuple[Diagnostic, ...] = ()
    keys: tuple[str, ...] = ()  # link keys (factcheck.auditing.stories)
    events: tuple[str, ...] = ()  # the ids of its extracted events: the article a curated fact's reference is in
    parts: tuple[str, ...] = ()  # the document ids of a long file's later windows
    spill: str | None = None
    fault: bool = False  # failed for a fault of the reader's, not of the file

    def to_json(self, *, summary: bool = False) -> dict[str, Any]:
        """Plain JSON, as the store keeps it; a summary leaves out the extraction but keeps its document id."""
        extraction = self.extraction
        if summary and extraction is not None:
            extraction = {"doc_id": extraction["doc_id"]}
        return {"path": self.path, "extraction": extraction, "warnings": list(self.warnings), "skipped": self.skipped,
                "failed": self.failed, "errors": [dataclasses.asdict(e) for e in self.errors],
                "keys": list(self.keys), "events": list(self.events), "parts": list(self.parts),
                "fault": self.fault}  # fmt: skip

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> DocRead:
        """The inverse of :meth:`to_json` (a spill file is never kept)."""
        return cls(**{**d, "warnings": tuple(d["warnings"]), "keys": tuple(d.get("keys", ())),
                      "events": tuple(d.get("events", ())),
                      "parts": tuple(d.get("parts", ())), "spill": None,
                      "errors": tuple(Diagnostic(**e) for e in d["errors"])})  # fmt: skip


def read_one(ctx: ReadContext, path: str) -> DocRead:
    """Read one article file; a file that cannot be read is a DocRead saying why, never an exception."""
    reader = ctx.readers.reader(ctx)
    try:
        art = load_article(Path(path))
    except UserError as exc:
        return DocRead(path, errors=tuple(exc.diagnostics))
    except ValueError as exc:
        return DocRead(path, skipped=str(exc))
    except OSError as exc:
        return DocRead(path, skipped=f"cannot read: {exc.strerror or exc}", failed=True)
    spill: str | None = None
    try:
        with match_budget(ctx.match_timeout):
            if ctx.windows and art.plan is not None and len(art.plan.windows) > 1:
                extraction, parts, spill = _read_windows(reader, art)
            else:
                extraction, parts = _record(reader.read(art), art), ()
    except MatchTimeout as exc:
        return DocRead(path, skipped=str(exc), failed=True, warnings=art.warnings)
    except UserError as exc:
        return DocRead(path, errors=tuple(exc.diagnostics))
    except Exception as exc:  # a fault of the reader fails its article, not the run
        return DocRead(path, skipped=_fault(exc), failed=True, warnings=art.warnings, fault=True)
    series_kinds = {k for k, spec in reader.pack.pack.events.items() if spec.located}
    bg_events = _background(ctx.background).get("events", []) if ctx.background else []
    keys = tuple(sorted({*doc_keys(extraction["events"], series_kinds, bg_events), *_announced_keys(extraction)}))
    events = tuple(ev["id"] for ev in extraction["events"])
    return DocRead(path, extraction=extraction, warnings=art.warnings, keys=keys, events=events, parts=parts,
                   spill=spill)  # fmt: skip


def _announced_keys(extraction: dict[str, Any]) -> list[str]:
    """The story keys of events announced for a day, or told by an article of that day (:mod:`.announced`)."""
    published = extraction["document"].get("published") or {}
    day = published.get("earliest") if published.get("earliest") == published.get("latest") else None
    return announced_keys(extraction["events"], extraction["facts"], dt.date.fromisoformat(day) if day else None)


def _fault(exc: Exception) -> str:
    """Why an article failed for a fault of the reader (not of the article), in one line."""
    if isinstance(exc, ReadFault):
        return f"internal error while reading: {exc}"
    first = str(exc).strip().splitlines()
    return f"internal error while reading: {type(exc).__name__}" + (f": {first[0]}" if first else "")


def _record(ex: Extraction, art: Article, lines: _Lines | None = None) -> dict[str, Any]:
    """A reader's draft as the plain data of its validated records, with each fact's place in the article.

    The records are built into a fact set of their own, so a fact the engine could not
    take (a reference to no event, a count in no series) fails this article, here.
    """
    record = from_extraction(ex).to_json()
    lines = lines or _Lines.of(art)
    path = str(Path(art.path).resolve())
    if art.path.lower().endswith((".html", ".htm")):
        # Spans index the text extracted from the page, not the file: the origin is the file.
        record["origins"] = {f["id"]: [path, 1, 1] for f in record["facts"]}
    else:
        record["origins"] = {f["id"]: [path, *lines.at(f["span"][0])] for f in record["facts"]}
    try:
        _build(record_data([record]), _origins([record]), read_articles=False)
    except UserError as exc:
        raise ReadFault("; ".join(d.message for d in exc.diagnostics[:3])) from exc
    return record


@dataclass(frozen=True)
class _Lines:
    """Line and column of a file offset, within a text that starts at a known offset and line of the file."""

    newlines: tuple[int, ...]  # file offsets of the text's line breaks
    start: int
    line: int  # 0-based line of the file at which the text starts

    @classmethod
    def of(cls, art: Article) -> _Lines:
        """The lines of an article (of a long file, its first window), front matter counted."""
        if art.plan is not None:
            return cls.window(art.text, art.body_offset, art.plan.read(0)[: art.body_offset].count("\n"))
        if art.body_offset and not art.path.lower().endswith((".html", ".htm")):
            whole = read_article_text(Path(art.path))
            if isinstance(whole, str):
                return cls.window(whole, 0, 0)
        return cls.window(art.text, art.body_offset, 0)

    @classmethod
    def window(cls, text: str, start: int, line: int) -> _Lines:
        nl, pos = [], text.find("\n")
        while pos >= 0:
            nl.append(start + pos)
            pos = text.find("\n", pos + 1)
        return cls(tuple(nl), start, line)

    def at(self, offset: int) -> tuple[int, int]:
        """(line, column), both from 1; a line's column counts from its first character."""
        i = bisect.bisect_left(self.newlines, offset)
        begin = self.newlines[i - 1] + 1 if i else self.start
        return self.line + i + 1, offset - begin + 1


def _read_windows(reader: ArticleReader, art: Article) -> tuple[dict[str, Any], tuple[str, ...], str]:
    """A long file read window by window: the first window's record, the later windows' ids, and their spill file.

    Each later window becomes a document of its own (``factcheck.auditing.windows``) as
    soon as it is read, and goes to the spill file as one line: memory holds one window.
    """
    assert art.plan is not None
    rest_rules = {rule.id for rule, _ in reader.pack.boilerplate if rule.rest}
    starts = [w.char_start for w in art.plan.windows]
    first: dict[str, Any] | None = None
    parts: list[str] = []
    rest = False
    with interrupts.held_back():
        fd, spill = tempfile.mkstemp(prefix="factcheck-windows-", suffix=".jsonl")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            for i, part in enumerate(article_windows(art)):
                with renewed_budget():
                    ex = reader.read_part(part, rest=rest)
                rest = rest or any(r in rest_rules for *_, r in ex.boilerplate)
                w = art.plan.windows[i]
                lines = _Lines.of(art) if i == 0 else _Lines.window(part.text, w.char_start, w.line_start)
                record = _record(ex, part, lines)
                if i == 0:
                    first = record
                    continue
                record = own_window(record, starts, i)
                parts.append(record["doc_id"])
                out.write(json.dumps(record, separators=(",", ":")) + "\n")
    except BaseException:
        os.unlink(spill)
        raise
    assert first is not None
    return first, tuple(parts), spill


def _fingerprint(paths: Iterable[Path]) -> str:
    """A hash of the contents of the given files and the files under the given folders."""
    h = hashlib.sha256()
    for f in expand_paths(paths) if paths else []:
        h.update(str(f.name).encode() + b"\0")
        h.update(hashlib.sha256(f.read_bytes()).digest())
    return h.hexdigest()


def _file_digest(path: Path) -> str | None:
    try:
        with path.open("rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return None


def _apply_manifest(path: str, ex: dict[str, Any], manifests: dict[Path, Manifest]) -> None:
    if not manifests:
        return
    m = manifests.get(Path(path).resolve().parent)
    if m is None:
        return
    entry = m.entry(Path(path).name.split(".")[0])
    for key in ("published", "retrieved"):
        bound = getattr(entry, key)
        if bound is not None:
            ex["document"][key] = {k: v.isoformat() for k, v in (("earliest", bound.earliest),
                                   ("latest", bound.latest)) if v is not None}  # fmt: skip
    if entry.url:
        ex["document"]["url"] = entry.url
    if entry.publisher:
        ex["document"]["source"] = entry.publisher
    if entry.title:
        ex["document"]["title"] = entry.title
    if entry.trust is not None:
        for f in ex["facts"]:
            f["weight"] = round(f.get("weight", 1.0) * entry.trust, 4)


def _read_stage(
    roots: list[Path], ctx: ReadContext, read_key: str, store: Cache, executor: Executor, info: RunInfo,
    index: CorpusIndex, progress: Callable[[str, int, int | None], None] | None = None,
) -> list[Skipped]:  # fmt: skip
    """Read every article not already in the store, recording each in the index; the files skipped, in listing order.

    Files are listed, hashed and sent out one at a time.  The store keeps each read whole
    under its key (content hash, rules, factcheck version) and its summary (document id,
    link keys, warnings) under ``s:`` and the key, so a re-audit parses only summaries.
    """
    skipped: dict[int, Skipped] = {}
    errors: list[Diagnostic] = []
    sent: deque[tuple[int, str, str]] = deque()

    def record(seq: int, path: str, key: str, d: DocRead) -> None:
        errors.extend(d.errors)
        if d.skipped is not None:
            skipped[seq] = Skipped(d.path, d.skipped, failed=d.failed, fault=d.fault)
        elif d.extraction is not None and not d.failed:
            index.add(seq, path, key, d.extraction["doc_id"], d.keys, d.warnings, d.events)
            for doc in d.parts:  # a long file's later windows: documents of their own, each its own story
                index.add_window(doc, path, f"{key}#{doc}")

    def to_read() -> Iterator[str]:
        built = False
        for seq, f in enumerate(walk_article_paths(roots)):
            if isinstance(f, Skipped):
                skipped[seq] = f
                continue
            digest = _file_digest(f)
            key = content_key(read_key, str(f), digest or "unreadable")
            cached = store.get("s:" + key) if digest is not None else None
            if cached is not None and cached.get("parts") and store.get(f"{key}#{cached['parts'][-1]}") is None:
                cached = None  # a long file's windows went missing from the store: read it again
            if cached is not None:
                record(seq, str(f), key, DocRead.from_json(cached))
                info.articles_cached += 1
                continue
            if not built:
                # Bad rule packs fail here, before any work is sent out (and forked workers inherit the reader).
                ctx.readers.reader(ctx)
                built = True
            sent.append((seq, str(f), key))
            yield str(f)

    for d in executor.map(read_one, ctx, to_read()):
        seq, path, key = sent.popleft()
        info.articles_read += 1
        if d.spill is not None:
            _unspill(d, path, key, store)
        if not d.failed:  # a read that failed for want of time may succeed another time: never kept
            store.put(key, d.to_json())
            store.put("s:" + key, d.to_json(summary=True))
        record(seq, path, key, d)
        if progress:
            progress("reading articles", info.articles_read + info.articles_cached, None)
    store.commit()
    if errors:
        raise UserError(errors)
    return [skipped[k] for k in sorted(skipped)]


def _unspill(d: DocRead, path: str, key: str, store: Cache) -> None:
    """Move a long file's later windows from its spill file into the store, one at a time."""
    assert d.spill is not None
    try:
        with open(d.spill, encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                store.put(f"{key}#{record['doc_id']}", DocRead(path, extraction=record).to_json())
    finally:
        os.unlink(d.spill)


@functools.lru_cache(maxsize=4)
def _background(path: str) -> dict[str, Any]:
    """The background fact set, parsed once per process (it is only read)."""
    data: dict[str, Any] = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return data
