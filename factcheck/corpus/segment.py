"""Paragraphs, sentences and headlines of an article, as character spans into its text.

News files come hard-wrapped (blank lines between paragraphs, single newlines inside) or
one paragraph per line; both are recognised.  The abbreviations that do not end a
sentence are read from ``rules/segment.yaml``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from factcheck.resources import shipped_rules_dir
from factcheck.yamlio import load_yaml_model

Span = tuple[int, int]


class SegmentRules(BaseModel):
    """The segmentation rule file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int = 1
    abbreviations: tuple[str, ...] = ()


@functools.cache
def _abbreviations() -> frozenset[str]:
    rules = load_yaml_model(shipped_rules_dir() / "segment.yaml", SegmentRules)
    return frozenset(a.lower() for a in rules.abbreviations)


@dataclass(frozen=True)
class Segmentation:
    """Spans of an article's paragraphs, sentences and headline lines."""

    paragraphs: tuple[Span, ...]
    sentences: tuple[Span, ...]
    headlines: tuple[Span, ...]

    def sentence_at(self, offset: int) -> Span | None:
        """The sentence holding a character offset."""
        for s in self.sentences:
            if s[0] <= offset < s[1]:
                return s
        return None

    def is_headline(self, span: Span) -> bool:
        """True when a span lies within a headline line."""
        return any(h[0] <= span[0] and span[1] <= h[1] for h in self.headlines)


_BLANK = re.compile(r"\n[ \t\r]*\n")
_BOUNDARY = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")
_TOKEN_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def _paragraphs(text: str) -> list[Span]:
    if _BLANK.search(text):
        cuts = [(m.start(), m.end()) for m in _BLANK.finditer(text)]
        spans, pos = [], 0
        for a, b in cuts:
            spans.append((pos, a))
            pos = b
        spans.append((pos, len(text)))
    else:
        spans, pos = [], 0
        for line in text.split("\n"):
            spans.append((pos, pos + len(line)))
            pos += len(line) + 1
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def _sentences(text: str, para: Span) -> list[Span]:
    a, b = para
    chunk = text[a:b]
    abbr = _abbreviations()
    out, start = [], 0
    for m in _BOUNDARY.finditer(chunk):
        before = _TOKEN_BEFORE.search(chunk[start : m.start()])
        tok = before.group(1).lower().rstrip(".") if before else ""
        if tok in abbr or (len(tok) == 1 and tok.isalpha()):
            continue
        end = m.end()
        out.append((a + start, a + end))
        start = end
        while start < len(chunk) and chunk[start].isspace():
            start += 1
    if start < len(chunk):
        out.append((a + start, b))
    return out


def _is_headline(line: str, next_blank: bool, first: bool, repeated: bool) -> bool:
    s = line.strip()
    if not s or len(s) > 160 or s[-1] in '.!?:"”’' or s.count(" ") < 2:
        return False
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’\-]*", s) if len(w) > 3]
    title_case = bool(words) and sum(w[0].isupper() for w in words) / len(words) >= 0.6
    return repeated or (first and (next_blank or title_case)) or (title_case and next_blank)


def segment(text: str, *, continued: bool = False) -> Segmentation:
    """Segment an article's text; ``continued``: a later window of a long file, whose first line is no headline."""
    paras = _paragraphs(text)
    sentences = [s for p in paras for s in _sentences(text, p)]
    lines: list[Span] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    counts: dict[str, int] = {}
    for a, b in lines:
        key = text[a:b].strip()
        if key:
            counts[key] = counts.get(key, 0) + 1
    headlines = []
    first_content = None if continued else next((i for i, (a, b) in enumerate(lines) if text[a:b].strip()), None)
    for i, (a, b) in enumerate(lines):
        line = text[a:b]
        if not line.strip():
            continue
        next_blank = i + 1 < len(lines) and not text[lines[i + 1][0] : lines[i + 1][1]].strip()
        if _is_headline(line, next_blank, i == first_content, counts.get(line.strip(), 0) > 1):
            lead = len(line) - len(line.lstrip())
            headlines.append((a + lead, a + len(line.rstrip())))
    return Segmentation(tuple(paras), tuple(sentences), tuple(headlines))
