"""``audit``: a folder of articles in, a report out (read, split into stories, link, check, merge).

The same report as ``check``, with every article's mentions under each event and the links
between articles that made them one event.  Curated fact sets can be added; a curated fact
replaces the extracted fact of the same id.  Background facts (widely known dates) are
used where an article refers to them, unless switched off.

The work scales out in two stages.  Each article is read on its own (in parallel); the
articles then fall into stories, sets of articles that can share an event
(:mod:`factcheck.auditing.stories`), and each story is linked and checked on its own (in
parallel again).  Both stages run on an executor (this process, a process pool, or Dask)
and exchange only plain data.  Their results go through a store, a SQLite file: the
cache when one is given, so a re-audit re-reads only changed articles and re-checks only
the stories they touch, else a temporary one, so that memory holds one story at a time.
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
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from factcheck import interrupts
from factcheck.auditing.index import CorpusIndex
from factcheck.auditing.link import Alternative, Link, apply_renames, background_candidates, link_events
from factcheck.auditing.manifest import Manifest, find_manifests, stray_entries
from factcheck.auditing.merge import LineWriter, Merger, ReportSink, finding_counts, load_texts, reduce_context
from factcheck.auditing.stories import CURATED, curated_docs, doc_keys
from factcheck.auditing.windows import own_window
from factcheck.cache import Cache, content_key
from factcheck.corpus.load import (
    ARTICLE_SUFFIXES,
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
from factcheck.diagnostics import report_json
from factcheck.engine.components import split
from factcheck.engine.solver import Budget
from factcheck.errors import Diagnostic, UserError
from factcheck.extract import nlp
from factcheck.extract.reader import ArticleReader, Extraction
from factcheck.extract.records import ReadFault, from_extraction
from factcheck.extract.rules import load_extract_pack
from factcheck.facts.build import fact_origins, merge
from factcheck.facts.load import expand_paths, load_fact_sets, parse_fact_set_files
from factcheck.limits import (
    DEFAULT_MAX_CONFLICTS,
    DEFAULT_RLIMIT,
    DEFAULT_STORY_BUDGET,
    DEFAULT_TIMEOUT_MS,
    limit_notes,
)
from factcheck.model import ArticleText, EventLink, FactSet, FactSetFile, FileAccount, FileNote, Report, SourceLocation
from factcheck.policy import load_policy
from factcheck.report.json_format import file_counts, file_line, file_lines, story_line, summary_line_json
from factcheck.resources import shipped_facts_dir, shipped_rules_dir
from factcheck.runtime.check import check
from factcheck.runtime.executor import Executor, InProcess, make_executor
from factcheck.runtime.options import CheckOptions
from factcheck.yamlio import load_yaml_model

BACKGROUND = "background.yaml"


@dataclass
class RunInfo:
    """How a run went (not part of the report, which is the same bytes however it was computed)."""

    executor: str = "in-process"
    workers: int = 1
    articles_read: int = 0
    articles_cached: int = 0
    stories: int = 0
    stories_checked: int = 0
    stories_cached: int = 0
    cache_rebuilt: bool = False
    seconds: dict[str, float] = field(default_factory=dict)  # wall time by stage: read, stories, merge


@dataclass
class AuditResult:
    """The report, the facts its findings cite (for locating quotes), the files not audited, and run figures."""

    report: Report
    factset: FactSet
    skipped: list[Skipped] = field(default_factory=list)
    info: RunInfo = field(default_factory=RunInfo)


# --------------------------------------------------------------------------- stage 1: read


@dataclass(frozen=True)
class ReadContext:
    """What reading an article needs besides the article: the rule packs and the matching budget."""

    rules: tuple[str, ...] = ()
    extract_pack: str | None = None
    extract_replace: bool = False  # the pack replaces the shipped one instead of extending it
    match_timeout: float | None = DEFAULT_MATCH_SECONDS
    background: str | None = None  # the background fact set, whose events link keys may name
    windows: bool = True  # a long file's later windows as documents of their own (else the file read as one)


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
                "keys": list(self.keys), "parts": list(self.parts), "fault": self.fault}  # fmt: skip

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> DocRead:
        """The inverse of :meth:`to_json` (a spill file is never kept)."""
        return cls(**{**d, "warnings": tuple(d["warnings"]), "keys": tuple(d.get("keys", ())),
                      "parts": tuple(d.get("parts", ())), "spill": None,
                      "errors": tuple(Diagnostic(**e) for e in d["errors"])})  # fmt: skip


_READERS: dict[ReadContext, ArticleReader] = {}
"""One article reader per process and context (built once, inherited by forked workers)."""


def reader_for(ctx: ReadContext) -> ArticleReader:
    """The article reader for a context, built on first use in this process."""
    reader = _READERS.get(ctx)
    if reader is None:
        pack = load_extract_pack(Path(ctx.extract_pack), replace=ctx.extract_replace) if ctx.extract_pack else None
        reader = _READERS[ctx] = ArticleReader(DateReader.load([Path(r) for r in ctx.rules]), pack)
        # Loaded here, not in the first article's matching budget (forked workers inherit it).
        nlp.load()
    return reader


def read_one(ctx: ReadContext, path: str) -> DocRead:
    """Read one article file; a file that cannot be read is a DocRead saying why, never an exception."""
    reader = reader_for(ctx)
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
    keys = tuple(doc_keys(extraction["events"], series_kinds, bg_events))
    return DocRead(path, extraction=extraction, warnings=art.warnings, keys=keys, parts=parts, spill=spill)


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


@dataclass
class Extracted:
    """What ``factcheck extract`` read: each article's record (manifest applied), in listing order, and the rest."""

    records: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def extract(
    paths: Iterable[Path | str], *, rules: Iterable[Path | str] = (), extract_pack: Path | str | None = None,
    extract_replace: bool = False, match_timeout: float | None = DEFAULT_MATCH_SECONDS,
) -> Extracted:  # fmt: skip
    """Read articles as ``audit`` reads them (the same reader, packs and ``corpus.yaml``), each file read whole.

    A long file is read as one document here: its fact set is for review, and ``check``
    checks it as one.  Bad input raises UserError, as in ``audit``.
    """
    roots = [Path(p) for p in paths]
    manifests = find_manifests(roots)
    ctx = ReadContext(tuple(str(Path(r)) for r in rules), str(extract_pack) if extract_pack else None,
                      extract_replace, match_timeout, None, windows=False)  # fmt: skip
    out = Extracted()
    errors: list[Diagnostic] = []
    for f in walk_article_paths(roots):
        if isinstance(f, Skipped):
            out.skipped.append(f)
            continue
        d = read_one(ctx, str(f))
        errors.extend(d.errors)
        out.warnings += d.warnings
        if d.skipped is not None:
            out.skipped.append(Skipped(d.path, d.skipped, failed=d.failed, fault=d.fault))
        elif d.extraction is not None:
            _apply_manifest(str(f), d.extraction, manifests)
            out.records.append(d.extraction)
    if errors:
        raise UserError(errors)
    return out


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


