r"""Quick reject by the second word: the words that can follow a rule's first word, read from its parse tree.

The rule index (``factcheck.dates.starts``) tells which rules can start at a word; "the"
starts forty of them, and a date a few hundred times in a corpus.  Trying each there is one
``match`` call apiece, nearly all failing on the word after it ("the company").  So each
rule's pattern is also read for the pairs of first and second word its match can start
with (``the past``, ``the #``), and at a word only the rules whose second word is the text's
next word are tried, with those whose second word is not known (open-ended, or the match
can end after one word).

Words are written as the index writes them (``starts.word_key``: lower case, a digit and
what follows it in the word as ``#``).  The reading errs one way only: a pair is left out
only where no match can start with it, so a rule that is not tried at a word cannot match
there.  Whatever the walk does not follow (a class of many letters, ``\w``, a letter
outside ASCII, which the text's word would hold differently) makes the rule's second word
unknown.  The text's next word is looked up only when it is ASCII: ``re`` matches some
ASCII letters with others out of it ("s" with "ſ") where lower-casing does not.
"""

from __future__ import annotations

import re
from typing import Any

from factcheck.dates import index_cache
from factcheck.dates.starts import _DIGITS, _WORD_END, _class_chars, _parse, word_key

ANY = "*"
"""A second word that may be any, or none (the match may end after the first word)."""

SecondWords = dict[str, frozenset[str]] | None
"""A rule's second words by first word (``ANY`` among them when any may follow); None when not known."""

_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz_")
_WORDCHAR = re.compile(r"\w")
# Beyond this many words being read, or pairs found, a pattern's second words count as unknown.
_MAX = 20_000

# A walk's state: the first word, the second word so far, and where it is: in the first word,
# in the rest of a first word that reached a digit, between the words, in the second word.
_FIRST, _FIRST_DIGITS, _BETWEEN, _SECOND = range(4)
_State = tuple[str, str, int]


class _Unknown(Exception):
    """The pattern's second words are not a finite set the walk can list."""


def second_words(pattern: str, flags: int) -> SecondWords:
    r"""For each first word a match of ``pattern`` can start with, the second words that can follow it.

    "(?:the\s+)?(?:past|last)\s+\d+" gives {"the": {"past", "last"}, "past": {"#"}, "last": {"#"}}.
    """
    parsed = _parse(pattern, flags)
    if parsed is None:
        return None
    c, tree = parsed
    walk = _Walk(c)
    try:
        ended = walk.seq(list(tree), {("", "", _FIRST)})
    except Exception:  # _Unknown, or the parser's internals changed shape: either way not known
        return None
    for first, _, _ in ended:  # the match may end with no second word, or within it
        if not first:
            return None
        walk.pairs.add((first, ANY))
    out: dict[str, set[str]] = {}
    for first, second in walk.pairs:
        out.setdefault(first, set()).add(second)
    return {k: frozenset(v) for k, v in out.items()}


