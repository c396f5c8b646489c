"""Reading curated fact sets: YAML files or folders of them, merged and cross-checked.

Every problem of every file is collected before anything is reported, each at its
``file:line:col``: a reviewer fixes a fact set in one pass, not one error per run.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from factcheck.corpus.load import read_article_text
from factcheck.errors import Diagnostic, UserError
from factcheck.folders import holds
from factcheck.model import (
    ArticleText,
    DateFact,
    Document,
    DurationFact,
    Event,
    Fact,
    FactSet,
    FactSetFile,
    FirstSinceFact,
    LastBeforeFact,
    OrderFact,
    OrdinalFact,
    PageStampFact,
    Ref,
    RelativeFact,
    SourceLocation,
)
from factcheck.yamlio import MarkedDict, MarkedList, parse_yaml, read_text, validate_data

FACT_SUFFIXES = (".yaml", ".yml")


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files named, plus the YAML files under folders named, sorted for determinism."""
    out: list[Path] = []
    missing = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*") if q.suffix in FACT_SUFFIXES and q.is_file()))
        elif p.is_file():
            out.append(p)
        else:
            missing.append(Diagnostic(str(p), 1, 1, "no such file or folder"))
    if missing:
        raise UserError(missing)
    return out


def load_fact_sets(paths: Iterable[Path | str], *, read_articles: bool = True) -> FactSet:
    """Load and merge fact set files and folders into one FactSet, or raise UserError.

    Paths that hold no fact set file at all are an error naming what each holds: a check
    of nothing must not pass.
    """
    given = [Path(p) for p in paths]
    files = expand_paths(given)
    if not files:
        wanted = " or ".join(FACT_SUFFIXES)
        raise UserError([Diagnostic(str(p), 0, 0, f"no fact set to check: {holds(p, wanted)}") for p in given]
                        or Diagnostic("<input>", 0, 0, "no fact set to check: no path given"))  # fmt: skip
    return merge(parse_fact_set_files(files), read_articles=read_articles)


def load_fact_data(
    data: dict[str, Any], path: Path | str, extra: Iterable[Path | str] = (), *, read_articles: bool = True
) -> FactSet:
    """A fact set held in memory (extraction output, as if it were the file ``path``) merged with fact set files.

    The data is validated exactly as the file would be, without the YAML round trip.
    """
    diags: list[Diagnostic] = []
    items: list[tuple[str, FactSetFile, Any]] = []
    try:
        items.append((str(path), validate_data(data, FactSetFile, str(path)), data))
    except UserError as exc:
        diags.extend(exc.diagnostics)
    try:
        items += parse_fact_set_files(extra)
    except UserError as exc:
        diags.extend(exc.diagnostics)
    if diags:
        raise UserError(diags)
    return merge(items, read_articles=read_articles)


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


def parse_fact_set_files(paths: Iterable[Path | str]) -> list[tuple[str, FactSetFile, Any]]:
    """Fact set files (and the files under folders) parsed and validated, ready to :func:`merge`; or UserError."""
    diags: list[Diagnostic] = []
    items: list[tuple[str, FactSetFile, Any]] = []
    for f in expand_paths(Path(p) for p in paths):
        try:
            parsed = parse_yaml(read_text(f), str(f))
            if parsed is None:
                parsed = {}
            if not isinstance(parsed, dict):
                raise UserError(Diagnostic(str(f), 1, 1, "a fact set is a mapping with documents, events and facts"))
            items.append((str(f), validate_data(parsed, FactSetFile, str(f)), parsed))
        except UserError as exc:
            diags.extend(exc.diagnostics)
    if diags:
        raise UserError(diags)
    return items


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


def fact_refs(fact: Fact) -> list[Ref]:
    """The time references a fact mentions (documents and events)."""
    if isinstance(fact, DateFact):
        return [fact.subject]
    if isinstance(fact, OrderFact):
        return [fact.subject, fact.anchor]
    if isinstance(fact, DurationFact):
        return [fact.subject, fact.until]
    if isinstance(fact, RelativeFact):
        return [fact.subject, fact.anchor_ref()]
    if isinstance(fact, OrdinalFact):
        return [Ref(id=fact.subject)]
    if isinstance(fact, LastBeforeFact):
        return [Ref(id=fact.subject), Ref(id=fact.anchor)]
    if isinstance(fact, FirstSinceFact):
        return [Ref(id=fact.subject)] + ([fact.since] if fact.since else [])
    if isinstance(fact, PageStampFact):
        return [Ref(doc=True, id=fact.document_id())]
    raise TypeError(type(fact))


def fact_series(fact: Fact, events: dict[str, Event]) -> str | None:
    """The series a series fact speaks of: its own, or its subject event's."""
    if isinstance(fact, (OrdinalFact, LastBeforeFact, FirstSinceFact)):
        ev = events.get(fact.subject)
        return fact.series or (ev.series if ev else None)
    return None


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
