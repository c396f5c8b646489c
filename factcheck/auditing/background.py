"""Which background events (widely known dates) an extracted event may refer to.

References to widely known events ("since he took office in January") are linked to the
background facts; where several background events fit, the story stage
(:mod:`factcheck.auditing.story`) tries each candidate with the solver and keeps a link
only if exactly one candidate agrees with everything else.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any


def _countries(bg: dict[str, Any], parties: set[str]) -> set[str]:
    # A background event's parties that an article names as such: one-word names, and
    # longer ones the article names in full (people are named by surname, see below).
    return {p for p in bg.get("participants", []) if " " not in p or p in parties}


def background_kinds_match(event: dict[str, Any], background: list[dict[str, Any]]) -> list[str]:
    """Background events an extracted event may refer to by kind and parties alone (its role aside)."""
    parties = set(event.get("participants", []))
    return [bg["id"] for bg in background if bg.get("kind") == event.get("kind") and _countries(bg, parties) & parties]


def background_candidates(
    events: list[dict[str, Any]], background: list[dict[str, Any]], sentence_of: Callable[[dict[str, Any]], str]
) -> dict[str, list[str]]:
    """Background events each extracted event may refer to: same kind, and parties or people named with it.

    A background event's people are public record, not the reader's rules: "a priority for
    Trump since he took office" names a party of "Donald Trump takes office" by surname.
    """
    out: dict[str, list[str]] = {}
    for ev in events:
        parties = set(ev.get("participants", []))
        sentence = sentence_of(ev)
        cands = []
        for bg in background:
            if bg.get("kind") != ev.get("kind"):
                continue
            people = set(bg.get("participants", [])) - _countries(bg, parties)
            named = any(re.search(rf"\b{re.escape(p.split()[-1])}\b", sentence) for p in people)
            if people and not named:
                continue
            if named or _countries(bg, parties) & parties:
                cands.append(bg["id"])
        if cands:
            out[ev["id"]] = sorted(cands)
    return out
