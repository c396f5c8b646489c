"""Running the examples every rule carries: positives must read exactly as written, negatives not at all."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from factcheck.dates.pack import Example, Rule
from factcheck.dates.tagger import DateReader, TimexMatch


@dataclass(frozen=True)
class CaseResult:
    """The outcome of one example: its test id (``<rule>_<case>``), whether it passed, and why not."""

    id: str
    rule: str
    ok: bool
    message: str = ""


def example_cases(reader: DateReader) -> list[tuple[str, Rule, Example | str]]:
    """Every example of every rule, with its id: ``<rule>_pos<N>`` and ``<rule>_neg<N>``."""
    out: list[tuple[str, Rule, Example | str]] = []
    for rule in sorted(reader.ruleset.rules.values(), key=lambda r: r.id):
        for i, ex in enumerate(rule.examples, 1):
            out.append((f"{rule.id}_pos{i}", rule, ex))
        for i, neg in enumerate(rule.negatives, 1):
            out.append((f"{rule.id}_neg{i}", rule, neg))
    return out


def _show(m: TimexMatch) -> str:
    mod = f" mod={m.mod}" if m.mod else ""
    return f"{m.text!r}={m.value}{mod} ({m.type}, {m.rule}, symbolic {m.symbolic})"


def run_case(reader: DateReader, case_id: str, rule: Rule, case: Example | str) -> CaseResult:
    """Check one example against the whole rule set, under the pinned (or the example's) creation time."""
    ref = dt.date.fromisoformat(reader.ruleset.reference_time)
    if isinstance(case, str):
        found = [m for m in reader.tag(case, ref) if m.rule == rule.id]
        hidden = [s for s in reader.spans(case) if s[2].id == rule.id] if rule.type == "IGNORE" else []
        if found or hidden:
            what = ", ".join(_show(m) for m in found) or ", ".join(repr(case[s[0] : s[1]]) for s in hidden)
            return CaseResult(case_id, rule.id, False, f"negative example {case!r} matched: {what}")
        return CaseResult(case_id, rule.id, True)
    dct = dt.date.fromisoformat(case.dct) if case.dct else ref
    got = reader.tag(case.text, dct)
    problems = []
    if rule.type == "IGNORE":
        if not any(s[2].id == rule.id for s in reader.spans(case.text)):
            problems.append(f"rule did not match {case.text!r}")
    elif not any(m.rule == rule.id for m in got):
        problems.append(f"rule {rule.id} produced nothing in {case.text!r}")
    remaining = list(got)
    for exp in case.expect:
        hit = next((m for m in remaining if m.text == exp.text), None)
        if hit is None:
            problems.append(f"expected {exp.text!r}={exp.value}, not read")
            continue
        remaining.remove(hit)
        wrong = []
        if hit.value != exp.value:
            wrong.append(f"value {hit.value} != {exp.value}")
        if exp.type and hit.type != exp.type:
            wrong.append(f"type {hit.type} != {exp.type}")
        if (exp.mod or None) != hit.mod and not (exp.mod is None and hit.mod is None):
            wrong.append(f"mod {hit.mod} != {exp.mod}")
        if exp.symbolic is not None and hit.symbolic != exp.symbolic:
            wrong.append(f"symbolic {hit.symbolic} != {exp.symbolic}")
        if wrong:
            problems.append(f"{exp.text!r}: " + ", ".join(wrong) + f" (by {hit.rule})")
    for m in remaining:
        problems.append(f"unexpected {_show(m)}")
    return CaseResult(case_id, rule.id, not problems, "; ".join(problems))


def run_examples(reader: DateReader) -> list[CaseResult]:
    """Every example of the rule set, in id order."""
    return [run_case(reader, cid, rule, case) for cid, rule, case in example_cases(reader)]
