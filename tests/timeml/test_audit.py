"""TimeML documents written here: every relType mapped, consistent and inconsistent, both modes."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.diagnostics import render
from factcheck.engine.solver import Outcome
from factcheck.engine.tlinks import RELATIONS
from factcheck.timeml import read_timeml
from factcheck.timeml.audit import audit_timeml
from tests.engine.test_tlinks import CLASH

TEMPLATE = """<?xml version="1.0" ?>
<TimeML>
<DOCID>{doc}</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-03-05" temporalFunction="false" functionInDocument="CREATION_TIME">1998-03-05</TIMEX3></DCT>
<TEXT>
Officials <EVENT eid="e1" class="OCCURRENCE">met</EVENT> on <TIMEX3 tid="t1" type="DATE" value="1998-03-03">Tuesday</TIMEX3>
and <EVENT eid="e2" class="REPORTING">said</EVENT> the talks would <EVENT eid="e3" class="OCCURRENCE">resume</EVENT>
on <TIMEX3 tid="t2" type="DATE" value="1998-03-04">Wednesday</TIMEX3>.
</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<MAKEINSTANCE eventID="e2" eiid="ei2" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<MAKEINSTANCE eventID="e3" eiid="ei3" tense="INFINITIVE" aspect="NONE" polarity="POS" pos="VERB"/>
{links}
</TimeML>
"""


def tml(tmp_path: Path, name: str, links: list[tuple[str, str, str]]) -> Path:
    lines = []
    for n, (rel, a, b) in enumerate(links, 1):
        src = f'timeID="{a}"' if a.startswith("t") else f'eventInstanceID="{a}"'
        dst = f'relatedToTime="{b}"' if b.startswith("t") else f'relatedToEventInstance="{b}"'
        lines.append(f'<TLINK lid="l{n}" relType="{rel}" {src} {dst}/>')
    p = tmp_path / f"{name}.tml"
    p.write_text(TEMPLATE.format(doc=name, links="\n".join(lines)), encoding="utf-8")
    return p


def test_reader_keeps_offsets_and_links(tmp_path: Path) -> None:
    doc = read_timeml(tml(tmp_path, "d", [("BEFORE", "ei1", "ei2")]))
    assert doc.dct is not None and str(doc.dct_date()) == "1998-03-05"
    assert [doc.text[e.start : e.end] for e in doc.events] == ["met", "said", "resume"]
    assert [(t.tid, doc.text[t.start : t.end]) for t in doc.timexes if t.start is not None] == [
        ("t1", "Tuesday"),
        ("t2", "Wednesday"),
    ]
    assert [(link.rel, link.source, link.target) for link in doc.tlinks] == [("BEFORE", "ei1", "ei2")]


@pytest.mark.parametrize("rel", sorted(RELATIONS))
def test_reltype_consistent_and_inconsistent_in_timeml(tmp_path: Path, rel: str) -> None:
    ok = tml(tmp_path, f"ok-{rel}", [(rel, "ei1", "ei2"), ("BEFORE", "ei2", "ei3")])
    bad = tml(tmp_path, f"bad-{rel}", [(rel, "ei1", "ei2"), (CLASH[rel], "ei1", "ei2"), ("BEFORE", "ei2", "ei3")])
    audit = audit_timeml([ok, bad], modes=("links",))
    assert audit.results[f"ok-{rel}"]["links"].outcome is Outcome.SAT
    res = audit.results[f"bad-{rel}"]["links"]
    assert res.outcome is Outcome.UNSAT and res.conflicts == [("link:l1", "link:l2")]


def test_metric_mode_finds_what_links_alone_cannot(tmp_path: Path) -> None:
    # "met" before Tuesday March 3 and after Wednesday March 4: only the dates clash
    p = tml(tmp_path, "metric", [("BEFORE", "ei1", "t1"), ("AFTER", "ei1", "t2")])
    audit = audit_timeml([p])
    assert audit.results["metric"]["links"].outcome is Outcome.SAT
    assert audit.results["metric"]["metric"].conflicts == [("link:l1", "link:l2", "value:t1", "value:t2")]
    assert audit.report is not None
    [finding] = [f for f in audit.report.findings if f.kind == "contradiction"]
    assert "(metric mode)" in render(finding) and finding.code == "FC111"
    assert any("met BEFORE Tuesday" in (s.quote or "") for s in finding.sources)


def test_cli_exit_codes_and_summary(tmp_path: Path) -> None:
    good = tml(tmp_path, "good", [("BEFORE", "ei1", "ei2")])
    bad = tml(tmp_path, "bad", [("BEFORE", "ei1", "ei2"), ("AFTER", "ei1", "ei2")])
    r = CliRunner().invoke(cli, ["timeml", "check", str(good)])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(cli, ["timeml", "check", str(good), str(bad)])
    assert r.exit_code == 1 and "links: 1 consistent, 1 inconsistent" in r.output
    (tmp_path / "broken.tml").write_text("<TimeML><TEXT>unclosed", encoding="utf-8")
    r = CliRunner().invoke(cli, ["timeml", "check", str(tmp_path / "broken.tml")])
    assert r.exit_code == 2 and "broken.tml:1:" in r.output


def _tlink_lines(path: Path) -> dict[str, int]:
    import re

    lines = enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
    return {"link:" + m.group(1): n for n, line in lines if (m := re.search(r'<TLINK lid="([^"]+)"', line))}


def test_github_annotations_point_at_the_tlink_to_drop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import re

    monkeypatch.chdir(tmp_path)
    good = tml(tmp_path, "good", [("BEFORE", "ei1", "ei2")])
    bad = tml(tmp_path, "bad", [("BEFORE", "ei1", "ei2"), ("BEFORE", "ei2", "ei3"), ("AFTER", "ei1", "ei3")])
    r = CliRunner().invoke(cli, ["timeml", "check", str(good), str(bad), "--mode", "links", "--format", "github"])
    assert r.exit_code == 1, r.output
    [line] = [x for x in r.stdout.splitlines() if x.startswith("::error")]
    m = re.match(r"::error file=([^,]+),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),title=FC111::(.*)", line)
    assert m, line
    assert m.group(1) == "bad.tml"
    audit = audit_timeml([bad], modes=("links",))
    assert audit.report is not None
    [finding] = audit.report.findings
    lines = _tlink_lines(bad)
    assert int(m.group(2)) == lines[finding.retract[0]]  # the cheapest link to drop
    text = bad.read_text(encoding="utf-8").splitlines()[int(m.group(2)) - 1]
    assert text[int(m.group(3)) - 1 :].startswith("<TLINK")
    others = [f for f in finding.facts if f != finding.retract[0]]
    assert all(f"bad.tml:{lines[o]}:1 (fact {o}" in m.group(6) for o in others)


def test_timeml_sarif_has_locations_at_the_tlinks_and_is_schema_valid(tmp_path: Path) -> None:
    import json

    from tests.report.test_sarif import validate

    p = tml(tmp_path, "metric", [("BEFORE", "ei1", "t1"), ("AFTER", "ei1", "t2")])
    r = CliRunner().invoke(cli, ["timeml", "check", str(p), "--format", "sarif"])
    assert r.exit_code == 1, r.output
    log = json.loads(r.stdout)
    [res] = log["runs"][0]["results"]
    assert res["ruleId"] == "FC111"
    locs = [res["locations"][0], *res["relatedLocations"]]
    assert {loc["physicalLocation"]["artifactLocation"]["uri"] for loc in locs} == {p.as_uri()}
    text = p.read_text(encoding="utf-8").splitlines()
    for loc in locs:
        region = loc["physicalLocation"]["region"]
        tag = text[region["startLine"] - 1][region["startColumn"] - 1 :]
        fact = loc["message"]["text"].split(":", 2)[:2]
        want = "<TLINK" if fact[0] == "fact link" else "<TIMEX3"
        assert tag.startswith(want), (fact, tag)
    assert res["locations"][0]["message"]["text"].split(":")[1] in {
        x.split(":")[1] for x in res["properties"]["retract"]
    }
    validate(log)
