"""Property tests: true facts of every kind are never flagged; one false fact always is, minimally."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.calendar import WEEKDAYS, from_day, to_day
from factcheck.diagnostics import render
from factcheck.limits import DEFAULT_RLIMIT, DEFAULT_TIMEOUT_MS
from factcheck.model import FactSet, FactSetFile, Status
from factcheck.policy import load_policy
from factcheck.runtime.check import CheckOptions, check

AS_OF = dt.date(2031, 12, 31)
POLICY = load_policy()
LO, HI = to_day(dt.date(2000, 1, 1)), to_day(dt.date(2030, 12, 31))


@dataclass
class Timeline:
    """The truth: creation and retrieval days of documents, days of events, one series."""

    docs: dict[str, tuple[int, int]]
    events: dict[str, int]
    series: list[str]  # members of the series "s", in date order (distinct days)


@st.composite
def timelines(draw: st.DrawFn) -> Timeline:
    base = draw(st.integers(LO, HI - 400))
    events = {f"e{i}": base + draw(st.integers(-60, 220)) for i in range(draw(st.integers(2, 6)))}
    docs = {}
    for i in range(draw(st.integers(1, 3))):
        # stories are written close to what they report, so weekdays and "yesterday" apply
        near = events[draw(st.sampled_from(sorted(events)))]
        created = near + draw(st.integers(-8, 10))
        docs[f"d{i}"] = (created, created + draw(st.integers(0, 120)))
    days = sorted(set(events.values()))
    members = []
    for d in days[: draw(st.integers(0, min(3, len(days))))]:
        members.append(next(e for e, v in sorted(events.items()) if v == d))
    return Timeline(docs, events, members)


def iso(day: int) -> str:
    return from_day(day).isoformat()


def true_facts(t: Timeline, draw: st.DrawFn) -> list[dict[str, Any]]:
    """Facts of every kind that the timeline makes true."""
    out: list[dict[str, Any]] = []
    n = 0

    def add(**kw: Any) -> None:
        nonlocal n
        n += 1
        out.append({"id": f"t{n:03d}", **kw})

    evs = sorted(t.events)
    docs = sorted(t.docs)
    for e in evs:
        day = t.events[e]
        date = from_day(day)
        kind = draw(st.sampled_from(["exact", "yearless", "month", "part", "weekday", "deictic", "none"]))
        if kind == "exact":
            add(kind="date", subject=e, value=iso(day))
        elif kind == "yearless":
            same_year = [d for d in docs if from_day(t.docs[d][0]).year == date.year]
            if same_year:
                add(kind="date", subject=e, value=f"XXXX-{date.month:02d}-{date.day:02d}", doc=same_year[0])
            else:
                add(kind="date", subject=e, value=iso(day))
        elif kind == "month":
            add(kind="date", subject=e, value=f"{date.year}-{date.month:02d}")
        elif kind == "part":
            mod = next(m for m, (a, b) in POLICY.parts.month.items() if a <= date.day <= b)
            add(kind="date", subject=e, value=f"{date.year}-{date.month:02d}", mod=mod)
        elif kind in ("weekday", "deictic"):
            d = draw(st.sampled_from(docs))
            diff = day - t.docs[d][0]
            tense = next(
                (
                    k
                    for k in ("past", "future")
                    if getattr(POLICY.weekday, k)[0] <= diff <= getattr(POLICY.weekday, k)[1]
                ),
                None,
            )
            if kind == "weekday" and tense:
                add(
                    kind="relative", subject=e, expression="weekday", value=WEEKDAYS[date.weekday()], tense=tense, doc=d
                )
            elif kind == "deictic":
                names = [x for x, (a, b) in POLICY.deictic.items() if a <= diff <= b]
                if diff < 0:
                    add(kind="relative", subject=e, expression="ago", amount=-diff, unit="day", doc=d)
                elif names:
                    add(kind="relative", subject=e, expression=draw(st.sampled_from(sorted(names))), doc=d)
        # document-relative tense
        if draw(st.booleans()):
            d = draw(st.sampled_from(docs))
            tense = "past" if day <= t.docs[d][0] else "future"
            add(kind="relative", subject=e, expression="tense", tense=tense, doc=d)
    for a, b in itertools.pairwise(evs):
        diff = t.events[b] - t.events[a]
        form = draw(st.sampled_from(["exact", "range", "loose", "duration"]))
        if diff == 0:
            add(kind="order", subject=b, relation="same_day", anchor=a)
        elif form == "exact":
            add(kind="order", subject=b, relation="after" if diff > 0 else "before", anchor=a, days=abs(diff))
        elif form == "range":
            lo = max(1, abs(diff) - draw(st.integers(0, 3)))
            add(
                kind="order",
                subject=b,
                relation="after" if diff > 0 else "before",
                anchor=a,
                days=[lo, abs(diff) + draw(st.integers(0, 3))],
            )
        elif form == "loose":
            add(kind="order", subject=b, relation="not_before" if diff > 0 else "not_after", anchor=a)
        elif diff > 0:
            add(kind="duration", subject=a, until=b, length=f"P{diff}D")
    for i, m in enumerate(t.series, 1):
        add(kind="ordinal", subject=m, n=i)
    for d_, x in zip(t.series, t.series[1:], strict=False):
        add(kind="last_before", subject=d_, anchor=x)
    if t.series:
        first = t.series[0]
        add(kind="first_since", subject=first, since_value=str(from_day(t.events[first]).year - 1))
    for d in docs:
        created, retrieved = t.docs[d]
        add(kind="page_stamp", doc=d, amount=retrieved - created, unit="day")
        if draw(st.booleans()):
            add(kind="date", subject=f"doc:{d}.published", value=iso(created))
    return out


def factset(t: Timeline, facts: list[dict[str, Any]]) -> FactSet:
    data = {
        "documents": [{"id": d} for d in sorted(t.docs)],
        "events": [{"id": e, "label": e, **({"series": "s"} if e in t.series else {})} for e in sorted(t.events)],
        "facts": facts,
    }
    f = FactSetFile.model_validate(data)
    return FactSet(documents=f.documents, events=f.events, facts=f.facts)


def run(t: Timeline, facts: list[dict[str, Any]]) -> Any:
    return check(
        factset(t, facts),
        CheckOptions(as_of=AS_OF, max_conflicts=4, timeout_ms=DEFAULT_TIMEOUT_MS, rlimit=DEFAULT_RLIMIT),
    )


PROFILE = settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


@PROFILE
@given(timelines(), st.data())
def test_true_facts_are_never_flagged_and_the_truth_is_in_range(t: Timeline, data: st.DataObject) -> None:
    facts = true_facts(t, data.draw)
    r = run(t, facts)
    assert r.status is Status.CONSISTENT, [render(f) for f in r.findings if f.kind == "contradiction"]
    for e in r.events:
        if e.implicit:
            continue
        truth = from_day(t.events[e.id])
        assert e.earliest is None or e.earliest <= truth, (e.id, e.earliest, truth)
        assert e.latest is None or truth <= e.latest, (e.id, e.latest, truth)
    for d in r.documents:
        truth = from_day(t.docs[d.id][0])
        assert d.published.earliest is None or d.published.earliest <= truth
        assert d.published.latest is None or truth <= d.published.latest


@st.composite
def injected(draw: st.DrawFn) -> tuple[Timeline, list[dict[str, Any]], dict[str, Any]]:
    """A timeline, its true facts with two events pinned exactly, and one false fact."""
    t = draw(timelines())
    facts = true_facts(t, draw)
    a, b = sorted(t.events)[:2]
    facts += [
        {"id": "pin-a", "kind": "date", "subject": a, "value": iso(t.events[a])},
        {"id": "pin-b", "kind": "date", "subject": b, "value": iso(t.events[b])},
    ]
    day_a, day_b = t.events[a], t.events[b]
    kind = draw(st.sampled_from(["date", "weekday", "order", "offset", "yearless"]))
    if kind == "date":
        bad = {"kind": "date", "subject": a, "value": iso(day_a + draw(st.sampled_from([-9, -2, -1, 1, 3, 30])))}
    elif kind == "weekday":
        wrong = (from_day(day_a).weekday() + draw(st.integers(1, 6))) % 7
        bad = {"kind": "date", "subject": a, "value": WEEKDAYS[wrong].title()}
    elif kind == "yearless":
        date = from_day(day_a)
        other = date.replace(day=1) if date.day != 1 else date.replace(day=2)
        bad = {"kind": "date", "subject": a, "value": f"XXXX-{other.month:02d}-{other.day:02d}"}
    elif kind == "order" and day_a != day_b:
        bad = {"kind": "order", "subject": a, "relation": "after" if day_a < day_b else "before", "anchor": b}
    else:
        bad = {
            "kind": "order",
            "subject": b,
            "relation": "after",
            "anchor": a,
            "days": (day_b - day_a) + draw(st.sampled_from([-3, -1, 1, 2])),
        }
        if day_b <= day_a:
            bad = (
                {"kind": "order", "subject": b, "relation": "same_day", "anchor": a}
                if day_b != day_a
                else {"kind": "order", "subject": b, "relation": "before", "anchor": a}
            )
    bad["id"] = "injected"
    return t, facts, bad


@PROFILE
@given(injected())
def test_one_false_fact_is_always_flagged_with_minimal_explanations(
    case: tuple[Timeline, list[dict[str, Any]], dict[str, Any]],
) -> None:
    t, facts, bad = case
    r = run(t, [*facts, bad])
    assert r.status is Status.CONTRADICTION
    conflicts = [f.facts for f in r.findings if f.kind == "contradiction"]
    assert conflicts
    assert any("injected" in c for c in conflicts)
    by_id = {f["id"]: f for f in [*facts, bad]}
    for c in conflicts:
        subset = [by_id[i] for i in c if i in by_id]
        assert run(t, subset).status is Status.CONTRADICTION, c
        for drop in subset:
            rest = [f for f in subset if f is not drop]
            assert run(t, rest).status is Status.CONSISTENT, (c, drop["id"])
