"""The date reader's rule index (where each rule's match can start) and compiled patterns, in the user's cache folder.

Working out which words or characters each rule can start with reads every expanded
pattern's parse tree, which was most of the time a short run spent loading the reader.  It
depends only on the expanded patterns, their flags and Python's regex parser, so it is
stored under their SHA-256 in ``$FACTCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/factcheck``,
else ``~/.cache/factcheck``.  A file that does not parse, fails its checksum or was written
for other patterns is ignored and written again; a cache folder that cannot be written is
no error (the index is then worked out on every run).

The shipped rules' patterns compiled for Python's ``re`` (the program its regex engine runs,
``programs.re_program``) are kept the same way, in one table by the SHA-256 of each pattern
(the file is for one Python version), so a run makes the patterns its texts trigger from
them instead of parsing and compiling each again.  Other tables worked out from the patterns
(the second words of ``quick``) are kept as JSON by content key (:func:`load_table`).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import marshal
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


def content_key(sources: list[tuple[str, int]], what: str = "date index") -> str:
    """SHA-256 of the patterns and flags, with what else the index (or ``what`` else) depends on."""
    h = hashlib.sha256(f"factcheck {__version__} {what} {FORMAT} python {sys.version}\0".encode())
    for pattern, flags in sources:
        b = pattern.encode()
        h.update(len(b).to_bytes(8, "big") + b + flags.to_bytes(8, "big"))
    return h.hexdigest()


@functools.cache
def source_digest(path: str) -> str:
    """SHA-256 of a module's source (``__file__``), for keys of what that code works out; "" when it cannot be read.

    A table worked out by code that has changed since is then never read, with no format
    number to remember to bump.
    """
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""


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


def _write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; a folder that cannot be written is left alone."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def load_table(name: str, key: str) -> object | None:
    """The JSON body stored as ``name`` for ``key`` (:func:`content_key`), or None when missing, corrupt or stale.

    The file is a line with the key and the body's SHA-256, then the body: only a body whose
    checksum holds is parsed.  The caller checks the body's shape; here only that it is the
    one written for ``key``.
    """
    try:
        raw = _table_path(name, key).read_bytes()
        head, _, body = raw.partition(b"\n")
        if head != f"{key} {hashlib.sha256(body).hexdigest()}".encode():
            return None
        return json.loads(body)  # type: ignore[no-any-return]
    except (OSError, ValueError):
        return None


def store_table(name: str, key: str, body: object) -> None:
    """Write a JSON body as ``name`` for ``key`` atomically; a folder that cannot be written is left alone."""
    data = json.dumps(body).encode()
    _write(_table_path(name, key), f"{key} {hashlib.sha256(data).hexdigest()}\n".encode() + data)


def _table_path(name: str, key: str) -> Path:
    return cache_dir() / f"{name}-{key[:32]}.table"


def _programs_path() -> Path:
    return cache_dir() / "date-programs.bin"


def _programs_head(body: bytes) -> bytes:
    """The file's first line: what built the programs (they depend on Python's version), and the body's SHA-256."""
    return f"factcheck {__version__} re programs {FORMAT} python {sys.version}".encode().replace(b"\n", b" ") + (
        b" " + hashlib.sha256(body).hexdigest().encode()
    )


def pattern_key(pattern: str, flags: int) -> str:
    """The key of a pattern's program: the SHA-256 of the pattern and its flags."""
    return hashlib.sha256(f"{flags}\0{pattern}".encode()).hexdigest()


def load_programs() -> dict[str, bytes | None]:
    """The programs stored so far, by :func:`pattern_key` (None: the pattern has none); empty when missing or corrupt.

    The file is one line saying what built the programs, with the SHA-256 of the body, then
    the body (the table, marshalled): only a body whose checksum holds is unmarshalled.
    """
    try:
        raw = _programs_path().read_bytes()
        head, _, body = raw.partition(b"\n")
        if head != _programs_head(body):
            return {}
        got = marshal.loads(body)
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    if not isinstance(got, dict) or not all(
        isinstance(k, str) and (v is None or isinstance(v, bytes)) for k, v in got.items()
    ):
        return {}
    return got


def store_programs(programs: dict[str, bytes | None]) -> None:
    """Write the programs atomically; a folder that cannot be written is left alone."""
    body = marshal.dumps(dict(sorted(programs.items())))
    _write(_programs_path(), _programs_head(body) + b"\n" + body)
