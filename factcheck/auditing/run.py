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

import dataclasses
import datetime as dt
import functools
import hashlib
import json
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from factcheck import interrupts
from factcheck.auditing.executor import Executor, InProcess, make_executor
from factcheck.auditing.index import CorpusIndex
from factcheck.auditing.link import Alternative, Link, apply_renames, background_candidates, link_events
from factcheck.auditing.manifest import Manifest, find_manifests, stray_entries
from factcheck.auditing.merge import LineWriter, Merger, finding_counts, load_texts, reduce_context
from factcheck.auditing.stories import CURATED, curated_docs, doc_keys
from factcheck.auditing.windows import split_windows
from factcheck.cache import Cache, content_key
from factcheck.corpus.load import ARTICLE_SUFFIXES, Skipped, load_article, read_article_text, walk_article_paths
from factcheck.dates.deadline import DEFAULT_SECONDS as DEFAULT_MATCH_SECONDS
from factcheck.dates.deadline import MatchTimeout, match_budget
from factcheck.dates.tagger import DateReader
from factcheck.engine import CheckOptions, check
from factcheck.engine.components import split
from factcheck.engine.solver import Budget
from factcheck.errors import Diagnostic, UserError
from factcheck.extract import nlp
from factcheck.extract.factset import dump_factset, to_factset_data
from factcheck.extract.reader import ArticleReader, Extraction
from factcheck.extract.rules import load_extract_pack
from factcheck.factset import expand_paths, load_fact_data, load_fact_sets
from factcheck.limits import (
    DEFAULT_MAX_CONFLICTS,
    DEFAULT_RLIMIT,
    DEFAULT_STORY_BUDGET,
    DEFAULT_TIMEOUT_MS,
    limit_notes,
)
from factcheck.model import EventLink, FactSet, FileAccount, FileNote, Report, SourceLocation
from factcheck.policy import load_policy
from factcheck.report.json_format import file_counts, file_line, file_lines, story_line, summary_line_json
from factcheck.resources import shipped_facts_dir, shipped_rules_dir
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


@dataclass(frozen=True)
class DocRead:
    """What reading one article file gave: its extraction (plain data), or why it was skipped."""

    path: str
    extraction: dict[str, Any] | None = None
    warnings: tuple[str, ...] = ()
    skipped: str | None = None
    failed: bool = False
    errors: tuple[Diagnostic, ...] = ()
    keys: tuple[str, ...] = ()  # link keys (factcheck.auditing.stories)

    def to_json(self, *, summary: bool = False) -> dict[str, Any]:
        """Plain JSON, as the store keeps it; a summary leaves out the extraction but keeps its document id."""
        extraction = self.extraction
        if summary and extraction is not None:
            extraction = {"doc_id": extraction["doc_id"]}
        return {"path": self.path, "extraction": extraction, "warnings": list(self.warnings), "skipped": self.skipped,
                "failed": self.failed, "errors": [dataclasses.asdict(e) for e in self.errors],
                "keys": list(self.keys)}  # fmt: skip

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> DocRead:
        """The inverse of :meth:`to_json`."""
        return cls(**{**d, "warnings": tuple(d["warnings"]), "keys": tuple(d.get("keys", ())),
                      "errors": tuple(Diagnostic(**e) for e in d["errors"])})  # fmt: skip


_READERS: dict[ReadContext, ArticleReader] = {}
"""One article reader per process and context (built once, inherited by forked workers)."""


def reader_for(ctx: ReadContext) -> ArticleReader:
    """The article reader for a context, built on first use in this process."""
    reader = _READERS.get(ctx)
    if reader is None:
        pack = load_extract_pack(Path(ctx.extract_pack), replace=ctx.extract_replace) if ctx.extract_pack else None
        reader = _READERS[ctx] = ArticleReader(DateReader.load([Path(r) for r in ctx.rules]), pack)
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
    try:
        with match_budget(ctx.match_timeout):
            ex = reader.read(art)
    except MatchTimeout as exc:
        return DocRead(path, skipped=str(exc), failed=True, warnings=art.warnings)
    extraction = {"doc_id": ex.doc_id, "document": ex.document, "events": ex.events, "facts": ex.facts,
                  "windows": [w.char_start for w in art.plan.windows] if art.plan else None}  # fmt: skip
    series_kinds = {k for k, spec in reader.pack.pack.events.items() if spec.located}
    bg_events = _background(ctx.background).get("events", []) if ctx.background else []
    keys = tuple(doc_keys(ex.events, series_kinds, bg_events))
    return DocRead(path, extraction=extraction, warnings=art.warnings, keys=keys)


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
    return {"index": story.index, "report": report.model_dump(mode="json"),
            "context": reduce_context(report, fs).model_dump(mode="json")}  # fmt: skip


