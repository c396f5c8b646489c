"""A subjectless gerund's doer and its object pronoun come from the clause it hangs on; a clause with its own keeps them.

Sentences written for these tests, on names no table of the shipped rules knows.
"""

from __future__ import annotations

import pytest

from factcheck.extract import nlp
from factcheck.extract.control import simultaneous_settings
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
    a = arguments_of(
        "The Halden City Court sentenced Maria Lopez on Friday, ten days after a jury convicted her.", "convicted"
    )
    assert "Halden City Court" not in a.agents and a.theme != "Maria Lopez"


def test_a_pronoun_is_no_person_when_the_clause_names_none() -> None:
    """ "sentenced the two men ... after convicting them": no single person named for the pronoun to stand for."""
    a = arguments_of("The Halden City Court sentenced the two men on Friday, days after convicting them.", "convicting")
    assert a.theme == ""


def _settings(sentence: str, verb: str) -> list[str]:
    (parsed,) = nlp.parse(sentence, [(0, len(sentence))])
    tok = next(t for t in parsed.tokens if t.text == verb)
    return [t.text for t in simultaneous_settings(parsed, tok)]


@pytest.mark.parametrize(
    ("sentence", "verb", "settings"),
    [
        ("Anna Berg won the title on Saturday, beating Greta Holm in the final.", "won", ["final"]),
        ("Kessel City lifted the trophy on Sunday, defeating Brandt United in the final.", "lifted", ["final"]),
        # A perfect participle tells an earlier act; a clause with its own subject another doer's.
        ("Anna Berg won the title on Saturday, having beaten Greta Holm in the semifinal.", "won", []),
        ("Anna Berg won the title on Saturday, with Greta Holm losing in the other semifinal.", "won", []),
        ("Anna Berg won the title on Saturday after beating Greta Holm in the semifinal.", "won", []),
    ],
)
def test_an_adjunct_participle_sets_its_noun_at_once_with_its_verb(
    sentence: str, verb: str, settings: list[str]
) -> None:
    assert _settings(sentence, verb) == settings
