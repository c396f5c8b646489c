"""The JSON report (``"version": 1``): the Report model, serialised in a fixed order."""

from __future__ import annotations

import json

from factcheck.model import Report


def render_json(report: Report) -> str:
    """The report as pretty JSON with a trailing newline; byte-identical for equal reports."""
    data = report.model_dump(mode="json")
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
