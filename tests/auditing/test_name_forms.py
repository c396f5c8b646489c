"""A short form of a party's name matches its one long form; ambiguous or common words match nothing; story keys agree."""

from __future__ import annotations

from factcheck.auditing.evidence import long_form, name_forms, parties_fit, shared_parties
from factcheck.auditing.stories import event_keys


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


def test_a_name_and_its_short_forms_share_a_form() -> None:
    assert name_forms("Riverton Harriers") == {"Riverton", "Harriers"}
    assert name_forms("Harriers") & name_forms("Riverton Harriers")
    assert name_forms("Delmar") & name_forms("Delmar Shipping Group")
    assert name_forms("the club secretary") == {"the club secretary"}
    assert not name_forms("Riverton Rovers") & name_forms("Oakfield Harriers")


def test_events_whose_parties_fit_by_short_forms_share_a_story_key() -> None:
    long = {"kind": "match", "participants": ["Greta Holm", "Anna Berg"], "location": "Kessel"}
    short = {"kind": "match", "participants": ["Holm", "Berg"], "location": "Kessel"}
    other = {"kind": "match", "participants": ["Lena Ruiz", "Anna Berg"], "location": "Kessel"}
    assert parties_fit(long["participants"], short["participants"])
    assert set(event_keys(long, {"match"}, [])) & set(event_keys(short, {"match"}, []))
    assert not set(event_keys(short, {"match"}, [])) & set(event_keys(other, {"match"}, []))
    assert shared_parties(long["participants"], short["participants"]) == ["Anna Berg", "Greta Holm"]
