"""The text of a long article file, read from disk by offset instead of held in memory.

Quote checks and report locations need an article's text as a string (slices, ``find``,
line counts).  For a file longer than one window, :class:`FileText` answers the same calls
from its :class:`~factcheck.corpus.windows.FilePlan`, keeping at most two windows decoded.
"""

from __future__ import annotations

from typing import Any

from factcheck.corpus.windows import FilePlan

_CACHED = 2


class FileText:
    """A read-only, str-like view of a decoded file: ``len``, slices, ``find``, ``rfind``, ``count``, ``in``."""

    def __init__(self, plan: FilePlan) -> None:
        self.plan = plan
        self._cache: dict[int, str] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {"plan": self.plan}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.plan = state["plan"]
        self._cache = {}

    def __repr__(self) -> str:
        return f"FileText({str(self.plan.path)!r}, {len(self)} characters)"

    def __len__(self) -> int:
        return self.plan.chars

    def _window(self, index: int) -> str:
        text = self._cache.get(index)
        if text is None:
            text = self.plan.read(index)
            if len(self._cache) >= _CACHED:
                self._cache.pop(next(iter(self._cache)))
            self._cache[index] = text
        return text

    def _bounds(self, start: int | None, end: int | None) -> tuple[int, int]:
        n = len(self)
        a = 0 if start is None else (max(0, start + n) if start < 0 else start)
        b = n if end is None else (max(0, end + n) if end < 0 else min(end, n))
        return a, b

    def __getitem__(self, key: slice) -> str:
        if not isinstance(key, slice) or key.step not in (None, 1):
            raise TypeError("FileText supports plain slices only")
        a, b = self._bounds(key.start, key.stop)
        if a >= b:
            return ""
        parts = []
        i = self.plan.window_at(a)
        while a < b:
            w = self.plan.windows[i]
            text = self._window(i)
            lo, hi = a - w.char_start, min(b, w.char_start + w.chars) - w.char_start
            parts.append(text[lo:hi])
            a = w.char_start + hi
            i += 1
        return "".join(parts)

    def find(self, sub: str, start: int | None = None, end: int | None = None, /) -> int:
        """Lowest offset of ``sub`` in ``[start, end)``, or -1; matches may straddle windows."""
        a, b = self._bounds(start, end)
        if not sub:
            return a if a <= b else -1
        i = self.plan.window_at(a)
        while a < b:
            w = self.plan.windows[i]
            hi = min(b, w.char_start + w.chars + len(sub) - 1)
            found = self[a:hi].find(sub)
            if found >= 0:
                return a + found
            if w.char_start + w.chars >= b or i + 1 >= len(self.plan.windows):
                return -1
            a = w.char_start + w.chars
            i += 1
        return -1

    def rfind(self, sub: str, start: int | None = None, end: int | None = None, /) -> int:
        """Highest offset of ``sub`` in ``[start, end)``, or -1; matches may straddle windows."""
        a, b = self._bounds(start, end)
        if not sub:
            return b if a <= b else -1
        i = self.plan.window_at(max(a, b - 1))
        while a < b:
            w = self.plan.windows[i]
            lo = max(a, w.char_start - len(sub) + 1)
            found = self[lo:b].rfind(sub)
            if found >= 0:
                return lo + found
            if w.char_start <= a or i == 0:
                return -1
            b = w.char_start
            i -= 1
        return -1

    def count(self, sub: str, start: int | None = None, end: int | None = None, /) -> int:
        """Non-overlapping occurrences of ``sub`` in ``[start, end)``; line breaks are counted from the plan."""
        a, b = self._bounds(start, end)
        if not sub:
            return b - a + 1 if a <= b else 0
        if sub == "\n" and a < b:
            first, last = self.plan.window_at(a), self.plan.window_at(b - 1)
            if first == last:
                return self[a:b].count(sub)
            wf, wl = self.plan.windows[first], self.plan.windows[last]
            inner = wl.line_start - (wf.line_start + wf.newlines)
            head = wf.newlines if a == wf.char_start else self[a : wf.char_start + wf.chars].count(sub)
            return head + inner + self[wl.char_start : b].count(sub)
        n, pos = 0, a
        while True:
            pos = self.find(sub, pos, b)
            if pos < 0:
                return n
            n += 1
            pos += len(sub)

    def __contains__(self, sub: str) -> bool:
        return self.find(sub) >= 0
