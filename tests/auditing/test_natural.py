"""Natural events across articles: one quake or storm on place and date; other places, days or kinds stay apart."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from factcheck.auditing import audit
from factcheck.auditing.natural import Dates, place_fit
from factcheck.model import Report

AS_OF = dt.date(2026, 11, 22)


def _write(folder: Path, name: str, published: str | None, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    front = f"published: {published}\n" if published else ""
    (folder / name).write_text(f"---\ntitle: {name}\n{front}---\n{body}\n", encoding="utf-8")


def _report(folder: Path) -> Report:
    return audit([folder], as_of=AS_OF, background=False).report


def _linked(report: Report, a: str, b: str) -> bool:
    """Whether the events read at two quotes' documents and kinds are one (by the reader's ids)."""
    return any(a in lk.members and b in lk.members and lk.linked for lk in report.links)


def _contradictions(report: Report) -> list[str]:
    return [f.code for f in report.findings if f.code == "FC101"]


def test_one_storm_at_one_place_is_one_event(tmp_path: Path) -> None:
    _write(tmp_path, "a.md", "2025-10-08", "A tropical storm lashed the island of Corvessa on Monday, cutting power to "
           "thousands of homes.")  # fmt: skip
    _write(tmp_path, "b.md", "2025-10-10", "Crews restored power on Wednesday, two days after the storm, officials "
           "said. The storm had flooded roads in Corvessa.")  # fmt: skip
    report = _report(tmp_path)
    assert _linked(report, "a:storm", "b:storm")
    assert _contradictions(report) == []


def test_a_definite_reference_naming_no_place_is_the_event_of_another_article(tmp_path: Path) -> None:
    _write(tmp_path, "a.md", "2025-03-04", "A magnitude 6.1 earthquake struck the province of Valdora on Monday, "
           "officials said.")  # fmt: skip
    _write(tmp_path, "b.md", None, "Schools reopened on Friday, four days after the quake.")
    report = _report(tmp_path)
    assert _linked(report, "a:earthquake", "b:earthquake")
    (doc,) = [d for d in report.documents if d.id == "b"]
    assert doc.published.earliest is not None and doc.published.earliest >= dt.date(2025, 3, 7)


def test_a_strong_link_whose_dates_clash_is_a_contradiction(tmp_path: Path) -> None:
    _write(tmp_path, "a.md", "2025-03-04", "A magnitude 6.1 earthquake struck the province of Valdora on Monday, "
           "officials said.")  # fmt: skip
    _write(tmp_path, "b.md", "2025-03-09", "Rescuers ended the search on Saturday, three days after the quake.")
    assert "FC101" in _contradictions(_report(tmp_path))


def test_quakes_at_two_places_stay_apart(tmp_path: Path) -> None:
    _write(tmp_path, "a.md", "2025-03-04", "A strong earthquake struck the province of Valdora on Monday.")
    _write(tmp_path, "b.md", "2025-03-05", "A strong earthquake struck the island of Pellmar on Tuesday.")
    report = _report(tmp_path)
    assert not _linked(report, "a:earthquake", "b:earthquake")
    assert _contradictions(report) == []


def test_quakes_at_one_place_years_apart_stay_apart(tmp_path: Path) -> None:
    _write(tmp_path, "a.md", "2019-06-12", "A strong earthquake struck the province of Valdora on Monday.")
    _write(tmp_path, "b.md", "2025-03-05", "A strong earthquake struck the province of Valdora on Tuesday.")
    report = _report(tmp_path)
    assert not _linked(report, "a:earthquake", "b:earthquake")
    assert _contradictions(report) == []


def test_written_dates_that_differ_tell_quakes_at_one_place_apart(tmp_path: Path) -> None:
    _write(tmp_path, "a.md", "2025-03-05", "An earthquake struck the island of Pellmar on March 3, 2025.")
    _write(tmp_path, "b.md", "2025-03-06", "A strong earthquake struck the island of Pellmar in May 2011.")
    report = _report(tmp_path)
    assert not _linked(report, "a:earthquake", "b:earthquake")
    assert _contradictions(report) == []


def test_a_storm_and_a_quake_at_one_place_stay_apart(tmp_path: Path) -> None:
    _write(tmp_path, "a.md", "2025-03-04", "A storm hit the island of Pellmar on Monday.")
    _write(tmp_path, "b.md", "2025-03-05", "An earthquake struck the island of Pellmar on Tuesday.")
    report = _report(tmp_path)
    assert not [lk for lk in report.links if lk.linked]
    assert _contradictions(report) == []


def test_a_definite_reference_facing_two_articles_quakes_at_other_places_links_neither(tmp_path: Path) -> None:
    _write(tmp_path, "a.md", "2025-03-04", "A strong earthquake struck the province of Valdora on Monday.")
    _write(tmp_path, "b.md", "2025-03-04", "A strong earthquake struck the island of Pellmar on Monday.")
    _write(tmp_path, "c.md", "2025-03-06", "Aid arrived on Thursday, three days after the quake.")
    report = _report(tmp_path)
    assert not [lk for lk in report.links if lk.linked]
    assert _contradictions(report) == []


def test_a_town_named_with_the_place_another_article_names_is_within_it(tmp_path: Path) -> None:
    _write(tmp_path, "a.md", None, "A strong aftershock shook Karsko on Friday, sending residents of Dunmere into "
           "the streets.")  # fmt: skip
    _write(tmp_path, "b.md", "2025-05-12", "The magnitude 5.2 aftershock on May 9 damaged a bridge in Dunmere.")
    report = _report(tmp_path)
    assert _linked(report, "a:aftershock", "b:aftershock")
    (doc,) = [d for d in report.documents if d.id == "a"]
    assert doc.published.earliest is not None and doc.published.earliest >= dt.date(2025, 5, 9)


def test_a_town_no_article_names_with_the_other_place_is_apart(tmp_path: Path) -> None:
    _write(tmp_path, "a.md", None, "A strong aftershock shook Karsko on Friday, sending residents of Dunmere into "
           "the streets.")  # fmt: skip
    _write(tmp_path, "b.md", "2025-05-12", "The magnitude 5.2 aftershock on May 9 damaged a bridge in Tolvane.")
    assert not _linked(_report(tmp_path), "a:aftershock", "b:aftershock")


def test_a_later_reference_is_to_the_quake_an_article_reports_not_one_it_recalls(tmp_path: Path) -> None:
    _write(tmp_path, "a.md", "2025-03-04", "A strong earthquake struck the province of Valdora on Monday. It was the "
           "strongest quake in the province since an earthquake in June 2009.")  # fmt: skip
    _write(tmp_path, "b.md", None, "Schools reopened on Friday, four days after the quake.")
    report = _report(tmp_path)
    linked = [lk.members for lk in report.links if lk.linked and "b:earthquake" in lk.members]
    assert linked and all(m == "b:earthquake" or m.startswith("a:earthquake") for m in linked[0])
    (quake,) = [e for e in report.events if "b:earthquake" in e.id or e.id in linked[0]]
    assert quake.earliest == quake.latest == dt.date(2025, 3, 3)


def _ev(location: str = "", definite: bool = False, around: tuple[str, ...] = ()) -> dict[str, object]:
    args: dict[str, object] = {"natural": True, "definite": definite, "around": list(around)}
    return {"id": "x", "kind": "storm", **({"location": location} if location else {}), "arguments": args}


def test_places_that_fit_and_those_that_do_not() -> None:
    assert place_fit(_ev("Orlend"), _ev("Orlend")) == "in Orlend"
    assert place_fit(_ev("Orlend", around=("Misk",)), _ev("Misk")) is not None
    assert place_fit(_ev("Orlend"), _ev(definite=True)) is not None
    assert place_fit(_ev("Orlend"), _ev("Misk")) is None
    assert place_fit(_ev("Orlend"), _ev()) is None  # "a storm" naming no place is no reference back
    assert place_fit(_ev("Orlend"), _ev(definite=True, around=("Misk",))) is None  # its sentence is elsewhere


def test_dates_that_tell_events_apart() -> None:
    facts = [
        {"kind": "date", "subject": "a", "value": "2024-09-02", "span": [0, 1]},
        {"kind": "date", "subject": "b", "value": "XXXX-09-02", "span": [0, 1]},
        {"kind": "date", "subject": "c", "value": "XXXX-09-05", "span": [0, 1]},
        {"kind": "relative", "subject": "d", "expression": "weekday", "doc": "p", "span": [0, 1]},
        {"kind": "relative", "subject": "e", "expression": "weekday", "doc": "q", "span": [0, 1]},
    ]
    dates = Dates(facts, {"p": dt.date(2024, 9, 4), "q": dt.date(2021, 9, 4)})
    assert not dates.apart("a", "b") and dates.apart("b", "c")
    assert not dates.apart("a", "d") and dates.apart("a", "e") and dates.apart("d", "e")
