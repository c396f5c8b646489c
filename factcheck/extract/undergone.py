"""The person a bare mention of an event done to someone is about, from the rest of its article.

"Lena Hoff was convicted of fraud on May 2 ... The judge said the sentencing would take
place on June 9": the sentencing names no one (its clause's subject is the event noun
itself), but a court reporter's reader knows whose it is: the one person the article's
events of kinds done to a person (:attr:`factcheck.extract.rules.EventKind.undergone`) are
done to.  With two such persons named ("Hoff and her co-defendant Lind were convicted"),
or none, the bare mention is left as it is: a guess would link it to the wrong person's.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any


def _is_person_name(theme: str) -> bool:
    """A theme written as a name of two words or more, capitalised, no digit: "Lena Hoff", not "fraud charge"."""
    words = theme.split()
    return len(words) >= 2 and all(w[:1].isupper() and not any(c.isdigit() for c in w) for w in words)


def _bare(event: dict[str, Any]) -> bool:
    """An event of the article's own telling that names no party, object or place."""
    role = (event.get("arguments") or {}).get("role", "main")
    return role == "main" and not (event.get("participants") or event.get("theme") or event.get("location"))


def lend_undergoer(events: Collection[dict[str, Any]], told: Iterable[tuple[str, str]], kinds: Collection[str]) -> None:
    """Give each bare event of the given kinds the one person the article's mentions of those kinds are done to.

    ``events`` are one article's extracted events (changed in place); ``told`` the (kind, theme)
    of each of its mentions, as the parse reads them (two mentions may be one event whose theme
    is the first's); ``kinds`` the kinds done to a person.
    """
    people = {theme for kind, theme in told if kind in kinds and _is_person_name(theme)}
    if len(people) != 1:
        return
    (person,) = people
    for ev in events:
        if ev["kind"] in kinds and _bare(ev):
            ev["theme"] = person
