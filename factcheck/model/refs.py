"""Identifiers, references to an event's or a document's points, and date bounds: what facts are written with."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

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
