"""Rule packs for the date reader: the YAML an analyst writes, as the records its validation gives.

A pack holds lookup tables (word → value), named sub-patterns composed into rule patterns
with ``{name}``, and rules.  Each rule carries its own tests: positive examples with the
expected span and value under a pinned creation time, and negative examples that must not
produce the rule's match.  Packs found later override earlier rules, tables and patterns
of the same name, so a user pack can extend or replace the shipped one.
"""

from __future__ import annotations

import functools
import importlib.util
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from factcheck.dates import index_cache
from factcheck.dates.context import TimexType
from factcheck.errors import Diagnostic, UserError
from factcheck.resources import shipped_rules_dir
from factcheck.yamlio import MarkedDict, MarkedList, parse_yaml, read_text, validate_data

Mod = Literal[
    "START", "MID", "END", "APPROX", "MORE_THAN", "LESS_THAN", "EQUAL_OR_MORE", "EQUAL_OR_LESS", "BEFORE", "AFTER",
    "ON_OR_BEFORE", "ON_OR_AFTER",
]  # fmt: skip
PACK_SUFFIXES = (".yaml", ".yml")

# The records below are what a pack's models (``factcheck.dates.pack_schema``, where each field
# is described) validated, field for field: the reader works on these, so that a run whose
# packs come from the cache imports no pydantic (a third of the start of ``timeml tag``).


@dataclass(frozen=True, kw_only=True, slots=True)
class Expected:
    """One expression a positive example must yield: its text, value, and optionally type and mod."""

    text: str
    value: str
    type: TimexType | None = None
    mod: str | None = None
    symbolic: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Example:
    """A sentence the rule must read, resolved against the pack's (or the example's) creation time."""

    text: str
    expect: list[Expected] = field(default_factory=list)
    dct: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class ContextVariant:
    """A reading of a rule's match that applies when its sentence (or all before it) contains a pattern."""

    when: str
    scope: Literal["sentence", "before"] = "sentence"
    value: str
    mod: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Rule:
    """One extraction rule: a pattern over text, a TIMEX3 type, and how to normalise a match."""

    id: str
    description: str = ""
    pattern: str
    type: TimexType | Literal["IGNORE"]
    value: str = ""
    mod: str | None = None
    priority: int = 0
    tense: Literal["cues", "none", "nearest", "past-unless-future"] = "cues"
    contexts: list[ContextVariant] = field(default_factory=list)
    case_sensitive: bool = False
    examples: list[Example]
    negatives: list[str]


@dataclass(frozen=True, kw_only=True, slots=True)
class TenseCues:
    """Patterns that set the tense of a sentence, and how far around a match to look for them."""

    future: str | dict[str, str]
    past: str | dict[str, str]
    yearless_only: list[str] = field(default_factory=list)
    pluperfect: str = ""
    plans: list[str] = field(default_factory=list)
    since: str = r"\bsince\s+$"
    before: int = 80
    after: int = 40


@dataclass(frozen=True, kw_only=True, slots=True)
class Pack:
    """A rule pack file."""

    pack: str
    reference_time: str = "2025-04-08"
    tables: dict[str, dict[str, str | int]] = field(default_factory=dict)
    patterns: dict[str, str] = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list)
    tense: TenseCues | None = None


class RuleSet:
    """Packs merged in order: later tables, patterns and rules replace earlier ones by name or id."""

    def __init__(self, packs: list[tuple[str, Pack]]) -> None:
        self.packs = packs
        self.tables: dict[str, dict[str, str | int]] = {}
        self.patterns: dict[str, str] = {}
        self.rules: dict[str, Rule] = {}
        self.origin: dict[str, str] = {}
        self.reference_time = "2025-04-08"
        self.tense: TenseCues | None = None
        for path, pack in packs:
            for name, table in pack.tables.items():
                self.tables[name] = {**self.tables.get(name, {}), **table}
            self.patterns.update(pack.patterns)
            for rule in pack.rules:
                self.rules[rule.id] = rule
                self.origin[rule.id] = path
            self.reference_time = pack.reference_time
            self.tense = pack.tense or self.tense


