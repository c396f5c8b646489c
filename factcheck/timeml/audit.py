"""Auditing TimeML annotations: each document's TLINKs checked for consistency, in two modes.

``links`` treats the links alone (qualitative, comparable with closure tools); ``metric``
adds what the TIMEX3 values say about their own dates, read with the engine's calendar.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.calendar import CalendarError, concrete_span, parse_value
from factcheck.diagnostics import fc111_tlink_conflict, fc301_inconclusive, render, report_status
from factcheck.engine.options import SolveOptions
from factcheck.engine.solver import Outcome, SolverLimits
from factcheck.engine.tlinks import Interval, Link, LinkDoc, LinkResult, Mode, check_links
from factcheck.limits import DEFAULT_MAX_CONFLICTS, DEFAULT_RLIMIT, DEFAULT_TIMEOUT_MS, limit_notes
from factcheck.model import DateRange, DocumentTimes, FactSet, Finding, Report
from factcheck.policy import Policy, load_policy
from factcheck.timeml.read import FileText, TimeMLDoc, Timex, element_spans, read_timeml, timeml_files

PINNABLE_MODS = (None, "START", "MID", "END")


def timex_days(tx: Timex, policy: Policy) -> tuple[tuple[int, int], bool] | None:
    """A TIMEX3's calendar span in days and whether the timex is that whole period (never, now).

    Only fully specified dates, months, years, weeks, quarters, halves and seasons are
    pinned; relative (``PAST_REF``), underspecified (``XXXX``) and approximate or open
    (``mod="BEFORE"``) values say too little to be a hard fact.
    """
    if tx.type not in ("DATE", "TIME") or tx.mod not in PINNABLE_MODS:
        return None
    value = tx.value.split("T", 1)[0]
    try:
        cv = parse_value(value, tx.mod)
    except CalendarError:
        return None
    span = concrete_span(cv, policy.month_parts(), policy.year_parts())
    if span is None:
        return None
    # The expression's interval lies within its calendar period rather than filling it:
    # "ended Nov. 20" ends during that day, not at midnight, and the creation time is a
    # moment of its day.  Reading dates as whole periods made such links clash falsely.
    return span, False


def to_linkdoc(doc: TimeMLDoc, policy: Policy) -> tuple[LinkDoc, dict[str, tuple[int, int, str]]]:
    """The document's intervals and links, plus each interval's span and text in TEXT."""
    spans: dict[str, tuple[int, int, str]] = {}
    intervals: list[Interval] = []
    events = {e.eid: e for e in doc.events}
    for inst in doc.instances:
        ev = events.get(inst.eid)
        text = ev.text if ev else inst.eid
        intervals.append(Interval(inst.eiid, text))
        if ev:
            spans[inst.eiid] = (ev.start, ev.end, ev.text)
    timexes = list(doc.timexes) + ([doc.dct] if doc.dct else [])
    for tx in timexes:
        pinned = timex_days(tx, policy)
        intervals.append(
            Interval(tx.tid, tx.text, pinned[0] if pinned else None, tx.value, pinned[1] if pinned else True)
        )
        if tx.start is not None and tx.end is not None:
            spans[tx.tid] = (tx.start, tx.end, tx.text)
    links = [Link(t.lid, t.rel, t.source, t.target) for t in doc.tlinks]
    return LinkDoc(doc.id, intervals, links), spans


@dataclass
class TimeMLAudit:
    """Per-document results in each mode, and the report they make."""

    results: dict[str, dict[str, LinkResult]] = field(default_factory=dict)
    links: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    report: Report | None = None
    factset: FactSet = field(default_factory=FactSet)  # the files of the documents with findings, to locate them


def _check_modes(
    path: Path, doc_id: str, linkdoc: LinkDoc, spans: dict[str, tuple[int, int, str]], modes: tuple[Mode, ...],
    opts: SolveOptions,
    audit: TimeMLAudit, stats: Counter[str], findings: list[Finding],
) -> FileText | None:  # fmt: skip
    """Check one document's links in every mode; the file's text, if a finding points into it."""
    located: FileText | None = None
    link_by_id = {link.id: link for link in linkdoc.links}
    for mode in modes:
        res = check_links(linkdoc, mode, opts)
        audit.results[doc_id][mode] = res
        stats[f"{mode}_{'inconsistent' if res.outcome is Outcome.UNSAT else res.outcome.value}"] += 1
        in_conflict = {f for c in res.conflicts for f in c if f.startswith("link:")}
        stats[f"{mode}_links_in_conflicts"] += len(in_conflict)
        if res.conflicts and not res.complete:
            stats["conflict_enumeration_truncated"] += 1
            if len(res.conflicts) < opts.max_conflicts:  # stopped by its share of the budget, not by the limit
                stats["conflict_enumeration_out_of_time"] += 1
        if res.outcome is Outcome.UNKNOWN:
            findings.append(fc301_inconclusive.undecided_links(doc_id, mode, res.reason))
        for conflict in res.conflicts:
            if mode == "metric" and "links" in modes and not any(f.startswith("value:") for f in conflict):
                continue  # the links alone clash: reported once, under links mode
            located = located or element_spans(path)
            findings.append(fc111_tlink_conflict.detect(doc_id, mode, conflict, res, link_by_id, spans, located))
    return located


def audit_timeml(
    paths: list[Path],
    *,
    modes: tuple[Mode, ...] = ("links", "metric"),
    timeout_ms: int = DEFAULT_TIMEOUT_MS,
    rlimit: int = DEFAULT_RLIMIT,
    max_conflicts: int = DEFAULT_MAX_CONFLICTS,
    progress: Callable[[int, int], None] | None = None,
) -> TimeMLAudit:
    """Check the TLINKs of every TimeML document under the paths."""
    policy = load_policy()
    opts = SolveOptions(limits=SolverLimits(timeout_ms=timeout_ms, rlimit=rlimit), max_conflicts=max_conflicts)
    files = timeml_files(paths)
    audit = TimeMLAudit()
    findings: list[Finding] = []
    documents: list[DocumentTimes] = []
    stats: Counter[str] = Counter()
    texts: dict[str, str] = {}
    text_paths: dict[str, str] = {}
    for n, f in enumerate(files, 1):
        t0 = time.perf_counter()
        doc = read_timeml(f)
        linkdoc, spans = to_linkdoc(doc, policy)
        audit.results[doc.id] = {}
        audit.links[doc.id] = len(linkdoc.links)
        dct = doc.dct_date()
        documents.append(DocumentTimes(id=doc.id, published=DateRange(earliest=dct, latest=dct), retrieved=DateRange()))
        stats["documents"] += 1
        stats["links"] += len(linkdoc.links)
        located = _check_modes(f, doc.id, linkdoc, spans, modes, opts, audit, stats, findings)
        if located is not None:
            # Findings point into the .tml file itself: a TLINK at its element's line.
            texts[doc.id], text_paths[doc.id] = located.text, str(f)
        audit.seconds[doc.id] = time.perf_counter() - t0
        if progress:
            progress(n, len(files))
    audit.report = Report(
        status=report_status(findings),
        as_of=dt.date.today(),
        documents=tuple(documents),
        findings=tuple(sorted(findings, key=lambda x: (x.subject or "", render(x)))),
        stats=dict(sorted(stats.items())),
        notes=limit_notes(stats, max_conflicts),
    )
    audit.factset = FactSet(texts=texts, text_paths=text_paths)
    return audit


def conflict_sizes(audit: TimeMLAudit, mode: Mode) -> Counter[int]:
    """How many minimal conflicts of each size a mode found."""
    return Counter(len(c) for per in audit.results.values() if mode in per for c in per[mode].conflicts)
