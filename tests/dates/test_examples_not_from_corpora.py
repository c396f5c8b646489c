"""Rule examples are the rule author's own sentences: none shares a five-word run with an evaluation corpus.

The date reader is scored on TBAQ and MEANTIME (``benchmarks/timex.py``); an example copied
from them would fit a rule to the data it is scored on.  Words are compared lower-cased,
punctuation dropped, over whole documents (so a run across two sentences counts too).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from factcheck.dates.tagger import DateReader

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from timex_corpora import PARTS, load_part, runs

RUN = 5


@pytest.fixture(scope="module")
def corpus_runs() -> set[tuple[str, ...]]:
    docs = {p: load_part(p) for p in PARTS}
    absent = [p for p, d in docs.items() if not d]
    if absent:
        pytest.skip(f"evaluation data for {', '.join(absent)} not found under ../shared/evaldata")
    return {r for part in docs.values() for d in part for r in runs(d.text, RUN)}


def test_words_and_runs_ignore_case_and_punctuation():
    assert list(runs("On Feb. 27, 2025, the talks", 5)) == [
        ("on", "feb", "27", "2025", "the"),
        ("feb", "27", "2025", "the", "talks"),
    ]
    assert list(runs("four words only here", 5)) == []


def test_no_example_shares_a_five_word_run_with_the_corpora(corpus_runs):
    shared = []
    for rule in sorted(DateReader.load().ruleset.rules.values(), key=lambda r: r.id):
        texts = [("pos", ex.text) for ex in rule.examples] + [("neg", neg) for neg in rule.negatives]
        for kind, text in texts:
            hits = [" ".join(r) for r in runs(text, RUN) if r in corpus_runs]
            if hits:
                shared.append(f"{rule.id} ({kind}): {text!r} shares {hits[0]!r}")
    assert not shared, "\n".join(shared)