class _Walk:
    r"""The walk of a parse tree behind :func:`second_words`, over the parser's constants ``c``.

    Each step takes the states a match may be in before an item to those after it; a second
    word that ends (at a character that is not a word's, a digit, or ``(?!\w)``) is a pair.
    """

    def __init__(self, c: Any) -> None:
        self.c = c
        self.pairs: set[tuple[str, str]] = set()

    def seq(self, items: list[tuple[Any, Any]], states: set[_State]) -> set[_State]:
        for op, av in items:
            if not states:
                break
            states = self.one(op, av, states)
        return states

    def one(self, op: Any, av: Any, states: set[_State]) -> set[_State]:
        c = self.c
        if op is c.LITERAL:
            return self.step({chr(av).lower()}, states)
        if op is c.IN:
            ends = {c.CATEGORY_DIGIT: _DIGITS, c.CATEGORY_SPACE: _WORD_END, c.CATEGORY_NOT_WORD: _WORD_END}
            chars = _class_chars(c, av, 40, ends)
            if chars is None:
                raise _Unknown
            return self.step(chars, states)
        if (op is c.ASSERT_NOT and av[0] == 1 and self._is_word(av[1])) or (op is c.AT and av is c.AT_BOUNDARY):
            return self.word_ends(states)
        if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            return states  # what else an assertion requires only narrows the matches
        if op is c.SUBPATTERN:
            return self.seq(av[3], states)
        if op is c.BRANCH:
            out: set[_State] = set()
            for alt in av[1]:
                out |= self.seq(alt, set(states))
            return out
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            return self.repeat(av, states)
        raise _Unknown

    def repeat(self, av: Any, states: set[_State]) -> set[_State]:
        """The states after a repeat: after any number of rounds up to its most (at least its least, or more)."""
        lo, hi, inner = av
        out = set(states) if lo == 0 else set()
        seen: set[_State] = set()
        cur = set(states)
        rounds = 0
        while cur and rounds < hi:
            rounds += 1
            cur = self.seq(inner, cur) - seen
            seen |= cur  # a round that reaches no new state is where further rounds add nothing
            if len(seen) > _MAX:
                raise _Unknown
        return out | seen

    def _is_word(self, p: Any) -> bool:
        r"""Whether an assertion's pattern is ``\w`` (``(?!\w)``: the word ends here)."""
        c = self.c
        items = list(p)
        return len(items) == 1 and items[0][0] is c.IN and list(items[0][1]) == [(c.CATEGORY, c.CATEGORY_WORD)]

    def word_ends(self, states: set[_State]) -> set[_State]:
        out = set()
        for first, second, where in states:
            if where == _SECOND:
                self.pairs.add((first, second))
            else:
                out.add((first, second, where))
        return out

    def step(self, chars: set[str] | frozenset[str], states: set[_State]) -> set[_State]:
        """The states after one character out of ``chars`` (lower case; one not of a word stands for all such)."""
        letters: set[str] = set()
        digit = other = False
        for ch in chars:
            if ch in _LETTERS:
                letters.add(ch)
            elif ch in _DIGITS:
                digit = True
            elif _WORDCHAR.match(ch):
                raise _Unknown  # a word character outside ASCII
            else:
                other = True
        out: set[_State] = set()
        for state in states:
            first, second, where = state
            if where == _FIRST:
                out.update((first + ch, "", _FIRST) for ch in letters)
                if digit:
                    out.add((first + "#", "", _FIRST_DIGITS))
                if other:
                    if not first:
                        raise _Unknown  # a match could start with punctuation
                    out.add((first, "", _BETWEEN))
            elif where == _FIRST_DIGITS:
                if letters or digit:
                    out.add(state)
                if other:
                    out.add((first, "", _BETWEEN))
            elif where == _BETWEEN:
                if other:
                    out.add(state)
                out.update((first, ch, _SECOND) for ch in letters)
                if digit:
                    self.pairs.add((first, "#"))
            else:
                out.update((first, second + ch, _SECOND) for ch in letters)
                if digit:
                    self.pairs.add((first, second + "#"))
                if other:
                    self.pairs.add((first, second))
        if len(out) + len(self.pairs) > _MAX:
            raise _Unknown
        return out


def second_words_index(sources: list[tuple[str, int]]) -> list[SecondWords]:
    """Each pattern's :func:`second_words`, from the user's cache when worked out for the same patterns before."""
    key = index_cache.content_key(sources, f"date second words {index_cache.source_digest(__file__)}")
    got = _from_json(index_cache.load_table("date-second-words", key), len(sources))
    if got is None:
        got = [second_words(pattern, flags) for pattern, flags in sources]
        body = [None if s is None else {k: sorted(v) for k, v in sorted(s.items())} for s in got]
        index_cache.store_table("date-second-words", key, body)
    return got


def _from_json(body: object, n: int) -> list[SecondWords] | None:
    if not isinstance(body, list) or len(body) != n:
        return None
    out: list[SecondWords] = []
    for entry in body:
        if entry is None:
            out.append(None)
            continue
        if not isinstance(entry, dict):
            return None
        words: dict[str, frozenset[str]] = {}
        for k, v in entry.items():
            if not (isinstance(v, list) and all(isinstance(s, str) for s in v)):
                return None
            words[k] = frozenset(v)
        out.append(words)
    return out


def next_key(word: str) -> str:
    """The key (``word_key``) the word after a rule's first word is looked up by; "" for one not in ASCII.

    ``re`` matches some ASCII letters with letters outside it ("s" with "ſ") where lower-casing
    does not, so such a word is looked up by no key: every candidate is tried there.
    """
    return word_key(word) if word.isascii() else ""


def by_second_word(
    first: str, members: list[int], index: list[SecondWords], screened: set[int]
) -> tuple[list[int], dict[str, list[int]]]:
    """The members (rule indices, in order) to try at ``first`` whatever the next word, and those to try by next word.

    Rules not in ``screened`` (user rules), or whose second words are not known, are tried at
    every word.  A word's list holds the ones tried at every word too, in rule order.
    """
    always: list[int] = []
    pairs: dict[str, set[int]] = {}
    for i in members:
        known = index[i] if i in screened else None
        words = known.get(first) if known is not None else None
        if words is None or ANY in words:
            always.append(i)
            continue
        for w in words:
            pairs.setdefault(w, set()).add(i)
    return always, {w: sorted(set(always) | got) for w, got in pairs.items()}
