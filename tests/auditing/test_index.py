"""The on-disk corpus index gives the stories of a plain union-find, in its order; the lazy listing is the sorted one."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.auditing.index import CorpusIndex
from factcheck.corpus.load import ARTICLE_SUFFIXES, iter_article_paths, walk_article_paths
from tests.auditing.reference import index_stories, partition

PARTIES = ["A", "B", "C", "D"]
KEYS = st.sampled_from(
    [f"L:talks|{a}|{b}|{p}" for a in PARTIES for b in PARTIES if a < b for p in ("X", "Y")]
    + [f"U:talks|{a}|{b}" for a in PARTIES for b in PARTIES if a < b]
    + ["B:bg-1", "B:bg-2"]
)
CORPUS = st.dictionaries(st.text("dekz019", min_size=1, max_size=4), st.lists(KEYS, max_size=3, unique=True),
                         max_size=25)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(CORPUS, st.none() | st.sets(st.text("dekz019", min_size=1, max_size=4), max_size=4))
def test_the_index_gives_the_stories_of_partition(keys: dict[str, list[str]], curated: set[str] | None) -> None:
    tied = None if curated is None else {d for d in curated if d in keys}
    assert index_stories(keys, tied) == partition(keys, tied)


def test_documents_and_files_are_found_by_id(tmp_path: Path) -> None:
    index = CorpusIndex(tmp_path)
    index.add(2, "b/x.txt", "k2", "x", ("B:bg-1",), ("b/x.txt: front matter ignored",))
    index.add(0, "a/x.txt", "k0", "x", (), ())
    index.add(1, "a/y.txt", "k1", "y", ("B:bg-1",), ())
    assert "x" in index and "y" in index and "z" not in index and 3 not in index
    assert index.files_of("x") == [("a/x.txt", "k0"), ("b/x.txt", "k2")]
    assert list(index.audited()) == [("a/x.txt", ()), ("a/y.txt", ()), ("b/x.txt", ("b/x.txt: front matter ignored",))]
    index.partition(None)
    assert list(index.iter_stories()) == [["x", "y"]]
    index.close()


def _tree(root: Path, names: list[str]) -> None:
    for name in names:
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x", encoding="utf-8")


NAMES = st.lists(
    st.builds(
        lambda d, f, s: f"{d}{f}{s}",
        st.sampled_from(["", "a/", "a-b/", "a/b/", "A/", ".h/", "a.txt/"]),
        st.sampled_from(["a", "a-b", "b", "B", ".x", "z 1", "é"]),
        st.sampled_from([*ARTICLE_SUFFIXES, ".TXT", ".pdf", ""]),
    ),
    max_size=12,
    unique=True,
)


@settings(max_examples=60, deadline=None)
@given(NAMES)
def test_the_lazy_listing_is_the_sorted_recursive_glob(names: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "c"
        root.mkdir()
        try:
            _tree(root, names)
        except (FileExistsError, NotADirectoryError, IsADirectoryError):
            return  # a name used both as a file and as a folder
        files = [q for q in sorted(root.rglob("*")) if q.is_file()]
        expected = [q for q in files if q.suffix.lower() in ARTICLE_SUFFIXES and not q.name.startswith(".")]
        listed, skipped = iter_article_paths([root])
        assert listed == expected
        # Every other file is accounted for, with why it is not an article.
        assert sorted(Path(s.path) for s in skipped) == [q for q in files if q not in expected]
        assert all(s.reason in ("hidden file", "corpus manifest") or s.reason.startswith("not an article type")
                   for s in skipped)  # fmt: skip


def test_each_file_is_listed_once(tmp_path: Path) -> None:
    root = tmp_path / "c"
    _tree(root, ["a/x.txt", "b/y.txt", "data.bin"])
    (root / "a" / "link.txt").symlink_to(root / "b" / "y.txt")  # listed under its own name
    (root / "a" / "alias.txt").symlink_to(root / "data.bin")  # only reachable through the link
    (root / "a" / "alias2.txt").symlink_to(root / "data.bin")
    files, skipped = iter_article_paths([root, root / "a", root / "b" / "y.txt", root])
    assert files == [root / "a" / "alias.txt", root / "a" / "x.txt", root / "b" / "y.txt"]
    assert [(Path(s.path), s.reason) for s in skipped] == [
        (root / "data.bin", "not an article type (.bin; articles are .txt, .md, .markdown, .html, .htm)")
    ]
    items = walk_article_paths([root])
    assert next(items) == root / "a" / "alias.txt"  # one at a time


def test_curated_facts_tie_the_articles_their_events_were_read_from(tmp_path: Path) -> None:
    from pydantic import TypeAdapter

    from factcheck.auditing.stories import curated_docs
    from factcheck.model import Fact

    index = CorpusIndex(tmp_path)
    index.add(0, "a.md", "ka", "a", (), ())
    index.add(1, "b.md", "kb", "b", (), (), ("b:talks",))
    index.add(2, "c.md", "kc", "c", (), (), ("c:vote",))
    facts = [
        TypeAdapter(Fact).validate_python(f)
        for f in (
            {"id": "f1", "kind": "date", "subject": "b:talks", "value": "2025-03-03"},
            # "c:talks" names no event read from c: it ties no article, whatever its id begins with.
            {"id": "f2", "kind": "date", "subject": "c:talks", "value": "2025-03-04"},
            {"id": "f3", "kind": "order", "subject": "doc:a.published", "relation": "after", "anchor": "x:y"},
        )
    ]
    assert curated_docs(facts, index) == {"a", "b"}
