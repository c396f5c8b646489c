"""Writing TimeML: adding TIMEX3 elements to a document's TEXT, and stripping a gold file to system input.

Edits are made on the file's own characters, never by re-serialising the XML: everything
outside the inserted or removed tags stays byte for byte as it was (CRLF line ends,
entities, attribute order), so TEXT's character content is unchanged.  Offsets are those
of ``factcheck.timeml.read.read_timeml``: characters of TEXT's content as the XML parser
delivers them (entities decoded, line ends normalised to a line feed).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from factcheck.errors import Diagnostic, UserError

_TEXT_OPEN = re.compile(r"<TEXT(?:\s[^>]*)?>")
_TEXT_CLOSE = re.compile(r"</TEXT\s*>")
# A run of plain characters is one token (each of its characters is one of content); the
# single-character alternative takes what is left: an entity's "&", a lone "<" or CR.
_TOKEN = re.compile(
    r"(?P<plain>[^<&\r]+)|<!\[CDATA\[(?P<cdata>.*?)\]\]>|<!--.*?-->|<[^>]*>|&[^;\s]{1,10};|\r\n|.", re.DOTALL
)
_INNER = re.compile(r"</?(?:TIMEX3|EVENT|SIGNAL)\b[^>]*>")
_LINKS = re.compile(r"[ \t]*<(?:MAKEINSTANCE|TLINK|SLINK|ALINK)\b[^>]*/>[ \t]*(?:\r?\n)?")
_TID = re.compile(r'\btid="t(\d+)"')
_ATTR_ESCAPES = str.maketrans({"&": "&amp;", ">": "&gt;", "<": "&lt;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def quoteattr(value: str) -> str:
    """An XML attribute value, escaped and quoted as ``xml.sax.saxutils.quoteattr`` does.

    Written out because importing ``xml.sax.saxutils`` loads ``urllib.request`` (with
    ``http`` and ``ssl``), a tenth of what ``factcheck timeml tag`` imports.
    """
    value = value.translate(_ATTR_ESCAPES)
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return '"' + value.replace('"', "&quot;") + '"'


@dataclass(frozen=True)
class NewTimex:
    """A TIMEX3 to add: its span in TEXT's character content and its attributes."""

    start: int
    end: int
    type: str
    value: str
    mod: str | None = None


def read_raw(path: Path) -> str:
    """A TimeML file's characters exactly as stored (no line-end translation)."""
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UserError(Diagnostic(str(path), 1, 1, f"not UTF-8 ({exc.reason} at byte {exc.start})")) from None
    except OSError as exc:
        raise UserError(Diagnostic(str(path), 1, 1, f"cannot read: {exc.strerror or exc}")) from None


def _text_region(raw: str, where: str) -> tuple[int, int]:
    m_open = _TEXT_OPEN.search(raw)
    m_close = _TEXT_CLOSE.search(raw, m_open.end()) if m_open else None
    if m_open is None or m_close is None:
        raise UserError(Diagnostic(where, 1, 1, "no <TEXT> element"))
    return m_open.end(), m_close.start()


def _char_offsets(raw: str, lo: int, hi: int) -> list[int]:
    """Raw offset of each character of the parsed content of raw[lo:hi], plus the end offset."""
    starts: list[int] = []
    for m in _TOKEN.finditer(raw, lo, hi):
        if m.group("plain") is not None:
            starts += range(m.start(), m.end())
            continue
        tok = m.group(0)
        if m.group("cdata") is not None:
            base = m.start("cdata")
            starts += [base + i for i in range(len(m.group("cdata")))]
        elif tok.startswith("<") and len(tok) > 1:
            continue  # markup: no characters of content
        else:
            starts.append(m.start())  # one character: plain, an entity, or CRLF read as LF
    starts.append(hi)
    return starts


def write_tagged(raw: str, timexes: Sequence[NewTimex], where: str = "<input>") -> str:
    """The document with TIMEX3 elements wrapped around the given spans of TEXT; nothing else changes.

    New tids continue after the highest tid in the file, so they never clash with the DCT's.
    Overlapping spans are an error.
    """
    lo, hi = _text_region(raw, where)
    offsets = _char_offsets(raw, lo, hi)
    n = len(offsets) - 1
    ordered = sorted(timexes, key=lambda t: (t.start, t.end))
    prev_end = 0
    for t in ordered:
        if not 0 <= t.start < t.end <= n:
            raise ValueError(f"span {t.start}-{t.end} is outside TEXT (0-{n})")
        if t.start < prev_end:
            raise ValueError(f"span {t.start}-{t.end} overlaps the one before it")
        prev_end = t.end
    next_tid = max((int(x) for x in _TID.findall(raw)), default=0) + 1
    out: list[str] = []
    pos = 0
    for i, t in enumerate(ordered):
        a, b = offsets[t.start], offsets[t.end]
        attrs = f"tid={quoteattr(f't{next_tid + i}')} type={quoteattr(t.type)} value={quoteattr(t.value)}"
        if t.mod:
            attrs += f" mod={quoteattr(t.mod)}"
        out += [raw[pos:a], f"<TIMEX3 {attrs}>", raw[a:b], "</TIMEX3>"]
        pos = b
    out.append(raw[pos:])
    return "".join(out)


def strip_to_input(raw: str, where: str = "<input>") -> str:
    """The TempEval-3 system-input form of a gold document: TEXT without markup, no instances or links.

    The DCT is kept; TEXT's character content is unchanged.
    """
    lo, hi = _text_region(raw, where)
    inner = _INNER.sub("", raw[lo:hi])
    tail = _LINKS.sub("", raw[hi:])
    return raw[:lo] + inner + tail
