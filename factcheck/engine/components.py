"""Splitting a fact set into independent components, solved separately.

Union-find over the events, documents and series that facts connect: two facts that
share no event, document or series (directly or through others) can never clash, so
each component is a problem of its own, small, and can go to another process.
"""

from __future__ import annotations

from collections import defaultdict

from factcheck.engine.translate import year_document
from factcheck.facts.ids import fact_refs, fact_series
from factcheck.model import Event, Fact, FactSet


class UnionFind:
    """Union-find over string nodes; the smallest name is always the root, so roots do not depend on order."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        """The root of x's set (x joins as a set of its own if new)."""
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        """Join the sets of a and b."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the smaller name wins, so roots do not depend on insertion order
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra


def fact_nodes(fact: Fact, events: dict[str, Event]) -> list[str]:
    """The nodes (``e:``/``d:``/``s:``) a fact constrains together: what its translation reads.

    Its references (a relative fact without an anchor refers to its document), its series,
    and the document whose creation time gives a year-less value its year.
    """
    nodes = [("d:" if r.doc else "e:") + r.id for r in fact_refs(fact)]
    series = fact_series(fact, events)
    if series:
        nodes.append("s:" + series)
    doc = year_document(fact)
    if doc is not None:
        nodes.append("d:" + doc)
    return nodes


def split(fs: FactSet) -> list[FactSet]:
    """The independent components of a fact set, each a FactSet, in a deterministic order."""
    events = {e.id: e for e in fs.events}
    uf = UnionFind()
    for d in fs.documents:
        uf.find("d:" + d.id)
    for e in fs.events:
        uf.find("e:" + e.id)
        if e.series:
            uf.union("e:" + e.id, "s:" + e.series)
    firsts = []
    for f in fs.facts:
        nodes = fact_nodes(f, events)
        for n in nodes[1:]:
            uf.union(nodes[0], n)
        firsts.append(nodes[0])

    facts_by: dict[str, list[Fact]] = defaultdict(list)
    for f, first in zip(fs.facts, firsts, strict=True):
        facts_by[uf.find(first)].append(f)
    docs_by: dict[str, list[str]] = defaultdict(list)
    for d in fs.documents:
        docs_by[uf.find("d:" + d.id)].append(d.id)
    events_by: dict[str, list[str]] = defaultdict(list)
    for e in fs.events:
        events_by[uf.find("e:" + e.id)].append(e.id)

    doc_map = {d.id: d for d in fs.documents}
    out = []
    for root in sorted(set(facts_by) | set(docs_by) | set(events_by)):
        doc_ids = docs_by.get(root, [])
        out.append(
            FactSet(
                documents=tuple(doc_map[i] for i in sorted(doc_ids)),
                events=tuple(events[i] for i in sorted(events_by.get(root, []))),
                facts=tuple(sorted(facts_by.get(root, []), key=lambda f: f.id)),
                origins={f.id: fs.origins[f.id] for f in facts_by.get(root, []) if f.id in fs.origins},
            )
        )
    return out
