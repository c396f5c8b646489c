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

References to widely known events ("since he took office in January") are linked to the
background facts; where several background events fit, each candidate is tried with the
solver and a link is kept only if exactly one candidate agrees with everything else.
Every link is reported with its reason.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

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


def role(event: dict[str, Any]) -> str:
    """The part an extracted event plays in its article, as the reader told it (a typed field, not its id).

    The reported event (``main``), an earlier or later one of its series (``previous``,
    ``next``), or one elsewhere (``elsewhere``).
    """
    return str((event.get("arguments") or {}).get("role", "main"))


def is_loose(event: dict[str, Any]) -> bool:
    """An event named with no date, on a named object: linked only to another article's event, else dropped."""
    return bool((event.get("arguments") or {}).get("loose"))


def cross_role(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """One event is an article's reported event, the other the earlier or later one another article refers to."""
    return {role(a), role(b)} in ({"main", "previous"}, {"main", "next"})


def _parties_fit(a: list[str], b: list[str]) -> bool:
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return False
    small = sa if len(sa) <= len(sb) else sb
    return (sa <= sb or sb <= sa) and len(small) >= min(2, len(sa | sb))


def theme_names(event: dict[str, Any]) -> frozenset[str]:
    """The name words of an event's theme ("iPhone SDK", "A380 superjumbo" → "A380"): what makes it one object."""
    words = re.findall(r"[\w.'’-]+", str(event.get("theme") or ""))
    return frozenset(w.lower() for w in words if any(c.isdigit() or c.isupper() for c in w))


def _objects_fit(a: dict[str, Any], b: dict[str, Any]) -> bool | None:
    """Whether two events act on the same named object: yes, no (two different objects), or None (unsaid).

    The same name words make one object ("the A380", "the A380 superjumbo"); a name with
    more words is another ("the iPhone", "the iPhone SDK"; "Meridian X2", "Meridian X3").
    """
    na, nb = theme_names(a), theme_names(b)
    if not na or not nb:
        return None
    return na == nb


def _parties_clash(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Both name parties, and none in common."""
    sa, sb = set(a.get("participants", [])), set(b.get("participants", []))
    return bool(sa and sb and not sa & sb)


def _wording(event: dict[str, Any]) -> str:
    """The trigger wording in an extracted event's label ("attack (drone attacks)" → "drone attack")."""
    label = str(event.get("label", ""))
    inner = label[label.find("(") + 1 : label.rfind(")")] if "(" in label else ""
    words = inner.lower().split()
    return " ".join([*words[:-1], words[-1].rstrip("s")]) if words else ""


def _ordinals(facts: list[dict[str, Any]]) -> dict[str, set[int]]:
    out: dict[str, set[int]] = defaultdict(set)
    for f in facts:
        if f["kind"] == "ordinal":
            out[f["subject"]].add(int(f["n"]))
    return out


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
        if a["kind"] != b["kind"] or not _parties_fit(a.get("participants", []), b.get("participants", [])):
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
        if _objects_fit(a, b) is False:
            return None  # "talks on the F-35 sale", "talks on the S-400 deal": two objects, two events
        where = f" in {la}" if la and lb else f" (one names {la or lb})" if (la or lb) else ""
        return f"same {a['kind']} between {', '.join(sorted(set(a['participants']) & set(b['participants'])))}{where}"

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

    def join(self, x: str, y: str) -> None:
        """Link two events (and so the articles of both)."""
        uf, docs_of = self.uf, self.docs_of
        merged = docs_of[uf.find(x)] | docs_of[uf.find(y)]
        uf.union(x, y)
        docs_of[uf.find(x)] = merged


def link_events(
    docs: dict[str, list[dict[str, Any]]], facts: list[dict[str, Any]], series_kinds: set[str]
) -> LinkResult:
    """Event and series renamings that merge the events of different articles, the links made, and what is left.

    ``docs`` maps each document id to its extracted events.  The passes run in order, each
    on the links the earlier ones made: series kinds, named objects, one theme by a party in
    common, other kinds within a story, then the loose events.
    """
    everything = [(doc, ev) for doc in sorted(docs) for ev in docs[doc]]
    loose = [(doc, ev) for doc, ev in everything if is_loose(ev)]
    items = [(doc, ev) for doc, ev in everything if not is_loose(ev)]
    st = _Linking(items, _ordinals(facts), series_kinds)
    _link_series(st)
    _link_named_objects(st)
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
            if db == da or b["kind"] != a["kind"] or not _objects_fit(a, b) or role(a) != role(b):
                continue
            la, lb = a.get("location"), b.get("location")
            oa, ob = ordinals.get(a["id"], set()), ordinals.get(b["id"], set())
            if (la and lb and la != lb) or (oa and ob and not oa & ob) or _parties_clash(a, b):
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
            if _parties_fit(a.get("participants", []), b.get("participants", [])):
                wa, wb = _wording(a), _wording(b)
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
            reasons[(x, y)] = f"same {_wording(by_id[x])!r} by the same parties, in articles of one story"
        else:
            weak.append((x, y, f"same {_wording(by_id[x])!r} by the same parties, one of several in an article"))


def _join_loose(
    st: _Linking, loose: list[tuple[str, dict[str, Any]]], groups: dict[str, list[str]]
) -> frozenset[str]:
    """Pass 3: a loose event joins the one event of another article of its kind on its named object.

    Joined events go into their group in ``groups``; the others are returned, to be dropped.
    """
    items, ordinals, reasons, series_kinds, docs_of = st.items, st.ordinals, st.reasons, st.series_kinds, st.docs_of
    dropped = set()
    for doc, ev in loose:
        # A series kind ("visit") is linked on parties and places, which a loose event does not weigh.
        open_kind = ev["kind"] not in series_kinds
        targets = {st.uf.find(b["id"]) for db, b in items if open_kind and db != doc and _loose_fits(ev, b, ordinals)}
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


def _loose_fits(event: dict[str, Any], other: dict[str, Any], ordinals: dict[str, set[int]]) -> bool:
    """Whether a loose event may be another article's event: the same kind on the same named object, nothing apart.

    The same named object is the evidence (as in pass 1b); other parties, another place,
    another role or ordinal of the other tell them apart.
    """
    if other["kind"] != event["kind"] or _objects_fit(event, other) is not True or role(other) != "main":
        return False
    la, lb = event.get("location"), other.get("location")
    oa, ob = ordinals.get(event["id"], set()), ordinals.get(other["id"], set())
    return not ((la and lb and la != lb) or (oa and ob and not oa & ob) or _parties_clash(event, other))


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


def apply_renames(
    data: dict[str, Any], rename: dict[str, str], series: dict[str, str], drop: Collection[str] = ()
) -> dict[str, Any]:
    """A fact-set document with events merged, every reference renamed, and the events in ``drop`` left out.

    Only events no fact names are dropped (loose events: :func:`is_loose`).
    """

    def ref(v: str) -> str:
        if v.startswith("doc:"):
            return v
        base, dot, point = v.partition(".")
        return rename.get(base, base) + (dot + point if dot else "")

    events: dict[str, dict[str, Any]] = {}
    # Each merged event starts from the event it is named after (a loose event only adds mentions).
    for ev in sorted(data["events"], key=lambda e: rename.get(e["id"], e["id"]) != e["id"]):
        if ev["id"] in drop:
            continue
        new_id = rename.get(ev["id"], ev["id"])
        merged = events.get(new_id)
        if merged is None:
            merged = dict(ev, id=new_id)
            if merged.get("series"):
                merged["series"] = series.get(merged["series"], merged["series"])
            events[new_id] = merged
        else:
            parts = sorted(set(merged.get("participants", [])) | set(ev.get("participants", [])))
            if parts:
                merged["participants"] = parts
            if not merged.get("location") and ev.get("location"):
                merged["location"] = ev["location"]
            if not merged.get("theme") and ev.get("theme"):
                merged["theme"] = ev["theme"]
            if not merged.get("series") and ev.get("series"):
                merged["series"] = series.get(ev["series"], ev["series"])
            if ev.get("mentions"):
                ms = [*merged.get("mentions", ()), *(m for m in ev["mentions"] if m not in merged.get("mentions", ()))]
                merged["mentions"] = sorted(ms, key=lambda m: (m["doc"], m["start"], m["end"]))
    facts = []
    for f in data["facts"]:
        g = dict(f)
        for key in ("subject", "anchor", "since"):
            if isinstance(g.get(key), str):
                g[key] = ref(g[key])
        facts.append(g)
    return {**data, "events": sorted(events.values(), key=lambda e: e["id"]), "facts": facts}
