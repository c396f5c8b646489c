"""Composing rule patterns from named sub-patterns and tables, compiling them, and linting packs.

``{name}`` in a pattern inserts the sub-pattern ``name``, or, where no sub-pattern has that
name, an alternation of the keys of table ``name`` (longest first).  Regex quantifiers such
as ``{2}`` and ``{1,3}`` are left alone: a reference starts with a letter.
"""

from __future__ import annotations

import functools
import importlib
import marshal
import re
from dataclasses import dataclass
from typing import Any

import regex

from factcheck.dates import index_cache
from factcheck.dates.pack import Rule, RuleSet

_REF = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_GROUP = re.compile(r"\(\?P<([A-Za-z_][A-Za-z0-9_]*)>")
_BACKREF = re.compile(r"\(\?P=|\\[1-9]")
# A match must not start or end inside a word ("Mayor" is not "May", "2025s" not "2025").
_LEFT, _RIGHT = r"(?<![\w])", r"(?![\w])"
# Adversarial probes for catastrophic backtracking: long runs of the characters patterns
# are made of, each followed by a character that forces a failed match at the end.
_PROBE_LEN = 3000
_PROBES = [c * _PROBE_LEN + "!" for c in ("a", "1", " ", ".", "-", "a ", "1 ", "a-", "1,", "aa. ")]
_PROBE_SECONDS = 0.25


Pattern = Any
"""A compiled ``regex`` pattern: matching with user patterns goes through ``regex`` for its ``timeout=``."""

RE_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE


def compile_user(pattern: str, flags: int = 0) -> Pattern:
    """Compile a user-written pattern with the ``regex`` engine (the ``re`` dialect), so matching can time out."""
    return regex.compile(pattern, (flags & RE_FLAGS) | regex.VERSION0)


class PatternError(Exception):
    """A pattern that cannot be expanded or compiled; ``where`` names the rule or sub-pattern."""

    def __init__(self, where: str, message: str) -> None:
        self.where = where
        super().__init__(message)


def expand(ruleset: RuleSet, text: str, where: str, used: set[str] | None = None, stack: tuple[str, ...] = ()) -> str:
    """Replace every ``{name}`` with its sub-pattern (recursively) or table alternation."""

    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if used is not None:
            used.add(name)
        if name in stack:
            raise PatternError(where, f"sub-pattern {name!r} refers to itself ({' -> '.join((*stack, name))})")
        if name in ruleset.patterns:
            return "(?:" + expand(ruleset, ruleset.patterns[name], where, used, (*stack, name)) + ")"
        if name in ruleset.tables:
            keys = sorted(ruleset.tables[name], key=lambda k: (-len(k), k))
            return "(?:" + "|".join(_literal(k) for k in keys) + ")"
        raise PatternError(where, f"undefined sub-pattern {{{name}}}")

    return _REF.sub(sub, text)


def _literal(key: str) -> str:
    # Table keys are phrases: spaces match any run of spaces or a hyphen ("twenty five", "twenty-five").
    return r"[\s-]+".join(re.escape(part) for part in key.split(" "))


def rule_source(ruleset: RuleSet, rule: Rule, used: set[str] | None = None) -> tuple[str, int]:
    """One rule's pattern expanded and anchored at word boundaries, with its flags (not compiled)."""
    if _BACKREF.search(rule.pattern):
        raise PatternError(rule.id, "back-references are not supported (they defeat the candidate scan)")
    body = expand(ruleset, rule.pattern, rule.id, used)
    return _LEFT + "(?:" + body + ")" + _RIGHT, 0 if rule.case_sensitive else re.IGNORECASE


def compile_rule(ruleset: RuleSet, rule: Rule, used: set[str] | None = None) -> Pattern:
    """Expand and compile one rule's pattern, anchored at word boundaries."""
    pattern, flags = rule_source(ruleset, rule, used)
    try:
        return compile_user(pattern, flags)
    except (regex.error, OverflowError, RecursionError) as exc:
        raise PatternError(rule.id, f"pattern does not compile: {exc}") from None


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


