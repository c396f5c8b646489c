"""Merging the reports of independently audited stories, deterministically: into one report, or as a stream.

Stories come in a fixed order (by their first document), so component numbers are
renumbered by that order, and every list is sorted exactly as a single check sorts it:
the merged report is the same bytes however many workers made its parts.  Parts are
merged as plain JSON (as they come from workers and the cache) and validated once.

A merged report holds the whole corpus's timeline.  For an archive, :class:`LineWriter`
writes each story's report as one line of JSON as soon as its turn comes, and keeps
only the sums: memory holds the stories in flight, not the corpus.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from factcheck.corpus.load import read_article_text
from factcheck.diagnostics import finding_json, order, renumbered, report_status
from factcheck.exitcodes import SEVERITY_COUNT
from factcheck.model import FactSet, Finding, Report, Status
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


class Merger:
    """Merges the stories' results (``{"report", "context"}`` JSON) one at a time, in story order.

    Each part is folded in and dropped, so only the merged report is held.  Background
    events and documents that several stories refer to appear once (the first story's
    view of them); counts are summed, plus the number of stories.
    """

    def __init__(self) -> None:
        self.findings: dict[str, dict[str, Any]] = {}
        self.events: dict[str, Any] = {}
        self.documents: dict[str, Any] = {}
        self.links: dict[tuple[str, tuple[str, ...], bool], Any] = {}
        self.stats: Counter[str] = Counter()
        self.context: dict[str, dict[str, Any]] = {"facts": {}, "origins": {}, "texts": {}, "text_paths": {}}
        self.offset = 0
        self.parts = 0

    def add(self, part: dict[str, Any]) -> None:
        """Fold in the next story's result."""
        report, ctx = part["report"], part["context"]
        for f in report.get("findings", ()):
            g = _renumber(f, self.offset)
            self.findings.setdefault(json.dumps(g, sort_keys=True), g)
        for e in report.get("events", ()):
            self.events.setdefault(e["id"], e)
        for d in report.get("documents", ()):
            self.documents.setdefault(d["id"], d)
        for lk in report.get("links", ()):
            self.links.setdefault((lk["event"], tuple(lk["members"]), lk.get("linked", True)), lk)
        self.stats.update(report.get("stats", {}))
        self.offset += report.get("stats", {}).get("components", 0)
        for fact in ctx.get("facts", ()):
            self.context["facts"].setdefault(fact["id"], fact)
        for key in ("origins", "texts", "text_paths"):
            self.context[key].update(ctx.get(key, {}))
        self.parts += 1

    def finish(self, as_of: dt.date) -> tuple[Report, FactSet]:
        """The merged report and the facts its findings cite."""
        stats = Counter(self.stats)
        stats["stories"] = self.parts
        ordered = sorted(self.findings.values(), key=_finding_order)
        merged = Report.model_validate({
            "status": Status.CONSISTENT,  # set below from the validated findings
            "as_of": as_of,
            "documents": [self.documents[k] for k in sorted(self.documents)],
            "events": [self.events[k] for k in sorted(self.events)],
            "findings": ordered,
            "links": [self.links[k] for k in sorted(self.links)],
            "stats": dict(sorted(stats.items())),
        })  # fmt: skip
        # the findings' counts by severity, as a streamed audit's summary has them
        counted = dict(sorted((Counter(merged.stats) + Counter(finding_counts(merged))).items()))
        merged = merged.model_copy(update={"status": report_status(merged.findings), "stats": counted})
        facts = self.context["facts"]
        fs = FactSet.model_validate({
            "facts": [facts[k] for k in sorted(facts)],
            **{key: dict(sorted(self.context[key].items())) for key in ("origins", "texts", "text_paths")},
        })  # fmt: skip
        return merged, fs


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


def finding_counts(report: Report) -> dict[str, int]:
    """A story's findings by severity (``findings_error``, ``findings_warning``), inconclusive ones apart."""
    out: Counter[str] = Counter()
    for f in report.findings:
        kind = "inconclusive" if f.kind == "inconclusive" else f.severity.value
        out[SEVERITY_COUNT.format(kind)] += 1
    return dict(out)
