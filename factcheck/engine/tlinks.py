"""Temporal links (TimeML TLINKs) as endpoint constraints: consistency with minimal explanations.

Every event instance and time expression is an interval [start, end] on a real-valued
time line measured in days (so events finer than a day can still be ordered), with
start < end.  Each relType becomes constraints between endpoints (point algebra).
In metric mode a TIMEX3 whose value names a calendar period is also pinned to that
period, as the engine's calendar computes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import z3

from factcheck.engine.diagnose import SolveOptions, diagnose_encoding
from factcheck.engine.encode import Encoding
from factcheck.engine.solver import Outcome

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
    enc, skipped = encode_links(doc, mode)
    weights = {f: (2.0 if f.startswith("value:") else 1.0) for f in enc.constraints}
    outcome, conflicts, complete, retract, reason = diagnose_encoding(enc, weights, opts or SolveOptions())
    return LinkResult(doc.id, mode, outcome, conflicts, complete, retract, reason, skipped)
