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

import contextlib
import dataclasses
import datetime as dt
import json
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factcheck import interrupts
from factcheck.auditing.index import CorpusIndex
from factcheck.auditing.info import RunInfo
from factcheck.auditing.lines import LineWriter
from factcheck.auditing.manifest import Manifest, find_manifests, stray_entries
from factcheck.auditing.merge import Merger, ReportSink, load_texts
from factcheck.auditing.read import ReadContext, ReaderPool, _apply_manifest, _fingerprint, _read_stage, read_one
from factcheck.auditing.stories import curated_docs
from factcheck.auditing.story import StoryContext, _story_stage
from factcheck.cache import Cache, content_key
from factcheck.corpus.load import ARTICLE_SUFFIXES, Skipped, walk_article_paths
from factcheck.dates.deadline import DEFAULT_SECONDS as DEFAULT_MATCH_SECONDS
from factcheck.errors import Diagnostic, UserError
from factcheck.extract import nlp
from factcheck.extract.rules import load_extract_pack
from factcheck.facts.load import load_fact_sets
from factcheck.limits import (
    DEFAULT_MAX_CONFLICTS,
    DEFAULT_RLIMIT,
    DEFAULT_STORY_BUDGET,
    DEFAULT_TIMEOUT_MS,
    limit_notes,
)
from factcheck.model import FactSet, FileAccount, FileNote, Report
from factcheck.policy import load_policy
from factcheck.report.json_format import file_counts, file_line, file_lines, summary_line_json
from factcheck.resources import shipped_facts_dir, shipped_rules_dir
from factcheck.runtime.executor import Executor, InProcess, make_executor
from factcheck.runtime.options import CheckOptions
from factcheck.yamlio import load_yaml_model

BACKGROUND = "background.yaml"


