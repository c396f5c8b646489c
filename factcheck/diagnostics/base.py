"""What every finding code shares: its description, how a finding of it is made, and the order of findings.

A code's module states its severity and kind once, in its :class:`Code`; a finding takes
both from there.  It takes no message: the code's ``render`` writes that from the
finding's fields when a report is written, so a finding changed later (a renumbered
component) is shown as it now is.  The order of kinds and of severities is here only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from factcheck.calendar import from_day
from factcheck.model import Fact, Finding, FindingDetail, FindingKind, Severity, SourceQuote, Status


@dataclass(frozen=True)
class Code:
    """A finding code with its kind, severity and the texts every report format shows."""

    code: str
    name: str
    kind: FindingKind
    severity: Severity
    short: str
    full: str
    help: str


Render = Callable[[Finding], str]

KIND_ORDER: dict[str, int] = {"error": 0, "contradiction": 1, "inconclusive": 2, "gap": 3}
"""The order of findings in a report by kind (then code, subject, facts, message)."""

SEVERITY_RANK: dict[Severity, int] = {Severity.NOTE: 0, Severity.WARNING: 1, Severity.ERROR: 2}
"""How severities compare, lowest first: a fail-on threshold fails a report at its rank and above."""


def at_or_above(severity: Severity, threshold: Severity) -> bool:
    """Whether a severity reaches a fail-on threshold."""
    return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold]


def order(kind: str, code: str, subject: str | None, facts: Sequence[str], message: str) -> tuple[Any, ...]:
    """The sort key of a finding, from its fields and its rendered message."""
    return (KIND_ORDER[kind], code, subject or "", tuple(facts), message)


def make(code: Code, detail: FindingDetail | None = None, **fields: Any) -> Finding:
    """A finding of a code: kind and severity from the code, the rest from the fields (no message: see ``render``)."""
    return Finding(
        kind=code.kind,
        code=code.code,
        name=code.name,
        severity=code.severity,
        detail=detail or FindingDetail(),
        **fields,
    )


def is_error(f: Finding) -> bool:
    """Whether a finding is an error that makes the report fail as a contradiction does."""
    return f.severity is Severity.ERROR and f.kind == "error"


def status_of(kinds: Container[str], error: bool) -> Status:
    """A report's status from its findings' kinds and whether one is an error (:func:`is_error`)."""
    if "contradiction" in kinds or error:
        return Status.CONTRADICTION
    if "inconclusive" in kinds:
        return Status.INCONCLUSIVE
    return Status.CONSISTENT


def report_status(findings: Iterable[Finding]) -> Status:
    """A report's status from its findings: any contradiction or error, else any inconclusive part."""
    findings = list(findings)
    return status_of({f.kind for f in findings}, any(is_error(f) for f in findings))


def source(fact: Fact) -> SourceQuote:
    """Where a fact is quoted from, as a finding cites it."""
    return SourceQuote(
        doc=fact.doc,
        start=fact.span[0] if fact.span else None,
        end=fact.span[1] if fact.span else None,
        quote=fact.quote,
        fact=fact.id,
    )


def day(d: int | None) -> dt.date | None:
    """A solver's day number as a date (``None``: unbounded)."""
    return None if d is None else from_day(d)


def date_range(earliest: dt.date | None, latest: dt.date | None) -> str:
    """A feasible range as a message says it: one day, ``a..b``, open at an end, or "any date"."""
    if earliest is None and latest is None:
        return "any date"
    if earliest is None:
        return f"any date up to {latest.isoformat()}"  # type: ignore[union-attr]
    if latest is None:
        return f"any date from {earliest.isoformat()}"
    a, b = earliest.isoformat(), latest.isoformat()
    return a if a == b else f"{a}..{b}"
