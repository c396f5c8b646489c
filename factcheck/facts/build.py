"""Building one fact set from parsed files: ids and references cross-checked across all of them.

Every problem is collected with its ``file:line:col`` before anything is reported.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factcheck.corpus.load import read_article_text
from factcheck.errors import Diagnostic, UserError
from factcheck.facts.ids import fact_refs, fact_series
from factcheck.model import (
    ArticleText,
    Document,
    Event,
    Fact,
    FactSet,
    FactSetFile,
    FirstSinceFact,
    LastBeforeFact,
    OrdinalFact,
    SourceLocation,
)
from factcheck.yamlio import MarkedDict, MarkedList


def _mark(data: Any, *keys: str | int) -> tuple[int, int]:
    cur, best = data, getattr(data, "mark", (1, 1))
    for k in keys:
        if isinstance(cur, MarkedDict) and k in cur:
            best, cur = cur.marks[k], cur[k]
        elif isinstance(cur, MarkedList) and isinstance(k, int) and k < len(cur):
            best, cur = cur.marks[k], cur[k]
        else:
            break
    return best


def fact_origins(items: list[tuple[str, FactSetFile, Any]]) -> dict[str, SourceLocation]:
    """Where each fact of parsed fact set files is written."""
    out: dict[str, SourceLocation] = {}
    for path, fs, data in items:
        for i, fact in enumerate(fs.facts):
            line, col = _mark(data, "facts", i)
            out.setdefault(fact.id, SourceLocation(path=path, line=line, column=col))
    return out


@dataclass
class _Merged:
    """What the files merged so far hold, each id with where it was first given."""

    documents: dict[str, Document] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    facts: dict[str, Fact] = field(default_factory=dict)
    origins: dict[str, SourceLocation] = field(default_factory=dict)
    texts: dict[str, ArticleText] = field(default_factory=dict)
    text_paths: dict[str, str] = field(default_factory=dict)
    where: dict[str, str] = field(default_factory=dict)
    diags: list[Diagnostic] = field(default_factory=list)


def _add_documents(m: _Merged, path: str, fs: FactSetFile, data: Any, read_articles: bool) -> None:
    for i, d in enumerate(fs.documents):
        line, col = _mark(data, "documents", i)
        here = path or d.path or "<memory>"
        if d.id in m.documents:
            m.diags.append(
                Diagnostic(here, line, col, f"duplicate document id {d.id!r} (first at {m.where['d:' + d.id]})")
            )
            continue
        m.documents[d.id] = d
        m.where["d:" + d.id] = f"{here}:{line}" if path else here
        if d.path and read_articles:
            art = (Path(path).parent / d.path).resolve()
            try:
                m.texts[d.id] = read_article_text(art)
                m.text_paths[d.id] = os.path.normpath(Path(path).parent / d.path)
            except (OSError, UnicodeDecodeError) as exc:
                pl, pc = _mark(data, "documents", i, "path")
                m.diags.append(Diagnostic(path or "<memory>", pl, pc, f"cannot read article {d.path!r}: {exc}"))


def _add_events_and_facts(m: _Merged, path: str, fs: FactSetFile, data: Any, given: dict[str, SourceLocation]) -> None:
    for i, e in enumerate(fs.events):
        line, col = _mark(data, "events", i)
        if e.id in m.events:
            first = m.where["e:" + e.id]
            here = path or "<memory>"
            m.diags.append(Diagnostic(here, line, col, f"duplicate event id {e.id!r} (first at {first})"))
            continue
        m.events[e.id] = e
        m.where["e:" + e.id] = f"{path}:{line}" if path else "<memory>"
    for i, fact in enumerate(fs.facts):
        line, col = _mark(data, "facts", i)
        if fact.id in m.facts:
            m.diags.append(
                Diagnostic(path, line, col, f"duplicate fact id {fact.id!r} (first at {m.where['f:' + fact.id]})")
            )
            continue
        m.facts[fact.id] = fact
        m.origins[fact.id] = given.get(fact.id) or SourceLocation(path=path, line=line, column=col)
        m.where["f:" + fact.id] = f"{m.origins[fact.id].path}:{m.origins[fact.id].line}"


def merge(
    items: list[tuple[str, FactSetFile, Any]], *, read_articles: bool = True,
    origins: dict[str, SourceLocation] | None = None,
) -> FactSet:  # fmt: skip
    """Merge validated fact set files, checking ids and references across all of them.

    ``origins`` gives facts held in memory (not read from a file) their place: an
    extracted fact's is its quote's line in its article.  A document held in memory is
    named in a problem by its article's path.
    """
    given = dict(origins or {})
    m = _Merged()
    for path, fs, data in items:
        _add_documents(m, path, fs, data, read_articles)
        _add_events_and_facts(m, path, fs, data, given)
    documents, events, facts, origins, diags = m.documents, m.events, m.facts, m.origins, m.diags

    series = {e.series for e in events.values() if e.series}
    for fid, fact in facts.items():
        loc = origins[fid]
        for problem in _reference_problems(fact, events, documents, series):
            diags.append(Diagnostic(loc.path, loc.line, loc.column, f"fact {fid!r}: {problem}"))
    if diags:
        raise UserError(diags)
    return FactSet(
        documents=tuple(sorted(documents.values(), key=lambda d: d.id)),
        events=tuple(sorted(events.values(), key=lambda e: e.id)),
        facts=tuple(sorted(facts.values(), key=lambda f: f.id)),
        origins=origins,
        texts=m.texts,
        text_paths=m.text_paths,
    )


def _reference_problems(
    fact: Fact, events: dict[str, Event], documents: dict[str, Document], series: set[str]
) -> list[str]:
    out = []
    if fact.doc is not None and fact.doc not in documents:
        out.append(f"unknown document {fact.doc!r}")
    for ref in fact_refs(fact):
        if ref.doc and ref.id not in documents:
            out.append(f"unknown document {ref.id!r} in {str(ref)!r}")
        elif not ref.doc:
            ev = events.get(ref.id)
            if ev is None:
                out.append(f"unknown event {ref.id!r}")
            elif ref.point is not None and ev.extent == "point":
                out.append(f"{str(ref)!r}: event {ref.id!r} is a point; it has no .{ref.point.value}")
    if isinstance(fact, (OrdinalFact, LastBeforeFact, FirstSinceFact)) and fact.subject in events:
        if fact_series(fact, events) is None:
            out.append(f"event {fact.subject!r} has no series; give the event a 'series' or the fact one")
    if isinstance(fact, LastBeforeFact) and fact.anchor in events and fact.subject in events:
        s1, s2 = fact_series(fact, events), events[fact.anchor].series
        if s2 is not None and s1 != s2:
            out.append(f"events {fact.subject!r} and {fact.anchor!r} are of different series")
    if fact.span is not None and fact.doc is None:
        out.append("a span needs the 'doc' it is a span of")
    return out
