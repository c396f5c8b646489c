"""The HTML timeline in headless Chromium: the DOM has the events and the conflict class; a screenshot.

FACTCHECK_UPDATE_GOLDENS=1 also rewrites docs/timeline.png from the bundled facts.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from factcheck.report import render_html
from tests.report.conftest import ROOT, UPDATE, Case


def chromium() -> str:
    exe = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if exe is None:
        pytest.skip("chromium is not installed (apt-get install -y chromium); the HTML is not checked in a browser")
    return exe


def run_chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={tmp_path / 'profile'}",
        *args,
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=180, check=False)


def write_page(case: Case, path: Path) -> Path:
    path.write_text(render_html(case.report, case.fs, cwd=case.cwd), encoding="utf-8")
    return path


def test_dom_has_the_events_and_the_conflict(perturbed: Case, tmp_path: Path) -> None:
    page = write_page(perturbed, tmp_path / "timeline.html")
    out = run_chromium(tmp_path, "--dump-dom", page.as_uri())
    assert out.returncode == 0, out.stderr[-2000:]
    dom = out.stdout
    for e in perturbed.report.events:
        assert f'id="row-e-{e.id}"' in dom
    assert 'class="row event conflict"' in dom
    assert "<svg" in dom and 'id="finding-1"' in dom


def test_screenshot(bundled: Case, tmp_path: Path) -> None:
    page = write_page(bundled, tmp_path / "timeline.html")
    png = tmp_path / "timeline.png"
    out = run_chromium(tmp_path, f"--screenshot={png}", "--window-size=1400,900", page.as_uri())
    assert out.returncode == 0 and png.is_file(), out.stderr[-2000:]
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    if UPDATE:
        shutil.copy(png, ROOT / "docs" / "timeline.png")
