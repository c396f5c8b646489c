"""Reports: each output format is a function of a Report (and, for context, the fact set)."""

from __future__ import annotations

from enum import StrEnum

from factcheck.model import FactSet, Report
from factcheck.report.json_format import render_json
from factcheck.report.text import render_text


class Format(StrEnum):
    """The output formats, one enum for ``--format``."""

    TEXT = "text"
    JSON = "json"


def render(report: Report, fmt: Format, fs: FactSet | None = None, *, color: bool = False) -> str:
    """Render a report in a format."""
    if fmt is Format.JSON:
        return render_json(report)
    return render_text(report, fs, color=color)


__all__ = ["Format", "render", "render_json", "render_text"]
