"""The stories' reports as JSON Lines, in story order, as soon as each one's turn comes.

For an archive: only the sums are kept (status, stats, counts of findings), so memory
holds the stories in flight, never the corpus's report.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from typing import Any

from factcheck.exitcodes import SEVERITY_COUNT
from factcheck.model import FactSet, Finding, Report, Status
from factcheck.report.json_format import numbered_line

_STATUS_ORDER = {Status.CONSISTENT.value: 0, Status.INCONCLUSIVE.value: 1, Status.CONTRADICTION.value: 2}


class LineWriter:
    """Writes the stories' reports as JSON Lines in story order (``{"story": N, ...report}``), keeping only sums.

    Parts are ``{"line", "status", "stats", "counts"}`` as ``report.json_format.story_line`` and the
    story's report give them (``counts``: its findings by severity, see
    :func:`finding_counts`).  The report :meth:`finish` returns has
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


def count_key(f: Finding) -> str:
    """The stats key a finding is counted under: its severity's (``findings_error``), or ``findings_inconclusive``."""
    return SEVERITY_COUNT.format("inconclusive" if f.kind == "inconclusive" else f.severity.value)


def finding_counts(report: Report) -> dict[str, int]:
    """A story's findings by severity (``findings_error``, ``findings_warning``), inconclusive ones apart."""
    return dict(Counter(count_key(f) for f in report.findings))
