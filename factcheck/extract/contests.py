"""Contests (elections, runoffs) within one article: the place they share, which is an earlier one, their rounds.

An article on a vote names the country or city that holds it once or twice ("the presidential
election in Norway ... the runoff"); its first round and its runoff are two rounds of one
contest there, so what one mention says of the place is the others' too.  A contest named by
its year or by years ago ("the 2019 vote", "the referendum four years ago") is an earlier one,
not the one the article reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from factcheck.extract.mentions import Mention
from factcheck.extract.rules import CompiledPack

_YEAR = re.compile(r"\d{4}")


def contest_kinds(pack: CompiledPack) -> frozenset[str]:
    """The kinds of event a place holds (``contest`` in the rules)."""
    return frozenset(k for k, spec in pack.pack.events.items() if spec.contest)


def share_place(mentions: Iterable[Mention], kinds: frozenset[str], main_location: dict[str, str | None]) -> None:
    """Give every contest kind the article names no place for the first place any contest mention names."""
    place = next((mn.location for mn in mentions if mn.kind in kinds and mn.location and not mn.earlier), None)
    if place is None:
        return
    for kind in kinds:
        if not main_location.get(kind):
            main_location[kind] = place


def is_earlier(times: set[str] | None) -> bool:
    """Whether the days a contest mention is named by say another contest than the reported one, most often earlier.

    A year alone ("the 2019 vote") or years away ("four years ago", "last year's"): the
    contest an article reports is named by its day or week.
    """
    return any(_YEAR.fullmatch(t) or t.startswith("shift:year:") for t in times or ())


def mark(event: dict[str, Any], mn: Mention) -> None:
    """Record for the linker that an event is a contest, and its round and office where a mention says them."""
    args = event.setdefault("arguments", {})
    args["contest"] = True
    if mn.ordinal:
        args.setdefault("round", mn.ordinal)
    if mn.office:
        args.setdefault("office", mn.office)
