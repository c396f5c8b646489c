"""The JSON report (``"version": 1``): the Report model, serialised in a fixed order; and its JSON Lines form.

JSON Lines (``--format jsonl``) is the form for archives: ``audit`` writes one line per
story as soon as it is checked (``{"story": N, ...}``, components numbered within the
story), so neither factcheck nor the reader of the output holds the whole corpus's
report, then a last line ``{"summary": {...}}`` with the status, the summed counts and
the file account.  Other commands write their one report as story 0.
"""

from __future__ import annotations

import json

from factcheck.model import Report


def render_json(report: Report) -> str:
    """The report as pretty JSON with a trailing newline; byte-identical for equal reports."""
    data = report.model_dump(mode="json")
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def story_line(report: Report) -> str:
    """A story's report as the text of its JSON line, without the story number (which the writer puts first)."""
    data = report.model_dump(mode="json", exclude={"files"})
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def numbered_line(story: int, line: str) -> str:
    """The line of story ``story``, from :func:`story_line`'s text."""
    return f'{{"story":{story},{line[1:]}\n'


def summary_line_json(report: Report) -> str:
    """The last line of JSON Lines: status, counts and file account, no lists of findings or events."""
    data = report.model_dump(mode="json", include={"version", "status", "as_of", "stats", "files"})
    return json.dumps({"summary": data}, ensure_ascii=False, separators=(",", ":")) + "\n"


def render_jsonl(report: Report) -> str:
    """A whole report as JSON Lines: one story (number 0), then the summary."""
    return numbered_line(0, story_line(report)) + summary_line_json(report)
