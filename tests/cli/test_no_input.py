"""A run that audits or checks nothing exits 2 saying why; every file under a folder is accounted for."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from click.testing import CliRunner

from factcheck.cli import cli

ROOT = Path(__file__).resolve().parents[2]
GOOD = sorted((ROOT / "corpus" / "istanbul-2025").glob("*.txt"))[4]
AS_OF = "2026-11-22"


def run(*args: str):
    return CliRunner().invoke(cli, [*args])


def test_audit_of_an_empty_folder_exits_2_naming_it(tmp_path: Path) -> None:
    r = run("audit", str(tmp_path), "--as-of", AS_OF, "--no-background")
    assert r.exit_code == 2
    assert r.stdout == ""
    assert f"error: {tmp_path}: nothing audited: an empty folder" in r.stderr


def test_audit_of_a_folder_of_other_files_exits_2_saying_what_it_holds(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "b.rst").write_text("Talks on Monday.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    r = run("audit", str(tmp_path), "--as-of", AS_OF, "--no-background", "--format", "json")
    assert r.exit_code == 2
    assert r.stdout == ""
    msg = r.stderr.strip()
    assert msg.startswith(f"error: {tmp_path}: nothing audited: a folder of 4 files, none an article: ")
    assert "1 empty file" in msg and "2 .pdf, 1 .rst" in msg and ".txt, .md" in msg


def test_audit_of_a_file_that_is_not_an_article_names_why(tmp_path: Path) -> None:
    p = tmp_path / "blob.txt"
    p.write_bytes(bytes(range(256)) * 4)
    r = run("audit", str(p), "--as-of", AS_OF, "--no-background")
    assert r.exit_code == 2
    assert f"error: {p}: nothing audited: a file, none an article: 1 binary file" in r.stderr


def test_every_file_under_a_folder_is_listed_audited_or_skipped(tmp_path: Path) -> None:
    shutil.copy(GOOD, tmp_path / "good.txt")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "README").write_text("about this corpus", encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\0")
    (tmp_path / "corpus.yaml").write_text("defaults: {retrieved: 2025-09-01}\n", encoding="utf-8")
    (tmp_path / "deep").mkdir()
    (tmp_path / "deep" / "corpus.yaml").write_text("documents: {}\n", encoding="utf-8")
    r = run("audit", str(tmp_path), "--as-of", AS_OF, "--no-background", "--format", "json")
    assert r.exit_code == 0, r.stderr
    files = json.loads(r.stdout)["files"]
    assert files["audited"] == [str(tmp_path / "good.txt")]
    skipped = {Path(n["path"]).relative_to(tmp_path).as_posix(): n["reason"] for n in files["skipped"]}
    assert skipped == {
        ".DS_Store": "hidden file",
        "README": "not an article type (no suffix; articles are .txt, .md, .markdown, .html, .htm)",
        "corpus.yaml": "corpus manifest",
        "deep/corpus.yaml": "corpus manifest below the folder given (only a folder given has one)",
        "notes.pdf": "not an article type (.pdf; articles are .txt, .md, .markdown, .html, .htm)",
    }
    every = {q.relative_to(tmp_path).as_posix() for q in tmp_path.rglob("*") if q.is_file()}
    assert every == {"good.txt", *skipped}
    text = run("audit", str(tmp_path), "--as-of", AS_OF, "--no-background")
    assert "files: 1 audited (0 with a warning), 5 skipped, 0 failed" in text.stdout
    assert f"  skipped: {tmp_path / 'notes.pdf'}: not an article type (.pdf;" in text.stdout


def test_check_of_a_folder_without_fact_sets_exits_2(tmp_path: Path) -> None:
    (tmp_path / "facts.json").write_text("{}", encoding="utf-8")
    r = run("check", str(tmp_path), "--as-of", AS_OF)
    assert r.exit_code == 2
    assert f"error: {tmp_path}: no fact set to check: a folder of 1 file (1 .json), none .yaml or .yml" in r.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    r = run("check", str(empty), "--as-of", AS_OF)
    assert r.exit_code == 2 and f"error: {empty}: no fact set to check: an empty folder" in r.stderr


def test_timeml_check_of_a_folder_without_tml_exits_2(tmp_path: Path) -> None:
    (tmp_path / "doc.xml").write_text("<TimeML/>", encoding="utf-8")
    r = run("timeml", "check", str(tmp_path))
    assert r.exit_code == 2
    assert "no TimeML file: a folder of 1 file (1 .xml), none named *.tml or *.tml.TE3input" in r.stderr


def test_the_console_script_exits_2_on_nothing_to_audit(tmp_path: Path) -> None:
    exe = shutil.which("factcheck")
    assert exe, "the console script is installed with the package"
    for args in (["audit", str(tmp_path), "--no-background"], ["check", str(tmp_path)],
                 ["timeml", "check", str(tmp_path)]):  # fmt: skip
        p = subprocess.run([exe, *args, "--as-of", AS_OF] if args[0] != "timeml" else [exe, *args],
                           capture_output=True, text=True, timeout=120)  # fmt: skip
        assert p.returncode == 2, (args, p.stderr)
        assert p.stdout == "" and str(tmp_path) in p.stderr