def re_program(pattern: str, flags: int) -> bytes | None:
    """What ``re.compile(pattern, flags)`` hands its regex engine (the program, its flags and groups), marshalled.

    Built as ``re``'s compiler builds it (an internal API, hence Any).  Whether that recipe
    gives ``re.compile``'s pattern on this Python is checked once per process on probe
    patterns (:func:`_recipe_holds`), not by compiling every pattern a second time; where it
    does not, there is no program (None) and patterns are compiled.
    """
    if not _recipe_holds():
        return None
    return _program(pattern, flags)


def _program(pattern: str, flags: int) -> bytes | None:
    try:
        parser: Any = importlib.import_module("re._parser")
        compiler: Any = importlib.import_module("re._compiler")
        tree = parser.parse(pattern, flags)
        code = [int(c) for c in compiler._code(tree, flags)]
        groupindex = dict(tree.state.groupdict)
        indexgroup: list[str | None] = [None] * tree.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        args = (int(flags | tree.state.flags), code, tree.state.groups - 1, groupindex, tuple(indexgroup))
        return marshal.dumps(args)
    except Exception:  # an internal API: any surprise means "compile instead"
        return None


# Probes of what the date rules use: named and numbered groups, alternation, classes,
# repeats, look-around, back-references, inline and passed flags.
_RECIPE_PROBES = (
    (r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>jan(?:uary)?|feb)", re.IGNORECASE),
    (r"(?<![\w-])(\w+)\s+\1(?=\W|$)", 0),
    (r"(?x) (?P<n> [0-9]+ ) \s* (?:-|to) \s* (?P=n)? [a-z]{2,}? ", 0),
    (r"^(?:[A-Z][a-z]*\.?\s){1,3}$", re.MULTILINE),
)


@functools.cache
def _recipe_holds() -> bool:
    """Whether programs built as :func:`_program` builds them give ``re.compile``'s patterns on this Python."""
    for pattern, flags in _RECIPE_PROBES:
        program = _program(pattern, flags)
        if program is None or from_program(pattern, program) != re.compile(pattern, flags):
            return False
    return True


def from_program(pattern: str, program: bytes) -> re.Pattern[str] | None:
    """The pattern ``re.compile`` would make, from its program (:func:`re_program`); None if it cannot be made."""
    try:
        sre: Any = importlib.import_module("_sre")
        flags, code, groups, groupindex, indexgroup = marshal.loads(program)
        rx = sre.compile(pattern, flags, code, groups, groupindex, indexgroup)
    except Exception:  # the engine checks the program, and refuses one it cannot run
        return None
    return rx if isinstance(rx, re.Pattern) else None


def programs(sources: list[tuple[str, int]]) -> list[bytes | None]:
    """Each pattern's ``re`` program (:func:`re_program`), from the user's cache when built for the same ones before.

    The cache holds the programs of the patterns it was asked for (the shipped rules', a user
    pack's trigger), so another pack adds the few programs it needs, not a copy of all; once
    it holds more than twice as many as asked for (the patterns of edited packs), it is cut
    down to those asked for.
    """
    known = index_cache.load_programs()
    keys = [index_cache.pattern_key(pattern, flags) for pattern, flags in sources]
    missing = [(k, src) for k, src in zip(keys, sources, strict=True) if k not in known]
    if missing:
        for k, (pattern, flags) in missing:
            known[k] = re_program(pattern, flags)
        if len(known) > 2 * len(keys) + 16:
            known = {k: known[k] for k in keys}
        index_cache.store_programs(known)
    return [known[k] for k in keys]


@dataclass(frozen=True, order=True)
class LintProblem:
    """A problem with a rule or sub-pattern of a pack."""

    where: str
    message: str


