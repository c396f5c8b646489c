"""The JSON report (``"version": 1``): the Report model, serialised in a fixed order; and its JSON Lines form.

JSON Lines (``--format jsonl``) is the form for archives: ``audit`` writes one line per
story as soon as it is checked (``{"story": N, ...}``, components numbered within the
story), so neither factcheck nor the reader of the output holds the whole corpus's
report; then a line for each file audited with a warning, skipped or failed
(``{"file": PATH, "warning"|"skipped"|"failed": REASON}``); then a last line
``{"summary": {...}}`` with the status, the summed counts and the number of files audited,
with warnings, skipped and failed.  Other commands write their one report as story 0.

A finding holds no message: it is rendered here, as the report is written, and put
after the finding's ``severity`` (:func:`finding_data`); :func:`report_schema` is the
schema of what is written.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from factcheck.diagnostics import render
from factcheck.model import FileAccount, Finding, Report


def _with_message(data: dict[str, Any], f: Finding) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        out[key] = value
        if key == "severity":
            out["message"] = render(f)
    return out


def finding_data(f: Finding) -> dict[str, Any]:
    """A finding as the JSON report writes it: its fields, with its message (rendered now) after ``severity``."""
    return _with_message(f.model_dump(mode="json"), f)


def item_data(item: BaseModel) -> dict[str, Any]:
    """An item of a report's list as the JSON report writes it: a finding as :func:`finding_data`, else its fields."""
    return finding_data(item) if isinstance(item, Finding) else item.model_dump(mode="json")


def report_data(report: Report, exclude: set[str] | None = None) -> dict[str, Any]:
    """A report as the JSON report writes it (less the ``exclude`` fields), each finding as :func:`finding_data`."""
    data = report.model_dump(mode="json", exclude=exclude)
    if "findings" in data:
        data["findings"] = [_with_message(d, f) for d, f in zip(data["findings"], report.findings, strict=True)]
    return data


def report_schema() -> dict[str, Any]:
    """The JSON Schema of the written report: the Report model's, with each finding's message after its severity."""
    schema = Report.model_json_schema(mode="serialization")
    finding = schema["$defs"]["Finding"]
    props: dict[str, Any] = {}
    for key, value in finding["properties"].items():
        props[key] = value
        if key == "severity":
            props["message"] = {"title": "Message", "type": "string"}
    finding["properties"] = props
    required: list[str] = finding["required"]
    required.insert(required.index("severity") + 1, "message")
    return schema


def render_json(report: Report) -> str:
    """The report as pretty JSON with a trailing newline; byte-identical for equal reports."""
    return json.dumps(report_data(report), indent=2, ensure_ascii=False) + "\n"


def story_line(report: Report) -> str:
    """A story's report as the text of its JSON line, without the story number (which the writer puts first)."""
    data = report_data(report, exclude={"files", "notes"})  # notes are the whole run's: in the summary
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def numbered_line(story: int, line: str) -> str:
    """The line of story ``story``, from :func:`story_line`'s text."""
    return f'{{"story":{story},{line[1:]}\n'


def file_line(kind: str, path: str, reason: str) -> str:
    """A file audited with a warning (``kind`` "warning"), skipped or failed, as a line before the summary."""
    return json.dumps({"file": path, kind: reason}, ensure_ascii=False, separators=(",", ":")) + "\n"


def summary_line_json(report: Report, files: dict[str, int] | None = None) -> str:
    """The last line: status, counts, and how many files were audited, had warnings, were skipped or failed."""
    data = report.model_dump(mode="json", include={"version", "status", "as_of", "notes", "stats"})
    data["files"] = files
    return json.dumps({"summary": data}, ensure_ascii=False, separators=(",", ":")) + "\n"


def file_lines(account: FileAccount) -> Iterator[str]:
    """The lines of a file account's notes: warnings, then files skipped, then files failed, each sorted by path."""
    for kind, notes in (("warning", account.warnings), ("skipped", account.skipped), ("failed", account.failed)):
        for n in notes:
            yield file_line(kind, n.path, n.reason)


def file_counts(audited: int, account: FileAccount) -> dict[str, int]:
    """The summary's file counts."""
    return {"audited": audited, "warnings": len(account.warnings), "skipped": len(account.skipped),
            "failed": len(account.failed)}  # fmt: skip


def render_jsonl(report: Report) -> str:
    """A whole report as JSON Lines: one story (number 0), its files' notes, then the summary."""
    out = numbered_line(0, story_line(report))
    if report.files is None:
        return out + summary_line_json(report)
    return (
        out
        + "".join(file_lines(report.files))
        + summary_line_json(report, file_counts(len(report.files.audited), report.files))
    )
