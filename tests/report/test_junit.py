"""JUnit XML: a test case per finding code and document, passing ones included."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from factcheck.diagnostics import BY_CODE
from factcheck.model import Severity
from factcheck.report import render_junit
from tests.report.conftest import Case


def test_every_code_and_document_is_a_test_case(bundled: Case) -> None:
    root = ET.fromstring(render_junit(bundled.report, bundled.fs, cwd=bundled.cwd))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [f"{c} {BY_CODE[c].name}" for c in sorted(BY_CODE)]
    per_suite = len(bundled.report.documents) + 1
    assert root.get("tests") == str(len(BY_CODE) * per_suite)
    names = [tc.get("name") for tc in root.iter("testcase")]
    assert "FC101 contradiction: doc 000_90b6c094a84fe0d4" in names
    assert "FC101 contradiction: fact set" in names
    assert root.get("failures") == "0" and root.get("errors") == "0"
    # gaps are below the default threshold: reported, not failed
    assert any("FC201" in (so.text or "") for so in root.iter("system-out"))


def test_contradiction_fails_the_cases_of_its_documents(perturbed: Case) -> None:
    root = ET.fromstring(render_junit(perturbed.report, perturbed.fs, cwd=perturbed.cwd))
    fc101 = [f for f in perturbed.report.findings if f.code == "FC101"]
    docs = sorted({s.doc for f in fc101 for s in f.sources if s.doc})
    failed = sorted(tc.get("name", "") for tc in root.iter("testcase") if tc.find("failure") is not None)
    assert failed == [f"FC101 contradiction: doc {d}" for d in docs]
    failure = next(tc.find("failure") for tc in root.iter("testcase") if tc.find("failure") is not None)
    assert failure is not None and failure.get("type") == "FC101"
    assert "corpus/istanbul-2025/" in (failure.text or "")


def test_fail_on_warning_fails_gaps(bundled: Case) -> None:
    root = ET.fromstring(render_junit(bundled.report, bundled.fs, fail_on=Severity.WARNING, cwd=bundled.cwd))
    failed = {tc.get("name", "").split(":")[0] for tc in root.iter("testcase") if tc.find("failure") is not None}
    assert failed == {"FC201 wide-range", "FC204 undetermined-creation"}
