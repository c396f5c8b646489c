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
    '<TEXT>\r\nAT&amp;T <EVENT eid="e1" class="OCCURRENCE">said</EVENT> '
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
    out = write_tagged(
        stripped, [NewTimex(q, q + 18, "DATE", "1998-Q4"), NewTimex(start, start + 8, "DATE", "1998-02-12", '<&"')]
    )
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
    _write(
        sys_,
        "d1.tml",
        write_tagged(
            stripped,
            [
                NewTimex(t, t + 8, "DATE", "1998-02-12"),
                NewTimex(q, q + 14, "DATE", "1997-Q4"),
                NewTimex(r, r + 4, "DURATION", "P1D"),
            ],
        ),
    )
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


@pytest.mark.parametrize("value", ["P1Y", "", "a&b", "<x>", 'say "no"', "it's", '"it\'s"', "tab\there\r\n", "&#10;"])
def test_attribute_values_are_quoted_as_saxutils_quotes_them(value: str) -> None:
    from xml.sax.saxutils import quoteattr as reference

    from factcheck.timeml.write import quoteattr

    assert quoteattr(value) == reference(value)


def _doc(text_xml: str, before: str = "", after: str = "", dct: str = "1998-02-13") -> str:
    timex = f'<TIMEX3 tid="t0" type="DATE" value="{dct}" functionInDocument="CREATION_TIME">x</TIMEX3>'
    return (f'<?xml version="1.0" ?>\n<TimeML>\n{before}<DCT>{timex}</DCT>\n<TEXT>{text_xml}</TEXT>\n{after}'
            '<TLINK lid="l1" relType="BEFORE" timeID="t0" relatedToTime="t0"/>\n</TimeML>\n')  # fmt: skip


@pytest.mark.parametrize(
    "raw",
    [
        GOLD,
        _doc("a <![CDATA[b < c\r\nd]]> e<!-- f --> <?pi g?>h &#38; &#x41;\r\ni\rj"),
        _doc("on <X><TEXT>inner</TEXT></X> Monday", before="<TEXT>not TEXT: not the first child</TEXT>\n"),
        _doc("no day", dct="02/13/98"),
        _doc("late", dct="1998-02-13T10:00").replace("<DCT>", "<X>").replace("</DCT>", "</X>"),
        '<TimeML><TEXT>first</TEXT><TEXT>second</TEXT><TIMEX3 tid="t9" value="2001-01-01" '
        'functionInDocument="CREATION_TIME"/></TimeML>',
        '<TimeML><TEXT><TIMEX3 tid="t9" value="2001-01-01" functionInDocument="CREATION_TIME">in</TIMEX3>'
        " text</TEXT></TimeML>",
        '<TimeML xmlns="urn:x"><TEXT>in a namespace: no TEXT</TEXT></TimeML>',
        "<TimeML><DOCID>no TEXT, no DCT</DOCID></TimeML>",
    ],
)
def test_read_text_and_dct_reads_what_read_timeml_reads(tmp_path: Path, raw: str) -> None:
    from factcheck.timeml.read import read_text_and_dct

    (tmp_path / "d.tml").write_bytes(raw.encode())
    doc = read_timeml(tmp_path / "d.tml")
    assert read_text_and_dct(raw.encode(), str(tmp_path / "d.tml")) == (doc.text, doc.dct_date())


@pytest.mark.parametrize(
    "raw", ["<TimeML><TEXT>a</TEX></TimeML>", "<TimeML><TEXT>a &nbsp; b</TEXT></TimeML>", "<a:TimeML/>", "<T>\xff</T>"]
)
def test_read_text_and_dct_reports_malformed_xml_as_read_timeml_does(tmp_path: Path, raw: str) -> None:
    from factcheck.errors import UserError
    from factcheck.timeml.read import read_text_and_dct

    data = raw.encode("latin-1") if "\xff" in raw else raw.encode()
    (tmp_path / "d.tml").write_bytes(data)
    with pytest.raises(UserError) as want:
        read_timeml(tmp_path / "d.tml")
    with pytest.raises(UserError) as got:
        read_text_and_dct(data, str(tmp_path / "d.tml"))
    assert got.value.diagnostics == want.value.diagnostics


