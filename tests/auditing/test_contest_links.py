"""Contests across articles: linked by the place that holds them and their round, the previous one kept apart."""

import datetime as dt
from pathlib import Path

from factcheck.auditing import audit
from factcheck.auditing.contests import contest_fits
from factcheck.model import Report

AS_OF = dt.date(2026, 11, 22)
FIRST = ("Sunday's presidential election in Peru produced no outright winner, so the top two candidates meet "
         "again in a runoff on June 21, officials said Monday.")  # fmt: skip


def report(tmp_path: Path, *articles: tuple[str, str | None, str]) -> Report:
    for name, published, body in articles:
        front = f"title: {name}\n" + (f"published: {published}\n" if published else "")
        (tmp_path / f"{name}.md").write_text(f"---\n{front}---\n{body}\n", encoding="utf-8")
    return audit([tmp_path], as_of=AS_OF, background=False).report


def members(r: Report) -> list[tuple[tuple[str, ...], bool, bool]]:
    return sorted((lk.members, lk.linked, lk.assumed) for lk in r.links)


def contradictions(r: Report) -> list[str]:
    return [f.code for f in r.findings if f.code == "FC101"]


def test_one_runoff_in_two_articles_is_one_event(tmp_path: Path) -> None:
    r = report(
        tmp_path, ("a", "2026-06-01", FIRST), ("b", None, "Peru's presidential runoff on Sunday went to Ana Torres.")
    )
    assert (("a:runoff", "b:runoff"), True, False) in members(r)
    (runoff,) = [e for e in r.events if e.id == "a:runoff"]
    assert (runoff.earliest, runoff.latest) == (dt.date(2026, 6, 21), dt.date(2026, 6, 21))
    assert contradictions(r) == []


def test_a_runoff_elsewhere_is_another(tmp_path: Path) -> None:
    r = report(
        tmp_path, ("a", "2026-06-01", FIRST), ("b", None, "Chile's presidential runoff on Sunday went to Ana Torres.")
    )
    assert members(r) == []


def test_one_runoff_on_two_days_is_a_contradiction(tmp_path: Path) -> None:
    r = report(tmp_path, ("a", "2026-06-01", FIRST),
               ("b", "2026-06-10", "Both candidates held rallies on Tuesday ahead of the runoff in Peru on June 28."))  # fmt: skip
    assert (("a:runoff", "b:runoff"), True, False) in members(r)
    assert contradictions(r)


def test_the_previous_election_is_not_the_first_round(tmp_path: Path) -> None:
    r = report(tmp_path, ("a", "2026-06-01", FIRST),
               ("b", "2026-06-22", "Peru's presidential runoff on Sunday went to Ana Torres, who took 52 percent. "
                                   "She was beaten in the 2016 election by a few thousand votes."))  # fmt: skip
    assert not [m for m, linked, _ in members(r) if linked and any(x.startswith("b:election") for x in m)]
    assert contradictions(r) == []


def test_a_first_round_named_by_place_alone_is_an_alternative(tmp_path: Path) -> None:
    second = (
        "Both candidates held rallies in Lima on Friday before Sunday's runoff in Peru. Torres topped the first "
        "round on May 31 with 38 percent, her best result in any election."
    )
    r = report(tmp_path, ("a", "2026-06-01", FIRST), ("b", "2026-06-19", second))
    assert (("a:election", "b:election"), True, True) in members(r)


def test_a_first_round_on_another_day_is_left_apart_not_a_contradiction(tmp_path: Path) -> None:
    second = (
        "Both candidates held rallies in Lima on Friday before Sunday's runoff in Peru. Torres topped the first "
        "round on May 24 with 38 percent, her best result in any election."
    )
    r = report(tmp_path, ("a", "2026-06-01", FIRST), ("b", "2026-06-19", second))
    assert not [m for m, linked, _ in members(r) if linked and "a:election" in m and "b:election" in m]
    assert contradictions(r) == []


def test_contests_fit_on_kind_place_role_and_round() -> None:
    def ev(kind: str, place: str | None, **args: object) -> dict:
        return {"id": "x", "kind": kind, "location": place, "arguments": {"contest": True, **args}}

    assert contest_fits(ev("election", "Peru", round=1), ev("election", "Peru")) == "same election in Peru"
    assert contest_fits(ev("election", "Peru"), ev("election", "Chile")) is None
    assert contest_fits(ev("election", "Peru"), ev("election", None)) is None
    assert contest_fits(ev("election", "Peru", round=1), ev("election", "Peru", round=2)) is None
    assert contest_fits(ev("election", "Peru"), ev("election", "Peru", role="previous")) is None
    assert contest_fits(ev("election", "Peru"), ev("runoff", "Peru")) is None
    assert contest_fits(ev("election", "Peru"), {"id": "y", "kind": "election", "location": "Peru"}) is None


def test_contests_for_two_offices_are_two(tmp_path: Path) -> None:
    r = report(tmp_path, ("a", "2026-06-01", FIRST),
               ("b", "2026-06-02", "Turnout in Sunday's parliamentary election in Peru was 70 percent."))  # fmt: skip
    assert not [m for m, linked, _ in members(r) if linked and "a:election" in m]
    assert contest_fits(*({"id": i, "kind": "election", "location": "Peru", "arguments": {"contest": True, "office": o}}
                          for i, o in (("x", "mayoral"), ("y", "presidential")))) is None  # fmt: skip
