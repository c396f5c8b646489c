"""The HTML timeline: self-contained, every article and fact-set string escaped, conflicts marked."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from factcheck.api import check
from factcheck.report import render_html
from tests.report.conftest import Case

EVIL = "<script>alert('x')</script>"
ARTICLE = f"Headline {EVIL} here.\nThe meeting was on 3 March 2025, said <b>officials</b>.\nOr 4 March 2025.\n"


def evil_case(tmp_path: Path) -> str:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    q1 = ARTICLE.index(EVIL)
    q2 = ARTICLE.index("3 March 2025, said <b>officials</b>")
    q3 = ARTICLE.index("4 March 2025")
    quote2 = "3 March 2025, said <b>officials</b>"
    (tmp_path / "f.yaml").write_text(
        "version: 1\n"
        "documents:\n"
        "  - {path: a.txt, title: '\"><svg onload=alert(1)>', published: 2025-03-05}\n"
        "events:\n"
        "  - {id: meeting, label: '<img src=x onerror=alert(1)> meeting & talks'}\n"
        "facts:\n"
        f"  - {{id: f0, kind: date, subject: meeting, value: '2025-03-03', doc: a, span: [{q1}, {q1 + len(EVIL)}],"
        f' quote: "{EVIL}"}}\n'
        f"  - {{id: f1, kind: date, subject: meeting, value: '2025-03-03', doc: a, span: [{q2}, {q2 + len(quote2)}],"
        f" quote: '{quote2}'}}\n"
        f"  - {{id: f2, kind: date, subject: meeting, value: '2025-03-04', doc: a, span: [{q3}, {q3 + 12}],"
        " quote: '4 March 2025', note: '</title><script>alert(2)</script>'}\n",
        encoding="utf-8",
    )
    report, fs = check([tmp_path / "f.yaml"], as_of=dt.date(2026, 1, 1))
    assert any(f.code == "FC101" for f in report.findings)
    return render_html(report, fs, cwd=tmp_path)


def test_injected_markup_is_escaped(tmp_path: Path) -> None:
    page = evil_case(tmp_path)
    assert page.count("<script>") == 1  # ours, at the end
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt; meeting &amp; talks" in page
    assert "<svg onload" not in page and "&quot;&gt;&lt;svg onload=alert(1)&gt;" in page
    assert "<b>officials" not in page and "&lt;b&gt;officials&lt;/b&gt;" in page
    # the script block holds no data at all
    script = page.split("<script>")[1].split("</script>")[0]
    assert "alert" not in script and "meeting" not in script


def test_page_is_self_contained(bundled: Case) -> None:
    page = render_html(bundled.report, bundled.fs, cwd=bundled.cwd)
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"https?://", page)
    assert "<link" not in page and " src=" not in page and "@import" not in page


def test_every_event_and_document_has_a_row(bundled: Case) -> None:
    page = render_html(bundled.report, bundled.fs, cwd=bundled.cwd)
    for e in bundled.report.events:
        assert f'id="row-e-{e.id}"' in page
    for d in bundled.report.documents:
        assert f'id="row-d-{d.id}"' in page
    assert "conflict" not in re.findall(r'<g class="([^"]*)"', page)


def test_contradictions_are_highlighted_with_their_quotes(perturbed: Case) -> None:
    page = render_html(perturbed.report, perturbed.fs, cwd=perturbed.cwd)
    classes = {row_id: cls for cls, row_id in re.findall(r'<g class="([^"]*)" id="(row-[^"]+)"', page)}
    assert "conflict" in classes["row-e-embassy-round-2"].split()
    assert "conflict" in classes["row-d-001_61e2bf3e0c14cfd6"].split()
    assert "conflict" not in classes["row-e-saudi-meeting"].split()
    # the quotes of the conflict are in the row's tooltip, and a click target names the finding
    row = page.split('id="row-e-embassy-round-2"')[1].split("</g>")[0]
    assert "<title>" in row and "FC101 contradiction" in row and "US delegation enters" in row
    tag = re.search(r'<g [^>]*id="row-e-embassy-round-2"[^>]*>', page)
    assert tag is not None and 'data-findings="finding-1' in tag.group(0)
    assert '<section class="finding contradiction error conflict" id="finding-1">' in page
