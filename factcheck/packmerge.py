"""A user rule pack laid over a shipped one, generically: lists of rules by id, tables by key.

The merge works on the packs' plain data, before validation, so that it holds for any pack
format whose rules are lists of mappings with an ``id`` and whose tables are mappings.
"""

from __future__ import annotations

from typing import Any


def overlay(base: dict[str, Any], user: dict[str, Any]) -> dict[str, Any]:
    """``base`` with ``user`` laid over it.

    A list of rules (mappings with an ``id``) is merged by id: a user rule of a shipped id
    takes its place, a new id is added at the end.  A mapping is merged key by key, the
    user's entry winning.  Anything else is the user's.
    """
    out = dict(base)
    for key, value in user.items():
        mine = out.get(key)
        if isinstance(value, list) and isinstance(mine, list) and _rules(value) and _rules(mine):
            by_id = {r["id"]: i for i, r in enumerate(mine)}
            merged = list(mine)
            for rule in value:
                if rule["id"] in by_id:
                    merged[by_id[rule["id"]]] = rule
                else:
                    by_id[rule["id"]] = len(merged)
                    merged.append(rule)
            out[key] = merged
        elif isinstance(value, dict) and isinstance(mine, dict):
            out[key] = {**mine, **value}
        else:
            out[key] = value
    return out


def _rules(items: list[Any]) -> bool:
    return all(isinstance(r, dict) and isinstance(r.get("id"), str) for r in items)
