"""Helpers every format shares."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from factcheck.diagnostics import at_or_above as at_or_above
from factcheck.model import KINDS, Finding, Report, Severity


def failing(report: Report, threshold: Severity) -> list[Finding]:
    """The findings at or above a threshold, inconclusive ones excepted (they have their own exit code)."""
    return [f for f in report.findings if f.kind != "inconclusive" and at_or_above(f.severity, threshold)]


def counts(report: Report) -> dict[str, int]:
    """How many findings of each kind, in a fixed order, zeros left out."""
    return kind_counts(f.kind for f in report.findings)


def kind_counts(kinds: Iterable[str]) -> dict[str, int]:
    """How many of each finding kind a stream of kinds holds, in :func:`counts`'s order."""
    seen = Counter(kinds)
    return {k: seen[k] for k in KINDS if seen[k]}


def summary_line(report: Report, by_kind: dict[str, int] | None = None) -> str:
    """One line: status, findings by kind (``by_kind``, else counted from the report), sizes."""
    by_kind = counts(report) if by_kind is None else by_kind
    parts = [f"{n} {k}{'s' if n != 1 else ''}" for k, n in by_kind.items()]
    s = report.stats
    return (
        f"{report.status.value}: {', '.join(parts) or 'no findings'}; "
        f"{s.get('facts', 0)} facts, {s.get('events', 0)} events, "
        f"{s.get('documents', 0)} documents, {s.get('components', 0)} components (as of {report.as_of})"
    )


def files_lines(report: Report) -> list[str]:
    """The audit's account of its input files: a count line, then each file not (cleanly) audited."""
    acc = report.files
    if acc is None:
        return []
    lines = [f"files: {len(acc.audited)} audited ({len(acc.warnings)} with a warning), "
             f"{len(acc.skipped)} skipped, {len(acc.failed)} failed"]  # fmt: skip
    for what, notes in (("warning", acc.warnings), ("skipped", acc.skipped), ("failed", acc.failed)):
        lines += [f"  {what}: {n.path}: {n.reason}" for n in notes]
    return lines
