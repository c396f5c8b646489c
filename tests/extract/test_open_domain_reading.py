"""Open-domain reading: which event a date belongs to by the parse, rounds of the article's series, earnings reports,
a verb whose subject is an event noun, and triggers the parse dates where no pattern reaches.

Each rule has sentences it must read and sentences it must leave alone.  The sentences are
written for these tests, on names no table of the shipped rules knows.
"""

from __future__ import annotations

from pathlib import Path

from factcheck.corpus.load import load_article
from factcheck.extract import nlp
from factcheck.extract.attachment import dates_other_event, names_own_day
from factcheck.extract.extraction import Extraction
from tests.extract.helpers import READER


def read(tmp_path: Path, text: str, published: str | None = None) -> Extraction:
    p = tmp_path / "a.md"
    front = f"---\ntitle: t\npublished: {published}\n---\n" if published else ""
    p.write_text(front + text, encoding="utf-8")
    return READER.read(load_article(p))


def summaries(tmp_path: Path, text: str, published: str | None = None) -> list[str]:
    return read(tmp_path, text, published).summaries()


def parsed(text: str) -> nlp.Sentence:
    (s,) = nlp.parse(text, [(0, len(text))])
    return s


def spans(text: str, trigger: str, date: str) -> tuple[tuple[int, int], tuple[int, int]]:
    a, d = text.index(trigger), text.index(date)
    return (a, a + len(trigger)), (d, d + len(date))


# --------------------------------------------------------------------------- attachment


def test_a_date_on_the_verb_of_what_the_trigger_modifies_is_not_the_triggers() -> None:
    text = "Campaigning for the referendum in Ostrava closed on Friday."
    s = parsed(text)
    assert dates_other_event(s, *spans(text, "referendum", "Friday"), shifting=())


def test_a_date_on_the_verb_whose_subject_is_the_trigger_is_the_triggers() -> None:
    text = "The referendum in Ostrava took place on Friday."
    assert not dates_other_event(parsed(text), *spans(text, "referendum", "Friday"), shifting=())


def test_a_part_of_the_event_named_with_of_keeps_the_date() -> None:
    text = "The second round of the Lindqvist talks will take place on Thursday."
    assert not dates_other_event(parsed(text), *spans(text, "talks", "Thursday"), shifting=())


def test_a_shifting_verb_keeps_its_date_from_its_object() -> None:
    text = "The tribunal postponed the hearing on Tuesday."
    s = parsed(text)
    assert dates_other_event(s, *spans(text, "hearing", "Tuesday"), shifting=("postpone",))
    assert not dates_other_event(s, *spans(text, "hearing", "Tuesday"), shifting=())


def test_a_verb_that_ends_the_event_is_no_shifting_verb(tmp_path: Path) -> None:
    got = summaries(tmp_path, "Negotiators from Belmora and Ostria ended the talks on Tuesday.", "2026-05-07")
    assert "on talks weekday:Tuesday:past" in got


def test_an_adjournment_is_dated_and_the_trial_is_not(tmp_path: Path) -> None:
    got = summaries(
        tmp_path, "The Halden court adjourned the trial of Piet Varga on Monday until May 20.", "2026-05-06"
    )
    assert "on adjourn weekday:Monday:past" in got
    assert not [g for g in got if g.startswith("on hearing weekday")]  # the trial sits again on May 20, not Monday


def test_a_weekday_modifying_what_something_leads_up_to_has_no_tense_of_the_clause() -> None:
    text = "Campaigning for Sunday's referendum closed on Friday."
    assert names_own_day(parsed(text), *spans(text, "referendum", "Sunday"))
    text = "Turnout was low in Sunday's referendum."
    assert not names_own_day(parsed(text), *spans(text, "referendum", "Sunday"))


# --------------------------------------------------------------------------- rounds


