"""Minimal conflicts grouped by what clashes: mentions of one event merge, unrelated clashes stay apart."""

from __future__ import annotations

from typing import Any

from factcheck.engine.grouping import group_conflicts, is_mention
from tests.engine.helpers import factset, run


def _data(*, claim_weight: float) -> dict[str, Any]:
    # One document claim (its publication date) against two events, each dated after it:
    # the summit by two interchangeable mentions, the visit by one.
    return {
        "documents": [{"id": "d"}],
        "events": [{"id": "summit", "label": "summit"}, {"id": "visit", "label": "visit"}],
        "facts": [
            {"id": "c1", "kind": "date", "subject": "doc:d.published", "value": "2025-03-01", "weight": claim_weight},
            {"id": "m1", "kind": "date", "subject": "summit", "value": "2025-03-05", "weight": 5},
            {"id": "m2", "kind": "date", "subject": "summit", "value": "2025-03-05", "weight": 5},
            {"id": "m3", "kind": "order", "subject": "summit", "relation": "before", "anchor": "doc:d.published",
             "weight": 5},
            {"id": "m4", "kind": "date", "subject": "visit", "value": "2025-03-07", "weight": 5},
            {"id": "m5", "kind": "order", "subject": "visit", "relation": "before", "anchor": "doc:d.published",
             "weight": 5},
        ],
    }  # fmt: skip


def _contradictions(claim_weight: float) -> list[Any]:
    report = run(_data(claim_weight=claim_weight))
    return [f for f in report.findings if f.kind == "contradiction"]


def test_a_document_claim_is_no_mention_and_an_event_date_is() -> None:
    facts = {f.id: f for f in factset(_data(claim_weight=1)).facts}
    assert not is_mention(facts["c1"])
    assert is_mention(facts["m1"]) and is_mention(facts["m3"])


def test_mentions_of_one_event_are_one_finding_and_unrelated_events_stay_apart() -> None:
    found = _contradictions(claim_weight=0.5)  # c1 is the cheapest retraction of all three conflicts
    assert len(found) == 2
    summit = next(f for f in found if "m3" in f.facts)
    visit = next(f for f in found if "m5" in f.facts)
    assert sorted(summit.conflicts) == [("c1", "m1", "m3"), ("c1", "m2", "m3")]
    assert summit.facts == ("c1", "m1", "m3")
    assert [s.fact for s in summit.also] == ["m2"]
    assert visit.conflicts == (("c1", "m4", "m5"),) and visit.also == ()
    assert summit.retract == visit.retract == ("c1",)


def test_every_minimal_set_under_a_finding_holds_its_retraction() -> None:
    # With the document claim dear, the retraction is made of mentions, which then count as
    # claims: sets that retract different facts are never one finding.
    data = _data(claim_weight=50)
    data["facts"][1]["weight"] = 1  # m1 cheap: the summit's retraction is m1 for one set, m3 for the other
    found = [f for f in run(data).findings if f.kind == "contradiction"]
    for f in found:
        for c in f.conflicts:
            assert set(f.retract) & set(c), "every minimal set under a finding holds its retraction"
    assert sum(len(f.conflicts) for f in found) == 3


def test_grouping_is_independent_of_the_order_of_conflicts() -> None:
    facts = {f.id: f for f in factset(_data(claim_weight=1)).facts}
    cs = [("c1", "m1", "m3"), ("c1", "m4", "m5"), ("c1", "m2", "m3")]
    a = group_conflicts(cs, facts, ["c1"])
    b = group_conflicts(list(reversed(cs)), facts, ["c1"])
    assert a == b and len(a) == 2
