"""Which words of a relation fact's quote name which of its events, so that two related events keep apart mentions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from factcheck.auditing import audit
from factcheck.corpus.load import load_article
from factcheck.extract.event_words import mark_event_words
from tests.extract.helpers import READER


def _order(span: tuple[int, int], subject: str = "d:a", anchor: str = "d:b") -> dict[str, Any]:
    return {"kind": "order", "subject": subject, "relation": "after", "anchor": anchor, "span": list(span)}


def test_each_event_is_given_its_triggers_within_the_quote() -> None:
    f = _order((0, 50))
    mark_event_words([f], [("d:a", 0, 6), ("d:b", 40, 45), ("d:b", 60, 65)])
    assert f["words"] == [{"role": "subject", "start": 0, "end": 6}, {"role": "anchor", "start": 40, "end": 45}]


def test_an_event_with_no_trigger_in_the_quote_gets_no_words() -> None:
    f = _order((10, 50))
    mark_event_words([f], [("d:a", 12, 15), ("d:b", 60, 65)])
    assert f["words"] == [{"role": "subject", "start": 12, "end": 15}]


def test_a_quote_holding_no_trigger_is_left_whole() -> None:
    f = _order((10, 20))
    mark_event_words([f], [("d:a", 0, 5), ("d:b", 30, 35)])
    assert "words" not in f


def test_a_fact_about_one_event_is_left_whole() -> None:
    facts = [_order((0, 50), "d:a.start", "d:a.end"), _order((0, 50), "doc:d.published", "d:a"),
             {"kind": "date", "subject": "d:a", "value": "2026-05-06", "span": [0, 50]}]  # fmt: skip
    mark_event_words(facts, [("d:a", 0, 6), ("d:b", 40, 45)])
    assert not any("words" in f for f in facts)


def test_an_interval_event_is_named_by_its_point() -> None:
    f = {"kind": "duration", "subject": "d:a.start", "until": "d:b.end", "length": "P2D", "span": [0, 50]}
    mark_event_words([f], [("d:a", 0, 6), ("d:b", 40, 45)])
    assert [w["role"] for w in f["words"]] == ["subject", "until"]


TEXT = """---
title: Orvik tablet ships
published: 2026-06-12
---
Orvik tablet ships

The Lumen Pad shipped on Monday, two days after Orvik Labs unveiled it in Porto.

The two fishery delegations will open talks in Tromso on Thursday. They last met in Bergen on May 6.
"""


def _read(tmp_path: Path) -> tuple[Path, list[dict[str, Any]]]:
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a.md").write_text(TEXT, encoding="utf-8")
    return folder, READER.read(load_article(folder / "a.md")).facts


def test_the_reader_gives_each_related_event_its_own_words(tmp_path: Path) -> None:
    _, facts = _read(tmp_path)
    (offset,) = [f for f in facts if f["kind"] == "order" and f.get("days")]
    named = {w["role"]: TEXT[w["start"] : w["end"]] for w in offset["words"]}
    assert named == {"subject": "shipped", "anchor": "unveiled"}
    (last,) = [f for f in facts if f["kind"] == "last_before"]
    assert [(w["role"], TEXT[w["start"] : w["end"]]) for w in last["words"]] == [("subject", "met")]


def test_two_related_events_keep_apart_mentions_in_the_report(tmp_path: Path) -> None:
    folder, _ = _read(tmp_path)
    report = audit([folder], as_of=dt.date(2026, 11, 22)).report

    def at(words: str) -> set[str]:
        start = TEXT.index(words)
        return {e.id for e in report.events if any(m.start < start + len(words) and start < m.end
                                                  for m in e.mentions)}  # fmt: skip

    assert at("shipped") and at("unveiled") and not at("shipped") & at("unveiled")
    assert at("open talks") and at("last met") and not at("open talks") & at("last met")