def lint(ruleset: RuleSet) -> list[LintProblem]:
    """Compile errors, undefined and unused sub-patterns, template errors and catastrophic backtracking."""
    problems: list[LintProblem] = []
    used: set[str] = set()
    for rule in sorted(ruleset.rules.values(), key=lambda r: r.id):
        try:
            rx = compile_rule(ruleset, rule, used)
        except PatternError as exc:
            problems.append(LintProblem(exc.where, str(exc)))
            continue
        for problem in _template_problems(rule, set(rx.groupindex), ruleset):
            problems.append(LintProblem(rule.id, problem))
        slow = backtracks(rx.pattern, rx.flags)
        if slow is not None:
            limit = _PROBE_SECONDS * len(_PROBES)
            problems.append(LintProblem(rule.id, f"catastrophic backtracking: over {limit:g}s on {slow}"))
    # Sub-patterns used only by other sub-patterns count as used through them.
    for name in sorted(set(ruleset.patterns) - used):
        problems.append(LintProblem(f"patterns.{name}", f"sub-pattern {name!r} is never used"))
    return sorted(problems)


def _probe(pattern: str, flags: int) -> None:
    try:
        rx = re.compile(pattern, flags & RE_FLAGS)
    except (re.error, OverflowError, RecursionError):  # ``regex``-only syntax: nothing to probe with ``re``
        return
    for probe in _PROBES:
        rx.search(probe)


def backtracks(pattern: str, flags: int) -> str | None:
    """Probe a pattern with adversarial inputs under a time limit; a description of the failure, if any.

    The probe runs the same engine the reader uses (``re``) in a child process that is killed
    when it overruns, since ``re`` itself cannot be interrupted.
    """
    import multiprocessing  # here, not at the top: loading the reader starts no process and needs none of it

    if multiprocessing.current_process().daemon:
        # A daemonic worker (a pool's) may not start processes: probe with the ``regex`` engine's
        # timeout instead, in this process.
        rx = compile_user(pattern, flags)
        for probe in _PROBES:
            try:
                rx.search(probe, timeout=_PROBE_SECONDS)
            except TimeoutError:
                return f"inputs of {_PROBE_LEN} repeated characters such as {probe[:4]!r}..."
        return None
    methods = multiprocessing.get_all_start_methods()
    ctx: Any = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    proc = ctx.Process(target=_probe, args=(pattern, flags), daemon=True)
    proc.start()
    proc.join(_PROBE_SECONDS * len(_PROBES))
    if proc.is_alive():
        proc.kill()
        proc.join()
        return f"inputs of {_PROBE_LEN} repeated characters such as {_PROBES[0][:4]!r}..."
    return None


def _template_problems(rule: Rule, groups: set[str], ruleset: RuleSet) -> list[str]:
    from factcheck.dates.normalize import FUNCTIONS, KEYWORDS

    out = []
    for tmpl in (rule.value, rule.mod or ""):
        for name in sorted(_names(tmpl)):
            if name not in groups and name not in FUNCTIONS and name not in KEYWORDS:
                out.append(f"template refers to {name!r}, which is neither a group of the pattern nor a function")
    return out


def _names(template: str) -> set[str]:
    out: set[str] = set()
    for inner in re.findall(r"\{([^{}]*)\}", template):
        expr = inner.split(":", 1)[0] if "(" not in inner else inner.rsplit(")", 1)[0]
        expr = re.sub(r"'[^']*'", "", expr)
        out |= set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", expr))
    return out


_DIGITS = frozenset("0123456789")


