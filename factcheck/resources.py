"""Where the shipped data lives, whether installed from a wheel or run from a checkout."""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent


def shipped_rules_dir() -> Path:
    """The shipped ``rules/`` folder (bundled into the wheel as ``factcheck/_data/rules``)."""
    bundled = _PKG / "_data" / "rules"
    if bundled.is_dir():
        return bundled
    return _PKG.parent / "rules"


def shipped_facts_dir() -> Path:
    """The shipped ``facts/`` folder (background facts)."""
    bundled = _PKG / "_data" / "facts"
    if bundled.is_dir():
        return bundled
    return _PKG.parent / "facts"
