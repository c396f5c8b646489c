"""The article reader's YAML rules: alias tables, event triggers, relations and page boilerplate.

Relation patterns are regular expressions over a *marked* sentence, in which each temporal
expression reads ``«T3:DATE»`` and each event trigger ``«E2:talks»``; the slots ``{event}``,
``{event:talks}``, ``{event2}``, ``{timex}``, ``{timex:DATE}``, ``{duration}`` and
``{ordinal}`` stand for those tokens (or the ordinal words), so a rule reads like the
sentence it is about.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, Field

from factcheck.dates.compile import Pattern, compile_user
from factcheck.errors import Diagnostic, UserError
from factcheck.packmerge import overlay
from factcheck.resources import shipped_rules_dir
from factcheck.yamlio import load_yaml_model

Produce = Literal[
    "on", "statement", "future", "past", "offset", "order", "last_met", "ordinal", "ordinal_previous", "ordinal_since",
    "not_since", "today",
    "first_since", "duration_to_now", "within",
]  # fmt: skip
BoilerplateKind = Literal["page_stamp", "copyright", "teaser", "sidebar", "prompt", "embedded_post", "image"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Verbs(_Strict):
    """Verb phrases that name an event, by the tense they put it in."""

    past: list[str] = Field(default_factory=list)
    present: list[str] = Field(default_factory=list)
    future: list[str] = Field(default_factory=list)


class EventKind(_Strict):
    """How an event kind is named: nouns (triggers) and verbs."""

    triggers: list[str] = Field(default_factory=list, description="Regexes of nouns naming the event.")
    verbs: Verbs = Verbs()
    located: bool = Field(default=False, description="Whether a place named in the sentence is where it happened.")
    corefer: Literal["article", "head"] = Field(
        default="head",
        description="article: every mention is the article's one event of this kind unless set apart; head: a "
        "definite mention ('the attack') is an earlier mention with the same head noun, others are new events.",
    )
    per_agent: bool = Field(
        default=False, description="One event per acting party (Russia's delegation arrived Sunday, Ukraine's Monday)."
    )
    undergone: bool = Field(
        default=False,
        description="Done to one person (a conviction, a sentencing): a bare mention ('the sentencing would take "
        "place on May 3') is of the one person the article's other events of such kinds are done to.",
    )
    stood: bool = Field(
        default=False,
        description="A proceeding a person stands or takes part in (a trial, a hearing): named in a phrase of a "
        "clause ('X was acquitted at the trial') it is of that clause's person, and 'his trial' of the article's one "
        "person.",
    )
    natural: bool = Field(
        default=False,
        description="A natural event (a quake, a storm): it names no party, so across articles its place, its date "
        "and a definite reference to it ('the quake') tell which it is.",
    )
    contest: bool = Field(
        default=False,
        description="A vote a place holds (an election, a runoff): its place is the country or city named with it "
        "('in X', 'X's runoff'), shared by the article's mentions of such kinds; those who run in it are not its "
        "parties; an earlier one is named by its year or years ago ('the 2019 vote', 'four years ago').",
    )
    offices: list[str] = Field(
        default_factory=list,
        description="Regexes of the offices a contest fills ('presidential', 'mayoral'), read right before its "
        "trigger: contests for two offices are two contests.",
    )
    round: int = Field(
        default=0, ge=0, description="The round of its contest this kind always is (a runoff is the second), or 0."
    )
    kind_of: list[str] = Field(
        default_factory=list,
        description="A trigger with no kind of its own ('the first round', 'a fourth round'): a mention of whichever "
        "of these kinds the article names most (the nearest before it on a tie), none if it names none of them.",
    )


class RelationRule(_Strict):
    """A pattern over a marked sentence and the kind of facts a match produces."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    description: str = ""
    pattern: str
    produce: Produce
    confidence: float = Field(default=0.9, gt=0, le=1, description="Stored as the facts' weight.")
    examples: list[RelationExample] = Field(min_length=1)
    negatives: list[str] = Field(min_length=1)


class RelationExample(_Strict):
    """A sentence and every fact (in summary form) the reader must take from it."""

    text: str
    expect: list[str]