def pack_files(paths: list[Path]) -> list[Path]:
    """Pack files named, or under folders named (sorted), in the order given."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(q for q in p.rglob("*") if q.suffix in PACK_SUFFIXES and q.is_file() and _is_pack(q))
        elif p.is_file():
            out.append(p)
        else:
            raise UserError(Diagnostic(str(p), 1, 1, "no such rule pack file or folder"))
    return out


def _is_pack(path: Path) -> bool:
    # Only files declaring a pack: the rules/ folder also holds the policy and segmentation files.
    head = path.read_text(encoding="utf-8", errors="replace")[:4000]
    return any(line.startswith("pack:") for line in head.splitlines())


def load_pack(path: Path) -> Pack:
    """Read and validate one pack; every problem (with duplicate ids) reported at ``file:line:col``.

    A pack read before is made from what its validation gave, kept in the user's cache under
    the SHA-256 of its text (and of the code and pydantic version that validated it): parsing
    the YAML and validating it were a tenth of a short run, and importing pydantic a third.
    """
    text = read_text(path)
    key = index_cache.content_key([(text, 0)], f"date pack {_validation_key()}")
    cached = _pack_from(index_cache.load_table("date-pack", key))
    if cached is not None:
        return cached
    from factcheck.dates import pack_schema

    data = parse_yaml(text, str(path))
    model = validate_data(data if data is not None else {}, pack_schema.Pack, str(path))
    seen: dict[str, int] = {}
    problems = []
    rules = data.get("rules") if isinstance(data, MarkedDict) else None
    for i, rule in enumerate(model.rules):
        if rule.id in seen:
            line, col = rules.marks[i] if isinstance(rules, MarkedList) else (1, 1)
            msg = f"duplicate rule id {rule.id!r} (first at rule {seen[rule.id] + 1})"
            problems.append(Diagnostic(str(path), line, col, msg))
        seen.setdefault(rule.id, i)
    if problems:
        raise UserError(problems)
    plain = _plain(model)
    pack = _pack_from(plain)
    if pack is None:  # a bug: a field added to a model and not to its record (tests check they agree)
        raise AssertionError(f"{path}: the records of factcheck.dates.pack do not hold what pack_schema validated")
    index_cache.store_table("date-pack", key, plain)
    return pack


def _validation_key() -> str:
    """What a pack's validation depends on besides its text: the source of the records and models, pydantic's version.

    Pydantic's version is the digest of its ``version.py``, found without importing pydantic.
    """
    spec = importlib.util.find_spec("pydantic")
    version = Path(spec.origin).parent / "version.py" if spec is not None and spec.origin else None
    parts = [__file__, str(Path(__file__).with_name("pack_schema.py"))] + ([str(version)] if version else [])
    return " ".join(index_cache.source_digest(part) for part in parts)


def _plain(value: object) -> object:
    """A validated model as JSON: each model's fields, by name."""
    fields = getattr(type(value), "model_fields", None)
    if isinstance(fields, dict):
        return {k: _plain(getattr(value, k)) for k in fields}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _pack_from(data: object) -> Pack | None:
    """The records of the pack a validation gave (:func:`_plain`), or None for what is not one."""
    if not isinstance(data, dict):
        return None

    def example(x: dict[str, Any]) -> Example:
        return Example(**{**x, "expect": [Expected(**e) for e in x["expect"]]})

    def rule(r: dict[str, Any]) -> Rule:
        examples = [example(x) for x in r["examples"]]
        return Rule(**{**r, "examples": examples, "contexts": [ContextVariant(**c) for c in r["contexts"]]})

    try:
        tense = data["tense"]
        return Pack(
            **{
                **data,
                "rules": [rule(r) for r in data["rules"]],
                "tense": None if tense is None else TenseCues(**tense),
            }
        )
    except (TypeError, AttributeError, ValueError, KeyError):  # well formed JSON, not a pack: validated again
        return None


def rule_line(path: str, rule_id: str) -> tuple[int, int]:
    """Line and column where a rule is defined in its pack file (for lint and test reports)."""
    return _rule_places(path, read_text(Path(path))).get(rule_id, (1, 1))


@functools.lru_cache(maxsize=16)
def _rule_places(path: str, text: str) -> dict[str, tuple[int, int]]:
    """Where each rule id is first defined in a pack's text; parsed once per text, not once per rule asked."""
    data = parse_yaml(text, path)
    rules = data.get("rules") if isinstance(data, MarkedDict) else None
    places: dict[str, tuple[int, int]] = {}
    if isinstance(rules, MarkedList):
        for i, r in enumerate(rules):
            ident = r.get("id") if isinstance(r, dict) else None
            if isinstance(ident, str):
                places.setdefault(ident, rules.marks[i])
    return places


def load_ruleset(paths: list[Path]) -> RuleSet:
    """Load packs in order (shipped first, then the user's); all files' problems reported together."""
    loaded: list[tuple[str, Pack]] = []
    problems: list[Diagnostic] = []
    for f in pack_files(paths):
        try:
            loaded.append((str(f), load_pack(f)))
        except UserError as exc:
            problems += exc.diagnostics
    problems += _shared_user_ids(loaded)
    if problems:
        raise UserError(problems)
    return RuleSet(loaded)


def _shared_user_ids(loaded: list[tuple[str, Pack]]) -> list[Diagnostic]:
    """A rule id defined by two user packs: which one was meant is unknowable, so both are named.

    (A user rule with the id of a shipped rule replaces it; that is how a pack overrides.)
    """
    shipped = shipped_rules_dir().resolve()
    first: dict[str, str] = {}
    problems = []
    for path, pack in loaded:
        if Path(path).resolve().is_relative_to(shipped):
            continue
        for rule in pack.rules:
            if rule.id in first and first[rule.id] != path:
                line, col = rule_line(path, rule.id)
                there = first[rule.id]
                problems.append(
                    Diagnostic(
                        path,
                        line,
                        col,
                        f"rule id {rule.id!r} is also defined in "
                        f"{there}:{rule_line(there, rule.id)[0]}; user packs must not share an id",
                    )
                )
            first.setdefault(rule.id, path)
    return problems
