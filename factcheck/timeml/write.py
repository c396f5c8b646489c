"""Writing TimeML: adding TIMEX3 elements to a document's TEXT, and stripping a gold file to system input.

Edits are made on the file's own characters, never by re-serialising the XML: everything
outside the inserted or removed tags stays byte for byte as it was (CRLF line ends,
entities, attribute order), so TEXT's character content is unchanged.  Offsets are those
of ``factcheck.timeml.read.read_timeml``: characters of TEXT's content as the XML parser
delivers them (entities decoded, line ends normalised to a line feed).
"""

from __future__ import annotations

import bisect
import datetime as dt
import glob
import os
import re
import tempfile
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from pathlib import Path

from factcheck.errors import Diagnostic, UserError
from factcheck.timeml.read import read_text_and_dct

_TEXT_OPEN = re.compile(r"<TEXT(?:\s[^>]*)?>")
_TEXT_CLOSE = re.compile(r"</TEXT\s*>")
# What is not a plain character of content; between two of these, every character is one of
# content.  The one-character alternative takes what is left: an entity's "&", a lone "<" or CR.
_SPECIAL = re.compile(r"<!\[CDATA\[(?P<cdata>.*?)\]\]>|<!--.*?-->|<[^>]*>|&[^;\s]{1,10};|\r\n|[<&\r]", re.DOTALL)
_INNER = re.compile(r"</?(?:TIMEX3|EVENT|SIGNAL)\b[^>]*>")
_LINKS = re.compile(r"[ \t]*<(?:MAKEINSTANCE|TLINK|SLINK|ALINK)\b[^>]*/>[ \t]*(?:\r?\n)?")
_TID = re.compile(r'tid="t(\d+)"')  # at a word's start: the literal is found fast, the start checked after
_WORD_CHAR = re.compile(r"\w")
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
    return _decode(_read_bytes(path), str(path))


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UserError(Diagnostic(str(path), 1, 1, f"cannot read: {exc.strerror or exc}")) from None


