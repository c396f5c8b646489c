"""A short form of a party's name matches its one long form; ambiguous or common words match nothing."""

from __future__ import annotations

from factcheck.auditing.evidence import long_form, parties_fit


def test_suffix_and_prefix_forms_find_their_long_name() -> None:
    names = {"Riverton Harriers", "Oakfield", "Delmar Shipping Group"}
    assert long_form("Harriers", names) == "Riverton Harriers"
    assert long_form("Delmar", names) == "Delmar Shipping Group"


def test_ambiguous_short_form_matches_neither_long_name() -> None:
    names = {"Leeds United", "Manchester United"}
    assert long_form("United", names) == "United"


def test_common_words_and_inner_words_are_not_name_forms() -> None:
    names = {"the club secretary", "Delmar Shipping Group"}
    assert long_form("secretary", names) == "secretary"
    assert long_form("Shipping", names) == "Shipping"
    assert long_form("Group", {"The Group"}) == "Group"


def test_parties_fit_counts_a_short_form_as_its_long_name() -> None:
    assert parties_fit(["Harriers", "Oakfield"], ["Riverton Harriers", "Oakfield"])
    assert not parties_fit(["Harriers", "Oakfield"], ["Riverton Rovers", "Oakfield Town"])
    assert not parties_fit(["United", "Oakfield"], ["Leeds United", "Manchester United"])
