"""The read path from article to fact set: typed records, facts placed in their articles, faults kept in theirs.

A fault of the reader on one article (an exception, or a record the engine cannot take)
fails that article with the reason; the rest is audited and the run exits 3 (incomplete).
Bad input from a user still exits 2.  ``extract`` reads as ``audit`` does.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.auditing import run
from factcheck.cli import cli
from factcheck.corpus.windows import WINDOW_BYTES
from factcheck.extract.reader import ArticleReader
from factcheck.extract.records import ReadArticle, ReadEvent, ReadFault, typed

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus" / "istanbul-2025"
AS_OF = "2026-11-22"
ARTICLES = sorted(CORPUS.glob("*.txt"))


def _corpus(tmp_path: Path, n: int = 3) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for p in ARTICLES[:n]:
        shutil.copy(p, folder / p.name)
    return folder


def _audit(folder: Path, *extra: str) -> tuple[int, dict, str]:
    r = CliRunner().invoke(cli, ["audit", str(folder), "--as-of", AS_OF, "--format", "json", "--jobs", "1",
                                 "--isolated", *extra])  # fmt: skip
    return r.exit_code, json.loads(r.stdout) if r.stdout.strip().startswith("{") else {}, r.stderr


def test_a_reader_exception_fails_its_article_and_the_rest_is_audited(tmp_path, monkeypatch):
    folder = _corpus(tmp_path)
    bad = folder / ARTICLES[1].name
    read = ArticleReader.read

    def faulty(self, article, dct=None):
        if Path(article.path).name == bad.name:
            raise RuntimeError("boom in the reader")
        return read(self, article, dct)

    monkeypatch.setattr(ArticleReader, "read", faulty)
    code, out, err = _audit(folder)
    assert code == 3, err  # consistent otherwise, but incomplete
    assert out["files"]["failed"] == [
        {"path": str(bad), "reason": "internal error while reading: RuntimeError: boom in the reader"}
    ]
    assert out["files"]["audited"] == sorted(str(folder / p.name) for p in ARTICLES[:3] if p.name != bad.name)
    assert f"{bad}: failed: internal error while reading" in err


def test_a_record_the_engine_cannot_take_fails_its_article(tmp_path, monkeypatch):
    folder = _corpus(tmp_path, 2)
    bad = folder / ARTICLES[0].name
    read = ArticleReader.read

    def dangling(self, article, dct=None):
        ex = read(self, article, dct)
        if Path(article.path).name == bad.name:
            f = next(f for f in ex.facts if not str(f.get("subject", "doc:")).startswith("doc:"))
            f["subject"] = f"{ex.doc_id}:no-such-event"
        return ex

    monkeypatch.setattr(ArticleReader, "read", dangling)
    code, out, _ = _audit(folder)
    assert code == 3
    (failed,) = out["files"]["failed"]
    assert failed["path"] == str(bad)
    assert "internal error while reading" in failed["reason"] and "unknown event" in failed["reason"]
    assert out["files"]["audited"] == [str(folder / ARTICLES[1].name)]


def test_bad_input_from_a_user_still_exits_2(tmp_path):
    folder = _corpus(tmp_path, 1)
    (folder / "broken.md").write_text("---\npublished: [2025-01-01\n---\nTalks were held on Monday.\n", "utf-8")
    code, _, err = _audit(folder)
    assert code == 2
    assert f"{folder / 'broken.md'}:" in err


def test_an_invalid_record_is_a_read_fault():
    with pytest.raises(ReadFault, match="invalid record"):
        typed({"id": "a"}, [], [{"id": "f", "kind": "date", "subject": "a:x", "value": "not a date"}])
    rec = typed({"id": "a", "path": "a.txt"}, [{"id": "a:talks", "label": "talks", "kind": "talks"}],
                [{"id": "f", "kind": "date", "subject": "a:talks", "value": "2025-02-27", "doc": "a", "span": [3, 9],
                  "quote": "Feb 27", "by": "r"}])  # fmt: skip
    assert isinstance(rec, ReadArticle) and rec.events == (ReadEvent("a:talks", "talks", "talks"),)
    assert ReadArticle.from_json(rec.to_json()) == rec
    assert rec.to_json()["facts"] == [{"id": "f", "kind": "date", "subject": "a:talks", "value": "2025-02-27",
                                       "doc": "a", "span": [3, 9], "quote": "Feb 27", "by": "r"}]  # fmt: skip


def test_each_fact_is_placed_at_its_quote_in_its_article_and_nothing_is_written(tmp_path):
    before = set(Path("/").glob("extracted.yaml"))
    result = run.audit([CORPUS], as_of=None, executor=run.InProcess())
    assert set(Path("/").glob("extracted.yaml")) == before
    fs = result.factset
    assert fs.facts
    for f in fs.facts:
        loc = fs.origins[f.id]
        if f.doc is None or f.id.startswith("bg-"):
            continue
        text = Path(loc.path).read_text(encoding="utf-8")
        assert Path(loc.path).is_absolute() and Path(loc.path).parent == CORPUS
        lines = text.split("\n")
        assert f.quote is not None and f.quote.split("\n")[0] in lines[loc.line - 1][loc.column - 1 :]


def test_a_long_files_windows_are_documents_and_stories_of_their_own(tmp_path):
    folder = tmp_path / "long"
    folder.mkdir()
    para = ARTICLES[0].read_text(encoding="utf-8").split("\n\n", 1)[1]
    body = ""
    while len(body.encode()) < 2.5 * WINDOW_BYTES:
        body += para + "\n\n"
    (folder / "long.txt").write_text(body, encoding="utf-8")
    ctx = run.ReadContext(background=None, match_timeout=None)
    d = run.read_one(ctx, str(folder / "long.txt"))
    assert d.extraction is not None and d.spill is not None and len(d.parts) == 2
    lines = Path(d.spill).read_text(encoding="utf-8").splitlines()
    records = [json.loads(x) for x in lines]
    assert [r["doc_id"] for r in records] == list(d.parts) == ["long#w1", "long#w2"]
    for r in records:  # each window speaks only of its own document and its own copies of events
        assert {f["doc"] for f in r["facts"]} == {r["doc_id"]}
        assert all(e["id"].endswith("#w" + str(r["window"])) for e in r["events"])
        for fid, (path, line, _) in r["origins"].items():
            f = next(f for f in r["facts"] if f["id"] == fid)
            assert path == str((folder / "long.txt").resolve())
            assert f["quote"].split("\n")[0] in body.split("\n")[line - 1]
    os.unlink(d.spill)
    code, out, err = _audit(folder, "--no-background", "--match-timeout", "600")
    assert code in (0, 1), err
    assert out["stats"]["stories"] == 3 and out["stats"]["documents"] == 3


def test_extract_reads_as_audit_does_with_the_manifest_and_the_reader_pack(tmp_path):
    folder = _corpus(tmp_path, 1)
    stem = ARTICLES[0].name.split(".")[0]
    (folder / "corpus.yaml").write_text(
        f"version: 1\ndocuments:\n  {stem}:\n    publisher: The Example Courier\n    trust: 0.5\n", "utf-8"
    )
    pack = tmp_path / "pack.yaml"
    pack.write_text(PACK, encoding="utf-8")

    def extract(*extra: str) -> str:
        r = CliRunner().invoke(cli, ["extract", str(folder), *extra])
        assert r.exit_code == 0, r.output
        return r.stdout

    shipped = extract()
    assert "source: The Example Courier" in shipped  # the manifest, as audit applies it
    weights = [float(line.split(":")[1]) for line in shipped.splitlines() if line.strip().startswith("weight:")]
    assert weights and max(weights) <= 0.5
    assert extract("--extract-rules", str(pack)).count("kind:") == shipped.count("kind:")
    assert shipped.count("kind:") > 0 and "facts: []" in extract("--extract-rules", str(pack), "--extract-rules-only")
    r = CliRunner().invoke(cli, ["extract", str(folder), "--extract-rules-only"])
    assert r.exit_code == 2 and "--extract-rules-only needs --extract-rules" in r.output


PACK = """\
extract: local
relations:
  - id: rel-local-announced
    description: A statement dated by "announced on".
    pattern: '{event:statement}\\s+announced\\s+on\\s+{timex:DATE}'
    produce: statement
    examples:
      - text: "The ministry announced on Tuesday that it would attend."
        expect: []
    negatives:
      - "The ministry said the talks would resume."
"""
