import datetime as dt

import pytest

from factcheck.model import Status
from tests.engine.helpers import conflicts, doc_rng, rng, run

D = dt.date


def ev(*ids: str, series: str | None = None) -> list[dict[str, object]]:
    return [{"id": i, "label": i, **({"series": series} if series else {})} for i in ids]


def test_weekday_and_yearless_date_pin_the_year() -> None:
    # Tuesday + Feb. 18 + after 2022 => 2025, with no past/future guess.
    r = run(
        {
            "events": ev("m"),
            "facts": [
                {"id": "a", "kind": "date", "subject": "m", "value": "XXXX-02-18"},
                {"id": "b", "kind": "date", "subject": "m", "value": "Tuesday"},
                {"id": "c", "kind": "date", "subject": "m", "value": "2022", "relation": "after"},
                {"id": "d", "kind": "date", "subject": "m", "value": "2026-11-22", "relation": "before"},
            ],
        }
    )
    assert r.status is Status.CONSISTENT
    assert rng(r, "m") == (D(2025, 2, 18), D(2025, 2, 18))


def test_creation_time_from_said_tuesday_and_will_thursday() -> None:
    r = run(
        {
            "documents": [{"id": "A"}],
            "events": ev("talks", "said"),
            "facts": [
                {"id": "t", "kind": "date", "subject": "talks", "value": "2025-04-10"},
                {
                    "id": "w",
                    "kind": "relative",
                    "subject": "talks",
                    "expression": "weekday",
                    "value": "Thursday",
                    "tense": "future",
                    "doc": "A",
                },
                {
                    "id": "s",
                    "kind": "relative",
                    "subject": "said",
                    "expression": "weekday",
                    "value": "Tuesday",
                    "tense": "past",
                    "doc": "A",
                },
                # reported speech: the Thursday is the one after the Tuesday it was announced on
                {
                    "id": "o",
                    "kind": "relative",
                    "subject": "talks",
                    "expression": "weekday",
                    "value": "Thursday",
                    "tense": "future",
                    "anchor": "said",
                },
            ],
        }
    )
    assert r.status is Status.CONSISTENT
    assert doc_rng(r, "A") == (D(2025, 4, 8), D(2025, 4, 9))
    assert rng(r, "said") == (D(2025, 4, 8), D(2025, 4, 8))


@pytest.mark.parametrize(
    ("relation", "days", "ok"),
    [
        ("after", 1, True),
        ("after", 2, False),
        ("before", None, False),
        ("after", [1, 7], True),
        ("same_day", None, False),
        ("not_before", None, True),
    ],
)
def test_order_offsets(relation: str, days: object, ok: bool) -> None:
    fact = {"id": "o", "kind": "order", "subject": "b", "relation": relation, "anchor": "a"}
    if days is not None:
        fact["days"] = days
    r = run(
        {
            "events": ev("a", "b"),
            "facts": [
                {"id": "da", "kind": "date", "subject": "a", "value": "2025-06-01"},
                {"id": "db", "kind": "date", "subject": "b", "value": "2025-06-02"},
                fact,
            ],
        }
    )
    assert (r.status is Status.CONSISTENT) == ok
    if not ok:
        assert conflicts(r) == [("da", "db", "o")]


def test_ordinal_counts_earlier_rounds_and_adds_a_placeholder() -> None:
    base = {
        "events": ev("r2", series="s"),
        "facts": [
            {"id": "o", "kind": "ordinal", "subject": "r2", "n": 2},
            {"id": "d", "kind": "date", "subject": "r2", "value": "2025-06-02"},
        ],
    }
    r = run(base)
    assert r.status is Status.CONSISTENT
    assert any(f.code == "FC202" for f in r.findings)
    assert any(e.implicit for e in r.events)
    # two dated earlier rounds contradict "second round"
    bad = {
        "events": ev("r0", "r1", "r2", series="s"),
        "facts": [
            {"id": "o", "kind": "ordinal", "subject": "r2", "n": 2},
            {"id": "d0", "kind": "date", "subject": "r0", "value": "2025-05-01"},
            {"id": "d1", "kind": "date", "subject": "r1", "value": "2025-05-16"},
            {"id": "d2", "kind": "date", "subject": "r2", "value": "2025-06-02"},
        ],
    }
    assert conflicts(run(bad)) == [("d0", "d1", "d2", "o")]


def test_last_before_forbids_a_member_in_between() -> None:
    data = {
        "events": ev("r1", "mid", "r2", series="s"),
        "facts": [
            {"id": "l", "kind": "last_before", "subject": "r1", "anchor": "r2"},
            {"id": "d1", "kind": "date", "subject": "r1", "value": "2025-02-27"},
            {"id": "dm", "kind": "date", "subject": "mid", "value": "2025-03-15"},
            {"id": "d2", "kind": "date", "subject": "r2", "value": "2025-04-10"},
        ],
    }
    assert conflicts(run(data)) == [("d1", "d2", "dm", "l")]


