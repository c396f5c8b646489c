"""Reading TimeML (``.tml``): TEXT with character offsets, DCT, TIMEX3, EVENT, MAKEINSTANCE, TLINK.

The XML is parsed, never matched with regular expressions (attribute order varies).
Offsets count characters of TEXT's content as the XML parser delivers it (line ends
normalised to a line feed, as XML requires).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.errors import Diagnostic, UserError
from factcheck.folders import holds

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET


@dataclass(frozen=True)
class Timex:
    """A TIMEX3: its id, span in TEXT (None for the DCT), text and attributes."""

    tid: str
    start: int | None
    end: int | None
    text: str
    type: str
    value: str
    mod: str | None = None
    function: str | None = None
    anchor: str | None = None


@dataclass(frozen=True)
class EventMention:
    """An EVENT: its id, span in TEXT, text and class."""

    eid: str
    start: int
    end: int
    text: str
    event_class: str | None = None


@dataclass(frozen=True)
class Instance:
    """A MAKEINSTANCE: an event instance and the event it instantiates."""

    eiid: str
    eid: str
    tense: str | None = None
    aspect: str | None = None
    polarity: str | None = None


@dataclass(frozen=True)
class TLink:
    """A TLINK between an event instance or TIMEX3 and another."""

    lid: str
    rel: str
    source: str  # eiid or tid
    target: str


@dataclass
class TimeMLDoc:
    """One TimeML document."""

    id: str
    path: str
    text: str
    dct: Timex | None
    timexes: list[Timex] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    instances: list[Instance] = field(default_factory=list)
    tlinks: list[TLink] = field(default_factory=list)

    def dct_date(self) -> dt.date | None:
        """The document creation date (the date part of a TIME-typed DCT)."""
        if self.dct is None:
            return None
        try:
            return dt.date.fromisoformat(self.dct.value[:10])
        except ValueError:
            return None


def _walk(elem: ET.Element, parts: list[str], pos: list[int], found: list[tuple[ET.Element, int, int]]) -> None:
    if elem.text:
        parts.append(elem.text)
        pos[0] += len(elem.text)
    for child in elem:
        start = pos[0]
        _walk(child, parts, pos, found)
        found.append((child, start, pos[0]))
        if child.tail:
            parts.append(child.tail)
            pos[0] += len(child.tail)


def read_timeml(path: Path) -> TimeMLDoc:
    """Read one TimeML file; malformed XML is a UserError at its line and column."""
    import xml.etree.ElementTree as ET  # here: tagging reads with expat alone (read_text_and_dct)

    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        line, col = exc.position
        raise UserError(Diagnostic(str(path), line, col + 1, f"not well-formed TimeML: {exc}")) from None
    except OSError as exc:
        raise UserError(Diagnostic(str(path), 1, 1, f"cannot read: {exc.strerror or exc}")) from None
    text_el = root.find("TEXT")
    parts: list[str] = []
    found: list[tuple[ET.Element, int, int]] = []
    if text_el is not None:
        _walk(text_el, parts, [0], found)
    text = "".join(parts)
    doc_id = path.name.split(".tml")[0] if ".tml" in path.name else path.stem
    dct = None
    for t in root.iter("TIMEX3"):
        if t.get("functionInDocument") == "CREATION_TIME":
            dct = _timex(t, None, None)
            break
    out = TimeMLDoc(doc_id, str(path), text, dct)
    for el, start, end in sorted(found, key=lambda f: (f[1], f[2])):
        if el.tag == "TIMEX3":
            out.timexes.append(_timex(el, start, end, text[start:end]))
        elif el.tag == "EVENT":
            out.events.append(EventMention(el.get("eid", ""), start, end, text[start:end], el.get("class")))
    for mi in root.iter("MAKEINSTANCE"):
        out.instances.append(
            Instance(mi.get("eiid", ""), mi.get("eventID", ""), mi.get("tense"), mi.get("aspect"), mi.get("polarity"))
        )
    for tl in root.iter("TLINK"):
        src = tl.get("eventInstanceID") or tl.get("timeID") or ""
        dst = tl.get("relatedToEventInstance") or tl.get("relatedToTime") or ""
        out.tlinks.append(TLink(tl.get("lid", ""), (tl.get("relType") or "").upper(), src, dst))
    return out


def read_text_and_dct(raw: bytes, where: str) -> tuple[str, dt.date | None]:
    """TEXT's character content and the creation date of a TimeML file's bytes, as :func:`read_timeml` reads them.

    What tagging needs, without building the document: expat delivers TEXT's characters
    (handlers only until TEXT ends; the rest of the file is only checked for being well
    formed), with the same namespace handling as ElementTree's parser, so the same text,
    the same creation date and the same errors at ``where``'s line and column.
    """
    import xml.parsers.expat

    parser = xml.parsers.expat.ParserCreate(None, "}")
    parser.buffer_text = True
    parts: list[str] = []
    depth = 0
    dct: list[str] = []
    text_seen = False

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal depth, text_seen
        depth += 1
        if name == "TEXT" and depth == 2 and not text_seen:
            text_seen = True
            parser.CharacterDataHandler = parts.append
            parser.EndElementHandler = end_in_text
        if name == "TIMEX3" and not dct and attrs.get("functionInDocument") == "CREATION_TIME":
            dct.append(attrs.get("value", ""))
        if dct and text_seen and parser.CharacterDataHandler is None:
            parser.StartElementHandler = parser.EndElementHandler = None  # nothing more to read

    def end(name: str) -> None:
        nonlocal depth
        depth -= 1

    def end_in_text(name: str) -> None:
        nonlocal depth
        depth -= 1
        if depth == 1:  # TEXT itself ends
            parser.CharacterDataHandler = None
            parser.EndElementHandler = end
            if dct:
                parser.StartElementHandler = parser.EndElementHandler = None

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(raw, True)
    except xml.parsers.expat.ExpatError as exc:
        raise UserError(Diagnostic(where, exc.lineno, exc.offset + 1, f"not well-formed TimeML: {exc}")) from None
    date = None
    if dct:
        with contextlib.suppress(ValueError):
            date = dt.date.fromisoformat(dct[0][:10])
    return "".join(parts), date


def _timex(el: ET.Element, start: int | None, end: int | None, text: str | None = None) -> Timex:
    return Timex(
        tid=el.get("tid", ""),
        start=start,
        end=end,
        text=text if text is not None else "".join(el.itertext()),
        type=el.get("type", ""),
        value=el.get("value", ""),
        mod=el.get("mod"),
        function=el.get("functionInDocument"),
        anchor=el.get("anchorTimeID"),
    )


@dataclass(frozen=True)
class FileText:
    """A TimeML file's own text and where its TLINK and TIMEX3 elements are in it (character offsets)."""

    text: str
    tlinks: dict[str, tuple[int, int]]  # lid -> the element's tag
    timexes: dict[str, tuple[int, int]]  # tid -> the element's opening tag