class BoilerplateRule(_Strict):
    """A line of the page that is not the story."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    description: str = ""
    kind: BoilerplateKind
    line: str = Field(description="Regex a whole line must match.")
    rest: bool = Field(default=False, description="Everything after this line belongs to the page too.")
    examples: list[str] = Field(min_length=1)
    negatives: list[str] = Field(min_length=1)


class ExtractPack(_Strict):
    """The article reader's rule file."""

    extract: str
    entities: dict[str, list[str]] = Field(default_factory=dict)
    people: dict[str, list[str]] = Field(
        default_factory=dict,
        description="A project's own people and the side each speaks for; the shipped pack lists none (names "
        "are found in the text, and well-known people are in the background facts).",
    )
    locations: dict[str, list[str]] = Field(default_factory=dict)
    topics: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Normalisation of a series' theme: words (synonyms, variants) mapped to a shared topic name; "
        "a theme no entry matches is its head noun's lemma.",
    )
    events: dict[str, EventKind] = Field(default_factory=dict)
    ordinals: dict[str, int] = Field(default_factory=dict)
    reporting_verbs: list[str] = Field(
        default_factory=list,
        description="Lemmas of verbs of speech: the future they report ('said the talks would go ahead') is asserted.",
    )
    light_verbs: list[str] = Field(
        default_factory=list,
        description="Lemmas of verbs too general to be an event of their own when a date hangs on them "
        "('was', 'had', 'made'); any other verb so dated is an event whose kind is its lemma.",
    )
    shifting_verbs: list[str] = Field(
        default_factory=list,
        description="Lemmas of verbs that act on an event named as their object without being it ('adjourned "
        "the trial on Monday', 'postponed the vote'): the date is the verb's own event's, not the object's.",
    )
    dated_verbs: bool = Field(
        default=False,
        description="Whether a verb no table names becomes an event of its lemma when a date hangs on it in the "
        "parse ('filed for bankruptcy on Monday'); the shipped pack turns it on, a pack read alone has it off.",
    )
    relations: list[RelationRule] = Field(default_factory=list)
    boilerplate: list[BoilerplateRule] = Field(default_factory=list)


RelationRule.model_rebuild()

_SLOT = re.compile(r"\{(event2?|timex2?|duration|ordinal)(?::([A-Za-z_-]+))?\}")


def _alternation(words: list[str]) -> str:
    return "|".join(sorted(words, key=lambda w: (-len(w), w)))


def _literal_prefix(alias: str) -> str:
    """The literal text every match of an alias pattern starts with ("" when it starts with a regex construct)."""
    if "|" in alias:
        return ""  # an alternation of its own: no one start
    out = []
    for ch in alias:
        if ch.isalnum() or ch in " '-":
            out.append(ch)
        else:
            break
    if out and alias[len(out) :][:1] in ("?", "*", "{"):
        out.pop()  # the last character is optional
    return "".join(out)


class AliasTable:
    """Names and their alias patterns (whole words, case-sensitive), searched fast.

    A gazetteer may hold hundreds of names; each is searched only in text that contains
    the literal start of one of its aliases, a cheap substring test that never changes
    what is found.
    """

    def __init__(self, entries: list[tuple[str, list[str]]]) -> None:
        self.entries: list[tuple[str, re.Pattern[str], tuple[str, ...] | None]] = []
        for name, aliases in entries:
            prefixes = tuple(_literal_prefix(a) for a in aliases)
            self.entries.append((name, CompiledPack._words(aliases), None if "" in prefixes else prefixes))

    def __iter__(self) -> Iterator[tuple[str, re.Pattern[str]]]:
        return ((name, rx) for name, rx, _ in self.entries)

    def names_in(self, text: str) -> set[str]:
        """Every name with an alias in the text."""
        return {name for name, rx, pre in self.entries
                if (pre is None or any(p in text for p in pre)) and rx.search(text)}  # fmt: skip

    def canonical(self, text: str) -> str | None:
        """The name one of whose aliases is the whole text ("the Kremlin" aside: "Kremlin" is Russia), if any."""
        for name, rx, pre in self.entries:
            if (pre is None or any(text.startswith(p) for p in pre)) and rx.fullmatch(text):
                return name
        return None

    def first_in(self, text: str) -> str | None:
        """The name whose alias comes first in the text (the first name listed, on a tie)."""
        best: tuple[int, str] | None = None
        for name, rx, pre in self.entries:
            if pre is not None and not any(p in text for p in pre):
                continue
            m = rx.search(text)
            if m and (best is None or m.start() < best[0]):
                best = (m.start(), name)
        return best[1] if best else None


