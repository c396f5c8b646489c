"""Linting rule packs: compile errors, undefined and unused sub-patterns, template errors, catastrophic backtracking."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from factcheck.dates.compile import RE_FLAGS, PatternError, compile_rule, compile_user
from factcheck.dates.pack import Rule, RuleSet

# Adversarial probes for catastrophic backtracking: long runs of the characters patterns
# are made of, each followed by a character that forces a failed match at the end.
_PROBE_LEN = 3000
_PROBES = [c * _PROBE_LEN + "!" for c in ("a", "1", " ", ".", "-", "a ", "1 ", "a-", "1,", "aa. ")]
_PROBE_SECONDS = 0.25


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
