"""Loading articles: plain text, text or Markdown with YAML front matter, and HTML.

An article's ``text`` is what every offset points into: the file decoded as UTF-8 (after
front matter, when there is some), or the main text extracted from HTML.  Files that
cannot be read as articles are reported with a reason, never silently dropped.

A text file longer than one window (``factcheck.corpus.windows``) is never held whole: its
article carries the first window and a plan of the rest, which the reader reads in turn.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from factcheck.corpus.filetext import FileText
from factcheck.corpus.headline import headline
from factcheck.corpus.segment import Segmentation, segment
from factcheck.corpus.windows import WINDOW_BYTES, FilePlan, plan
from factcheck.errors import Diagnostic, UserError
from factcheck.model import ArticleText, TimeBound
from factcheck.yamlio import parse_yaml, validate_data

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
MAX_HTML_BYTES = 8 * 1024 * 1024
"""An HTML page is parsed whole, so a larger one is skipped (with the reason) rather than read in part."""


class ArticleMeta(BaseModel):
    """Metadata an article's front matter may carry (all optional)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str | None = None
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: TimeBound = TimeBound()
    retrieved: TimeBound = TimeBound()
    trust: float = Field(default=1.0, gt=0)


@dataclass(frozen=True)
class Article:
    """An article ready for reading: id, text, metadata, sentences."""

    id: str
    path: str
    text: str
    meta: ArticleMeta
    segmentation: Segmentation
    warnings: tuple[str, ...] = ()
    body_offset: int = 0  # where ``text`` starts in the file (after front matter)
    plan: FilePlan | None = None  # a long file: ``text`` is its first window, the plan says where the rest lies


@dataclass
class Skipped:
    """A file that was not audited, and why."""

    path: str
    reason: str
    failed: bool = False
    fault: bool = False  # failed for a fault of factcheck's reader, not of the file: the run is incomplete


