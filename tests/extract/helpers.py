"""Extract-then-check for tests: one article (or its edited copy) through the reader and the engine."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

from factcheck.corpus.load import load_article
from factcheck.extract import nlp
from factcheck.extract.arguments import ArgumentReader, Arguments
from factcheck.extract.extraction import Extraction
from factcheck.extract.factset import write_and_load
from factcheck.extract.reader import ArticleReader
from factcheck.extract.rules import load_extract_pack
from factcheck.limits import DEFAULT_RLIMIT, DEFAULT_TIMEOUT_MS
from factcheck.model import Report
from factcheck.policy import load_policy
from factcheck.runtime.check import CheckOptions, check

AS_OF = dt.date(2026, 11, 22)
READER = ArticleReader()
ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus" / "istanbul-2025"
ARTICLES = Path(__file__).resolve().parent / "articles"


def article_path(prefix: str) -> Path:
    (p,) = sorted(CORPUS.glob(f"{prefix}_*.txt"))
    return p


def extract_and_check(path: Path, tmp_path: Path, extra_facts: list[dict] | None = None) -> tuple[Extraction, Report]:
    ex = READER.read(load_article(path))
    if extra_facts:
        ex.facts = ex.facts + extra_facts
    fs = write_and_load([ex], tmp_path / f"{path.stem}.facts.yaml")
    return ex, check(
        fs,
        CheckOptions(
            as_of=AS_OF, policy=load_policy(), max_conflicts=1, timeout_ms=DEFAULT_TIMEOUT_MS, rlimit=DEFAULT_RLIMIT
        ),
    )


def edited(path: Path, old: str, new: str, tmp_path: Path) -> tuple[Path, int, int]:
    """A copy of an article with one edit; the span of the edited text in the copy."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"{old!r} not in {path.name}"
    at = text.index(old)
    out = tmp_path / path.name
    out.write_text(text.replace(old, new, 1), encoding="utf-8")
    return out, at, at + len(new)


def cites(report: Report, start: int, end: int) -> bool:
    """Whether some contradiction quotes a span that touches [start, end) (its sentence, in practice)."""
    for f in report.findings:
        if f.kind != "contradiction":
            continue
        for s in f.sources:
            if s.start is not None and s.end is not None and s.start < end + 120 and start - 120 < s.end:
                return True
    return False


@functools.cache
def argument_reader() -> ArgumentReader:
    """The argument reader over the shipped pack's alias tables, as the article reader builds it."""
    pack = load_extract_pack()
    return ArgumentReader(lambda name: pack.entity_rx.canonical(name) or pack.location_rx.canonical(name))


def arguments_of(sentence: str, word: str) -> Arguments:
    """The arguments of the first token spelled ``word`` in ``sentence``, parsed alone."""
    (parsed,) = nlp.parse(sentence, [(0, len(sentence))])
    tok = next(t for t in parsed.tokens if t.text == word)
    return argument_reader().read(parsed, tok)
