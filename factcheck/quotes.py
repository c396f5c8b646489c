"""How a source quote is shown on one line, in findings' messages and in reports alike."""

from __future__ import annotations


def short_quote(q: str | None, n: int = 90) -> str:
    """A quote on one line, cut to ``n`` characters with "…"."""
    s = " ".join((q or "").split())
    return s if len(s) <= n else s[: n - 1] + "…"
