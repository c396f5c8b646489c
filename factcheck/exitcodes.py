"""The process exit codes, and the one place that decides them for every command (the docs read them too)."""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factcheck.model import Report, Severity


class ExitCode(IntEnum):
    """What a factcheck run ends with."""

    OK = 0
    """Consistent: no finding at or above the fail-on level."""
    CONTRADICTION = 1
    """At least one contradiction (or, with --fail-on warning, a gap)."""
    USAGE = 2
    """Bad input or usage: a file, its line, what is wrong."""
    INCONCLUSIVE = 3
    """The solver gave up (timeout or resource limit) on at least one component, or the reader failed on an article."""
    INTERNAL = 70
    """An internal bug: a short crash report was printed."""
    SIGINT = 130
    SIGTERM = 143


SEVERITY_COUNT = "findings_{}"
"""The stats key of a streamed audit's summary counting its findings of one severity (inconclusive ones apart)."""
INCONCLUSIVE_COUNT = "findings_inconclusive"


def exit_code_for(
    report: Report, fail_on: Severity | None = None, *, exit_zero: bool = False, incomplete: bool = False
) -> int:
    """The exit code for a report: 1 for findings at or above ``fail_on``, else 3 if inconclusive, else 0.

    ``exit_zero`` turns 1 into 0; an inconclusive check still exits 3, and so does a run left
    ``incomplete`` (the reader failed on an article) that would otherwise pass.  A streamed audit's
    summary holds no findings, only their counts by severity (``findings_error``, …), and
    is judged by those, so ``--format jsonl`` exits as every other format does.
    """
    from factcheck.model import Severity, Status
    from factcheck.report.common import at_or_above, failing

    threshold = fail_on or Severity.ERROR
    if report.findings:
        fails = bool(failing(report, threshold))
        inconclusive = any(f.kind == "inconclusive" for f in report.findings)
    else:
        fails = any(report.stats.get(SEVERITY_COUNT.format(s.value), 0) for s in Severity if at_or_above(s, threshold))
        inconclusive = report.stats.get(INCONCLUSIVE_COUNT, 0) > 0
    if fails and not exit_zero:
        return ExitCode.CONTRADICTION.value
    if report.status is Status.INCONCLUSIVE or inconclusive or incomplete:
        return ExitCode.INCONCLUSIVE.value
    return ExitCode.OK.value


def exit_code_for_problems(problems: int) -> int:
    """The exit code of a command that lists problems (``rules test``, ``rules lint``): 1 if any, else 0."""
    return (ExitCode.CONTRADICTION if problems else ExitCode.OK).value
