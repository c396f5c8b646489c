"""The run's index of the corpus, on disk: each audited file's document and link keys, and the stories they make.

An archive's per-article bookkeeping would outgrow memory long before its stories do, so
it lives in a SQLite file beside the store: the files (path, store key, document,
warnings) and the names of the union-find's nodes (``d:<doc>`` and link keys).  Memory
holds only the union-find's parent array, eight bytes per node (``engine.components.UnionFind``
keeps a dict of names, some hundred bytes each); stories come out of a sorted query one
at a time: each story's documents sorted, the curated story first, then by first document
(``tests/auditing/test_index.py`` checks them against a plain in-memory union-find).
"""

from __future__ import annotations

import json
import sqlite3
from array import array
from collections.abc import Iterator
from pathlib import Path

from factcheck.auditing.stories import CURATED

_SCHEMA = """
CREATE TABLE files (seq INTEGER PRIMARY KEY, path TEXT, key TEXT, doc TEXT, warnings TEXT);
CREATE INDEX files_doc ON files (doc, seq);
CREATE TABLE nodes (id INTEGER PRIMARY KEY, name TEXT UNIQUE);
CREATE TABLE roots (doc TEXT, root INTEGER);
CREATE TABLE windows (doc TEXT PRIMARY KEY, path TEXT, key TEXT);
CREATE TABLE events (id TEXT PRIMARY KEY, doc TEXT);
"""


class CorpusIndex:
    """Files, documents and link keys of one run, and union-find over them (see the module docstring)."""

    def __init__(self, folder: Path) -> None:
        self._db = sqlite3.connect(folder / "index.sqlite")
        self._db.execute("PRAGMA journal_mode=OFF")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.executescript(_SCHEMA)
        self._parent = array("q", [0])  # node ids start at 1
        self._hub: int | None = None
        self._hub_alone = False
        self.stories = 0

    def _node(self, name: str) -> int:
        cur = self._db.execute("INSERT OR IGNORE INTO nodes (name) VALUES (?)", (name,))
        if cur.rowcount == 1 and cur.lastrowid is not None:
            self._parent.append(cur.lastrowid)
            return cur.lastrowid
        row = self._db.execute("SELECT id FROM nodes WHERE name=?", (name,)).fetchone()
        return int(row[0])

    def _lookup(self, name: str) -> int | None:
        row = self._db.execute("SELECT id FROM nodes WHERE name=?", (name,)).fetchone()
        return None if row is None else int(row[0])

    def _find(self, x: int) -> int:
        parent = self._parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def _union(self, a: int, b: int) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)

    def add(self, seq: int, path: str, key: str, doc: str, keys: tuple[str, ...], warnings: tuple[str, ...],
            events: tuple[str, ...] = ()) -> None:  # fmt: skip
        """Record an audited file (``seq``: its place in the listing), its events, and join its document to its keys."""
        self._db.execute("INSERT INTO files VALUES (?, ?, ?, ?, ?)", (seq, path, key, doc, json.dumps(warnings)))
        self._db.executemany("INSERT OR IGNORE INTO events VALUES (?, ?)", ((e, doc) for e in events))
        d = self._node("d:" + doc)
        for k in keys:
            self._union(d, self._node(k))

    def add_window(self, doc: str, path: str, key: str) -> None:
        """Record a later window of a long file (``path``) as a document of its own, joined to nothing."""
        self._db.execute("INSERT OR REPLACE INTO windows VALUES (?, ?, ?)", (doc, path, key))
        self._node("d:" + doc)

    def doc_of(self, event: str) -> str | None:
        """The document an extracted event was read from (None: no article's)."""
        row = self._db.execute("SELECT doc FROM events WHERE id=?", (event,)).fetchone()
        return None if row is None else str(row[0])

    def __contains__(self, doc: object) -> bool:
        """Whether a document of this id was audited."""
        return isinstance(doc, str) and self._lookup("d:" + doc) is not None

    def partition(self, curated: set[str] | None) -> None:
        """Close the union-find: unplaced events join every place of their pair; curated documents join one story."""
        # An event that names no place may be linked to one that names any place.
        located = self._db.execute("SELECT id, name FROM nodes WHERE name >= 'L:' AND name < 'L;'").fetchall()
        for node, name in located:
            unplaced = self._lookup("U:" + name[2:].rsplit("|", 1)[0])
            if unplaced is not None:
                self._union(node, unplaced)
        hub = None
        if curated is not None:
            hub = self._node("c:")
            for doc in sorted(curated):
                if (d := self._lookup("d:" + doc)) is not None:
                    self._union(hub, d)
        self._hub = None if hub is None else self._find(hub)
        docs = self._db.execute("SELECT id, substr(name, 3) FROM nodes WHERE name >= 'd:' AND name < 'd;'")
        self._db.executemany("INSERT INTO roots VALUES (?, ?)", ((doc, self._find(n)) for n, doc in docs))
        self._db.execute("CREATE INDEX roots_root ON roots (root, doc)")
        n = self._db.execute("SELECT COUNT(DISTINCT root) FROM roots").fetchone()[0]
        # The curated story with no article of its own (its facts name none).
        self._hub_alone = (
            self._hub is not None
            and not self._db.execute("SELECT 1 FROM roots WHERE root=? LIMIT 1", (self._hub,)).fetchone()
        )
        self.stories = int(n) + (1 if self._hub_alone else 0)

    def iter_stories(self) -> Iterator[list[str]]:
        """The stories, each its sorted documents (``CURATED`` first in its own), curated first, then by first doc."""
        hub = self._hub if self._hub is not None else -1
        if self._hub_alone:
            yield [CURATED]
        # Stories ordered by their first document: each root with its smallest document, sorted.
        query = """
            WITH firsts AS (SELECT root, MIN(doc) AS first FROM roots GROUP BY root)
            SELECT f.root, r.doc FROM firsts f JOIN roots r ON r.root = f.root
            ORDER BY f.root != ?, f.first, r.doc
        """
        story: list[str] = []
        current = None
        for root, doc in self._db.execute(query, (hub,)):
            if root != current:
                if story:
                    yield story
                story = [CURATED] if root == hub else []
                current = root
            story.append(doc)
        if story:
            yield story

    def files_of(self, doc: str) -> list[tuple[str, str]]:
        """The (path, store key) of every file of a document, in listing order."""
        rows = self._db.execute("SELECT path, key FROM files WHERE doc=? ORDER BY seq", (doc,)).fetchall()
        rows += self._db.execute("SELECT path, key FROM windows WHERE doc=?", (doc,)).fetchall()
        return [(str(p), str(k)) for p, k in rows]

    def count(self) -> int:
        """How many files were audited."""
        return int(self._db.execute("SELECT COUNT(*) FROM files").fetchone()[0])

    def audited(self) -> Iterator[tuple[str, tuple[str, ...]]]:
        """Every audited file's path and warnings, sorted by path."""
        for path, warnings in self._db.execute("SELECT path, warnings FROM files ORDER BY path, seq"):
            yield str(path), tuple(json.loads(warnings))

    def close(self) -> None:
        """Close the database (its file goes with the run's temporary folder)."""
        self._db.close()
