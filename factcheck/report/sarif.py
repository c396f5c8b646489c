"""SARIF 2.1.0 for code-scanning tools: every finding code as a rule, each finding a result."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from factcheck.diagnostics import BY_CODE, Code, render
from factcheck.model import FactSet, Finding, Report, Severity
from factcheck.report.locate import Location, fingerprint, locate_also, locate_to_fix
from factcheck.version import __version__

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "note"}


def _rule(c: Code) -> dict[str, Any]:
    return {
        "id": c.code,
        "name": c.name,
        "shortDescription": {"text": c.short},
        "fullDescription": {"text": c.full},
        "help": {"text": c.help},
        "defaultConfiguration": {"level": _LEVEL[c.severity]},
        "properties": {"tags": [c.kind]},
    }


def _physical(loc: Location) -> dict[str, Any]:
    region: dict[str, int] = {"startLine": loc.start_line, "startColumn": loc.start_col}
    if loc.in_article:
        region["endLine"] = loc.end_line
        region["endColumn"] = loc.end_col
    return {"artifactLocation": {"uri": artifact_uri(loc.path)}, "region": region}


def artifact_uri(path: str) -> str:
    """A relative path as a percent-encoded URI reference; an absolute one as a file: URI."""
    p = PurePosixPath(path)
    if p.is_absolute():
        return Path(path).as_uri()
    return quote(path, safe="/")


def _location(loc: Location, ident: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if ident is not None:
        out["id"] = ident
    out["physicalLocation"] = _physical(loc)
    if loc.fact:
        text = f"fact {loc.fact}" + (f": {loc.quote}" if loc.quote else "")
        out["message"] = {"text": text}
    return out


def _result(f: Finding, index: dict[str, int], fs: FactSet | None, cwd: Path | None) -> dict[str, Any]:
    locs = locate_to_fix(f, fs, cwd)  # the claim to retract first, the others as related locations
    out: dict[str, Any] = {
        "ruleId": f.code,
        "level": _LEVEL[f.severity],
        "message": {"text": render(f)},
    }
    if f.code in index:
        out["ruleIndex"] = index[f.code]
    if locs:
        out["locations"] = [_location(locs[0])]
    related = [*locs[1:], *locate_also(f, fs, cwd)]  # the other claims, then the other mentions
    if related:
        out["relatedLocations"] = [_location(loc, i) for i, loc in enumerate(related, start=1)]
    out["partialFingerprints"] = {"factcheck/v1": fingerprint(f)}
    props: dict[str, Any] = {"kind": f.kind, "facts": list(f.facts)}
    if f.retract:
        props["retract"] = list(f.retract)
    if f.also:
        props["also"] = [s.fact for s in f.also]
    if f.conflicts:
        props["conflicts"] = [list(c) for c in f.conflicts]
    if f.subject:
        props["subject"] = f.subject
    if f.earliest or f.latest:
        props["earliest"] = f.earliest.isoformat() if f.earliest else None
        props["latest"] = f.latest.isoformat() if f.latest else None
    out["properties"] = props
    return out


def _invocations(report: Report) -> dict[str, Any]:
    """The report's notes (conflict enumeration cut at its limit) as notifications of the run."""
    if not report.notes:
        return {}
    notes = [{"level": "warning", "message": {"text": n}, "descriptor": {"id": "max-conflicts"}} for n in report.notes]
    return {"invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notes}]}


def render_sarif(report: Report, fs: FactSet | None = None, *, cwd: Path | None = None) -> str:
    """The report as a SARIF 2.1.0 log, one run; byte-identical for equal input."""
    rules = [_rule(c) for c in sorted(BY_CODE.values(), key=lambda c: c.code)]
    index = {r["id"]: i for i, r in enumerate(rules)}
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "factcheck",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": rules,
            }
        },
        "columnKind": "unicodeCodePoints",
        **_invocations(report),
        "results": [_result(f, index, fs, cwd) for f in report.findings],
        "properties": {"status": report.status.value, "asOf": report.as_of.isoformat(), "stats": report.stats},
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
