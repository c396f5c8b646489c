"""Small edits a careful reader sees as self-contradictory are caught by extract + check, citing the edit.

Harmless edits (a date moved only within what the text allows, a name, a number, a verb)
are not flagged.  Edits run on a wire-style article written for these tests and on the
bundled Çırağan article.
"""

from __future__ import annotations

import pytest

from factcheck.diagnostics import render
from tests.extract.helpers import ARTICLES, article_path, cites, edited, extract_and_check

GENEVA = ARTICLES / "geneva-talks.md"
CIRAGAN = article_path("003")

CONTRADICTIONS = [
    ("weekday-changed", GENEVA, "drone attack on Saturday", "drone attack on Friday"),
    ("offset-changed", GENEVA, "two days after a drone attack", "four days after a drone attack"),
    (
        "headline-ordinal",
        GENEVA,
        "Negotiators meet in Geneva for third round of talks\n\n2 months",
        "Negotiators meet in Geneva for fourth round of talks\n\n2 months",
    ),
    ("date-moved-across-another", GENEVA, "The ceasefire on March 12", "The ceasefire on March 8"),
    ("tense-flipped", GENEVA, "will take place on April 10", "took place on April 10"),
    ("page-stamp-changed", GENEVA, "\n2 months ago\n", "\n5 months ago\n"),
    ("duration-changed", GENEVA, "for over three years", "for over five years"),
    ("year-changed", GENEVA, "The invasion began in February 2022.", "The invasion began in February 2024."),
    ("deictic-flipped", GENEVA, "The strike yesterday hit", "The strike tomorrow hit"),
    ("last-met-after-the-meeting", GENEVA, "last met in Vienna on March 3", "last met in Vienna on April 9"),
    ("weekday-changed-bundled", CIRAGAN, "air forces on Sunday", "air forces on Thursday"),
    ("offset-changed-bundled", CIRAGAN, "began just one day after", "began just three days after"),
    (
        "headline-ordinal-bundled",
        CIRAGAN,
        "Ukraine and Russia meet in Istanbul for second round of talks\n\n3 months",
        "Ukraine and Russia meet in Istanbul for third round of talks\n\n3 months",
    ),
]

HARMLESS = [
    ("place-renamed", GENEVA, "last met in Vienna", "last met in Prague"),
    ("number-changed", GENEVA, "killed two people", "killed five people"),
    ("verb-reworded", GENEVA, "a depot. Officials said", "a warehouse. Officials said"),
    ("date-moved-within-slack", GENEVA, "The ceasefire on March 12", "The ceasefire on March 14"),
    (
        "attack-and-offset-moved-together",
        GENEVA,
        "two days after a drone attack on Saturday",
        "three days after a drone attack on Friday",
    ),
    ("sentence-added", GENEVA, "The strike yesterday", "Aid convoys were delayed. The strike yesterday"),
    ("bundled-stamp-changed-within-window", CIRAGAN, "\n3 months ago\n", "\n4 months ago\n"),
]


def test_base_articles_are_consistent(tmp_path):
    for path in (GENEVA, CIRAGAN):
        _, report = extract_and_check(path, tmp_path)
        assert report.status.value == "consistent", [render(f) for f in report.findings]


@pytest.mark.parametrize(("kind", "path", "old", "new"), CONTRADICTIONS, ids=[c[0] for c in CONTRADICTIONS])
def test_contradictory_edit_is_detected_and_cited(kind, path, old, new, tmp_path):
    changed, start, end = edited(path, old, new, tmp_path)
    _, report = extract_and_check(changed, tmp_path)
    assert report.status.value == "contradiction", f"{kind}: not detected"
    assert cites(report, start, end), f"{kind}: the edited sentence is not among the quoted sources"


@pytest.mark.parametrize(("kind", "path", "old", "new"), HARMLESS, ids=[c[0] for c in HARMLESS])
def test_harmless_edit_is_not_flagged(kind, path, old, new, tmp_path):
    changed, _, _ = edited(path, old, new, tmp_path)
    _, report = extract_and_check(changed, tmp_path)
    assert report.status.value == "consistent", [render(f) for f in report.findings if f.kind == "contradiction"]
