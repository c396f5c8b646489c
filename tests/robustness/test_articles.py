"""Bad articles are reported by file and the rest of the corpus is still audited; every file is accounted for."""

from __future__ import annotations

import json
import os
import shutil
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.corpus.load import load_article, read_capped
from tests.robustness.mutations import CORPUS

AS_OF = "2026-11-22"
GOOD = sorted(CORPUS.glob("*.txt"))[4]


def audit_json(folder: Path) -> tuple[int, dict, str]:
    r = CliRunner().invoke(cli, ["audit", str(folder), "--no-background", "--as-of", AS_OF, "--format", "json"])
    assert "Traceback" not in r.output
    out = r.stdout
    return r.exit_code, json.loads(out), r.stderr


def test_every_file_is_audited_skipped_or_failed(tmp_path: Path) -> None:
    d = tmp_path / "c"
    d.mkdir()
    shutil.copy(GOOD, d / "good.txt")
    (d / "latin.txt").write_bytes("Caf\xe9 talks were held on March 3, 2025 in Istanbul.\n".encode("cp1252"))
    (d / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "loop1.txt").symlink_to(d / "loop2.txt")
    (d / "loop2.txt").symlink_to(d / "loop1.txt")
    (d / "sub").mkdir()
    (d / "sub" / "up").symlink_to(d)  # a folder loop
    outside = tmp_path / "outside.txt"
    outside.write_text("Talks on March 3, 2025.", encoding="utf-8")
    (d / "out.txt").symlink_to(outside)
    code, data, err = audit_json(d)
    assert code == 0, err
    files = data["files"]
    assert files["audited"] == [str(d / "good.txt"), str(d / "latin.txt")]
    assert files["warnings"] == [{"path": str(d / "latin.txt"), "reason": "not UTF-8 (invalid at byte 3); decoded as cp1252"}]
    assert {(Path(n["path"]).name, n["reason"]) for n in files["skipped"]} == {
        ("binary.txt", "binary file"),
        ("empty.txt", "empty file"),
        ("out.txt", "symbolic link to a file outside the folder given"),
    }
    assert sorted(Path(n["path"]).name for n in files["failed"]) == ["loop1.txt", "loop2.txt"]
    assert all("Symlink loop" in n["reason"] for n in files["failed"])
    named = set(files["audited"]) | {n["path"] for k in ("skipped", "failed") for n in files[k]}
    assert named == {str(p) for p in d.glob("*.txt")}  # each file once, none forgotten
    for name in ("latin.txt", "binary.txt", "empty.txt", "loop1.txt", "out.txt"):
        assert f"{d / name}:" in err
    assert data["stats"]["documents"] == 2 and data["status"] == "consistent"


def test_text_report_ends_with_the_file_account(tmp_path: Path) -> None:
    shutil.copy(GOOD, tmp_path / "good.txt")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["audit", str(tmp_path), "--no-background", "--as-of", AS_OF])
    assert r.exit_code == 0
    assert "files: 1 audited (0 with a warning), 1 skipped, 0 failed" in r.stdout
    assert f"  skipped: {tmp_path / 'empty.txt'}: empty file" in r.stdout


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode, so chmod 000 cannot deny")
def test_unreadable_file_fails_and_the_rest_go_on(tmp_path: Path) -> None:
    shutil.copy(GOOD, tmp_path / "good.txt")
    locked = tmp_path / "locked.txt"
    shutil.copy(GOOD, locked)
    locked.chmod(0)
    try:
        code, data, _ = audit_json(tmp_path)
    finally:
        locked.chmod(0o644)
    assert code == 0
    assert data["files"]["audited"] == [str(tmp_path / "good.txt")]
    assert [n["path"] for n in data["files"]["failed"]] == [str(locked)]
    assert "Permission denied" in data["files"]["failed"][0]["reason"]


def test_a_50_mb_article_is_read_in_bounded_memory(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    line = b"Talks were held in Istanbul on March 3, 2025, officials said.\n"
    with big.open("wb") as fh:  # 2 MB of text, then a hole up to 50 MB (sparse: quick to make)
        fh.write(line * (2**19 // len(line)))
        fh.seek(50 * 2**20 - 1)
        fh.write(b"\n")
    tracemalloc.start()
    try:
        art = load_article(big, max_bytes=2**18)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(art.text) <= 2**18 and art.text.endswith("\n")
    assert any("only the first 0.25 MB read" in w for w in art.warnings)
    assert peak < 8 * 2**20  # a small multiple of the cap, nowhere near the 50 MB file
    raw, cut = read_capped(big)  # the default cap
    assert cut and len(raw) <= 8 * 2**20


def test_a_cp1252_article_checks_against_its_quotes(tmp_path: Path) -> None:
    # The fact set written by extract points at the article; check must decode it the same way.
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 talks were held on March 3, 2025 in Istanbul.\n".encode("cp1252"))
    out = tmp_path / "facts.yaml"
    r = CliRunner().invoke(cli, ["extract", str(tmp_path / "latin.txt"), "-o", str(out)])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(cli, ["check", "--isolated", str(out), "--as-of", AS_OF])
    assert r.exit_code == 0, r.output
