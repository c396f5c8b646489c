"""Building one fact set from parsed files: ids and references cross-checked across all of them.

Every problem is collected with its ``file:line:col`` before anything is reported.
"""

from __future__ import annotations

import os
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


def merge(
    items: list[tuple[str, FactSetFile, Any]], *, read_articles: bool = True,
    origins: dict[str, SourceLocation] | None = None,
) -> FactSet:  # fmt: skip
    """Merge validated fact set files, checking ids and references across all of them.

    ``origins`` gives facts held in memory (not read from a file) their place: an
    extracted fact's is its quote's line in its article.  A document held in memory is
    named in a problem by its article's path.
    """
    origins = dict(origins or {})
    diags: list[Diagnostic] = []
    documents: dict[str, Document] = {}
    events: dict[str, Event] = {}
    facts: dict[str, Fact] = {}
    given = origins
    origins = {}
    texts: dict[str, ArticleText] = {}
    text_paths: dict[str, str] = {}
    where: dict[str, str] = {}

    for path, fs, data in items:
        for i, d in enumerate(fs.documents):
            line, col = _mark(data, "documents", i)
            here = path or d.path or "<memory>"
            if d.id in documents:
                diags.append(
                    Diagnostic(here, line, col, f"duplicate document id {d.id!r} (first at {where['d:' + d.id]})")
                )
                continue
            documents[d.id] = d
            where["d:" + d.id] = f"{here}:{line}" if path else here
            if d.path and read_articles:
                art = (Path(path).parent / d.path).resolve()
                try:
                    texts[d.id] = read_article_text(art)
                    text_paths[d.id] = os.path.normpath(Path(path).parent / d.path)
                except (OSError, UnicodeDecodeError) as exc:
                    pl, pc = _mark(data, "documents", i, "path")
                    diags.append(Diagnostic(path or "<memory>", pl, pc, f"cannot read article {d.path!r}: {exc}"))
        for i, e in enumerate(fs.events):
            line, col = _mark(data, "events", i)
            if e.id in events:
                first = where["e:" + e.id]
                here = path or "<memory>"
                diags.append(Diagnostic(here, line, col, f"duplicate event id {e.id!r} (first at {first})"))
                continue
            events[e.id] = e
            where["e:" + e.id] = f"{path}:{line}" if path else "<memory>"
        for i, fact in enumerate(fs.facts):
            line, col = _mark(data, "facts", i)
            if fact.id in facts:
                diags.append(
                    Diagnostic(path, line, col, f"duplicate fact id {fact.id!r} (first at {where['f:' + fact.id]})")
                )
                continue
            facts[fact.id] = fact
            origins[fact.id] = given.get(fact.id) or SourceLocation(path=path, line=line, column=col)
            where["f:" + fact.id] = f"{origins[fact.id].path}:{origins[fact.id].line}"

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
        texts=texts,
        text_paths=text_paths,
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
