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
from typing import Any

_REFERENCES = ("subject", "anchor", "since", "until")


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
        doc = f["doc"]
        mine = f"{doc}#w{w}"
        if mine not in docs:
            docs[mine] = {**docs[doc], "id": mine}
            documents.append(docs[mine])
        facts.append(_moved(f, doc, w, events, extra_events))
    return {**data, "documents": documents, "events": [*data["events"], *extra_events.values()], "facts": facts}


def own_window(record: dict[str, Any], starts: list[int], window: int) -> dict[str, Any]:
    """A later window's reading (a record of ``factcheck.extract.records``) as a document of its own.

    The same as :func:`split_windows` gives for the window's facts: document ``ID#wN``,
    with copies of the events its facts speak of; ``starts`` are the file's window offsets.
    """
    doc = record["doc_id"]
    mine = f"{doc}#w{window}"
    events = {e["id"]: e for e in record["events"]}
    extra_events: dict[str, dict[str, Any]] = {}
    facts = [_moved(f, doc, window, events, extra_events) for f in record["facts"]]
    return {**record, "doc_id": mine, "document": {**record["document"], "id": mine},
            "events": list(extra_events.values()), "facts": facts, "window": window,
            "window_start": starts[window]}  # fmt: skip


def _moved(
    f: dict[str, Any], doc: str, w: int, events: dict[str, dict[str, Any]], extra_events: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    """A fact of window ``w`` of ``doc`` moved to the window's document and its copies of the events."""
    mine = f"{doc}#w{w}"
    g = {**f, "doc": mine}
    for key in _REFERENCES:
        v = g.get(key)
        if not isinstance(v, str):
            continue
        if v.startswith("doc:"):
            ident, dot, point = v[4:].partition(".")
            g[key] = f"doc:{mine}{dot}{point}" if ident == doc else v
            continue
        base, dot, point = v.partition(".")
        if base in events:
            copy = f"{base}#w{w}"
            if copy not in extra_events:
                extra_events[copy] = _copy(events[base], copy, w)
            g[key] = copy + (dot + point if dot else "")
    if isinstance(g.get("series"), str):
        g["series"] = f"{g['series']}#w{w}"
    return g


def _copy(event: dict[str, Any], new_id: str, window: int) -> dict[str, Any]:
    copy = dict(event, id=new_id)
    if copy.get("series"):
        copy["series"] = f"{copy['series']}#w{window}"
    return copy
