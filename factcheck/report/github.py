"""GitHub Actions workflow commands (``::error file=…::message``) and a step-summary table."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from factcheck.diagnostics import render
from factcheck.model import FactSet, Finding, Report, Severity
from factcheck.report.common import summary_line
from factcheck.report.locate import Location, locate_also, locate_to_fix

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}


def _data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


def _claim(loc: Location) -> str:
    where = f"{loc.path}:{loc.start_line}:{loc.start_col}"
    if not loc.fact:
        return where
    return f"{where} (fact {loc.fact}" + (f': "{loc.quote}")' if loc.quote else ")")


def _annotation(f: Finding, fs: FactSet | None, cwd: Path | None) -> str:
    locs = locate_to_fix(f, fs, cwd)  # on the claim to retract; the other claims named in the message
    props: list[str] = []
    message = render(f)
    if locs:
        first = locs[0]
        props += [f"file={_prop(first.path)}", f"line={first.start_line}", f"col={first.start_col}"]
        if first.in_article:
            props += [f"endLine={first.end_line}", f"endColumn={first.end_col}"]
        if f.retract and first.fact in f.retract:
            message += f"\nretract this claim: {_claim(first)}"
        others = [_claim(loc) for loc in locs[1:]]
        if others:
            message += "\nother claims: " + "; ".join(others)
    also = [_claim(loc) for loc in locate_also(f, fs, cwd)]
    if also:
        message += "\nalso: " + "; ".join(also)
    if f.retract:
        message += "\ncheapest retraction: " + ", ".join(f.retract)
    props.append(f"title={_prop(f.code)}")
    return f"::{_COMMAND[f.severity]} {','.join(props)}::{_data(message)}"


def render_github(report: Report, fs: FactSet | None = None, *, cwd: Path | None = None) -> str:
    """One workflow command per finding, then the summary line as a notice."""
    out: list[str] = []
    write_github(report, ((f, fs) for f in report.findings), out.append, cwd=cwd)
    return "".join(out)


def write_github(
    report: Report, findings: Iterable[tuple[Finding, FactSet | None]], write: Callable[[str], object], *,
    cwd: Path | None = None, by_kind: dict[str, int] | None = None,
) -> None:  # fmt: skip
    """Write :func:`render_github`'s bytes from a stream of findings, each with its context, in pieces.

    ``report`` gives the notes and summary (its findings are not read; ``by_kind`` counts
    them when it holds none, see :func:`~factcheck.report.common.summary_line`).
    """
    lines: list[str] = []
    for f, fs in findings:
        lines.append(_annotation(f, fs, cwd) + "\n")
        if len(lines) >= 1024:
            write("".join(lines))
            lines.clear()
    lines += [f"::warning title=max-conflicts::{_data(n)}\n" for n in report.notes]
    lines.append(summary_line(report, by_kind) + "\n")
    write("".join(lines))


def _cell(s: str) -> str:
    return " ".join(s.split()).replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def step_summary(report: Report, fs: FactSet | None = None, *, cwd: Path | None = None) -> str:
    """A markdown summary for ``$GITHUB_STEP_SUMMARY``: status line and a table of findings."""
    out: list[str] = []
    write_step_summary(report, ((f, fs) for f in report.findings), out.append, cwd=cwd)
    return "".join(out)


def write_step_summary(
    report: Report, findings: Iterable[tuple[Finding, FactSet | None]], write: Callable[[str], object], *,
    cwd: Path | None = None, by_kind: dict[str, int] | None = None,
) -> None:  # fmt: skip
    """Write :func:`step_summary`'s bytes from a stream of findings, each with its context, in pieces."""
    out = ["## factcheck", "", f"**{_cell(summary_line(report, by_kind))}**", ""]
    out += [f"> **note**: {_cell(n)}\n" for n in report.notes]
    rows = 0
    for f, fs in findings:
        if not rows:
            out += ["| severity | code | where | message |", "|---|---|---|---|"]
        rows += 1
        locs = locate_to_fix(f, fs, cwd)
        where = f"`{locs[0].path}:{locs[0].start_line}`" if locs else ""
        out.append(f"| {f.severity.value} | {f.code} {f.name} | {_cell(where)} | {_cell(render(f))} |")
        if len(out) >= 1024:
            write("\n".join(out) + "\n")
            out.clear()
    if rows:
        out.append("")
    write("\n".join(out) + "\n")
