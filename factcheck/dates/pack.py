"""Rule packs for the date reader: the YAML an analyst writes, as validated models.

A pack holds lookup tables (word → value), named sub-patterns composed into rule patterns
with ``{name}``, and rules.  Each rule carries its own tests: positive examples with the
expected span and value under a pinned creation time, and negative examples that must not
produce the rule's match.  Packs found later override earlier rules, tables and patterns
of the same name, so a user pack can extend or replace the shipped one.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import VERSION as PYDANTIC_VERSION
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from factcheck.dates import index_cache
from factcheck.errors import Diagnostic, UserError
from factcheck.resources import shipped_rules_dir
from factcheck.yamlio import MarkedDict, MarkedList, parse_yaml, read_text, validate_data

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Mod = Literal[
    "START", "MID", "END", "APPROX", "MORE_THAN", "LESS_THAN", "EQUAL_OR_MORE", "EQUAL_OR_LESS", "BEFORE", "AFTER",
    "ON_OR_BEFORE", "ON_OR_AFTER",
]  # fmt: skip
PACK_SUFFIXES = (".yaml", ".yml")


class _Strict(BaseModel):
    # The validators are built on first use: a run whose packs come from the cache
    # (:func:`load_pack`) validates nothing, and so never builds them.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Expected(_Strict):
    """One expression a positive example must yield: its text, value, and optionally type and mod."""

    text: str = Field(description="The matched text, exactly as in the example sentence.")
    value: str = Field(description="TIMEX3 value under the example's creation time.")
    type: TimexType | None = None
    mod: str | None = None
    symbolic: str | None = Field(default=None, description="Expected creation-time-free form, e.g. XXXX-02-27.")


class Example(_Strict):
    """A sentence the rule must read, resolved against the pack's (or the example's) creation time."""

    text: str
    expect: list[Expected] = Field(default_factory=list, description="Everything the pack must read here.")
    dct: str | None = Field(default=None, description="Creation time for this example; default: the pack's.")

    @model_validator(mode="before")
    @classmethod
    def _single(cls, data: object) -> object:
        if isinstance(data, dict) and isinstance(data.get("expect"), dict):
            data = dict(data)
            data["expect"] = [data["expect"]]
        return data


class ContextVariant(_Strict):
    """A reading of a rule's match that applies when its sentence contains a pattern."""

    when: str = Field(description="Regex searched in the match's sentence, e.g. '\\bquarter'.")
    scope: Literal["sentence", "before"] = Field(
        default="sentence", description="Where to search: the match's sentence, or everything up to its sentence's end."
    )
    value: str
    mod: str | None = None


