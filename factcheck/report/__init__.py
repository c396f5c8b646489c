"""Reports: each output format is a function of a Report (and, for context, the fact set).

One Finding type feeds every format, as in ruff: a quote sits at the same place in all of them.
"""

from __future__ import annotations

from pathlib import Path

from factcheck.formats import Format as Format
from factcheck.model import FactSet, Report, Severity
from factcheck.report.github import render_github, step_summary
from factcheck.report.html import render_html
from factcheck.report.json_format import render_json, render_jsonl
from factcheck.report.junit import render_junit
from factcheck.report.sarif import render_sarif
from factcheck.report.text import render_text


def render(
    report: Report,
    fmt: Format,
    fs: FactSet | None = None,
    *,
    color: bool = False,
    fail_on: Severity = Severity.ERROR,
    cwd: Path | None = None,
) -> str:
    """Render a report in a format; paths are shown relative to ``cwd`` (default: the current folder)."""
    if fmt is Format.JSON:
        return render_json(report)
    if fmt is Format.JSONL:
        return render_jsonl(report)
    if fmt is Format.SARIF:
        return render_sarif(report, fs, cwd=cwd)
    if fmt is Format.JUNIT:
        return render_junit(report, fs, fail_on=fail_on, cwd=cwd)
    if fmt is Format.GITHUB:
        return render_github(report, fs, cwd=cwd)
    if fmt is Format.HTML:
        return render_html(report, fs, cwd=cwd)
    return render_text(report, fs, color=color, cwd=cwd)


__all__ = [
    "Format",
    "render",
    "render_github",
    "render_html",
    "render_json",
    "render_jsonl",
    "render_junit",
    "render_sarif",
    "render_text",
    "step_summary",
]
