"""An article's extraction records as a fact set: the records' data merged, with each fact's place in its article."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from factcheck.errors import Diagnostic, UserError
from factcheck.facts.build import merge
from factcheck.model import FactSet, FactSetFile, SourceLocation


def record_data(extractions: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """One fact-set document of several articles' records, sorted by document, article paths absolute."""
    documents, events, facts = [], [], []
    for ex in sorted(extractions, key=lambda e: e["doc_id"]):
        doc = dict(ex["document"])
        if doc.get("path"):
            doc["path"] = str(Path(doc["path"]).resolve())
        documents.append(doc)
        events += [{k: v for k, v in ev.items() if k != "arguments"} for ev in ex["events"]]
        facts += ex["facts"]
    return {"version": 1, "documents": documents, "events": events, "facts": facts}


def _origins(extractions: Iterable[dict[str, Any]]) -> dict[str, SourceLocation]:
    return {fid: SourceLocation(path=p, line=line, column=col)
            for ex in extractions for fid, (p, line, col) in ex.get("origins", {}).items()}  # fmt: skip


def _build(
    data: dict[str, Any], origins: dict[str, SourceLocation], parts: Sequence[tuple[str, FactSetFile, Any]] = (),
    *, read_articles: bool = True,
) -> FactSet:  # fmt: skip
    """The fact set of extracted data held in memory (validated as a file would be) and parsed fact set files.

    A problem in the extracted data is named at its fact's place in its article.
    """
    try:
        own = FactSetFile.model_validate(data)
    except ValidationError as exc:
        raise UserError(Diagnostic("<extracted>", 1, 1, f"invalid extracted data: {exc}")) from exc
    return merge([("", own, data), *parts], read_articles=read_articles, origins=origins)
