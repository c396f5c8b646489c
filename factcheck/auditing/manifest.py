"""The corpus manifest (``corpus.yaml``): corpus-wide defaults and per-document metadata.

Entries are keyed by file stem.  Each date is exact or a range.  One ``retrieved`` in the
defaults says the whole corpus was crawled at once, so every page stamp counts back from
that same time.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from factcheck.corpus.load import MANIFEST_NAME
from factcheck.model import TimeBound
from factcheck.yamlio import load_yaml_model


class ManifestEntry(BaseModel):
    """What is known of a document (or, as defaults, of every document) beyond its text."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    published: TimeBound | None = None
    retrieved: TimeBound | None = None
    url: str | None = None
    publisher: str | None = None
    title: str | None = None
    trust: float | None = Field(default=None, gt=0, description="Multiplies the weight of the document's facts.")


class Manifest(BaseModel):
    """A corpus manifest file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int = 1
    defaults: ManifestEntry = ManifestEntry()
    documents: dict[str, ManifestEntry] = Field(default_factory=dict)

    def entry(self, stem: str) -> ManifestEntry:
        """Defaults overlaid with the document's own entry."""
        own = self.documents.get(stem, ManifestEntry())
        merged = self.defaults.model_dump(exclude_none=True) | own.model_dump(exclude_none=True)
        return ManifestEntry.model_validate(merged)


def find_manifests(paths: list[Path]) -> dict[Path, Manifest]:
    """The manifest of each folder named (a ``corpus.yaml`` directly in it), validated at file:line."""
    out: dict[Path, Manifest] = {}
    for p in paths:
        folder = p if p.is_dir() else p.parent
        m = folder / MANIFEST_NAME
        if m.is_file() and folder.resolve() not in out:
            out[folder.resolve()] = load_yaml_model(m, Manifest)
    return out
