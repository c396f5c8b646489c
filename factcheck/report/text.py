"""The text report for people: findings with their quotes in context, then the timeline.

Modelled on ruff's "full" format: a header line with the code, then each quoted source
at ``file:line:col`` with its line of text and the quoted span underlined.
"""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from factcheck.model import FactSet, Finding, Report, Severity, SourceQuote
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
    out.print(f"[{_STYLE[f.severity]}]{sev}[{f.code}][/] [bold]{escape(f.name)}[/]: {escape(f.message)}")
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


def render_text(
    report: Report, fs: FactSet | None = None, *, color: bool = False, width: int = 100, cwd: Path | None = None
) -> str:
    """The report as text; ANSI colours only when asked."""
    buf = io.StringIO()
    out = Console(file=buf, force_terminal=color, no_color=not color, width=width, soft_wrap=True, highlight=False)
    marker = Marker(fs)
    for f in report.findings:
        _finding(out, f, fs, cwd, marker)
    if report.events or report.documents:
        out.print("[bold]Timeline[/] (feasible earliest..latest)")
        rows: list[tuple[str, str, str]] = []
        for e in report.events:
            rng = _d(e.earliest) if e.earliest == e.latest and e.earliest else f"{_d(e.earliest)}..{_d(e.latest)}"
            rows.append((rng, e.id, e.label + (" (implied)" if e.implicit else "")))
        for d in report.documents:
            p = d.published
            rng = _d(p.earliest) if p.earliest == p.latest and p.earliest else f"{_d(p.earliest)}..{_d(p.latest)}"
            rows.append((rng, f"doc:{d.id}", f"created — {d.name}" if d.name else "created"))
        rows.sort(key=lambda r: (r[0].startswith("…"), r[0], r[1]))
        w = max(len(r[0]) for r in rows)
        for rng, ident, label in rows:
            out.print(f"  {rng:<{w}}  {escape(ident)}  [dim]{escape(label)}[/]")
        out.print()
    for note in report.notes:
        out.print(f"[bold yellow]note[/]: {escape(note)}")
    status_style = {"consistent": "green", "contradiction": "red", "inconclusive": "yellow"}[report.status.value]
    status, rest = summary_line(report).split(":", 1)
    out.print(f"[bold {status_style}]{status}[/]:{escape(rest)}")
    for line in files_lines(report):
        out.print(escape(line))
    return buf.getvalue()
