"""An event announced for a day is the one a report published that day tells of the same party; others stay apart."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from factcheck.auditing import audit
from factcheck.auditing.announced import announced_keys, link_announced
from factcheck.model import Report

AS_OF = dt.date(2026, 11, 22)

_PLAN = (
    "---\ntitle: Brisk Airlines opens Lima route\npublished: 2026-07-14\n---\nBrisk Airlines opens Lima route\n\n"
    "Brisk Airlines opened a route to Lima on Tuesday.\n\n"
    "The company will report second-quarter earnings on Aug. 4, its finance chief said.\n"
)


def _report(published: str, company: str = "Brisk Airlines", day: str = "Tuesday") -> str:
    return (
        f"---\ntitle: Quarterly results\npublished: {published}\n---\nQuarterly results\n\n"
        f"{company} reported a 9 percent rise in quarterly revenue on {day}.\n"
    )


def _audit(tmp_path: Path, second: str) -> tuple[Report, set[str], set[str]]:
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "a1.md").write_text(_PLAN, encoding="utf-8")
    (folder / "a2.md").write_text(second, encoding="utf-8")
    report = audit([folder], as_of=AS_OF).report

    def ids(doc: str, text: str, quote: str) -> set[str]:
        start = text.index(quote)
        end = start + len(quote)
        return {
            e.id for e in report.events if any(m.doc == doc and m.start < end and start < m.end for m in e.mentions)
        }

    return report, ids("a1", _PLAN, "will report second-quarter earnings"), ids("a2", second, "reported a 9 percent")


def test_the_report_of_the_announced_day_is_the_announced_event(tmp_path: Path) -> None:
    _, a, b = _audit(tmp_path, _report("2026-08-04"))
    assert a and a & b


def test_a_report_giving_another_day_contradicts_the_announcement(tmp_path: Path) -> None:
    report, _, _ = _audit(tmp_path, _report("2026-08-04", day="Monday"))  # Aug. 4, 2026 is a Tuesday
    assert any(f.code == "FC101" for f in report.findings)


def test_another_companys_report_of_that_day_stays_apart(tmp_path: Path) -> None:
    _, a, b = _audit(tmp_path, _report("2026-08-04", company="Halvard Motors"))
    assert a and b and not a & b


def test_a_report_published_another_day_is_not_linked_by_its_day(tmp_path: Path) -> None:
    report, a, b = _audit(tmp_path, _report("2026-11-03"))  # a later quarter's results
    assert a and b and not a & b
    assert not any(f.code == "FC101" for f in report.findings)


def _linked(items: list[tuple[str, dict[str, object]]], facts: list[dict[str, object]]) -> list[tuple[str, str]]:
    joined: list[tuple[str, str]] = []

    def join(x: str, y: str, why: str) -> bool:
        joined.append((x, y))
        return True

    link_announced(items, facts, {"b": dt.date(2026, 8, 4)}, {"talks"}, join)  # type: ignore[arg-type]
    return joined


_FACTS: list[dict[str, object]] = [
    {"kind": "relative", "subject": "a:earnings", "tense": "future"},
    {"kind": "date", "subject": "a:earnings", "value": "XXXX-08-04"},
    {"kind": "relative", "subject": "b:earnings", "tense": "past"},
    {"kind": "relative", "subject": "b:earnings-2", "tense": "past"},
]


def test_one_event_of_the_kind_and_party_on_each_side() -> None:
    a = {"id": "a:earnings", "kind": "earnings", "participants": ["Brisk Airlines"]}
    b = {"id": "b:earnings", "kind": "earnings", "participants": ["Brisk Airlines"]}
    assert _linked([("a", a), ("b", b)], _FACTS) == [("a:earnings", "b:earnings")]
    # Two reports by the party on that day: which one was announced, nothing says.
    b2 = {"id": "b:earnings-2", "kind": "earnings", "participants": ["Brisk Airlines"]}
    assert _linked([("a", a), ("b", b), ("b", b2)], _FACTS) == []
    # A series kind is linked on its places and ordinals, not by this pass.
    ta = {"id": "a:earnings", "kind": "talks", "participants": ["Brisk Airlines"]}
    tb = {"id": "b:earnings", "kind": "talks", "participants": ["Brisk Airlines"]}
    assert _linked([("a", ta), ("b", tb)], _FACTS) == []


def test_the_story_keys_meet_where_the_pass_may_link() -> None:
    a = {"id": "a:earnings", "kind": "earnings", "participants": ["Brisk Airlines"]}
    b = {"id": "b:earnings", "kind": "earnings", "participants": ["Brisk Airlines"]}
    keys_a = set(announced_keys([a], _FACTS, dt.date(2026, 7, 14)))
    assert keys_a & set(announced_keys([b], _FACTS, dt.date(2026, 8, 4)))
    assert not keys_a & set(announced_keys([b], _FACTS, dt.date(2026, 8, 5)))
    assert announced_keys([b], _FACTS, None) == []
