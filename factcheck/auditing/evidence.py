"""What an extracted event says about which event it is, and how two of them compare.

Its role in its article, whether it is loose (undated, on a named object), the name words
of its theme, its parties, its trigger's wording, its ordinals and written dates: the evidence the linker
(:mod:`factcheck.auditing.link`) weighs, and the story keys (:mod:`factcheck.auditing.stories`)
over-approximate.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from factcheck.extract.extraction import event_role
from factcheck.extract.places import short_form

_WRITTEN = re.compile(r"[\dX]{4}(?:-[\dX]{2}){0,2}")  # a year, month or day as written, any part maybe unsaid


def role(event: dict[str, Any]) -> str:
    """The part an extracted event plays in its article, as the reader told it (a typed field, not its id).

    The reported event (``main``), an earlier or later one of its series (``previous``,
    ``next``), or one elsewhere (``elsewhere``).
    """
    return event_role(event)


def is_loose(event: dict[str, Any]) -> bool:
    """An event named with no date, on a named object: linked only to another article's event, else dropped."""
    return bool((event.get("arguments") or {}).get("loose"))


def is_contest(event: dict[str, Any]) -> bool:
    """A vote a place holds (an election, a runoff): linked by place and round (:mod:`factcheck.auditing.contests`)."""
    return bool((event.get("arguments") or {}).get("contest"))


def is_natural(event: dict[str, Any]) -> bool:
    """An event of a natural kind (a quake, a storm), as the reader marked it: linked on place and date."""
    return bool((event.get("arguments") or {}).get("natural"))


def round_of(event: dict[str, Any]) -> int:
    """A contest's round as its article says it ("the first round", a runoff), or 0."""
    return int((event.get("arguments") or {}).get("round", 0))


def office_of(event: dict[str, Any]) -> str:
    """The office a contest fills as its article says it ("presidential"), or ""."""
    return str((event.get("arguments") or {}).get("office", ""))