def element_spans(path: Path) -> FileText:
    """Where each TLINK and TIMEX3 is written in the file, so that findings can point at its line.

    The file is parsed with expat (which knows where each tag starts), never searched with
    regular expressions.
    """
    import xml.parsers.expat

    raw = path.read_bytes()
    starts: list[tuple[int, str, str]] = []
    parser = xml.parsers.expat.ParserCreate()

    def start(name: str, attrs: dict[str, str]) -> None:
        if name == "TLINK" and "lid" in attrs:
            starts.append((parser.CurrentByteIndex, name, attrs["lid"]))
        elif name == "TIMEX3" and "tid" in attrs:
            starts.append((parser.CurrentByteIndex, name, attrs["tid"]))

    parser.StartElementHandler = start
    try:
        parser.Parse(raw, True)
    except xml.parsers.expat.ExpatError as exc:
        raise UserError(Diagnostic(str(path), exc.lineno, exc.offset + 1, f"not well-formed TimeML: {exc}")) from None
    text = raw.decode("utf-8", errors="replace")
    out = FileText(text, {}, {})
    chars = pos = 0
    for at, name, ident in sorted(starts):
        chars += len(raw[pos:at].decode("utf-8", errors="replace"))
        pos = at
        end = text.find(">", chars)
        span = (chars, end + 1 if end >= 0 else len(text))
        (out.tlinks if name == "TLINK" else out.timexes).setdefault(ident, span)
    return out


TIMEML_SUFFIXES = (".tml", ".tml.TE3input")


def timeml_files(paths: list[Path]) -> list[Path]:
    """TimeML files named, or under folders named (``*.tml``, ``*.tml.TE3input``), sorted.

    Paths that hold no TimeML file at all are an error naming what each holds.
    """
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(q for q in p.rglob("*") if q.is_file() and q.name.endswith(TIMEML_SUFFIXES))
        elif p.exists():
            out.append(p)
        else:
            raise UserError(Diagnostic(str(p), 1, 1, "no such file or folder"))
    if not out:
        wanted = "named " + " or ".join("*" + s for s in TIMEML_SUFFIXES)
        raise UserError([Diagnostic(str(p), 0, 0, f"no TimeML file: {holds(p, wanted)}") for p in paths]
                        or Diagnostic("<input>", 0, 0, "no TimeML file: no path given"))  # fmt: skip
    return out
