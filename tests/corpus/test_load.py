from pathlib import Path
from typing import Any

import pytest

from factcheck.corpus.load import load_article, load_articles
from factcheck.errors import UserError

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "istanbul-2025"


def test_bundled_corpus_loads_with_sentences_and_headlines() -> None:
    result = load_articles([CORPUS])
    assert [a.id for a in result.articles] == sorted(p.stem for p in CORPUS.glob("*.txt"))
    assert not result.skipped
    by_id = {a.id: a for a in result.articles}
    a = by_id["003_1fa625e8ca6e2f1f"]
    heads = [a.text[s:e] for s, e in a.segmentation.headlines]
    assert heads[0] == "Ukraine and Russia meet in Istanbul for second round of talks"
    # sentences keep offsets into the text exactly as read
    for s, e in a.segmentation.sentences:
        assert a.text[s:e].strip() == a.text[s:e]


def test_sentences_do_not_split_at_abbreviations() -> None:
    from factcheck.corpus.segment import segment

    text = "Darchiyev and Coulter last met on Feb. 27 in the U.S. Embassy. Then Mr. Smith left. New talks began."
    seg = segment(text)
    assert [text[s:e] for s, e in seg.sentences] == [
        "Darchiyev and Coulter last met on Feb. 27 in the U.S. Embassy.",
        "Then Mr. Smith left.",
        "New talks began.",
    ]


def test_front_matter_is_metadata_and_offsets_point_into_the_body(tmp_path: Path) -> None:
    p = tmp_path / "story.md"
    p.write_text("---\ntitle: A story\npublished: 2025-04-08\n---\nTalks began on Monday.\n", encoding="utf-8")
    a = load_article(p)
    assert a.meta.title == "A story"
    assert a.meta.published.earliest is not None and str(a.meta.published.earliest) == "2025-04-08"
    assert a.text == "Talks began on Monday.\n"
    assert a.body_offset == p.read_text().index("Talks")


def test_front_matter_errors_have_places(tmp_path: Path) -> None:
    p = tmp_path / "bad.md"
    p.write_text("---\ntitle: A\nwhen: yesterday\n---\nText.\n", encoding="utf-8")
    with pytest.raises(UserError) as exc:
        load_article(p)
    assert "unknown key 'when'" in str(exc.value)


def test_bad_files_are_reported_and_the_rest_go_on(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Talks began on Monday in Istanbul.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 talks on Monday.".encode("latin-1"))
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    result = load_articles([tmp_path])
    ids = sorted(a.id for a in result.articles)
    assert ids == ["good", "latin1"]
    latin = next(a for a in result.articles if a.id == "latin1")
    assert latin.text.startswith("Café") and any("not UTF-8" in w for w in latin.warnings)
    reasons = {Path(s.path).name: s.reason for s in result.skipped}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["binary.txt"] == "binary file"
    assert "loop.txt" in reasons


def test_unreadable_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # chmod 0 does not stop root (CI runs as root), so the read itself is made to fail
    (tmp_path / "secret.txt").write_text("Talks on Monday.", encoding="utf-8")
    (tmp_path / "fine.txt").write_text("Talks on Tuesday.", encoding="utf-8")
    real = Path.open

    def deny(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", deny)
    result = load_articles([tmp_path])
    assert [a.id for a in result.articles] == ["fine"]
    assert result.skipped[0].failed and "Permission denied" in result.skipped[0].reason