def test_a_round_with_an_ordinal_is_a_round_of_the_articles_talks(tmp_path: Path) -> None:
    ex = read(tmp_path, "Belmora and Ostria will open a third round of trade talks on Thursday. "
                        "The first round, held in January, ended without a text.", "2026-03-10")  # fmt: skip
    kinds = {e["id"].split(":", 1)[1]: e for e in ex.events}
    assert "talks-round-1" in kinds and "talks" in kinds
    assert kinds["talks-round-1"]["series"] == kinds["talks"]["series"]
    got = ex.summaries()
    assert "ordinal talks-previous 1" in got and "ordinal talks 3" in got
    assert "on talks-previous XXXX-01" in got


def test_a_round_in_an_election_article_is_an_election(tmp_path: Path) -> None:
    got = summaries(tmp_path, "The presidential election in Belmora goes to a runoff. "
                              "In the first round on Oct. 4, Varga won 41 percent.", "2026-10-10")  # fmt: skip
    assert "on election XXXX-10-04" in got


def test_a_round_with_no_ordinal_or_no_series_is_no_event(tmp_path: Path) -> None:
    series = ("talks", "election", "match")
    got = summaries(tmp_path, "The crowd gave the team a round of applause on Friday.", "2026-10-10")
    assert not [g for g in got if any(k in g for k in series)]
    got = summaries(tmp_path, "The fourth round of golf was played on Friday.", "2026-10-10")
    assert not [g for g in got if any(k in g for k in series)]
    got = summaries(tmp_path, "Belmora and Ostria held talks. Staff worked round the clock on Friday.", "2026-10-10")
    assert "on talks weekday:Friday:past" not in got


def test_the_headlines_ordinal_is_the_articles_own_round(tmp_path: Path) -> None:
    ex = read(tmp_path, "Belmora and Ostria hold third round of talks\n\n"
                        "Belmora and Ostria held a second round of talks in Halden on Monday.", "2026-03-10")  # fmt: skip
    assert sorted(e["id"].split(":", 1)[1] for e in ex.events if e["kind"] == "talks") == ["talks"]


# --------------------------------------------------------------------------- earnings


def test_an_earnings_report_is_an_event(tmp_path: Path) -> None:
    got = summaries(tmp_path, "Ostria Motors will report third-quarter earnings on Oct. 29, its chief executive said.",
                    "2026-09-15")  # fmt: skip
    assert "on earnings XXXX-10-29" in got and "on earnings XXXX-Q3" not in got
    got = summaries(tmp_path, "Ostria Motors reported a 9 percent rise in quarterly revenue on Thursday.", "2026-10-29")
    assert "on earnings weekday:Thursday:past" in got


def test_a_report_of_anything_else_is_no_earnings(tmp_path: Path) -> None:
    got = summaries(tmp_path, "The Halden statistics office reported a rise in unemployment on Thursday.", "2026-10-29")
    assert not [g for g in got if "earnings" in g]


# --------------------------------------------------------------------------- a verb whose subject is an event


def test_a_quake_that_struck_is_no_attack(tmp_path: Path) -> None:
    ex = read(tmp_path, "A magnitude 6.1 earthquake struck the Varden coast on Tuesday.", "2026-08-12")
    assert [e["kind"] for e in ex.events] == ["earthquake"]
    assert "on earthquake weekday:Tuesday:past" in ex.summaries()


def test_a_party_that_struck_made_an_attack(tmp_path: Path) -> None:
    ex = read(tmp_path, "Ostrian forces struck a depot in Halden on Tuesday.", "2026-08-12")
    assert [e["kind"] for e in ex.events] == ["attack"]


# --------------------------------------------------------------------------- triggers the parse dates


def test_a_duration_between_trigger_and_date_does_not_hide_the_date(tmp_path: Path) -> None:
    got = summaries(
        tmp_path, "The Halden court sentenced Piet Varga to six years in prison on Wednesday.", "2026-04-09"
    )
    assert "on sentencing weekday:Wednesday:past" in got


def test_a_conditional_trigger_gets_no_date_from_the_parse(tmp_path: Path) -> None:
    got = summaries(tmp_path, "If the court sentenced Piet Varga to six years in prison on Wednesday, "
                              "his lawyers would appeal.", "2026-04-09")  # fmt: skip
    assert not [g for g in got if g.startswith("on sentencing")]


