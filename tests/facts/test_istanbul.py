"""The curated fact set for the bundled corpus: quotes, inferences, and perturbations."""

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.facts.load import load_fact_sets
from factcheck.limits import DEFAULT_RLIMIT, DEFAULT_TIMEOUT_MS
from factcheck.model import Report, Status
from factcheck.runtime.check import CheckOptions, check

ROOT = Path(__file__).resolve().parents[2]
FACTS = ROOT / "facts" / "istanbul-2025.yaml"
CORPUS = ROOT / "corpus" / "istanbul-2025"
AS_OF = dt.date(2026, 11, 22)
D000, D001, D002, D003, D004 = sorted(p.stem for p in CORPUS.glob("*.txt"))

# What a careful reader of the five texts can date exactly (earliest, latest).
EVENTS = {
    "saudi-meeting": ("2025-02-18", "2025-02-18"),
    "embassy-round-1": ("2025-02-27", "2025-02-27"),
    "embassy-round-2": ("2025-04-10", "2025-04-10"),
    "ru-ua-round-1": ("2025-05-16", "2025-05-16"),
    "kremlin-statement-000": ("2025-04-08", "2025-04-08"),
    "state-dept-confirmation-000": ("2025-04-08", "2025-04-08"),
    "prisoner-swap-abu-dhabi": ("2025-04-10", "2025-04-10"),
    "lavrov-flight-riyadh": ("2025-02-17", "2025-02-17"),
    "russian-invasion": ("2022-02-24", "2022-02-24"),
}


def ev(r: Report, i: str) -> tuple[str | None, str | None]:
    e = next(e for e in r.events if e.id == i)
    return (str(e.earliest) if e.earliest else None, str(e.latest) if e.latest else None)


def published(r: Report, i: str) -> tuple[str, str]:
    d = next(d for d in r.documents if d.id == i)
    return (str(d.published.earliest), str(d.published.latest))


@pytest.fixture(scope="module")
def report() -> Report:
    return check(
        load_fact_sets([FACTS]), CheckOptions(as_of=AS_OF, timeout_ms=DEFAULT_TIMEOUT_MS, rlimit=DEFAULT_RLIMIT)
    )


def test_every_quote_is_verbatim_at_its_span() -> None:
    fs = load_fact_sets([FACTS])
    assert {d.id for d in fs.documents} == {D000, D001, D002, D003, D004}
    assert all(d.published.earliest is None and d.published.latest is None for d in fs.documents)
    quoted = [f for f in fs.facts if f.quote is not None]
    assert len(quoted) >= 60
    for f in quoted:
        assert f.doc is not None and f.span is not None, f.id
        text = (CORPUS / f"{f.doc}.txt").read_bytes().decode("utf-8")
        assert text[f.span[0] : f.span[1]] == f.quote, f.id
        assert fs.texts[f.doc] == text


def test_only_general_knowledge_goes_without_a_quote() -> None:
    fs = load_fact_sets([FACTS])
    unquoted = {f.id: f for f in fs.facts if f.doc is None}
    subjects = {str(getattr(f, "subject", "")) for f in unquoted.values()}
    assert subjects == {"russian-invasion", "trump-took-office-2025"}
    assert all(f.note and f.by == "curated" for f in unquoted.values())


def test_inferred_timeline(report: Report) -> None:
    assert report.status is Status.CONSISTENT
    for event, expected in EVENTS.items():
        assert ev(report, event) == expected, event
    assert published(report, D000) in {
        ("2025-04-08", "2025-04-09"),
        ("2025-04-08", "2025-04-08"),
        ("2025-04-09", "2025-04-09"),
    }
    assert published(report, D001) == ("2025-04-10", "2025-04-10")
    lo, hi = published(report, D004)
    assert "2025-02-11" <= lo <= hi <= "2025-02-17"
    # the Saudi meeting is one event, quoted by both articles that mention it
    saudi = next(e for e in report.events if e.id == "saudi-meeting")
    assert {m.doc for m in saudi.mentions} >= {D000, D004}


def test_a_sidebar_teaser_bounds_the_retrieval_not_the_story(report: Report) -> None:
    d = next(d for d in report.documents if d.id == D003)
    assert str(d.retrieved.earliest) == "2025-08-18"
    assert d.published.earliest is not None and str(d.published.earliest) < "2025-08-18"
    lo, _ = ev(report, "ru-ua-round-2")
    assert lo is not None and lo < "2025-08-18"


