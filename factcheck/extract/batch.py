"""Reading a corpus one article at a time, each within its matching budget.

An article whose matching runs over the budget is reported as failed (with the reason) and
the others are still read: one odd document never stalls or sinks a whole corpus.
"""

from __future__ import annotations

from collections.abc import Iterable

from factcheck.corpus.load import Article, Skipped
from factcheck.dates.deadline import MatchTimeout, match_budget
from factcheck.extract.reader import ArticleReader, Extraction


def read_all(
    reader: ArticleReader, articles: Iterable[Article], match_timeout: float | None
) -> tuple[list[tuple[Article, Extraction]], list[Skipped]]:
    """Read every article within ``match_timeout`` seconds of matching each; (read, failed)."""
    done: list[tuple[Article, Extraction]] = []
    failed: list[Skipped] = []
    for art in articles:
        try:
            with match_budget(match_timeout):
                done.append((art, reader.read(art)))
        except MatchTimeout as exc:
            failed.append(Skipped(art.path, str(exc), failed=True))
    return done, failed