def test_write_tagged_puts_a_tag_around_any_character_of_text(tmp_path: Path) -> None:
    """Content offsets map to the file's own characters across entities, CR, CRLF, CDATA, comments and tags."""
    import html
    import random

    pieces = ["ab", "c", "<EVENT eid='e1'>d</EVENT>", "<SIGNAL sid='s1'/>", "&amp;", "&#10;", "\r\n", "\r", "\n",
              "<![CDATA[x<y\r]]>", "<![CDATA[]]>", "<!-- c -->", "&gt;", " "]  # fmt: skip
    # Without elements that have content or CDATA, a tag around any one character leaves the file well formed.
    nested = ("<EVENT", "<![CDATA[")
    rng = random.Random(19)
    for _ in range(120):
        body = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 10)))
        raw = _doc(body)
        (tmp_path / "d.tml").write_bytes(raw.encode())
        text = read_timeml(tmp_path / "d.tml").text
        for c in range(len(text)):
            out = write_tagged(raw, [NewTimex(c, c + 1, "DATE", "X")])
            at = out.index('<TIMEX3 tid="t1"')
            rest = out[out.index(">", at) + 1 :]
            entity = re.match(r"&[^;]*;", rest)
            got = html.unescape(entity.group()) if entity else "\n" if rest[0] == "\r" else rest[0]
            assert got == text[c], (body, c)
            if not any(n in body for n in nested):
                (tmp_path / "o.tml").write_bytes(out.encode())
                back = read_timeml(tmp_path / "o.tml")
                assert back.text == text and [(t.start, t.end) for t in back.timexes if t.value == "X"] == [(c, c + 1)]
        if text:
            assert write_tagged(raw, [NewTimex(0, len(text), "DATE", "X")]).count('value="X"') == 1


def _corpus(d: Path, n: int, bad: int | None = None) -> list[Path]:
    """``n`` small documents (the one at ``bad`` not well formed), of different sizes."""
    d.mkdir()
    files = []
    for i in range(n):
        body = f"Doc {i} came out on Thursday. " * (1 + 7 * (i % 5)) + "&lt;end&gt;\r\n"
        raw = _doc(body).replace("<TEXT>", "<TEXT><TEXT>") if i == bad else _doc(body)
        (d / f"d{i:02}.tml").write_bytes(raw.encode())
        files.append(d / f"d{i:02}.tml")
    return files


