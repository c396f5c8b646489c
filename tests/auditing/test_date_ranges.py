"""An event told by a range of days ("between May 16 and 18") lies on one of them: a day inside agrees, one outside clashes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from factcheck.auditing import audit
from factcheck.model import Report, Status

AS_OF = dt.date(2026, 11, 22)

_RANGE = (
    "---\ntitle: Fisheries talks end\npublished: 2026-05-20\n---\nFisheries talks end\n\n"
    "Fisheries ministers from Norway and Iceland held talks in Reykjavik between May 16 and 18. "
    "The talks ended without a quota deal, officials said.\n"
)


def _day(day: str) -> str:
    return (
        f"---\ntitle: Quota talks\npublished: 2026-05-21\n---\nQuota talks\n\n"
        f"Fisheries ministers from Norway and Iceland held talks in Reykjavik on {day}, a spokeswoman said.\n"
    )


def _audit(tmp_path: Path, second: str) -> Report:
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "a1.md").write_text(_RANGE, encoding="utf-8")
    (folder / "a2.md").write_text(second, encoding="utf-8")
    return audit([folder], as_of=AS_OF).report


def _talks(report: Report) -> tuple[dt.date | None, dt.date | None]:
    ranges = {(e.earliest, e.latest) for e in report.events if e.id.endswith(":talks")}
    assert len(ranges) == 1, ranges
    return ranges.pop()


def test_the_range_alone_dates_the_talks_to_its_days(tmp_path: Path) -> None:
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "a1.md").write_text(_RANGE, encoding="utf-8")
    report = audit([folder], as_of=AS_OF).report
    assert _talks(report) == (dt.date(2026, 5, 16), dt.date(2026, 5, 18))


@pytest.mark.parametrize("day", ["May 16", "May 17", "May 18"])
def test_a_day_of_the_range_agrees_with_it(tmp_path: Path, day: str) -> None:
    report = _audit(tmp_path, _day(day))
    assert report.status is Status.CONSISTENT
    d = dt.date(2026, 5, int(day.split()[1]))
    assert _talks(report) == (d, d)


@pytest.mark.parametrize("day", ["May 15", "May 19"])
def test_a_day_outside_the_range_contradicts_it_quoting_both(tmp_path: Path, day: str) -> None:
    report = _audit(tmp_path, _day(day))
    assert report.status is Status.CONTRADICTION
    quotes = {s.quote for f in report.findings if f.kind == "contradiction" for s in f.sources}
    assert any("between May 16 and 18" in (q or "") for q in quotes)
    assert any(f"on {day}" in (q or "") for q in quotes)
