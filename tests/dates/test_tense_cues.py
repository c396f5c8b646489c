"""Tense cues in named classes: how the classes compose, and the principles the shipped classes state."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from factcheck.dates import pack_schema
from factcheck.dates.pack import TenseCues
from factcheck.dates.tagger import DateReader
from factcheck.dates.tense import TenseReader, cue_source

READER = DateReader.load()
TUE = dt.date(2025, 4, 8)


def weekday(text: str) -> list[str]:
    return [m.value for m in READER.tag(text, TUE) if m.rule == "date-weekday"]


def tense(cues: TenseCues, text: str, word: str) -> str:
    start = text.index(word)
    return TenseReader(cues).tense_at(text, start, start + len(word))


def test_classes_are_whole_word_alternatives_and_plans_are_guarded():
    src = cue_source({"a": "will", "b": "planned\\s+to"}, "\\bhad\\s+", ["b"], [])
    assert src == "\\b(?:will)\\b|\\b(?<!\\bhad\\s+)(?:planned\\s+to)\\b"
    assert cue_source({"a": "will", "b": "may"}, "", [], ["b"]) == "\\b(?:will)\\b"
    assert cue_source({"a": "will"}, "", [], ["a"]) is None
    # A pack written with one regex a direction (the older form) is used as written.
    assert cue_source("\\bwill\\b", "\\bhad\\s+", ["a"], ["a"]) == "\\bwill\\b"


def test_one_regex_and_its_classes_read_alike():
    plain = TenseCues(future=r"\b(?:will|next)\b", past=r"\b(?:said|\w{3,}ed)\b")
    named = TenseCues(future={"aux": "will", "ahead": "next"}, past={"say": "said", "regular": r"\w{3,}ed"})
    for text, word in [
        ("The ferry will sail on Friday.", "Friday"),
        ("The ferry sailed on Friday.", "Friday"),
        ("On Friday the ferry sails.", "Friday"),
        ("The ferry sailed, and next Friday it sails again.", "Friday"),
    ]:
        assert tense(plain, text, word) == tense(named, text, word)


def test_a_class_counted_only_for_a_date_without_its_year_is_not_read_for_a_weekday():
    cues = TenseCues(future={"aux": "will", "modal": "may"}, past={"regular": r"\w{3,}ed"}, yearless_only=["modal"])
    text = "The ferry may sail on Friday."
    start = text.index("Friday")
    assert TenseReader(cues).tense_at(text, start, start + 6) == "future"
    assert TenseReader(cues).tense_at(text, start, start + 6, yearless=False) == "unknown"


def test_unknown_class_names_are_refused():
    with pytest.raises(ValidationError, match="yearless_only names no cue class: modal"):
        pack_schema.TenseCues(future={"aux": "will"}, past="said", yearless_only=["modal"])
    with pytest.raises(ValidationError, match="plans names no cue class: intent"):
        pack_schema.TenseCues(future={"aux": "will"}, past="said", plans=["intent"])


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # Any intention or schedule in the pluperfect is a plan made before the report: no future cue.
        ("The council had scheduled the hearing for Thursday.", "2025-04-03"),
        ("The club had plans to open the stand on Thursday.", "2025-04-03"),
        ("The hearing had been slated for Thursday.", "2025-04-03"),
        # In the present or present perfect, still a plan ahead.
        ("The council has scheduled the hearing for Thursday.", "2025-04-10"),
        ("The club has plans to open the stand on Thursday.", "2025-04-10"),
        # A word of the time ahead is no plan: "had until" still points ahead.
        ("The tenants had until Thursday to leave.", "2025-04-10"),
    ],
)
def test_the_pluperfect_voids_every_plan_class(text, want):
    assert weekday(text) == [want]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The licence was extended until Thursday.", "2025-04-10"),
        # A stretch that lasted until a day is over.
        ("The blackout lasted until Thursday.", "2025-04-03"),
        ("Pickets stayed until Thursday, organisers said.", "2025-04-03"),
    ],
)
def test_until_points_ahead_but_not_after_a_verb_of_lasting_in_the_past(text, want):
    assert weekday(text) == [want]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # A verb of a change in an amount is past even before "by".
        ("The index fell by 2% on Wednesday.", "2025-04-02"),
        # A participle before "by" describes a noun: the clause's future verb decides.
        ("The barge will dock on Wednesday with its cargo untouched by water.", "2025-04-09"),
    ],
)
def test_change_verbs_are_past_before_by_and_participles_are_not(text, want):
    assert weekday(text) == [want]


def dates(text: str) -> list[str]:
    return [m.value for m in READER.tag(text, TUE) if m.type == "DATE"]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # A modal before a passive or bare verb: what should or may happen is still to come.
        ("The merger should be completed in October.", "2025-10"),
        ("The loan must be repaid in September.", "2025-09"),
        ("The plant may be sold in the fourth quarter.", "2025-Q4"),
        ("The warehouse might reopen in November.", "2025-11"),
        # Intention verbs in the present.
        ("The council intends to vote in December.", "2025-12"),
        ("The league aims to start the season in September.", "2025-09"),
        ("The bridge is set to reopen in November.", "2025-11"),
        # A perfect modal looks back; an intention in the past tense is no cue.
        ("The merger should have been completed in October.", "2024-10"),
        ("The merger may not have been completed in October.", "2024-10"),
        ("She hoped to finish the survey in October.", "2024-10"),
        # The month "May" is no modal.
        ("Output from May through August fell.", "2024-08"),
    ],
)
def test_modals_and_intentions_point_ahead_for_a_date_without_its_year(text, want):
    assert dates(text)[-1] == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # A modal says what may happen, not when: a bare weekday keeps its reading of the days just past.
        ("The minister could not be reached on Friday.", "2025-04-04"),
        ("Her lawyer said the ruling may be appealed, after it came on Friday.", "2025-04-04"),
        # The future auxiliaries still point a weekday ahead.
        ("The ruling will be appealed on Friday.", "2025-04-11"),
        # The earliest day a thing may happen is ahead, even in a report in the past.
        ("The ferry could sail as soon as Friday, the port said.", "2025-04-11"),
        ("Officials said a vote might come as early as Friday.", "2025-04-11"),
    ],
)
def test_modals_do_not_move_a_weekday(text, want):
    assert weekday(text) == [want]
