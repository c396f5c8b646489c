"""Bad articles are reported by file and the rest of the corpus is still audited; every file is accounted for."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.corpus.load import load_article, read_article_text
from factcheck.extract.merge import claim
from factcheck.extract.reader import ArticleReader
from factcheck.report.locate import line_col
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
    assert files["warnings"] == [
        {"path": str(d / "latin.txt"), "reason": "not UTF-8 (invalid at byte 3); decoded as cp1252"}
    ]
    assert {(Path(n["path"]).name, n["reason"]) for n in files["skipped"]} == {
        ("binary.txt", "binary file"),
        ("empty.txt", "empty file"),
        ("out.txt", "symbolic link to a file outside the folder given"),
        ("up", "symbolic link to a folder (not followed)"),
    }
    assert sorted(Path(n["path"]).name for n in files["failed"]) == ["loop1.txt", "loop2.txt"]
    assert all("Symlink loop" in n["reason"] for n in files["failed"])
    named = set(files["audited"]) | {n["path"] for k in ("skipped", "failed") for n in files[k]}
    assert named == {str(p) for p in d.glob("*.txt")} | {str(d / "sub" / "up")}  # each file once, none forgotten
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


NEWS = (
    "Officials said the market in the capital reopened on March 3, 2025, after repairs to the roof were finished.\n\n"
    "The committee reviewed the budget figures and the members discussed\nseveral proposals for the coming season.\n\n"
)
HEAD = (
    "Talks in Istanbul\n\nRussian and Ukrainian delegations held talks in Istanbul on May 16, 2025, officials said.\n\n"
)
END = "Russian and Ukrainian delegations held talks in Istanbul on May 19, 2025, the ministry said.\n"


def long_article(path: Path, size: int) -> int:
    """Dated news paragraphs up to ``size`` bytes, a dated sentence at the very end; the line it is on."""
    n = size // len(NEWS)
    with path.open("w", encoding="utf-8") as fh:
        fh.write(HEAD)
        for _ in range(n // 1000):
            fh.write(NEWS * 1000)
        fh.write(NEWS * (n % 1000))
        fh.write(END)
    return HEAD.count("\n") + n * NEWS.count("\n") + 1


def test_a_long_article_is_read_to_its_end_and_quoted_at_the_right_lines(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    last = long_article(big, 600_000)  # five windows: the last quote is far past the first
    out = tmp_path / "facts.yaml"
    r = CliRunner().invoke(cli, ["extract", str(big), "-o", str(out)])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(cli, ["check", "--isolated", str(out), "--as-of", AS_OF])
    # the talks of the first lines and those of the last line disagree: both quotes are found, at their lines
    assert r.exit_code == 1, r.output
    assert "big.txt:3:35" in r.stdout and f"big.txt:{last}:35" in r.stdout, r.stdout
    assert f"{last} | Russian and Ukrainian delegations held talks in Istanbul on May 19, 2025" in r.stdout
    assert "quote-drift" not in r.stdout
    r = CliRunner().invoke(cli, ["audit", str(tmp_path), "--no-background", "--as-of", AS_OF, "--format", "json"])
    data = json.loads(r.stdout)
    assert data["files"]["audited"] == [str(big)] and not data["files"]["warnings"], data["files"]


def test_an_article_read_in_windows_gives_what_it_gives_read_whole(tmp_path: Path) -> None:
    paras = [
        "Russian and Ukrainian delegations held talks in Istanbul on May 16, 2025, officials said.\n\n",
        "The committee reviewed the budget figures and the members discussed\nseveral proposals for the season.\n\n",
        "A prisoner exchange followed on May 23, 2025, the ministry said.\n\n",
    ]
    body = "Peace talks in Istanbul\n\n" + "".join(paras) * 150 + "Final talks were held in Geneva on June 9, 2031.\n"
    p = tmp_path / "a.txt"
    p.write_text(body, encoding="utf-8")
    reader = ArticleReader()
    whole = reader.read(load_article(p, window_bytes=2**20))
    art = load_article(p, window_bytes=2**14)
    assert art.plan is not None and len(art.plan.windows) >= 3
    parts = reader.read(art)
    assert sorted(map(claim, parts.facts)) == sorted(map(claim, whole.facts))
    assert [e["id"] for e in parts.events] == [e["id"] for e in whole.events]
    assert len({f["id"] for f in parts.facts}) == len(parts.facts)
    assert all(body[f["span"][0] : f["span"][1]] == f["quote"] for f in parts.facts)
    assert any(f["quote"].endswith("June 9, 2031") for f in parts.facts)


def test_a_60_mb_article_is_located_in_bounded_memory(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    last = long_article(big, 60 * 2**20)
    tracemalloc.start()
    try:
        art = load_article(big)
        text = read_article_text(big)
        at = text.rfind("held talks in Istanbul on May 19, 2025")
        line, col = line_col(text, at)
        quote = text[at : at + 38]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert art.plan is not None and len(art.plan.windows) > 400 and art.text.startswith("Talks in Istanbul")
    assert (line, col, quote) == (last, 35, "held talks in Istanbul on May 19, 2025")
    assert peak < 4 * 2**20, peak  # a few windows, nowhere near the 60 MB file


def test_a_long_line_without_breaks_is_read_in_pieces_with_a_warning(tmp_path: Path) -> None:
    big = tmp_path / "line.txt"
    big.write_text(("word " * 60_000) + "\nTalks were held in Istanbul on March 3, 2025.\n", encoding="utf-8")
    art = load_article(big, window_bytes=2**16)
    assert art.plan is not None and any("is longer than 64 KB; read in pieces" in w for w in art.warnings)
    ex = ArticleReader().read(art)
    assert any(f["quote"].endswith("on March 3, 2025") for f in ex.facts), ex.facts


def test_an_html_page_over_8_mb_is_skipped_not_read_in_part(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    with page.open("wb") as fh:  # a page of 9 MB, most of it a hole (sparse: quick to make)
        fh.write(b"<html><body><p>" + b"Talks were held in Istanbul on March 3, 2025. " * 200 + b"</p>\n")
        fh.seek(9 * 2**20)
        fh.write(b"</body></html>\n")
    with pytest.raises(ValueError, match="HTML page of 9 MB, over the 8 MB parsed at once"):
        load_article(page)


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("FACTCHECK_SLOW"), reason="minutes of reading: set FACTCHECK_SLOW=1")
def test_a_60_mb_article_is_extracted_to_its_end_in_bounded_memory(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    last = long_article(big, 60 * 2**20)
    probe = tmp_path / "probe.py"
    # Peak resident memory of a child that reads a small article first (imports, rules), then the big one.
    probe.write_text(
        "import json, resource, sys\n"
        "from pathlib import Path\n"
        "from factcheck.corpus.load import load_article\n"
        "from factcheck.extract.reader import ArticleReader\n"
        "reader = ArticleReader()\n"
        "reader.read(load_article(Path(sys.argv[1])))\n"
        "base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "ex = reader.read(load_article(Path(sys.argv[2])))\n"
        "grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base\n"
        "print(json.dumps({'grown_kb': grown, 'facts': ex.facts}))\n",
        encoding="utf-8",
    )
    out = subprocess.run([sys.executable, str(probe), str(GOOD), str(big)], capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)
    text = big.read_text(encoding="utf-8")
    end = [f for f in data["facts"] if f["quote"] == "held talks in Istanbul on May 19, 2025"]
    assert end and text.count("\n", 0, end[0]["span"][0]) + 1 == last
    assert all(text[f["span"][0] : f["span"][1]] == f["quote"] for f in data["facts"])
    assert data["grown_kb"] * 1024 < 20 * 2**20, data["grown_kb"]  # well under the 60 MB of the file


def test_a_cp1252_article_checks_against_its_quotes(tmp_path: Path) -> None:
    # The fact set written by extract points at the article; check must decode it the same way.
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 talks were held on March 3, 2025 in Istanbul.\n".encode("cp1252"))
    out = tmp_path / "facts.yaml"
    r = CliRunner().invoke(cli, ["extract", str(tmp_path / "latin.txt"), "-o", str(out)])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(cli, ["check", "--isolated", str(out), "--as-of", AS_OF])
    assert r.exit_code == 0, r.output
