"""Linking natural events across articles: a quake or a storm names no party, so its place and date tell which it is.

Two articles' events of one natural kind (:attr:`factcheck.extract.rules.EventKind.natural`)
are one event when each is its article's first-named event of the kind (what it reports, not
an earlier one it recalls), in the same role, at one place, and nothing tells them apart.  One
place: the same name, or one named in the other's sentences ("shook X, sending residents of
Y into the streets": Y is where the other article's aftershock struck), or none at all for a
definite reference ("the quake", "the Aug. 11 quake") of a later article.  Told apart: written
dates that disagree ("in April 2013", "on Aug. 11"), days of reports far apart, ordinals that
disagree.  A definite reference facing events at several places is linked to none; a match
whose dates tell the two apart is left to the solver as an alternative.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from factcheck.auditing.evidence import is_natural, role, written_date

_WEEK = dt.timedelta(days=7)


def _definite(event: dict[str, Any]) -> bool:
    return bool((event.get("arguments") or {}).get("definite"))


def _around(event: dict[str, Any]) -> set[str]:
    return set((event.get("arguments") or {}).get("around", ()))


def place_fit(a: dict[str, Any], b: dict[str, Any]) -> str | None:
    """Why two natural events may be at one place ("in X"), or None: another place, or no place to go on."""
    la, lb = a.get("location"), b.get("location")
    if la and lb:
        if la == lb:
            return f"in {la}"
        if lb in _around(a) or la in _around(b):
            return f"in {la} and {lb}, one named with the other"
        return None
    if la or lb:
        ref, other = (b, a) if la else (a, b)
        if _definite(ref) and (not _around(ref) or other.get("location") in _around(ref)):
            return f"in {la or lb}, and a definite reference naming no other place"
    return None


class Dates:
    """What the facts say of each event's date before any solving: its written dates, and days of report it is near."""

    def __init__(self, facts: list[dict[str, Any]], published: dict[str, dt.date]) -> None:
        self.written: dict[str, set[tuple[str, ...]]] = defaultdict(set)
        self.near: dict[str, dt.date] = {}
        self.first: dict[str, int] = {}  # where the article first names each event
        for f in facts:
            subject = f.get("subject")
            if not isinstance(subject, str):
                continue
            if f.get("span"):
                self.first[subject] = min(self.first.get(subject, f["span"][0]), f["span"][0])
            if (written := written_date(f)) is not None:
                self.written[subject].add(written)
            elif f.get("expression") == "weekday" and (day := published.get(str(f.get("doc")))) is not None:
                self.near[subject] = day  # "on Tuesday": within a week of its report

    def apart(self, a: str, b: str) -> bool:
        """Whether the dates written or implied for two events cannot be one day's."""
        for wa in self.written.get(a, ()):
            for wb in self.written.get(b, ()):
                if any(x != y and "X" not in (x, y) for x, y in zip(wa, wb, strict=False)):
                    return True
        na, nb = self.near.get(a), self.near.get(b)
        if na is not None and nb is not None and abs(na - nb) > 2 * _WEEK:
            return True
        for x, near in ((a, nb), (b, na)):
            for w in self.written.get(x, ()):
                if near is not None and w[0] != "X" and abs(int(w[0]) - near.year) > 1:
                    return True
        return False


def link_natural(
    items: list[tuple[str, dict[str, Any]]],
    dates: Dates,
    ordinals: dict[str, set[int]],
    join: Callable[[str, str, str], bool],
    weak: list[tuple[str, str, str]],
) -> None:
    """Link the natural events of different articles (see the module docstring).

    ``join`` links two events with a reason, unless an article tells them apart (then False);
    ``weak`` gets the matches left to the solver.
    """
    leads = _leads(items, dates.first)
    matches: list[tuple[str, str, str]] = []
    # For an event naming no place, the places of the events it matches: it may be one of them, only if one place.
    places: dict[str, set[str]] = defaultdict(set)
    for i, (da, a) in enumerate(leads):
        for db, b in leads[i + 1 :]:
            if db == da or b["kind"] != a["kind"] or role(a) != role(b):
                continue
            oa, ob = ordinals.get(a["id"], set()), ordinals.get(b["id"], set())
            if (oa and ob and not oa & ob) or (where := place_fit(a, b)) is None:
                continue
            why = f"same {a['kind']} {where}, naming no party"
            if dates.apart(a["id"], b["id"]):
                weak.append((a["id"], b["id"], why + ", on dates that may differ"))
                continue
            matches.append((a["id"], b["id"], why))
            for one, other in ((a, b), (b, a)):
                if not one.get("location"):
                    places[one["id"]].add(str(other.get("location")))
    for x, y, why in matches:
        if len(places.get(x, ())) > 1 or len(places.get(y, ())) > 1:
            continue  # "the quake" facing quakes at two places: either, and so neither (nor both as one)
        if not join(x, y, why):
            weak.append((x, y, why + ", one of several"))


def _leads(items: list[tuple[str, dict[str, Any]]], first: dict[str, int]) -> list[tuple[str, dict[str, Any]]]:
    """Each article's first-named natural event of each kind, if it names no party."""
    lead: dict[tuple[str, str], tuple[str, dict[str, Any]]] = {}
    for doc, ev in items:
        if not is_natural(ev):
            continue
        held = lead.get((doc, ev["kind"]))
        if held is None or first.get(ev["id"], 1 << 62) < first.get(held[1]["id"], 1 << 62):
            lead[(doc, ev["kind"])] = (doc, ev)
    return [(doc, ev) for doc, ev in items if lead.get((doc, ev["kind"])) == (doc, ev) and not ev.get("participants")]
