import pytest

from factcheck.calendar import to_day
from factcheck.engine.solver import Outcome
from factcheck.engine.tlinks import RELATIONS, Interval, Link, LinkDoc, check_links

# For each relType, a relation that cannot hold together with it between the same pair.
CLASH = {
    "BEFORE": "AFTER",
    "AFTER": "BEFORE",
    "IBEFORE": "AFTER",
    "IAFTER": "BEFORE",
    "INCLUDES": "BEFORE",
    "IS_INCLUDED": "BEFORE",
    "DURING": "AFTER",
    "DURING_INV": "AFTER",
    "SIMULTANEOUS": "BEFORE",
    "IDENTITY": "AFTER",
    "BEGINS": "BEFORE",
    "BEGUN_BY": "AFTER",
    "ENDS": "AFTER",
    "ENDED_BY": "BEFORE",
    "OVERLAP": "BEFORE",
}


def doc(*links: tuple[str, str, str]) -> LinkDoc:
    ids = sorted({x for _, a, b in links for x in (a, b)})
    return LinkDoc("d", [Interval(i, i) for i in ids], [Link(f"l{n}", r, a, b) for n, (r, a, b) in enumerate(links)])


def test_every_reltype_is_mapped() -> None:
    assert set(CLASH) == set(RELATIONS)


@pytest.mark.parametrize("rel", sorted(RELATIONS))
def test_reltype_consistent(rel: str) -> None:
    # the relation itself, chained with an unrelated third interval, is satisfiable
    r = check_links(doc((rel, "e1", "e2"), ("BEFORE", "e2", "e3")), "links")
    assert r.outcome is Outcome.SAT


@pytest.mark.parametrize("rel", sorted(RELATIONS))
def test_reltype_inconsistent(rel: str) -> None:
    r = check_links(doc((rel, "e1", "e2"), (CLASH[rel], "e1", "e2"), ("BEFORE", "e2", "e3")), "links")
    assert r.outcome is Outcome.UNSAT
    assert r.conflicts == [("link:l0", "link:l1")]
    assert len(r.retract) == 1


def test_cycle_through_three_links_is_one_minimal_conflict() -> None:
    r = check_links(
        doc(("BEFORE", "a", "b"), ("BEFORE", "b", "c"), ("BEFORE", "c", "a"), ("INCLUDES", "a", "d")), "links"
    )
    assert r.conflicts == [("link:l0", "link:l1", "link:l2")]


def test_metric_mode_uses_timex_values() -> None:
    mar3 = to_day(__import__("datetime").date(1998, 3, 3))
    d = LinkDoc(
        "d",
        [
            Interval("e1", "met"),
            Interval("t1", "March 3", (mar3, mar3)),
            Interval("t2", "March 5", (mar3 + 2, mar3 + 2)),
        ],
        [Link("l1", "BEFORE", "e1", "t1"), Link("l2", "AFTER", "e1", "t2")],
    )
    assert check_links(d, "links").outcome is Outcome.SAT
    metric = check_links(d, "metric")
    assert metric.outcome is Outcome.UNSAT
    assert metric.conflicts == [("link:l1", "link:l2", "value:t1", "value:t2")]
    assert set(metric.retract) <= {"link:l1", "link:l2"}  # links weigh less than the text's dates


def test_unknown_reltype_is_skipped_and_named() -> None:
    r = check_links(doc(("SOMETIMES", "a", "b")), "links")
    assert r.outcome is Outcome.SAT and r.unknown_rels == ("l0",)


def test_consecutive_days_satisfy_strict_before() -> None:
    day = to_day(__import__("datetime").date(1998, 8, 7))
    d = LinkDoc(
        "d",
        [Interval("fri", "Friday", (day, day)), Interval("sat", "Saturday", (day + 1, day + 1))],
        [Link("l1", "BEFORE", "fri", "sat")],
    )
    assert check_links(d, "metric").outcome is Outcome.SAT
    d.links.append(Link("l2", "AFTER", "fri", "sat"))
    assert check_links(d, "metric").outcome is Outcome.UNSAT