class Rule(_Strict):
    """One extraction rule: a pattern over text, a TIMEX3 type, and how to normalise a match."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    description: str = ""
    pattern: str = Field(min_length=1, description="Regular expression; {name} inserts a sub-pattern.")
    type: TimexType | Literal["IGNORE"] = Field(
        description="TIMEX3 type; IGNORE consumes text that only looks like a date (a law's year, a score)."
    )
    value: str = Field(
        default="", description="Normalisation template, e.g. '{year}-{month:02}-{day:02}' or \"{shift('day', -1)}\"."
    )
    mod: str | None = Field(default=None, description="Modifier, or a template such as '{part}'.")
    priority: int = Field(default=0, description="Breaks ties between matches of equal start and length.")
    tense: Literal["cues", "none", "nearest", "past-unless-future"] = Field(
        default="cues",
        description="How the sentence's tense is read for this rule: the nearest cue; ignored (same year "
        "unless another is much nearer); ignored (the nearest date wins); or past unless a future cue is near.",
    )
    contexts: list[ContextVariant] = Field(
        default_factory=list,
        description="Other readings when the match's sentence matches a pattern (earnings reports' quarters).",
    )
    case_sensitive: bool = False
    examples: list[Example] = Field(min_length=1)
    negatives: list[str] = Field(min_length=1, description="Text in which this rule must not match.")

    @model_validator(mode="after")
    def _examples_expect(self) -> Rule:
        if self.type != "IGNORE":
            if not self.value:
                raise ValueError("a rule that yields a TIMEX3 needs a 'value' template")
            for i, ex in enumerate(self.examples):
                if not ex.expect:
                    raise ValueError(f"example {i + 1} of a {self.type} rule needs an 'expect'")
        return self


class TenseCues(_Strict):
    """Patterns that set the tense of a sentence, and how far around a match to look for them.

    ``future`` and ``past`` are each one regex, or named classes of cues (one regex each, matched as
    whole words), so that each class states one principle: future auxiliaries, intention verbs, past forms.
    """

    future: str | dict[str, str] = Field(
        description="Regex of future-tense cues (will, next, is to, scheduled), or named classes of them."
    )
    past: str | dict[str, str] = Field(description="Regex of past-tense cues (said, was, -ed verbs), or classes.")
    yearless_only: list[str] = Field(
        default_factory=list,
        description="Cue classes that count only for a date without its year (a month, a quarter), not a weekday.",
    )
    pluperfect: str = Field(
        default="",
        description="Regex that, ending right before a cue of a class in ``plans``, voids it: 'had planned to'.",
    )
    plans: list[str] = Field(
        default_factory=list, description="Cue classes of intentions and schedules, voided in the pluperfect."
    )
    since: str = Field(
        default=r"\bsince\s+$",
        description="Regex for what, right before a match, puts it in the past whatever the verbs say.",
    )
    before: int = Field(default=80, ge=0, description="Characters looked at before the match, within its sentence.")
    after: int = Field(default=40, ge=0, description="Characters looked at after the match, within its sentence.")

    @model_validator(mode="after")
    def _known_classes(self) -> TenseCues:
        named = {name for cues in (self.future, self.past) if isinstance(cues, dict) for name in cues}
        for field, names in (("yearless_only", self.yearless_only), ("plans", self.plans)):
            unknown = sorted(set(names) - named)
            if unknown:
                raise ValueError(f"{field} names no cue class: {', '.join(unknown)}")
        return self


class Pack(_Strict):
    """A rule pack file."""

    pack: str = Field(description="The pack's name.")
    reference_time: str = Field(
        default="2025-04-08", description="Pinned creation time (YYYY-MM-DD) every example resolves against."
    )
    tables: dict[str, dict[str, str | int]] = Field(default_factory=dict)
    patterns: dict[str, str] = Field(default_factory=dict)
    rules: list[Rule] = Field(default_factory=list)
    tense: TenseCues | None = None

    @field_validator("tables")
    @classmethod
    def _lower_keys(cls, v: dict[str, dict[str, str | int]]) -> dict[str, dict[str, str | int]]:
        return {name: {k.lower(): val for k, val in table.items()} for name, table in v.items()}


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
    the SHA-256 of its text (and of the models' source and pydantic's version that validated
    it): parsing the YAML and validating it were a tenth of a short run.
    """
    text = read_text(path)
    models = index_cache.source_digest(__file__)
    key = index_cache.content_key([(text, 0)], f"date pack {models} pydantic {PYDANTIC_VERSION}")
    cached = _pack_from(index_cache.load_table("date-pack", key))
    if cached is not None:
        return cached
    data = parse_yaml(text, str(path))
    pack = validate_data(data if data is not None else {}, Pack, str(path))
    seen: dict[str, int] = {}
    problems = []
    rules = data.get("rules") if isinstance(data, MarkedDict) else None
    for i, rule in enumerate(pack.rules):
        if rule.id in seen:
            line, col = rules.marks[i] if isinstance(rules, MarkedList) else (1, 1)
            msg = f"duplicate rule id {rule.id!r} (first at rule {seen[rule.id] + 1})"
            problems.append(Diagnostic(str(path), line, col, msg))
        seen.setdefault(rule.id, i)
    if problems:
        raise UserError(problems)
    index_cache.store_table("date-pack", key, _plain(pack))
    return pack


_M = TypeVar("_M", bound=BaseModel)


def _plain(value: object) -> object:
    """A validated model as JSON: each model's fields, and which of them were set (``model_fields_set``)."""
    if isinstance(value, BaseModel):
        fields = {k: _plain(getattr(value, k)) for k in type(value).model_fields}
        return {"fields": fields, "set": sorted(value.model_fields_set)}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _made(model: type[_M], data: dict[str, Any], **nested: Callable[[Any], Any]) -> _M:
    """A model from its fields as :func:`_plain` wrote them, without validating again."""
    values = {k: nested[k](v) if k in nested else v for k, v in data["fields"].items()}
    return model.model_construct(set(data["set"]), **values)


def _pack_from(data: object) -> Pack | None:
    """The pack a cached validation gave (:func:`_plain`), or None for what is not one."""
    if not isinstance(data, dict):
        return None

    def example(x: dict[str, Any]) -> Example:
        return _made(Example, x, expect=lambda es: [_made(Expected, e) for e in es])

    def rule(r: dict[str, Any]) -> Rule:
        return _made(
            Rule,
            r,
            examples=lambda xs: [example(x) for x in xs],
            contexts=lambda cs: [_made(ContextVariant, c) for c in cs],
        )

    try:
        return _made(
            Pack,
            data,
            rules=lambda rs: [rule(r) for r in rs],
            tense=lambda t: None if t is None else _made(TenseCues, t),
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
