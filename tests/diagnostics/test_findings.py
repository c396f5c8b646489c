"""Findings are made by their code's module as structured fields; their messages are rendered from them when written.

A finding's detail (what its message says beyond its fields) travels between processes
but is never in a report; a finding holds no message, so a merged audit that renumbers
components changes the field and the written message follows.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import jsonschema
import pytest

from factcheck import diagnostics
from factcheck.auditing.merge import Merger
from factcheck.diagnostics import fc102_quote_drift
from factcheck.model import FactSet, Finding, Report, Severity
from factcheck.report.json_format import render_json, report_schema
from factcheck.runtime.check import CheckOptions, check
from tests.engine.test_budget import factset, yearless_clash

AS_OF = dt.date(2026, 11, 22)


def _story(budget: int, n: int) -> Report:
    """``n`` unrelated copies of a costly clash, each its own component, checked under a per-component budget."""
    data: dict[str, Any] = {"documents": [], "events": [], "facts": []}
    for i in range(n):
        part = yearless_clash(doc=f"d{i}", event=f"e{i}")
        for key in data:
            data[key] += part[key]
    return check(factset(data), CheckOptions(as_of=AS_OF, path="z3", component_budget=budget))


def test_every_code_has_one_module_with_its_severity_and_renderer() -> None:
    assert sorted(diagnostics.BY_CODE) == ["FC101", "FC102", "FC111", "FC201", "FC202", "FC203", "FC204", "FC301"]
    for code in diagnostics.ALL:
        assert code.severity is (Severity.WARNING if code.kind == "gap" else Severity.ERROR)
        assert code.kind in diagnostics.KIND_ORDER


def _every_code_but_tlinks() -> Report:
    """A small check whose report has a finding of every code the fact-set check makes."""
    text = "They last met in Istanbul. The second round opens on Monday."
    data: dict[str, Any] = {
        "documents": [{"id": "a"}],
        "events": [{"id": "r1", "label": "first round", "series": "s"}, {"id": "r2", "label": "second round",
                   "series": "s"}, {"id": "t2", "label": "second summit", "series": "t"}],
        "facts": [
            {"id": "l", "kind": "last_before", "subject": "r1", "anchor": "r2", "doc": "a", "span": [5, 13],
             "quote": "last met"},
            {"id": "o", "kind": "ordinal", "subject": "r2", "n": 2, "doc": "a", "span": [31, 43],
             "quote": "second round"},
            {"id": "w", "kind": "date", "subject": "r2", "value": "2025-06", "doc": "a", "span": [0, 4],
             "quote": "on Monday"},
            {"id": "o2", "kind": "ordinal", "subject": "t2", "n": 2},
            {"id": "d2", "kind": "date", "subject": "t2", "value": "2025-06-02"},
        ],
    }  # fmt: skip
    fs = factset(data).model_copy(update={"texts": {"a": text}})
    clashing = _story(400_000, 2)
    return clashing.model_copy(update={"findings": clashing.findings + check(fs, CheckOptions(as_of=AS_OF)).findings})


def test_messages_render_again_from_the_fields_and_detail_that_travel() -> None:
    report = _every_code_but_tlinks()
    assert {f.code for f in report.findings} == set(diagnostics.BY_CODE) - {"FC111"}
    messages = [(f.code, diagnostics.render(f)) for f in report.findings]
    # each code's message as the engine wrote it before messages were rendered from fields
    assert [(c, m) for c, m in messages if c in ("FC102", "FC201", "FC202", "FC203")] == [
        ("FC102", "fact 'w': span [0, 4] of a reads 'They', not the quote; the quote is at [50, 59]"),
        ("FC201", "the date of 'second round' is left open: 2025-06-01..2025-06-30"),
        ("FC202", "an ordinal in series 't' implies an earlier event that no fact dates: any date up to 2025-06-01"),
        ("FC203", "'first round' is referred to (\"last met\") but its date is open: any date up to 2025-06-29"),
    ]
    assert messages[0][1] == (
        "these 2 claims cannot all be true: e0-f0; e0-f2 (2 minimal sets; 1 other mentions read the same)"
    )
    for f, (_, message) in zip(report.findings, messages, strict=True):
        back = Finding.model_validate(diagnostics.finding_json(f))
        assert back == f
        assert diagnostics.render(back) == message


def test_a_finding_holds_no_message_and_is_made_without_rendering(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "message" not in Finding.model_fields
    report = _every_code_but_tlinks()
    for f in report.findings:
        assert "message" not in f.model_dump() and "message" not in diagnostics.finding_json(f)

    def refuse(f: Finding) -> str:
        raise AssertionError(f"{f.code} rendered while it was made")

    # detection makes findings without asking any code for a message
    monkeypatch.setattr(diagnostics, "_RENDER", dict.fromkeys(diagnostics.BY_CODE, refuse))
    for module in diagnostics._MODULES:
        monkeypatch.setattr(module, "render", refuse)
    fs = FactSet.model_validate({"facts": [{"id": "w", "kind": "date", "subject": "r", "value": "2025-06",
                                            "doc": "a", "span": [0, 4], "quote": "on Monday"}],
                                 "texts": {"a": "They met on Monday."}})  # fmt: skip
    [drift] = fc102_quote_drift.detect(fs)
    assert drift.detail.quote == "They" and drift.detail.at == 9
    with pytest.raises(AssertionError, match="FC102 rendered"):
        diagnostics.render(drift)


def test_the_written_report_has_each_message_after_the_severity_and_its_schema_says_so() -> None:
    report = _every_code_but_tlinks()
    written = json.loads(render_json(report))
    for f, data in zip(report.findings, written["findings"], strict=True):
        assert list(data)[:5] == ["kind", "code", "name", "severity", "message"]
        assert data["message"] == diagnostics.render(f)
    schema = report_schema()
    finding = schema["$defs"]["Finding"]
    assert finding["required"] == ["kind", "code", "name", "severity", "message"]
    assert finding["properties"]["message"] == {"title": "Message", "type": "string"}
    jsonschema.validate(written, schema)
    without = {**written, "findings": [{k: v for k, v in d.items() if k != "message"} for d in written["findings"]]}
    with pytest.raises(jsonschema.ValidationError, match="'message' is a required property"):
        jsonschema.validate(without, schema)


def test_reports_for_readers_leave_the_detail_out() -> None:
    report = _story(1_000, 1)
    assert any(f.detail.reason for f in report.findings)
    assert '"detail"' not in render_json(report)
    assert "detail" in json.dumps(diagnostics.report_json(report))


def test_a_merged_audit_renumbers_components_and_the_written_messages_follow() -> None:
    first, second = _story(1_000, 2), _story(1_000, 1)
    merger = Merger()
    for r in (first, second):
        merger.add({"report": diagnostics.report_json(r), "context": {}})
    # renumbering changes the field only: the stored finding is the story's with its component moved
    stored = [f for f in merger._rows("findings") if f["code"] == "FC301" and f["component"] == 2]
    [alone] = [diagnostics.finding_json(f) for f in second.findings if f.code == "FC301"]
    assert stored == [{**alone, "component": 2}]
    merged, _ = merger.finish(AS_OF)
    undecided = sorted((f for f in merged.findings if f.code == "FC301"), key=lambda f: f.component or 0)
    assert [f.component for f in undecided] == [0, 1, 2]
    # the second story's component 0 is the merged report's component 2, and its message says so
    last = diagnostics.render(undecided[-1])
    assert last.startswith("component 2 (d0, e0): the solver gave up")
    assert [diagnostics.render(f) for f in second.findings if f.code == "FC301"] == [
        last.replace("component 2 ", "component 0 ", 1)
    ]
    written = [f["message"] for f in json.loads(render_json(merged))["findings"] if f["code"] == "FC301"]
    assert last in written
