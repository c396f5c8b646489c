"""FC204 undetermined-creation: a document whose creation time nothing narrows to the policy's threshold."""

from __future__ import annotations

from factcheck.diagnostics.base import Code, date_range, day, make
from factcheck.diagnostics.gaps import Ranges, wide
from factcheck.engine.names import document_name
from factcheck.model import FactSet, Finding, FindingDetail, Severity

CODE = Code(
    "FC204",
    "undetermined-creation",
    "gap",
    Severity.WARNING,
    "A document whose creation time is undetermined",
    "Nothing in or about the document narrows its creation time to the policy's threshold.",
    "Give the document's published date (front matter or manifest), or add facts that bear on it.",
)


def render(f: Finding) -> str:
    """The message: the document as a reader knows it and its creation time's range."""
    return f"the creation time of document {f.detail.label} is undetermined: {date_range(f.earliest, f.latest)}"


def detect(fs: FactSet, ranges: Ranges, limit: int) -> list[Finding]:
    """A finding for each document whose published range is wide."""
    out = []
    for d in fs.documents:
        r = ranges.get(f"d:{d.id}.published", (None, None))
        if wide(r, limit):
            out.append(
                make(
                    CODE,
                    FindingDetail(label=document_name(d, fs.text_paths.get(d.id))),
                    subject=f"doc:{d.id}",
                    earliest=day(r[0]),
                    latest=day(r[1]),
                )
            )
    return out
