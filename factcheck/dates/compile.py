"""Composing rule patterns from named sub-patterns and tables, and compiling them.

``{name}`` in a pattern inserts the sub-pattern ``name``, or, where no sub-pattern has that
name, an alternation of the keys of table ``name`` (longest first).  Regex quantifiers such
as ``{2}`` and ``{1,3}`` are left alone: a reference starts with a letter.
"""

from __future__ import annotations

import re
from typing import Any

import regex

from factcheck.dates.pack import Rule, RuleSet

_REF = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_GROUP = re.compile(r"\(\?P<([A-Za-z_][A-Za-z0-9_]*)>")
_BACKREF = re.compile(r"\(\?P=|\\[1-9]")
# A match must not start or end inside a word ("Mayor" is not "May", "2025s" not "2025").
_LEFT, _RIGHT = r"(?<![\w])", r"(?![\w])"


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
