"""The data every stage speaks: documents, events, facts with provenance, findings, reports.

Everything a user writes (fact sets) is validated here with ``extra="forbid"`` so that a
misspelt key is an error, not a silently ignored claim.  All models are frozen: a stage
never edits another stage's output, it makes new values.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from pathlib import PurePosixPath
from typing import Annotated, Any, Literal, Protocol, get_args, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic.json_schema import SkipJsonSchema

from factcheck.calendar import CalendarValue, Duration, parse_duration, parse_value

_ID = r"^[A-Za-z0-9_][A-Za-z0-9_.:\-#]*$"
IdStr = Annotated[str, Field(pattern=_ID, min_length=1, max_length=200)]


# Every model defers building its validator (``defer_build``) to its first use, and the forward
# references are resolved then: importing this module builds none, so a command pays only for
# the models it uses.


class Strict(BaseModel):
    """Base for every model a user writes: frozen, unknown keys rejected."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


# --------------------------------------------------------------------------- references


class Point(StrEnum):
    """Which end of an event or document a reference names."""

    START = "start"
    END = "end"
    PUBLISHED = "published"
    RETRIEVED = "retrieved"


_REF = re.compile(
    r"^(?:(?P<doc>doc):)?(?P<id>[A-Za-z0-9_][A-Za-z0-9_:\-#]*?)(?:\.(?P<pt>start|end|published|retrieved))?$"
)


class Ref(BaseModel):
    """A time point: an event's start or end, or a document's creation or retrieval time.

    Written in YAML as ``round2`` (a point event, or the whole extent of an interval),
    ``round2.start``, ``doc:000.published`` or ``doc:000.retrieved``.
    """

    model_config = ConfigDict(frozen=True, defer_build=True)

    doc: bool = False
    id: str
    point: Point | None = None

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, data: Any) -> Any:
        if isinstance(data, str):
            m = _REF.match(data.strip())
            if not m:
                raise ValueError(f"not a time reference: {data!r}")
            is_doc = m.group("doc") is not None
            pt = m.group("pt")
            if is_doc:
                pt = pt or "published"
                if pt not in ("published", "retrieved"):
                    raise ValueError(f"a document has .published or .retrieved, not .{pt}")
            elif pt in ("published", "retrieved"):
                raise ValueError(f"{data!r}: .{pt} needs a document reference (doc:ID.{pt})")
            return {"doc": is_doc, "id": m.group("id"), "point": pt}
        return data

    def __str__(self) -> str:
        if self.doc:
            return f"doc:{self.id}.{(self.point or Point.PUBLISHED).value}"
        return self.id if self.point is None else f"{self.id}.{self.point.value}"


# --------------------------------------------------------------------------- documents


class TimeBound(Strict):
    """A time that is exact (``2025-04-08``), a range, or unknown (both ends absent)."""

    earliest: dt.date | None = None
    latest: dt.date | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_scalar(cls, data: Any) -> Any:
        if isinstance(data, (dt.date, str)):
            return {"earliest": data, "latest": data}
        if isinstance(data, list) and len(data) == 2:
            return {"earliest": data[0], "latest": data[1]}
        return data

    @model_validator(mode="after")
    def _ordered(self) -> TimeBound:
        if self.earliest and self.latest and self.latest < self.earliest:
            raise ValueError(f"latest {self.latest} is before earliest {self.earliest}")
        return self


