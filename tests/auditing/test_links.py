"""Cross-article links: strong evidence merges, weak evidence is an alternative the solver decides."""

import datetime as dt
from pathlib import Path

from factcheck.auditing import audit
from factcheck.auditing.evidence import stages_clash
from factcheck.auditing.link import Alternative, _alternatives

AS_OF = dt.date(2026, 11, 22)


def write(folder: Path, name: str, published: str, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f"---\npublished: {published}\n---\n{body}\n", encoding="utf-8")


def two_reports(tmp_path: Path, second_day: str, place: str = "") -> tuple[list, list[str]]:
    where = f" in {place}" if place else ""
    write(
        tmp_path,
        "a.md",
        "2025-03-05",
        f"Russian and Ukrainian officials held talks{where} on March 3, a spokesman said.",
    )
    write(tmp_path, "b.md", "2025-03-06", f"The talks between Russia and Ukraine took place{where} on {second_day}.")
    r = audit([tmp_path], as_of=AS_OF, background=False).report
    return list(r.links), [f.code for f in r.findings]


def test_weak_link_that_fits_is_assumed(tmp_path: Path) -> None:
    links, codes = two_reports(tmp_path, "March 3")
    assert [(lk.members, lk.linked, lk.assumed) for lk in links] == [(("a:talks", "b:talks"), True, True)]
    assert "without a shared place" in links[0].reason
    assert "FC101" not in codes


def test_weak_link_that_clashes_is_left_apart_not_a_contradiction(tmp_path: Path) -> None:
    links, codes = two_reports(tmp_path, "March 4")
    assert [(lk.members, lk.linked) for lk in links] == [(("a:talks", "b:talks"), False)]
    assert "cannot all be true" in links[0].reason
    assert not [c for c in codes if c.startswith("FC1")]


def test_strong_link_that_clashes_is_a_contradiction(tmp_path: Path) -> None:
    links, codes = two_reports(tmp_path, "March 4", place="Geneva")
    assert [(lk.members, lk.linked, lk.assumed) for lk in links] == [(("a:talks", "b:talks"), True, False)]
    assert "FC101" in codes


def test_one_event_facing_several_is_one_alternative() -> None:
    weak = [("a:attack", f"b:attack{s}", "same attack") for s in ("", "-2", "-3")]
    assert _alternatives(weak, {}) == [Alternative("a:attack", ("b:attack", "b:attack-2", "b:attack-3"), "same attack")]


def test_one_to_one_across_three_articles_is_tried_together() -> None:
    weak = [("a:talks", "b:talks", "w"), ("b:talks", "c:talks", "w")]
    assert _alternatives(weak, {}) == [Alternative("a:talks", ("b:talks", "c:talks"), "w", together=True)]


def test_several_facing_several_is_not_tried() -> None:
    weak = [(f"a:x{i}", f"b:x{j}", "w") for i in (1, 2) for j in (1, 2)]
    (alt,) = _alternatives(weak, {})
    assert alt.event == "" and len(alt.candidates) == 4


def test_strong_links_come_first() -> None:
    # b:talks is already merged into a:talks: the weak match between them is no alternative.
    assert _alternatives([("a:talks", "b:talks", "w")], {"b:talks": "a:talks"}) == []


def test_a_short_form_of_both_names_links_the_same_match(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "2026-05-07", "Greta Holm defeated Anna Berg in the semifinal in Kessel on Wednesday.")
    write(tmp_path, "b.md", "2026-05-08", "Holm beat Berg in the semifinal in Kessel on Wednesday.")
    r = audit([tmp_path], as_of=AS_OF, background=False).report
    assert [(lk.members, lk.linked) for lk in r.links] == [(("a:match", "b:match"), True)]
    assert "Anna Berg, Greta Holm" in r.links[0].reason


def test_a_semifinal_and_a_final_of_the_same_parties_stay_apart(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "2026-05-07", "Greta Holm defeated Anna Berg in the semifinal in Kessel on Wednesday.")
    write(tmp_path, "b.md", "2026-05-11", "Greta Holm defeated Anna Berg in the final in Kessel on Sunday.")
    r = audit([tmp_path], as_of=AS_OF, background=False).report
    assert not r.links and "FC101" not in [f.code for f in r.findings]


def test_stages_clash_on_a_stage_word_of_one() -> None:
    def ev(word: str) -> dict[str, str]:
        return {"kind": "match", "label": f"match ({word})"}

    assert stages_clash(ev("semifinal"), ev("final"))
    assert stages_clash(ev("semi-final"), ev("quarterfinal"))
    assert stages_clash({"label": "hearing (retrial)"}, {"label": "hearing (trial)"})
    assert not stages_clash(ev("semi-final"), ev("semifinals"))
    assert not stages_clash({"label": "hearing (hearing)"}, {"label": "hearing (trial)"})
    assert not stages_clash({"label": "earthquake (quake)"}, {"label": "earthquake (powerful earthquake)"})
    assert not stages_clash({"label": "protest (rally)"}, {"label": "protest (protests)"})
