"""A short form of a name is its first or last words; the one name among several counts each short form as its long one.

Names invented for these tests.
"""

from __future__ import annotations

from factcheck.extract.places import one_name, short_form


def test_first_or_last_words_are_a_short_form_and_last_words_only_where_asked() -> None:
    assert short_form("Keller", "Dana Keller") and short_form("Dana", "Dana Keller")
    assert short_form("Pellam", "Pellam Foods", last=False)
    assert not short_form("Foods", "Pellam Foods", last=False)
    assert not short_form("Dana Keller", "Dana Keller") and not short_form("Kel", "Dana Keller")


def test_the_one_name_counts_short_forms_as_their_long_one() -> None:
    assert one_name(["Dana Keller", "Keller"]) == "Dana Keller"
    assert one_name(["Dana Keller", "Dana"]) == "Dana Keller"
    assert one_name(["Pellam Foods", "Pellam"], last=False) == "Pellam Foods"


def test_two_names_or_none_give_no_one_name() -> None:
    assert one_name(["Dana Keller", "Rui Amaral"]) is None
    assert one_name(["Dana Keller", "Keller", "Rui Amaral"]) is None
    assert one_name([]) is None
    # Without last words, a name's last word is a name of its own.
    assert one_name(["Pellam Foods", "Foods"], last=False) is None