@dataclass
class LoadResult:
    """What loading a set of paths produced: articles, and files skipped or failed."""

    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def decode(raw: bytes, path: str) -> tuple[str, list[str]]:
    """Text of a file: UTF-8 (BOM stripped), else cp1252 or Latin-1 with a warning naming it."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        where = f"byte {exc.start}"
    for enc in ("cp1252", "latin-1"):
        try:
            return raw.decode(enc), [f"{path}: not UTF-8 (invalid at {where}); decoded as {enc}"]
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace"), [f"{path}: not UTF-8; undecodable bytes replaced"]


def read_article_text(path: Path) -> ArticleText:
    """An article file's text exactly as the loader sees it, so that quote offsets agree.

    A file longer than one window comes as a :class:`FileText`, read from disk by offset.
    """
    st = path.stat()
    if st.st_size <= WINDOW_BYTES:
        return decode(path.read_bytes(), str(path))[0]
    return _file_text(path.resolve(), st.st_size, st.st_mtime_ns)


@functools.lru_cache(maxsize=16)
def _file_text(path: Path, size: int, mtime_ns: int) -> FileText:
    # Planning reads the whole file once; a report asks for the same article's text again and again.
    return FileText(plan(path))


def looks_binary(raw: bytes) -> bool:
    """True for data that is not text (NUL bytes, or mostly control characters)."""
    head = raw[:8192]
    if b"\x00" in head:
        return True
    if not head:
        return False
    ctrl = sum(1 for b in head if b < 9 or 13 < b < 32)
    return ctrl / len(head) > 0.1


def split_front_matter(text: str, path: str) -> tuple[dict[str, Any], str, int]:
    """(front matter mapping, body, body offset) for text that opens with ``---``."""
    if not text.startswith("---"):
        return {}, text, 0
    first_nl = text.find("\n")
    if first_nl < 0 or text[:first_nl].strip() != "---":
        return {}, text, 0
    end = text.find("\n---", first_nl)
    while end >= 0:
        line_end = text.find("\n", end + 1)
        line = text[end + 1 : line_end if line_end >= 0 else len(text)]
        if line.strip() == "---":
            break
        end = text.find("\n---", end + 1)
    if end < 0:
        raise UserError(Diagnostic(path, 1, 1, "front matter opened with '---' is never closed"))
    data = parse_yaml(text[first_nl + 1 : end + 1], path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise UserError(Diagnostic(path, 2, 1, "front matter must be a mapping"))
    body_start = line_end + 1 if line_end >= 0 else len(text)
    return data, text[body_start:], body_start


def html_text(html: str, path: str) -> str:
    """Main text of an HTML page, extracted with trafilatura (the ``html`` extra)."""
    try:
        import trafilatura  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        raise UserError(
            Diagnostic(path, 1, 1, "reading HTML needs the 'html' extra: pip install 'factcheck[html]'")
        ) from None
    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    return str(text or "")


def load_article(path: Path, *, doc_id: str | None = None, window_bytes: int = WINDOW_BYTES) -> Article:
    """Read one article file (a long one by its first window). Raises UserError for bad front matter; OSError for I/O.

    A file that cannot be read as an article raises ValueError with the reason.
    """
    p = str(path)
    size = path.stat().st_size
    html = path.suffix.lower() in (".html", ".htm")
    with path.open("rb") as fh:
        head = fh.read(8192)
    if looks_binary(head):
        raise ValueError("binary file")
    if html and size > MAX_HTML_BYTES:
        raise ValueError(f"HTML page of {size / 2**20:.0f} MB, over the {MAX_HTML_BYTES // 2**20} MB parsed at once")
    fplan = None
    if html or size <= window_bytes:
        text, warnings = decode(path.read_bytes(), p)
    else:
        fplan = plan(path, window_bytes)
        if fplan.blank:
            raise ValueError("empty file")
        text, warnings = fplan.read(0), list(fplan.warnings)
    meta_data: dict[str, Any] = {}
    offset = 0
    if html:
        text = html_text(text, p)
    else:
        meta_data, text, offset = split_front_matter(text, p)
    meta = validate_data(meta_data, ArticleMeta, p)
    if meta.title is None and not html:
        meta = meta.model_copy(update={"title": headline(text)})
    if not text.strip() and fplan is None:
        raise ValueError("empty file")
    ident = doc_id or meta.id or path.stem
    return Article(
        id=ident,
        path=p,
        text=text,
        meta=meta,
        segmentation=segment(text),
        warnings=tuple(warnings),
        body_offset=offset,
        plan=fplan,
    )


def article_windows(article: Article) -> Iterator[Article]:
    """An article as the reader reads it: itself, or for a long file each window in turn, one in memory at a time.

    A window's ``body_offset`` is where it starts in the file, so its spans come out as file offsets.
    """
    yield article
    if article.plan is None:
        return
    for i in range(1, len(article.plan.windows)):
        text = article.plan.read(i)
        yield Article(
            id=article.id,
            path=article.path,
            text=text,
            meta=article.meta,
            segmentation=segment(text, continued=True),
            body_offset=article.plan.windows[i].char_start,
        )


def _is_article_name(name: str) -> bool:
    return Path(name).suffix.lower() in ARTICLE_SUFFIXES and not name.startswith(".")


MANIFEST_NAME = "corpus.yaml"


def not_an_article(name: str, *, top: bool) -> str:
    """Why a file under a folder given is not read as an article (``top``: directly in that folder)."""
    if name == MANIFEST_NAME:
        return "corpus manifest" if top else "corpus manifest below the folder given (only a folder given has one)"
    if name.startswith("."):
        return "hidden file"
    suffix = Path(name).suffix
    return f"not an article type ({suffix or 'no suffix'}; articles are {', '.join(ARTICLE_SUFFIXES)})"


def walk_article_paths(paths: list[Path]) -> Iterator[Path | Skipped]:
    """Article files named or under folders named, one at a time, each folder's in sorted order; else why not.

    Every file under a folder named comes out: an article as its path, any other file as
    a Skipped saying why it is not one.

    Lazy, so that listing an archive holds one folder's entries, never the whole list.  A
    file is listed once: a symbolic link to an article the walk lists anyway under its
    own name is left out, as is a folder named inside another folder named, and a file
    named that a folder named already holds.  Links to folders are not followed; links
    to files outside the folders named are skipped, whatever they point at.
    """
    dirs: list[tuple[Path, Path]] = []
    files: list[Path] = []
    for p in paths:
        try:
            if p.is_dir():
                dirs.append((p, p.resolve(strict=True)))
            elif p.exists():
                files.append(p)
            else:
                yield Skipped(str(p), "no such file or folder", failed=True)
        except (OSError, RuntimeError) as exc:
            yield Skipped(str(p), f"cannot read: {exc}", failed=True)
    reals = [r for _, r in dirs]

    def walked(real: Path) -> bool:
        # Whether the walk of some folder named lists this (real) file under its own name.
        return _is_article_name(real.name) and any(real.is_relative_to(r) for r in reals)

    roots_done: set[Path] = set()
    for p, real_root in dirs:
        if real_root in roots_done or any(real_root != r and real_root.is_relative_to(r) for r in reals):
            continue  # named twice, or inside another folder named: listed there
        roots_done.add(real_root)
        yield from _walk(p, real_root, walked)
    seen: set[Path] = set()
    for p in files:
        try:
            real = p.resolve(strict=True)
        except (OSError, RuntimeError) as exc:
            yield Skipped(str(p), f"cannot read: {exc}", failed=True)
            continue
        if real in seen or (walked(real) and real.is_file()):
            continue
        seen.add(real)
        yield p


def _walk(folder: Path, root: Path, walked: Callable[[Path], bool]) -> Iterator[Path | Skipped]:
    """One folder's articles in sorted order (as ``sorted(folder.rglob("*"))`` orders them), depth first."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield Skipped(str(folder), f"cannot read: {exc.strerror or exc}", failed=True)
        return
    targets: set[Path] = set()
    top = folder.resolve() == root
    for e in entries:
        q = folder / e.name
        try:
            if e.is_dir(follow_symlinks=False):
                yield from _walk(q, root, walked)
                continue
            if not _is_article_name(e.name):
                folder_link = e.is_symlink() and q.is_dir()
                yield Skipped(str(q), "symbolic link to a folder (not followed)" if folder_link else
                              not_an_article(e.name, top=top))  # fmt: skip
                continue
            if e.is_symlink():
                target = q.resolve(strict=True)
                if not target.is_relative_to(root):
                    # Only what is under the folders named is read, whatever a link points at.
                    yield Skipped(str(q), "symbolic link to a file outside the folder given")
                    continue
                if not target.is_file() or target in targets or walked(target):
                    continue  # not a file, or listed under another name
                targets.add(target)
                yield q
            elif e.is_file(follow_symlinks=False):
                yield q
        except (OSError, RuntimeError) as exc:
            yield Skipped(str(q), f"cannot resolve: {exc}", failed=True)


def iter_article_paths(paths: list[Path]) -> tuple[list[Path], list[Skipped]]:
    """Article files named or under folders named, and what cannot be listed (see :func:`walk_article_paths`)."""
    out: list[Path] = []
    skipped: list[Skipped] = []
    for item in walk_article_paths(paths):
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            out.append(item)
    return out, skipped


def load_articles(paths: list[Path]) -> LoadResult:
    """Load every article under the paths; a bad file is recorded and the rest go on."""
    files, skipped = iter_article_paths(paths)
    result = LoadResult(skipped=skipped)
    for f in files:
        try:
            result.articles.append(load_article(f))
        except ValueError as exc:
            result.skipped.append(Skipped(str(f), str(exc)))
        except OSError as exc:
            result.skipped.append(Skipped(str(f), f"cannot read: {exc.strerror or exc}", failed=True))
    return result
