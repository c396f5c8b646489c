"""One crawl time for every page of the bundled corpus: its page stamps clash, and that is one finding.

The "1 month ago" and "3 months ago" stamps cannot both hold for the same Monday talks;
the articles name that Monday in many ways, each a minimal conflict of its own.  Every
format shows one contradiction that names the clash once, and the JSON keeps every
minimal set under it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from factcheck.engine.grouping import is_mention
from factcheck.model import FactSet, Report
from factcheck.report import Format, render
from tests.report.conftest import assert_golden


def test_the_clash_is_one_finding_that_keeps_every_minimal_set(one_crawl: tuple[Report, FactSet, Path]) -> None:
    report, fs, _ = one_crawl
    found = [f for f in report.findings if f.kind == "contradiction"]
    assert len(found) == 1
    f = found[0]
    facts = {x.id: x for x in fs.facts}
    stamps = sorted(x for x in f.facts if facts[x].kind == "page_stamp")
    assert len(stamps) == 2, "the two page stamps are the clashing claims"
    assert len(f.conflicts) > 1 and f.facts in f.conflicts
    claims = {x for x in f.facts if x in f.retract or not is_mention(facts.get(x))}
    for c in f.conflicts:
        assert claims == {x for x in c if x in f.retract or not is_mention(facts.get(x))}
    assert {s.fact for s in f.also} == {x for c in f.conflicts for x in c} - set(f.facts)
    assert set(f.retract) <= set(f.facts)


def test_the_text_report_golden(one_crawl: tuple[Report, FactSet, Path]) -> None:
    report, fs, cwd = one_crawl
    assert_golden("one-crawl.txt", render(report, Format.TEXT, fs, cwd=cwd))


def test_every_format_shows_one_contradiction(one_crawl: tuple[Report, FactSet, Path]) -> None:
    report, fs, cwd = one_crawl
    out = {fmt: render(report, fmt, fs, cwd=cwd) for fmt in Format}
    assert out[Format.TEXT].count("error[FC101]") == 1
    assert out[Format.TEXT].count("= also:") == len(report.findings[0].also)
    data = json.loads(out[Format.JSON])
    assert [len(f["conflicts"]) > 1 for f in data["findings"] if f["code"] == "FC101"] == [True]
    story = json.loads(out[Format.JSONL].splitlines()[0])
    assert sum(f["code"] == "FC101" for f in story["findings"]) == 1
    sarif = json.loads(out[Format.SARIF])["runs"][0]["results"]
    assert sum(r["ruleId"] == "FC101" for r in sarif) == 1
    assert out[Format.GITHUB].count("title=FC101") == 1
    assert out[Format.GITHUB].count("%0Aalso: ") == 1
    # JUnit has a case per document: the one finding fails the case of each article it quotes
    junit = re.findall(r'<failure message="(these[^"]*)"', out[Format.JUNIT])
    assert len(junit) == len({s.doc for s in report.findings[0].sources}) and len(set(junit)) == 1
    assert out[Format.HTML].count('class="finding contradiction error conflict"') == 1
    assert '<details class="also" open>' in out[Format.HTML]


def test_underlines_cover_the_time_expression_and_the_trigger_and_the_json_quote_stays_whole(
    one_crawl: tuple[Report, FactSet, Path],
) -> None:
    report, fs, cwd = one_crawl
    lines = render(report, Format.TEXT, fs, cwd=cwd).splitlines()
    i = next(k for k, ln in enumerate(lines) if ln.startswith("8 | New direct negotiations"))
    body, carets = lines[i][4:], lines[i + 1][4:]
    marked = [body[a] for a in range(len(carets)) if carets[a] == "^"]
    assert "".join(marked) == "negotiationsMonday afternoon"  # the trigger and the time expression, not the rest
    data = json.loads(render(report, Format.JSON, fs, cwd=cwd))
    quotes = {s["fact"]: s["quote"] for f in data["findings"] for s in f["sources"]}
    text = fs.texts["003_1fa625e8ca6e2f1f"]
    fid = "003_1fa625e8ca6e2f1f-rel-event-on-time-213-1"
    assert quotes[fid] == "negotiations between Russia and Ukraine began in Istanbul on Monday afternoon"
    assert quotes[fid] == text[213 : 213 + len(quotes[fid])]
