"""Findings, timelines and reports: the output of a check and of an audit."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

from factcheck.model.facts import Mention


class Severity(StrEnum):
    """How bad a finding is; ``error`` fails a check by default."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


class Status(StrEnum):
    """The outcome of a check as a whole."""

    CONSISTENT = "consistent"
    CONTRADICTION = "contradiction"
    INCONCLUSIVE = "inconclusive"


class SourceQuote(BaseModel):
    """A quote that a finding rests on."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    doc: str | None
    start: int | None
    end: int | None
    quote: str | None
    fact: str


FindingKind = Literal["contradiction", "gap", "error", "inconclusive"]
KINDS: tuple[FindingKind, ...] = get_args(FindingKind)
"""The kinds of finding, in the order summaries count them (reports sort by ``diagnostics.KIND_ORDER``)."""


class FindingDetail(BaseModel):
    """What a finding's message is rendered from besides the finding's own fields.

    It travels with the finding between processes and in the cache (see
    ``factcheck.diagnostics.finding_json``) but reports leave it out: they show the message.
    """

    model_config = ConfigDict(frozen=True)

    label: str | None = None  # the event's or document's name as a reader knows it
    part: str | None = None  # "start": the finding is about a ranged event's start
    quote: str | None = None  # the referring fact's quote (FC203); the text at the span (FC102)
    at: int | None = None  # where the quote is in its article, when not at its span (FC102)
    series: str | None = None  # the series whose earlier event is undated (FC202)
    mode: str | None = None  # the TimeML audit's mode (FC111, FC301)
    reason: str | None = None  # why the solver gave up (FC301)
    subjects: tuple[str, ...] = ()  # the first events and documents of a component (FC301)
    more: bool = False  # the component has more subjects than those (FC301)
    decided: str | None = None  # the outcome established before the solver gave up on the rest (FC301)
    others: int = 0  # mentions, outside the shown set, that read the same (FC101)


class Finding(BaseModel):
    """One diagnosis; the single type every output format renders."""

    # Structured fields only, no message: a report writer renders that from the fields and
    # ``detail`` as it writes (factcheck.diagnostics.render), so a finding changed on the way
    # (a renumbered component) needs nothing else changed.  (The docstring is the schema's.)
    model_config = ConfigDict(frozen=True, defer_build=True)

    kind: FindingKind
    code: str
    name: str
    severity: Severity
    facts: tuple[str, ...] = ()
    sources: tuple[SourceQuote, ...] = ()
    retract: tuple[str, ...] = ()
    also: tuple[SourceQuote, ...] = Field(
        default=(),
        description="A contradiction's other mentions that pin the same events the same way (other minimal sets).",
    )
    conflicts: tuple[tuple[str, ...], ...] = Field(
        default=(),
        description="A contradiction's every minimal set of clashing facts; ``facts`` is the one shown.",
    )
    subject: str | None = None
    earliest: dt.date | None = None
    latest: dt.date | None = None
    component: int | None = None
    detail: SkipJsonSchema[FindingDetail] = Field(default=FindingDetail(), exclude=True)


class DateRange(BaseModel):
    """A feasible range of days; ``None`` ends are unbounded."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    earliest: dt.date | None = None
    latest: dt.date | None = None


class DocumentTimes(BaseModel):
    """A document's inferred creation and retrieval times."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    id: str
    title: str | None = None
    name: str | None = Field(default=None, description="How a reader knows it: its title and file name, or either.")
    published: DateRange
    retrieved: DateRange


class EventTimes(BaseModel):
    """An event's inferred feasible range and where it is mentioned."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    id: str
    label: str
    earliest: dt.date | None
    latest: dt.date | None
    start: DateRange | None = None
    end: DateRange | None = None
    implicit: bool = False
    mentions: tuple[Mention, ...] = ()


class EventLink(BaseModel):
    """Events of different articles (or the background facts) read as one, and why."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    event: str
    members: tuple[str, ...]
    reason: str
    assumed: bool = Field(default=False, description="True when only the solver decided among candidates.")
    linked: bool = Field(
        default=True, description="False for a weak match left apart (the reason says why): the events stay separate."
    )


class FileNote(BaseModel):
    """An input file that was not (fully) audited, and why."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    path: str
    reason: str


class FileAccount(BaseModel):
    """Every input file of an audit, as audited, skipped (not an article) or failed (an error reading it)."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    audited: tuple[str, ...] = ()
    warnings: tuple[FileNote, ...] = Field(
        default=(),
        description="Audited files with a caveat (not UTF-8, cut), and corpus manifests with an entry naming no file.",
    )
    skipped: tuple[FileNote, ...] = ()
    failed: tuple[FileNote, ...] = ()


class Report(BaseModel):
    """What a check returns: status, timeline and findings, all in deterministic order."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    version: Literal[1] = 1
    status: Status
    as_of: dt.date
    notes: tuple[str, ...] = Field(
        default=(),
        description="Caveats on the whole report, in words: conflict enumeration that stopped at --max-conflicts.",
    )
    documents: tuple[DocumentTimes, ...] = ()
    events: tuple[EventTimes, ...] = ()
    findings: tuple[Finding, ...] = ()
    links: tuple[EventLink, ...] = ()
    stats: dict[str, int] = Field(default_factory=dict)
    files: FileAccount | None = Field(
        default=None, description="factcheck audit only: what became of every input file; null for check."
    )
