"""Readable names: events from their trigger, participants, place and ordinal; documents by title and file."""

from __future__ import annotations

from factcheck.corpus.headline import headline
from factcheck.engine.names import document_name, event_name
from factcheck.model import Document, Event


def test_an_event_is_named_from_what_the_text_says() -> None:
    talks = Event(id="a:talks", label="talks (Round of Talks)", kind="talks", participants=("Russia", "Ukraine"),
                  location="Istanbul")  # fmt: skip
    assert event_name(talks, 2) == "second round of Russia–Ukraine talks, Istanbul"
    met = Event(id="a:p", label="talks (met)", kind="talks", participants=("Russia", "Ukraine"))
    assert event_name(met, 1) == "first round of Russia–Ukraine talks"
    assert event_name(met) == "Russia–Ukraine talks “met”"  # a verb trigger is quoted after the kind
    attack = Event(id="a:x", label="attack (drone attacks)", kind="attack", participants=("Ukraine",))
    assert event_name(attack) == "Ukraine drone attacks"
    freed = Event(id="a:r", label="release (freed)", kind="release")
    assert event_name(freed) == "release “freed”"


def test_a_label_written_by_hand_is_kept() -> None:
    assert event_name(Event(id="summit", label="the summit"), 3) == "the summit"
    # parentheses that are not the reader's "kind (trigger)" form for this event's kind
    own = Event(id="s", label="talks (second attempt)", kind="visit")
    assert event_name(own) == "talks (second attempt)"


def test_a_document_is_named_by_title_and_file_never_by_stem_alone() -> None:
    doc = Document(id="002_34a5", title="Talks  in Istanbul", path="/x/002_34a5.txt")
    assert document_name(doc) == "“Talks in Istanbul” (002_34a5.txt)"
    assert document_name(Document(id="a", path="a.txt")) == "a.txt"
    assert document_name(Document(id="a", path="a.txt"), "/corpus/a.md") == "a.md"
    assert document_name(Document(id="a", title="T")) == "“T” (a)"


def test_a_headline_is_a_short_first_line_standing_on_its_own() -> None:
    assert headline("Talks resume in Geneva\n\nThe talks resumed on Monday.\n") == "Talks resume in Geneva"
    assert headline("Officials To Meet In Saudi Arabia To Discuss Truce\nOfficials will meet.\n") is not None
    assert headline("Ukraine and Russia meet again\nUkraine and Russia meet again\n\nBody.\n") is not None
    # body text: a sentence, a line that runs on into the next, a long paragraph, markup
    assert headline("The summit took place on 3 March 2025.\nMore.\n") is None
    assert headline("The second round of talks will take place\nThursday in Istanbul, the Kremlin said.\n") is None
    assert headline(("word " * 40) + "\n\nBody.\n") is None
    assert headline("<p>Talks</p>\n\nBody\n") is None
    assert headline("\n\n") is None
