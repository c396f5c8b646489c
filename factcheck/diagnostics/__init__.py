"""Findings: one module per finding code, each with its code, severity, help, detection and message.

The engine establishes results (conflicts, ranges, what the solver gave up on); each
code's ``detect`` turns them into findings, which hold structured fields only, and its
``render`` writes the message from those fields alone when a report is written
(:func:`render`, the one function every report writer asks).  Codes are stable, the
same in YAML, JSON, SARIF ``ruleId`` and JUnit names, and never reused: a retired check
keeps its number in ``RETIRED``.
"""

from __future__ import annotations

from typing import Any

from factcheck.diagnostics import (
    fc101_contradiction,
    fc102_quote_drift,
    fc111_tlink_conflict,
    fc201_wide_range,
    fc202_undated_earlier_round,
    fc203_undated_reference,
    fc204_undetermined_creation,
    fc301_inconclusive,
)
from factcheck.diagnostics.base import (
    KIND_ORDER,
    SEVERITY_RANK,
    Code,
    Render,
    at_or_above,
    order,
    report_status,
)
from factcheck.diagnostics.gaps import Ranges, open_events
from factcheck.model import FactSet, Finding, Report
from factcheck.policy import Policy

_MODULES = (
    fc101_contradiction,
    fc102_quote_drift,
    fc111_tlink_conflict,
    fc201_wide_range,
    fc202_undated_earlier_round,
    fc203_undated_reference,
    fc204_undetermined_creation,
    fc301_inconclusive,
)
ALL: tuple[Code, ...] = tuple(m.CODE for m in _MODULES)
CODES: dict[str, Code] = {c.name: c for c in ALL}
BY_CODE: dict[str, Code] = {c.code: c for c in ALL}
RETIRED: dict[str, str] = {}
_RENDER: dict[str, Render] = {m.CODE.code: m.render for m in _MODULES}


def render(f: Finding) -> str:
    """A finding's message, rendered by its code from its fields and detail as they are now."""
    return _RENDER[f.code](f)


def finding_key(f: Finding) -> tuple[Any, ...]:
    """The sort key of a finding in a report: kind, code, subject, facts, then its message."""
    return order(f.kind, f.code, f.subject, f.facts, render(f))


def gaps(fs: FactSet, ranges: Ranges, placeholders: dict[str, str], policy: Policy) -> list[Finding]:
    """The gap findings (FC201–FC204) of a checked fact set, from its ranges and the solve's placeholders."""
    facts = {f.id: f for f in fs.facts}
    max_ev = policy.gaps.max_event_range_days
    opened = open_events(fs, ranges, max_ev)
    return (
        fc201_wide_range.detect(opened, facts)
        + fc203_undated_reference.detect(opened, facts)
        + fc202_undated_earlier_round.detect(fs, ranges, placeholders, max_ev)
        + fc204_undetermined_creation.detect(fs, ranges, policy.gaps.max_document_range_days)
    )


def finding_json(f: Finding) -> dict[str, Any]:
    """A finding as JSON for another process or the cache: its fields and the detail its message is made from.

    Reports written for readers leave the detail out and have the message instead; a
    finding read back from this JSON (renumbered or not) renders as if made here.
    """
    data = f.model_dump(mode="json")
    detail = f.detail.model_dump(mode="json", exclude_defaults=True)
    if detail:
        data["detail"] = detail
    return data


def report_json(report: Report) -> dict[str, Any]:
    """A report as JSON for another process or the cache, its findings as :func:`finding_json` gives them."""
    data = report.model_dump(mode="json")
    data["findings"] = [finding_json(f) for f in report.findings]
    return data


__all__ = [
    "ALL",
    "BY_CODE",
    "CODES",
    "KIND_ORDER",
    "RETIRED",
    "SEVERITY_RANK",
    "Code",
    "at_or_above",
    "finding_json",
    "finding_key",
    "gaps",
    "order",
    "render",
    "report_json",
    "report_status",
]
