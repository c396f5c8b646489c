"""One extraction for a long file read window by window: as if the file had been read whole.

Events of the same id are one event (the first window's description is kept), except the
numbered ones (``doc:statement-3``: the third of its kind the reader told apart), which are
numbered on from the windows before; a fact that an earlier window already stated is not
repeated, and fact ids of later windows get the window's number so that they stay unique.
Spans are file offsets already.
"""

from __future__ import annotations

import re
from typing import Any

from factcheck.extract.extraction import Extraction

_NOT_THE_CLAIM = ("id", "span", "quote", "words", "by", "weight", "note")
_REFERENCES = ("subject", "anchor", "since")


def claim(fact: dict[str, Any]) -> str:
    """What a fact says, apart from where it was read and by which rule."""
    return repr(sorted((k, str(v)) for k, v in fact.items() if k not in _NOT_THE_CLAIM))


class Merger:
    """Collects the extractions of a file's windows, in order, into the first one."""

    def __init__(self, first: Extraction) -> None:
        self.result = first
        self._claims = {claim(f) for f in first.facts}
        self._events = {e["id"] for e in first.events}
        self._numbered: dict[str, int] = {}  # per kind's base id, the highest number given so far
        self._count(first.events, first.doc_id)

    def _count(self, events: list[dict[str, Any]], doc: str) -> None:
        for ev in events:
            base = f"{doc}:{ev.get('kind', '')}"
            n = 1 if ev["id"] == base else _numbered(ev, doc)[1]  # an unnumbered event is the first of its kind
            if n:
                self._numbered[base] = max(self._numbered.get(base, 0), n)

    def add(self, ex: Extraction, window: int, shift: int) -> None:
        """Merge window ``window``'s extraction; ``shift`` moves its boilerplate offsets to the first window's frame."""
        out = self.result
        numbered = [(ev["id"], *_numbered(ev, ex.doc_id)) for ev in ex.events]
        lowest: dict[str, int] = {}
        for _, base, n in numbered:
            if base:
                lowest[base] = min(lowest.get(base, n), n)
        # this window's first numbered event of a kind comes after the last one of the windows before
        rename = {i: f"{base}-{self._numbered.get(base, 0) + n - lowest[base] + 1}" for i, base, n in numbered if base}
        events = [{**ev, "id": rename.get(ev["id"], ev["id"])} for ev in ex.events]
        self._count(events, ex.doc_id)
        for ev in events:
            if ev["id"] not in self._events:
                self._events.add(ev["id"])
                out.events.append(ev)
            elif ev.get("mentions"):  # the same event restated in a later window
                same = next(e for e in out.events if e["id"] == ev["id"])
                same["mentions"] = [*same.get("mentions", ()), *ev["mentions"]]
        for fact in ex.facts:
            f = {**fact, **{k: rename[v] for k in _REFERENCES if isinstance(v := fact.get(k), str) and v in rename}}
            c = claim(f)
            if c not in self._claims:
                self._claims.add(c)
                out.facts.append({**f, "id": f"{f['id']}-w{window}"})
        out.boilerplate += [(a + shift, b + shift, kind, rule) for a, b, kind, rule in ex.boilerplate]

    def finish(self) -> Extraction:
        """The merged extraction, events by id and facts by position as the reader orders them."""
        out = self.result
        out.events.sort(key=lambda e: e["id"])
        out.facts.sort(key=lambda f: (f["span"][0], f["id"]))
        return out


def _numbered(event: dict[str, Any], doc: str) -> tuple[str, int]:
    """(base id, number) of a numbered event such as ``doc:statement-3``; ("", 0) for any other."""
    base = f"{doc}:{event.get('kind', '')}"
    m = re.fullmatch(re.escape(base) + r"-(\d+)", event["id"])
    return (base, int(m.group(1))) if m else ("", 0)
