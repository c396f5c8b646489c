"""Names a reader recognises: events from what the text says about them, documents by title and file name.

The article reader labels an event ``kind (trigger)`` ("talks (met)"), which is a key more
than a name.  A report names it from its trigger, participants, place and ordinal instead
("second round of Russia–Ukraine talks, Istanbul"); a label written by hand in a fact set
is kept as written.  A document is named by its title, where it has one, and its file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePath

from factcheck.model import Document, Event, Fact, OrdinalFact

_READER_LABEL = re.compile(r"^(?P<kind>[a-z][a-z\-]*) \((?P<trigger>[^()]+)\)$")
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


def ordinals(facts: Iterable[Fact]) -> dict[str, int]:
    """Each event's ordinal, where the facts give it exactly one."""
    seen: dict[str, set[int]] = {}
    for f in facts:
        if isinstance(f, OrdinalFact):
            seen.setdefault(f.subject, set()).add(f.n)
    return {ev: next(iter(ns)) for ev, ns in seen.items() if len(ns) == 1}


def _ordinal(n: int) -> str:
    return _ORDINALS[n - 1] if n <= len(_ORDINALS) else f"{n}th"


def event_name(ev: Event, ordinal: int | None = None) -> str:
    """A readable name for an event; a label not of the reader's ``kind (trigger)`` form is returned as is."""
    m = _READER_LABEL.match(ev.label)
    if m is None or m["kind"] != (ev.kind or m["kind"]):
        return ev.label
    kind = m["kind"].replace("-", " ")
    trigger = " ".join(m["trigger"].split())
    stem = kind.split()[-1].rstrip("s")
    # The trigger is the head when it names the kind ("drone attacks"), else it is quoted after the kind.
    names_kind = trigger.lower().split()[-1].rstrip("s") == stem
    head = trigger.lower() if names_kind else f"{kind} “{trigger}”"
    parties = "–".join(ev.participants) + " " if ev.participants else ""
    n = ordinal if ordinal is not None else ev.ordinal
    if n is not None:
        # "second round of Russia–Ukraine talks": the round is the ordinal's, the kind its noun
        noun = head.removeprefix("round of ") if names_kind else kind
        name = f"{_ordinal(n)} round of {parties}{noun}"
    else:
        name = f"{parties}{head}"
    return f"{name}, {ev.location}" if ev.location else name


def document_name(doc: Document, path: str | None = None) -> str:
    """A document as a reader knows it: ``“Title” (file.txt)``, the file name alone, or its id if it has no file."""
    where = path or doc.path
    file = PurePath(where).name if where else None
    if doc.title and file:
        return f"“{' '.join(doc.title.split())}” ({file})"
    if doc.title:
        return f"“{' '.join(doc.title.split())}” ({doc.id})"
    return file or doc.id
