"""`factcheck audit` on the bundled corpus: the timeline a careful reader infers, and edits it catches.

All with --as-of 2026-11-22.  Cross-article edits are made on a copy of the corpus; each
contradictory edit must give exit 1 with a contradiction quoting the edited sentence, and
each harmless edit (a date moved only within what the other texts allow, a name, a number)
must not be flagged.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.auditing import audit
from factcheck.cli import cli
from factcheck.diagnostics import render

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus" / "istanbul-2025"
AS_OF = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def result():
    return audit([CORPUS], as_of=AS_OF)


def event_with(report, docs, day):
    for e in report.events:
        if {m.doc[:3] for m in e.mentions if m.doc} >= set(docs) and e.earliest == e.latest == day:
            return e
    return None


def test_bundled_corpus_is_consistent(result):
    assert result.report.status.value == "consistent"
    assert not [f for f in result.report.findings if f.kind == "contradiction"]


def test_inferred_events(result):
    r = result.report
    d = dt.date
    assert event_with(r, ["000", "004"], d(2025, 2, 18)), "Saudi meeting: 2025-02-18, from 000 and 004"
    assert event_with(r, ["000"], d(2025, 2, 27)), "first embassy round: 2025-02-27"
    assert event_with(r, ["000", "001"], d(2025, 4, 10)), "second embassy round: 2025-04-10, from 000 and 001"
    assert event_with(r, ["002", "003"], d(2025, 5, 16)), "first Russia-Ukraine round: 2025-05-16, from 002 and 003"


def test_inferred_creation_times(result):
    docs = {x.id[:3]: x.published for x in result.report.documents}
    assert (docs["000"].earliest, docs["000"].latest) == (dt.date(2025, 4, 8), dt.date(2025, 4, 9))
    assert (docs["004"].earliest, docs["004"].latest) == (dt.date(2025, 2, 11), dt.date(2025, 2, 17))


def test_links_are_reported_with_reasons(result):
    links = result.report.links
    assert any({m[:3] for m in lk.members} == {"000", "004"} for lk in links)
    assert all(lk.reason for lk in links)
    assumed = [lk for lk in links if lk.assumed]
    assert assumed and all("consistent" in lk.reason for lk in assumed)


def test_without_background_the_years_stay_open(tmp_path):
    r = audit([CORPUS], as_of=AS_OF, background=False).report
    assert r.status.value == "consistent"
    assert not event_with(r, ["002", "003"], dt.date(2025, 5, 16))


def test_cli_json_and_exit_code(tmp_path):
    out = tmp_path / "report.json"
    res = CliRunner().invoke(cli, ["audit", str(CORPUS), "--as-of", "2026-11-22", "--format", "json", "-o", str(out)])
    assert res.exit_code == 0, res.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["status"] == "consistent" and data["links"]


def test_installed_console_script(tmp_path):
    exe = shutil.which("factcheck")
    cmd = [exe] if exe else [sys.executable, "-c", "from factcheck.cli import main; main()"]
    p = subprocess.run([*cmd, "audit", str(CORPUS), "--as-of", "2026-11-22"], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    assert "consistent" in p.stdout


def copy_corpus(tmp_path: Path) -> Path:
    dst = tmp_path / "corpus"
    shutil.copytree(CORPUS, dst)
    return dst


@pytest.fixture(scope="module")
def _edit_space(tmp_path_factory) -> tuple[Path, Path]:
    """A folder for the edit tests' corpus copy, and the audit cache they share."""
    root = tmp_path_factory.mktemp("edits")
    return root / "corpus", root / "cache"


@pytest.fixture
def edited(_edit_space):
    """A fresh copy of the corpus, always at one path, and an audit through the module's cache.

    The audits of the edit tests differ in one article (or the manifest): through a cache keyed
    by each article's path and bytes, the other articles are read once for all of them, and an
    audit's report is the same with or without a cache (tests/auditing/test_scale.py).
    """
    corpus, cache = _edit_space
    shutil.copytree(CORPUS, corpus)
    yield corpus, lambda **kw: audit([corpus], as_of=AS_OF, cache_dir=cache, **kw).report
    shutil.rmtree(corpus)


