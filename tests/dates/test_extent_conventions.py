"""What a TIMEX3 extent includes, by the TimeML 1.2.1 conventions (and TimeBank's practice where they are silent).

One test per convention: the determiner of a temporal noun phrase is inside ("the past two
years", "the 20th century"); an expression that modifies another noun is tagged alone ("the
[eight-year] war", "the [three day] festival", "[20th century] painting"); the possessive
ending is outside ("[last year]'s", "[five years]' time"); quantifying modifiers are inside
and give the mod ("nearly two years", "about a decade"); prepositions are outside ("over
[the past two years]", "on [Monday]"), except "over" meaning "more than" ("[over three
years]"); an adverb of part before a relative period or a weekday is inside ("[earlier this
month]", "[early Monday]"), as in TimeBank, unless a preposition parts them ("later in [the
week]"); the direction of a point is inside ("three years ago"); a range of amounts is one
expression ("[two to three weeks]") and a span of years two ("[2004]-[2011]"), as are joined
decades ("[the 50s] and [60s]"); "or so" is
inside ("[a day or so]"), and so is a clock time's zone ("[16:42 UTC]", "[7:39 p.m. EDT]");
a verb "last" is not the adjective ("will last [16 days]"). The sentences are the project's
own.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from factcheck.dates.tagger import DateReader

READER = DateReader.load()
DCT = dt.date(2025, 4, 8)


def tags(text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.mod) for m in READER.tag(text, DCT)]


def test_determiner_of_a_temporal_noun_phrase_is_inside():
    assert tags("Rents have risen for the past two years.") == [("the past two years", None)]
    assert tags("Churches of the 20th century were plain.") == [("the 20th century", None)]
    assert tags("Wages lagged prices in the last decade.") == [("the last decade", None)]
    assert tags("The ballots go out at the end of this week.") == [("the end of this week", "END")]
    assert tags("Exports sagged in the final quarter of 2019.") == [("the final quarter of 2019", None)]
    assert tags("Ferries were crowded in the 50s.") == [("the 50s", None)]


def test_expression_modifying_a_noun_is_tagged_without_the_noun_or_its_determiner():
    assert tags("The eight-year war ended.") == [("eight-year", None)]
    assert tags("20th century painting sold well.") == [("20th century", None)]
    assert tags("The year-ago figures were restated.") == [("year-ago", None)]
    assert tags("Analysts blamed the third-quarter slump on rain.") == [("third-quarter", None)]
    assert tags("Fans camped out for the three day festival.") == [("three day", None)]
    assert tags("The two weeks of rain flooded the valley.") == [("The two weeks", None)]
    got = READER.tag("A decades-long feud over the marsh ended.", DCT)
    assert [(m.text, m.type, m.value) for m in got] == [("decades-long", "DURATION", "PXDE")]


def test_possessive_ending_is_outside():
    assert tags("Last year's loss narrowed.") == [("Last year", None)]
    assert tags("Bonds beat Thursday's close.") == [("Thursday", None)]
    got = READER.tag("The plant should pay off in five years' time.", DCT)
    assert [(m.text, m.type, m.value) for m in got] == [("five years", "DURATION", "P5Y")]


def test_quantifying_modifiers_are_inside_and_give_the_mod():
    assert tags("The repairs took nearly two years.") == [("nearly two years", "LESS_THAN")]
    assert tags("Output doubled in about a decade.") == [("about a decade", "APPROX")]
    assert tags("The hearing lasted more than three hours.") == [("more than three hours", "MORE_THAN")]
    assert tags("The mine shut almost three years ago.") == [("almost three years ago", "LESS_THAN")]
    assert tags("The ministry replied late yesterday.") == [("late yesterday", "END")]
    assert tags("The band toured Japan in the late 1970s.") == [("the late 1970s", "END")]


def test_prepositions_are_outside_but_over_meaning_more_than_is_inside():
    assert tags("Rents rose over the past two years.") == [("the past two years", None)]
    assert tags("Fighting eased over the weekend.") == [("the weekend", None)]
    assert tags("He spoke on Monday.") == [("Monday", None)]
    assert tags("In the past, the ferry ran at dawn.") == [("the past", None)]
    assert tags("Troops could arrive within weeks.") == [("weeks", None)]
    assert tags("The siege went on for over three years.") == [("over three years", "MORE_THAN")]
    assert tags("The inquiry will last 16 days.") == [("16 days", None)]  # the verb, not "the last 16 days"


def test_adverb_before_a_relative_period_is_inside_with_its_mod_but_not_across_a_preposition():
    assert tags("Prices rose earlier this month.") == [("earlier this month", "START")]
    assert tags("The depot reopens later this year.") == [("later this year", "END")]
    assert tags("Shares slid later in the week.") == [("the week", None)]


def test_part_of_a_weekday_is_inside():
    got = READER.tag("The pier shut early Monday and reopened on Friday evening.", DCT)
    assert [(m.text, m.type, m.value, m.mod) for m in got] == [
        ("early Monday", "DATE", "2025-04-07", "START"),
        ("Friday evening", "TIME", "2025-04-04TEV", None),
    ]


def test_direction_of_a_point_is_inside():
    assert tags("The company was founded three years ago.") == [("three years ago", None)]
    assert tags("Profit fell from two years earlier.") == [("two years earlier", None)]


@given(
    prep=st.sampled_from(["over", "in", "during", "for"]),
    n=st.sampled_from(["two", "three", "5", "twelve"]),
    unit=st.sampled_from(["years", "months", "weeks", "days"]),
)
def test_a_preposition_before_the_past_n_units_is_never_tagged(prep, n, unit):
    text = f"Sales fell {prep} the past {n} {unit}."
    got = READER.tag(text, DCT)
    assert [m.text for m in got] == [f"the past {n} {unit}"]
    assert got[0].mod is None


def test_a_range_of_amounts_is_one_expression_but_a_span_of_years_is_two():
    assert tags("Repairs take two to three weeks.") == [("two to three weeks", "EQUAL_OR_MORE")]
    assert tags("He ran the mint in 2004-2011.") == [("2004", None), ("2011", None)]


def test_joined_decades_are_two_expressions_the_determiner_with_the_first():
    got = READER.tag("Tram lines were ripped up in the 50s and 60s.", DCT)
    assert [(m.text, m.value) for m in got] == [("the 50s", "195"), ("60s", "196")]
    got = READER.tag("Tram lines were ripped up from the 50s to 60s.", DCT)
    assert [(m.text, m.value) for m in got] == [("the 50s", "195"), ("60s", "196")]
    assert READER.tag("Most of the riders were in their 50s and 60s.", DCT) == []


def test_an_approximation_after_the_amount_is_inside_and_gives_the_mod():
    assert tags("The storm lasted a day or so.") == [("a day or so", "APPROX")]


def test_a_zone_of_a_clock_time_is_inside():
    got = READER.tag("The hatch opened at 16:42 UTC.", DCT)
    assert [(m.text, m.value) for m in got] == [("16:42 UTC", "2025-04-08T16:42Z")]
    got = READER.tag("The probe docks at 7:39 p.m. EDT.", DCT)
    assert [(m.text, m.value) for m in got] == [("7:39 p.m. EDT", "2025-04-08T19:39")]