# --------------------------------------------------------------------------- stage 2: stories


@dataclass(frozen=True)
class StoryContext:
    """What auditing a story needs besides its articles."""

    options: CheckOptions
    series_kinds: frozenset[str]
    curated: tuple[str, ...] = ()
    reviewed: frozenset[str] = frozenset()
    background: str | None = None  # the background fact set's path
    lines: bool = False  # each story's result as its JSON line (merge.LineWriter), not as parts to merge


@dataclass(frozen=True)
class StoryInput:
    """One story: its articles' extractions (manifest applied) and whether the curated facts belong to it."""

    index: int
    extractions: tuple[dict[str, Any], ...]
    curated: bool = False


def audit_story(ctx: StoryContext, story: StoryInput) -> dict[str, Any]:
    """Link and check one story; its report and the facts its findings cite, as JSON (or its report's line)."""
    report, fs = _audit_story(ctx, story)
    if ctx.lines:
        return {"index": story.index, "line": story_line(report), "status": report.status.value,
                "stats": report.stats, "counts": finding_counts(report)}  # fmt: skip
    return {"index": story.index, "report": report_json(report),
            "context": reduce_context(report, fs).model_dump(mode="json")}  # fmt: skip


def _audit_story(ctx: StoryContext, story: StoryInput) -> tuple[Report, FactSet]:
    options = ctx.options
    # one budget for the whole story: the link probes and the check spend it in turn
    budget = Budget(options.story_budget) if options.story_budget else None
    extractions = list(story.extractions)
    # Fact set files are parsed once per story; the probes below only build fact sets in memory.
    curated = parse_fact_set_files(ctx.curated) if story.curated and ctx.curated else []
    data = record_data(extractions)
    origins = _origins(extractions)
    if story.curated and ctx.reviewed:
        data["facts"] = [f for f in data["facts"] if f["id"] not in ctx.reviewed]
    probe = _Probe(origins, curated, options, budget)
    docs = {ex["doc_id"]: ex["events"] for ex in extractions}
    rename, series, links, alternatives = link_events(docs, data["facts"], set(ctx.series_kinds))
    data = apply_renames(data, rename, series)
    data, weak_links = _resolve_alternatives(data, alternatives, probe)
    links += weak_links
    parts = list(curated)
    # A long file's later windows are documents of their own, linked to nothing (factcheck.auditing.windows).
    if ctx.background and not any(ex.get("window") for ex in extractions):
        bg_path = Path(ctx.background)
        data, bg_links, bg_used = _link_background(data, extractions, bg_path, probe)
        links += bg_links
        if bg_used:
            # Only the background events an article refers to (and their facts) take part.
            parts.append((str(bg_path), FactSetFile.model_validate(bg_used), bg_used))
            origins = {**origins, **_background_origins(str(bg_path))}
    fs = _build(data, origins, parts)
    report = check(fs, options, budget=budget)
    links_out = tuple(
        EventLink(event=lk.event, members=lk.members, reason=lk.reason, assumed=lk.assumed, linked=lk.linked)
        for lk in links
    )
    return report.model_copy(update={"links": links_out}), fs


