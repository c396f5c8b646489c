"""The text report for people: findings with their quotes in context, then the timeline.

Modelled on ruff's "full" format: a header line with the code, then each quoted source
at ``file:line:col`` with its line of text and the quoted span underlined.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from factcheck.diagnostics import render
from factcheck.model import DocumentTimes, EventLink, EventTimes, FactSet, Finding, Report, Severity, SourceQuote
from factcheck.quotes import short_quote
from factcheck.report.common import files_lines, summary_line
from factcheck.report.locate import line_col as line_col
from factcheck.report.locate import locate_finding, locate_source
from factcheck.report.marks import Marker

_CONTEXT = 60  # characters of a long article line shown on each side of a quote
_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.NOTE: "bold blue"}


def _underline(a: int, b: int, pos: int, marks: list[tuple[int, int]]) -> str:
    """Carets under columns a..b of a line starting at article offset ``pos``: the marks within, else all of it."""
    cols = {c for s, e in marks for c in range(max(s - pos, a), min(e - pos, b))}
    if not cols:
        return "^" * (b - a)
    return "".join("^" if c in cols else " " for c in range(a, max(cols) + 1))


def _source(out: Console, src: SourceQuote, fs: FactSet | None, cwd: Path | None, marker: Marker) -> None:
    loc = locate_source(src, fs, cwd)
    text = fs.texts.get(src.doc or "") if fs else None
    if loc is None or not loc.in_article or text is None or src.start is None or src.end is None:
        where = f"{loc.path}:{loc.start_line}" if loc else (src.doc or "(background)")
        out.print(f"  [blue]-->[/] {escape(where)}  [dim]({escape(src.fact)})[/]")
        if src.quote:
            out.print(f"   [blue]|[/] {escape(src.quote)}")
        return
    line, col, end_line = loc.start_line, loc.start_col, loc.end_line
    out.print(f"  [blue]-->[/] {escape(loc.path)}:{line}:{col}  [dim]({escape(src.fact)})[/]")
    width = len(str(end_line))
    marks = marker.marks(src)
    pos = text.rfind("\n", 0, src.start) + 1  # the quote's first line (a long article is read from disk)
    for n in range(line, end_line + 1):
        nl = text.find("\n", pos)
        body = text[pos : nl if nl >= 0 else len(text)]
        a = max(src.start - pos, 0)
        b = min(src.end - pos, len(body))
        full = len(body)
        shown, ca, cb = _clip(body, a, b)
        out.print(f"[blue]{n:>{width}} |[/] {escape(shown)}", highlight=False)
        if cb > ca:
            carets = _underline(a, b, pos, marks)
            out.print(f"[blue]{'':>{width}} |[/] {' ' * ca}[red]{carets}[/]")
        pos += full + 1


def _clip(body: str, a: int, b: int, context: int = _CONTEXT) -> tuple[str, int, int]:
    """A long line cut to the quote and some context on each side, marked with "…"; the quote's new columns."""
    if len(body) <= 2 * context + (b - a) + 20:
        return body, a, b
    lo = max(0, a - context)
    hi = min(len(body), b + context)
    if lo > 0:
        sp = body.find(" ", lo, a)
        lo = sp + 1 if sp >= 0 else lo
    if hi < len(body):
        sp = body.rfind(" ", b, hi)
        hi = sp if sp >= 0 else hi
    head = "…" if lo > 0 else ""
    tail = "…" if hi < len(body) else ""
    return head + body[lo:hi] + tail, a - lo + len(head), b - lo + len(head)


def _finding(out: Console, f: Finding, fs: FactSet | None, cwd: Path | None, marker: Marker) -> None:
    sev = f.severity.value
    out.print(f"[{_STYLE[f.severity]}]{sev}[{f.code}][/] [bold]{escape(f.name)}[/]: {escape(render(f))}")
    if not f.sources:
        for loc in locate_finding(f, fs, cwd):
            out.print(f"  [blue]-->[/] {escape(loc.path)}:{loc.start_line}:{loc.start_col}")
    for src in f.sources:
        _source(out, src, fs, cwd, marker)
    for src in f.also:
        at = locate_source(src, fs, cwd)
        where = f"{at.path}:{at.start_line}:{at.start_col}" if at else (src.doc or "(background)")
        quote = f' "{short_quote(src.quote)}"' if src.quote else ""
        out.print(f"  [blue]= also:[/] {escape(where)}{escape(quote)}  [dim]({escape(src.fact)})[/]")
    if f.retract:
        out.print(f"  [green]= cheapest retraction:[/] {escape(', '.join(f.retract))}")
    if f.kind == "gap" and (f.earliest or f.latest):
        a = "(open)" if f.earliest is None else str(f.earliest)
        b = "(open)" if f.latest is None else str(f.latest)
        out.print(f"  [yellow]= feasible range:[/] {a}..{b}")
    out.print()