def test_first_since_value() -> None:
    data = {
        "events": ev("a", "b", series="s"),
        "facts": [
            {"id": "f", "kind": "first_since", "subject": "b", "since_value": "2022"},
            {"id": "da", "kind": "date", "subject": "a", "value": "2023-05"},
            {"id": "db", "kind": "date", "subject": "b", "value": "2025-05-16"},
        ],
    }
    assert conflicts(run(data)) == [("da", "db", "f")]


def test_duration_and_page_stamp() -> None:
    data = {
        "documents": [{"id": "A", "retrieved": "2025-09-01"}],
        "events": ev("inv", "now"),
        "facts": [
            {"id": "i", "kind": "date", "subject": "inv", "value": "2022-02-24"},
            {
                "id": "d",
                "kind": "duration",
                "subject": "inv",
                "until": "doc:A.published",
                "length": "P3Y",
                "mod": "MORE_THAN",
            },
            {"id": "p", "kind": "page_stamp", "doc": "A", "amount": 3, "unit": "month"},
        ],
    }
    r = run(data)
    assert r.status is Status.CONSISTENT
    lo, hi = doc_rng(r, "A")
    assert lo is not None and hi is not None and D(2025, 2, 24) <= lo and hi <= D(2025, 6, 17)
    data["documents"] = [{"id": "A", "retrieved": "2025-03-01"}]
    assert conflicts(run(data)) == [("d", "i", "p")]


def test_yearless_date_follows_ap_style() -> None:
    data = {
        "documents": [{"id": "A", "published": "2025-04-08"}],
        "events": ev("m"),
        "facts": [{"id": "y", "kind": "date", "subject": "m", "value": "XXXX-02-27", "doc": "A"}],
    }
    assert rng(run(data), "m") == (D(2025, 2, 27), D(2025, 2, 27))
    data["documents"] = [{"id": "A", "published": "2025-01-03"}]
    data["facts"] = [{"id": "y", "kind": "date", "subject": "m", "value": "XXXX-12-30", "doc": "A"}]
    assert rng(run(data), "m") == (D(2024, 12, 30), D(2025, 12, 30))


def test_all_minimal_conflicts_are_enumerated_and_retraction_is_cheapest() -> None:
    data = {
        "events": ev("a"),
        "facts": [
            {"id": "x", "kind": "date", "subject": "a", "value": "2025-01-01", "weight": 5},
            {"id": "y", "kind": "date", "subject": "a", "value": "2025-01-02"},
            {"id": "z", "kind": "date", "subject": "a", "value": "2025-01-03"},
        ],
    }
    r = run(data)
    assert sorted(conflicts(r)) == [("x", "y"), ("x", "z"), ("y", "z")]
    retract = {f for finding in r.findings for f in finding.retract}
    assert retract == {"y", "z"}


def test_solver_limit_is_inconclusive_never_consistent() -> None:
    data = {
        "documents": [{"id": "A"}],
        "events": ev("m"),
        "facts": [
            {"id": "a", "kind": "date", "subject": "m", "value": "XXXX-02-18", "doc": "A"},
            {
                "id": "b",
                "kind": "relative",
                "subject": "m",
                "expression": "weekday",
                "value": "Tuesday",
                "tense": "future",
                "doc": "A",
            },
        ],
    }
    r = run(data, rlimit=1)
    assert r.status is Status.INCONCLUSIVE
    assert [f.code for f in r.findings if f.kind == "inconclusive"] == ["FC301"]


def test_parallel_and_serial_reports_are_identical() -> None:
    data = {
        "events": [*ev("a", "b"), *ev("c", "d")],
        "facts": [
            {"id": "1", "kind": "date", "subject": "a", "value": "2025-01-01"},
            {"id": "2", "kind": "order", "subject": "b", "relation": "after", "anchor": "a", "days": 2},
            {"id": "3", "kind": "date", "subject": "c", "value": "2025-01-01"},
            {"id": "4", "kind": "order", "subject": "d", "relation": "before", "anchor": "c"},
            {"id": "5", "kind": "date", "subject": "d", "value": "2025-02-01"},
        ],
    }
    serial = run(data)
    parallel = run(data, jobs=2)
    assert serial.model_dump_json() == parallel.model_dump_json()
    assert serial.stats["components"] == 2


def test_a_checked_fact_set_leaves_no_garbage_cycles() -> None:
    # A cycle between an encoding and its encoder kept each component's fact set alive
    # until a full collection, which check's gc.freeze() put off: memory grew per story.
    import gc

    from factcheck.engine.encode import encode
    from factcheck.policy import load_policy
    from tests.engine.helpers import factset

    data = {
        "events": ev("m"),
        "facts": [
            {"id": "a", "kind": "date", "subject": "m", "value": "XXXX-02-18"},
            {"id": "b", "kind": "date", "subject": "m", "value": "Tuesday"},
        ],
    }
    fs = factset(data)
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        encode(fs, load_policy(), 20000)  # never parsed: solved without z3, as most components are
        encode(fs, load_policy(), 20000).parsed()
        run(data)
        gc.collect()
        # Only ctypes' array types, which z3's bindings make per call, may be cyclic.
        left = {type(o).__name__ for o in gc.garbage} - {"tuple", "getset_descriptor", "PyCArrayType", "StgDict"}
        assert not left
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
