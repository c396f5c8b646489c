"""A long file's later windows are checked as documents of their own, so components never span two windows."""

from __future__ import annotations

from factcheck.auditing.windows import split_windows


def _data() -> dict:
    doc = {"id": "big", "path": "big.txt", "published": {"earliest": "2025-01-01"}}
    events = [{"id": "big:talks", "label": "talks", "kind": "talks", "series": "a+b:talks"},
              {"id": "big:quiet", "label": "never dated", "kind": "talks"}]  # fmt: skip
    facts = [
        {"id": "f0", "kind": "date", "subject": "big:talks", "value": "2025-05-16", "doc": "big", "span": [10, 20]},
        {"id": "f1", "kind": "order", "subject": "big:talks", "relation": "before", "anchor": "doc:big.published",
         "doc": "big", "span": [150, 160]},
        {"id": "f2", "kind": "ordinal", "subject": "big:talks", "n": 2, "series": "a+b:talks", "doc": "big",
         "span": [260, 270]},
        {"id": "g", "kind": "date", "subject": "other:talks", "value": "2025-05-16", "doc": "other", "span": [150, 160]},
    ]  # fmt: skip
    return {"version": 1, "documents": [doc, {"id": "other", "path": "o.txt"}], "events": events, "facts": facts}


def test_each_later_window_is_a_document_with_its_own_events_and_series() -> None:
    out = split_windows(_data(), {"big": [0, 100, 250]})
    by_id = {f["id"]: f for f in out["facts"]}
    assert by_id["f0"]["subject"] == "big:talks" and by_id["f0"]["doc"] == "big"
    assert by_id["f1"] == {**_data()["facts"][1], "subject": "big:talks#w1", "anchor": "doc:big#w1.published",
                           "doc": "big#w1"}  # fmt: skip
    assert by_id["f2"]["subject"] == "big:talks#w2" and by_id["f2"]["series"] == "a+b:talks#w2"
    assert by_id["g"] == _data()["facts"][3]  # another document's facts are not touched
    docs = {d["id"]: d for d in out["documents"]}
    assert docs["big#w1"] == {**docs["big"], "id": "big#w1"} and "big#w2" in docs
    events = {e["id"]: e for e in out["events"]}
    assert events["big:talks#w1"]["series"] == "a+b:talks#w1" and events["big:talks#w2"]["series"] == "a+b:talks#w2"
    assert "big:quiet" in events and "big:quiet#w1" not in events  # copies only of what a window speaks of


def test_the_windows_fall_into_components_of_their_own() -> None:
    from pathlib import Path

    from factcheck.engine.components import split
    from factcheck.facts.load import load_fact_data

    data = _data()
    data["documents"] = [{"id": "big"}, {"id": "other"}]
    data["events"].append({"id": "other:talks", "label": "talks", "kind": "talks"})
    whole = load_fact_data(data, Path("/x.yaml"), read_articles=False)
    parts = load_fact_data(split_windows(data, {"big": [0, 100, 250]}), Path("/x.yaml"), read_articles=False)

    def facts_of(fs):
        return sorted(sorted(f.id for f in c.facts) for c in split(fs) if c.facts)

    assert ["f0", "f1", "f2"] in facts_of(whole)
    assert facts_of(parts) == [["f0"], ["f1"], ["f2"], ["g"]]


def test_a_file_of_one_window_is_left_as_it_is() -> None:
    assert split_windows(_data(), {"big": [0]}) == _data()
    assert split_windows(_data(), {}) == _data()


def test_references_keep_their_point_and_another_documents_stay_as_they_are() -> None:
    data = _data()
    data["facts"].append({"id": "f3", "kind": "order", "subject": "big:talks.start", "relation": "before",
                          "anchor": "doc:other.published", "doc": "big", "span": [120, 130]})  # fmt: skip
    data["facts"].append({"id": "f4", "kind": "order", "subject": "big:talks.end", "relation": "after",
                          "anchor": "doc:big.retrieved", "doc": "big", "span": [130, 140]})  # fmt: skip
    by_id = {f["id"]: f for f in split_windows(data, {"big": [0, 100, 250]})["facts"]}
    assert (by_id["f3"]["subject"], by_id["f3"]["anchor"]) == ("big:talks#w1.start", "doc:other.published")
    assert (by_id["f4"]["subject"], by_id["f4"]["anchor"]) == ("big:talks#w1.end", "doc:big#w1.retrieved")