class CompiledPack:
    """A pack's regexes, compiled once."""

    def __init__(self, pack: ExtractPack, path: str) -> None:
        self.pack = pack
        self.path = path
        self.entity_rx = AliasTable([(name, aliases) for name, aliases in sorted(pack.entities.items())])
        self.people_rx = AliasTable([(name, aliases) for name, aliases in sorted(pack.people.items())])
        self.location_rx = AliasTable([(name, aliases) for name, aliases in sorted(pack.locations.items())])
        self.topic_rx = [(name, re.compile(r"(?<!\w)(?:" + _alternation(a) + r")(?!\w)", re.I)) for name, a in
                         sorted(pack.topics.items())]  # fmt: skip
        parts = []
        self.kinds: list[tuple[str, str | None]] = []
        for kind, spec in sorted(pack.events.items()):
            for tense, words in (("past", spec.verbs.past), ("present", spec.verbs.present),
                                 ("future", spec.verbs.future), (None, spec.triggers)):  # fmt: skip
                if words:
                    parts.append(f"(?P<g{len(self.kinds)}>{_alternation(words)})")
                    self.kinds.append((kind, tense))
        self.trigger_rx = re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.I) if parts else None
        # "Sunday's presidential runoff": an office a word or two before a contest's trigger.
        self.office_rx = {kind: re.compile(rf"\b({_alternation(spec.offices)})\s+(?:[\w-]+\s+)?$", re.I)
                          for kind, spec in pack.events.items() if spec.offices}  # fmt: skip
        ords = _alternation(list(pack.ordinals))
        self.ordinal_words = ords
        # Relation and boilerplate patterns are matched with ``regex`` so a document's matching can time out.
        self.relations: list[tuple[RelationRule, Pattern]] = []
        problems = []
        for rule in pack.relations:
            try:
                self.relations.append((rule, compile_user(self.expand(rule.pattern), re.I)))
            except regex.error as exc:
                problems.append(Diagnostic(path, 1, 1, f"relation {rule.id}: pattern does not compile: {exc}"))
        self.boilerplate: list[tuple[BoilerplateRule, Pattern]] = []
        for bp in pack.boilerplate:
            try:
                self.boilerplate.append((bp, compile_user(bp.line, re.I)))
            except regex.error as exc:
                problems.append(Diagnostic(path, 1, 1, f"boilerplate {bp.id}: pattern does not compile: {exc}"))
        if problems:
            raise UserError(problems)

    @staticmethod
    def _words(aliases: list[str]) -> re.Pattern[str]:
        # Aliases are case-sensitive: "US" the country, not "us" the pronoun.
        return re.compile(r"(?<!\w)(?:" + _alternation(aliases) + r")(?!\w)")

    def expand(self, pattern: str) -> str:
        """Replace the slots of a relation pattern with the regexes of their tokens."""

        def sub(m: re.Match[str]) -> str:
            slot, cond = m.group(1), m.group(2)
            if slot == "ordinal":
                return f"(?:{self.ordinal_words})"
            if slot.startswith("event"):
                return f"(?P<{slot}>«E\\d+:{re.escape(cond) if cond else '[a-z-]+'}»)"
            if slot == "duration":
                return "(?P<duration>«T\\d+:DURATION»)"
            return f"(?P<{slot}>«T\\d+:{cond or '[A-Z]+'}»)"

        return _SLOT.sub(sub, pattern)


def load_extract_pack(path: Path | None = None, *, replace: bool = False) -> CompiledPack:
    """The shipped article reader pack, extended by a given one (by rule id and table key), or replaced by it."""
    shipped = shipped_rules_dir() / "en" / "extract.yaml"
    if path is None:
        return _load(str(shipped), None)
    return _load(str(path), None if replace else str(shipped))


@functools.cache
def _load(path: str, base: str | None) -> CompiledPack:
    user = load_yaml_model(Path(path), ExtractPack)  # the user's file is valid on its own, at its lines
    if base is None:
        return CompiledPack(user, path)
    shipped = load_yaml_model(Path(base), ExtractPack)
    merged = overlay(shipped.model_dump(exclude_unset=True), user.model_dump(exclude_unset=True))
    return CompiledPack(ExtractPack.model_validate(merged), path)
