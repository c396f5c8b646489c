"""Documents, events and the facts about them, each with its provenance (the input of a check)."""

from __future__ import annotations

import datetime as dt
from pathlib import PurePosixPath
from typing import Annotated, Any, Literal, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from factcheck.calendar import CalendarValue, Duration, parse_duration, parse_value
from factcheck.model.refs import IdStr, Point, Ref, Strict, TimeBound


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
    theme: str | None = Field(default=None, description='What it acts on or is about ("iPhone SDK", "A380").')
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


EventRole = Literal["subject", "anchor", "until", "since"]


class EventWords(Strict):
    """The words of a fact's quote that name one of the events it refers to, by the field that refers to it."""

    role: EventRole
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Provenance(Strict):
    """Where a fact comes from: the quote, its place in the document, what produced it."""

    id: IdStr
    doc: str | None = None
    span: tuple[int, int] | None = None
    quote: str | None = None
    words: tuple[EventWords, ...] = Field(
        default=(),
        description="Where the quote names each event the fact refers to; an event given no words here is not named "
        "in the quote. Empty: the whole quote is a mention of every event the fact refers to.",
    )
    by: str = Field(default="curated", description="A rule id, or 'curated'.")
    weight: float = Field(default=1.0, gt=0, description="How costly retracting this fact is.")
    note: str | None = None

    @field_validator("span")
    @classmethod
    def _span_ok(cls, v: tuple[int, int] | None) -> tuple[int, int] | None:
        if v is not None and not 0 <= v[0] <= v[1]:
            raise ValueError(f"span {list(v)} must satisfy 0 <= start <= end")
        return v

    @model_validator(mode="after")
    def _words_in_quote(self) -> Provenance:
        for w in self.words:
            if self.span is None or not self.span[0] <= w.start < w.end <= self.span[1]:
                raise ValueError(f"the words of the {w.role} at [{w.start}, {w.end}] must lie within the span")
        return self


DateRelation = Literal["on", "not_before", "not_after", "before", "after"]


def range_problem(first: CalendarValue, last: CalendarValue) -> str | None:
    """Why two calendar values cannot be the ends of a range of dates (``DateFact.until``), or None if they can."""
    if not (first.has_period and last.has_period) or first.week is not None or last.week is not None:
        return "both ends of a range of dates must be calendar dates, months or years, not weekdays or weeks"
    if (first.year is None) != (last.year is None):
        return "both ends of a range have a year, or neither has"
    return None


class DateFact(Provenance):
    """A point lies on, within, or on one side of a calendar value (``XXXX-02-27``, ``2025``).

    With ``until`` it lies within a range of dates, from ``value``'s first day to ``until``'s
    last ("talks between May 16 and 18"): one range, whose ends share a year when neither has one.
    """

    kind: Literal["date"]
    subject: Ref
    value: str
    mod: Literal["START", "MID", "END"] | None = None
    relation: DateRelation = "on"
    until: str | None = Field(
        default=None,
        description="The last calendar value of a range the subject lies within (relation 'on', no mod): "
        "both ends have a year or neither has; a year-less range that ends in an earlier month runs into the "
        "next year.",
    )

    @field_validator("value", "until", mode="before")
    @classmethod
    def _value_ok(cls, v: Any) -> str | None:
        v = str(v) if isinstance(v, (int, dt.date)) else v
        if isinstance(v, str):
            parse_value(v)
        return v  # type: ignore[no-any-return]

    @model_validator(mode="after")
    def _range_ok(self) -> DateFact:
        if self.until is None:
            return self
        if self.relation != "on" or self.mod is not None:
            raise ValueError("a range of dates ('until') takes relation 'on' and no mod")
        problem = range_problem(parse_value(self.value), parse_value(self.until))
        if problem is not None:
            raise ValueError(f"{self.value!r} and {self.until!r}: {problem}")
        return self

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
