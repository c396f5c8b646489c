"""A content-addressed cache of results, so a re-check re-solves only what changed.

Keys are SHA-256 hashes of everything a result depends on (the component's facts as JSON,
the policy, the as-of date, the solver options and factcheck's version); values are JSON
with their own checksum.  A corrupt, truncated or foreign cache file is detected,
discarded and rebuilt: a cache can make a run faster, never make it wrong.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

from factcheck.version import __version__

# 2: contradictions grouped, story lines carry their findings' counts; 3: findings carry their detail;
# 4: readings carry loose events (factcheck.extract.loose); 5: findings carry no message (rendered when written)
SCHEMA = 5


def content_key(*parts: str | bytes) -> str:
    """A stable hash of the given parts, with factcheck's version mixed in."""
    h = hashlib.sha256(f"factcheck {__version__} cache {SCHEMA}\0".encode())
    for p in parts:
        b = p.encode() if isinstance(p, str) else p
        h.update(len(b).to_bytes(8, "big"))
        h.update(b)
    return h.hexdigest()


class Cache:
    """A SQLite key-value store under a folder (``.factcheck-cache/`` by default)."""

    def __init__(self, folder: Path, *, durable: bool = True) -> None:
        self.path = folder / "cache.sqlite"
        # A scratch store, removed with its run, need not survive a crash: without the disk
        # syncs of every commit its writes are the same, and a run of small articles spends
        # no time waiting on the disk.
        self.durable = durable
        self.hits = 0
        self.misses = 0
        self.rebuilt = False
        folder.mkdir(parents=True, exist_ok=True)
        self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        try:
            db = sqlite3.connect(self.path)
            if not self.durable:
                db.execute("PRAGMA synchronous=OFF")
                db.execute("PRAGMA journal_mode=MEMORY")
            db.execute("CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT)")
            db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value TEXT, sum TEXT)")
            row = db.execute("SELECT v FROM meta WHERE k='schema'").fetchone()
            if row is None:
                db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA),))
                db.commit()
            elif row[0] != str(SCHEMA):
                raise sqlite3.DatabaseError("cache schema changed")
            db.execute("PRAGMA quick_check").fetchone()
            return db
        except sqlite3.DatabaseError:
            with contextlib.suppress(Exception):
                db.close()
            self.path.unlink(missing_ok=True)
            self.rebuilt = True
            return self._open()

    def get(self, key: str) -> Any | None:
        """The value stored under key, or None (missing, or failing its checksum)."""
        try:
            row = self._db.execute("SELECT value, sum FROM entries WHERE key=?", (key,)).fetchone()
        except sqlite3.DatabaseError:
            self._reset()
            row = None
        if row is None or hashlib.sha256(row[0].encode()).hexdigest() != row[1]:
            self.misses += 1
            return None
        try:
            value = json.loads(row[0])
        except json.JSONDecodeError:
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, value: Any) -> None:
        """Store a JSON-serialisable value."""
        text = json.dumps(value, sort_keys=True, separators=(",", ":"))
        try:
            self._db.execute(
                "INSERT OR REPLACE INTO entries VALUES (?, ?, ?)",
                (key, text, hashlib.sha256(text.encode()).hexdigest()),
            )
        except sqlite3.DatabaseError:
            self._reset()

    def commit(self) -> None:
        """Make the stored values durable."""
        with contextlib.suppress(sqlite3.DatabaseError):
            self._db.commit()

    def close(self) -> None:
        """Commit and close."""
        self.commit()
        self._db.close()

    def _reset(self) -> None:
        with contextlib.suppress(Exception):
            self._db.close()
        self.path.unlink(missing_ok=True)
        self.rebuilt = True
        self._db = self._open()