@pytest.fixture
def pooled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers however small the input (by default, small inputs are tagged in the calling process)."""
    from factcheck.timeml import write

    monkeypatch.setattr(write, "_BYTES_PER_WORKER", 1)


def _thursdays(text: str, dct: object) -> list[NewTimex]:
    return [NewTimex(m.start(), m.end(), "DATE", f"{dct}") for m in re.finditer("Thursday", text)]


@pytest.mark.parametrize("jobs", [2, 3, 40])
def test_tag_files_writes_the_same_whatever_the_jobs(tmp_path: Path, jobs: int, pooled: None) -> None:
    from factcheck.timeml.write import tag_files

    files = _corpus(tmp_path / "in", 23)
    tag_files(files, tmp_path / "one", _thursdays, jobs=1)
    tag_files(files, tmp_path / "many", _thursdays, jobs=jobs)
    one = {p.name: p.read_bytes() for p in (tmp_path / "one").iterdir()}
    assert one == {p.name: p.read_bytes() for p in (tmp_path / "many").iterdir()}
    assert sorted(one) == [f.name for f in files]
    assert one["d07.tml"].count(b'value="1998-02-13">Thursday</TIMEX3>') == 15


@pytest.mark.parametrize("jobs", [1, 2, 5])
def test_tag_files_stops_at_the_first_bad_file_whatever_the_jobs(tmp_path: Path, jobs: int, pooled: None) -> None:
    from factcheck.errors import UserError
    from factcheck.timeml.write import tag_files

    files = _corpus(tmp_path / "in", 23, bad=9)
    files[15].write_bytes(b"<TimeML><TEXT>also bad</TimeML>")
    with pytest.raises(UserError) as exc:
        tag_files(files, tmp_path / "out", _thursdays, jobs=jobs)
    assert [str(d) for d in exc.value.diagnostics] == [f"{files[9]}:7:3: not well-formed TimeML: mismatched tag:"
                                                       " line 7, column 2"]  # fmt: skip
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f.name for f in files[:9]]  # no temporary file


def test_new_tids_continue_after_the_highest_tid_attribute_only() -> None:
    raw = _doc("on Thursday", after='<X xtid="t50" note=\'tid="t40"\'/><Y a="1"tid="t7"/>\n')
    out = write_tagged(raw, [NewTimex(3, 11, "DATE", "X")])
    assert '<TIMEX3 tid="t41" type="DATE" value="X">Thursday</TIMEX3>' in out


@pytest.mark.parametrize("jobs", [1, 2])
def test_tag_files_leaves_no_temporary_file_when_tagging_fails(tmp_path: Path, jobs: int, pooled: None) -> None:
    from factcheck.timeml.write import tag_files

    files = _corpus(tmp_path / "in", 60)  # more files than chunks: the failing one is not first in its chunk

    def broken(text: str, dct: object) -> list[NewTimex]:
        if text.startswith("Doc 33 "):
            raise RuntimeError("a bug in the tagger")
        return _thursdays(text, dct)

    with pytest.raises(RuntimeError, match="a bug in the tagger"):
        tag_files(files, tmp_path / "out", broken, jobs=jobs)
    # The files before the failing one are written, as they are one by one; no temporary file is left.
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f.name for f in files[:33]]


def test_tag_files_starts_no_worker_for_a_small_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck.runtime import fork
    from factcheck.timeml.write import tag_files

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a pool was started: {kwargs}")

    monkeypatch.setattr(fork, "fork_map", no_pool)
    files = _corpus(tmp_path / "in", 23)
    tag_files(files, tmp_path / "out", _thursdays, jobs=8)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f.name for f in files]


def test_tag_cli_writes_the_same_with_one_job_or_several(tmp_path: Path, pooled: None) -> None:
    _corpus(tmp_path / "in", 9)
    for jobs in ("1", "3"):
        r = CliRunner().invoke(cli, ["timeml", "tag", str(tmp_path / "in"), "--out", str(tmp_path / jobs), "-j", jobs])
        assert r.exit_code == 0, r.output
    one = {p.name: p.read_bytes() for p in (tmp_path / "1").iterdir()}
    assert len(one) == 9 and one == {p.name: p.read_bytes() for p in (tmp_path / "3").iterdir()}
    assert b"<TIMEX3 " in one["d00.tml"].split(b"<TEXT>")[1]


def test_chunks_of_work_cover_the_files_in_order_and_shrink_to_the_least() -> None:
    from factcheck.timeml.write import _spans

    sizes = [3, 40, 7, 7, 1, 25, 9, 9, 2, 60, 4, 4, 4, 30, 1, 5]
    spans = _spans(sizes, 0.25, 0.1)
    assert [i for lo, hi in spans for i in range(lo, hi)] == list(range(len(sizes)))
    got = [sum(sizes[lo:hi]) for lo, hi in spans]
    assert all(g >= 0.1 * sum(sizes) for g in got[:-1])
    left = sum(sizes)
    for g in got[:-1]:  # each about a quarter of what is left: no more than that and the file that crossed it
        assert g >= 0.25 * left or g >= 0.1 * sum(sizes)
        left -= g
    assert got[0] > got[-2]
    assert _spans([], 0.25, 0.1) == []
    assert _spans([0, 0], 0.25, 0.1) == [(0, 1), (1, 2)]
