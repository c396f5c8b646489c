"""The place a natural event struck, from the verb it is the subject of; a thing it hit, or a party's strike, is none."""

from __future__ import annotations

import pytest

from tests.extract.helpers import arguments_of


@pytest.mark.parametrize(
    ("sentence", "word", "place"),
    [
        ("A powerful earthquake struck the province of Valdora on Monday, officials said.", "earthquake", "Valdora"),
        ("The cyclone hit southern Merrowan on Thursday.", "cyclone", "Merrowan"),
        ("A strong quake struck off the coast of Tesmar early on Sunday.", "quake", "Tesmar"),
        ("A tornado ravaged Hollin County on Friday.", "tornado", "Hollin County"),
        ("Floods swamped the town of Ardrey after days of rain.", "Floods", "Ardrey"),
    ],
)
def test_the_place_a_natural_event_struck_is_its_place_not_its_theme(sentence: str, word: str, place: str) -> None:
    a = arguments_of(sentence, word)
    assert (a.place, a.theme) == (place, "")


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("The storm knocked out power to the city.", "storm"),  # not a striking verb
        ("The storm hit the offices of Brenmark Logistics.", "storm"),  # a thing it hit, no land
        ("The quake struck at dawn.", "quake"),
    ],
)
def test_what_names_no_struck_place(sentence: str, word: str) -> None:
    assert arguments_of(sentence, word).place == ""


def test_a_party_that_strikes_is_an_agent_and_no_event_struck_a_place() -> None:
    a = arguments_of("Norland struck Vestria with drones on Monday.", "struck")
    assert a.agents == ("Norland",) and a.place == ""


def test_the_other_places_of_the_sentence_are_around_it() -> None:
    a = arguments_of("A tremor shook Karsko on Friday, sending residents of Dunmere into the streets.", "tremor")
    assert a.place == "Karsko" and "Dunmere" in a.around
