"""The Python API the CLI is a thin layer over: load, check, render."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path

from factcheck.facts.load import load_fact_sets
from factcheck.limits import DEFAULT_MAX_CONFLICTS, DEFAULT_RLIMIT, DEFAULT_TIMEOUT_MS, limit_notes
from factcheck.model import FactSet, Report
from factcheck.policy import load_policy
from factcheck.runtime.check import check as check_factset
from factcheck.runtime.options import CheckOptions


def check(
    paths: Iterable[Path | str],
    *,
    as_of: dt.date | None = None,
    policy_path: Path | None = None,
    jobs: int = 1,
    timeout_ms: int = DEFAULT_TIMEOUT_MS,
    rlimit: int = DEFAULT_RLIMIT,
    max_conflicts: int = DEFAULT_MAX_CONFLICTS,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Report, FactSet]:
    """Check fact set files or folders; returns the report and the merged fact set."""
    fs = load_fact_sets(paths)
    options = CheckOptions(
        as_of=as_of or dt.date.today(),
        policy=load_policy(policy_path),
        jobs=jobs,
        timeout_ms=timeout_ms,
        rlimit=rlimit,
        max_conflicts=max_conflicts,
    )
    report = check_factset(fs, options, progress=progress)
    return report.model_copy(update={"notes": limit_notes(report.stats, max_conflicts)}), fs