def test_what_the_texts_leave_open_is_a_gap(report: Report) -> None:
    gaps = {f.subject: f for f in report.findings if f.kind == "gap"}
    assert "ru-ua-round-2" in gaps and gaps["ru-ua-round-2"].code == "FC201"
    lo, hi = ev(report, "ru-ua-round-2")
    # after the May 16 round and a Monday; nothing in the texts says which one
    assert lo is not None and hi is not None and "2025-05-16" < lo < hi
    assert (gaps["ru-ua-round-2"].earliest, gaps["ru-ua-round-2"].latest) == (
        dt.date.fromisoformat(lo),
        dt.date.fromisoformat(hi),
    )
    assert f"doc:{D002}" in gaps and gaps[f"doc:{D002}"].code == "FC204"
    assert f"doc:{D003}" in gaps
    assert not any(f.kind == "contradiction" for f in report.findings)


def run_cli(facts: Path) -> tuple[int, dict[str, Any]]:
    res = CliRunner().invoke(cli, ["check", str(facts), "--as-of", "2026-11-22", "--format", "json"])
    return res.exit_code, json.loads(res.output)


def test_cli_json_gives_the_same_timeline() -> None:
    code, data = run_cli(FACTS)
    assert code == 0, data
    assert data["version"] == 1 and data["status"] == "consistent" and data["as_of"] == "2026-11-22"
    events = {e["id"]: (e["earliest"], e["latest"]) for e in data["events"]}
    for event, expected in EVENTS.items():
        assert events[event] == expected, event
    docs = {d["id"]: (d["published"]["earliest"], d["published"]["latest"]) for d in data["documents"]}
    assert docs[D000][0] >= "2025-04-08" and docs[D000][1] <= "2025-04-09"
    assert docs[D001] == ("2025-04-10", "2025-04-10")
    assert docs[D004][0] >= "2025-02-11" and docs[D004][1] <= "2025-02-17"
    gaps = [f for f in data["findings"] if f["kind"] == "gap" and f["subject"] == "ru-ua-round-2"]
    assert len(gaps) == 1 and gaps[0]["earliest"] < gaps[0]["latest"]


def perturbed_copy(tmp_path: Path, doc_id: str, old: str, new: str, value_from: str, value_to: str) -> Path:
    """The fact set and its articles copied, one article sentence edited and its facts kept in step.

    Every fact quoting the edited words gets the new quote (spans are unchanged: ``new`` has
    the length of ``old``), and the one whose value was ``value_from`` the new value.
    """
    assert len(old) == len(new)
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    art = corpus / f"{doc_id}.txt"
    text = art.read_bytes().decode("utf-8")
    assert text.count(old) == 1
    art.write_bytes(text.replace(old, new).encode("utf-8"))
    data = yaml.safe_load(FACTS.read_text(encoding="utf-8"))
    for d in data["documents"]:
        d["path"] = str(corpus / Path(d["path"]).name)
    changed = 0
    for f in data["facts"]:
        if f.get("doc") == doc_id and f.get("quote") and old in f["quote"]:
            f["quote"] = f["quote"].replace(old, new)
            if f.get("value") == value_from:
                f["value"] = value_to
                changed += 1
    assert changed == 1
    out = tmp_path / "facts.yaml"
    out.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return out


@pytest.mark.parametrize(
    ("doc_index", "old", "new", "value_from", "value_to", "clash"),
    [
        # Feb. 20, 2025 is a Thursday, but the NDTV story has the meeting on Tuesday.
        (0, "Saudi Arabia on Feb. 18", "Saudi Arabia on Feb. 20", "XXXX-02-18", "XXXX-02-20", (4, "Tuesday")),
        # May 26 is not mid-May, whatever the year.
        (2, "in Istanbul on May 16", "in Istanbul on May 26", "XXXX-05-16", "XXXX-05-26", (3, "mid-May")),
    ],
    ids=["saudi-feb-20", "ru-ua-may-26"],
)
def test_one_changed_date_gives_a_contradiction_quoting_both_sentences(
    tmp_path: Path,
    doc_index: int,
    old: str,
    new: str,
    value_from: str,
    value_to: str,
    clash: tuple[int, str],
) -> None:
    ids = (D000, D001, D002, D003, D004)
    facts = perturbed_copy(tmp_path, ids[doc_index], old, new, value_from, value_to)
    code, data = run_cli(facts)
    assert code == 1, data
    assert data["status"] == "contradiction"
    conflicts = [f for f in data["findings"] if f["kind"] == "contradiction"]
    assert conflicts and all(f["code"] == "FC101" and f["retract"] for f in conflicts)
    quotes = [s for f in conflicts for s in f["sources"]]
    edited = new.rsplit(" on ", 1)[1]
    assert any(s["doc"] == ids[doc_index] and edited in (s["quote"] or "") for s in quotes)
    other_doc, other_words = clash
    assert any(s["doc"] == ids[other_doc] and other_words in (s["quote"] or "") for s in quotes)