def _audit_story(ctx: StoryContext, story: StoryInput) -> tuple[Report, FactSet]:
    options = ctx.options
    # one budget for the whole story: the link probes and the check spend it in turn
    budget = Budget(options.story_budget) if options.story_budget else None
    extractions = [Extraction(e["doc_id"], e["document"], e["events"], e["facts"]) for e in story.extractions]
    windows = {e["doc_id"]: e["windows"] for e in story.extractions if e.get("windows")}
    curated = [Path(f) for f in ctx.curated] if story.curated else []
    # The extracted facts stay in memory, validated as if they were a file at the root
    # (article paths resolve to absolute ones); their origins are the articles themselves.
    out = Path(Path.cwd().anchor) / "extracted.yaml"
    data = to_factset_data(extractions, out.parent)
    if story.curated and ctx.reviewed:
        data["facts"] = [f for f in data["facts"] if f["id"] not in ctx.reviewed]
    docs = {ex.doc_id: ex.events for ex in extractions}
    rename, series, links, alternatives = link_events(docs, data["facts"], set(ctx.series_kinds))
    data = apply_renames(data, rename, series)
    extra: list[Path] = [*curated]
    data, weak_links = _resolve_alternatives(data, alternatives, out, extra, options, budget)
    links += weak_links
    bg_used = None
    if ctx.background:
        data, bg_links, bg_used = _link_background(data, extractions, Path(ctx.background), out, extra, options,
                                                   budget)  # fmt: skip
        links += bg_links
    # A long file's later windows are checked as documents of their own (factcheck.auditing.windows).
    data = split_windows(data, windows)
    if bg_used:
        with interrupts.held_back():
            scratch = tempfile.TemporaryDirectory(prefix="factcheck-audit-")
        with scratch as tmp:
            # Only the background events an article refers to (and their facts) take part.
            bg_file = Path(tmp) / BACKGROUND
            bg_file.write_text(dump_factset(bg_used), encoding="utf-8")
            fs = _with_article_origins(load_fact_data(data, out, [*extra, bg_file]))
    else:
        fs = _with_article_origins(load_fact_data(data, out, extra))
    report = check(fs, options, budget=budget)
    links_out = tuple(
        EventLink(event=lk.event, members=lk.members, reason=lk.reason, assumed=lk.assumed, linked=lk.linked)
        for lk in links
    )
    return report.model_copy(update={"links": links_out}), fs


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
        store = Cache(Path(cache_dir) if cache_dir else Path(tmp))
        index = CorpusIndex(Path(tmp))
        info.cache_rebuilt = store.rebuilt
        try:
            pack_files = [Path(extract_pack)] if extract_pack else []
            rule_print = _fingerprint([shipped_rules_dir(), *map(Path, rules)])
            read_key = content_key("read-windows", rule_print, _fingerprint(pack_files), repr(extract_replace),
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
            merger: Merger | LineWriter = Merger() if sink is None else LineWriter(sink)
            _story_stage(index, manifests, read_ctx, ctx, ctx_key, store, InProcess() if single else executor, info,
                         merger, progress)  # fmt: skip
            info.seconds["stories"] = time.perf_counter() - clock
            clock = time.perf_counter()
            report, context = merger.finish(options.as_of)
            report = report.model_copy(update={"notes": limit_notes(report.stats, max_conflicts)})
            stray = stray_entries(manifests, (p for p, _ in index.audited()))
            if sink is None:
                account = file_account(list(index.audited()), skipped, stray)
                report = report.model_copy(update={"files": account})
            else:
                _write_file_lines(sink, report, index, skipped, stray)
            info.seconds["merge"] = time.perf_counter() - clock
        except UserError as exc:
            raise as_given(exc, (p for p, _ in index.audited())) from None
        finally:
            index.close()
            store.close()
            if own:
                executor.close()
    if texts and sink is None:
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
            skipped[seq] = Skipped(d.path, d.skipped, failed=d.failed)
        elif d.extraction is not None and not d.failed:
            index.add(seq, path, key, d.extraction["doc_id"], d.keys, d.warnings)

    def to_read() -> Iterator[str]:
        built = False
        for seq, f in enumerate(walk_article_paths(roots)):
            if isinstance(f, Skipped):
                skipped[seq] = f
                continue
            digest = _file_digest(f)
            key = content_key(read_key, str(f), digest or "unreadable")
            cached = store.get("s:" + key) if digest is not None else None
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
            # A store entry that went missing or bad since the summary was read: read it again.
            d = DocRead.from_json(value) if value is not None else read_one(read_ctx, path)
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
    data: dict[str, Any], extractions: list[Extraction], bg_path: Path, out: Path, extra: list[Path],
    options: CheckOptions, budget: Budget | None = None,
) -> tuple[dict[str, Any], list[Link], dict[str, Any] | None]:  # fmt: skip
    """Link extracted events to background events; among several candidates, keep the one that fits."""
    bg = _background(str(bg_path))
    texts = {ex.doc_id: ex for ex in extractions}
    quotes: dict[str, str] = {}
    for f in data["facts"]:
        for key in ("subject", "anchor"):
            v = f.get(key)
            if isinstance(v, str) and not v.startswith("doc:") and f.get("doc") in texts:
                quotes[v] = quotes.get(v, "") + " " + _sentence_text(texts[f["doc"]], f["span"])
    cands = background_candidates(data["events"], bg.get("events", []), lambda ev: quotes.get(ev["id"], ""))
    bg_ids = {e["id"] for e in bg.get("events", [])}

    def renamed(d: dict[str, Any], ev_id: str, target: str) -> dict[str, Any]:
        new = apply_renames(d, {ev_id: target}, {})
        new["events"] = [e for e in new["events"] if e["id"] not in bg_ids]  # the background file defines it
        return new

    links: list[Link] = []
    for ev_id, options_ in sorted(cands.items()):
        chosen = options_
        if len(options_) > 1:
            chosen = [c for c in options_
                      if _consistent(renamed(data, ev_id, c), c, out, [*extra, bg_path], options, budget)]  # fmt: skip
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


