"""Temporal links (TimeML TLINKs) as endpoint constraints: consistency with minimal explanations.

Every event instance and time expression is an interval [start, end] on a real-valued
time line measured in days (so events finer than a day can still be ordered), with
start < end.  Each relType becomes constraints between endpoints (point algebra).
In metric mode a TIMEX3 whose value names a calendar period is also pinned to that
period, as the engine's calendar computes it.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from factcheck.engine.options import SolveOptions, no_tight_limits
from factcheck.engine.solver import Outcome

if TYPE_CHECKING:
    from factcheck.engine.ir import Encoding

Mode = Literal["links", "metric"]

# relType -> constraints over (a_s, a_e, b_s, b_e); "<" strict, "<=" non-strict, "=" equal.
# Every interval has a positive length (start < end), so BEFORE may be read non-strictly:
# it then includes IBEFORE ("immediately before" is a kind of "before", as annotators use
# it), while BEFORE and AFTER of the same pair still clash.  OVERLAP is a proper overlap.
RELATIONS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "BEFORE": (("a_e", "<=", "b_s"),),
    "AFTER": (("b_e", "<=", "a_s"),),
    "IBEFORE": (("a_e", "=", "b_s"),),
    "IAFTER": (("b_e", "=", "a_s"),),
    "INCLUDES": (("a_s", "<=", "b_s"), ("b_e", "<=", "a_e")),
    "IS_INCLUDED": (("b_s", "<=", "a_s"), ("a_e", "<=", "b_e")),
    "DURING": (("b_s", "<=", "a_s"), ("a_e", "<=", "b_e")),
    "DURING_INV": (("a_s", "<=", "b_s"), ("b_e", "<=", "a_e")),
    "SIMULTANEOUS": (("a_s", "=", "b_s"), ("a_e", "=", "b_e")),
    "IDENTITY": (("a_s", "=", "b_s"), ("a_e", "=", "b_e")),
    "BEGINS": (("a_s", "=", "b_s"), ("a_e", "<=", "b_e")),
    "BEGUN_BY": (("a_s", "=", "b_s"), ("b_e", "<=", "a_e")),
    "ENDS": (("a_e", "=", "b_e"), ("b_s", "<=", "a_s")),
    "ENDED_BY": (("a_e", "=", "b_e"), ("a_s", "<=", "b_s")),
    "OVERLAP": (("a_s", "<", "b_e"), ("b_s", "<", "a_e")),
}


@dataclass(frozen=True)
class Interval:
    """An event instance or time expression; ``days`` is its calendar span [first, last] if known."""

    id: str
    text: str
    days: tuple[int, int] | None = None
    value: str | None = None
    exact: bool = True  # the interval is the whole period (a date), not a time within it


@dataclass(frozen=True)
class Link:
    """One TLINK: ``a`` relType ``b``."""

    id: str
    rel: str
    a: str
    b: str


@dataclass
class LinkDoc:
    """A document's intervals and links."""

    id: str
    intervals: list[Interval]
    links: list[Link]


@dataclass
class LinkResult:
    """The outcome for one document in one mode."""

    doc: str
    mode: Mode
    outcome: Outcome
    conflicts: list[tuple[str, ...]] = field(default_factory=list)
    complete: bool = True
    retract: tuple[str, ...] = ()
    reason: str = ""
    unknown_rels: tuple[str, ...] = ()


def encode_links(doc: LinkDoc, mode: Mode) -> tuple[Encoding, tuple[str, ...]]:
    """The document's links (and, in metric mode, its dated time expressions) as tracked constraints."""
    import z3

    from factcheck.engine.ir import Encoding

    ctx = z3.Context()
    enc = Encoding(ctx=ctx)
    enc.nonlinear.add("*")  # real-valued time: the general arithmetic solver, not integer difference logic
    pts: dict[str, tuple[z3.ArithRef, z3.ArithRef]] = {}
    for iv in doc.intervals:
        s, e = z3.Real(f"{iv.id}.s", ctx), z3.Real(f"{iv.id}.e", ctx)
        pts[iv.id] = (s, e)
        enc.structural.append(s < e)
    skipped = []
    for link in doc.links:
        cons = RELATIONS.get(link.rel.upper())
        if cons is None or link.a not in pts or link.b not in pts:
            skipped.append(link.id)
            continue
        env = {"a_s": pts[link.a][0], "a_e": pts[link.a][1], "b_s": pts[link.b][0], "b_e": pts[link.b][1]}
        parts = []
        for left, op, right in cons:
            x, y = env[left], env[right]
            parts.append(x < y if op == "<" else x <= y if op == "<=" else x == y)
        fid = f"link:{link.id}"
        enc.constraints[fid] = z3.And(parts)
        enc.trackers[fid] = z3.Bool(fid, ctx)
    if mode == "metric":
        for iv in doc.intervals:
            if iv.days is None:
                continue
            s, e = pts[iv.id]
            fid = f"value:{iv.id}"
            # day d is [d, d + 1]; the expression's interval is that period or lies in it
            first, last = z3.RealVal(iv.days[0], ctx), z3.RealVal(iv.days[1] + 1, ctx)
            enc.constraints[fid] = z3.And(s == first, e == last) if iv.exact else z3.And(first <= s, e <= last)
            enc.trackers[fid] = z3.Bool(fid, ctx)
    enc.fact_ids = sorted(enc.constraints)
    return enc, tuple(skipped)


