"""Stories two ways, for the tests: the run's on-disk index, and a plain in-memory union-find to check it against."""

from __future__ import annotations

import tempfile
from collections import defaultdict
from pathlib import Path

from factcheck.auditing.index import CorpusIndex
from factcheck.auditing.stories import CURATED
from factcheck.engine.components import UnionFind


def index_stories(keys: dict[str, list[str]], curated: set[str] | None = None) -> list[list[str]]:
    """The stories the run's index gives for documents with these link keys (documents added in key order)."""
    with tempfile.TemporaryDirectory() as tmp:
        index = CorpusIndex(Path(tmp))
        try:
            for seq, (doc, ks) in enumerate(keys.items()):
                index.add(seq, f"{doc}.txt", f"k{seq}", doc, tuple(sorted(ks)), ())
            index.partition(curated)
            stories = list(index.iter_stories())
            assert index.stories == len(stories)
            return stories
        finally:
            index.close()


def partition(keys: dict[str, list[str]], curated: set[str] | None = None) -> list[list[str]]:
    """Documents grouped into stories: each sorted, stories ordered by their first document.

    ``keys`` maps each document id to its link keys; ``curated`` names the documents tied
    to the curated fact sets (None: there are none).  With curated fact sets, the story
    holding them comes first, as ``[CURATED, docs...]``.
    """
    uf = UnionFind()
    located: dict[str, list[str]] = defaultdict(list)
    for doc, ks in keys.items():
        uf.find("d:" + doc)
        for k in ks:
            uf.union("d:" + doc, k)
            if k.startswith("L:"):
                located["U:" + k[2:].rsplit("|", 1)[0]].append(k)
    # An event that names no place may be linked to one that names any place.
    for unplaced, places in located.items():
        if unplaced in uf.parent:
            for k in places:
                uf.union(unplaced, k)
    if curated is not None:
        uf.find("c:")
        for doc in curated:
            uf.union("c:", "d:" + doc)
    groups: dict[str, list[str]] = defaultdict(list)
    for doc in keys:
        groups[uf.find("d:" + doc)].append(doc)
    hub = uf.find("c:") if curated is not None else None
    stories = []
    for root, docs in groups.items():
        docs.sort()
        stories.append([CURATED, *docs] if root == hub else docs)
    if hub is not None and hub not in groups:
        stories.append([CURATED])
    return sorted(stories, key=lambda s: (s[0] != CURATED, s))


def write_articles(folder: Path, articles: dict[str, str], edits: dict[str, tuple[str, str]] | None = None) -> Path:
    """Write the articles (file name -> text) into ``folder``, each with its one edit (old, new) made, if any."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        old, new = (edits or {}).get(name, ("", ""))
        (folder / name).write_text(text.replace(old, new) if old else text, encoding="utf-8")
    return folder