class Document(Strict):
    """An article: identity, where it came from, and what is known of its own dates.

    The id defaults to the article file's name without its extension.
    """

    id: IdStr = ""
    title: str | None = None
    source: str | None = None
    url: str | None = None
    path: str | None = Field(
        default=None, description="Article text file, relative to the fact set; quotes are verified against it."
    )
    published: TimeBound = TimeBound()
    retrieved: TimeBound = TimeBound()

    @model_validator(mode="before")
    @classmethod
    def _default_id(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data.get("id") and data.get("path"):
            stem = PurePosixPath(str(data["path"]).replace("\\", "/")).stem
            return {**data, "id": stem}
        return data

    @field_validator("id")
    @classmethod
    def _has_id(cls, v: str) -> str:
        if not v:
            raise ValueError("a document needs an 'id' or a 'path'")
        return v


# --------------------------------------------------------------------------- events


class Event(Strict):
    """Something that happened (or will): a meeting, a round of talks, an attack."""

    id: IdStr
    label: str
    kind: str | None = None
    participants: tuple[str, ...] = ()
    location: str | None = None
    theme: str | None = Field(default=None, description="What it acts on or is about (\"iPhone SDK\", \"A380\").")
    series: str | None = Field(default=None, description="Key shared by the events of one series.")
    ordinal: int | None = Field(default=None, ge=1, description="Position in the series, if stated.")
    extent: Literal["point", "interval"] = "point"
    mentions: tuple[Mention, ...] = ()


class Mention(Strict):
    """Where a document names an event."""

    doc: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


# --------------------------------------------------------------------------- facts


class Provenance(Strict):
    """Where a fact comes from: the quote, its place in the document, what produced it."""

    id: IdStr
    doc: str | None = None
    span: tuple[int, int] | None = None
    quote: str | None = None
    by: str = Field(default="curated", description="A rule id, or 'curated'.")
    weight: float = Field(default=1.0, gt=0, description="How costly retracting this fact is.")
    note: str | None = None

    @field_validator("span")
    @classmethod
    def _span_ok(cls, v: tuple[int, int] | None) -> tuple[int, int] | None:
        if v is not None and not 0 <= v[0] <= v[1]:
            raise ValueError(f"span {list(v)} must satisfy 0 <= start <= end")
        return v


DateRelation = Literal["on", "not_before", "not_after", "before", "after"]


class DateFact(Provenance):
    """A point lies on, within, or on one side of a calendar value (``XXXX-02-27``, ``2025``)."""

    kind: Literal["date"]
    subject: Ref
    value: str
    mod: Literal["START", "MID", "END"] | None = None
    relation: DateRelation = "on"

    @field_validator("value", mode="before")
    @classmethod
    def _value_ok(cls, v: Any) -> str:
        v = str(v) if isinstance(v, (int, dt.date)) else v
        if isinstance(v, str):
            parse_value(v)
        return v  # type: ignore[no-any-return]

    def calendar_value(self) -> CalendarValue:
        """The parsed calendar value, with its part-of-period modifier."""
        return parse_value(self.value, self.mod)


class DayRange(Strict):
    """An inclusive range of day counts; either end may be open."""

    min: int | None = None
    max: int | None = None

    @model_validator(mode="before")
    @classmethod
    def _scalar(cls, data: Any) -> Any:
        if isinstance(data, int):
            return {"min": data, "max": data}
        if isinstance(data, list) and len(data) == 2:
            return {"min": data[0], "max": data[1]}
        return data

    @model_validator(mode="after")
    def _ordered(self) -> DayRange:
        if self.min is not None and self.max is not None and self.max < self.min:
            raise ValueError(f"max {self.max} is below min {self.min}")
        return self


OrderRelation = Literal["before", "after", "same_day", "not_before", "not_after"]


class OrderFact(Provenance):
    """``subject`` is before/after/on the same day as ``anchor``, optionally by so many days."""

    kind: Literal["order"]
    subject: Ref
    relation: OrderRelation
    anchor: Ref
    days: DayRange | None = None


DurationMod = Literal["MORE_THAN", "LESS_THAN", "EQUAL_OR_MORE", "EQUAL_OR_LESS", "APPROX", "EXACT"]


class DurationFact(Provenance):
    """The span from ``subject`` to ``until`` has a length (``P3Y``) with a qualifier."""

    kind: Literal["duration"]
    subject: Ref
    until: Ref
    length: str
    mod: DurationMod = "EXACT"

    @field_validator("length")
    @classmethod
    def _length_ok(cls, v: str) -> str:
        parse_duration(v)
        return v

    def duration(self) -> Duration:
        """The parsed length."""
        return parse_duration(self.length)


class OrdinalFact(Provenance):
    """``subject`` is the n-th event of its series: exactly n-1 members come before it."""

    kind: Literal["ordinal"]
    subject: str
    n: int = Field(ge=1)
    series: str | None = None


class LastBeforeFact(Provenance):
    """``subject`` is the last event of its series before ``anchor`` ("last met on D")."""

    kind: Literal["last_before"]
    subject: str
    anchor: str
    series: str | None = None


class FirstSinceFact(Provenance):
    """``subject`` is the first event of its series since a time ("the first ... since 2022")."""

    kind: Literal["first_since"]
    subject: str
    since: Ref | None = None
    since_value: str | None = Field(default=None, description="A calendar value instead of a reference.")
    series: str | None = None

    @field_validator("since_value", mode="before")
    @classmethod
    def _str_value(cls, v: Any) -> Any:
        return str(v) if isinstance(v, (int, dt.date)) else v

    @model_validator(mode="after")
    def _one_since(self) -> FirstSinceFact:
        if (self.since is None) == (self.since_value is None):
            raise ValueError("give exactly one of 'since' (a reference) or 'since_value' (a calendar value)")
        if self.since_value is not None:
            parse_value(self.since_value)
        return self


RelativeExpr = Literal[
    "weekday",
    "today",
    "yesterday",
    "tomorrow",
    "ago",
    "ahead",
    "last_week",
    "this_week",
    "next_week",
    "last_month",
    "next_month",
    "last_year",
    "next_year",
    "recently",
    "tense",
]


class RelativeFact(Provenance):
    """A point placed relative to an anchor (by default its document's creation time).

    Covers "Tuesday", "yesterday", "three days ago", "last week", "will ... on Monday" and
    bare tense; the day windows come from the policy file, not from code.
    """

    kind: Literal["relative"]
    subject: Ref
    expression: RelativeExpr
    anchor: Ref | None = None
    value: str | None = Field(default=None, description="Weekday name for expression=weekday.")
    amount: int | None = Field(default=None, ge=0)
    unit: Literal["day", "week", "month", "year"] | None = None
    tense: Literal["past", "future", "unknown"] = "unknown"

    @model_validator(mode="after")
    def _complete(self) -> RelativeFact:
        if self.expression == "weekday":
            if self.value is None:
                raise ValueError("expression 'weekday' needs a 'value' such as Tuesday")
            cv = parse_value(self.value)
            if cv.weekday is None:
                raise ValueError(f"{self.value!r} is not a weekday")
        if self.expression in ("ago", "ahead") and (self.amount is None or self.unit is None):
            raise ValueError(f"expression {self.expression!r} needs 'amount' and 'unit'")
        if self.anchor is None and self.doc is None:
            raise ValueError("a relative fact needs an 'anchor' or a 'doc' whose creation time anchors it")
        return self

    def anchor_ref(self) -> Ref:
        """The anchor, defaulting to the quoting document's creation time."""
        if self.anchor is not None:
            return self.anchor
        assert self.doc is not None  # guaranteed by _complete
        return Ref(doc=True, id=self.doc, point=Point.PUBLISHED)


class PageStampFact(Provenance):
    """A page's "N units ago" stamp: retrieval time minus creation time, rounded by a widget."""

    kind: Literal["page_stamp"]
    amount: int = Field(ge=0)
    unit: Literal["minute", "hour", "day", "week", "month", "year"]
    target: str | None = Field(default=None, description="Document id; defaults to 'doc'.")

    @model_validator(mode="after")
    def _has_doc(self) -> PageStampFact:
        if self.target is None and self.doc is None:
            raise ValueError("a page stamp needs 'doc' or 'target'")
        return self

    def document_id(self) -> str:
        """The stamped document."""
        return self.target or self.doc or ""


Fact = Annotated[
    DateFact | OrderFact | DurationFact | OrdinalFact | LastBeforeFact | FirstSinceFact | RelativeFact | PageStampFact,
    Field(discriminator="kind"),
]

FACT_KINDS: tuple[type[Provenance], ...] = (
    DateFact,
    OrderFact,
    DurationFact,
    OrdinalFact,
    LastBeforeFact,
    FirstSinceFact,
    RelativeFact,
    PageStampFact,
)


class FactSetFile(Strict):
    """One YAML fact set as a user writes it."""

    version: Literal[1] = 1
    documents: tuple[Document, ...] = ()
    events: tuple[Event, ...] = ()
    facts: tuple[Fact, ...] = ()


@runtime_checkable
class ArticleText(Protocol):
    """An article's text as quote checks and locations read it: a ``str``, or a long file read from disk by offset."""

    def __len__(self) -> int: ...
    def __getitem__(self, key: slice, /) -> str: ...
    def __contains__(self, sub: str, /) -> bool: ...

    def find(self, sub: str, start: int | None = None, end: int | None = None, /) -> int:
        """As ``str.find``."""
        ...

    def rfind(self, sub: str, start: int | None = None, end: int | None = None, /) -> int:
        """As ``str.rfind``."""
        ...

    def count(self, sub: str, start: int | None = None, end: int | None = None, /) -> int:
        """As ``str.count``."""
        ...


class FactSet(BaseModel):
    """Documents, events and facts merged from one or more files, ready for the engine.

    ``texts`` holds article texts by document id where they were read, so that quotes
    can be verified and findings located (a long article is read from disk by offset, see
    ``factcheck.corpus.filetext``); ``origins`` maps each fact id to the file and line it
    was written on.
    """

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True, defer_build=True)

    documents: tuple[Document, ...] = ()
    events: tuple[Event, ...] = ()
    facts: tuple[Fact, ...] = ()
    origins: dict[str, SourceLocation] = Field(default_factory=dict)
    texts: dict[str, ArticleText] = Field(default_factory=dict)
    text_paths: dict[str, str] = Field(default_factory=dict)


class SourceLocation(BaseModel):
    """A place in a user-written file."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    path: str
    line: int
    column: int = 1


# --------------------------------------------------------------------------- results


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

    It travels with the finding between processes (so a renumbered finding is rendered
    again, see ``factcheck.diagnostics``) but reports leave it out: they show the message.
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

    model_config = ConfigDict(frozen=True, defer_build=True)

    kind: FindingKind
    code: str
    name: str
    severity: Severity
    message: str
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
