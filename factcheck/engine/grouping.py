"""Minimal conflicts grouped by what clashes: one finding per clash, not one per choice of mention.

An article that names one event many times ("arrived Monday", "Monday's talks", "the
negotiations began") yields a minimal conflict for every mention that can pin the event,
all of them the same clash.  Two minimal conflicts are one clash when they agree on their
*claims* — the facts about documents (page stamps, publication dates), facts without a
quote of their own, and the retracted facts — and differ only in *mentions*, facts whose
subject is an event; and when their mentions speak of a shared event, directly or through
other conflicts of the group, so that two clashes over unrelated events stay apart even
where the same retraction would mend both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from factcheck.facts.ids import fact_refs
from factcheck.model import Fact


@dataclass(frozen=True)
class ConflictGroup:
    """One clash: the minimal conflict shown, every minimal conflict it stands for, and the other mentions."""

    shown: tuple[str, ...]
    conflicts: tuple[tuple[str, ...], ...]
    also: tuple[str, ...]


def is_mention(fact: Fact | None) -> bool:
    """Whether a fact pins an event (its subject is an event), as opposed to a claim about a document."""
    if fact is None:
        return False
    refs = fact_refs(fact)
    return bool(refs) and not refs[0].doc


def _events(conflict: Sequence[str], facts: Mapping[str, Fact]) -> set[str]:
    out: set[str] = set()
    for fid in conflict:
        fact = facts.get(fid)
        if is_mention(fact):
            out |= {r.id for r in fact_refs(fact) if not r.doc}  # type: ignore[arg-type]
    return out


def group_conflicts(
    conflicts: Sequence[tuple[str, ...]], facts: Mapping[str, Fact], retract: Sequence[str]
) -> list[ConflictGroup]:
    """The conflicts of one component as clashes, in a deterministic order (by the conflict shown)."""
    retracted = set(retract)
    by_claims: dict[frozenset[str], list[int]] = {}
    for i, c in enumerate(conflicts):
        claims = frozenset(f for f in c if f in retracted or not is_mention(facts.get(f)))
        by_claims.setdefault(claims, []).append(i)
    parent = list(range(len(conflicts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for members in by_claims.values():
        seen: dict[str, int] = {}
        for i in members:
            for ev in sorted(_events(conflicts[i], facts)):
                if ev in seen:
                    parent[find(i)] = find(seen[ev])
                else:
                    seen[ev] = i
    clusters: dict[int, list[tuple[str, ...]]] = {}
    for i, c in enumerate(conflicts):
        clusters.setdefault(find(i), []).append(c)
    groups = []
    for cluster in clusters.values():
        ordered = tuple(sorted(set(cluster), key=lambda c: (len(c), c)))
        shown = ordered[0]
        rest = sorted({f for c in ordered[1:] for f in c} - set(shown))
        groups.append(ConflictGroup(shown=shown, conflicts=tuple(sorted(ordered)), also=tuple(rest)))
    return sorted(groups, key=lambda g: g.shown)
