"""Linking what articles say across articles: one event, many mentions.

Two extracted events are one when they are of the same kind, between compatible parties
(the same, or one set within the other), at the same place where both name one, in the
same role (the reported event, or the earlier round it refers back to), with ordinals
that do not disagree.  Events of other kinds (attacks, arrivals) are linked only between
articles already linked through their reported event: the same story.  Statements are
never linked.  Series keys of linked events are merged too.

A link is made outright only on strong evidence: the same place named by both, or the
same ordinal.  Weaker matches (parties and kind alone, or another kind of event in the
same story) are alternatives: "the same event, or another one".  The caller tries each
with the solver and merges only a candidate that is the single one consistent with
everything else, so a weak guess can never by itself produce a contradiction.

A loose event (an undated mention on a named object, :mod:`factcheck.extract.loose`) is
merged into the single event of another article of its kind on that object, nothing else
telling them apart; with none, or several that are not one event, it is dropped.  It has
no fact, so it adds mentions and never a time.

Every link is reported with its reason.  What tells two events one or apart is in
:mod:`factcheck.auditing.evidence`; merging the linked events in the fact set, in
:mod:`factcheck.auditing.renames`; links to background events, in
:mod:`factcheck.auditing.background`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from factcheck.auditing.announced import link_announced
from factcheck.auditing.contests import link_contests
from factcheck.auditing.evidence import (
    cross_role,
    is_loose,
    loose_fits,
    objects_fit,
    ordinals_of,
    parties_clash,
    parties_fit,
    role,
    shared_parties,
    stages_clash,
    theme_names,
    wording,
)
from factcheck.auditing.natural import Dates, link_natural
from factcheck.engine.components import UnionFind


@dataclass(frozen=True)
class Link:
    """Events merged into one, and why."""

    event: str
    members: tuple[str, ...]
    reason: str
    assumed: bool = False
    linked: bool = True


@dataclass(frozen=True)
class Alternative:
    """A weakly matched event and the events of other articles it may be (or none of them).

    ``event`` is empty when several events face several: the match is too ambiguous to try.
    """

    event: str
    candidates: tuple[str, ...]
    reason: str
    together: bool = False  # one event in each article: all one event, or not linked


@dataclass(frozen=True)
class LinkResult:
    """What linking the events of different articles gives: the renamings that merge them, the links, what is left.

    What is left: the alternatives (weak matches for the solver to decide, naming the
    merged event ids), and the loose events to drop (those linked to no event of another
    article).
    """

    rename: dict[str, str]  # every event id to the id of the event it is (merged into)
    series: dict[str, str]  # every series key to the key of the series it is (merged into)
    links: tuple[Link, ...]
    alternatives: tuple[Alternative, ...]
    dropped: frozenset[str]


@dataclass
class _Linking:
    """The working state of one linking: the dated events, the union of linked events, and what the passes found."""

    items: list[tuple[str, dict[str, Any]]]  # (document, event) of each event but the loose ones, in document order
    ordinals: dict[str, set[int]]
    series_kinds: set[str]
    uf: UnionFind = field(default_factory=UnionFind)
    docs_of: dict[str, set[str]] = field(init=False)  # per union-find root, the articles of its events
    reasons: dict[tuple[str, str], str] = field(default_factory=dict)
    weak: list[tuple[str, str, str]] = field(default_factory=list)  # matches that are only alternatives

    def __post_init__(self) -> None:
        self.docs_of = {ev["id"]: {doc} for doc, ev in self.items}

    def fits(self, a: dict[str, Any], b: dict[str, Any]) -> str | None:
        """Why two events of series kinds may be one (kind, parties, place, role, ordinals, object), or None."""
        ordinals = self.ordinals
        if a["kind"] != b["kind"] or not parties_fit(a.get("participants", []), b.get("participants", [])):
            return None
        la, lb = a.get("location"), b.get("location")
        ra, rb = role(a), role(b)
        if la and lb:
            if la != lb:
                return None
            if {ra, rb} & {"previous", "next"} and ra != rb and not cross_role(a, b):
                return None
        elif ra != rb:
            return None
        oa, ob = ordinals.get(a["id"], set()), ordinals.get(b["id"], set())
        if oa and ob and not oa & ob:
            return None
        if objects_fit(a, b) is False:
            return None  # "talks on the F-35 sale", "talks on the S-400 deal": two objects, two events
        if stages_clash(a, b):
            return None  # "the semifinal", "the final": two stages, two events
        where = f" in {la}" if la and lb else f" (one names {la or lb})" if (la or lb) else ""
        return f"same {a['kind']} between {', '.join(shared_parties(a['participants'], b['participants']))}{where}"

    def strong(self, a: dict[str, Any], b: dict[str, Any]) -> bool:
        """Whether a match is strong evidence: the same place named by both, or the same ordinal."""
        ordinals = self.ordinals
        same_place = bool(a.get("location")) and a.get("location") == b.get("location")
        return same_place or bool(ordinals.get(a["id"], set()) & ordinals.get(b["id"], set()))

    def two_of_one_article(self, x: str, y: str) -> bool:
        """Whether linking would make one event of two that an article tells apart."""
        uf, docs_of = self.uf, self.docs_of
        rx, ry = uf.find(x), uf.find(y)
        return rx != ry and bool(docs_of[rx] & docs_of[ry])

    def join_unless_apart(self, x: str, y: str, why: str) -> bool:
        """Link two events with a reason unless an article tells them apart; whether they are one now."""
        if self.uf.find(x) == self.uf.find(y):
            return True
        if self.two_of_one_article(x, y):
            return False
        self.join(x, y)
        self.reasons[(x, y)] = why
        return True

    def join(self, x: str, y: str) -> None:
        """Link two events (and so the articles of both)."""
        uf, docs_of = self.uf, self.docs_of
        merged = docs_of[uf.find(x)] | docs_of[uf.find(y)]
        uf.union(x, y)
        docs_of[uf.find(x)] = merged


def link_events(
    docs: dict[str, list[dict[str, Any]]], facts: list[dict[str, Any]], series_kinds: set[str],
    published: dict[str, dt.date] | None = None,
) -> LinkResult:  # fmt: skip
    """Event and series renamings that merge the events of different articles, the links made, and what is left.

    ``docs`` maps each document id to its extracted events, ``published`` a dated one to its
    day.  The passes run in order, each on the links the earlier ones made: series kinds,
    natural events, contests, named objects, events announced for the day of a report that
    tells them (:mod:`factcheck.auditing.announced`), one theme by a party in common, other
    kinds within a story, then the loose events.
    """
    everything = [(doc, ev) for doc in sorted(docs) for ev in docs[doc]]
    loose = [(doc, ev) for doc, ev in everything if is_loose(ev)]
    items = [(doc, ev) for doc, ev in everything if not is_loose(ev)]
    st = _Linking(items, ordinals_of(facts), series_kinds)
    _link_series(st)
    _link_natural(st, Dates(facts, published or {}))
    link_contests(st)
    _link_named_objects(st)
    link_announced(st.items, facts, published or {}, series_kinds, st.join_unless_apart)
    _weigh_one_theme(st)
    _link_in_stories(st, _stories(docs, st.uf))
    groups: dict[str, list[str]] = defaultdict(list)
    for _, ev in items:
        groups[st.uf.find(ev["id"])].append(ev["id"])
    dropped = _join_loose(st, loose, groups)
    rename, links = _renames(groups, st.reasons)
    series_rename = _series_renames(groups, everything, items)
    return LinkResult(rename, series_rename, tuple(links), tuple(_alternatives(st.weak, rename)), dropped)


def _link_series(st: _Linking) -> None:
    """Pass 1: the reported events of series kinds (talks and the like)."""
    items, weak, reasons, series_kinds = st.items, st.weak, st.reasons, st.series_kinds
    for i, (da, a) in enumerate(items):
        if a["kind"] not in series_kinds:
            continue
        for db, b in items[i + 1 :]:
            if db != da and b["kind"] in series_kinds and (why := st.fits(a, b)):
                if cross_role(a, b):
                    # "They last met in Oslo on April 1" may be the meeting another article reports.
                    weak.append((a["id"], b["id"], why + ", one the earlier (or later) meeting the other refers to"))
                elif st.strong(a, b) and not st.two_of_one_article(a["id"], b["id"]):
                    st.join(a["id"], b["id"])
                    reasons[(a["id"], b["id"])] = why
                else:
                    weak.append((a["id"], b["id"], why + ", named without a shared place or ordinal"))


def _link_natural(st: _Linking, dates: Dates) -> None:
    """Pass 1a: natural events (quakes, storms), on place and date (:mod:`factcheck.auditing.natural`)."""
    link_natural(st.items, dates, st.ordinals, st.join_unless_apart, st.weak)


def _link_named_objects(st: _Linking) -> None:
    """Pass 1b: events of any other kind that act on one named object are one event.

    "Released the iPhone SDK", "the SDK Apple released in March": strong evidence, unless
    places, parties, ordinals or roles tell them apart.  A common-noun theme ("the plan")
    is no evidence.
    """
    items, ordinals, reasons, series_kinds = st.items, st.ordinals, st.reasons, st.series_kinds
    for i, (da, a) in enumerate(items):
        if a["kind"] in series_kinds or a["kind"] == "statement" or not theme_names(a):
            continue
        for db, b in items[i + 1 :]:
            if db == da or b["kind"] != a["kind"] or not objects_fit(a, b) or role(a) != role(b):
                continue
            la, lb = a.get("location"), b.get("location")
            oa, ob = ordinals.get(a["id"], set()), ordinals.get(b["id"], set())
            if (la and lb and la != lb) or (oa and ob and not oa & ob) or parties_clash(a, b):
                continue
            shared = sorted(theme_names(a) & theme_names(b))
            why = f"same {a['kind']} of {a.get('theme')!r} ({', '.join(shared)})"
            if not st.two_of_one_article(a["id"], b["id"]):
                st.join(a["id"], b["id"])
                reasons[(a["id"], b["id"])] = why


def _weigh_one_theme(st: _Linking) -> None:
    """Pass 1c: events of one kind acting on one object by a party in common may be one event.

    The object named or not ("filed for bankruptcy"); the solver decides (an alternative,
    never a link outright).
    """
    items, uf, weak, series_kinds = st.items, st.uf, st.weak, st.series_kinds
    for i, (da, a) in enumerate(items):
        theme = str(a.get("theme") or "").lower()
        if a["kind"] in series_kinds or a["kind"] == "statement" or not theme or not a.get("participants"):
            continue
        for db, b in items[i + 1 :]:
            if db == da or b["kind"] != a["kind"] or str(b.get("theme") or "").lower() != theme:
                continue
            if role(a) != role(b) or uf.find(a["id"]) == uf.find(b["id"]):
                continue
            la, lb = a.get("location"), b.get("location")
            shared = sorted(set(a["participants"]) & set(b.get("participants", [])))
            if shared and not (la and lb and la != lb):
                weak.append((a["id"], b["id"], f"same {a['kind']} of {theme!r} by {', '.join(shared)}"))


def _stories(docs: dict[str, list[dict[str, Any]]], uf: UnionFind) -> UnionFind:
    """Stories: documents joined by a shared event (of the links made so far)."""
    story = UnionFind()
    for doc, evs in docs.items():
        story.find(doc)
        for ev in evs:
            root = uf.find(ev["id"])
            if root != ev["id"]:
                story.union(doc, root.split(":", 1)[0])
    return story


def _link_in_stories(st: _Linking, story: UnionFind) -> None:
    """Pass 2: other kinds, within a story only.

    The same specific wording ("drone attack"), one event on each side, is strong; anything
    else an alternative.
    """
    items, weak, reasons, series_kinds = st.items, st.weak, st.reasons, st.series_kinds
    by_id = {ev["id"]: ev for _, ev in items}
    worded: list[tuple[str, str, str, str]] = []
    per_doc: Counter[tuple[str, str]] = Counter()
    for i, (da, a) in enumerate(items):
        if a["kind"] in series_kinds or a["kind"] == "statement":
            continue
        for db, b in items[i + 1 :]:
            if db == da or b["kind"] != a["kind"] or story.find(da) != story.find(db):
                continue
            if parties_fit(a.get("participants", []), b.get("participants", [])):
                wa, wb = wording(a), wording(b)
                if " " in wa and wa == wb:
                    worded.append((a["id"], b["id"], da, db))
                    per_doc[(a["id"], db)] += 1
                    per_doc[(b["id"], da)] += 1
                else:
                    why = f"same {a['kind']} between the same parties, in articles of one story"
                    weak.append((a["id"], b["id"], why))
    for x, y, dx, dy in worded:
        if per_doc[(x, dy)] == 1 and per_doc[(y, dx)] == 1 and not st.two_of_one_article(x, y):
            st.join(x, y)
            reasons[(x, y)] = f"same {wording(by_id[x])!r} by the same parties, in articles of one story"
        else:
            weak.append((x, y, f"same {wording(by_id[x])!r} by the same parties, one of several in an article"))


def _join_loose(st: _Linking, loose: list[tuple[str, dict[str, Any]]], groups: dict[str, list[str]]) -> frozenset[str]:
    """Pass 3: a loose event joins the one event of another article of its kind on its named object.

    Joined events go into their group in ``groups``; the others are returned, to be dropped.
    """
    items, ordinals, reasons, series_kinds, docs_of = st.items, st.ordinals, st.reasons, st.series_kinds, st.docs_of
    dropped = set()
    for doc, ev in loose:
        # A series kind ("visit") is linked on parties and places, which a loose event does not weigh.
        open_kind = ev["kind"] not in series_kinds
        targets = {st.uf.find(b["id"]) for db, b in items if open_kind and db != doc and loose_fits(ev, b, ordinals)}
        if len(targets) != 1 or doc in docs_of[root := min(targets)]:
            dropped.add(ev["id"])  # no event, several (nothing tells which), or one its own article tells apart
            continue
        groups[root].append(ev["id"])
        reasons[(ev["id"], root)] = f"same {ev['kind']} of {ev.get('theme')!r}, named with no date of its own"
    return frozenset(dropped)


def _renames(groups: dict[str, list[str]], reasons: dict[tuple[str, str], str]) -> tuple[dict[str, str], list[Link]]:
    """Each event's new id (its group's root), and a link, with its reasons, for each group of several events."""
    rename: dict[str, str] = {}
    links = []
    for root, members in sorted(groups.items()):
        for m in members:
            rename[m] = root
        if len(members) > 1:
            whys = sorted({r for (x, y), r in reasons.items() if rename.get(x) == root})
            links.append(Link(root, tuple(sorted(members)), "; ".join(whys)))
    return rename, links


def _series_renames(
    groups: dict[str, list[str]], everything: list[tuple[str, dict[str, Any]]], items: list[tuple[str, dict[str, Any]]]
) -> dict[str, str]:
    """Series: the series of linked events are one series."""
    suf = UnionFind()
    by_event = {ev["id"]: ev for _, ev in everything}
    for members in groups.values():
        keys = sorted({by_event[m]["series"] for m in members if by_event[m].get("series")})
        for k in keys[1:]:
            suf.union(keys[0], k)
    return {k: suf.find(k) for _, ev in items if (k := ev.get("series"))}


def _alternatives(weak: list[tuple[str, str, str]], rename: dict[str, str]) -> list[Alternative]:
    """Weak matches after the strong links, grouped into alternatives between two articles.

    The weak matches between the events of two articles form a bipartite graph; each of its
    connected parts is one alternative.  One event facing several ("the attack" of one
    article, three attacks of the other) may be any one of them, or none.
    """
    uf = UnionFind()
    why: dict[str, set[str]] = defaultdict(set)
    pairs = set()
    docs_of: dict[str, set[str]] = defaultdict(set)
    for member, root in rename.items():
        docs_of[root].add(member.split(":", 1)[0])
    for a, b, reason in weak:
        ra, rb = rename.get(a, a), rename.get(b, b)
        da, db = docs_of.get(ra) or {ra.split(":", 1)[0]}, docs_of.get(rb) or {rb.split(":", 1)[0]}
        if ra == rb or da & db:
            continue  # already one event, or a link that would merge two events of one article
        pairs.add((min(ra, rb), max(ra, rb)))
        uf.union(ra, rb)
        why[ra].add(reason)
    parts: dict[str, set[str]] = defaultdict(set)
    for x, y in pairs:
        parts[uf.find(x)] |= {x, y}
    out = []
    for members in sorted(parts.values(), key=min):
        by_doc: dict[str, list[str]] = defaultdict(list)
        for m in sorted(members):
            by_doc[m.split(":", 1)[0]].append(m)
        sides = sorted(by_doc.values(), key=lambda v: (len(v), v))
        one, other = sides[0], [m for side in sides[1:] for m in side]
        reason = "; ".join(sorted({r for m in members for r in why.get(m, ())}))
        if all(len(side) == 1 for side in sides):
            out.append(Alternative(one[0], tuple(other), reason, together=True))
        elif len(one) == 1 and len(sides) == 2:
            out.append(Alternative(one[0], tuple(other), reason))
        else:
            out.append(Alternative("", tuple(sorted(members)), reason))
    return out
