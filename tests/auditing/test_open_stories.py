"""Stories keyed by event arguments: parties and objects that no table of the shipped rules names."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from factcheck.auditing import audit
from factcheck.auditing.link import link_events
from factcheck.auditing.stories import doc_keys
from factcheck.diagnostics import render
from tests.auditing.reference import write_articles

AS_OF = dt.date(2026, 11, 22)

# Parties, places and products that the shipped alias tables do not list.
ARTICLES = {
    "k0.txt": "Kenya and Tanzania hold talks\n\nKenya and Tanzania met in Arusha on March 4, 2024 for a first round "
    "of talks on fishing rights, officials said.\n",
    "k1.txt": "Second round\n\nKenya and Tanzania met in Arusha on March 25, 2024 for a second round of talks on "
    "fishing rights.\n\nThe two sides last met in Arusha on March 4 to discuss fishing rights.\n",
    "p0.txt": "Peru and Chile meet\n\nPeru and Chile met in Arica on May 6, 2024 for a first round of talks on water.\n",
    "p1.txt": "Peru and Chile again\n\nPeru and Chile met in Arica on June 3, 2024 for a second round of talks on "
    "water.\n\nThe two sides last met in Arica on May 6.\n",
    "m0.txt": "Tablet\n\nKorvath Industries unveiled the Meridian X2 tablet on April 9, 2024 in Oslo.\n",
    "m1.txt": "Review\n\nKorvath Industries unveiled the Meridian X2 on April 9, 2024, and it sells well.\n",
    # A verb no table names, by a company no table names: one object and one party in common only.
    "b0.txt": "Grocer fails\n\nDellmore Foods filed for bankruptcy in Delaware on May 14, 2024.\n",
    "b1.txt": "Plant shut\n\nDellmore Foods, which filed for bankruptcy on May 14, 2024, will shut two plants.\n",
}


def _corpus(folder: Path, edits: dict[str, tuple[str, str]] | None = None) -> Path:
    return write_articles(folder, ARTICLES, edits)


def _strip(f: object) -> str:
    return f.model_copy(update={"component": None}).model_dump_json()  # type: ignore[attr-defined]


def test_parties_and_products_no_table_names_make_their_own_stories(tmp_path: Path) -> None:
    r = audit([_corpus(tmp_path / "c")], as_of=AS_OF, background=False)
    assert r.report.stats["stories"] == 4, r.report.stats
    assert r.report.status.value == "consistent", [render(f) for f in r.report.findings if f.kind == "contradiction"]
    linked = {frozenset(m.split(":", 1)[0] for m in lk.members) for lk in r.report.links if lk.linked}
    assert frozenset({"m0", "m1"}) in linked
    # Weak evidence (the same verb on the same object by the same company) is decided by the solver.
    (filing,) = [lk for lk in r.report.links if {m.split(":", 1)[0] for m in lk.members} == {"b0", "b1"}]
    assert filing.linked and filing.assumed


def test_a_weak_link_never_makes_a_contradiction_by_itself(tmp_path: Path) -> None:
    r = audit([_corpus(tmp_path / "c", {"b1.txt": ("May 14", "May 16")})], as_of=AS_OF, background=False)
    assert r.report.status.value == "consistent"
    assert not [lk for lk in r.report.links if lk.linked and {m.split(":", 1)[0] for m in lk.members} >= {"b0", "b1"}]
    assert {"b0:file", "b1:file"} <= {e.id for e in r.report.events}


def test_stories_audited_apart_give_the_findings_of_one_audit_for_unlisted_parties(tmp_path: Path) -> None:
    # The second article misdates the product's unveiling and the second Peru-Chile round's antecedent.
    corpus = _corpus(tmp_path / "c", {"m1.txt": ("April 9", "April 2"), "p1.txt": ("on May 6", "on May 20")})
    whole = audit([corpus], as_of=AS_OF, background=False).report
    apart = [audit(sorted(corpus.glob(f"{p}*.txt")), as_of=AS_OF, background=False).report for p in "kpmb"]
    assert sorted(_strip(f) for f in whole.findings if f.kind != "inconclusive") == sorted(
        _strip(f) for r in apart for f in r.findings if f.kind != "inconclusive"
    )
    assert [e.id for e in whole.events] == sorted(e.id for r in apart for e in r.events)
    flagged = {s.doc for f in whole.findings if f.kind == "contradiction" for s in f.sources}
    assert "m1" in flagged and not flagged & {"k0", "k1"}, flagged


def test_distinct_named_objects_are_never_one_event() -> None:
    def ev(i: str, theme: str) -> dict[str, object]:
        return {"id": i, "kind": "product-launch", "participants": ["Korvath Industries"], "theme": theme}

    docs = {"a": [ev("a:product-launch", "Meridian X2")], "b": [ev("b:product-launch", "Meridian X3")],
            "c": [ev("c:product-launch", "Meridian X2 tablet")]}  # fmt: skip
    linked = link_events(docs, [], {"talks"})
    rename = linked.rename
    assert rename["a:product-launch"] == rename["c:product-launch"] != rename["b:product-launch"]
    assert [lk.members for lk in linked.links] == [("a:product-launch", "c:product-launch")]
    # "Meridian" alone is shared by all three; the keys put them in one story, the linker tells X3 apart.
    keys = [doc_keys(evs, {"talks"}, []) for evs in docs.values()]
    assert all(set(keys[0]) & set(k) for k in keys)
