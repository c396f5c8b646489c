"""Article readers: one per set of rule packs in each process, held by the run's pool, never by the module.

A reader is costly to build (rule packs compiled, the spaCy pipeline attached), so audits
given one pool build it once between them, forked workers use the one built before they
were forked, and a pool sent to another process by pickling arrives empty.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import pickle
from pathlib import Path
from typing import Any

import pytest

from factcheck.auditing import ReaderPool, audit, read, run
from factcheck.extract.reader import ArticleReader
from factcheck.runtime.executor import ProcessPool
from tests.auditing.reference import write_articles

AS_OF = dt.date(2026, 11, 22)
ARTICLES = {
    f"n{i}.txt": f"Norrvik and Halvard hold talks\n\nNorrvik and Halvard met in Tromso on March {4 + i}, 2024 for "
    f"talks on fishing, officials said.\n"
    for i in range(4)
}


@pytest.fixture
def builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A file that gets one line, the building process's id, for every article reader built."""
    log = tmp_path / "builds.log"

    class Counted(ArticleReader):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            with log.open("a", encoding="utf-8") as fh:
                fh.write(f"{os.getpid()}\n")
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(read, "ArticleReader", Counted)
    return log


def _built(log: Path) -> list[int]:
    return [int(x) for x in log.read_text(encoding="utf-8").split()] if log.exists() else []


def test_audits_given_one_pool_build_one_reader(tmp_path: Path, builds: Path) -> None:
    corpus = write_articles(tmp_path / "c", ARTICLES)
    pool = ReaderPool()
    first = audit([corpus], as_of=AS_OF, background=False, readers=pool)
    again = audit([corpus], as_of=AS_OF, background=False, readers=pool)
    assert first.info.articles_read == again.info.articles_read == 4
    assert _built(builds) == [os.getpid()]
    run.extract([corpus], readers=pool)  # the same packs: the same reader
    assert len(_built(builds)) == 1


def test_each_run_owns_its_readers(tmp_path: Path, builds: Path) -> None:
    corpus = write_articles(tmp_path / "c", dict(list(ARTICLES.items())[:1]))
    audit([corpus], as_of=AS_OF, background=False)
    audit([corpus], as_of=AS_OF, background=False)
    assert len(_built(builds)) == 2  # nothing of the first run's is left in the process for the second


def test_forked_workers_read_with_the_reader_built_before_they_were_forked(tmp_path: Path, builds: Path) -> None:
    corpus = write_articles(tmp_path / "c", ARTICLES)
    pool = ProcessPool(2, batch=1)
    try:
        r = audit([corpus], as_of=AS_OF, background=False, executor=pool)
    finally:
        pool.close()
    assert r.info.articles_read == 4
    assert _built(builds) == [os.getpid()]


def test_a_pickled_pool_arrives_empty(tmp_path: Path, builds: Path) -> None:
    ctx = read.ReadContext(match_timeout=None)
    ctx.readers.reader(ctx)
    copy = pickle.loads(pickle.dumps(ctx))
    assert copy == ctx and copy.readers is not ctx.readers
    copy.readers.reader(copy)  # another process would build its own
    assert len(_built(builds)) == 2
    ctx.readers.reader(dataclasses.replace(ctx, windows=False))  # other settings, the same packs: no new reader
    assert len(_built(builds)) == 2
