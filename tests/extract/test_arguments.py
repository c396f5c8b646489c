"""Arguments of event mentions from the parse: agents, participants, theme, place; names no table knows."""

from __future__ import annotations

import pytest

from factcheck.extract import nlp
from tests.extract.helpers import argument_reader, arguments_of


def test_a_company_no_table_names_is_the_agent_and_its_product_the_theme() -> None:
    a = arguments_of("Korvath Industries released the Meridian X2 tablet on Tuesday.", "released")
    assert a.agents == ("Korvath Industries",)
    assert "Meridian" in a.theme and "X2" in a.theme


def test_the_by_phrase_of_a_passive_is_the_agent_and_its_subject_the_theme() -> None:
    a = arguments_of("The new turbine was unveiled by Halvorsen Energy in Bergen.", "unveiled")
    assert a.agents == ("Halvorsen Energy",)
    assert a.theme == "turbine"
    assert a.place == "Bergen"


def test_a_relative_clause_takes_the_noun_it_describes_as_agent() -> None:
    a = arguments_of("Shareholders sued Dellmore Foods, which filed for bankruptcy in March.", "filed")
    assert a.agents == ("Dellmore Foods",)
    assert a.theme == "bankruptcy"


def test_with_and_between_name_the_other_participants() -> None:
    a = arguments_of("Kenya held talks with Tanzania in Arusha on Monday.", "held")
    assert a.agents == ("Kenya",)
    assert a.participants == ("Tanzania",)
    assert a.place == "Arusha"
    assert a.parties == ("Kenya", "Tanzania")


def test_alias_tables_only_normalise_names() -> None:
    # Metonymy and demonyms map onto the canonical name; the name itself came from the parse.
    assert arguments_of("The Kremlin rejected the proposal on Friday.", "rejected").agents == ("Russia",)
    assert "Ukraine" in arguments_of("Ukrainian drone attacks hit the port.", "attacks").agents


def test_common_nouns_and_pronouns_are_no_parties() -> None:
    a = arguments_of("Officials said they met the investors in the morning.", "met")
    assert a.agents == () and a.participants == ()
    assert a.place == ""  # "the morning" is no place


def test_a_noun_away_from_its_clause_has_no_agent_there() -> None:
    # Chile takes part in the summit; it did not hold it.
    a = arguments_of("Chile took part in the summit in Lima.", "summit")
    assert a.agents == ()
    assert a.place == "Lima"


def test_a_date_is_no_theme() -> None:
    assert arguments_of("The strike ended on Monday.", "ended").theme == ""


@pytest.mark.parametrize("word", ["delivery", "launch"])
def test_the_object_of_an_event_noun(word: str) -> None:
    a = arguments_of(f"The {word} of the Aurora 3 satellite slipped to June.", word)
    assert "Aurora" in a.theme


# --------------------------------------------------------------------------- parties of a common noun, "N of" phrases


def test_a_common_noun_subject_takes_the_parties_its_from_phrase_names() -> None:
    a = arguments_of(
        "Envoys from Norland and Vestria will open a second round of fishing talks on Friday in Halvik.", "talks"
    )
    assert a.agents == ("Norland", "Vestria")
    assert a.place == "Halvik"
    assert arguments_of("Norland's negotiators held talks in Halvik.", "talks").agents == ("Norland",)


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials from the ministry held talks in Halvik.",  # a common noun names no party
        "Buyers of Kestrel shares held talks in Halvik.",  # a name inside another common noun is not whom it stands for
    ],
)
def test_a_from_phrase_without_a_party_of_its_own_names_none(sentence: str) -> None:
    assert arguments_of(sentence, "talks").agents == ()


def test_a_trigger_noun_in_an_of_phrase_takes_the_arguments_of_the_object_it_completes() -> None:
    a = arguments_of("Norland and Vestria ended the fourth round of their fishing talks in Halvik on Monday.", "talks")
    assert a.agents == ("Norland", "Vestria")
    assert a.place == "Halvik"


def test_the_subject_a_trigger_noun_completes_is_not_the_event() -> None:
    # "Critics of the talks" are no round of them: the clause's object is another party, not an agent.
    a = arguments_of("Critics of the fishing talks met Vestria in Halvik.", "talks")
    assert a.agents == () and a.participants == ()