@dataclass
class AuditResult:
    """The report, the facts its findings cite (for locating quotes), the files not audited, and run figures."""

    report: Report
    factset: FactSet
    skipped: list[Skipped] = field(default_factory=list)
    info: RunInfo = field(default_factory=RunInfo)


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
    readers: ReaderPool | None = None,
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
    in story order, as soon as it is done (:class:`~factcheck.auditing.lines.LineWriter`),
    and the result's report holds only the status, the summed counts and the file
    account: memory holds the stories in flight, never the whole corpus's report.

    With ``report_sink``, the report goes to it in its format (JSON, text or GitHub:
    :data:`~factcheck.auditing.merge.STREAMED`) in pieces, written from the merged parts on
    disk, the same bytes as ``render`` of the merged report; the result's report is as with
    ``sink``: memory never holds the merged report, however many windows a long file has.

    ``progress`` is told ``(stage, done, total)`` as articles are read (total unknown: the
    listing is lazy) and as stories are checked.  ``readers`` holds the article readers
    (default: the run's own); audits given one pool build each reader once between them.
    """
    lim = CheckOptions(timeout_ms=timeout_ms, rlimit=rlimit, max_conflicts=max_conflicts, jobs=jobs)
    s = _setup(
        paths,
        as_of,
        facts,
        background,
        policy_path,
        rules,
        extract_pack,
        extract_replace,
        lim,
        match_timeout,
        readers or ReaderPool(),
    )
    # An executor made here is closed here; one given is the caller's to close.
    with contextlib.closing(make_executor(jobs)) if executor is None else contextlib.nullcontext(executor) as ex:
        info = RunInfo(executor=ex.name, workers=ex.workers)
        report, context, skipped = _run(s, ex, info, cache_dir, texts, sink, report_sink, progress)
    if texts and sink is None and report_sink is None:
        context = load_texts(report, context)
    return AuditResult(report, context, skipped, info)


@dataclass(frozen=True)
class _Setup:
    """What an audit's stages need, read from its arguments once: roots, manifests, packs, policy, options."""

    roots: list[Path]
    manifests: dict[Path, Manifest]
    read_ctx: ReadContext
    read_key: str
    options: CheckOptions
    curated: list[Path]
    curated_data: FactSet | None
    series_kinds: frozenset[str]
    story_key: tuple[str, ...]  # what a story's result depends on besides its articles


def _setup(
    paths: Iterable[Path | str], as_of: dt.date | None, facts: Iterable[Path | str], background: bool,
    policy_path: Path | None, rules: Iterable[Path | str], extract_pack: Path | str | None, extract_replace: bool,
    limits: CheckOptions, match_timeout: float | None, readers: ReaderPool,
) -> _Setup:  # fmt: skip
    """Read the arguments once, in the order their errors are reported: manifests, packs, policy, curated facts."""
    roots = [Path(p) for p in paths]
    manifests = find_manifests(roots)
    rule_dirs = [Path(r) for r in rules]
    bg_path = shipped_facts_dir() / BACKGROUND
    read_ctx = ReadContext(tuple(str(r) for r in rule_dirs), str(extract_pack) if extract_pack else None,
                           extract_replace, match_timeout, str(bg_path) if background else None,
                           readers=readers)  # fmt: skip
    # The date reader is built only if some article must be read (not on a re-audit that
    # finds every article in the cache); the extraction pack's event kinds are needed anyway.
    pack = load_extract_pack(Path(extract_pack) if extract_pack else None, replace=extract_replace)
    nlp.model_name()  # no English pipeline installed: say so now, not once per article
    policy = load_policy(policy_path)
    options = dataclasses.replace(limits, as_of=as_of or dt.date.today(), policy=policy,
                                  story_budget=DEFAULT_STORY_BUDGET)  # fmt: skip
    curated = [Path(f) for f in facts]
    curated_data = load_fact_sets(curated, read_articles=False) if curated else None
    series_kinds = frozenset(k for k, spec in pack.pack.events.items() if spec.located)
    pack_files = [Path(extract_pack)] if extract_pack else []
    rule_print = _fingerprint([shipped_rules_dir(), *rule_dirs])
    read_key = content_key("read-records", rule_print, _fingerprint(pack_files), repr(extract_replace),
                           repr(match_timeout), _fingerprint([bg_path]) if background else "")  # fmt: skip
    story_key = (read_key, _fingerprint(curated), json.dumps(sorted(series_kinds)), policy.model_dump_json(),
                 f"{options.as_of}|{options.timeout_ms}|{options.rlimit}|{options.max_conflicts}|{options.seed}|"
                 f"{options.component_budget}|{options.story_budget}")  # fmt: skip
    return _Setup(roots, manifests, read_ctx, read_key, options, curated, curated_data, series_kinds, story_key)


def _run(
    s: _Setup, executor: Executor, info: RunInfo, cache_dir: Path | str | None, texts: bool,
    sink: Callable[[str], object] | None, report_sink: ReportSink | None,
    progress: Callable[[str, int, int | None], None] | None,
) -> tuple[Report, FactSet, list[Skipped]]:  # fmt: skip
    """Read, check the stories, merge: in a scratch folder that is gone when this returns."""
    with interrupts.held_back():  # the folder exists only once its removal is arranged
        scratch = tempfile.TemporaryDirectory(prefix="factcheck-store-")
    with scratch as tmp:
        store = Cache(Path(cache_dir)) if cache_dir else Cache(Path(tmp), durable=False)
        index = CorpusIndex(Path(tmp))
        merger: Merger | LineWriter | None = None
        info.cache_rebuilt = store.rebuilt
        try:
            clock = time.perf_counter()
            skipped = _read_stage(s.roots, s.read_ctx, s.read_key, store, executor, info, index, progress)
            info.seconds["read"] = time.perf_counter() - clock
            curated_data = s.curated_data
            if index.count() == 0 and not (curated_data and curated_data.facts) and not any(k.failed for k in skipped):
                # Nothing was an article (an article that failed to be read is reported as failed instead).
                raise UserError(nothing_audited(s.roots, skipped))
            # Documents and link keys are in the index; the extractions themselves stay in the store.
            tied = curated_docs(curated_data.facts, index) if curated_data else None
            index.partition(tied)
            info.stories = index.stories
            clock = time.perf_counter()
            merger = Merger(Path(tmp)) if sink is None else LineWriter(sink)
            single = index.stories == 1
            _story_stage(index, s.manifests, s.read_ctx, _story_context(s, single, sink is not None),
                         content_key("story-lines" if sink else "story", *s.story_key), store,
                         InProcess() if single else executor, info, merger, progress)  # fmt: skip
            info.seconds["stories"] = time.perf_counter() - clock
            clock = time.perf_counter()
            report, context = _merged(s, merger, index, skipped, texts, sink, report_sink)
            info.seconds["merge"] = time.perf_counter() - clock
        except UserError as exc:
            raise as_given(exc, (p for p, _ in index.audited())) from None
        finally:
            if merger is not None:
                merger.close()
            index.close()
            store.close()
    return report, context, skipped


def _story_context(s: _Setup, single: bool, lines: bool) -> StoryContext:
    """What every story's check shares; a story is checked with one job when there are many of them."""
    reviewed = frozenset(f.id for f in s.curated_data.facts) if s.curated_data else frozenset()
    opts = s.options if single else dataclasses.replace(s.options, jobs=1)
    return StoryContext(opts, s.series_kinds, tuple(str(c) for c in s.curated), reviewed, s.read_ctx.background,
                        lines=lines)  # fmt: skip


def _merged(
    s: _Setup, merger: Merger | LineWriter, index: CorpusIndex, skipped: list[Skipped], texts: bool,
    sink: Callable[[str], object] | None, report_sink: ReportSink | None,
) -> tuple[Report, FactSet]:  # fmt: skip
    """The merged report, with its notes and its file account (written to the sinks, when streamed)."""
    if report_sink is not None and isinstance(merger, Merger):
        report, context = merger.summary(s.options.as_of), FactSet()
    else:
        report, context = merger.finish(s.options.as_of)
    report = report.model_copy(update={"notes": limit_notes(report.stats, s.options.max_conflicts)})
    stray = stray_entries(s.manifests, (p for p, _ in index.audited()))
    if sink is None:
        report = report.model_copy(update={"files": file_account(list(index.audited()), skipped, stray)})
        if report_sink is not None and isinstance(merger, Merger):
            merger.write_report(report, report_sink, texts)
    else:
        _write_file_lines(sink, report, index, skipped, stray)
    return report, context


@dataclass
class Extracted:
    """What ``factcheck extract`` read: each article's record (manifest applied), in listing order, and the rest."""

    records: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def extract(
    paths: Iterable[Path | str], *, rules: Iterable[Path | str] = (), extract_pack: Path | str | None = None,
    extract_replace: bool = False, match_timeout: float | None = DEFAULT_MATCH_SECONDS,
    readers: ReaderPool | None = None,
) -> Extracted:  # fmt: skip
    """Read articles as ``audit`` reads them (the same reader, packs and ``corpus.yaml``), each file read whole.

    A long file is read as one document here: its fact set is for review, and ``check``
    checks it as one.  Bad input raises UserError, and ``readers`` is, as in ``audit``.
    """
    roots = [Path(p) for p in paths]
    manifests = find_manifests(roots)
    ctx = ReadContext(tuple(str(Path(r)) for r in rules), str(extract_pack) if extract_pack else None,
                      extract_replace, match_timeout, None, windows=False, readers=readers or ReaderPool())  # fmt: skip
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


def as_given(exc: UserError, given: Iterable[str]) -> UserError:
    """The error with each audited article's path as the user gave it, not the absolute one the checks see.

    Extracted facts are checked as if written at the file system's root, so their article
    paths are absolute; a user who typed ``tmp/x/a1.md`` is told about ``tmp/x/a1.md``.
    """
    shown = {str(Path(p).resolve()): p for p in given}
    if not any(d.path in shown for d in exc.diagnostics):
        return exc
    return UserError([dataclasses.replace(d, path=shown.get(d.path, d.path)) for d in exc.diagnostics])


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


__all__ = ["AuditResult", "Extracted", "ReaderPool", "audit", "extract", "load_yaml_model"]
