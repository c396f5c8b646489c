"""Nothing outside the paths given is read, and article text reaches the HTML report only escaped."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from tests.robustness.mutations import CORPUS

AS_OF = "2026-11-22"
OPENED: list[str] | None = None


def _hook(event: str, args: tuple[object, ...]) -> None:
    if OPENED is not None and event == "open" and isinstance(args[0], (str, bytes, Path)):
        OPENED.append(str(args[0]))


sys.addaudithook(_hook)  # audit hooks cannot be removed; this one only records while a test asks it to


@pytest.fixture
def opened() -> Iterator[list[str]]:
    global OPENED
    OPENED = []
    try:
        yield OPENED
    finally:
        OPENED = None


def test_manifest_and_front_matter_cannot_point_at_other_files(tmp_path: Path, opened: list[str]) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET talks on March 3, 2025.", encoding="utf-8")
    d = tmp_path / "work" / "corpus"
    d.mkdir(parents=True)
    shutil.copy(sorted(CORPUS.glob("*.txt"))[4], d / "a.txt")
    rel = "../../secret.txt"
    (d / "b.md").write_text(
        f"---\nid: {rel}\ntitle: {secret}\nurl: file://{secret}\npublisher: {rel}\n---\nTalks were held on March 3, 2025.\n",
        encoding="utf-8",
    )
    (d / "corpus.yaml").write_text(
        "version: 1\n"
        f"defaults: {{url: '{secret}', publisher: '{rel}', title: '/etc/passwd'}}\n"
        f"documents:\n  '{rel}': {{title: '{secret}'}}\n  a: {{url: 'file:///etc/passwd', title: '{rel}'}}\n",
        encoding="utf-8",
    )
    opened.clear()  # only what the runs read
    for fmt in ("json", "html"):
        r = CliRunner().invoke(cli, ["audit", str(d), "--no-background", "--as-of", AS_OF, "--format", fmt])
        assert r.exit_code == 0, r.output
        assert "TOP SECRET" not in r.output
    reads = {Path(p).resolve() for p in opened}
    assert d / "a.txt" in reads  # the hook does see the reads
    assert secret.resolve() not in reads and Path("/etc/passwd") not in reads
    assert all(not str(p).startswith(str(tmp_path)) or str(p).startswith(str(d)) for p in reads)


def test_markup_in_an_article_reaches_the_html_report_escaped(tmp_path: Path) -> None:
    # Published before the day it says the meeting took place: a contradiction, so the quote is shown.
    (tmp_path / "evil.md").write_text(
        "---\npublished: 2025-03-01\n---\n"
        'Officials met <script>alert("pwn")</script><img src=x onerror=alert(1)> in Istanbul on March 3, 2025.\n'
        "The talks ended on March 5, 2025 & resumed on March 1, 2025.\n",
        encoding="utf-8",
    )
    r = CliRunner().invoke(cli, ["audit", str(tmp_path), "--no-background", "--as-of", AS_OF, "--format", "html"])
    assert r.exit_code == 1, r.output  # a contradiction, so the quotes are shown
    page = r.stdout
    assert "&lt;script&gt;alert(&quot;pwn&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<img" not in page and "alert(&quot;pwn" in page and 'alert("pwn")' not in page
    assert page.count("<script>") == 1  # the page's own script, holding no data
    script = page.split("<script>")[1].split("</script>")[0]
    assert "pwn" not in script and "Officials" not in script and "Istanbul" not in script
