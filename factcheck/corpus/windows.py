"""Long article files in windows: where each window starts, in bytes, characters and lines.

An article longer than one window is never held in memory whole.  A first pass over the
file (one window at a time) fixes the encoding and the cut points, each at a paragraph
break where there is one, else at a line break, so that no sentence is cut in two; the
reader then reads window by window, and quotes are read back from disk by offset.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

WINDOW_BYTES = 128 * 1024
"""Bytes read at once; a news article is a few kilobytes, so only unusually long files are split."""

_PARAGRAPH_BREAK = re.compile(rb"\n[ \t\r]*\n")
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Window:
    """One window of a file: its bytes, and where it starts in characters and lines (0-based)."""

    byte_start: int
    byte_end: int
    char_start: int
    chars: int
    line_start: int
    newlines: int


@dataclass(frozen=True)
class FilePlan:
    """How a long file is read: its encoding and its windows, which cover it without gap or overlap."""

    path: Path
    encoding: str
    windows: tuple[Window, ...]
    warnings: tuple[str, ...] = ()
    blank: bool = False  # nothing but white space

    @property
    def chars(self) -> int:
        """Length of the decoded file in characters."""
        last = self.windows[-1]
        return last.char_start + last.chars

    def read(self, index: int) -> str:
        """The decoded text of one window."""
        w = self.windows[index]
        with self.path.open("rb") as fh:
            fh.seek(w.byte_start)
            raw = fh.read(w.byte_end - w.byte_start)
        return raw.decode(self.encoding)

    def window_at(self, char_offset: int) -> int:
        """Index of the window holding a character offset (the last one for offsets at or past the end)."""
        lo, hi = 0, len(self.windows) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.windows[mid].char_start <= char_offset:
                lo = mid
            else:
                hi = mid - 1
        return lo


def cut_point(block: bytes, at_eof: bool) -> tuple[int, bool]:
    """Where to end a window within ``block``: after a paragraph break, else a line break; and whether a line was cut.

    Without any line break in the block (one line longer than a window) the cut falls after the
    last space, else at the end of the block, backed off to a UTF-8 character boundary.
    """
    if at_eof:
        return len(block), False
    last_para = None
    for m in _PARAGRAPH_BREAK.finditer(block):
        last_para = m
    if last_para is not None:
        return last_para.end(), False
    nl = block.rfind(b"\n")
    if nl >= 0:
        return nl + 1, False
    sp = block.rfind(b" ")
    if sp > 0:
        return sp + 1, True
    end = len(block)
    while end > 1 and block[end - 1] & 0xC0 == 0x80:  # a UTF-8 continuation byte: do not split the character
        end -= 1
    if block[end - 1] >= 0xC0:
        end -= 1
    return max(end, 1), True


def plan(path: Path, window_bytes: int = WINDOW_BYTES, encoding: str | None = None) -> FilePlan:
    """Cut points, encoding and character and line counts of a file, reading one window at a time."""
    p = str(path)
    if encoding is None:
        try:
            return plan(path, window_bytes, "utf-8")
        except UnicodeDecodeError as exc:
            where = f"byte {exc.start}"
        for enc in ("cp1252", "latin-1"):
            try:
                got = plan(path, window_bytes, enc)
            except UnicodeDecodeError:
                continue
            warn = f"{p}: not UTF-8 (invalid at {where}); decoded as {enc}"
            return FilePlan(got.path, got.encoding, got.windows, (warn, *got.warnings), got.blank)
        raise AssertionError("latin-1 decodes any byte")  # pragma: no cover
    windows: list[Window] = []
    warnings: list[str] = []
    char_pos = line_pos = 0
    blank = True
    with path.open("rb") as fh:
        start = 0
        head = fh.read(len(_BOM))
        if head == _BOM:
            start = len(_BOM)
        fh.seek(start)
        carry = b""
        while True:
            block = carry + fh.read(window_bytes - len(carry))
            if not block:
                break
            end, cut_line = cut_point(block, at_eof=len(block) < window_bytes)
            chunk, carry = block[:end], block[end:]
            try:
                chars = len(codecs.decode(chunk, encoding))
            except UnicodeDecodeError as exc:
                at = start + exc.start  # where in the file, for the warning
                raise UnicodeDecodeError(exc.encoding, exc.object, at, at + 1, exc.reason) from None
            if cut_line:
                warnings.append(f"{p}: line {line_pos + 1} is longer than {window_bytes // 1024} KB; read in pieces")
            blank = blank and not chunk.strip()
            newlines = chunk.count(b"\n")
            windows.append(Window(start, start + end, char_pos, chars, line_pos, newlines))
            start += end
            char_pos += chars
            line_pos += newlines
    if not windows:
        windows.append(Window(start, start, 0, 0, 0, 0))
    return FilePlan(path, encoding, tuple(windows), tuple(warnings), blank)
