"""Loose events: an undated mention on a named object joins the one event of another article that dates it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from factcheck.auditing import audit
from factcheck.auditing.link import link_events
from factcheck.auditing.run import ReadContext, read_one
from factcheck.diagnostics import render
from factcheck.extract.factset import to_factset_data
from factcheck.model import Report
from tests.auditing.reference import write_articles

AS_OF = dt.date(2026, 11, 22)

# Makers, airlines and models that no table of the shipped rules names.
ARTICLES = {
    "v0.txt": "Halvard Aero hands over first Kestrel K9\n\nHalvard Aero delivered the first Kestrel K9 airliner "
    "to Norrvik Air on March 3, 2025, a year behind schedule.\n",
    "v1.txt": "Norrvik Air to be compensated\n\nNorrvik Air will be compensated by Halvard Aero for the late delivery "
    "of its Kestrel K9 jets.\n\nThe airline's chief executive called the delivery a relief.\n",
    # Another model of the same maker: another event, never the K9's.
    "v2.txt": "Sorna Airways grows\n\nSorna Airways took delivery of a Kestrel K7 at its base in Tromso.\n",
    # Another story: the same named car unveiled in one city, on two days.
    "w0.txt": "Torvane shows new sedan\n\nTorvane Motors unveiled the Sable S4 in Lyon on April 8, 2025, before a crowd.\n",
    "w1.txt": "Sable S4 debut\n\nTorvane Motors unveiled the Sable S4 in Lyon on April 8, 2025, to mixed reviews.\n",
}


def _corpus(folder: Path, edits: dict[str, tuple[str, str]] | None = None) -> Path:
    return write_articles(folder, ARTICLES, edits)


def _docs_of(report: Report) -> dict[str, set[str]]:
    return {e.id: {m.doc for m in e.mentions} for e in report.events}


def test_an_undated_mention_on_the_named_object_joins_the_dated_event(tmp_path: Path) -> None:
    r = audit([_corpus(tmp_path / "c")], as_of=AS_OF, background=False).report
    assert r.status.value == "consistent", [render(f) for f in r.findings]
    (delivery,) = [e for e, docs in _docs_of(r).items() if "v1" in docs]
    assert _docs_of(r)[delivery] == {"v0", "v1"}
    assert delivery.startswith("v0:"), "the merged event is the dated one"
    ev = next(e for e in r.events if e.id == delivery)
    assert ev.earliest == ev.latest == dt.date(2025, 3, 3)
    texts = sorted(m.text for m in ev.mentions if m.doc == "v1")
    assert texts == ["delivery", "delivery"], "the object's mention, and the later one that names no object"
    (link,) = [lk for lk in r.links if delivery in lk.members]
    assert link.linked and "named with no date of its own" in link.reason
    # The K7's delivery names another object: linked to nothing, it is no event of the report.
    assert not [e for e, docs in _docs_of(r).items() if "v2" in docs]


def test_a_loose_event_is_read_but_carries_no_fact(tmp_path: Path) -> None:
    folder = _corpus(tmp_path / "c")
    got = read_one(ReadContext(), str(folder / "v1.txt")).extraction
    assert got is not None
    loose = [e for e in got["events"] if e.get("arguments", {}).get("loose")]
    assert {e["kind"] for e in loose} >= {"deliver"}
    named = {f.get("subject") for f in got["facts"]}
    assert not named & {e["id"] for e in loose}
    # A fact set for review (factcheck extract) holds no event that exists only to be linked.
    written = to_factset_data([got], folder)
    assert not {e["id"] for e in written["events"]} & {e["id"] for e in loose}


def test_stories_audited_apart_give_the_findings_of_one_audit_with_loose_events(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c", {"w1.txt": ("April 8", "April 10")})
    whole = audit([corpus], as_of=AS_OF, background=False).report
    apart = [audit(sorted(corpus.glob(f"{p}*.txt")), as_of=AS_OF, background=False).report for p in "vw"]

    def strip(f: Any) -> str:
        return str(f.model_copy(update={"component": None}).model_dump_json())

    assert sorted(strip(f) for f in whole.findings if f.kind != "inconclusive") == sorted(
        strip(f) for r in apart for f in r.findings if f.kind != "inconclusive"
    )
    assert [e.id for e in whole.events] == sorted(e.id for r in apart for e in r.events)
    flagged = {s.doc for f in whole.findings if f.kind == "contradiction" for s in f.sources}
    assert flagged == {"w0", "w1"}, flagged


def _ev(i: str, kind: str, theme: str, parties: list[str], *, loose: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"id": i, "label": kind, "kind": kind, "theme": theme, "participants": parties}
    if loose:
        out["arguments"] = {"loose": True}
    return out


def test_a_loose_event_facing_two_events_joins_neither() -> None:
    # Two deliveries of one model to two airlines (other parties: two events); the undated mention may be either.
    docs = {
        "a": [_ev("a:deliver", "deliver", "Kestrel K9", ["Norrvik Air"])],
        "b": [_ev("b:deliver", "deliver", "Kestrel K9", ["Sorna Airways"])],
        "c": [_ev("c:deliver-k9-kestrel", "deliver", "Kestrel K9 jets", [], loose=True)],
    }
    linked = link_events(docs, [], {"talks"})
    assert linked.dropped == {"c:deliver-k9-kestrel"}
    assert linked.rename["a:deliver"] != linked.rename["b:deliver"] and not [lk for lk in linked.links if lk.linked]


def test_a_loose_event_never_joins_another_kind_or_object_or_parties() -> None:
    dated = _ev("a:deliver", "deliver", "Kestrel K9", ["Halvard Aero"])
    for other in (
        _ev("b:order-k9-kestrel", "order", "Kestrel K9", [], loose=True),  # another kind
        _ev("b:deliver-k7-kestrel", "deliver", "Kestrel K7", [], loose=True),  # another named object
        _ev("b:deliver-k9-kestrel", "deliver", "Kestrel K9", ["Brannock Jets"], loose=True),  # other parties
        _ev("b:deliver", "deliver", "the jets", [], loose=True),  # no named object
    ):
        assert link_events({"a": [dated], "b": [other]}, [], {"talks"}).dropped == {other["id"]}, other
    linked = link_events(
        {"a": [dated], "b": [_ev("b:deliver-k9-kestrel", "deliver", "its Kestrel K9", [], loose=True)]}, [], {"talks"}
    )
    assert not linked.dropped and linked.rename["b:deliver-k9-kestrel"] == "a:deliver"
    assert [lk.members for lk in linked.links] == [("a:deliver", "b:deliver-k9-kestrel")]


def test_two_loose_events_are_never_linked_to_each_other() -> None:
    docs = {d: [_ev(f"{d}:deliver-k9-kestrel", "deliver", "Kestrel K9", [], loose=True)] for d in "ab"}
    linked = link_events(docs, [], {"talks"})
    assert linked.dropped == {"a:deliver-k9-kestrel", "b:deliver-k9-kestrel"}
    assert not linked.links and not linked.alternatives


def test_a_loose_event_of_a_series_kind_is_dropped() -> None:
    # Series kinds are linked on parties and places; the stories' keys give such events no object key.
    docs = {
        "a": [_ev("a:visit", "visit", "Kestrel K9 plant", ["Norrvik Air"])],
        "b": [_ev("b:visit-k9-kestrel", "visit", "Kestrel K9 plant", [], loose=True)],
    }
    assert link_events(docs, [], {"talks", "visit"}).dropped == {"b:visit-k9-kestrel"}
