"""Merging linked events in a story's fact-set document: one event for each set of linked mentions."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any


def apply_renames(
    data: dict[str, Any], rename: Mapping[str, str], series: Mapping[str, str], drop: Collection[str] = ()
) -> dict[str, Any]:
    """A fact-set document with events merged, every reference renamed, and the events in ``drop`` left out.

    Only events no fact names are dropped (loose events: :func:`factcheck.auditing.link.is_loose`).
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
