"""The HTML timeline in headless Chromium: the DOM has the events and the conflict class; a screenshot.

FACTCHECK_UPDATE_GOLDENS=1 also rewrites docs/timeline.png from the bundled facts.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from factcheck.model import FactSet, Report
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


# Measured in the page as the browser lays it out, then written into the DOM for --dump-dom:
# each row's label against its bar (the label as clipped to its column), and the first
# contradiction's colour and quotes.
_MEASURE = """<script>
(function () {
  var out = {width: window.innerWidth, rows: 0, overlaps: [], conflict: null, quotes: 0, also: 0, rowLabel: null};
  var svg = document.querySelector('svg.timeline');
  var clip = document.querySelector('#label-column rect');
  var scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  var clipRight = svg.getBoundingClientRect().left + parseFloat(clip.getAttribute('width')) * scale;
  document.querySelectorAll('g.row').forEach(function (g) {
    var t = g.querySelector('text.label'), bar = g.querySelector('.bar, .point');
    if (!t || !bar) { return; }
    out.rows += 1;
    var right = t.getBoundingClientRect().right;
    if (t.getAttribute('clip-path')) { right = Math.min(right, clipRight); }
    if (right > bar.getBoundingClientRect().left + 0.5) { out.overlaps.push(g.id); }
  });
  var sec = document.querySelector('section.finding.conflict');
  if (sec) {
    out.conflict = getComputedStyle(sec).borderLeftColor;
    out.quotes = sec.querySelectorAll(':scope > blockquote').length;
    out.also = sec.querySelectorAll('details.also blockquote').length;
    out.textRight = Math.max.apply(null, Array.prototype.map.call(sec.querySelectorAll('blockquote'),
      function (q) { return q.getBoundingClientRect().right; }));
  }
  var label = document.querySelector('g.row.conflict text.label');
  if (label) { out.rowLabel = getComputedStyle(label).fill; }
  // Inside the viewport frame (see `framed`), the result goes to the page around it.
  var said = JSON.stringify(out);
  if (window.parent !== window) { parent.postMessage(said, '*'); } else { document.body.setAttribute('data-measure', said); }
})();
</script>"""

RED = "rgb(207, 34, 46)"
SIZES = [(1400, 1000), (420, 900)]


def framed(page: Path, size: tuple[int, int]) -> Path:
    """A page showing ``page`` in a frame of exactly ``size`` CSS pixels, at its top left.

    Headless Chromium lays a window out no narrower than 500 CSS pixels, whatever
    ``--window-size`` says; a frame is laid out at its own width, so a phone's 420 is real.
    """
    w, h = size
    outer = page.with_name(f"frame-{w}x{h}.html")
    outer.write_text(
        '<!doctype html><html><body style="margin:0">'
        "<script>window.addEventListener('message', function (e) "
        "{ document.body.setAttribute('data-measure', e.data); });</script>"
        f'<iframe src="{page.name}" style="display:block;border:0;width:{w}px;height:{h}px"></iframe>'
        "</body></html>",
        encoding="utf-8",
    )
    return outer


def measure(report_html: str, tmp_path: Path, size: tuple[int, int]) -> dict[str, object]:
    page = tmp_path / f"measure-{size[0]}.html"
    page.write_text(report_html.replace("</body>", _MEASURE + "</body>"), encoding="utf-8")
    window = f"--window-size={max(size[0], 500)},{size[1]}"
    out = run_chromium(tmp_path, window, "--virtual-time-budget=10000", "--dump-dom", framed(page, size).as_uri())
    assert out.returncode == 0, out.stderr[-2000:]
    m = re.search(r'data-measure="([^"]*)"', out.stdout)
    assert m, "the measuring script did not run"
    return dict(json.loads(html.unescape(m.group(1))))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_grouped_contradiction_in_red_with_its_quotes_and_no_label_over_a_bar(
    one_crawl: tuple[Report, FactSet, Path], tmp_path: Path, size: tuple[int, int]
) -> None:
    report, fs, cwd = one_crawl
    got = measure(render_html(report, fs, cwd=cwd), tmp_path, size)
    assert got["width"] == size[0]  # laid out at the size asked for, a phone's included
    finding = next(f for f in report.findings if f.kind == "contradiction")
    assert got["conflict"] == RED and got["rowLabel"] == RED
    assert got["quotes"] == len([s for s in finding.sources if s.quote])
    assert got["also"] == len([s for s in finding.also if s.quote])
    assert float(got["textRight"]) <= float(got["width"]), "quotes wrap inside the window"  # type: ignore[arg-type]
    assert int(got["rows"]) >= len(report.events)  # type: ignore[call-overload]
    assert got["overlaps"] == [], f"labels over bars at {size}: {got['overlaps']}"


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_screenshot(bundled: Case, tmp_path: Path, size: tuple[int, int]) -> None:
    page = write_page(bundled, tmp_path / "timeline.html")
    png = tmp_path / "timeline.png"
    # The window is the picture; the frame inside it lays the page out at exactly that width.
    out = run_chromium(
        tmp_path,
        f"--screenshot={png}",
        f"--window-size={size[0]},{size[1]}",
        "--virtual-time-budget=10000",
        framed(page, size).as_uri(),
    )
    assert out.returncode == 0 and png.is_file(), out.stderr[-2000:]
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk: the picture is the window
    assert (width, height) == size
    if UPDATE and size == SIZES[0]:
        shutil.copy(png, ROOT / "docs" / "timeline.png")