def _parse(pattern: str, flags: int) -> tuple[Any, Any] | None:
    """Python's own parse tree of a pattern (an internal module, hence Any), or None if it changed shape."""
    try:
        constants: Any = importlib.import_module("re._constants")
        parser: Any = importlib.import_module("re._parser")
        return constants, parser.parse(pattern, flags & RE_FLAGS)
    except Exception:  # an internal API: any surprise means "no pruning"
        return None


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

    def seq(items: list[tuple[Any, Any]]) -> tuple[set[str] | None, bool]:
        out: set[str] = set()
        for op, av in items:
            first, nullable = one(op, av)
            if first is None:
                return None, False
            out |= first
            if not nullable:
                return out, False
        return out, True

    def charset(items: list[tuple[Any, Any]]) -> set[str] | None:
        out: set[str] = set()
        for op, av in items:
            if op is c.LITERAL:
                out.add(chr(av).lower())
            elif op is c.RANGE:
                lo, hi = av
                if hi - lo > 300:
                    return None
                out |= {chr(x).lower() for x in range(lo, hi + 1)}
            elif op is c.CATEGORY and av is c.CATEGORY_DIGIT:
                out |= _DIGITS
            else:
                return None
        return out

    def one(op: Any, av: Any) -> tuple[set[str] | None, bool]:
        if op is c.LITERAL:
            return {chr(av).lower()}, False
        if op is c.IN:
            return charset(av), False
        if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            return set(), True
        if op is c.SUBPATTERN:
            return seq(av[3])
        if op is c.BRANCH:
            out: set[str] = set()
            nullable = False
            for alt in av[1]:
                f, n = seq(alt)
                if f is None:
                    return None, False
                out |= f
                nullable = nullable or n
            return out, nullable
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            lo, _, inner = av
            f, n = seq(inner)
            return f, n or lo == 0
        return None, False

    first, nullable = seq(list(tree))
    if first is None or nullable:
        return None
    return frozenset(first)


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

    def chars_of(items: list[tuple[Any, Any]]) -> set[str]:
        out: set[str] = set()
        for op, av in items:
            if op is c.LITERAL:
                out.add(chr(av).lower())
            elif op is c.RANGE:
                lo, hi = av
                if hi - lo > 40:
                    raise _Unknown
                out |= {chr(x).lower() for x in range(lo, hi + 1)}
            elif op is c.CATEGORY and av in (c.CATEGORY_SPACE, c.CATEGORY_NOT_WORD):
                out.add(" ")
            else:
                raise _Unknown
        return out

    def seq(items: list[tuple[Any, Any]], open_: set[str]) -> tuple[set[str], set[str]]:
        closed: set[str] = set()
        for op, av in items:
            if not open_:
                break
            open_, done = one(op, av, open_)
            closed |= done
            if len(open_) + len(closed) > _MAX_WORDS:
                raise _Unknown
        return open_, closed

    def step(chars: set[str], open_: set[str]) -> tuple[set[str], set[str]]:
        words = {ch for ch in chars if ch in _WORD_CHARS}
        new_open = {w + ch for w in open_ for ch in words}
        closed = set(open_) if chars - words else set()
        if "" in closed:
            raise _Unknown  # a match could start with punctuation
        return new_open, closed

    def digits(items: Any) -> bool:
        return isinstance(items, list) and any(
            (op is c.CATEGORY and av is c.CATEGORY_DIGIT)
            or (op is c.RANGE and 48 <= av[0] and av[1] <= 57)
            or (op is c.LITERAL and 48 <= av <= 57)
            for op, av in items
        )

    def one(op: Any, av: Any, open_: set[str]) -> tuple[set[str], set[str]]:
        if op is c.LITERAL:
            ch = chr(av).lower()
            if ch.isdigit():
                return set(), {w + "#" for w in open_}
            return step({ch}, open_)
        if op is c.IN:
            if digits(av):
                # Digits end the literal part: "#" stands for "a digit here" ("#" = a number, "fy#" = FY2025).
                return set(), {w + "#" for w in open_}
            return step(chars_of(av), open_)
        if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            return open_, set()
        if op is c.SUBPATTERN:
            return seq(av[3], open_)
        if op is c.BRANCH:
            o: set[str] = set()
            d: set[str] = set()
            for alt in av[1]:
                ao, ad = seq(alt, set(open_))
                o |= ao
                d |= ad
            return o, d
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            lo, hi, inner = av
            o, d = set(open_) if lo == 0 else set(), set()
            cur = set(open_)
            for i in range(1, (hi if hi <= 4 else 4) + 1):
                cur, dd = seq(inner, cur)
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

    try:
        open_, closed = seq(list(tree), {""})
    except _Unknown:
        return None
    words = open_ | closed
    if "" in words or not words:
        return None
    return frozenset(words)


def word_key(word: str) -> str:
    """The dictionary key of a word of text, as first_words writes it: "2025" → "#", "FY2025" → "fy#"."""
    w = word.lower()
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