def _decode(raw: bytes, where: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UserError(Diagnostic(where, 1, 1, f"not UTF-8 ({exc.reason} at byte {exc.start})")) from None


def _text_region(raw: str, where: str) -> tuple[int, int]:
    m_open = _TEXT_OPEN.search(raw)
    m_close = _TEXT_CLOSE.search(raw, m_open.end()) if m_open else None
    if m_open is None or m_close is None:
        raise UserError(Diagnostic(where, 1, 1, "no <TEXT> element"))
    return m_open.end(), m_close.start()


def _segments(raw: str, lo: int, hi: int) -> tuple[list[int], list[int], int]:
    """Where the parsed content of raw[lo:hi] comes from, run by run, and its length in characters.

    Two lists of the same length: the character offset in the content where each run starts
    and the raw offset it starts at.  Within a run, content and raw advance together (plain
    characters, a CDATA section's); an entity, or a CRLF read as LF, is a run of one character.
    Markup makes no run.  Runs are few (one per tag, entity or line end), where a table of
    every character's raw offset would cost a list entry per character.
    """
    text_at: list[int] = []
    raw_at: list[int] = []
    n = 0
    pos = lo
    for m in _SPECIAL.finditer(raw, lo, hi):
        at = m.start()
        if at > pos:  # plain characters before it
            text_at.append(n)
            raw_at.append(pos)
            n += at - pos
        pos = m.end()
        if m.lastgroup == "cdata":
            if m.end("cdata") > m.start("cdata"):
                text_at.append(n)
                raw_at.append(m.start("cdata"))
                n += m.end("cdata") - m.start("cdata")
        elif raw[at] != "<" or pos - at == 1:  # one character: an entity, CRLF read as LF, a lone "<", "&" or CR
            text_at.append(n)
            raw_at.append(at)
            n += 1
        # else markup: no characters of content
    if hi > pos:
        text_at.append(n)
        raw_at.append(pos)
        n += hi - pos
    return text_at, raw_at, n


def _raw_offset(segments: tuple[list[int], list[int], int], hi: int, c: int) -> int:
    """The raw offset of content character ``c`` (``hi`` for the end of the content)."""
    text_at, raw_at, n = segments
    if c >= n:
        return hi
    i = bisect.bisect_right(text_at, c) - 1
    return raw_at[i] + (c - text_at[i])


def write_tagged(raw: str, timexes: Sequence[NewTimex], where: str = "<input>") -> str:
    """The document with TIMEX3 elements wrapped around the given spans of TEXT; nothing else changes.

    New tids continue after the highest tid in the file, so they never clash with the DCT's.
    Overlapping spans are an error.
    """
    lo, hi = _text_region(raw, where)
    segments = _segments(raw, lo, hi)
    n = segments[2]
    ordered = sorted(timexes, key=lambda t: (t.start, t.end))
    prev_end = 0
    for t in ordered:
        if not 0 <= t.start < t.end <= n:
            raise ValueError(f"span {t.start}-{t.end} is outside TEXT (0-{n})")
        if t.start < prev_end:
            raise ValueError(f"span {t.start}-{t.end} overlaps the one before it")
        prev_end = t.end
    tids = (m.group(1) for m in _TID.finditer(raw) if not (m.start() and _WORD_CHAR.match(raw, m.start() - 1)))
    next_tid = max((int(x) for x in tids), default=0) + 1
    out: list[str] = []
    pos = 0
    for i, t in enumerate(ordered):
        a, b = _raw_offset(segments, hi, t.start), _raw_offset(segments, hi, t.end)
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


Tagger = Callable[[str, dt.date | None], Sequence[NewTimex]]
"""What finds the TIMEX3s of a document: its TEXT and creation date to the spans to add."""

# A chunk of work is this share, per worker, of the bytes still to tag (guided scheduling):
# large first chunks cost few round trips, and the last are small, so the workers finish
# together instead of one idling while another tags a long last chunk.
_SHARE_PER_WORKER = 0.5
# The fewest bytes a chunk takes (of the whole input, per worker), so the tail is not cut into
# single files that each cost a round trip.
_LEAST_PER_WORKER = 1 / 32
# Bytes of TimeML per worker: a worker's start (its fork, the rules it compiles again as it
# meets them) costs about what tagging half a megabyte does, so smaller inputs are tagged here.
_BYTES_PER_WORKER = 512 * 1024


def tag_files(files: Sequence[Path], out_dir: Path, tag: Tagger, jobs: int = 1) -> None:
    """Write each TimeML file, with the TIMEX3s ``tag`` finds added, under ``out_dir`` with its own name.

    Each output appears whole or not at all (a temporary file beside it, then a rename), and
    outputs appear in the order of ``files``: the first file that cannot be read or tagged
    stops the run with its error, after the files before it and before any after it, so what
    is written, and the error, are the same whatever ``jobs`` is.  With ``jobs`` > 1, the files
    are read, tagged and written to their temporary files by up to that many forked workers
    (one per ``_BYTES_PER_WORKER`` of input), and renamed here in order.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    # mkstemp makes the file private (0600); the output is an ordinary file, so the umask decides.
    mask = os.umask(0o022)  # the umask can only be read by setting it
    os.umask(mask)
    mode = 0o666 & ~mask
    sizes = _sizes(files)
    workers = min(jobs, len(files), max(1, sum(sizes) // _BYTES_PER_WORKER))
    if workers <= 1:
        for path in files:
            tmp = _tag_one(path, out_dir, mode, tag)
            try:
                os.replace(tmp, out_dir / path.name)
            except BaseException:
                _unlink(tmp)
                raise
        return
    from factcheck.runtime.fork import fork_map

    spans = _spans(sizes, _SHARE_PER_WORKER / workers, _LEAST_PER_WORKER / workers)
    results = fork_map(_tag_span, (files, out_dir, mode, tag), spans, workers, batch=1, window=2 * workers)
    try:
        for (lo, _), got_span in zip(spans, results, strict=True):
            for k, got in enumerate(got_span):
                if isinstance(got, list):
                    raise UserError(got)
                if isinstance(got, Exception):
                    raise got
                os.replace(got, out_dir / files[lo + k].name)
    except BaseException:
        if isinstance(results, Generator):
            results.close()  # the workers are stopped before their temporary files are swept
        for path in files:  # outputs tagged but not renamed (an error, a stop request)
            for left in out_dir.glob(f".{glob.escape(path.name)}.*.tmp"):
                _unlink(str(left))
        raise


def _sizes(files: Sequence[Path]) -> list[int]:
    sizes = []
    for path in files:
        try:
            sizes.append(path.stat().st_size)
        except OSError:
            sizes.append(0)  # reading it will report the error
    return sizes


def _spans(sizes: Sequence[int], share: float, least: float) -> list[tuple[int, int]]:
    """Files of these sizes cut into runs of consecutive files, each about ``share`` of the bytes left.

    No run but the last is smaller than ``least`` of all the bytes; every run has a file.
    """
    total = sum(sizes)
    spans: list[tuple[int, int]] = []
    lo = acc = 0
    left = total
    for i, size in enumerate(sizes):
        acc += size
        if acc >= max(left * share, total * least) or i == len(sizes) - 1:
            spans.append((lo, i + 1))
            lo = i + 1
            left -= acc
            acc = 0
    return spans


def _tag_span(
    job: tuple[Sequence[Path], Path, int, Tagger], span: tuple[int, int]
) -> list[str | list[Diagnostic] | Exception]:
    """In a worker: the temporary file of each file of ``span``, up to the first error (its diagnostics, or the bug).

    ``job`` (the files, the output folder and mode, the tagger) is inherited by the forked
    worker, not pickled: the tagger, its compiled rules and caches stay where they are.
    """
    files, out_dir, mode, tag = job
    out: list[str | list[Diagnostic] | Exception] = []
    try:
        for path in files[span[0] : span[1]]:
            try:
                out.append(_tag_one(path, out_dir, mode, tag))
            except UserError as exc:
                out.append(exc.diagnostics)
                break
            except Exception as exc:  # a bug: raised where the files before it are written, as without workers
                out.append(exc)
                break
    except BaseException:  # a stop request: nobody will rename what this chunk wrote
        for got in out:
            if isinstance(got, str):
                _unlink(got)
        raise
    return out


def _tag_one(path: Path, out_dir: Path, mode: int, tag: Tagger) -> str:
    """Read, tag and write one file to a temporary file in ``out_dir``; its path."""
    raw = _read_bytes(path)
    text, dct = read_text_and_dct(raw, str(path))
    new = tag(text, dct)
    tagged = write_tagged(_decode(raw, str(path)), new, str(path)).encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=out_dir)
    try:
        try:
            os.fchmod(fd, mode)
            view = memoryview(tagged)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
    except BaseException:
        _unlink(tmp)
        raise
    return tmp


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