def check_links(doc: LinkDoc, mode: Mode, opts: SolveOptions | None = None) -> LinkResult:
    """Check one document's links: consistent, inconsistent (with minimal conflicts), or unknown.

    Links weigh 1; a time expression's calendar value weighs 2, so the cheapest repair
    prefers dropping an annotator's link to dropping what the text itself says.
    """
    opts = opts or SolveOptions()
    if opts.path != "z3" and no_tight_limits(opts.limits) and _consistent(doc, mode):
        # The difference graph decides it, as z3 would: consistent, nothing to explain.
        return LinkResult(doc.id, mode, Outcome.SAT, unknown_rels=_skipped(doc))
    from factcheck.engine.diagnose import diagnose_encoding

    enc, skipped = encode_links(doc, mode)
    weights = {f: (2.0 if f.startswith("value:") else 1.0) for f in enc.constraints}
    outcome, conflicts, complete, retract, reason = diagnose_encoding(enc, weights, opts)
    return LinkResult(doc.id, mode, outcome, conflicts, complete, retract, reason, skipped)


def _skipped(doc: LinkDoc) -> tuple[str, ...]:
    """The links left out of the constraints: an unknown relType or an end that is no interval."""
    ids = {iv.id for iv in doc.intervals}
    return tuple(
        link.id for link in doc.links if link.rel.upper() not in RELATIONS or link.a not in ids or link.b not in ids
    )


# An edge u -> v of weight (c, k) says v - u <= c, strictly (v - u < c) when k is -1.
_Edge = tuple[str, str, int, int]


def _edges(doc: LinkDoc, mode: Mode) -> list[_Edge]:
    """The constraints ``encode_links`` makes, as difference edges over the endpoints ("0" is day 0).

    As there, a later link (or interval) with the same id replaces an earlier one's constraint.
    """
    structural: list[_Edge] = []
    tracked: dict[str, list[_Edge]] = {}

    def at_most(out: list[_Edge], x: str, y: str, c: int, strict: bool = False) -> None:  # x - y <= c (or < c)
        out.append((y, x, c, -1 if strict else 0))

    for iv in doc.intervals:
        at_most(structural, f"{iv.id}.s", f"{iv.id}.e", 0, strict=True)
    ids = {iv.id for iv in doc.intervals}
    for link in doc.links:
        cons = RELATIONS.get(link.rel.upper())
        if cons is None or link.a not in ids or link.b not in ids:
            continue
        name = {"a_s": f"{link.a}.s", "a_e": f"{link.a}.e", "b_s": f"{link.b}.s", "b_e": f"{link.b}.e"}
        out = tracked[f"link:{link.id}"] = []
        for left, op, right in cons:
            x, y = name[left], name[right]
            at_most(out, x, y, 0, strict=op == "<")
            if op == "=":
                at_most(out, y, x, 0)
    if mode == "metric":
        for iv in doc.intervals:
            if iv.days is None:
                continue
            s, e = f"{iv.id}.s", f"{iv.id}.e"
            first, last = iv.days[0], iv.days[1] + 1
            out = tracked[f"value:{iv.id}"] = []
            at_most(out, "0", s, -first)  # first <= s
            at_most(out, e, "0", last)  # e <= last
            if iv.exact:  # and s == first, e == last
                at_most(out, s, "0", first)
                at_most(out, "0", e, -last)
    return structural + [e for es in tracked.values() for e in es]


def _consistent(doc: LinkDoc, mode: Mode) -> bool:
    """Whether the document's constraints hold together, decided without z3.

    Every constraint is a difference of two endpoints (or of an endpoint and day 0) bounded
    by a constant, strictly or not.  Over the reals such a system is satisfiable exactly
    when its graph has no cycle of negative weight, counting a cycle of weight 0 with a
    strict edge as negative; shortest paths with weights compared as (constant, -strict)
    find one (Bellman-Ford with a queue, from a virtual source at distance 0 to every node).
    """
    adj: dict[str, list[tuple[str, int, int]]] = {}
    for u, v, c, k in _edges(doc, mode):
        adj.setdefault(u, []).append((v, c, k))
        adj.setdefault(v, [])
    dist = dict.fromkeys(adj, (0, 0))
    hops = dict.fromkeys(adj, 0)
    queue = deque(adj)
    queued = set(adj)
    n = len(adj)
    while queue:
        u = queue.popleft()
        queued.discard(u)
        du, ku = dist[u]
        for v, c, k in adj[u]:
            cand = (du + c, ku + k)
            if cand < dist[v]:
                dist[v] = cand
                hops[v] = hops[u] + 1
                if hops[v] >= n:  # a shortest path with n edges repeats a node: a negative cycle
                    return False
                if v not in queued:
                    queue.append(v)
                    queued.add(v)
    return True
