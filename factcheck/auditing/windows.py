"""A long article checked window by window: each window's facts a set of components of their own.

An article longer than one window (``factcheck.corpus.windows``) is read window by window;
here its facts are split the same way before they are checked.  Each window after the
first becomes a document of its own (``ID#wN``: the same file, the same metadata), with
its own copies of the events and series its facts speak of, so no fact of one window
shares a time point with a fact of another, and the engine's components never span two
windows.  A huge file then costs time in proportion to its size: its windows are solved
one by one, each as large as an ordinary article or two.

The split comes after linking, so the windows of one file are never linked to each other;
links to other articles and to background events hold for the first window's facts.  The
price is that a clash between claims in different windows of one file is not looked for
(``factcheck extract`` and ``check`` check such a file as one).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

from factcheck.model import Ref

_REFERENCES = ("subject", "anchor", "since", "until")


@dataclass(frozen=True)
class WindowOf:
    """Window ``window`` (from 1) of document ``doc``: whose copies of ids are made here, kept as data."""

    doc: str
    window: int

    def copy_of(self, ident: str) -> str:
        """The window's own id for an id of the whole file (its document, an event, a series)."""
        return f"{ident}#w{self.window}"

    @property
    def doc_id(self) -> str:
        """The window's document id."""
        return self.copy_of(self.doc)


def split_windows(data: dict[str, Any], windows: dict[str, list[int]]) -> dict[str, Any]:
    """A fact-set document with the facts of each long document's later windows moved to copies of their own.

    ``windows`` gives, per document id, the character offsets where its file's windows start.
    """
    if not any(len(s) > 1 for s in windows.values()):
        return data
    events = {e["id"]: e for e in data["events"]}
    documents = list(data["documents"])
    docs = {d["id"]: d for d in documents}
    extra_events: dict[str, dict[str, Any]] = {}
    facts = []
    for f in data["facts"]:
        starts = windows.get(f.get("doc") or "")
        span = f.get("span")
        w = bisect.bisect_right(starts, span[0]) - 1 if starts and len(starts) > 1 and span else 0
        if w <= 0:
            facts.append(f)
            continue
        where = WindowOf(f["doc"], w)
        if where.doc_id not in docs:
            docs[where.doc_id] = {**docs[where.doc], "id": where.doc_id}
            documents.append(docs[where.doc_id])
        facts.append(_moved(f, where, events, extra_events))
    return {**data, "documents": documents, "events": [*data["events"], *extra_events.values()], "facts": facts}


def own_window(record: dict[str, Any], starts: list[int], window: int) -> dict[str, Any]:
    """A later window's reading (a record of ``factcheck.extract.records``) as a document of its own.

    The same as :func:`split_windows` gives for the window's facts: document ``ID#wN``,
    with copies of the events its facts speak of; ``starts`` are the file's window offsets.
    """
    where = WindowOf(record["doc_id"], window)
    events = {e["id"]: e for e in record["events"]}
    extra_events: dict[str, dict[str, Any]] = {}
    facts = [_moved(f, where, events, extra_events) for f in record["facts"]]
    return {**record, "doc_id": where.doc_id, "document": {**record["document"], "id": where.doc_id},
            "events": list(extra_events.values()), "facts": facts, "window": window,
            "window_start": starts[window]}  # fmt: skip


def _moved(
    f: dict[str, Any], where: WindowOf, events: dict[str, dict[str, Any]], extra_events: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    """A fact of a later window moved to the window's document and its copies of the events.

    References are read with the fact set's own parser (:class:`~factcheck.model.Ref`), not
    cut out of the strings; one it cannot read is left for the fact set's validation to name.
    """
    g = {**f, "doc": where.doc_id}
    for key in _REFERENCES:
        v = g.get(key)
        if not isinstance(v, str):
            continue
        try:
            ref = Ref.model_validate(v)
        except ValueError:
            continue
        if ref.doc:
            if ref.id == where.doc:
                g[key] = str(ref.model_copy(update={"id": where.doc_id}))
        elif ref.id in events:
            copy = where.copy_of(ref.id)
            if copy not in extra_events:
                extra_events[copy] = _copy(events[ref.id], copy, where)
            g[key] = str(ref.model_copy(update={"id": copy}))
    if isinstance(g.get("series"), str):
        g["series"] = where.copy_of(g["series"])
    return g


def _copy(event: dict[str, Any], new_id: str, where: WindowOf) -> dict[str, Any]:
    copy = dict(event, id=new_id)
    if copy.get("series"):
        copy["series"] = where.copy_of(copy["series"])
    return copy
