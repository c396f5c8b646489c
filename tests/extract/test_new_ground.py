"""Stories on new ground: business, trade, elections, courts, sport and disasters, audited as a careful reader would.

Each folder under ``stories/`` holds two to four short articles (written for these tests,
on names and places that no table of the shipped rules knows) and an ``expect.yaml``
saying what a careful reader concludes: the clean story is consistent; some mentions are
distinct events of one kind that must never be one report event (``apart``); some are one
event across or within articles (``same``); some events fall on a known day (``dated``);
hypothetical, conditional and negated mentions carry no asserted date (``undated``); an
undated article's creation time is bounded by what it reports (``created``); and each
date edit in ``edits`` makes the story contradict itself, with a contradiction quoting the
edited text.

Cases the current article reader gets wrong are marked ``xfail(strict=True)`` (on an assertion only) in
``KNOWN_FAILURES`` with what it gets wrong, so that each mark must go once the reader
reads the case right.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

import pytest
import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from factcheck.auditing import AuditResult, audit
from factcheck.diagnostics import render
from factcheck.model import EventTimes, Finding, Report

AS_OF = dt.date(2026, 11, 22)
STORIES = Path(__file__).resolve().parent / "stories"
ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "corpus" / "istanbul-2025"
SHIPPED_PACK = ROOT / "rules" / "en" / "extract.yaml"
NAME_TABLES = ("entities", "people", "locations")


# --------------------------------------------------------------------------- expect.yaml


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class At(_Strict):
    """A quote (an exact substring, found once) in one of the story's articles."""

    file: str
    quote: str = Field(min_length=1)


class Pair(_Strict):
    """Two mentions, and why a careful reader reads them as one event or as two."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    a: At
    b: At
    why: str


class Dated(_Strict):
    """A mention whose event falls on a day, or within a range of days."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    at: At
    day: dt.date | None = None
    within: tuple[dt.date, dt.date] | None = None

    @model_validator(mode="after")
    def _one(self) -> Dated:
        if (self.day is None) == (self.within is None):
            raise ValueError("give exactly one of 'day' and 'within'")
        if self.within is not None and self.within[1] < self.within[0]:
            raise ValueError(f"range {self.within} ends before it starts")
        return self

    def bounds(self) -> tuple[dt.date, dt.date]:
        if self.day is not None:
            return self.day, self.day
        assert self.within is not None
        return self.within


class Undated(_Strict):
    """A hypothetical, conditional or negated mention: no asserted date may come from it."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    at: At


class Created(_Strict):
    """Bounds on an undated article's inferred creation time."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    file: str
    not_before: dt.date | None = None
    not_after: dt.date | None = None


class Edit(_Strict):
    """One date changed so that the story contradicts itself."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    file: str
    find: str = Field(min_length=1)
    replace: str = Field(min_length=1)
    why: str


class Expect(_Strict):
    """What a careful reader concludes from one story."""

    consistent: Literal[True]
    apart: tuple[Pair, ...] = Field(min_length=1)
    same: tuple[Pair, ...] = ()
    dated: tuple[Dated, ...] = ()
    undated: tuple[Undated, ...] = ()
    created: tuple[Created, ...] = ()
    edits: tuple[Edit, ...] = Field(min_length=1)


def _load(story: Path) -> Expect:
    return Expect.model_validate(yaml.safe_load((story / "expect.yaml").read_text(encoding="utf-8")))


STORY_DIRS = sorted(p for p in STORIES.iterdir() if (p / "expect.yaml").is_file())
EXPECT = {p.name: _load(p) for p in STORY_DIRS}


# --------------------------------------------------------------------------- the current reader's failures

_NO_EVENT = "the reader finds no event at {}"

KNOWN_FAILURES: dict[str, str] = {}
"""Case id -> what the current article reader gets wrong; each mark must go once the reader reads the case right."""


def _cases(check: str) -> Iterator[Any]:
    """One pytest param per expectation of the given check, id ``<story>_<check>-<id>``, marked if known to fail."""
    for story, exp in EXPECT.items():
        items: tuple[Any, ...] = getattr(exp, check) if check != "consistent" else (exp,)
        for item in items:
            case = f"{story}_{check}" if check == "consistent" else f"{story}_{check}-{item.id}"
            marks = []
            if case in KNOWN_FAILURES:
                marks.append(pytest.mark.xfail(strict=True, raises=AssertionError, reason=KNOWN_FAILURES[case]))
            yield pytest.param(story, item, id=case, marks=marks)


# --------------------------------------------------------------------------- helpers


def _text(story: str, name: str) -> str:
    return (STORIES / story / name).read_text(encoding="utf-8")


def _span(story: str, at: At) -> tuple[str, int, int]:
    """(document id, start, end) of a quote in an article; document ids are file stems."""
    text = _text(story, at.file)
    start = text.index(at.quote)
    return Path(at.file).stem, start, start + len(at.quote)


@functools.cache
def _audited(story: str) -> AuditResult:
    return audit([STORIES / story], as_of=AS_OF)


def _events_at(report: Report, doc: str, start: int, end: int) -> list[EventTimes]:
    """The report's events with a mention overlapping [start, end) in ``doc``."""
    return [e for e in report.events if any(m.doc == doc and m.start < end and start < m.end for m in e.mentions)]


