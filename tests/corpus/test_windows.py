"""Long files in windows: cut points, and the str-like view of a file read from disk by offset."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.corpus.filetext import FileText
from factcheck.corpus.windows import cut_point, plan

TEXTS = st.text(alphabet=st.sampled_from(list("ab \n.é€")), min_size=0, max_size=300)


def test_cuts_fall_after_a_paragraph_break_else_a_line_break() -> None:
    assert cut_point(b"one.\n\ntwo.\nthree", at_eof=False) == (6, False)
    assert cut_point(b"one.\ntwo", at_eof=False) == (5, False)
    assert cut_point(b"one two", at_eof=False) == (4, True)
    # no space either: never inside a UTF-8 character
    assert cut_point("aé".encode(), at_eof=False) == (1, True)


def test_windows_cover_the_file_and_no_line_is_cut(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    lines = [f"Line {i}: talks went on in Istanbul, officials said.\n" for i in range(500)]
    p.write_text("".join(lines), encoding="utf-8")
    fp = plan(p, window_bytes=1000)
    assert len(fp.windows) > 20 and not fp.warnings
    text = p.read_text(encoding="utf-8")
    assert "".join(fp.read(i) for i in range(len(fp.windows))) == text
    for i, w in enumerate(fp.windows):
        assert fp.read(i).endswith("\n") and w.line_start == text.count("\n", 0, w.char_start)


@settings(max_examples=150, deadline=None)
@given(text=TEXTS, window=st.integers(4, 40), a=st.integers(-5, 320), b=st.integers(-5, 320), sub=TEXTS)
def test_file_text_answers_as_the_string_does(tmp_path_factory: object, text: str, window: int, a: int, b: int,
                                              sub: str) -> None:  # fmt: skip
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "a.txt"
        p.write_bytes(text.encode("utf-8"))
        ft = FileText(plan(p, window_bytes=window))
        sub = sub[:4]
        assert len(ft) == len(text)
        assert ft[a:b] == text[a:b]
        assert ft.find(sub, a, b) == text.find(sub, a, b)
        assert ft.rfind(sub, a, b) == text.rfind(sub, a, b)
        assert ft.count("\n", a, b) == text.count("\n", a, b)
        assert ft.count(sub, a, b) == text.count(sub, a, b)
        assert (sub in ft) == (sub in text)


def test_a_file_that_is_not_utf8_is_planned_in_cp1252_with_a_warning(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(("Caf\xe9 talks.\n" * 200).encode("cp1252"))
    fp = plan(p, window_bytes=100)
    assert fp.encoding == "cp1252" and "not UTF-8 (invalid at byte 3)" in fp.warnings[0]
    assert FileText(fp)[:12] == "Café talks.\n"