def test_a_name_after_in_that_the_ner_leaves_unlabelled_is_a_place_a_date_is_not() -> None:
    assert arguments_of("Norland and Vestria held talks in Velmora on Monday.", "talks").place == "Velmora"
    assert arguments_of("Norland and Vestria met in March.", "met").place == ""


# --------------------------------------------------------------------------- plural references back


def _anaphor(sentence: str, word: str) -> bool:
    (parsed,) = nlp.parse(sentence, [(0, len(sentence))])
    return argument_reader().plural_anaphor(parsed, next(t for t in parsed.tokens if t.text == word))


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("They last met in Halvik in May.", "met"),
        ("The two blocs last met in Halvik in May.", "met"),
        ("Both sides want to revise the draft.", "want"),
        ("Both governments signed the accord.", "signed"),
    ],
)
def test_a_plural_reference_back_stands_for_parties_named_before(sentence: str, word: str) -> None:
    assert _anaphor(sentence, word)


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("Two officials met in Halvik.", "met"),  # indefinite: someone new
        ("The company met investors in Halvik.", "met"),  # singular
        ("We met in Halvik.", "met"),  # the speaker's side, not the parties
        ("The blocs met in Halvik.", "met"),  # a bare definite plural may be any group the story names
        ("Norland and Vestria met in Halvik.", "met"),  # names its parties itself
        ("They said the talks in Halvik failed.", "talks"),  # the talks are no core of the clause "they" is in
    ],
)
def test_no_reference_back_where_the_subject_is_no_plural_anaphor(sentence: str, word: str) -> None:
    assert not _anaphor(sentence, word)


# --------------------------------------------------------------------------- a contest's setting


@pytest.mark.parametrize(
    ("sentence", "word", "agent", "other"),
    [
        ("Harlow Rovers beat Millbrook Athletic 3-1 in the quarterfinal on Saturday.", "quarterfinal", "Harlow Rovers",
         "Millbrook Athletic"),
        ("Greta Holm defeated Anna Berg 6-4 in the semifinal.", "semifinal", "Greta Holm", "Anna Berg"),
        # A subjectless participle's doer is its controller's subject.
        ("Anna Berg won the title on Saturday, beating Greta Holm in the final.", "final", "Anna Berg", "Greta Holm"),
        ("Kessel City won the Halden Shield on Saturday, beating Brandt United 3-1 in the final.", "final",
         "Kessel City", "Brandt United"),
    ],
)  # fmt: skip
def test_an_event_noun_an_act_on_a_named_party_is_set_in_takes_both_parties(
    sentence: str, word: str, agent: str, other: str
) -> None:
    a = arguments_of(sentence, word)
    assert a.agents == (agent,) and a.participants == (other,)  # a score glued to a name is no part of it


@pytest.mark.parametrize(
    "sentence",
    [
        "Police arrested Anna Berg in the protest.",  # no named doer
        "The Kessel police arrested three men in the protest.",  # no named object
        "Anna Berg took part in the protest.",  # no object at all
    ],
)
def test_a_setting_without_two_named_parties_names_none(sentence: str) -> None:
    a = arguments_of(sentence, "protest")
    assert a.agents == () and a.participants == ()


def test_a_noun_modifying_a_win_takes_whom_the_win_is_over() -> None:
    assert arguments_of("Ostby Wolves reached the final after their semifinal win over Marden Hawks.",
                        "semifinal").participants == ("Marden Hawks",)  # fmt: skip
    a = arguments_of("Anna Berg reached the final after a semifinal victory against Greta Holm.", "semifinal")
    assert a.participants == ("Greta Holm",)


def test_a_place_in_a_city_is_placed_in_the_city() -> None:
    assert arguments_of("The final will be held at the Brandt Arena in Kessel on Sunday.", "final").place == "Kessel"
    assert arguments_of("Talks were held at the Foreign Ministry in Oslo on Monday.", "Talks").place == "Oslo"
    assert arguments_of("The final will be held at the Brandt Arena on Sunday.", "final").place == "Brandt Arena"
