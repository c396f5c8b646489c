"""Where a finding points: a quote's span as lines and columns in its article, or a fact's origin.

Every format (text, SARIF, GitHub, JUnit, HTML) places findings through this module, so a
quote is at the same ``file:line:col`` in all of them.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from factcheck.model import ArticleText, FactSet, Finding, SourceQuote


@dataclass(frozen=True)
class Location:
    """A region of a file: 1-based lines, 1-based columns in code points, end column exclusive."""

    path: str
    start_line: int
    start_col: int
    end_line: int
    end_col: int
    fact: str | None = None
    quote: str | None = None
    in_article: bool = False


def line_col(text: ArticleText, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    return line, offset - start + 1


def display_path(path: str, cwd: Path | None = None) -> str:
    """A path as a forward-slash string, relative to ``cwd`` when it lies below it."""
    p = Path(path)
    if p.is_absolute():
        base = (cwd or Path.cwd()).resolve()
        try:
            p = p.resolve().relative_to(base)
        except ValueError:
            return PurePosixPath(p.as_posix()).as_posix()
    return PurePosixPath(os.path.normpath(p).replace(os.sep, "/")).as_posix()


def locate_source(src: SourceQuote, fs: FactSet | None, cwd: Path | None = None) -> Location | None:
    """A quote's region in its article, else the fact-set line defining its fact, else None."""
    if fs is None:
        return None
    text = fs.texts.get(src.doc or "")
    path = fs.text_paths.get(src.doc or "")
    if text is not None and path and src.start is not None and src.end is not None:
        line, col = line_col(text, src.start)
        end_line, end_col = line_col(text, src.end)
        return Location(display_path(path, cwd), line, col, end_line, end_col, src.fact, src.quote, True)
    origin = fs.origins.get(src.fact)
    if origin is not None:
        p = display_path(origin.path, cwd)
        return Location(p, origin.line, origin.column, origin.line, origin.column, src.fact, src.quote)
    return None


def locate_finding(f: Finding, fs: FactSet | None, cwd: Path | None = None) -> list[Location]:
    """Every location of a finding, primary first; findings without quotes fall back to a file.

    A finding about a document points at line 1 of its article, one about facts without
    quotes at the line defining its first fact, and anything else at line 1 of the first
    fact-set file.
    """
    out = [loc for loc in (locate_source(s, fs, cwd) for s in f.sources) if loc is not None]
    if out or fs is None:
        return out
    for fid in f.facts:
        origin = fs.origins.get(fid)
        if origin is not None:
            p = display_path(origin.path, cwd)
            return [Location(p, origin.line, origin.column, origin.line, origin.column, fid)]
    if f.subject and f.subject.startswith("doc:"):
        doc = f.subject[4:]
        path = fs.text_paths.get(doc)
        if path:
            return [Location(display_path(path, cwd), 1, 1, 1, 1)]
        for fact in fs.facts:
            origin = fs.origins.get(fact.id)
            if fact.doc == doc and origin is not None:
                p = display_path(origin.path, cwd)
                return [Location(p, origin.line, origin.column, origin.line, origin.column, fact.id)]
    paths = sorted({o.path for o in fs.origins.values()})
    if paths:
        return [Location(display_path(paths[0], cwd), 1, 1, 1, 1)]
    return []


def locate_also(f: Finding, fs: FactSet | None, cwd: Path | None = None) -> list[Location]:
    """The places of a contradiction's other mentions (its ``also`` quotes) that have one."""
    return [loc for loc in (locate_source(s, fs, cwd) for s in f.also) if loc is not None]


def locate_to_fix(f: Finding, fs: FactSet | None, cwd: Path | None = None) -> list[Location]:
    """A finding's locations with the line to fix first: a contradiction's cheapest retraction.

    Annotations go where the reader acts, so a contradiction lands on the claim to retract
    (its first retracted fact that has a place), never on a claim that is kept; the other
    claims follow in their order.
    """
    locs = locate_finding(f, fs, cwd)
    for fid in f.retract:
        i = next((i for i, loc in enumerate(locs) if loc.fact == fid), None)
        if i is not None:
            return [locs[i], *locs[:i], *locs[i + 1 :]]
    return locs


def fingerprint(f: Finding) -> str:
    """A hash stable across runs: the code and the sorted quotes (doc, span, fact), never lines or dates."""
    parts = sorted(f"{s.doc or ''}:{s.start}:{s.end}:{s.fact}" for s in f.sources)
    if not parts:
        parts = [f"subject={f.subject or ''}", *sorted(f"fact={x}" for x in f.facts)]
    return hashlib.sha256("\n".join([f.code, *parts]).encode("utf-8")).hexdigest()[:32]