def record_data(extractions: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """One fact-set document of several articles' records, sorted by document, article paths absolute."""
    documents, events, facts = [], [], []
    for ex in sorted(extractions, key=lambda e: e["doc_id"]):
        doc = dict(ex["document"])
        if doc.get("path"):
            doc["path"] = str(Path(doc["path"]).resolve())
        documents.append(doc)
        events += [{k: v for k, v in ev.items() if k != "arguments"} for ev in ex["events"]]
        facts += ex["facts"]
    return {"version": 1, "documents": documents, "events": events, "facts": facts}


def _origins(extractions: Iterable[dict[str, Any]]) -> dict[str, SourceLocation]:
    return {fid: SourceLocation(path=p, line=line, column=col)
            for ex in extractions for fid, (p, line, col) in ex.get("origins", {}).items()}  # fmt: skip


def _build(
    data: dict[str, Any], origins: dict[str, SourceLocation], parts: Sequence[tuple[str, FactSetFile, Any]] = (),
    *, read_articles: bool = True,
) -> FactSet:  # fmt: skip
    """The fact set of extracted data held in memory (validated as a file would be) and parsed fact set files.

    A problem in the extracted data is named at its fact's place in its article.
    """
    try:
        own = FactSetFile.model_validate(data)
    except ValidationError as exc:
        raise UserError(Diagnostic("<extracted>", 1, 1, f"invalid extracted data: {exc}")) from exc
    return merge([("", own, data), *parts], read_articles=read_articles, origins=origins)


@dataclass
class _Probe:
    """What trying a link with the solver needs: the facts' places, the parsed fact set files, the limits."""

    origins: dict[str, SourceLocation]
    parts: list[tuple[str, FactSetFile, Any]]
    options: CheckOptions
    budget: Budget | None

    def consistent(self, data: dict[str, Any], event: str, parts: Sequence[tuple[str, FactSetFile, Any]] = (),
                   origins: dict[str, SourceLocation] | None = None) -> bool:  # fmt: skip
        """Whether the component holding ``event`` is shown consistent (the rest cannot be affected by the link).

        A probe the solver gives up on (its limits, or the story's budget) shows nothing: not consistent.
        """
        fs = _build(data, origins or self.origins, [*self.parts, *parts], read_articles=False)
        part = next((c for c in split(fs) if any(e.id == event for e in c.events)), None)
        if part is None:
            return True
        # Only consistency matters here: no timeline, and a single conflict settles it.
        quick = dataclasses.replace(self.options, ranges=False, max_conflicts=1, verify_quotes=False)
        report = check(part, quick, budget=self.budget)
        return report.stats.get("components_sat", -1) == report.stats.get("components", 0)


# --------------------------------------------------------------------------- the run


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


def audit(
    paths: Iterable[Path | str],
    *,
    as_of: dt.date | None = None,
    facts: Iterable[Path | str] = (),
    background: bool = True,
    policy_path: Path | None = None,
    rules: Iterable[Path | str] = (),
    extract_pack: Path | str | None = None,
    extract_replace: bool = False,
    jobs: int = 1,
    timeout_ms: int = DEFAULT_TIMEOUT_MS,
    rlimit: int = DEFAULT_RLIMIT,
    max_conflicts: int = DEFAULT_MAX_CONFLICTS,
    match_timeout: float | None = DEFAULT_MATCH_SECONDS,
    executor: Executor | None = None,
    cache_dir: Path | str | None = None,
    texts: bool = True,
    sink: Callable[[str], object] | None = None,
    report_sink: ReportSink | None = None,
    progress: Callable[[str, int, int | None], None] | None = None,
) -> AuditResult:
    """Audit articles (files or folders): the report ``factcheck audit`` prints.

    ``extract_pack`` extends the shipped article-reader pack by rule id (and its tables by
    key), or with ``extract_replace`` takes its place.  ``match_timeout`` bounds the
    pattern matching of each article, in seconds; an article that runs over it is reported
    as failed and the rest are still audited.  ``executor`` runs the work (default: a
    process pool of ``jobs`` workers, or this process); with ``cache_dir``, articles and
    stories unchanged since an earlier run are not read or checked again.  The report is
    the same bytes whichever executor, and with or without a cache.  With ``texts``, the
    result's fact set holds the text of every article a finding quotes (the text, SARIF
    and HTML formats show quotes in their lines).

    With ``sink``, each story's report goes to it as one line of JSON (newline included),
    in story order, as soon as it is done (:class:`~factcheck.auditing.merge.LineWriter`),
    and the result's report holds only the status, the summed counts and the file
    account: memory holds the stories in flight, never the whole corpus's report.

    With ``report_sink``, the report goes to it in its format (JSON, text or GitHub:
    :data:`~factcheck.auditing.merge.STREAMED`) in pieces, written from the merged parts on
    disk, the same bytes as ``render`` of the merged report; the result's report is as with
    ``sink``: memory never holds the merged report, however many windows a long file has.

    ``progress`` is told ``(stage, done, total)`` as articles are read (total unknown: the
    listing is lazy) and as stories are checked.
    """
    roots = [Path(p) for p in paths]
    manifests = find_manifests(roots)
    bg_path = shipped_facts_dir() / BACKGROUND
    read_ctx = ReadContext(tuple(str(Path(r)) for r in rules), str(extract_pack) if extract_pack else None,
                           extract_replace, match_timeout, str(bg_path) if background else None)  # fmt: skip
    # The date reader is built only if some article must be read (not on a re-audit that
    # finds every article in the cache); the extraction pack's event kinds are needed anyway.
    pack = load_extract_pack(Path(extract_pack) if extract_pack else None, replace=extract_replace)
    nlp.model_name()  # no English pipeline installed: say so now, not once per article
    policy = load_policy(policy_path)
    options = CheckOptions(as_of=as_of or dt.date.today(), policy=policy, jobs=jobs, timeout_ms=timeout_ms,
                           rlimit=rlimit, max_conflicts=max_conflicts, story_budget=DEFAULT_STORY_BUDGET)  # fmt: skip
    curated = [Path(f) for f in facts]
    curated_data = load_fact_sets(curated, read_articles=False) if curated else None
    series_kinds = frozenset(k for k, spec in pack.pack.events.items() if spec.located)
    own = executor is None
    executor = executor or make_executor(jobs)
    info = RunInfo(executor=executor.name, workers=executor.workers)
    with interrupts.held_back():  # the folder exists only once its removal is arranged
        scratch = tempfile.TemporaryDirectory(prefix="factcheck-store-")
    with scratch as tmp:
        store = Cache(Path(cache_dir)) if cache_dir else Cache(Path(tmp), durable=False)
        index = CorpusIndex(Path(tmp))
        merger: Merger | LineWriter | None = None
        info.cache_rebuilt = store.rebuilt
        try:
            pack_files = [Path(extract_pack)] if extract_pack else []
            rule_print = _fingerprint([shipped_rules_dir(), *map(Path, rules)])
            read_key = content_key("read-records", rule_print, _fingerprint(pack_files), repr(extract_replace),
                                   repr(match_timeout), _fingerprint([bg_path]) if background else "")  # fmt: skip
            clock = time.perf_counter()
            skipped = _read_stage(roots, read_ctx, read_key, store, executor, info, index, progress)
            info.seconds["read"] = time.perf_counter() - clock
            if index.count() == 0 and not (curated_data and curated_data.facts) and not any(s.failed for s in skipped):
                # Nothing was an article (an article that failed to be read is reported as failed instead).
                raise UserError(nothing_audited(roots, skipped))
            # Documents and link keys are in the index; the extractions themselves stay in the store.
            tied = curated_docs([f.model_dump(mode="json") for f in curated_data.facts], index) \
                if curated_data else None  # fmt: skip
            index.partition(tied)
            info.stories = index.stories
            reviewed = frozenset(f.id for f in curated_data.facts) if curated_data else frozenset()
            single = index.stories == 1
            story_opts = options if single else dataclasses.replace(options, jobs=1)
            ctx = StoryContext(story_opts, series_kinds, tuple(str(c) for c in curated), reviewed,
                               str(bg_path) if background else None, lines=sink is not None)  # fmt: skip
            ctx_key = content_key("story-lines" if sink else "story", read_key, _fingerprint(curated),
                                  json.dumps(sorted(series_kinds)),
                                  policy.model_dump_json(),
                                  f"{options.as_of}|{timeout_ms}|{rlimit}|{max_conflicts}|{options.seed}|"
                                  f"{options.component_budget}|{options.story_budget}")  # fmt: skip
            clock = time.perf_counter()
            merger = Merger(Path(tmp)) if sink is None else LineWriter(sink)
            _story_stage(index, manifests, read_ctx, ctx, ctx_key, store, InProcess() if single else executor, info,
                         merger, progress)  # fmt: skip
            info.seconds["stories"] = time.perf_counter() - clock
            clock = time.perf_counter()
            if report_sink is not None and isinstance(merger, Merger):
                report, context = merger.summary(options.as_of), FactSet()
            else:
                report, context = merger.finish(options.as_of)
            report = report.model_copy(update={"notes": limit_notes(report.stats, max_conflicts)})
            stray = stray_entries(manifests, (p for p, _ in index.audited()))
            if sink is None:
                account = file_account(list(index.audited()), skipped, stray)
                report = report.model_copy(update={"files": account})
                if report_sink is not None and isinstance(merger, Merger):
                    merger.write_report(report, report_sink, texts)
            else:
                _write_file_lines(sink, report, index, skipped, stray)
            info.seconds["merge"] = time.perf_counter() - clock
        except UserError as exc:
            raise as_given(exc, (p for p, _ in index.audited())) from None
        finally:
            if merger is not None:
                merger.close()
            index.close()
            store.close()
            if own:
                executor.close()
    if texts and sink is None and report_sink is None:
        context = load_texts(report, context)
    return AuditResult(report, context, skipped, info)


def as_given(exc: UserError, given: Iterable[str]) -> UserError:
    """The error with each audited article's path as the user gave it, not the absolute one the checks see.

    Extracted facts are checked as if written at the file system's root, so their article
    paths are absolute; a user who typed ``tmp/x/a1.md`` is told about ``tmp/x/a1.md``.
    """
    shown = {str(Path(p).resolve()): p for p in given}
    if not any(d.path in shown for d in exc.diagnostics):
        return exc
    return UserError([dataclasses.replace(d, path=shown.get(d.path, d.path)) for d in exc.diagnostics])


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
            index.add(seq, path, key, d.extraction["doc_id"], d.keys, d.warnings)
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
                reader_for(ctx)
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


def _story_stage(
    index: CorpusIndex, manifests: dict[Path, Manifest], read_ctx: ReadContext, ctx: StoryContext, ctx_key: str,
    store: Cache, executor: Executor, info: RunInfo, merger: Merger | LineWriter,
    progress: Callable[[str, int, int | None], None] | None = None,
) -> None:  # fmt: skip
    """Audit each story not already in the store; their results go to ``merger`` in story order.

    Stories come from the index one at a time.  A story's key is made of its articles'
    read keys and manifest entries, so a story whose articles did not change is found
    without reading them again.
    """
    keys: dict[int, str] = {}  # the stories in flight
    ready: dict[int, dict[str, Any]] = {}
    turn = 0

    def flush() -> None:
        # Results are folded in story order as soon as their turn comes, then dropped.
        nonlocal turn
        while turn in ready:
            merger.add(ready.pop(turn))
            turn += 1

    def build(i: int, files: list[tuple[str, str]], curated: bool) -> StoryInput:
        exts = []
        for path, key in files:
            value = store.get(key)
            if value is None and "#" in key:
                continue  # a window gone from the store since it was read: its file is read again next time
            # A store entry that went missing or bad since the summary was read: read it again.
            d = DocRead.from_json(value) if value is not None else read_one(dataclasses.replace(read_ctx,
                                                                                               windows=False), path)
            if d.extraction is not None:
                _apply_manifest(path, d.extraction, manifests)  # a fresh copy from the store
                exts.append(d.extraction)
        return StoryInput(i, tuple(exts), curated=curated)

    def todo() -> Iterator[StoryInput]:
        for i, story in enumerate(index.iter_stories()):
            curated = story[0] == CURATED
            files = [pk for doc in story for pk in index.files_of(doc)]
            parts = [ctx_key, "curated" if curated else ""]
            for path, key in files:
                parts += [key, _manifest_json(path, manifests)]
            key = content_key(*parts)
            cached = store.get(key)
            if cached is None:
                keys[i] = key
                yield build(i, files, curated)
            else:
                ready[i] = cached
                info.stories_cached += 1
                flush()

    for done in executor.map(audit_story, ctx, todo()):
        info.stories_checked += 1
        i = done.pop("index")
        status = done["status"] if ctx.lines else done["report"]["status"]
        if status != "inconclusive":  # the solver gave up: try again next time
            store.put(keys[i], done)
        del keys[i]
        ready[i] = done
        flush()
        if progress:
            progress("checking stories", info.stories_checked + info.stories_cached, info.stories)
    flush()
    store.commit()


def _write_file_lines(
    sink: Callable[[str], object], report: Report, index: CorpusIndex, skipped: list[Skipped],
    stray: list[tuple[str, str]],
) -> None:  # fmt: skip
    """The JSON Lines form's end: a line per file with a warning, skipped or failed, then the summary.

    Warnings come from the index already sorted by path, so none of it is held in memory.
    """
    audited = warned = 0
    for path, warnings in index.audited():
        audited += 1
        for reason in sorted(w.removeprefix(f"{path}: ") for w in warnings):
            sink(file_line("warning", path, reason))
            warned += 1
    for path, reason in sorted(stray):
        sink(file_line("warning", path, reason))
        warned += 1
    account = file_account([], skipped)
    for line in file_lines(account):
        sink(line)
    counts = file_counts(audited, account)
    sink(summary_line_json(report, {**counts, "warnings": warned}))


def nothing_audited(roots: list[Path], skipped: list[Skipped]) -> list[Diagnostic]:
    """Why a run audited no article: for each path given, what it holds and why none of it is an article."""
    out = []
    for root in roots:
        if root.is_dir():
            mine = [s for s in skipped if Path(s.path).is_relative_to(root)]
            what = f"a folder of {len(mine)} file{'s' if len(mine) != 1 else ''}" if mine else "an empty folder"
        else:
            mine = [s for s in skipped if s.path == str(root)]
            what = "a file"
        why = _reasons(mine)
        msg = f"nothing audited: {what}" + (f", none an article: {why}" if why else "")
        out.append(Diagnostic(str(root), 0, 0, msg))
    if not roots:
        out.append(Diagnostic("<input>", 0, 0, "nothing audited: no path given"))
    return out


def _reasons(skipped: list[Skipped]) -> str:
    """Skipped files' reasons, counted; files of the wrong type grouped by their suffix."""
    suffixes: dict[str, int] = {}
    others: dict[str, int] = {}
    for s in skipped:
        if s.reason.startswith("not an article type"):
            suffix = Path(s.path).suffix or "no suffix"
            suffixes[suffix] = suffixes.get(suffix, 0) + 1
        else:
            reason = f"failed: {s.reason}" if s.failed else s.reason
            others[reason] = others.get(reason, 0) + 1
    parts = [f"{n} {reason}" for reason, n in sorted(others.items())]
    if suffixes:
        kinds = ", ".join(f"{n} {suffix}" for suffix, n in sorted(suffixes.items()))
        parts.append(f"{kinds} (articles are {', '.join(ARTICLE_SUFFIXES)})")
    return "; ".join(parts)


def _manifest_json(path: str, manifests: dict[Path, Manifest]) -> str:
    if not manifests:
        return ""
    m = manifests.get(Path(path).resolve().parent)
    if m is None:
        return ""
    return m.entry(Path(path).name.split(".")[0]).model_dump_json()


def file_account(
    audited: list[tuple[str, tuple[str, ...]]], skipped: list[Skipped], stray: Sequence[tuple[str, str]] = ()
) -> FileAccount:
    """Every input file as audited (with any warning), skipped or failed, each list sorted by path.

    ``stray`` adds the warnings of manifests with entries that name no file.
    """
    notes = [FileNote(path=p, reason=w.removeprefix(f"{p}: ")) for p, ws in audited for w in ws]
    notes += [FileNote(path=p, reason=r) for p, r in stray]

    def ordered(items: list[FileNote]) -> tuple[FileNote, ...]:
        return tuple(sorted(items, key=lambda n: (n.path, n.reason)))

    return FileAccount(
        audited=tuple(sorted(p for p, _ in audited)),
        warnings=ordered(notes),
        skipped=ordered([FileNote(path=s.path, reason=s.reason) for s in skipped if not s.failed]),
        failed=ordered([FileNote(path=s.path, reason=s.reason) for s in skipped if s.failed]),
    )


def _link_background(
    data: dict[str, Any], extractions: list[dict[str, Any]], bg_path: Path, probe: _Probe,
) -> tuple[dict[str, Any], list[Link], dict[str, Any] | None]:  # fmt: skip
    """Link extracted events to background events; among several candidates, keep the one that fits."""
    bg = _background(str(bg_path))
    docs = {ex["doc_id"]: ex for ex in extractions}
    texts: dict[str, ArticleText] = {}  # each article's text, read once
    quotes: dict[str, str] = {}
    for f in data["facts"]:
        for key in ("subject", "anchor"):
            v = f.get(key)
            if isinstance(v, str) and not v.startswith("doc:") and f.get("doc") in docs:
                quotes[v] = quotes.get(v, "") + " " + _sentence_text(docs[f["doc"]], f["span"], texts)
    cands = background_candidates(data["events"], bg.get("events", []), lambda ev: quotes.get(ev["id"], ""))
    bg_ids = {e["id"] for e in bg.get("events", [])}
    whole = _background_parts(str(bg_path))
    with_bg = {**probe.origins, **_background_origins(str(bg_path))}

    def renamed(d: dict[str, Any], ev_id: str, target: str) -> dict[str, Any]:
        new = apply_renames(d, {ev_id: target}, {})
        new["events"] = [e for e in new["events"] if e["id"] not in bg_ids]  # the background file defines it
        return new

    links: list[Link] = []
    for ev_id, options_ in sorted(cands.items()):
        chosen = options_
        if len(options_) > 1:
            chosen = [c for c in options_ if probe.consistent(renamed(data, ev_id, c), c, whole, with_bg)]
        if len(chosen) == 1:
            data = renamed(data, ev_id, chosen[0])
            why = "the only background event of its kind and parties named"
            if len(options_) > 1:
                why = f"of {len(options_)} background candidates, the only one consistent with the rest"
            links.append(Link(chosen[0], (chosen[0], ev_id), why, assumed=len(options_) > 1))
    used = {lk.event for lk in links}
    if not used:
        return data, links, None
    bg_used = {
        **{k: v for k, v in bg.items() if k not in ("events", "facts", "documents")},
        "documents": bg.get("documents", []),
        "events": [e for e in bg.get("events", []) if e["id"] in used],
        "facts": [f for f in bg.get("facts", []) if _refs(f) <= used],
    }
    return data, links, bg_used


@functools.lru_cache(maxsize=4)
def _background(path: str) -> dict[str, Any]:
    """The background fact set, parsed once per process (it is only read)."""
    data: dict[str, Any] = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return data


@functools.lru_cache(maxsize=4)
def _background_parts(path: str) -> tuple[tuple[str, FactSetFile, Any], ...]:
    """The background fact set validated, once per process, as the link probes take it."""
    return tuple(parse_fact_set_files([path]))


@functools.lru_cache(maxsize=4)
def _background_origins(path: str) -> dict[str, SourceLocation]:
    """Where each background fact is written in the shipped file."""
    return fact_origins(list(_background_parts(path)))


def _merge(data: dict[str, Any], into: str, others: tuple[str, ...]) -> dict[str, Any]:
    """The fact set with ``others`` merged into the event ``into`` (and their series into its series)."""
    series = {e["id"]: e.get("series") for e in data["events"]}
    target = series.get(into)
    series_map = {s: target for o in others if (s := series.get(o)) and target and s != target}
    return apply_renames(data, dict.fromkeys(others, into), series_map)


def _resolve_alternatives(
    data: dict[str, Any], alternatives: list[Alternative], probe: _Probe
) -> tuple[dict[str, Any], list[Link]]:
    """Decide each weak link with the solver: merged only if it is the single candidate consistent with the rest."""
    links: list[Link] = []
    for alt in alternatives:
        if not alt.event:
            why = f"several events match several ({alt.reason})"
            links.append(Link(alt.candidates[0], alt.candidates, why, linked=False))
            continue
        members = (alt.event, *alt.candidates)
        if alt.together:
            trial = _merge(data, alt.event, alt.candidates)
            if probe.consistent(trial, alt.event):
                data = trial
                links.append(Link(alt.event, tuple(sorted(members)), f"{alt.reason}; consistent with everything else",
                                  assumed=True))  # fmt: skip
            else:
                why = _why_apart(data, alt.event, probe, "as one event their dates cannot all be true")
                links.append(Link(alt.event, tuple(sorted(members)), f"{why} ({alt.reason})", linked=False))
            continue
        fit = [c for c in alt.candidates if probe.consistent(_merge(data, alt.event, (c,)), alt.event)]
        if len(fit) == 1:
            data = _merge(data, alt.event, (fit[0],))
            why = f"of {len(alt.candidates)} candidates, the only one consistent with the rest"
            links.append(Link(alt.event, tuple(sorted((alt.event, fit[0]))), f"{why} ({alt.reason})", assumed=True))
        else:
            why = (f"{len(fit)} of {len(alt.candidates)} candidates fit equally" if fit else
                   _why_apart(data, alt.event, probe, "no candidate can be the same event"))  # fmt: skip
            links.append(Link(alt.event, tuple(sorted(members)), f"{why} ({alt.reason})", linked=False))
    return data, links


def _why_apart(data: dict[str, Any], event: str, probe: _Probe, why: str) -> str:
    if probe.consistent(data, event):
        return why
    return "its facts already conflict without the link, so the solver cannot judge it"


def _refs(fact: dict[str, Any]) -> set[str]:
    return {v for k in ("subject", "anchor") if isinstance(v := fact.get(k), str) and not v.startswith("doc:")}


def _sentence_text(ex: dict[str, Any], span: list[int], texts: dict[str, ArticleText]) -> str:
    path = ex["document"].get("path")
    if not path:
        return ""
    if path not in texts:
        try:
            texts[path] = read_article_text(Path(path))
        except OSError:
            return ""
    # A sentence of a long file is read around its span (the file is read from disk by offset).
    a, b = span
    base = max(0, a - 4000)
    text = texts[path][base : b + 4000]
    a, b = a - base, b - base
    lo = max(0, text.rfind(".", 0, a) + 1)
    hi = text.find(".", b)
    return text[lo : hi if hi >= 0 else len(text)]


__all__ = ["AuditResult", "Extracted", "audit", "extract", "load_yaml_model"]