def _d(x: object) -> str:
    return "…" if x is None else str(x)


def event_row(e: EventTimes) -> tuple[str, str, str]:
    """An event's timeline row: its feasible range, id and label."""
    rng = _d(e.earliest) if e.earliest == e.latest and e.earliest else f"{_d(e.earliest)}..{_d(e.latest)}"
    return rng, e.id, e.label + (" (implied)" if e.implicit else "")


def document_row(d: DocumentTimes) -> tuple[str, str, str]:
    """A document's timeline row: when it was created, ``doc:`` id and name."""
    p = d.published
    rng = _d(p.earliest) if p.earliest == p.latest and p.earliest else f"{_d(p.earliest)}..{_d(p.latest)}"
    return rng, f"doc:{d.id}", f"created — {d.name}" if d.name else "created"


def row_key(row: tuple[str, str, str]) -> tuple[bool, str, str]:
    """The timeline's order: known ranges first, by range then id (open-started ranges last)."""
    return row[0].startswith("…"), row[0], row[1]


def render_text(
    report: Report, fs: FactSet | None = None, *, color: bool = False, width: int = 100, cwd: Path | None = None
) -> str:
    """The report as text; ANSI colours only when asked."""
    rows = sorted([*map(event_row, report.events), *map(document_row, report.documents)], key=row_key)
    buf: list[str] = []
    write_text(report, ((f, fs) for f in report.findings), rows, max((len(r[0]) for r in rows), default=0),
               buf.append, color=color, width=width, cwd=cwd)  # fmt: skip
    return "".join(buf)


def write_text(
    report: Report,
    findings: Iterable[tuple[Finding, FactSet | None]],
    rows: Iterable[tuple[str, str, str]],
    range_width: int,
    write: Callable[[str], object],
    *,
    color: bool = False,
    width: int = 100,
    cwd: Path | None = None,
    by_kind: dict[str, int] | None = None,
) -> None:
    """Write the text report piece by piece: :func:`render_text`'s bytes from streams of its parts.

    ``report`` gives the notes, status, counts and file account (its lists are not read);
    ``findings`` come each with the context it is shown in (one fact set for all, or one
    each), ``rows`` are the timeline's rows sorted by :func:`row_key`, and ``range_width``
    is their longest range (0: no timeline); ``by_kind`` counts the findings by kind when
    ``report`` holds none of them (see :func:`~factcheck.report.common.summary_line`).
    """
    buf = io.StringIO()
    out = Console(file=buf, force_terminal=color, no_color=not color, width=width, soft_wrap=True, highlight=False)

    def flush(at_least: int = 0) -> None:
        if buf.tell() > at_least:
            write(buf.getvalue())
            buf.seek(0)
            buf.truncate()

    marker, marked = Marker(None), None
    for n, (f, fs) in enumerate(findings):
        if n == 0 or fs is not marked:  # one Marker per fact set, not per finding
            marker, marked = Marker(fs), fs
        _finding(out, f, fs, cwd, marker)
        flush(1 << 16)
    if range_width:
        out.print("[bold]Timeline[/] (feasible earliest..latest)")
        for rng, ident, label in rows:
            out.print(f"  {rng:<{range_width}}  {escape(ident)}  [dim]{escape(label)}[/]")
            flush(1 << 16)
        out.print()
    for note in report.notes:
        out.print(f"[bold yellow]note[/]: {escape(note)}")
    status_style = {"consistent": "green", "contradiction": "red", "inconclusive": "yellow"}[report.status.value]
    status, rest = summary_line(report, by_kind).split(":", 1)
    out.print(f"[bold {status_style}]{status}[/]:{escape(rest)}")
    for line in files_lines(report):
        out.print(escape(line))
    flush()


def links_lines(count: int, links: Iterable[EventLink]) -> Iterator[str]:
    """The audit's account of the ``count`` links it considered between articles and background facts, line by line."""
    if not count:
        return
    yield f"{count} links between articles and background facts considered:\n"
    for lk in links:
        how = "not linked" if not lk.linked else "assumed" if lk.assumed else "linked"
        yield f"  {how} {', '.join(lk.members)}: {lk.reason}\n"
