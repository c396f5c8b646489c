"""The three decision paths agree: Bellman-Ford, the exact z3-free path and z3 (MARCO and MaxSAT), each forced in turn.

Generated fact sets, consistent or not, go through every path that applies to them; all
must give the same status, the same set of minimal conflicts, a cheapest retraction of the
same cost, and the same range for every variable.  Cases are small so that z3 decides
each in a fraction of a second.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from factcheck.calendar import WEEKDAYS, from_day, to_day
from factcheck.engine.components import split
from factcheck.engine.diagnose import ComponentResult, DecisionPath, PathNotApplicable, SolveOptions, solve_component
from factcheck.engine.solver import Outcome
from factcheck.model import FactSet, FactSetFile
from factcheck.policy import load_policy
from factcheck.runtime.check import CheckOptions, check

AS_OF = dt.date(2026, 11, 22)
POLICY = load_policy()
BASE = to_day(dt.date(2025, 3, 1))
OPTS: dict[str, Any] = {"max_conflicts": 50, "budget": 0, "pendants": False}
"""No budget: the paths are compared on their answers, not on where a budget cuts them.  (z3 is
slow on year-less dates, seconds for a handful, so cases hold at most two of them.)  Every fact
is solved, pendant or not: the paths are compared on the whole problem (tests/engine/test_pendant.py
compares leaving pendant facts out with solving them)."""


@st.composite
def fact_sets(draw: st.DrawFn, *, calendar: bool, series: bool = False) -> dict[str, Any]:
    """Up to four events and one document; differences of days, and with ``calendar`` weekdays and year-less dates.

    With ``series``, some events are rounds of one series, and "the last ... before" and
    "the first ... since" facts say that no other round lies between two times.
    """
    n_events = draw(st.integers(2, 4))
    events = [f"e{i}" for i in range(n_events)]
    published = BASE + draw(st.integers(0, 60))
    facts: list[dict[str, Any]] = []
    kinds = ["date", "order", "duration"] + (["weekday", "yearless"] if calendar else [])
    rounds = [e for e in events if draw(st.booleans())] if series else []
    if series:
        kinds += ["last_before", "first_since", "first_since_value"]
    for i in range(draw(st.integers(1, 7))):
        kind = draw(st.sampled_from(kinds))
        e = draw(st.sampled_from(events))
        day = BASE + draw(st.integers(-20, 80))
        fact: dict[str, Any] = {"id": f"f{i}", "weight": draw(st.sampled_from([0.5, 0.9, 1.0]))}
        if kind == "date":
            rel = draw(st.sampled_from(["on", "not_before", "not_after", "before", "after"]))
            fact |= {"kind": "date", "subject": e, "value": from_day(day).isoformat(), "relation": rel}
        elif kind == "order":
            a = draw(st.sampled_from([x for x in events if x != e]))
            rel = draw(st.sampled_from(["before", "after", "same_day", "not_before", "not_after"]))
            fact |= {"kind": "order", "subject": e, "relation": rel, "anchor": a}
            if rel in ("before", "after") and draw(st.booleans()):
                lo = draw(st.integers(1, 30))
                fact["days"] = [lo, lo + draw(st.integers(0, 10))]
        elif kind == "duration":
            a = draw(st.sampled_from([x for x in events if x != e]))
            fact |= {"kind": "duration", "subject": e, "until": a, "length": f"P{draw(st.integers(1, 40))}D"}
        elif kind == "weekday":
            fact |= {"kind": "date", "subject": e, "value": draw(st.sampled_from(WEEKDAYS)).title()}
        elif kind == "yearless":
            d = from_day(day)
            fact |= {"kind": "date", "subject": e, "value": f"XXXX-{d.month:02d}-{d.day:02d}", "doc": "d0"}
        elif kind == "last_before":
            a = draw(st.sampled_from([x for x in events if x != e]))
            fact |= {"kind": "last_before", "subject": e, "anchor": a, "series": "r"}
        elif kind == "first_since":
            a = draw(st.sampled_from([x for x in events if x != e]))
            fact |= {"kind": "first_since", "subject": e, "since": {"id": a}, "series": "r"}
        elif kind == "first_since_value":
            fact |= {"kind": "first_since", "subject": e, "since_value": from_day(day).isoformat()[:7], "series": "r"}
        facts.append(fact)
    assume(sum(1 for f in facts if str(f.get("value", "")).startswith("XXXX")) <= 2)
    window = draw(st.integers(0, 15))
    doc = {"id": "d0", "published": {"earliest": from_day(published).isoformat(),
                                     "latest": from_day(published + window).isoformat()}}  # fmt: skip
    evs = [{"id": e, "label": e} | ({"series": "r"} if e in rounds else {}) for e in events]
    return {"documents": [doc], "events": evs, "facts": facts}


def factset(data: dict[str, Any]) -> FactSet:
    f = FactSetFile.model_validate({"version": 1, **data})
    return FactSet(documents=f.documents, events=f.events, facts=f.facts)


def solve(fs: FactSet, path: DecisionPath) -> list[ComponentResult] | None:
    """Every component's result on a forced path; None when the path does not apply to some component."""
    out = []
    for i, comp in enumerate(split(fs)):
        try:
            out.append(solve_component(i, comp, POLICY, to_day(AS_OF), SolveOptions(path=path, **OPTS)))
        except PathNotApplicable:
            return None
    return out


