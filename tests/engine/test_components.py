"""The component split keeps together what a fact's translation reads: its events, series and quoted document."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from factcheck.calendar import to_day
from factcheck.engine.components import split
from factcheck.engine.translate import translate
from factcheck.facts.load import load_fact_sets
from factcheck.model import FactSet
from factcheck.policy import load_policy
from tests.engine.helpers import AS_OF, conflicts, factset, rng, run

D = dt.date
POLICY = load_policy()
ROOT = Path(__file__).resolve().parents[2]


def ev(*ids: str, series: str | None = None) -> list[dict[str, object]]:
    return [{"id": i, "label": i, **({"series": series} if series else {})} for i in ids]


def first_since_february(*facts: dict[str, Any]) -> dict[str, Any]:
    """An article of 10 March 2025 calls round v2 the first since February, a month without its year."""
    return {
        "documents": [{"id": "A", "published": "2025-03-10"}],
        "events": ev("v1", "v2", series="rounds"),
        "facts": [{"id": "f", "kind": "first_since", "subject": "v2", "since_value": "XXXX-02", "doc": "A"}, *facts],
    }


def test_a_yearless_since_value_is_in_its_documents_component() -> None:
    [comp] = [c for c in split(factset(first_since_february())) if c.facts]
    assert [d.id for d in comp.documents] == ["A"]


def test_a_yearless_since_value_takes_its_year_from_the_document() -> None:
    # The AP rule: February of the article's year, or of another when v2 lies within the
    # policy's window of the article; so v2 is no earlier than that window's start (read in
    # any year, v2 would be unbounded below).
    near = POLICY.yearless.same_year_or_within_days
    assert rng(run(first_since_february()), "v2")[0] == D(2025, 3, 10) - dt.timedelta(days=near)
    with_year = first_since_february()
    with_year["facts"][0]["since_value"] = "2025-02"
    assert rng(run(with_year), "v2")[0] == D(2025, 3, 1)


def test_a_yearless_since_value_read_in_the_documents_year_can_clash() -> None:
    # v2 in March 2026 is not the first since February 2025: v1 lies between.  Read in
    # another year (February 2026) it would be, so only the document's year shows the clash.
    data = first_since_february(
        {"id": "d1", "kind": "date", "subject": "v1", "value": "2025-06-01"},
        {"id": "d2", "kind": "date", "subject": "v2", "value": "2026-03-05"},
    )
    assert conflicts(run(data)) == [("d1", "d2", "f")]
    data["documents"] = [{"id": "A", "published": "2026-03-10"}]  # an article of 2026: February 2026
    assert conflicts(run(data)) == []


# One fact of each kind and shape, each on events and a series of its own and each quoting
# document Q, which only some of them read (a year-less value's year, a relative fact
# without an anchor).  ``@a`` stands for fact i's own event ``a<i>``.
EVERY_KIND: list[dict[str, Any]] = [
    {"kind": "date", "subject": "@a", "value": "2025-03-04"},
    {"kind": "date", "subject": "@a", "value": "XXXX-03-04"},
    {"kind": "date", "subject": "@a", "value": "XXXX-03", "mod": "MID", "relation": "before"},
    {"kind": "date", "subject": "@a", "value": "Tuesday"},
    {"kind": "date", "subject": "doc:P.published", "value": "2025-03"},
    {"kind": "relative", "subject": "@a", "expression": "yesterday"},
    {"kind": "relative", "subject": "@a", "expression": "ago", "amount": 2, "unit": "day", "anchor": "@b"},
    {"kind": "order", "subject": "@a", "relation": "before", "anchor": "@b"},
    {"kind": "order", "subject": "@a", "relation": "after", "anchor": "doc:P.retrieved"},
    {"kind": "duration", "subject": "@a", "until": "doc:P.published", "length": "P3D"},
    {"kind": "page_stamp", "amount": 2, "unit": "day"},
    {"kind": "page_stamp", "amount": 2, "unit": "day", "target": "P"},
    {"kind": "ordinal", "subject": "@r2", "n": 3},
    {"kind": "last_before", "subject": "@r1", "anchor": "@r2"},
    {"kind": "first_since", "subject": "@r2", "since": "@a"},
    {"kind": "first_since", "subject": "@r2", "since": "doc:P.published"},
    {"kind": "first_since", "subject": "@r2", "since_value": "2025-02"},
    {"kind": "first_since", "subject": "@r2", "since_value": "XXXX-02"},
    {"kind": "first_since", "subject": "@r2", "since_value": "XXXX-02-14"},
]
# the facts of EVERY_KIND whose component holds Q: those that read it, and the bare weekday
# (a date without a year, though it reads none: a component larger than needed is safe)
READS_Q = {"f1", "f2", "f3", "f5", "f10", "f17", "f18"}


def every_kind() -> dict[str, Any]:
    events: list[dict[str, object]] = []
    facts = []
    for i, fact in enumerate(EVERY_KIND):
        events += ev(f"a{i}", f"b{i}") + ev(f"r1{i}", f"r2{i}", series=f"s{i}")
        body = {k: f"{v[1:]}{i}" if isinstance(v, str) and v.startswith("@") else v for k, v in fact.items()}
        facts.append({"id": f"f{i}", **body, "doc": "Q"})
    return {"documents": [{"id": "P"}, {"id": "Q"}], "events": events, "facts": facts}


def outside_names(fs: FactSet) -> dict[tuple[str, ...], set[str]]:
    """For each component (by its facts), the variables its facts' translation names that are not the component's."""
    as_of = to_day(AS_OF)
    return {tuple(f.id for f in c.facts): translate(c, POLICY, as_of).late for c in split(fs) if c.facts}


def test_every_fact_is_split_with_what_its_translation_reads() -> None:
    fs = factset(every_kind())
    assert all(not names for names in outside_names(fs).values()), outside_names(fs)
    [with_q] = [c for c in split(fs) if any(d.id == "Q" for d in c.documents)]
    assert {f.id for f in with_q.facts} == READS_Q


def test_the_bundled_fact_sets_are_split_with_what_their_translation_reads() -> None:
    got = outside_names(load_fact_sets([ROOT / "facts"]))
    assert len(got) > 1 and all(not names for names in got.values()), got
