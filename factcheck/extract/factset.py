"""Extraction results as a fact set: the YAML `factcheck check` reads, and the in-memory FactSet."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from factcheck.extract.extraction import Extraction
from factcheck.facts.load import load_fact_sets

HEADER = (
    "# Facts extracted by `factcheck extract`: review them (delete or edit any), then run `factcheck check`.\n"
    "# Each fact carries its quote, character span, the rule that produced it (by) and its confidence (weight).\n"
)


def to_factset_data(extractions: list[Extraction] | list[dict[str, Any]], out_dir: Path) -> dict[str, Any]:
    """A fact-set document for several articles, with article paths relative to ``out_dir``.

    Each article is a reader's draft or a record's plain data (``factcheck.extract.records``).
    """
    documents: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    facts: list[dict[str, Any]] = []
    plain: list[dict[str, Any]] = [
        ex if isinstance(ex, dict) else {"doc_id": ex.doc_id, "document": ex.document, "events": ex.events,
                                         "facts": ex.facts}
        for ex in extractions
    ]  # fmt: skip
    for ex in sorted(plain, key=lambda e: e["doc_id"]):
        doc = dict(ex["document"])
        if doc.get("path"):
            doc["path"] = Path(os.path.relpath(Path(doc["path"]).resolve(), out_dir.resolve())).as_posix()
        documents.append(doc)
        # A loose event exists only to be linked to another article's event (factcheck.extract.loose).
        events += [{k: v for k, v in ev.items() if k != "arguments"} for ev in ex["events"]
                   if not (ev.get("arguments") or {}).get("loose")]  # fmt: skip
        facts += ex["facts"]
    return {"version": 1, "documents": documents, "events": events, "facts": facts}


def dump_factset(data: dict[str, Any]) -> str:
    """YAML text of a fact-set document, stable from run to run."""
    return HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120)


def write_and_load(extractions: list[Extraction], path: Path) -> Any:
    """Write the extraction as a fact set and read it back as `check` would (validating it)."""
    path.write_text(dump_factset(to_factset_data(extractions, path.parent)), encoding="utf-8")
    return load_fact_sets([path])
