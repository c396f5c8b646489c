"""JUnit XML for CI test tabs: one test suite per finding code, one test case per document.

Every check appears, passing ones included: a case named ``FC101 contradiction: doc ID``
fails when a finding of that code at or above the fail-on level cites the document.
Findings citing no document belong to the case ``… : fact set``.  Below-threshold findings
are listed in the case's ``system-out``; an inconclusive component is an ``error``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from factcheck.diagnostics import BY_CODE, render
from factcheck.model import FactSet, Finding, Report, Severity
from factcheck.report.common import at_or_above
from factcheck.report.locate import locate_also, locate_finding

_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
FACT_SET = "fact set"


def _x(s: str) -> str:
    return _BAD_XML.sub("\ufffd", s)


def finding_docs(f: Finding) -> list[str]:
    """The documents a finding cites (its quotes' and its subject's), or the fact set."""
    docs = {s.doc for s in f.sources if s.doc}
    if f.subject and f.subject.startswith("doc:"):
        docs.add(f.subject[4:])
    return sorted(docs) or [FACT_SET]


def _describe(f: Finding, fs: FactSet | None, cwd: Path | None) -> str:
    lines = [f"{f.severity.value}[{f.code}] {f.name}: {render(f)}"]
    for loc in locate_finding(f, fs, cwd):
        where = f"{loc.path}:{loc.start_line}:{loc.start_col}"
        lines.append(f"  --> {where}" + (f" ({loc.fact})" if loc.fact else ""))
        if loc.quote:
            lines.append(f"      {' '.join(loc.quote.split())}")
    for loc in locate_also(f, fs, cwd):
        lines.append(f"  = also: {loc.path}:{loc.start_line}:{loc.start_col} ({loc.fact})")
        if loc.quote:
            lines.append(f"      {' '.join(loc.quote.split())}")
    if f.retract:
        lines.append(f"  = cheapest retraction: {', '.join(f.retract)}")
    return "\n".join(lines)


def render_junit(
    report: Report, fs: FactSet | None = None, *, fail_on: Severity = Severity.ERROR, cwd: Path | None = None
) -> str:
    """The report as JUnit XML; byte-identical for equal input (no times, no host names)."""
    docs = sorted({d.id for d in report.documents})
    by_case: dict[tuple[str, str], list[Finding]] = {}
    for f in report.findings:
        for d in finding_docs(f):
            by_case.setdefault((f.code, d), []).append(f)
    codes = sorted(set(BY_CODE) | {f.code for f in report.findings})
    root = ET.Element("testsuites", name="factcheck")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for code in codes:
        info = BY_CODE.get(code)
        suite_name = f"{code} {info.name}" if info else code
        suite = ET.SubElement(root, "testsuite", name=suite_name)
        counts = {"tests": 0, "failures": 0, "errors": 0}
        stray = sorted({d for c, d in by_case if c == code and d not in docs and d != FACT_SET})
        case_docs = [*docs, FACT_SET, *stray]
        for d in case_docs:
            label = d if d == FACT_SET else f"doc {d}"
            case = ET.SubElement(suite, "testcase", classname=f"factcheck.{code}", name=f"{suite_name}: {label}")
            counts["tests"] += 1
            found = by_case.get((code, d), [])
            failing = [f for f in found if at_or_above(f.severity, fail_on)]
            quiet = [f for f in found if not at_or_above(f.severity, fail_on)]
            if failing:
                is_error = all(f.kind == "inconclusive" for f in failing)
                tag = "error" if is_error else "failure"
                counts["errors" if is_error else "failures"] += 1
                msg = render(failing[0]) if len(failing) == 1 else f"{len(failing)} findings"
                el = ET.SubElement(case, tag, message=_x(msg), type=code)
                el.text = _x("\n\n".join(_describe(f, fs, cwd) for f in failing))
            if quiet:
                out = ET.SubElement(case, "system-out")
                out.text = _x("\n\n".join(_describe(f, fs, cwd) for f in quiet))
        if report.notes and info is not None and info.kind == "contradiction":
            # Where conflicts were cut short, the suites that list them say so.
            ET.SubElement(suite, "system-out").text = _x("\n".join(f"note: {n}" for n in report.notes))
        for k, v in counts.items():
            suite.set(k, str(v))
            totals[k] += v
    for k, v in totals.items():
        root.set(k, str(v))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
