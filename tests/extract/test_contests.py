"""Contests (elections, runoffs) in one article: the place that holds them, no candidate as a party, their rounds."""

from pathlib import Path

from factcheck.corpus.load import load_article
from factcheck.extract import nlp
from tests.extract.helpers import READER, argument_reader


def events_of(tmp_path: Path, text: str) -> dict[str, dict]:
    p = tmp_path / "a.md"
    p.write_text(f"---\npublished: 2026-06-01\n---\n{text}\n", encoding="utf-8")
    return {e["id"].split(":", 1)[1]: e for e in READER.read(load_article(p)).events}


def modifier_place(sentence: str, word: str) -> str:
    (parsed,) = nlp.parse(sentence, [(0, len(sentence))])
    tok = next(t for t in parsed.tokens if t.text == word)
    return argument_reader().modifier_place(parsed, tok)


def test_a_runoff_is_held_where_the_articles_election_is(tmp_path: Path) -> None:
    evs = events_of(tmp_path, "Sunday's presidential election in Peru produced no outright winner, so the top two "
                              "candidates meet again in a runoff on June 21.")  # fmt: skip
    assert evs["election"]["location"] == "Peru" and evs["runoff"]["location"] == "Peru"
    assert evs["runoff"]["arguments"] == {"contest": True, "round": 2}
    assert "round" not in evs["election"]["arguments"]


def test_a_candidate_is_no_party_and_a_possessive_country_is_the_place(tmp_path: Path) -> None:
    evs = events_of(tmp_path, "Ana Torres took Ecuador's presidential runoff on Sunday with 52 percent.")
    assert evs["runoff"]["location"] == "Ecuador"
    assert "participants" not in evs["runoff"]


def test_a_vote_named_by_no_place_has_none(tmp_path: Path) -> None:
    evs = events_of(tmp_path, "Maria Lopez won Sunday's vote with 52 percent of the ballots cast.")
    assert "location" not in evs["election"] and "participants" not in evs["election"]


def test_a_contest_named_by_its_year_or_years_ago_is_an_earlier_one(tmp_path: Path) -> None:
    evs = events_of(tmp_path, "Maria Lopez carried Sunday's vote in Bolivia. She was beaten in the 2019 election "
                              "by a narrow margin, and fewer people turned out than in the vote four years ago.")  # fmt: skip
    assert evs["election"]["location"] == "Bolivia" and "role" not in evs["election"]["arguments"]
    earlier = [e for k, e in evs.items() if k != "election" and e["kind"] == "election"]
    assert len(earlier) == 2 and all(e["arguments"]["role"] == "previous" for e in earlier)


def test_a_contest_named_by_its_day_is_the_articles_own(tmp_path: Path) -> None:
    evs = events_of(tmp_path, "Polls closed on Sunday in Peru's general election. The vote on June 21 decides it.")
    assert all(e["arguments"].get("role", "main") == "main" for e in evs.values() if e["kind"] == "election")


def test_a_contest_keeps_the_place_it_names_in_an_article_on_another(tmp_path: Path) -> None:
    evs = events_of(tmp_path, "Polls opened on Sunday in Peru's general election, a week after the U.S. election "
                              "on May 24.")  # fmt: skip
    assert sorted(e.get("location") for e in evs.values()) == ["Peru", "United States"]


def test_the_rounds_an_article_names_are_its_contests_rounds(tmp_path: Path) -> None:
    evs = events_of(tmp_path, "Carla Mendes led the presidential election in Portugal. In the first round on "
                              "Jan. 18 she won 38 percent, and she faces Rui Costa in the second round on Feb. 8.")  # fmt: skip
    rounds = sorted(e["arguments"].get("round", 0) for e in evs.values() if e["kind"] == "election")
    assert 1 in rounds and 2 in rounds


def test_other_kinds_keep_their_parties(tmp_path: Path) -> None:
    evs = events_of(tmp_path, "Russian and Ukrainian officials held talks in Geneva on Monday.")
    assert evs["talks"]["participants"] == ["Russia", "Ukraine"]
    assert "contest" not in evs["talks"].get("arguments", {})


def test_a_modifier_that_names_a_place_is_the_contests_place() -> None:
    assert modifier_place("Norway's referendum passed easily.", "referendum") == "Norway"
    assert modifier_place("The French election was close.", "election") == "France"


def test_a_modifier_that_names_no_place_is_none() -> None:
    assert modifier_place("Sunday's referendum passed easily.", "referendum") == ""
    assert modifier_place("Jonas Berg's election surprised everyone.", "election") == ""
    assert modifier_place("The Harbor Party's election pledge was dropped.", "pledge") == ""


def test_the_office_a_contest_fills_is_read_right_before_it(tmp_path: Path) -> None:
    evs = events_of(tmp_path, "Lena Vik won Sunday's mayoral election in Bergen.")
    assert evs["election"]["arguments"]["office"] == "mayoral"


def test_an_office_word_elsewhere_in_the_sentence_is_none(tmp_path: Path) -> None:
    evs = events_of(tmp_path, "A presidential adviser said the vote in Bolivia would go ahead on Sunday.")
    assert "office" not in evs["election"]["arguments"]