def test_a_gerund_conviction_is_an_event(tmp_path: Path) -> None:
    got = summaries(tmp_path, "The court sentenced Piet Varga on Wednesday, ten days after convicting him of fraud.",
                    "2026-04-09")  # fmt: skip
    assert "offset sentencing conviction after 10..10" in got


# --------------------------------------------------------------------------- timing an open-domain event by the parse


def test_an_open_domain_event_is_timed_against_a_table_event(tmp_path: Path) -> None:
    got = summaries(tmp_path, "Divers ended the search for the crew on Monday, five days after the storm, "
                              "the coast guard said.", "2026-08-18")  # fmt: skip
    assert "offset end storm after 5..5" in got


def test_an_amount_of_time_with_no_event_after_it_times_nothing(tmp_path: Path) -> None:
    got = summaries(tmp_path, "Divers ended the search for the crew on Monday, five days after it began.", "2026-08-18")
    assert not [g for g in got if g.startswith("offset end")]


def test_an_event_put_off_takes_place_again_after_the_verb(tmp_path: Path) -> None:
    got = summaries(
        tmp_path, "The Halden court adjourned the trial of Piet Varga on Monday until May 20.", "2026-05-06"
    )
    assert "on hearing XXXX-05-20" in got and "order hearing adjourn after" in got


def test_a_verb_that_puts_nothing_off_has_no_later_event(tmp_path: Path) -> None:
    got = summaries(tmp_path, "Piet Varga founded the company on Monday and ran it until May 20.", "2026-05-26")
    assert not [g for g in got if g.startswith("order")]


def test_a_gerund_no_table_names_is_an_event_timed_against_the_mention(tmp_path: Path) -> None:
    got = summaries(tmp_path, "The Halden court sentenced Piet Varga on Wednesday, ten days after questioning him.",
                    "2026-04-09")  # fmt: skip
    assert "offset sentencing question after 10..10" in got


def test_a_gerund_of_a_light_or_reporting_verb_is_no_event(tmp_path: Path) -> None:
    for gerund in ("finding him guilty", "saying he would appeal"):
        got = summaries(tmp_path, f"The Halden court sentenced Piet Varga on Wednesday, ten days after {gerund}.",
                        "2026-04-09")  # fmt: skip
        assert not [g for g in got if g.startswith("offset")], gerund


# --------------------------------------------------------------------------- follow-up events of a kind


def _kinds(ex: Extraction, *wanted: str) -> list[str]:
    return sorted(e["kind"] for e in ex.events if e["kind"] in wanted)


def test_a_runoff_is_its_own_event_not_the_first_round(tmp_path: Path) -> None:
    ex = read(
        tmp_path,
        "Voters in Marrow held a mayoral election on Sunday, and the top two meet in a runoff on June 14.",
        "2026-05-26",
    )
    assert _kinds(ex, "election", "runoff") == ["election", "runoff"]


def test_a_vote_with_no_runoff_is_one_election(tmp_path: Path) -> None:
    ex = read(tmp_path, "Voters in Marrow held a mayoral election on Sunday, and the result was clear.", "2026-05-26")
    assert _kinds(ex, "election", "runoff") == ["election"]
    ex = read(tmp_path, "The team ran off the pitch before the second round of voting was announced.", "2026-05-26")
    assert "runoff" not in [e["kind"] for e in ex.events]


def test_an_aftershock_is_its_own_event_not_the_quake(tmp_path: Path) -> None:
    ex = read(
        tmp_path,
        "An earthquake shook the Pellor valley on Monday, and a strong aftershock followed on Wednesday.",
        "2026-03-12",
    )
    assert _kinds(ex, "earthquake", "aftershock") == ["aftershock", "earthquake"]


def test_a_quake_with_no_aftershock_is_one_earthquake(tmp_path: Path) -> None:
    ex = read(
        tmp_path, "An earthquake shook the Pellor valley on Monday, and shops reopened on Wednesday.", "2026-03-12"
    )
    assert _kinds(ex, "earthquake", "aftershock") == ["earthquake"]