def _ids_at(report: Report, story: str, at: At) -> set[str]:
    ids = {e.id for e in _events_at(report, *_span(story, at))}
    assert ids, _NO_EVENT.format(f"{at.file}: {at.quote!r}")
    return ids


def _contradictions(report: Report) -> list[str]:
    return [f"{render(f)} {[s.quote for s in f.sources]}" for f in report.findings if f.code == "FC101"]


# --------------------------------------------------------------------------- the stories themselves


@pytest.mark.parametrize("story", sorted(EXPECT), ids=lambda s: f"{s}_well-formed")
def test_story_is_well_formed(story: str) -> None:
    """Two to four articles, one undated at least, every quote found once, every edit's text found once."""
    exp = EXPECT[story]
    articles = sorted((STORIES / story).glob("*.md"))
    assert 2 <= len(articles) <= 4
    fronts = [yaml.safe_load(a.read_text(encoding="utf-8").split("---")[1]) for a in articles]
    assert all(f.get("title") for f in fronts)
    assert any("published" not in f for f in fronts), "at least one article leaves its date to be inferred"
    ats = [q for p in (*exp.apart, *exp.same) for q in (p.a, p.b)]
    ats += [d.at for d in exp.dated] + [u.at for u in exp.undated]
    for at in ats:
        assert _text(story, at.file).count(at.quote) == 1, f"{at.file}: {at.quote!r} must occur exactly once"
    for ed in exp.edits:
        text = _text(story, ed.file)
        assert text.count(ed.find) == 1, f"{ed.file}: {ed.find!r} must occur exactly once"
        assert ed.find != ed.replace
    for c in exp.created:
        assert (STORIES / story / c.file).is_file()


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'’-]+", text.lower())


