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
