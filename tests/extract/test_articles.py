"""Each bundled article, extracted and checked alone, yields what a careful reader takes from it."""

from __future__ import annotations

import pytest

from factcheck.diagnostics import render
from tests.extract.helpers import article_path, extract_and_check


def facts_of(ex, kind, **match):
    return [f for f in ex.facts if f["kind"] == kind and all(f.get(k) == v for k, v in match.items())]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_bundled_article_is_consistent_alone(prefix, tmp_path):
    ex, report = extract_and_check(article_path(prefix), tmp_path)
    assert report.status.value == "consistent", [render(f) for f in report.findings if f.kind == "contradiction"]
    assert ex.facts, "no facts extracted"
    text = article_path(prefix).read_text(encoding="utf-8")
    for f in ex.facts:  # every quote is verbatim at its span
        assert text[f["span"][0] : f["span"][1]] == f["quote"]


def test_kremlin_article(tmp_path):
    ex, _report = extract_and_check(article_path("000"), tmp_path)
    doc = ex.doc_id
    talks, prev = f"{doc}:talks", f"{doc}:talks-previous"
    (stmt,) = facts_of(ex, "relative", expression="weekday", value="Tuesday", tense="past")
    speech = stmt["subject"]
    # Talks on the Thursday after the Tuesday statement.
    thursdays = facts_of(ex, "relative", subject=talks, expression="weekday", value="Thursday", tense="future")
    assert {t.get("anchor") for t in thursdays} == {speech, None}  # after the statement, and after the report
    # The article was written on or after that Tuesday, and before that Thursday.
    assert facts_of(ex, "order", subject=f"doc:{doc}.published", relation="not_before", anchor=speech)
    assert facts_of(ex, "relative", subject=talks, expression="tense", tense="future")
    # "last met in Istanbul on Feb. 27": the previous meeting of the same series.
    assert facts_of(ex, "last_before", subject=prev, anchor=talks)
    assert facts_of(ex, "date", subject=prev, value="XXXX-02-27")
    events = {e["id"]: e for e in ex.events}
    assert events[prev]["series"] == events[talks]["series"]
    assert facts_of(ex, "ordinal", subject=talks, n=2)


def test_kremlin_article_creation_time_lies_between_tuesday_and_thursday(tmp_path):
    """The engine agrees: putting the article after the talks, or before the statement, contradicts it."""
    doc = "000_90b6c094a84fe0d4"
    after_talks = {
        "id": "probe",
        "kind": "order",
        "subject": f"doc:{doc}.published",
        "relation": "after",
        "anchor": f"{doc}:talks",
    }
    _, report = extract_and_check(article_path("000"), tmp_path, [after_talks])
    assert report.status.value == "contradiction"
    before_statement = {
        "id": "probe",
        "kind": "order",
        "subject": f"doc:{doc}.published",
        "relation": "before",
        "anchor": f"{doc}:statement-1",
    }
    _, report = extract_and_check(article_path("000"), tmp_path, [before_statement])
    assert report.status.value == "contradiction"


def test_ciragan_article(tmp_path):
    ex, _report = extract_and_check(article_path("003"), tmp_path)
    doc = ex.doc_id
    talks, prev, attack = f"{doc}:talks", f"{doc}:talks-previous", f"{doc}:attack"
    # Negotiations on a Monday, one day after a Sunday attack.
    assert facts_of(ex, "relative", subject=talks, expression="weekday", value="Monday")
    assert facts_of(ex, "order", subject=talks, relation="after", days=[1, 1])
    attacks = {f["anchor"] for f in facts_of(ex, "order", subject=talks, relation="after")}
    assert any(facts_of(ex, "relative", subject=a, expression="weekday", value="Sunday") for a in attacks)
    # A second round whose first round was in mid-May; no direct talks between 2022 and then.
    assert facts_of(ex, "ordinal", subject=talks, n=2)
    assert facts_of(ex, "ordinal", subject=prev, n=1)
    assert facts_of(ex, "date", subject=prev, value="XXXX-05", mod="MID")
    assert facts_of(ex, "first_since", subject=prev, since_value="2022")
    # "3 months ago" is a page stamp; the sidebar's "August 18, 2025" bounds the retrieval time only.
    assert facts_of(ex, "page_stamp", amount=3, unit="month")
    sidebar = [f for f in ex.facts if f.get("value") == "2025-08-18"]
    assert sidebar and all(f["subject"] == f"doc:{doc}.retrieved" and f["relation"] == "not_before" for f in sidebar)
    assert attack in {e["id"] for e in ex.events} or attacks


def test_ciragan_article_attack_cannot_be_saturday(tmp_path):
    doc = "003_1fa625e8ca6e2f1f"
    ex, _ = extract_and_check(article_path("003"), tmp_path)
    sunday = next(f for f in ex.facts if f.get("value") == "Sunday")
    probe = {
        "id": "probe",
        "kind": "relative",
        "subject": sunday["subject"],
        "expression": "weekday",
        "value": "Saturday",
        "doc": doc,
    }
    _, report = extract_and_check(article_path("003"), tmp_path, [probe])
    assert report.status.value == "contradiction"


def test_boilerplate_is_told_apart(tmp_path):
    kinds = {}
    for prefix in ("000", "001", "002", "003", "004"):
        ex, _ = extract_and_check(article_path(prefix), tmp_path)
        for _, _, kind, _ in ex.boilerplate:
            kinds.setdefault(kind, set()).add(prefix)
    assert kinds["page_stamp"] == {"002", "003"}
    assert "000" in kinds["teaser"] and "001" in kinds["teaser"]
    assert "003" in kinds["sidebar"]
    assert "002" in kinds["copyright"]
    assert "001" in kinds["embedded_post"]
    assert "004" in kinds["image"] and "004" in kinds["prompt"]


def test_embedded_post_bounds_creation_time(tmp_path):
    ex, _ = extract_and_check(article_path("001"), tmp_path)
    assert [f["value"] for f in ex.facts if f.get("subject") == f"doc:{ex.doc_id}.published"] == [
        "2025-04-10",
        "2025-04-10",
    ]


def test_labelled_sets_are_well_formed():
    import re

    import yaml

    from tests.extract.helpers import ARTICLES

    base = ARTICLES.parent
    dev = yaml.safe_load((base / "labelled.yaml").read_text(encoding="utf-8"))
    held = yaml.safe_load((base / "labelled_heldout.yaml").read_text(encoding="utf-8"))
    assert len(dev) + len(held) >= 60
    shape = re.compile(r"^(on|past|future|offset|order|ordinal|last_before|first_since|duration|after|page_stamp) \S")
    for item in dev + held:
        assert set(item) == {"text", "facts"}
        assert all(shape.match(f) for f in item["facts"]), item
