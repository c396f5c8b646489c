"""An audit's account of the decision paths: every story's check and link probes, wherever the story ran."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from factcheck.auditing import audit
from factcheck.runtime.executor import ProcessPool
from tests.auditing.reference import write_articles

AS_OF = dt.date(2026, 11, 22)
PAIRS = [("Norrvik", "Halvard", "Tromso"), ("Kestria", "Valmont", "Arusha"), ("Ostara", "Belmar", "Lagos")]
ARTICLES = {
    f"s{i}-{k}.txt": f"{a} and {b} hold talks\n\n{a} and {b} met in {city} on March {4 + k}, 2024 for talks on "
    "fishing, officials said.\n"
    for i, (a, b, city) in enumerate(PAIRS)
    for k in range(2)
}


def test_the_paths_of_every_story_come_back_whatever_runs_it(tmp_path: Path) -> None:
    corpus = write_articles(tmp_path / "c", ARTICLES)
    here = audit([corpus], as_of=AS_OF, background=False)
    pool = ProcessPool(2, batch=1)
    try:
        forked = audit([corpus], as_of=AS_OF, background=False, executor=pool)
    finally:
        pool.close()
    assert here.info.stories == forked.info.stories > 1
    assert here.info.paths == forked.info.paths
    assert sum(here.info.paths.values()) >= here.report.stats["components"] > 0


def test_stories_found_in_the_cache_are_not_counted(tmp_path: Path) -> None:
    corpus = write_articles(tmp_path / "c", ARTICLES)
    first = audit([corpus], as_of=AS_OF, background=False, cache_dir=tmp_path / "cache")
    again = audit([corpus], as_of=AS_OF, background=False, cache_dir=tmp_path / "cache")
    assert first.info.paths and again.info.stories_checked == 0 and not again.info.paths
