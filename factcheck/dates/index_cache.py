"""The date reader's rule index (where each rule's match can start), kept in the user's cache folder.

Working out which words or characters each rule can start with reads every expanded
pattern's parse tree, which was most of the time a short run spent loading the reader.  It
depends only on the expanded patterns, their flags and Python's regex parser, so it is
stored under their SHA-256 in ``$FACTCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/factcheck``,
else ``~/.cache/factcheck``.  A file that does not parse, fails its checksum or was written
for other patterns is ignored and written again; a cache folder that cannot be written is
no error (the index is then worked out on every run).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

from factcheck.version import __version__

FORMAT = 1
"""Bumped whenever what an entry holds changes, so that no older file is read."""

Entry = tuple[frozenset[str] | None, frozenset[str] | None]
"""A rule's first words (None when open-ended) and first characters (None when any)."""


def cache_dir() -> Path:
    """The user's cache folder for factcheck."""
    if os.environ.get("FACTCHECK_CACHE_DIR"):
        return Path(os.environ["FACTCHECK_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "factcheck"


def content_key(sources: list[tuple[str, int]]) -> str:
    """SHA-256 of the patterns and flags, with what else the index depends on."""
    h = hashlib.sha256(f"factcheck {__version__} date index {FORMAT} python {sys.version}\0".encode())
    for pattern, flags in sources:
        b = pattern.encode()
        h.update(len(b).to_bytes(8, "big") + b + flags.to_bytes(8, "big"))
    return h.hexdigest()


def _path(key: str) -> Path:
    return cache_dir() / f"date-index-{key[:32]}.json"


def _checksum(body: str) -> str:
    return hashlib.sha256(body.encode()).hexdigest()


def load(key: str, n: int) -> list[Entry] | None:
    """The index stored for ``key`` (``n`` rules), or None when it is missing, corrupt or stale."""
    try:
        data = json.loads(_path(key).read_text(encoding="utf-8"))
        body = data["index"]
        if data["key"] != key or data["sum"] != _checksum(json.dumps(body)) or len(body) != n:
            return None
        out: list[Entry] = []
        for words, chars in body:
            for part in (words, chars):
                if part is not None and not (isinstance(part, list) and all(isinstance(s, str) for s in part)):
                    return None
            out.append((None if words is None else frozenset(words), None if chars is None else frozenset(chars)))
        return out
    except (OSError, ValueError, KeyError, TypeError):
        return None


def store(key: str, index: list[Entry]) -> None:
    """Write the index for ``key`` atomically; a folder that cannot be written is left alone."""
    body = [[None if part is None else sorted(part) for part in entry] for entry in index]
    text = json.dumps({"key": key, "sum": _checksum(json.dumps(body)), "index": body})
    path = _path(key)
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".date-index-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
