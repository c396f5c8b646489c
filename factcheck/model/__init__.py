"""The data every stage speaks: documents, events, facts with provenance, findings, reports.

Everything a user writes (fact sets) is validated here with ``extra="forbid"`` so that a
misspelt key is an error, not a silently ignored claim.  All models are frozen: a stage
never edits another stage's output, it makes new values.

The models live in three modules, in the order they build on each other: ``refs``
(identifiers, references, date bounds), ``facts`` (documents, events, facts, fact sets)
and ``results`` (findings, timelines, reports); this package re-exports every name.
"""

from factcheck.model.facts import (
    FACT_KINDS as FACT_KINDS,
)
from factcheck.model.facts import (
    ArticleText as ArticleText,
)
from factcheck.model.facts import (
    DateFact as DateFact,
)
from factcheck.model.facts import (
    DateRelation as DateRelation,
)
from factcheck.model.facts import (
    DayRange as DayRange,
)
from factcheck.model.facts import (
    Document as Document,
)
from factcheck.model.facts import (
    DurationFact as DurationFact,
)
from factcheck.model.facts import (
    DurationMod as DurationMod,
)
from factcheck.model.facts import (
    Event as Event,
)
from factcheck.model.facts import (
    EventRole as EventRole,
)
from factcheck.model.facts import (
    EventWords as EventWords,
)
from factcheck.model.facts import (
    Fact as Fact,
)
from factcheck.model.facts import (
    FactSet as FactSet,
)
from factcheck.model.facts import (
    FactSetFile as FactSetFile,
)
from factcheck.model.facts import (
    FirstSinceFact as FirstSinceFact,
)
from factcheck.model.facts import (
    LastBeforeFact as LastBeforeFact,
)
from factcheck.model.facts import (
    Mention as Mention,
)
from factcheck.model.facts import (
    OrderFact as OrderFact,
)
from factcheck.model.facts import (
    OrderRelation as OrderRelation,
)
from factcheck.model.facts import (
    OrdinalFact as OrdinalFact,
)
from factcheck.model.facts import (
    PageStampFact as PageStampFact,
)
from factcheck.model.facts import (
    Provenance as Provenance,
)
from factcheck.model.facts import (
    RelativeExpr as RelativeExpr,
)
from factcheck.model.facts import (
    RelativeFact as RelativeFact,
)
from factcheck.model.facts import (
    SourceLocation as SourceLocation,
)
from factcheck.model.refs import (
    IdStr as IdStr,
)
from factcheck.model.refs import (
    Point as Point,
)
from factcheck.model.refs import (
    Ref as Ref,
)
from factcheck.model.refs import (
    Strict as Strict,
)
from factcheck.model.refs import (
    TimeBound as TimeBound,
)
from factcheck.model.results import (
    KINDS as KINDS,
)
from factcheck.model.results import (
    DateRange as DateRange,
)
from factcheck.model.results import (
    DocumentTimes as DocumentTimes,
)
from factcheck.model.results import (
    EventLink as EventLink,
)
from factcheck.model.results import (
    EventTimes as EventTimes,
)
from factcheck.model.results import (
    FileAccount as FileAccount,
)
from factcheck.model.results import (
    FileNote as FileNote,
)
from factcheck.model.results import (
    Finding as Finding,
)
from factcheck.model.results import (
    FindingDetail as FindingDetail,
)
from factcheck.model.results import (
    FindingKind as FindingKind,
)
from factcheck.model.results import (
    Report as Report,
)
from factcheck.model.results import (
    Severity as Severity,
)
from factcheck.model.results import (
    SourceQuote as SourceQuote,
)
from factcheck.model.results import (
    Status as Status,
)
