"""The merged report kept on disk: the same order and the same bytes as merging in memory, JSON written piecewise."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.auditing import AuditResult, audit
from factcheck.auditing.merge import Merger, ReportSink, _finding_order, load_texts
from factcheck.report import Format, render, step_summary
from factcheck.report.text import links_lines
from tests.auditing.test_scale import write_corpus

AS_OF = dt.date(2025, 12, 31)
# Prefixes of one another, characters above and below ASCII's letters, and a three-byte UTF-8 one.
TEXT = st.text(alphabet="ab-Zé中_.", max_size=4)
# The message, the order's last field, is rendered from the code and the detail's label or series.
FINDING = st.fixed_dictionaries({
    "kind": st.sampled_from(["contradiction", "gap", "inconclusive", "error"]),
    "code": st.sampled_from(["FC201", "FC202", "FC204"]),
    "name": st.just("gap"),
    "severity": st.just("warning"),
    "subject": st.one_of(st.none(), TEXT),
    "facts": st.lists(TEXT, max_size=3),
    "detail": st.fixed_dictionaries({"label": TEXT, "series": TEXT}),
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
    streamed = audit([corpus], as_of=AS_OF, report_sink=ReportSink(Format.JSON, pieces.append))
    assert "".join(pieces) == render(merged, Format.JSON)
    assert merged.findings and merged.status.value == "contradiction"
    summary = streamed.report  # status and counts, as a JSON Lines audit's summary has them
    assert not summary.findings and not summary.events
    assert (summary.status, summary.stats, summary.files, summary.notes) == (merged.status, merged.stats,
                                                                            merged.files, merged.notes)  # fmt: skip


ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def stories(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, AuditResult]:
    """Five stories: two misdated, one undated article, and the bundled corpus with one crawl time for every page.

    Their report has contradictions (one with other mentions, ``also``), gaps, a note (the
    conflict limit is reached), links to background facts and many quoted articles.
    """
    tmp = tmp_path_factory.mktemp("stories")
    corpus = write_corpus(tmp / "c", {1: 4, 3: -2})
    (corpus / "undated.txt").write_text("The summit in Oslo was held last week, officials said.\n", encoding="utf-8")
    shutil.copytree(ROOT / "corpus" / "istanbul-2025", corpus / "crawl")
    (corpus / "crawl" / "corpus.yaml").write_text("defaults: {retrieved: 2025-09-05}\n", encoding="utf-8")
    merged = audit([corpus], as_of=AS_OF, max_conflicts=3, cache_dir=tmp / "cache")
    report = merged.report
    assert report.stats["stories"] > 1 and report.notes and report.links
    assert {f.kind for f in report.findings} >= {"contradiction", "gap"}
    assert any(f.also for f in report.findings) and any(f.sources for f in report.findings)
    return tmp, merged


def _streamed(tmp: Path, fmt: Format, **options: Any) -> tuple[str, str, AuditResult]:
    pieces: list[str] = []
    summary: list[str] = []
    sink = ReportSink(fmt, pieces.append, step_summary=summary.append, **options)
    result = audit([tmp / "c"], as_of=AS_OF, max_conflicts=3, cache_dir=tmp / "cache", report_sink=sink)
    assert len(pieces) > 1 or fmt is Format.GITHUB  # written in pieces, not rendered whole
    return "".join(pieces), "".join(summary), result


@pytest.mark.parametrize("color", [False, True])
def test_the_text_written_from_disk_is_the_bytes_of_the_merged_report(
    stories: tuple[Path, AuditResult], color: bool
) -> None:
    tmp, merged = stories
    r = merged.report
    text, _, streamed = _streamed(tmp, Format.TEXT, color=color, cwd=tmp)
    # the text report, then the links considered, as factcheck audit prints them
    links = "".join(links_lines(len(r.links), r.links))
    assert text == render(r, Format.TEXT, merged.factset, color=color, cwd=tmp) + links
    assert "= also:" in text and ("\x1b[" in text) is color
    assert not streamed.report.findings and streamed.report.stats == r.stats


def test_the_github_commands_written_from_disk_are_the_bytes_of_the_merged_report(
    stories: tuple[Path, AuditResult],
) -> None:
    tmp, merged = stories
    commands, summary, _ = _streamed(tmp, Format.GITHUB, cwd=tmp)
    assert commands == render(merged.report, Format.GITHUB, merged.factset, cwd=tmp)
    assert summary == step_summary(merged.report, merged.factset, cwd=tmp)
    assert "%0Aalso: " in commands and "| error | FC101" in summary


def test_each_finding_is_shown_with_what_the_whole_fact_set_would_give_it(
    stories: tuple[Path, AuditResult], tmp_path: Path
) -> None:
    # Findings that reach locate_finding's fallbacks, and an `also` quote in an article that only
    # it quotes (shown by its fact's origin: a text is read only for a quoting finding's sources).
    fact = next(f for f in stories[1].factset.facts if f.doc)
    (tmp_path / "a.txt").write_text("One line.\nThe talks began on Monday.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("They met on Tuesday.\n", encoding="utf-8")
    at = {"path": str(tmp_path / "defs.yaml"), "line": 4, "column": 3}
    quote = {"doc": "a", "start": 10, "end": 36, "quote": "The talks began on Monday.", "fact": "fa"}
    also = [{"doc": "b", "start": 0, "end": 19, "quote": "They met on Tuesday", "fact": "fb"},
            {**quote, "fact": "fa2"}]  # fmt: skip
    base = {"kind": "gap", "code": "FC204", "name": "gap", "severity": "warning"}
    findings = [{**base, "sources": [quote], "also": also, "facts": ["fa"]},
                {**base, "facts": ["nowhere"], "detail": {"label": "no place"}},
                {**base, "subject": "doc:z", "detail": {"label": "about z"}}]  # fmt: skip
    context = {"facts": [fact.model_copy(update={"id": "fz", "doc": "z"}).model_dump(mode="json")],
               "origins": {"fb": {**at, "line": 9}, "fz": {**at, "line": 7},
                           "fq": {**at, "path": str(tmp_path / "0-first.yaml")}},
               "text_paths": {"a": str(tmp_path / "a.txt"), "b": str(tmp_path / "b.txt")}}  # fmt: skip
    for fmt in (Format.TEXT, Format.GITHUB):
        m = Merger()
        m.add({"report": {"findings": findings}, "context": context})
        pieces: list[str] = []
        m.write_report(m.summary(AS_OF), ReportSink(fmt, pieces.append, cwd=tmp_path))
        report, fs = m.finish(AS_OF)
        expected = render(report, fmt, load_texts(report, fs), cwd=tmp_path)
        assert "".join(pieces) == expected
        assert "b.txt" not in expected and "defs.yaml:9:3" in expected  # the `also` quote, by its origin
        places = ("a.txt:2:1", "0-first.yaml:1:1", "defs.yaml:7:3") if fmt is Format.TEXT else \
            ("file=a.txt,line=2,col=1", "file=0-first.yaml,line=1,col=1", "file=defs.yaml,line=7,col=3")  # fmt: skip
        assert all(p in expected for p in places)
        m.close()