def edit(corpus: Path, prefix: str, old: str, new: str) -> tuple[str, int, int]:
    (path,) = sorted(corpus.glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    at = text.index(old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path.stem, at, at + len(new)


def cites(report, doc, start, end) -> bool:
    for f in report.findings:
        if f.kind == "contradiction":
            for s in f.sources:
                if s.doc == doc and s.start is not None and s.start < end + 150 and start - 150 < s.end:
                    return True
    return False


CROSS = [
    # the four
    ("arrived-monday-to-friday", "002", "arrived Monday", "arrived Friday"),
    ("saudi-feb-18-to-20", "000", "met in Saudi Arabia on Feb. 18", "met in Saudi Arabia on Feb. 20"),
    ("mid-may-to-mid-april", "003", "mid-May", "mid-April"),
    # more kinds
    ("embedded-post-date-moved", "001", "(@RT_com) April 10, 2025", "(@RT_com) April 11, 2025"),
    (
        "saudi-weekday-changed",
        "004",
        "will meet in Saudi Arabia on Tuesday to discuss the",
        "will meet in Saudi Arabia on Wednesday to discuss the",
    ),
    ("previous-round-after-the-next", "000", "last met in Istanbul on Feb. 27", "last met in Istanbul on April 15"),
    ("first-round-date-outside-mid-may", "002", "last met in Istanbul on May 16", "last met in Istanbul on May 2"),
    ("attack-offset-changed", "002", "just a day after Ukraine launched", "just three days after Ukraine launched"),
    (
        "headline-ordinal-disagrees-across",
        "003",
        "Ukraine and Russia meet in Istanbul for second round of talks\n\n3 months",
        "Ukraine and Russia meet in Istanbul for third round of talks\n\n3 months",
    ),
]


@pytest.mark.parametrize(("kind", "prefix", "old", "new"), CROSS, ids=[c[0] for c in CROSS])
def test_cross_article_edit_is_detected(kind, prefix, old, new, edited):
    corpus, audited = edited
    doc, start, end = edit(corpus, prefix, old, new)
    r = audited(max_conflicts=1)
    assert r.status.value == "contradiction", f"{kind}: not detected"
    assert cites(r, doc, start, end), f"{kind}: the edited sentence is not quoted"


MANIFESTS = [
    ("004-published-feb-20", "documents:\n  004_76a9e468170db15a: {published: 2025-02-20}\n", "004"),
    ("000-published-after-the-talks", "documents:\n  000_90b6c094a84fe0d4: {published: 2025-04-11}\n", "000"),
    ("one-crawl-too-early-for-stamps", "defaults: {retrieved: 2025-06-10}\n", "003"),
]


@pytest.mark.parametrize(("kind", "manifest", "doc"), MANIFESTS, ids=[m[0] for m in MANIFESTS])
def test_manifest_that_contradicts_the_texts(kind, manifest, doc, edited):
    corpus, audited = edited
    (corpus / "corpus.yaml").write_text(manifest, encoding="utf-8")
    r = audited(max_conflicts=1)
    assert r.status.value == "contradiction", f"{kind}: not detected"
    assert any(s.doc and s.doc.startswith(doc) for f in r.findings if f.kind == "contradiction" for s in f.sources)


HARMLESS = [
    ("sidebar-date", "003", "On August 18, 2025, high-level", "On August 19, 2025, high-level"),
    ("conviction-year", "001", "convicted in August 2024", "convicted in July 2024"),
    ("prisoner-count", "002", "exchange 1,000 prisoners each", "exchange 1,200 prisoners each"),
    ("flight-day-within-window", "004", "will fly to Riyadh on Monday", "will fly to Riyadh on Sunday"),
    ("name-spelling", "000", "Sonata Coulter will lead", "Sonata Kolter will lead"),
    ("stamp-without-crawl-date", "003", "\n3 months ago\n", "\n4 months ago\n"),
]


@pytest.mark.parametrize(("kind", "prefix", "old", "new"), HARMLESS, ids=[h[0] for h in HARMLESS])
def test_harmless_cross_article_edit_is_not_flagged(kind, prefix, old, new, edited):
    corpus, audited = edited
    edit(corpus, prefix, old, new)
    r = audited()
    assert r.status.value == "consistent", [render(f) for f in r.findings if f.kind == "contradiction"]


def test_harmless_manifest_within_the_inferred_range(edited):
    corpus, audited = edited
    (corpus / "corpus.yaml").write_text("documents:\n  004_76a9e468170db15a: {published: 2025-02-14, trust: 0.8}\n")
    r = audited()
    assert r.status.value == "consistent"


def test_bad_manifest_is_a_clear_error(tmp_path):
    corpus = copy_corpus(tmp_path)
    (corpus / "corpus.yaml").write_text("documents:\n  x: {publshed: 2025-02-14}\n")
    res = CliRunner().invoke(cli, ["audit", str(corpus), "--as-of", "2026-11-22"])
    assert res.exit_code == 2
    assert "corpus.yaml:2:" in res.output and "unknown key 'publshed'" in res.output
