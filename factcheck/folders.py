"""What a folder holds, in a few words: the reason a run found nothing in it to read."""

from __future__ import annotations

from pathlib import Path


def holds(folder: Path, wanted: str) -> str:
    """A folder's files counted by suffix, ending "none ``wanted``" (the run found none it reads)."""
    if not folder.is_dir():
        return f"not {wanted}"
    files = [q for q in folder.rglob("*") if q.is_file()]
    if not files:
        return "an empty folder"
    kinds: dict[str, int] = {}
    for q in files:
        kind = q.suffix or "no suffix"
        kinds[kind] = kinds.get(kind, 0) + 1
    found = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    return f"a folder of {len(files)} file{'s' if len(files) != 1 else ''} ({found}), none {wanted}"
