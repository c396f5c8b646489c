"""What the reader hands on: one article's document, events and facts, typed and validated.

The reader works on plain drafts (:class:`~factcheck.extract.extraction.Extraction`); at its
edge they become these records, so that a fact the engine could not take is caught while
its article is known, and every later stage gets values whose shape is checked.  Records
cross process boundaries and the store as plain JSON (:meth:`ReadArticle.to_json`), the
same shape a fact set file has.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from factcheck.extract.extraction import Extraction
from factcheck.model import DayRange, Document, Fact, Mention, Provenance, Ref

_FACT: TypeAdapter[Fact] = TypeAdapter(Fact)
_PROVENANCE = tuple(Provenance.model_fields)  # id, doc, span, quote, words, by, weight, note


class ReadFault(Exception):
    """The reader produced something the engine cannot take: a fault of the reader, not of the article's author."""


@dataclass(frozen=True)
class ReadEvent:
    """An event the reader told apart in one article.

    ``agents``, ``theme`` and ``place`` are the event's arguments as a parser reads them
    (who acts, what it is about, where); they are optional.  The theme is the fact set
    event's own field, which the linker compares across articles; agents and place are kept
    under ``arguments``, which the fact set's event has no fields for, and so are ``role``,
    ``loose`` (an event named with no date, which no fact names: see
    :mod:`factcheck.extract.loose`), ``contest``, ``round`` and ``office`` (see
    :mod:`factcheck.extract.contests`).  ``mentions`` are the places the article names the
    event that no fact quotes (a restatement with no date).
    """

    id: str
    kind: str
    label: str
    participants: tuple[str, ...] = ()
    location: str | None = None
    series: str | None = None
    agents: tuple[str, ...] = ()
    theme: str | None = None
    place: str | None = None
    mentions: tuple[Mention, ...] = ()
    role: str = "main"  # the article's own event, or an earlier ("previous"), later ("next") or elsewhere one
    loose: bool = False  # named with no date, on a named object: kept only if it links to another article's event
    # A natural event (a quake): the other places its sentences name, and whether it is first named as a definite one
    natural: bool = False
    around: tuple[str, ...] = ()
    definite: bool = False
    contest: bool = False  # a vote a place holds (an election): linked by its place and round, not by parties
    round: int = 0  # its round in its contest ("the first round", a runoff), where the article says it
    office: str = ""  # the office a contest fills ("presidential"), where the article says it

    def plain(self) -> dict[str, Any]:
        """The event as a fact set file writes it."""
        out: dict[str, Any] = {"id": self.id, "label": self.label, "kind": self.kind}
        if self.participants:
            out["participants"] = list(self.participants)
        for key in ("location", "series"):
            if (v := getattr(self, key)) is not None:
                out[key] = v
        if self.theme:
            out["theme"] = self.theme
        if self.mentions:
            out["mentions"] = [m.model_dump() for m in self.mentions]
        args: dict[str, Any] = {k: v for k, v in (("agents", list(self.agents)), ("place", self.place)) if v}
        if self.role != "main":
            args["role"] = self.role
        if self.loose:
            args["loose"] = True
        if self.natural:
            args.update({"natural": True, "definite": self.definite})
            if self.around:
                args["around"] = list(self.around)
        if self.contest:
            args["contest"] = True
        if self.round:
            args["round"] = self.round
        if self.office:
            args["office"] = self.office
        return {**out, **({"arguments": args} if args else {})}

    @classmethod
    def from_plain(cls, d: dict[str, Any]) -> ReadEvent:
        """The inverse of :meth:`plain`."""
        args = d.get("arguments") or {}
        return cls(d["id"], d["kind"], d["label"], tuple(d.get("participants", ())), d.get("location"),
                   d.get("series"), tuple(args.get("agents", ())), d.get("theme"), args.get("place"),
                   tuple(Mention.model_validate(m) for m in d.get("mentions", ())),
                   args.get("role", "main"), bool(args.get("loose", False)), bool(args.get("natural", False)),
                   tuple(args.get("around", ())), bool(args.get("definite", False)),
                   bool(args.get("contest", False)), int(args.get("round", 0)),
                   str(args.get("office", "")))  # fmt: skip


def plain_fact(fact: Fact) -> dict[str, Any]:
    """A fact as a fact set file writes it: the keys it was given, references as strings, id and kind first."""
    given = fact.model_fields_set | {"kind"}
    body: dict[str, Any] = {}
    for name in type(fact).model_fields:
        if name not in given:
            continue
        v = getattr(fact, name)
        if isinstance(v, Ref):
            v = str(v)
        elif isinstance(v, DayRange):
            v = [v.min, v.max]
        elif isinstance(v, tuple):
            v = [x.model_dump() if isinstance(x, BaseModel) else x for x in v]
        body[name] = v
    head: dict[str, Any] = {k: body.pop(k) for k in ("id", "kind") if k in body}
    tail = {k: body.pop(k) for k in _PROVENANCE if k in body}
    return {**head, **body, **tail}


def plain_document(doc: Document) -> dict[str, Any]:
    """A document as a fact set file writes it (what the reader gave, in its order)."""
    out: dict[str, Any] = {"id": doc.id}
    for key in ("path", "title", "url", "source"):
        if (v := getattr(doc, key)) is not None:
            out[key] = v
    for key in ("published", "retrieved"):
        bound = getattr(doc, key)
        if bound.earliest or bound.latest:
            out[key] = {k: v.isoformat() for k, v in (("earliest", bound.earliest), ("latest", bound.latest)) if v}
    return out


@dataclass(frozen=True)
class ReadArticle:
    """One article's reading (or one window of a long file): its document, events and facts."""

    document: Document
    events: tuple[ReadEvent, ...]
    facts: tuple[Fact, ...]

    @property
    def doc_id(self) -> str:
        """The document's id, which its events' and facts' ids begin with."""
        return self.document.id

    def to_json(self) -> dict[str, Any]:
        """Plain data, as the store keeps it and a fact set file writes it."""
        return {"doc_id": self.doc_id, "document": plain_document(self.document),
                "events": [e.plain() for e in self.events], "facts": [plain_fact(f) for f in self.facts]}  # fmt: skip

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> ReadArticle:
        """The inverse of :meth:`to_json` (plain data another stage made: validated again)."""
        return typed(d["document"], d["events"], d["facts"])


def typed(document: dict[str, Any], events: list[dict[str, Any]], facts: list[dict[str, Any]]) -> ReadArticle:
    """Validated records of a reading; :class:`ReadFault` says what does not hold."""
    try:
        doc = Document.model_validate(document)
        evs = tuple(ReadEvent.from_plain(e) for e in events)
        fs = tuple(_FACT.validate_python(f) for f in facts)
    except (ValidationError, KeyError, TypeError) as exc:
        raise ReadFault(f"the reader made an invalid record: {_first_line(exc)}") from exc
    return ReadArticle(doc, evs, fs)


def from_extraction(ex: Extraction) -> ReadArticle:
    """The records of a reader's draft."""
    return typed(ex.document, ex.events, ex.facts)


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return " ".join(text[:3]) if text else type(exc).__name__
