"""TimeML writing (tagging, stripping) and TempEval-3 scoring, on small documents written here."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.timeml import read_timeml
from factcheck.timeml.score import score_dirs
from factcheck.timeml.write import NewTimex, strip_to_input, write_tagged

GOLD = (
    '<?xml version="1.0" ?>\r\n<TimeML>\r\n<DOCID>d1</DOCID>\r\n'
    '<DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-13" functionInDocument="CREATION_TIME">02/13/98</TIMEX3></DCT>\r\n'
    "<TEXT>\r\nAT&amp;T <EVENT eid=\"e1\" class=\"OCCURRENCE\">said</EVENT> "
    '<TIMEX3 tid="t1" type="DATE" value="1998-02-12">Thursday</TIMEX3> that &quot;profit&quot; rose\r\n'
    'in <TIMEX3 tid="t2" type="DATE" value="1998-Q4">the fourth quarter</TIMEX3> &lt;unaudited&gt;.\r\n</TEXT>\r\n'
    '<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>\r\n'
    '<TLINK lid="l1" relType="BEFORE" eventInstanceID="ei1" relatedToTime="t0"/>\r\n</TimeML>\r\n'
)


def test_strip_keeps_text_and_dct_drops_markup_and_links(tmp_path):
    stripped = strip_to_input(GOLD)
    (tmp_path / "g.tml").write_bytes(GOLD.encode())
    (tmp_path / "s.tml").write_bytes(stripped.encode())
    g, s = read_timeml(tmp_path / "g.tml"), read_timeml(tmp_path / "s.tml")
    assert s.text == g.text
    assert s.timexes == [] and s.events == [] and s.tlinks == []
    assert s.dct is not None and s.dct.value == "1998-02-13"
    assert "\r\n" in stripped and "&amp;T" in stripped and "MAKEINSTANCE" not in stripped


def test_write_tagged_changes_nothing_but_the_added_tags(tmp_path):
    stripped = strip_to_input(GOLD)
    (tmp_path / "s.tml").write_bytes(stripped.encode())
    doc = read_timeml(tmp_path / "s.tml")
    start = doc.text.index("Thursday")
    q = doc.text.index("the fourth quarter")
    out = write_tagged(stripped, [NewTimex(q, q + 18, "DATE", "1998-Q4"), NewTimex(start, start + 8, "DATE", "1998-02-12", "<&\"")])
    assert re.sub(r"</?TIMEX3\b[^>]*>", "", out.split("<TEXT>")[1]) == stripped.split("<TEXT>")[1]
    assert out.split("<TEXT>")[0] == stripped.split("<TEXT>")[0]
    (tmp_path / "o.tml").write_bytes(out.encode())
    back = read_timeml(tmp_path / "o.tml")
    assert back.text == doc.text
    assert [(t.text, t.value, t.mod, t.tid) for t in back.timexes] == [
        ("Thursday", "1998-02-12", '<&"', "t1"),
        ("the fourth quarter", "1998-Q4", None, "t2"),
    ]


def test_write_tagged_rejects_overlaps_and_out_of_range():
    with pytest.raises(ValueError, match="overlaps"):
        write_tagged(GOLD, [NewTimex(0, 5, "DATE", "X"), NewTimex(3, 6, "DATE", "X")])
    with pytest.raises(ValueError, match="outside TEXT"):
        write_tagged(GOLD, [NewTimex(0, 10_000, "DATE", "X")])


def _write(d: Path, name: str, text: str) -> None:
    d.mkdir(exist_ok=True)
    (d / name).write_bytes(text.encode())


def test_scores_strict_relaxed_and_attributes(tmp_path):
    gold, sys_ = tmp_path / "gold", tmp_path / "sys"
    _write(gold, "d1.tml", GOLD)
    stripped = strip_to_input(GOLD)
    (tmp_path / "s.tml").write_bytes(stripped.encode())
    text = read_timeml(tmp_path / "s.tml").text
    t = text.index("Thursday")
    q = text.index("fourth quarter")  # relaxed match only (no "the")
    r = text.index("rose")
    _write(sys_, "d1.tml", write_tagged(stripped, [
        NewTimex(t, t + 8, "DATE", "1998-02-12"),
        NewTimex(q, q + 14, "DATE", "1997-Q4"),
        NewTimex(r, r + 4, "DURATION", "P1D"),
    ]))
    s = score_dirs(gold, sys_)
    assert (s.strict.correct, s.relaxed.correct, s.type.correct, s.value.correct) == (1, 2, 2, 1)
    assert (s.relaxed.system, s.relaxed.gold) == (3, 2)
    assert s.relaxed.precision == pytest.approx(2 / 3) and s.relaxed.recall == 1.0
    assert s.value.f1 == pytest.approx(2 * 1 / 5)
    assert [t.text for t in s.errors[0].spurious] == ["rose"]
    assert [(g.value, t.value) for g, t in s.errors[0].wrong_value] == [("1998-Q4", "1997-Q4")]
    r = CliRunner().invoke(cli, ["timeml", "score", str(gold), str(sys_), "--format", "json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["strict"]["correct"] == 1


def test_tag_cli_end_to_end(tmp_path):
    inp, out = tmp_path / "in", tmp_path / "out"
    _write(inp, "d1.tml.TE3input", strip_to_input(GOLD))
    r = CliRunner().invoke(cli, ["timeml", "tag", str(inp), "--out", str(out)])
    assert r.exit_code == 0, r.output
    doc = read_timeml(out / "d1.tml.TE3input")
    assert [(t.text, t.value) for t in doc.timexes] == [("Thursday", "1998-02-12"), ("the fourth quarter", "1997-Q4")]


SHARED = Path(__file__).resolve().parents[3] / "shared" / "evaldata" / "tbaq-cleaned"


@pytest.mark.skipif(not SHARED.is_dir(), reason=f"TempEval-3 data not found at {SHARED}")
def test_real_tbaq_gold_against_itself_and_stripped(tmp_path):
    sub = SHARED / "TimeBank"
    gold = tmp_path / "gold"
    for f in sorted(sub.glob("*.tml"))[:15]:
        _write(gold, f.name, f.read_bytes().decode())
    assert score_dirs(gold, gold).value.f1 == 1.0
    r = CliRunner().invoke(cli, ["timeml", "strip", str(gold), "--out", str(tmp_path / "in")])
    assert r.exit_code == 0
    s = score_dirs(gold, tmp_path / "in")
    assert s.relaxed.recall == 0.0 and s.relaxed.gold > 0


@pytest.mark.parametrize("value", ["P1Y", "", "a&b", "<x>", 'say "no"', "it's", "\"it's\"", "tab\there\r\n", "&#10;"])
def test_attribute_values_are_quoted_as_saxutils_quotes_them(value: str) -> None:
    from xml.sax.saxutils import quoteattr as reference

    from factcheck.timeml.write import quoteattr

    assert quoteattr(value) == reference(value)
