"""Budgets, not wall clocks, decide where the solver stops; what it stops on is inconclusive (FC301), never complete.

The same component under a tiny and a huge wall-clock backstop gives byte-identical reports
when the resource budget is what stops it; a story's budget is spent component by
component in order, so the report does not depend on the number of workers.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from factcheck.diagnostics import render
from factcheck.model import FactSet, FactSetFile, Status
from factcheck.runtime.check import CheckOptions, check

AS_OF = dt.date(2026, 11, 22)


def factset(data: dict[str, Any]) -> FactSet:
    f = FactSetFile.model_validate({"version": 1, **data})
    return FactSet(documents=f.documents, events=f.events, facts=f.facts)


def yearless_clash(doc: str = "d0", event: str = "e0") -> dict[str, Any]:
    """One event given five dates, four of them without a year: ten minimal conflicts, costly for z3."""
    values = ["2025-05-04", "XXXX-03-01", "XXXX-03-17", "XXXX-03-02", "XXXX-04-08"]
    return {
        "documents": [{"id": doc, "published": {"earliest": "2025-03-01", "latest": "2025-03-04"}}],
        "events": [{"id": event, "label": event}],
        "facts": [
            {
                "id": f"{event}-f{i}",
                "kind": "date",
                "subject": event,
                "value": v,
                "weight": 0.5,
                **({"doc": doc} if v.startswith("XXXX") else {}),
            }
            for i, v in enumerate(values)
        ],
    }


def z3_options(**kw: Any) -> CheckOptions:
    return CheckOptions(as_of=AS_OF, path="z3", **kw)


def test_a_tiny_and_a_huge_wall_clock_backstop_give_the_same_bytes_when_the_budget_stops_the_solver() -> None:
    fs = factset(yearless_clash())
    tiny = check(fs, z3_options(component_budget=400_000, timeout_ms=5_000)).model_dump_json()
    huge = check(fs, z3_options(component_budget=400_000, timeout_ms=10**9)).model_dump_json()
    assert tiny == huge
    report = check(fs, z3_options(component_budget=400_000))
    kinds = [f.kind for f in report.findings]
    # the contradiction was proved before the budget ran out, and stands; the rest is inconclusive
    assert report.status is Status.CONTRADICTION and "contradiction" in kinds
    partial = [f for f in report.findings if f.code == "FC301"]
    assert len(partial) == 1 and "resource budget spent" in render(partial[0])
    assert "cannot all be true" in render(partial[0])
    assert report.stats.get("conflict_enumeration_truncated") == 1


def test_a_budget_spent_before_the_first_answer_leaves_the_component_inconclusive() -> None:
    report = check(factset(yearless_clash()), z3_options(component_budget=1_000))
    assert report.status is Status.INCONCLUSIVE
    assert [f.code for f in report.findings if f.kind != "gap"] == ["FC301"]
    assert report.stats["components_unknown"] == 1


def test_an_unknown_while_computing_ranges_is_inconclusive_never_consistent() -> None:
    data = yearless_clash()
    data["facts"] = data["facts"][1:2]  # one year-less date alone: consistent, its range costs probes
    full = check(factset(data), z3_options(component_budget=0))
    assert full.status is Status.CONSISTENT
    cut = check(factset(data), z3_options(component_budget=full_units(data) // 2))
    assert cut.status is Status.INCONCLUSIVE
    assert any("can all be true" in render(f) for f in cut.findings if f.code == "FC301")


def full_units(data: dict[str, Any]) -> int:
    from factcheck.calendar import to_day
    from factcheck.engine.components import split
    from factcheck.engine.diagnose import SolveOptions, solve_component
    from factcheck.policy import load_policy

    (comp,) = split(factset(data))
    r = solve_component(0, comp, load_policy(), to_day(AS_OF), SolveOptions(path="z3", budget=0))
    return r.units


def test_a_story_budget_is_spent_in_component_order_whatever_the_workers() -> None:
    parts = [yearless_clash(f"d{i}", f"e{i}") for i in range(3)]
    data = {k: [x for p in parts for x in p[k]] for k in ("documents", "events", "facts")}
    fs = factset(data)
    one = full_units(parts[0])
    # enough for the first component whole, not for the second
    opts = {"component_budget": 0, "story_budget": one + one // 2}
    serial = check(fs, z3_options(**opts, jobs=1))
    parallel = check(fs, z3_options(**opts, jobs=2))
    assert serial.model_dump_json() == parallel.model_dump_json()
    inconclusive = {f.component for f in serial.findings if f.code == "FC301"}
    assert inconclusive == {1, 2}
    assert serial.stats["components_unknown"] == 1  # the third got nothing at all; the second proved its clash
    assert {f.component for f in serial.findings if f.kind == "contradiction"} == {0, 1}


def test_the_cheap_paths_decide_what_needs_no_search() -> None:
    paths: Counter[str] = Counter()
    check(factset(yearless_clash()), CheckOptions(as_of=AS_OF, max_conflicts=20), paths=paths)  # the exact path, no z3
    data = {"documents": [], "events": [{"id": "a", "label": "a"}, {"id": "b", "label": "b"}],
            "facts": [{"id": "o", "kind": "order", "subject": "a", "relation": "before", "anchor": "b"}]}  # fmt: skip
    check(factset(data), CheckOptions(as_of=AS_OF), paths=paths)
    assert paths == {"exact": 1, "bellman-ford": 1}
