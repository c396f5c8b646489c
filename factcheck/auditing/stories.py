"""Splitting a corpus into stories: sets of articles that can share an event, audited independently.

Union-find over documents and link keys.  Two extracted events can only be linked when
they are of the same kind, share a pair of parties (or their single party) and do not
name different places, or are of the same kind and act on one named object (their
theme), or on one object by a party in common; each such event yields the keys that any
event it may be linked to also yields, so articles that could share an event always land
in one story.  Articles that may refer to the same background event, or that curated
facts tie together, are one story too.  The keys over-approximate the linker, never
under-approximate it: auditing the stories one by one gives the same links, findings and
timeline as auditing the whole corpus at once, in bounded memory and in parallel.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from itertools import combinations
from typing import Any

from factcheck.auditing.link import background_kinds_match, theme_names

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
        for g in groups:
            base = f"{kind}|{'|'.join(g)}"
            keys.append(f"L:{base}|{place}" if place else f"U:{base}")
    if kind not in series_kinds and kind != "statement":
        # Any kind acting on a named object may be linked to the same kind on the same object.
        keys += [f"O:{kind}|{name}" for name in sorted(theme_names(event))]
        if event.get("theme"):
            # The same object by a party in common: an alternative the solver decides.
            keys += [f"T:{kind}|{str(event['theme']).lower()}|{p}" for p in parties]
    keys += [f"B:{bg_id}" for bg_id in background_kinds_match(event, background)]
    return keys


def doc_keys(events: Iterable[dict[str, Any]], series_kinds: set[str], background: list[dict[str, Any]]) -> list[str]:
    """The link keys of an article's extracted events, sorted."""
    return sorted({k for ev in events for k in event_keys(ev, series_kinds, background)})


def curated_docs(facts: Iterable[dict[str, Any]], doc_ids: Container[str]) -> set[str]:
    """The articles curated facts refer to (by a document time, or an event extracted from it)."""
    out: set[str] = set()
    for f in facts:
        for key in ("subject", "anchor", "since"):
            v = f.get(key)
            if not isinstance(v, str):
                continue
            if v.startswith("doc:"):
                doc = v[4:].split(".", 1)[0]
            else:
                doc = v.split(".", 1)[0].split(":", 1)[0]
            if doc in doc_ids:
                out.add(doc)
        if isinstance(f.get("doc"), str) and f["doc"] in doc_ids:
            out.add(f["doc"])
    return out
