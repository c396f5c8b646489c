"""Reports: each output format is a function of a Report (and, for context, the fact set).

One Finding type feeds every format, as in ruff: a quote sits at the same place in all of them.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factcheck.formats import Format as Format
from factcheck.model import FactSet, Report, Severity

if TYPE_CHECKING:
    from factcheck.report.github import render_github, step_summary
    from factcheck.report.html import render_html
    from factcheck.report.json_format import render_json, render_jsonl
    from factcheck.report.junit import render_junit
    from factcheck.report.sarif import render_sarif
    from factcheck.report.text import render_text

# Each format's module is imported when it is first used: a command that prints text loads
# no HTML, SARIF or JUnit writer (start-up time is most of a small check's).
_MODULE = {
    "render_github": "github",
    "step_summary": "github",
    "render_html": "html",
    "render_json": "json_format",
    "render_jsonl": "json_format",
    "render_junit": "junit",
    "render_sarif": "sarif",
    "render_text": "text",
}


def __getattr__(name: str) -> Any:
    if name in _MODULE:
        return getattr(importlib.import_module(f"factcheck.report.{_MODULE[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
        from factcheck.report.json_format import render_json

        return render_json(report)
    if fmt is Format.JSONL:
        from factcheck.report.json_format import render_jsonl

        return render_jsonl(report)
    if fmt is Format.SARIF:
        from factcheck.report.sarif import render_sarif

        return render_sarif(report, fs, cwd=cwd)
    if fmt is Format.JUNIT:
        from factcheck.report.junit import render_junit

        return render_junit(report, fs, fail_on=fail_on, cwd=cwd)
    if fmt is Format.GITHUB:
        from factcheck.report.github import render_github

        return render_github(report, fs, cwd=cwd)
    if fmt is Format.HTML:
        from factcheck.report.html import render_html

        return render_html(report, fs, cwd=cwd)
    from factcheck.report.text import render_text

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
