"""The curated fact set for the bundled corpus: quotes, inferences, and a perturbation."""

import datetime as dt
import json
import shutil
from pathlib import Path

import yaml
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.engine import CheckOptions, check
from factcheck.factset import load_fact_sets
from factcheck.model import Report, Status

ROOT = Path(__file__).resolve().parents[1]
FACTS = ROOT / "facts" / "istanbul-2025.yaml"
AS_OF = dt.date(2026, 11, 22)
D000, D001, D002, D003, D004 = sorted(p.stem for p in (ROOT / "corpus" / "istanbul-2025").glob("*.txt"))


def report() -> Report:
    return check(load_fact_sets([FACTS]), CheckOptions(as_of=AS_OF))


def ev(r: Report, i: str) -> tuple[str | None, str | None]:
    e = next(e for e in r.events if e.id == i)
    return (str(e.earliest) if e.earliest else None, str(e.latest) if e.latest else None)


def doc(r: Report, i: str) -> tuple[str | None, str | None]:
    d = next(d for d in r.documents if d.id == i)
    return (str(d.published.earliest), str(d.published.latest))


def test_every_quote_is_verbatim_at_its_span() -> None:
    fs = load_fact_sets([FACTS])
    quoted = [f for f in fs.facts if f.quote is not None]
    assert len(quoted) >= 50
    for f in quoted:
        assert f.doc is not None and f.span is not None
        text = (ROOT / "corpus" / "istanbul-2025" / f"{f.doc}.txt").read_bytes().decode("utf-8")
        assert text[f.span[0] : f.span[1]] == f.quote, f.id


def test_inferred_timeline() -> None:
    r = report()
    assert r.status is Status.CONSISTENT
    assert ev(r, "saudi-meeting") == ("2025-02-18", "2025-02-18")
    assert ev(r, "embassy-round-1") == ("2025-02-27", "2025-02-27")
    assert ev(r, "embassy-round-2") == ("2025-04-10", "2025-04-10")
    assert ev(r, "ru-ua-round-1") == ("2025-05-16", "2025-05-16")
    assert doc(r, D000) in {("2025-04-08", "2025-04-09"), ("2025-04-08", "2025-04-08"), ("2025-04-09", "2025-04-09")}
    lo, hi = doc(r, D004)
    assert "2025-02-11" <= str(lo) and str(hi) <= "2025-02-17"
    # the Saudi meeting is one event quoted by both articles that mention it
    saudi = next(e for e in r.events if e.id == "saudi-meeting")
    assert {m.doc for m in saudi.mentions} >= {D000, D004}


def test_what_the_texts_leave_open_is_a_gap() -> None:
    r = report()
    gaps = {f.subject: f for f in r.findings if f.kind == "gap"}
    assert "ru-ua-round-2" in gaps and gaps["ru-ua-round-2"].code == "FC201"
    lo, hi = ev(r, "ru-ua-round-2")
    assert lo is not None and hi is not None and lo < hi
    assert f"doc:{D002}" in gaps and gaps[f"doc:{D002}"].code == "FC204"


def test_cli_json_matches_the_api(tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["check", str(FACTS), "--as-of", "2026-11-22", "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["version"] == 1 and data["status"] == "consistent"
    assert {e["id"]: (e["earliest"], e["latest"]) for e in data["events"]}["saudi-meeting"] == (
        "2025-02-18",
        "2025-02-18",
    )


def perturbed_copy(tmp_path: Path, doc_id: str, old: str, new: str, value_from: str, value_to: str) -> Path:
    """The fact set and its articles copied, one article sentence edited and its fact kept in step."""
    corpus = tmp_path / "corpus" / "istanbul-2025"
    shutil.copytree(ROOT / "corpus" / "istanbul-2025", corpus)
    art = corpus / f"{doc_id}.txt"
    text = art.read_bytes().decode("utf-8")
    assert text.count(old) == 1
    art.write_bytes(text.replace(old, new).encode("utf-8"))
    data = yaml.safe_load(FACTS.read_text(encoding="utf-8"))
    for f in data["facts"]:
        if f.get("doc") == doc_id and f.get("quote") and old in f["quote"]:
            f["quote"] = f["quote"].replace(old, new)
            if f.get("value") == value_from:
                f["value"] = value_to
    (tmp_path / "facts").mkdir()
    out = tmp_path / "facts" / "istanbul-2025.yaml"
    out.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return out


def test_one_changed_date_gives_a_contradiction_quoting_both_sentences(tmp_path: Path) -> None:
    # "met in Saudi Arabia on Feb. 18" -> "Feb. 20": Feb. 20, 2025 is a Thursday, but the
    # NDTV story says the meeting is on Tuesday.
    facts = perturbed_copy(
        tmp_path, D000, "Saudi Arabia on Feb. 18", "Saudi Arabia on Feb. 20", "XXXX-02-18", "XXXX-02-20"
    )
    res = CliRunner().invoke(cli, ["check", str(facts), "--as-of", "2026-11-22", "--format", "json"])
    assert res.exit_code == 1, res.output
    data = json.loads(res.output)
    conflicts = [f for f in data["findings"] if f["kind"] == "contradiction"]
    assert conflicts
    quotes = [s for f in conflicts for s in f["sources"]]
    assert any(s["doc"] == D000 and "Feb. 20" in s["quote"] for s in quotes)
    assert any(s["doc"] == D004 and "Tuesday" in s["quote"] for s in quotes)
    assert all(f["code"] == "FC101" and f["retract"] for f in conflicts)
