"""Linking contests (elections, runoffs) across articles: by the place that holds them and their round.

A contest has no parties (its candidates run in it), so the linker's other passes, which
weigh parties or a named object, never link one.  Two contests are one when they are of the
same kind, held in the same place, in the same role (the article's own, or an earlier one it
refers to), with rounds and offices ("presidential", "mayoral") that do not disagree.  The
same round named by both ("the first round", two runoffs) is strong evidence; the place
alone is only an alternative for the solver ("Sunday's election in Norway" may be the first
round another article names, or the previous election), so a guess never by itself makes a
contradiction.
"""

from __future__ import annotations

from typing import Any, Protocol

from factcheck.auditing.evidence import is_contest, office_of, role, round_of


class Linking(Protocol):
    """The linker's working state, as this pass uses it."""

    items: list[tuple[str, dict[str, Any]]]
    reasons: dict[tuple[str, str], str]
    weak: list[tuple[str, str, str]]

    def two_of_one_article(self, x: str, y: str) -> bool:
        """Whether linking would make one event of two that an article tells apart."""

    def join(self, x: str, y: str) -> None:
        """Link two events."""


def contest_fits(a: dict[str, Any], b: dict[str, Any]) -> str | None:
    """Why two contests of different articles may be one (kind, place, role, round, office), or None."""
    place = a.get("location")
    if not (is_contest(a) and is_contest(b)) or a["kind"] != b["kind"] or not place or b.get("location") != place:
        return None
    ra, rb = round_of(a), round_of(b)
    oa, ob = office_of(a), office_of(b)
    if role(a) != role(b) or (ra and rb and ra != rb) or (oa and ob and oa != ob):
        return None  # an earlier contest, another round, or a contest for another office
    return f"same {a['kind']} in {place}"


def link_contests(st: Linking) -> None:
    """Contests of one kind held in one place: linked on the same round, else an alternative for the solver."""
    items = st.items
    for i, (da, a) in enumerate(items):
        if not is_contest(a):
            continue
        for db, b in items[i + 1 :]:
            if db == da or (why := contest_fits(a, b)) is None:
                continue
            if round_of(a) and round_of(a) == round_of(b) and not st.two_of_one_article(a["id"], b["id"]):
                st.join(a["id"], b["id"])
                st.reasons[(a["id"], b["id"])] = f"{why}, round {round_of(a)}"
            else:
                st.weak.append((a["id"], b["id"], why + ", named without a round of its own"))
