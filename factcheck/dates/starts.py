"""Where a rule's match can start: its first words or first characters, read from the pattern's parse tree.

The reader looks each word of a text up among the first words (or a position's character
among the first characters) and tries only the rules that can start there.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

from factcheck.dates import index_cache
from factcheck.dates.compile import RE_FLAGS


def start_index(sources: list[tuple[str, int]]) -> list[index_cache.Entry]:
    """Each pattern's first words and first characters (:func:`first_words`, :func:`first_chars`).

    Read from the user's cache when it was worked out for the same patterns before.
    """
    key = index_cache.content_key(sources)
    got = index_cache.load(key, len(sources))
    if got is None:
        got = []
        for pattern, flags in sources:
            words = first_words(pattern, flags)
            got.append((words, None if words is not None else first_chars(pattern, flags)))
        index_cache.store(key, got)
    return got


_DIGITS = frozenset("0123456789")
_WORD_END = frozenset(" ")  # a space or any non-word character, which ends a word


def _parse(pattern: str, flags: int) -> tuple[Any, Any] | None:
    """Python's own parse tree of a pattern (an internal module, hence Any), or None if it changed shape."""
    try:
        constants: Any = importlib.import_module("re._constants")
        parser: Any = importlib.import_module("re._parser")
        return constants, parser.parse(pattern, flags & RE_FLAGS)
    except Exception:  # an internal API: any surprise means "no pruning"
        return None


def _class_chars(
    c: Any, items: list[tuple[Any, Any]], widest: int, categories: dict[Any, frozenset[str]]
) -> set[str] | None:
    r"""The lower-cased characters a character class (``[...]``) matches, or None where it is too wide to list.

    ``widest``: the longest range listed; ``categories``: the characters that stand for each
    category (``\d``, ``\s``) a caller lists; any other category, or a negated class, is too wide.
    """
    out: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            out.add(chr(av).lower())
        elif op is c.RANGE:
            lo, hi = av
            if hi - lo > widest:
                return None
            out |= {chr(x).lower() for x in range(lo, hi + 1)}
        elif op is c.CATEGORY and av in categories:
            out |= categories[av]
        else:
            return None
    return out


def first_chars(pattern: str, flags: int) -> frozenset[str] | None:
    """The lower-cased characters a match of ``pattern`` can start with; None when any may.

    Used to try only the rules that can start at a given character: most rules start with a
    month, a weekday, a number or a short list of words, so a position is tried against a
    handful of rules, not all of them.  Reads the parse tree of Python's own regex parser;
    whatever it does not understand counts as "any character", which is always safe.
    """
    parsed = _parse(pattern, flags)
    if parsed is None:
        return None
    c, tree = parsed
    first, nullable = _FirstChars(c).seq(list(tree))
    if first is None or nullable:
        return None
    return frozenset(first)


class _FirstChars:
    """The walk of a parse tree behind :func:`first_chars`, over the parser's constants ``c``."""

    def __init__(self, c: Any) -> None:
        self.c = c

    def seq(self, items: list[tuple[Any, Any]]) -> tuple[set[str] | None, bool]:
        out: set[str] = set()
        for op, av in items:
            first, nullable = self.one(op, av)
            if first is None:
                return None, False
            out |= first
            if not nullable:
                return out, False
        return out, True

    def charset(self, items: list[tuple[Any, Any]]) -> set[str] | None:
        return _class_chars(self.c, items, 300, {self.c.CATEGORY_DIGIT: _DIGITS})

    def one(self, op: Any, av: Any) -> tuple[set[str] | None, bool]:
        c = self.c
        if op is c.LITERAL:
            return {chr(av).lower()}, False
        if op is c.IN:
            return self.charset(av), False
        if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            return set(), True
        if op is c.SUBPATTERN:
            return self.seq(av[3])
        if op is c.BRANCH:
            out: set[str] = set()
            nullable = False
            for alt in av[1]:
                f, n = self.seq(alt)
                if f is None:
                    return None, False
                out |= f
                nullable = nullable or n
            return out, nullable
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            lo, _, inner = av
            f, n = self.seq(inner)
            return f, n or lo == 0
        return None, False


_MAX_WORDS = 4000
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")


class _Unknown(Exception):
    """The first word of a pattern is not a finite set of literal words."""


