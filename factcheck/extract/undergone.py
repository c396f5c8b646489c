"""The person a bare mention of an event done to someone is about, from the rest of its article.

"Lena Hoff was convicted of fraud on May 2 ... The judge said the sentencing would take
place on June 9": the sentencing names no one (its clause's subject is the event noun
itself), but a court reporter's reader knows whose it is: the one person the article's
events of kinds done to a person (:attr:`factcheck.extract.rules.EventKind.undergone`) are
done to.  With two such persons named ("Hoff and her co-defendant Lind were convicted"),
or none, the bare mention is left as it is: a guess would link it to the wrong person's.
So is a proceeding named with a singular pronoun for its party ("his 2019 trial"): it is of
that one person, counting those the article's trials are of (:mod:`factcheck.extract.stood`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from factcheck.extract.extraction import event_role
from factcheck.extract.places import one_name


def _is_person_name(theme: str) -> bool:
    """A theme written as a name of two words or more, capitalised, no digit: "Lena Hoff", not "fraud charge"."""
    words = theme.split()
    return len(words) >= 2 and all(w[:1].isupper() and not any(c.isdigit() for c in w) for w in words)


def _bare(event: dict[str, Any]) -> bool:
    """An event of the article's own telling that names no party, object or place."""
    named = event.get("participants") or event.get("theme") or event.get("location")
    return event_role(event) == "main" and not named


def _named_people(themes: Iterable[tuple[str, str]], kinds: Collection[str]) -> set[str]:
    """The persons' names among the themes of mentions of the given kinds."""
    return {theme for kind, theme in themes if kind in kinds and _is_person_name(theme)}


def lend_undergoer(events: Collection[dict[str, Any]], told: Iterable[tuple[str, str]], kinds: Collection[str]) -> None:
    """Give each bare event of the given kinds the one person the article's mentions of those kinds are done to.

    ``events`` are one article's extracted events (changed in place); ``told`` the (kind, theme)
    of each of its mentions, as the parse reads them (two mentions may be one event whose theme
    is the first's); ``kinds`` the kinds done to a person.
    """
    people = _named_people(told, kinds)
    if len(people) != 1:
        return
    (person,) = people
    for ev in events:
        if ev["kind"] in kinds and _bare(ev):
            ev["theme"] = person


def one_person(themes: Iterable[tuple[str, str]], kinds: Collection[str], parties: Iterable[str]) -> str | None:
    """The one person an article's court mentions name, or None for two or none.

    ``themes``: the (kind, theme) of each mention, a person's name counting for the given
    ``kinds`` (those done to a person); ``parties``: the persons its proceedings are of
    (:mod:`factcheck.extract.stood`).  A short form counts as the full name ("Hoff", "Lena Hoff").
    """
    return one_name(_named_people(themes, kinds) | set(parties))


def lend_pronoun_party(events: dict[str, dict[str, Any]], keys: Iterable[str], person: str | None) -> None:
    """Give each event named with a singular pronoun for its party ("his 2019 trial") the article's one person.

    ``keys``: the events so named (changed in place, where they name no party of their own).
    """
    if person is None:
        return
    for key in keys:
        ev = events.get(key)
        if ev is not None and not ev.get("participants"):
            ev["participants"] = [person]
