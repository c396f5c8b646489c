import datetime as dt
from typing import Any

from factcheck.limits import DEFAULT_RLIMIT, DEFAULT_TIMEOUT_MS
from factcheck.model import FactSet, FactSetFile, Report
from factcheck.runtime.check import CheckOptions, check

AS_OF = dt.date(2026, 11, 22)


def factset(data: dict[str, Any]) -> FactSet:
    f = FactSetFile.model_validate({"version": 1, **data})
    return FactSet(documents=f.documents, events=f.events, facts=f.facts)


def run(data: dict[str, Any], **opts: Any) -> Report:
    # the deterministic limits `factcheck check` uses, so that results never depend on the machine's load
    limits = {"timeout_ms": DEFAULT_TIMEOUT_MS, "rlimit": DEFAULT_RLIMIT}
    return check(factset(data), CheckOptions(as_of=opts.pop("as_of", AS_OF), **{**limits, **opts}))


def rng(report: Report, ev: str) -> tuple[dt.date | None, dt.date | None]:
    e = next(e for e in report.events if e.id == ev)
    return e.earliest, e.latest


def doc_rng(report: Report, doc: str) -> tuple[dt.date | None, dt.date | None]:
    d = next(d for d in report.documents if d.id == doc)
    return d.published.earliest, d.published.latest


def conflicts(report: Report) -> list[tuple[str, ...]]:
    return [f.facts for f in report.findings if f.kind == "contradiction"]
