"""Which mentions in one article are one event: restated wording, a named counterpart, a date-named meeting."""

from pathlib import Path

from factcheck.corpus.load import load_article
from tests.extract.helpers import READER


def events_of(tmp_path: Path, text: str) -> dict[str, dict]:
    p = tmp_path / "a.txt"
    p.write_text(text, encoding="utf-8")
    return {e["id"].split(":", 1)[1]: e for e in READER.read(load_article(p)).events}


def test_restated_specific_wording_by_the_same_party_is_one_event(tmp_path: Path) -> None:
    evs = events_of(tmp_path, "Ukraine launched a drone attack on an airbase on Sunday. "
                              "Officials said Ukraine launched a large-scale drone attack on the base.")  # fmt: skip
    assert [k for k in evs if k.startswith("attack")] == ["attack"]


def test_plain_repeated_noun_stays_two_events(tmp_path: Path) -> None:
    # "an attack" twice, without a specific wording: nothing says they are one.
    evs = events_of(tmp_path, "Ukraine launched an attack on Sunday. Ukraine launched an attack on a depot in May.")
    assert sorted(k for k in evs if k.startswith("attack")) == ["attack", "attack-2"]


def test_meeting_with_an_unknown_person_is_another_meeting(tmp_path: Path) -> None:
    evs = events_of(tmp_path, "Russia and Ukraine resumed peace talks on Feb. 20. "
                              "The leader attended meetings with British Prime Minister Tony Blair 10 days ago.")  # fmt: skip
    assert "talks-with-tony-blair" in evs and "talks" in evs


def test_meeting_with_a_known_party_is_not_split(tmp_path: Path) -> None:
    evs = events_of(tmp_path, "Russia and Ukraine held talks on Feb. 20 in Istanbul. "
                              "The talks with Russian Foreign Minister Sergey Lavrov lasted two hours.")  # fmt: skip
    assert not [k for k in evs if k.startswith("talks-with")]


def test_meeting_named_by_its_month_keeps_its_date_apart(tmp_path: Path) -> None:
    evs = events_of(tmp_path, "Russia and Ukraine met in Istanbul on Monday for a second round of talks. "
                              "After the May talks, both sides agreed to draft proposals.")  # fmt: skip
    assert "talks-may" in evs and "series" not in evs["talks-may"]


def test_weekday_possessive_is_the_articles_own_meeting(tmp_path: Path) -> None:
    evs = events_of(tmp_path, "Russia and Ukraine met in Istanbul on Monday for a second round of talks. "
                              "Monday's talks lasted an hour.")  # fmt: skip
    assert sorted(k for k in evs if k.startswith("talks")) == ["talks"]


def test_meetings_on_two_named_days_are_two_meetings(tmp_path: Path) -> None:
    evs = events_of(
        tmp_path, "Meeting on Nov. 15, the council agreed a plan. Meeting on Nov. 18, it approved the budget."
    )
    assert sorted(k for k in evs if k.startswith("talks")) == ["talks", "talks-on-xxxx-11-18"]


def test_a_day_named_possessive_other_than_the_meetings_day_is_another_meeting(tmp_path: Path) -> None:
    evs = events_of(tmp_path, "The two foreign ministers will meet Friday in Vienna. "
                              "Thursday's talks with the envoy ended without a deal.")  # fmt: skip
    assert sorted(k for k in evs if k.startswith("talks")) == ["talks", "talks-on-thursday"]


def test_a_reference_back_that_names_another_day_is_another_meeting(tmp_path: Path) -> None:
    # "The talks on Friday" after talks set for Thursday may be a second session: nothing ties the two days
    # to one event, so no contradiction is made of them.
    evs = events_of(tmp_path, "The talks will take place Thursday in Oslo. The talks on Friday will focus on trade.")
    assert sorted(k for k in evs if k.startswith("talks")) == ["talks", "talks-on-friday"]


def test_a_reference_back_without_a_day_of_its_own_is_the_same_meeting(tmp_path: Path) -> None:
    evs = events_of(tmp_path, "The talks will take place Thursday in Oslo. The talks will focus on trade.")
    assert sorted(k for k in evs if k.startswith("talks")) == ["talks"]


def test_a_definite_mention_with_another_date_than_its_antecedent_is_another_event(tmp_path: Path) -> None:
    evs = events_of(
        tmp_path, "Riga won last year's final on June 15, 2025. The final will be played on Sunday in Riga."
    )
    assert len([k for k in evs if k.startswith("match")]) == 2


def test_a_link_never_makes_one_event_of_two_an_article_tells_apart() -> None:
    from factcheck.auditing.link import link_events

    a = [{"id": "a:talks", "kind": "talks", "participants": ["X", "Y"], "location": "Oslo"},
         {"id": "a:talks-on-xxxx-11-18", "kind": "talks", "participants": ["X", "Y"], "location": "Oslo"}]  # fmt: skip
    b = [{"id": "b:talks", "kind": "talks", "participants": ["X", "Y"], "location": "Oslo"}]
    linked = link_events({"a": a, "b": b}, [], {"talks"})
    assert linked.rename["a:talks"] != linked.rename["a:talks-on-xxxx-11-18"]
    assert all(len({m.split(":")[0] for m in lk.members}) == len(lk.members) for lk in linked.links)


_CUP = ("Harlow Rovers beat Millbrook Athletic 3-1 in the semifinal on Wednesday. "
        "Greta Holm defeated Anna Berg in the other semifinal on Thursday. "
        "The final will be played in Kessel on Sunday. Anna Berg won last season's final on May 20, 2025.")  # fmt: skip


def test_each_match_that_names_two_parties_keeps_its_own(tmp_path: Path) -> None:
    evs = events_of(tmp_path, _CUP)
    assert evs["match"]["participants"] == ["Harlow Rovers", "Millbrook Athletic"]
    assert evs["match-2"]["participants"] == ["Anna Berg", "Greta Holm"]


def test_last_seasons_event_is_an_earlier_one_of_its_kind(tmp_path: Path) -> None:
    evs = events_of(tmp_path, _CUP)
    assert evs["match-previous"]["arguments"] == {"role": "previous"}
    assert "role" not in evs["match-3"].get("arguments", {})  # "the final" on Sunday is the article's own


def test_an_adjunct_participles_setting_takes_its_verbs_day(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("Anna Berg won the title on Saturday, beating Greta Holm in the final. "
                 "Greta Holm won the cup on May 3, having beaten Anna Berg in the semifinal.", encoding="utf-8")  # fmt: skip
    facts = READER.read(load_article(p)).facts
    dated = {f["subject"].split(":", 1)[1]: f.get("value") for f in facts if f["kind"] in ("date", "relative")}
    assert dated["match"] == "Saturday"  # the final was on the day of the win
    assert not [s for s in dated if s.startswith("match-")]  # the semifinal, before the May 3 win, has no day
