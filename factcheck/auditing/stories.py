"""Splitting a corpus into stories: sets of articles that can share an event, audited independently.

Union-find over documents and link keys.  Two extracted events can only be linked when
they are of the same kind, share a pair of parties (or their single party) and do not
name different places, or are of the same kind and act on one named object (their
theme), or on one object by a party in common, or are natural events of one kind that name
no party (a quake, a storm), or are contests held in one place; each such event yields the
keys that any event it may be linked to also yields (a party by the first and the last word
of its name, which a short form of it shares: "Harriers" of "Riverton Harriers"), so
articles that could share an event always land in one story (a loose event yields the keys
of its kind and named object, as any event on a named object does).  Articles that may
refer to the same background event, or that curated facts tie together (by the article
each referenced event was read from), are one story too.  The keys over-approximate the
linker, never under-approximate it: auditing the stories one by one gives the same links,
findings and timeline as auditing the whole corpus at once, in bounded memory and in
parallel.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations, product
from typing import Any, Protocol

from factcheck.auditing.background import background_kinds_match
from factcheck.auditing.evidence import is_contest, is_natural, name_forms, theme_names
from factcheck.facts.ids import fact_refs
from factcheck.model import Fact

CURATED = "curated"
"""The story of the curated fact sets: every article a curated fact refers to joins it."""


def event_keys(event: dict[str, Any], series_kinds: set[str], background: list[dict[str, Any]]) -> list[str]:
    """The link keys of one extracted event (see the module docstring)."""
    keys: list[str] = []
    kind = event.get("kind", "")
    parties = sorted(set(event.get("participants", [])))
    if kind in series_kinds and parties:
        groups = [(parties[0],)] if len(parties) == 1 else list(combinations(parties, 2))
        place = event.get("location")
        for forms in sorted({tuple(sorted(f)) for g in groups for f in product(*map(name_forms, g))}):
            base = f"{kind}|{'|'.join(forms)}"
            keys.append(f"L:{base}|{place}" if place else f"U:{base}")
    if is_contest(event) and event.get("location"):
        keys.append(f"C:{kind}|{event['location']}")  # a contest is linked by the place that holds it
    if kind not in series_kinds and kind != "statement":
        # Any kind acting on a named object may be linked to the same kind on the same object.
        keys += [f"O:{kind}|{name}" for name in sorted(theme_names(event))]
        if event.get("theme"):
            # The same object by a party in common: an alternative the solver decides.
            keys += [f"T:{kind}|{str(event['theme']).lower()}|{p}" for p in parties]
    if is_natural(event) and not parties:
        keys.append(f"N:{kind}")  # a natural event is linked on place and date, which a key cannot bound
    keys += [f"B:{bg_id}" for bg_id in background_kinds_match(event, background)]
    return keys


def doc_keys(events: Iterable[dict[str, Any]], series_kinds: set[str], background: list[dict[str, Any]]) -> list[str]:
    """The link keys of an article's extracted events, sorted."""
    return sorted({k for ev in events for k in event_keys(ev, series_kinds, background)})


class EventIndex(Protocol):
    """Which articles were audited, and which article each extracted event was read from."""

    def __contains__(self, doc: object) -> bool:
        """Whether a document of this id was audited."""

    def doc_of(self, event: str) -> str | None:
        """The document an extracted event was read from (None: no article's)."""


def curated_docs(facts: Iterable[Fact], index: EventIndex) -> set[str]:
    """The articles curated facts refer to: by a document's time, by an event read from it, or as their source."""
    out: set[str] = set()
    for f in facts:
        for ref in fact_refs(f):
            doc = ref.id if ref.doc else index.doc_of(ref.id)
            if doc is not None and doc in index:
                out.add(doc)
        if f.doc is not None and f.doc in index:
            out.add(f.doc)
    return out
