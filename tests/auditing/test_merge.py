"""The merged report kept on disk: the same order and the same bytes as merging in memory, JSON written piecewise."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.auditing import audit
from factcheck.auditing.merge import Merger, _finding_order
from factcheck.report import Format, render
from tests.auditing.test_scale import write_corpus

AS_OF = dt.date(2025, 12, 31)
# Prefixes of one another, characters above and below ASCII's letters, and a three-byte UTF-8 one.
TEXT = st.text(alphabet="ab-Zé中_.", max_size=4)
FINDING = st.fixed_dictionaries({
    "kind": st.sampled_from(["contradiction", "gap", "inconclusive", "error"]),
    "code": st.sampled_from(["FC1", "FC10", "FC101", "FC2"]),
    "subject": st.one_of(st.none(), TEXT),
    "facts": st.lists(TEXT, max_size=3),
    "message": TEXT,
})  # fmt: skip


@settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(FINDING, max_size=6), max_size=4))
def test_findings_come_off_disk_in_the_engines_order_first_seen_first(parts: list[list[dict[str, Any]]]) -> None:
    m = Merger()
    seen: dict[str, dict[str, Any]] = {}
    for findings in parts:
        m.add({"report": {"findings": findings}, "context": {}})
        for f in findings:
            seen.setdefault(json.dumps(f, sort_keys=True), f)
    assert list(m._rows("findings")) == sorted(seen.values(), key=_finding_order)


def test_the_first_view_of_an_event_and_the_last_of_an_origin_are_kept() -> None:
    m = Merger()
    for n in (1, 2):
        views = [{"id": "e", "label": f"view {n}"}, {"id": f"e{n}", "label": "x"}]
        m.add({"report": {"events": [{**v, "earliest": None, "latest": None} for v in views],
                          "stats": {"components": 1, "facts": n}},
               "context": {"origins": {"f": {"path": f"/p{n}", "line": n, "column": 1}}}})  # fmt: skip
    assert [e["label"] for e in m._rows("events")] == ["view 1", "x", "x"]
    report, fs = m.finish(AS_OF)
    assert [e.id for e in report.events] == ["e", "e1", "e2"] and report.stats["facts"] == 3
    assert fs.origins["f"].path == "/p2" and report.stats["stories"] == 2
    m.close()


def test_the_json_written_from_disk_is_the_bytes_of_the_merged_report(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c", {1: 4, 3: -2})
    merged = audit([corpus], as_of=AS_OF, texts=False).report
    pieces: list[str] = []
    streamed = audit([corpus], as_of=AS_OF, json_sink=pieces.append)
    assert "".join(pieces) == render(merged, Format.JSON)
    assert merged.findings and merged.status.value == "contradiction"
    summary = streamed.report  # status and counts, as a JSON Lines audit's summary has them
    assert not summary.findings and not summary.events
    assert (summary.status, summary.stats, summary.files, summary.notes) == (merged.status, merged.stats,
                                                                            merged.files, merged.notes)  # fmt: skip
