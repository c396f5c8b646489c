"""The constraint IR: its one relation mapping and its difference edges mean what the relations say."""

from __future__ import annotations

import itertools

import pytest

from factcheck.engine.ir import RELATIONS, Compare, CountBefore, NotBetween, Window, relation_bounds

MEANS = {
    "on": lambda lo, hi, first, last: first <= lo and hi <= last,
    "not_before": lambda lo, hi, first, last: first <= lo,
    "not_after": lambda lo, hi, first, last: hi <= last,
    "before": lambda lo, hi, first, last: hi < first,
    "after": lambda lo, hi, first, last: lo > last,
}


def _holds(edges: list[tuple[str, str, int]], at: dict[str, int]) -> bool:
    return all(at[v] - at[u] <= c for u, v, c in edges)


@pytest.mark.parametrize("relation", RELATIONS)
def test_relation_edges_hold_exactly_where_the_relation_does(relation: str) -> None:
    first, last = 3, 5
    for lo, hi in itertools.product(range(0, 9), repeat=2):
        if lo > hi:
            continue
        cmp = relation_bounds(relation, "lo", "hi", first, last)
        edges = [e for a, op, b in cmp for e in Compare(a, op, b).edges()]
        assert _holds(edges, {"0": 0, "lo": lo, "hi": hi}) == MEANS[relation](lo, hi, first, last), (lo, hi)


def test_comparisons_between_variables_and_days() -> None:
    for x, y in itertools.product(range(-3, 4), repeat=2):
        at = {"0": 0, "x": x, "y": y}
        assert _holds(Compare("x", "<", "y").edges(), at) == (x < y)
        assert _holds(Compare("x", ">=", "y").edges(), at) == (x >= y)
        assert _holds(Compare("x", ">", 1).edges(), at) == (x > 1)
        assert _holds(Compare(-2, "<=", "y").edges(), at) == (-2 <= y)
        assert _holds(Window("x", "y", -1, 2).edges(), at) == (-1 <= x - y <= 2)
        assert _holds(Window("x", "y", None, 0).edges(), at) == (x - y <= 0)


def test_counts_and_gaps_are_edges_only_where_they_are_plain_differences() -> None:
    # none before: the subject at or before every other's end; all before: strictly after them
    assert CountBefore("s", ("a", "b"), 1).edges() == [("a", "s", 0), ("b", "s", 0)]
    assert CountBefore("s", ("a", "b"), 3).edges() == [("s", "a", -1), ("s", "b", -1)]
    assert CountBefore("s", ("a", "b"), 2).edges() is None  # one of two: a choice, not a conjunction
    gap = NotBetween("d", "x", (("m", "m"),))
    assert gap.alternatives() == [[[("d", "m", 0)], [("m", "x", 0)]]]
    assert NotBetween(7, "x", (("m.s", "m.e"),)).alternatives() == [[[("0", "m.s", 7)], [("m.e", "x", 0)]]]