def _merge(data: dict[str, Any], into: str, others: tuple[str, ...]) -> dict[str, Any]:
    """The fact set with ``others`` merged into the event ``into`` (and their series into its series)."""
    series = {e["id"]: e.get("series") for e in data["events"]}
    target = series.get(into)
    series_map = {s: target for o in others if (s := series.get(o)) and target and s != target}
    return apply_renames(data, dict.fromkeys(others, into), series_map)


def _resolve_alternatives(
    data: dict[str, Any], alternatives: list[Alternative], out: Path, extra: list[Path], options: CheckOptions,
    budget: Budget | None = None,
) -> tuple[dict[str, Any], list[Link]]:  # fmt: skip
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
            if _consistent(trial, alt.event, out, extra, options, budget):
                data = trial
                links.append(Link(alt.event, tuple(sorted(members)), f"{alt.reason}; consistent with everything else",
                                  assumed=True))  # fmt: skip
            else:
                why = _why_apart(data, alt.event, out, extra, options, budget,
                                 "as one event their dates cannot all be true")  # fmt: skip
                links.append(Link(alt.event, tuple(sorted(members)), f"{why} ({alt.reason})", linked=False))
            continue
        fit = [c for c in alt.candidates
               if _consistent(_merge(data, alt.event, (c,)), alt.event, out, extra, options, budget)]  # fmt: skip
        if len(fit) == 1:
            data = _merge(data, alt.event, (fit[0],))
            why = f"of {len(alt.candidates)} candidates, the only one consistent with the rest"
            links.append(Link(alt.event, tuple(sorted((alt.event, fit[0]))), f"{why} ({alt.reason})", assumed=True))
        else:
            why = (f"{len(fit)} of {len(alt.candidates)} candidates fit equally" if fit else
                   _why_apart(data, alt.event, out, extra, options, budget,
                              "no candidate can be the same event"))  # fmt: skip
            links.append(Link(alt.event, tuple(sorted(members)), f"{why} ({alt.reason})", linked=False))
    return data, links


def _why_apart(
    data: dict[str, Any], event: str, out: Path, extra: list[Path], options: CheckOptions, budget: Budget | None,
    why: str,
) -> str:  # fmt: skip
    if _consistent(data, event, out, extra, options, budget):
        return why
    return "its facts already conflict without the link, so the solver cannot judge it"


def _refs(fact: dict[str, Any]) -> set[str]:
    return {v for k in ("subject", "anchor") if isinstance(v := fact.get(k), str) and not v.startswith("doc:")}


def _consistent(
    data: dict[str, Any], event: str, out: Path, extra: list[Path], options: CheckOptions, budget: Budget | None = None
) -> bool:
    """Whether the component holding ``event`` is shown consistent (the rest cannot be affected by the link).

    A probe the solver gives up on (its limits, or the story's budget) shows nothing: not consistent.
    """
    fs = load_fact_data(data, out, extra, read_articles=False)
    part = next((c for c in split(fs) if any(e.id == event for e in c.events)), None)
    if part is None:
        return True
    # Only consistency matters here: no timeline, and a single conflict settles it.
    quick = dataclasses.replace(options, ranges=False, max_conflicts=1, verify_quotes=False)
    report = check(part, quick, budget=budget)
    return report.stats.get("components_sat", -1) == report.stats.get("components", 0)


def _with_article_origins(fs: FactSet) -> FactSet:
    """Extracted facts are defined by their quotes: their origin is the quote's line in the article."""
    origins = dict(fs.origins)
    for f in fs.facts:
        text, path = fs.texts.get(f.doc or ""), fs.text_paths.get(f.doc or "")
        if text is not None and path and f.span is not None and origins.get(f.id, None) is not None:
            if origins[f.id].path.endswith("extracted.yaml"):
                a = max(0, min(f.span[0], len(text)))
                line = text.count("\n", 0, a) + 1
                origins[f.id] = SourceLocation(path=path, line=line, column=a - text.rfind("\n", 0, a))
    return fs.model_copy(update={"origins": origins})


def _sentence_text(ex: Extraction, span: list[int]) -> str:
    path = ex.document.get("path")
    if not path:
        return ""
    try:
        text = read_article_text(Path(path))
    except OSError:
        return ""
    a, b = span
    lo = max(0, text.rfind(".", 0, a) + 1)
    hi = text.find(".", b)
    return text[lo : hi if hi >= 0 else len(text)]


__all__ = ["AuditResult", "audit", "load_yaml_model"]
