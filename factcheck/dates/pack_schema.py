"""The rule pack file as pydantic validates it (``load_pack``) and as ``factcheck schema rules`` prints it.

The date reader runs on the plain records of ``factcheck.dates.pack``, made from what these
models validated (or from the cache of it), so that tagging a text imports no pydantic.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from factcheck.dates.context import TimexType


class _Strict(BaseModel):
    # The validators are built on first use: ``factcheck schema`` validates nothing, and so
    # never builds them.
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