def first_words(pattern: str, flags: int) -> frozenset[str] | None:
    r"""The lower-cased words a match of ``pattern`` can start with, when they form a finite literal set.

    "(?:the\\s+)?(?:past|last)\\s+{num}" starts with the, past or last.  None when the first
    word is open-ended (digits, any capitalised word): such rules are tried by first character.
    This lets the reader look up each word of a text in a dictionary and run only the rules
    that can start there, which is what makes tagging fast.
    """
    parsed = _parse(pattern, flags)
    if parsed is None:
        return None
    c, tree = parsed
    try:
        open_, closed = _FirstWords(c).seq(list(tree), {""})
    except _Unknown:
        return None
    words = open_ | closed
    if "" in words or not words:
        return None
    return frozenset(words)


class _FirstWords:
    """The walk of a parse tree behind :func:`first_words`, over the parser's constants ``c``.

    Each step takes the words still open (their match may go on) to the open words after the
    item, and the words it closes (a non-word character ends them); raises :class:`_Unknown`.
    """

    def __init__(self, c: Any) -> None:
        self.c = c

    def chars_of(self, items: list[tuple[Any, Any]]) -> set[str]:
        ends = {self.c.CATEGORY_SPACE: _WORD_END, self.c.CATEGORY_NOT_WORD: _WORD_END}
        out = _class_chars(self.c, items, 40, ends)
        if out is None:
            raise _Unknown
        return out

    def seq(self, items: list[tuple[Any, Any]], open_: set[str]) -> tuple[set[str], set[str]]:
        closed: set[str] = set()
        for op, av in items:
            if not open_:
                break
            open_, done = self.one(op, av, open_)
            closed |= done
            if len(open_) + len(closed) > _MAX_WORDS:
                raise _Unknown
        return open_, closed

    @staticmethod
    def step(chars: set[str], open_: set[str]) -> tuple[set[str], set[str]]:
        words = {ch for ch in chars if ch in _WORD_CHARS}
        new_open = {w + ch for w in open_ for ch in words}
        closed = set(open_) if chars - words else set()
        if "" in closed:
            raise _Unknown  # a match could start with punctuation
        return new_open, closed

    def digits(self, items: Any) -> bool:
        c = self.c
        return isinstance(items, list) and any(
            (op is c.CATEGORY and av is c.CATEGORY_DIGIT)
            or (op is c.RANGE and 48 <= av[0] and av[1] <= 57)
            or (op is c.LITERAL and 48 <= av <= 57)
            for op, av in items
        )

    def one(self, op: Any, av: Any, open_: set[str]) -> tuple[set[str], set[str]]:
        c = self.c
        if op is c.LITERAL:
            ch = chr(av).lower()
            if ch.isdigit():
                return set(), {w + "#" for w in open_}
            return self.step({ch}, open_)
        if op is c.IN:
            if self.digits(av):
                # Digits end the literal part: "#" stands for "a digit here" ("#" = a number, "fy#" = FY2025).
                return set(), {w + "#" for w in open_}
            return self.step(self.chars_of(av), open_)
        if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            return open_, set()
        if op is c.SUBPATTERN:
            return self.seq(av[3], open_)
        if op is c.BRANCH:
            o: set[str] = set()
            d: set[str] = set()
            for alt in av[1]:
                ao, ad = self.seq(alt, set(open_))
                o |= ao
                d |= ad
            return o, d
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            lo, hi, inner = av
            o, d = set(open_) if lo == 0 else set(), set()
            cur = set(open_)
            for i in range(1, (hi if hi <= 4 else 4) + 1):
                cur, dd = self.seq(inner, cur)
                d |= dd
                if i >= lo:
                    o |= cur
                if not cur:
                    break
            else:
                if hi > 4 and cur:
                    raise _Unknown  # a long run of word characters
            return o, d
        raise _Unknown


def word_key(word: str) -> str:
    """The dictionary key of a word of text, as first_words writes it: "2025" → "#", "FY2025" → "fy#"."""
    w = word.lower()
    if w.isalpha():  # letters are never digits: most words
        return w
    i = 0
    while i < len(w) and not w[i].isdigit():
        i += 1
    return w if i == len(w) else w[:i] + "#"


def trie_regex(words: set[str] | frozenset[str]) -> str:
    """An alternation of words as a trie ("t(?:he|oday)"), which the regex engine walks in one pass.

    ``#`` in a word stands for a digit and the rest of its word, as in first_words.
    """
    root: dict[str, Any] = {}
    for w in words:
        node: dict[str, Any] = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = []
        end = "" in node
        for ch in sorted(k for k in node if k):
            piece = r"\d\w*" if ch == "#" else re.escape(ch)
            alts.append(piece + emit(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if end else body

    return emit(root)
