"""What the article reader yields for one article, and the compact form its facts are compared in."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Extraction:
    """What one article yields: its document entry, events and facts (plain dicts, as a fact set writes them)."""

    doc_id: str
    document: dict[str, Any]
    events: list[dict[str, Any]] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)
    boilerplate: list[tuple[int, int, str, str]] = field(default_factory=list)  # start, end, kind, rule

    def summaries(self) -> list[str]:
        """Every fact in a compact, comparable form (used by rule examples, tests and benchmarks)."""
        kinds = {e["id"]: e["kind"] + ("-previous" if event_role(e) == "previous" else "") for e in self.events}
        return sorted(summarize(f, kinds) for f in self.facts)


def event_role(event: dict[str, Any]) -> str:
    """The part an event plays in its article (``main``, ``previous``, ``next``, ``elsewhere``)."""
    return str((event.get("arguments") or {}).get("role", "main"))


def _ref_name(ref: str, kinds: dict[str, str]) -> str:
    if ref.startswith("doc:"):
        return "doc:" + ref.rsplit(".", 1)[-1]
    return kinds.get(ref, ref)


def summarize(f: dict[str, Any], kinds: dict[str, str]) -> str:
    """A fact as a short string: ``on talks XXXX-02-27``, ``offset talks attack after P1D``."""
    k = f["kind"]
    if k == "date":
        subj = f["subject"]
        if subj.startswith("doc:"):
            return f"{subj.rsplit('.', 1)[-1]}_after {f['value']}"
        rel = f.get("relation") or "on"
        value = str(f["value"]) + (f"..{f['until']}" if f.get("until") else "")
        return " ".join(x for x in (rel, kinds.get(subj, subj), value, f.get("mod") or "") if x)
    if k == "relative":
        subj = kinds.get(f["subject"], f["subject"])
        e = f["expression"]
        if e == "tense":
            return f"{f['tense']} {subj}"
        if e == "weekday":
            return f"on {subj} weekday:{f['value']}:{f['tense']}"
        extra = f":{f['amount']}{f['unit']}" if f.get("amount") is not None else ""
        return f"on {subj} {e}{extra}"
    if k == "order":
        a, b = _ref_name(f["subject"], kinds), _ref_name(f["anchor"], kinds)
        if a.startswith("doc:"):
            return f"after {a} {b}" if f["relation"] in ("not_before", "after") else f"before {a} {b}"
        if f.get("days") is not None:
            lo, hi = f["days"]
            return f"offset {a} {b} {f['relation']} {lo}..{hi}"
        return f"order {a} {b} {f['relation']}"
    if k == "ordinal":
        return f"ordinal {kinds.get(f['subject'], f['subject'])} {f['n']}"
    if k == "last_before":
        return f"last_before {kinds.get(f['subject'], f['subject'])} {kinds.get(f['anchor'], f['anchor'])}"
    if k == "first_since":
        return f"first_since {kinds.get(f['subject'], f['subject'])} {f.get('since_value') or f.get('since')}"
    if k == "duration":
        return f"duration {_ref_name(f['subject'], kinds)} {f['mod']} {f['length']}"
    if k == "page_stamp":
        return f"page_stamp {f['amount']} {f['unit']}"
    return str(k)
