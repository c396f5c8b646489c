import datetime as dt
import random
import subprocess
import sys

import pytest

from factcheck.calendar import to_day
from factcheck.engine.options import SolveOptions
from factcheck.engine.solver import Outcome
from factcheck.engine.tlinks import RELATIONS, Interval, Link, LinkDoc, _consistent, check_links

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


def _random_doc(rng: random.Random, n: int) -> LinkDoc:
    ids = [f"e{i}" for i in range(n)]
    day = to_day(dt.date(1998, 3, 1))
    intervals = []
    for i in ids:
        start = day + rng.randrange(6)
        days = (start, start + rng.randrange(3)) if rng.random() < 0.4 else None
        intervals.append(Interval(i, i, days, None, rng.random() < 0.5))
    rels = [*sorted(RELATIONS), "NOT_A_RELTYPE"]
    links = [
        Link(f"l{k % (2 * n)}", rng.choice(rels), rng.choice([*ids, "e99"]), rng.choice(ids))
        for k in range(rng.randrange(1, 3 * n))
    ]
    return LinkDoc("d", intervals, links)


def test_the_difference_graph_decides_as_z3_does() -> None:
    # Random documents, with repeated link ids (a later one replaces an earlier one), unknown
    # relTypes, links to no interval and dated intervals: the solver-free answer is z3's.
    rng = random.Random(19)
    seen = set()
    for _ in range(60):
        d = _random_doc(rng, rng.randrange(2, 6))
        for mode in ("links", "metric"):
            fast, slow = check_links(d, mode), check_links(d, mode, SolveOptions(path="z3"))
            assert fast.outcome is slow.outcome, d
            assert _consistent(d, mode) is (slow.outcome is Outcome.SAT), d
            assert fast == slow if fast.outcome is Outcome.SAT else fast.conflicts == slow.conflicts
            seen.add(fast.outcome)
    assert seen == {Outcome.SAT, Outcome.UNSAT}


def test_a_consistent_document_is_decided_without_the_solver() -> None:
    code = (
        "import sys\n"
        "from factcheck.engine.tlinks import Interval, Link, LinkDoc, check_links\n"
        "d = LinkDoc('d', [Interval('a', 'a'), Interval('b', 'b', (1, 2))], [Link('l', 'BEFORE', 'a', 'b')])\n"
        "print(check_links(d, 'metric').outcome, 'z3' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["sat", "False"]
