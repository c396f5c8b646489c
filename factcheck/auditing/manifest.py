"""The corpus manifest (``corpus.yaml``): corpus-wide defaults and per-document metadata.

Entries are keyed by file stem.  Each date is exact or a range.  One ``retrieved`` in the
defaults says the whole corpus was crawled at once, so every page stamp counts back from
that same time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from factcheck.corpus.load import MANIFEST_NAME
from factcheck.model import TimeBound
from factcheck.yamlio import load_yaml_model, read_text


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


def stray_entries(manifests: dict[Path, Manifest], audited: Iterable[str]) -> list[tuple[str, str]]:
    """(manifest path, warning) for every entry that names no file audited in its folder."""
    stems: dict[Path, set[str]] = {folder: set() for folder in manifests}
    for path in audited:
        folder = Path(path).resolve().parent
        if folder in stems:
            stems[folder].add(Path(path).name.split(".")[0])
    out = []
    for folder, m in sorted(manifests.items()):
        missing = sorted(set(m.documents) - stems[folder])
        if not missing:
            continue
        where = folder / MANIFEST_NAME
        lines = read_text(where).splitlines()
        for stem in missing:
            key = re.compile(rf"^\s+['\"]?{re.escape(stem)}['\"]?\s*:")
            line = next((i for i, t in enumerate(lines, 1) if key.match(t)), 1)
            out.append((str(where), f"line {line}: entry {stem!r} names no article audited in {folder}"))
    return out


def find_manifests(paths: list[Path]) -> dict[Path, Manifest]:
    """The manifest of each folder named (a ``corpus.yaml`` directly in it), validated at file:line."""
    out: dict[Path, Manifest] = {}
    for p in paths:
        folder = p if p.is_dir() else p.parent
        m = folder / MANIFEST_NAME
        if m.is_file() and folder.resolve() not in out:
            out[folder.resolve()] = load_yaml_model(m, Manifest)
    return out
