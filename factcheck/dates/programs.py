"""The programs ``re`` compiles the rules' patterns to, made without compiling, and kept in the user's cache.

Making a pattern from its stored program skips ``re``'s parser and compiler, which were most
of the time spent compiling the patterns a text triggers.
"""

from __future__ import annotations

import functools
import importlib
import marshal
import re
from typing import Any

from factcheck.dates import index_cache


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