def summary(results: list[ComponentResult], weights: dict[str, float]) -> list[tuple[Any, ...]]:
    """What the paths must agree on, component by component."""
    out = []
    for r in results:
        assert not r.reason, r.reason  # no path gave up: small cases are decided completely
        assert r.conflicts_complete
        cost = round(sum(weights[f] for f in r.retract), 6)
        out.append((r.outcome, frozenset(r.conflicts), cost, dict(sorted(r.ranges.items()))))
    return out


def agree(data: dict[str, Any], paths: tuple[DecisionPath, ...]) -> dict[DecisionPath, list[tuple[Any, ...]]]:
    fs = factset(data)
    weights = {f.id: f.weight for f in fs.facts}
    got = {}
    for path in paths:
        results = solve(fs, path)
        if results is not None:
            got[path] = summary(results, weights)
    assert "z3" in got
    reference = got["z3"]
    for path, s in got.items():
        assert s == reference, (path, data)
    return got


PROFILE = settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


@PROFILE
@given(fact_sets(calendar=False))
def test_difference_constraints_agree_on_bellman_ford_exact_and_z3(data: dict[str, Any]) -> None:
    got = agree(data, ("bellman-ford", "exact", "z3"))
    assert "bellman-ford" in got and "exact" in got  # differences alone: every path applies


@PROFILE
@given(fact_sets(calendar=True))
def test_weekdays_and_yearless_dates_agree_on_exact_and_z3(data: dict[str, Any]) -> None:
    agree(data, ("bellman-ford", "exact", "z3"))


@PROFILE
@given(fact_sets(calendar=True, series=True))
def test_no_round_between_agrees_on_exact_and_z3(data: dict[str, Any]) -> None:
    # "no other round between them" is a choice between two differences for each round
    got = agree(data, ("exact", "z3"))
    between = {"last_before", "first_since"} & {f["kind"] for f in data["facts"]}
    if between and len({e["id"] for e in data["events"] if e.get("series")}) > 2:
        assert "exact" in got


def test_the_reports_of_the_forced_paths_are_the_same_bytes() -> None:
    # one inconsistent story of each kind: the whole report, not only the engine's results
    data = {
        "documents": [{"id": "d0", "published": {"earliest": "2025-03-10", "latest": "2025-03-12"}}],
        "events": [{"id": e, "label": e} for e in ("talks", "vote", "poll")],
        "facts": [
            {"id": "a", "kind": "date", "subject": "talks", "value": "XXXX-03-04", "doc": "d0"},
            {"id": "b", "kind": "date", "subject": "talks", "value": "Wednesday"},
            {"id": "c", "kind": "order", "subject": "vote", "relation": "after", "anchor": "talks", "days": 3},
            {"id": "d", "kind": "date", "subject": "vote", "value": "2025-03-06", "weight": 0.5},
            {"id": "e", "kind": "order", "subject": "poll", "relation": "before", "anchor": "vote"},
        ],
    }
    reports = {p: check(factset(data), CheckOptions(as_of=AS_OF, path=p)).model_dump_json() for p in ("exact", "z3")}
    assert reports["exact"] == reports["z3"]
    assert '"status":"contradiction"' in reports["z3"]


def test_a_forced_path_that_does_not_apply_says_so() -> None:
    data = {"documents": [], "events": [{"id": "x", "label": "x"}],
            "facts": [{"id": "a", "kind": "date", "subject": "x", "value": "Monday"}]}  # fmt: skip
    with pytest.raises(PathNotApplicable):
        check(factset(data), CheckOptions(as_of=AS_OF, path="bellman-ford"))
    assert check(factset(data), CheckOptions(as_of=AS_OF, path="z3")).status.value == "consistent"
    exact = solve(factset(data), "exact")
    assert exact is not None and [r.outcome for r in exact] == [Outcome.SAT]