def cross_role(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """One event is an article's reported event, the other the earlier or later one another article refers to."""
    return {role(a), role(b)} in ({"main", "previous"}, {"main", "next"})


def _is_name(words: list[str]) -> bool:
    """Every word capitalised and not a bare article or particle: a proper name's words, not common ones."""
    return bool(words) and all(w[:1].isupper() and w.lower() not in {"the", "a", "an", "of"} for w in words)


def long_form(short: str, names: set[str]) -> str:
    """The one longer name among ``names`` that ``short`` is a proper, contiguous prefix or suffix of, else ``short``.

    "Falcons" is "Quellmark Falcons"; with both "Dunbrook United" and "Ashcombe United" about, "United" stays
    ambiguous and is left as it is; lower-case words ("the club") are no name and match nothing.
    """
    words = short.split()
    if not _is_name(words):
        return short
    longer = {name for name in names if short_form(short, name) and _is_name(name.split())}
    return longer.pop() if len(longer) == 1 else short


def name_forms(name: str) -> frozenset[str]:
    """What any short form of a name shares with it (see :func:`long_form`): its first and its last word.

    A name that is no proper name ("the club") has only itself.
    """
    words = name.split()
    return frozenset({words[0], words[-1]}) if _is_name(words) else frozenset({name})


def parties_fit(a: list[str], b: list[str]) -> bool:
    """Whether two events' parties may be one event's: one set within the other, sharing two (or the only one).

    A short form of a name in the other event's parties counts as that name (see :func:`long_form`).
    """
    names = set(a) | set(b)
    sa, sb = {long_form(p, names) for p in a}, {long_form(p, names) for p in b}
    if not sa or not sb:
        return False
    small = sa if len(sa) <= len(sb) else sb
    return (sa <= sb or sb <= sa) and len(small) >= min(2, len(sa | sb))


def shared_parties(a: list[str], b: list[str]) -> list[str]:
    """The parties two events share, each by its long form (see :func:`long_form`), sorted."""
    names = set(a) | set(b)
    return sorted({long_form(p, names) for p in a} & {long_form(p, names) for p in b})


def theme_names(event: dict[str, Any]) -> frozenset[str]:
    """The name words of an event's theme ("iPhone SDK", "A380 superjumbo" → "A380"): what makes it one object."""
    words = re.findall(r"[\w.'’-]+", str(event.get("theme") or ""))
    return frozenset(w.lower() for w in words if any(c.isdigit() or c.isupper() for c in w))


def objects_fit(a: dict[str, Any], b: dict[str, Any]) -> bool | None:
    """Whether two events act on the same named object: yes, no (two different objects), or None (unsaid).

    The same name words make one object ("the A380", "the A380 superjumbo"); a name with
    more words is another ("the iPhone", "the iPhone SDK"; "Meridian X2", "Meridian X3").
    """
    na, nb = theme_names(a), theme_names(b)
    if not na or not nb:
        return None
    return na == nb


def parties_clash(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Both name parties, and none in common (a short form of a name counting as the name, see :func:`long_form`)."""
    names = set(a.get("participants", [])) | set(b.get("participants", []))
    sa = {long_form(p, names) for p in a.get("participants", [])}
    sb = {long_form(p, names) for p in b.get("participants", [])}
    return bool(sa and sb and not sa & sb)


def wording(event: dict[str, Any]) -> str:
    """The trigger wording in an extracted event's label ("attack (drone attacks)" → "drone attack")."""
    label = str(event.get("label", ""))
    inner = label[label.find("(") + 1 : label.rfind(")")] if "(" in label else ""
    words = inner.lower().split()
    return " ".join([*words[:-1], words[-1].rstrip("s")]) if words else ""


# A prefix naming a stage of a contest or proceeding: "semifinal", "quarterfinal", "retrial", "rematch", "pretrial".
_STAGE = re.compile(r"^(semi|quarter|re|pre)-?(?=[a-z]{4})")


def stage(event: dict[str, Any]) -> str:
    """The stage prefix of an event's trigger head word ("semi" of "semifinal", "re" of "retrial"), else ""."""
    words = wording(event).split()
    m = _STAGE.match(words[-1]) if words else None
    return m.group(1) if m else ""


def stages_clash(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two events named at different stages: a semifinal and a final, a retrial and a trial, a rematch and a final.

    A stage word on one of them is enough: "the semifinal" is never "the final", whatever the parties.
    """
    return bool(wording(a) and wording(b)) and stage(a) != stage(b)


def ordinals_of(facts: list[dict[str, Any]]) -> dict[str, set[int]]:
    """The ordinals ("the third round") the facts give each event."""
    out: dict[str, set[int]] = defaultdict(set)
    for f in facts:
        if f["kind"] == "ordinal":
            out[f["subject"]].add(int(f["n"]))
    return out


def written_date(fact: dict[str, Any]) -> tuple[str, ...] | None:
    """A date fact's written date as its parts (year, month, day as far as written), "X" where a part is unsaid.

    "XXXX-08-11" gives ("X", "08", "11"), "2013-04" gives ("2013", "04"); a fact of another kind,
    or a value that is no calendar date ("2025-W15", "PAST_REF"), gives None.  A range of dates
    gives its first day, which tells two events apart more often than the range would: a link
    is then missed, never made wrongly.
    """
    value = str(fact.get("value", ""))
    if fact.get("kind") != "date" or not _WRITTEN.fullmatch(value):
        return None
    return tuple("X" if "X" in part else part for part in value.split("-"))


def loose_fits(event: dict[str, Any], other: dict[str, Any], ordinals: dict[str, set[int]]) -> bool:
    """Whether a loose event may be another article's event: the same kind on the same named object, nothing apart.

    The same named object is the evidence (as in the linker's pass on named objects); other parties, another place,
    another role or ordinal of the other tell them apart.
    """
    if other["kind"] != event["kind"] or objects_fit(event, other) is not True or role(other) != "main":
        return False
    la, lb = event.get("location"), other.get("location")
    oa, ob = ordinals.get(event["id"], set()), ordinals.get(other["id"], set())
    return not ((la and lb and la != lb) or (oa and ob and not oa & ob) or parties_clash(event, other))
