"""A subjectless gerund's doer and its object pronoun come from the clause it hangs on; a clause with its own keeps them.

Sentences written for these tests, on names no table of the shipped rules knows.
"""

from __future__ import annotations

import pytest

from tests.extract.helpers import arguments_of


@pytest.mark.parametrize(
    ("sentence", "word", "agent", "theme"),
    [
        ("The Halden City Court sentenced Maria Lopez to two years on Friday, ten days after convicting her of fraud.",
         "convicting", "Halden City Court", "Maria Lopez"),
        ("The Arlen Appeals Court freed John Miller on Monday, a week after acquitting him of arson.", "acquitting",
         "Arlen Appeals Court", "John Miller"),
    ],
)  # fmt: skip
def test_a_subjectless_gerund_takes_the_doer_and_person_of_its_clause(
    sentence: str, word: str, agent: str, theme: str
) -> None:
    a = arguments_of(sentence, word)
    assert agent in a.agents
    assert a.theme == theme


def test_a_clause_with_its_own_subject_keeps_it() -> None:
    a = arguments_of("The Halden City Court sentenced Maria Lopez on Friday, ten days after a jury convicted her.", "convicted")
    assert "Halden City Court" not in a.agents and a.theme != "Maria Lopez"


def test_a_pronoun_is_no_person_when_the_clause_names_none() -> None:
    """"sentenced the two men ... after convicting them": no single person named for the pronoun to stand for."""
    a = arguments_of("The Halden City Court sentenced the two men on Friday, days after convicting them.", "convicting")
    assert a.theme == ""