@functools.cache
def _sample_shingles(n: int = 7) -> frozenset[tuple[str, ...]]:
    words = [w for f in sorted(SAMPLE.glob("*.txt")) for w in [*_words(f.read_text(encoding="utf-8")), "\0"]]
    return frozenset(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


@pytest.mark.parametrize("story", sorted(EXPECT), ids=lambda s: f"{s}_new-ground")
def test_story_is_on_new_ground(story: str) -> None:
    """No name or place of the shipped alias tables, and no run of seven words from the bundled corpus."""
    tables = yaml.safe_load(SHIPPED_PACK.read_text(encoding="utf-8"))
    aliases = [a for t in NAME_TABLES for names in (tables.get(t) or {}).values() for a in names]
    for article in sorted((STORIES / story).glob("*.md")):
        text = article.read_text(encoding="utf-8")
        known = sorted({m.group(0) for a in aliases for m in re.finditer(rf"(?<!\w)(?:{a})(?!\w)", text)})
        assert known == [], f"{article.name} names {known}, which the shipped tables know"
        words = _words(text)
        shared = [
            " ".join(words[i : i + 7]) for i in range(len(words) - 6) if tuple(words[i : i + 7]) in _sample_shingles()
        ]
        assert shared == [], f"{article.name} repeats the bundled corpus: {shared}"


# --------------------------------------------------------------------------- what a careful reader concludes


@pytest.mark.parametrize(("story", "exp"), list(_cases("consistent")))
def test_clean_story_is_consistent(story: str, exp: Expect) -> None:
    result = _audited(story)
    assert result.report.files is not None and not result.report.files.failed
    assert _contradictions(result.report) == []


@pytest.mark.parametrize(("story", "pair"), list(_cases("apart")))
def test_distinct_events_stay_apart(story: str, pair: Pair) -> None:
    report = _audited(story).report
    a, b = _ids_at(report, story, pair.a), _ids_at(report, story, pair.b)
    assert not a & b, f"{pair.a.quote!r} and {pair.b.quote!r} are one event ({sorted(a & b)}), but {pair.why}"


@pytest.mark.parametrize(("story", "pair"), list(_cases("same")))
def test_same_event_is_one(story: str, pair: Pair) -> None:
    report = _audited(story).report
    a, b = _ids_at(report, story, pair.a), _ids_at(report, story, pair.b)
    assert a & b, f"{pair.a.quote!r} ({sorted(a)}) and {pair.b.quote!r} ({sorted(b)}) are one event: {pair.why}"


@pytest.mark.parametrize(("story", "dated"), list(_cases("dated")))
def test_event_is_dated(story: str, dated: Dated) -> None:
    report = _audited(story).report
    events = _events_at(report, *_span(story, dated.at))
    assert events, _NO_EVENT.format(f"{dated.at.file}: {dated.at.quote!r}")
    lo, hi = dated.bounds()
    found = [(e.id, e.earliest, e.latest) for e in events]
    assert any(e.earliest is not None and e.latest is not None and lo <= e.earliest and e.latest <= hi
               for e in events), f"{dated.at.quote!r} must fall in {lo}..{hi}; read as {found}"  # fmt: skip


@pytest.mark.parametrize(("story", "undated"), list(_cases("undated")))
def test_hypothetical_or_negated_is_not_dated(story: str, undated: Undated) -> None:
    report = _audited(story).report
    dated = [(e.id, e.earliest, e.latest) for e in _events_at(report, *_span(story, undated.at))
             if e.earliest is not None and e.latest is not None]  # fmt: skip
    assert dated == [], f"{undated.at.quote!r} asserts no date, but is read as {dated}"


@pytest.mark.parametrize(("story", "created"), list(_cases("created")))
def test_undated_article_creation_is_inferred(story: str, created: Created) -> None:
    report = _audited(story).report
    (doc,) = [d for d in report.documents if d.id == Path(created.file).stem]
    got = (doc.published.earliest, doc.published.latest)
    if created.not_before is not None:
        assert doc.published.earliest is not None and doc.published.earliest >= created.not_before, got
    if created.not_after is not None:
        assert doc.published.latest is not None and doc.published.latest <= created.not_after, got


@pytest.mark.parametrize(("story", "edit"), list(_cases("edits")))
def test_date_edit_is_caught(story: str, edit: Edit, tmp_path: Path) -> None:
    folder = tmp_path / story
    folder.mkdir()
    for article in (STORIES / story).glob("*.md"):
        shutil.copy(article, folder / article.name)
    text = _text(story, edit.file)
    start = text.index(edit.find)
    (folder / edit.file).write_text(text.replace(edit.find, edit.replace, 1), encoding="utf-8")
    end, doc = start + len(edit.replace), Path(edit.file).stem
    report = audit([folder], as_of=AS_OF).report

    def quotes(f: Finding, edited: bool) -> tuple[tuple[str | None, str | None], ...]:
        return tuple(sorted((s.doc, (s.quote or "").replace(edit.find, edit.replace) if edited and s.doc == doc
                             else s.quote) for s in f.sources))  # fmt: skip

    # A contradiction the clean story already has (with the edit applied to its quotes) is not caught by the edit.
    before = {quotes(f, True) for f in _audited(story).report.findings if f.code == "FC101"}
    cited = [
        f for f in report.findings if f.code == "FC101" and quotes(f, False) not in before and any(
            s.doc == doc and ((s.start is not None and s.end is not None and s.start < end and start < s.end)
                              or edit.replace in (s.quote or "")) for s in f.sources)
    ]  # fmt: skip
    assert cited, f"no new contradiction quotes {edit.replace!r} ({edit.why}); found {_contradictions(report)}"


def test_known_failures_name_real_cases() -> None:
    """A mark for a case that no longer exists would hide nothing and mislead."""
    cases = {p.id for check in ("consistent", "apart", "same", "dated", "undated", "created", "edits")
             for p in _cases(check)}  # fmt: skip
    assert set(KNOWN_FAILURES) <= cases, sorted(set(KNOWN_FAILURES) - cases)


def _story_view(report: Report, docs: set[str]) -> tuple[Any, ...]:
    """What a report says about some documents: their times, their events' mentions and times, and the contradictions."""
    times = sorted((d.id, d.published.earliest, d.published.latest) for d in report.documents if d.id in docs)
    events = sorted(
        (tuple(sorted((m.doc, m.start, m.end) for m in e.mentions)), e.earliest, e.latest)
        for e in report.events
        if any(m.doc in docs for m in e.mentions)
    )
    contradictions = sorted(
        tuple(sorted((s.doc or "", s.quote or "") for s in f.sources))
        for f in report.findings
        if f.code == "FC101" and any(s.doc in docs for s in f.sources)
    )
    return times, events, contradictions


def test_stories_audited_together_read_as_each_alone() -> None:
    """One audit of all the stories says about each story what the story's own audit says (no party here is in a table)."""
    together = audit(STORY_DIRS, as_of=AS_OF).report
    for story in STORY_DIRS:
        docs = {p.stem for p in story.glob("*.md")}
        assert _story_view(together, docs) == _story_view(_audited(story.name).report, docs), story.name
