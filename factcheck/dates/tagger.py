"""The date reader: find temporal expressions in text and normalise them.

One scan with the union of every rule's pattern finds the leftmost place where any rule
matches; only there are the rules tried, and the longest match wins (then the higher
priority, then the rule id), so the result never depends on rule order.  Scanning resumes
after the chosen match.  Each match is normalised twice: against the creation time when
it is known (the TIMEX3 value), and without it (the symbolic form the engine solves for).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from factcheck.dates.compile import RE_FLAGS, Pattern, PatternError, compile_rule, compile_user, rule_source
from factcheck.dates.context import Context, Tense
from factcheck.dates.deadline import left as budget
from factcheck.dates.lint import backtracks
from factcheck.dates.normalize import render
from factcheck.dates.pack import Rule, RuleSet, load_ruleset, rule_line
from factcheck.dates.programs import from_program, programs
from factcheck.dates.quick import SecondWords, by_second_word, next_key, second_words_index
from factcheck.dates.starts import start_index, trie_regex, word_key
from factcheck.dates.tense import SENTENCE_END, TenseReader, sentence_window
from factcheck.errors import Diagnostic, UserError
from factcheck.resources import shipped_rules_dir

# Each trigger also reads the word after it (group 1; None where none follows), whose key
# narrows the candidate rules (factcheck.dates.quick), without a second call per word.
_NEXT_WORD = r"(?=(?:\W*(\w+))?)"
_WORD = re.compile(r"(?<!\w)\w+" + _NEXT_WORD)

_Candidate = tuple[Rule, Pattern]
_Candidates = tuple[list[_Candidate], list[_Candidate], dict[str, list[_Candidate]]]
"""A word's candidate rules: all, those to try whatever the next word, and those to try by next word's key."""


@dataclass(frozen=True)
class TimexMatch:
    """One temporal expression: span, type, TIMEX3 value and mod, and its creation-time-free form."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None
    rule: str
    symbolic: str
    relative: tuple[tuple[str, str | int], ...] = ()
    tense: Tense = "unknown"


# How far back (characters) a quarter the text named still tells which quarter "a year ago" compares with.
_QUARTER_REACH = 400
_QUARTER = re.compile(r"^\d{4}-Q[1-4]$")
_CALENDAR = re.compile(r"^\d{4}(?:-|$)")
_YMD = re.compile(r"^(\d{4}|XXXX)-(\d\d)-(\d\d)")
# How far (characters) after a date another match may start for it to be read as joined to it ("May 16 to 18").
_JOINT_REACH = 12
# How far (characters) within its sentence a day named before a clock time still gives the clock time its day.
_CLOCK_DAY_REACH = 100
_DAY_VALUE = re.compile(r"^(?:\d{4}|XXXX)-(?:\d\d|XX)-(?:\d\d|XX)$|^XXXX-WXX-[1-7]$")


def _day_part(value: str) -> str:
    """The day of a day or time value ("2025-04-07T09:00" -> "2025-04-07")."""
    return value.split("T", 1)[0]


def _day_of_clock(text: str, out: list[TimexMatch], start: int) -> TimexMatch | None:
    """The expression naming the day a clock time without one falls on, or None for the creation day.

    It is the day (or the timed day) named last before the clock time: right before it ("on 10 July at
    20:30"), or earlier in its sentence and near it ("On 10 July the ferry left at 20:30"), as a clock time
    is read on the day the sentence narrates.
    """
    if not out:
        return None
    day = out[-1]
    if not (_DAY_VALUE.match(_day_part(day.value)) and _DAY_VALUE.match(_day_part(day.symbolic))):
        return None
    between = text[day.end : start]
    if len(between) <= _CLOCK_DAY_REACH and not SENTENCE_END.search(between) and ";" not in between:
        return day
    return None


def _context(
    groups: dict[str, str | None],
    tables: dict[str, dict[str, str | int]],
    dct: dt.date | None,
    tense: Tense,
    anchor: str,
    quarter: str,
    before: str,
    joint: str | None,
) -> Context:
    """A match's template context, with or without the creation time: the anchors and the date before it as read so."""
    joined = None if joint is None else (before, joint)
    return Context(groups, tables, dct, tense, anchor=anchor or None, quarter=quarter or None, joined=joined)


def _valid_day(value: str) -> bool:
    """False for values naming a day that does not exist (Feb. 30, April 31)."""
    m = _YMD.match(value)
    if m is None:
        return True
    year = 2000 if m.group(1) == "XXXX" else int(m.group(1))  # a leap year: Feb. 29 may exist
    try:
        dt.date(year, int(m.group(2)), int(m.group(3)))
    except ValueError:
        return False
    return True


def _quarter_of(d: dt.date) -> str:
    return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"


def check_user_rules(ruleset: RuleSet, shipped: Path | None) -> None:
    """Reject, at ``file:line``, user rules that do not compile or backtrack catastrophically.

    The shipped pack is linted in CI; a user's pack is probed when it is loaded, so a bad
    pattern stops the run up front instead of stalling it on some document.
    """
    problems = []
    base = str(shipped.resolve()) if shipped is not None else None
    for rule in sorted(ruleset.rules.values(), key=lambda r: r.id):
        origin = ruleset.origin[rule.id]
        if base is not None and _resolved(origin).startswith(base):
            continue
        line, col = rule_line(origin, rule.id)
        try:
            rx = compile_rule(ruleset, rule)
        except PatternError as exc:
            problems.append(Diagnostic(origin, line, col, f"rule {rule.id}: {exc}"))
            continue
        slow = backtracks(rx.pattern, rx.flags)
        if slow is not None:
            msg = f"rule {rule.id}: pattern backtracks catastrophically on {slow}"
            problems.append(Diagnostic(origin, line, col, msg))
    if problems:
        raise UserError(problems)


def _under(origin: str, base: str) -> bool:
    return bool(origin) and _resolved(origin).startswith(base)


@functools.lru_cache(maxsize=64)
def _resolved(path: str) -> str:
    """A pack file's resolved path: rules share their pack's, which is resolved once, not once per rule."""
    return str(Path(path).resolve())


class DateReader:
    """A compiled rule set, ready to tag text.

    ``quick``: whether a word's candidate shipped rules are narrowed by the word after it
    (``factcheck.dates.quick``); the matches are the same either way.
    """

    def __init__(self, ruleset: RuleSet, quick: bool = True) -> None:
        self.ruleset = ruleset
        self.rules = sorted(ruleset.rules.values(), key=lambda r: r.id)
        self._sources = [rule_source(ruleset, r) for r in self.rules]
        self._tense = TenseReader(ruleset.tense)
        # User rules match on the ``regex`` engine with a timeout.  The shipped rules are linted for
        # backtracking in CI and run on ``re``, several times faster per call; the document's budget
        # is still checked between their calls.
        base = str(shipped_rules_dir().resolve())
        self._user = {r.id for r in self.rules if not _under(ruleset.origin.get(r.id, ""), base)}
        # A rule's pattern is compiled when a text first reaches a word it can start at, so a
        # run compiles only the rules its texts can trigger.  User rules are compiled up front,
        # so that one that does not compile is an error before any text is read.
        self._programs: dict[int, bytes | None] = {}
        self._trigger: re.Pattern[str] = _WORD
        self._patterns: list[Pattern | None] = [
            self._compile(i) if r.id in self._user else None for i, r in enumerate(self.rules)
        ]
        trigger = self._dispatch()
        # The shipped rules' patterns and the trigger are made from the programs ``re`` compiled
        # them to on an earlier run (kept in the user's cache), not parsed and compiled again.
        shipped = [i for i, r in enumerate(self.rules) if r.id not in self._user]
        wanted = [(self._sources[i][0], int(self._sources[i][1] & RE_FLAGS)) for i in shipped]
        if trigger is not None:
            wanted.append((trigger, int(re.IGNORECASE)))
        made = programs(wanted)
        self._programs = dict(zip(shipped, made, strict=False))
        if trigger is not None:
            program = made[-1]
            rx = from_program(trigger, program) if program is not None else None
            self._trigger = rx if rx is not None else re.compile(trigger, re.IGNORECASE)
        # A word's shipped candidates are narrowed by the word after it (user rules are always tried).
        self._screened = set(shipped) if quick else set()
        self._second: list[SecondWords] = [None] * len(self.rules)
        if quick:
            for i, words in zip(shipped, second_words_index([self._sources[i] for i in shipped]), strict=True):
                self._second[i] = words
        self._next_keys: dict[str, str] = {}
        # Only templates that resolve by tense need the (comparatively slow) tense cue search.
        tensed = ("near_year", "near_quarter", "near_month_day", "weekday(", "weekend(")
        self._tensed = {r.id for r in self.rules if any(f in r.value for f in tensed)}
        self._weekly = {r.id for r in self.rules if "weekday(" in r.value or "weekend(" in r.value}
        # Clock times valued on the creation day for want of a day of their own.
        self._creation_day = {r.id for r in self.rules if r.type == "TIME" and r.value.startswith("{shift('day', 0)}T")}
        # Rules that name a quarter a year back: not the quarter a report is about.
        self._year_back = {
            r.id
            for r in self.rules
            if "year_ago_quarter" in r.value or any("year_ago_quarter" in v.value for v in r.contexts)
        }
        self._contexts = {
            r.id: [(compile_user(v.when, re.IGNORECASE), v.value, v.mod, v.scope) for v in r.contexts]
            for r in self.rules
            if r.contexts
        }

    def _compile(self, i: int) -> Pattern:
        rule = self.rules[i]
        pattern, flags = self._sources[i]
        if rule.id in self._user:
            return compile_rule(self.ruleset, rule)
        program = self._programs.get(i)
        rx = from_program(pattern, program) if program is not None else None
        return rx if rx is not None else re.compile(pattern, flags & RE_FLAGS)

    def _pattern(self, i: int) -> Pattern:
        rx = self._patterns[i]
        if rx is None:
            rx = self._patterns[i] = self._compile(i)
        return rx

    def _dispatch(self) -> str | None:
        """Index the rules by the words a match can start with; the rest by first character.

        Returns the pattern of the trigger to compile when only indexed words can start a match.
        """
        self._by_word: dict[str, list[tuple[Rule, int]]] = {}
        self._by_char: dict[str, list[tuple[Rule, int]]] = {}
        self._anywhere: list[tuple[Rule, int]] = []
        for i, (words, chars) in enumerate(start_index(self._sources)):
            rr = (self.rules[i], i)
            if words is not None:
                for w in words:
                    self._by_word.setdefault(w, []).append(rr)
                continue
            if chars is None:
                self._anywhere.append(rr)
            else:
                for ch in chars:
                    # Words are looked up by word_key, which writes a leading digit as "#".
                    self._by_char.setdefault("#" if ch.isdigit() else ch, []).append(rr)
        self._cands: dict[str, _Candidates] = {}
        # Where no rule is indexed by first character, only the indexed words can start a match:
        # one trie-shaped regex finds them, and the rest of the text is never looked at in Python.
        self._trigger = _WORD
        if self._by_char or self._anywhere:
            return None
        return r"(?<!\w)(?:" + trie_regex(set(self._by_word)) + r")(?!\w)" + _NEXT_WORD

    def _members(self, key: str) -> list[int]:
        """The rules a word of this key can start (indices, in rule id order)."""
        found = {i for _, i in self._by_word.get(key, [])}
        found.update(i for _, i in self._by_char.get(key[:1], []) + self._anywhere)
        return sorted(found)

    def _candidates(self, word: str) -> _Candidates:
        got = self._cands.get(word)
        if got is not None:
            return got
        key = word_key(word)
        got = self._cands.get(key)
        if got is None:
            members = self._members(key)
            always, by_next = by_second_word(key, members, self._second, self._screened)
            made = {i: (self.rules[i], self._pattern(i)) for i in members}
            got = (
                [made[i] for i in members],
                [made[i] for i in always],
                {k: [made[i] for i in v] for k, v in by_next.items()},
            )
        if len(self._cands) < 200_000:
            self._cands[key] = got
            self._cands[word] = got
        return got

    @classmethod
    def load(cls, extra: list[Path] | None = None, shipped: bool = True) -> DateReader:
        """The shipped English pack, extended or overridden by the packs in ``extra``."""
        paths = ([shipped_rules_dir()] if shipped else []) + list(extra or [])
        ruleset = load_ruleset(paths)
        check_user_rules(ruleset, shipped_rules_dir() if shipped else None)
        return cls(ruleset)

    def spans(self, text: str) -> list[tuple[int, int, Rule, re.Match[str]]]:
        """Chosen matches, leftmost first, non-overlapping."""
        out = []
        pos = 0
        cache = self._cands
        next_keys = self._next_keys
        user = self._user
        for w in self._trigger.finditer(text):
            start = w.start()
            if start < pos:
                continue
            word = w.group()
            got = cache.get(word)
            if got is None:
                got = self._candidates(word)
            cands, always, by_next = got
            if by_next:
                after = w.group(1)
                if after is None:
                    cands = always
                else:
                    then = next_keys.get(after)
                    if then is None:
                        then = next_key(after)
                        if len(next_keys) < 200_000:
                            next_keys[after] = then
                    if then:  # "": a word out of ASCII, read otherwise by re's case folding than by lower()
                        cands = by_next.get(then, always)
            if not cands:
                continue
            best: tuple[int, int, str, Rule, re.Match[str]] | None = None
            wait = budget()
            for rule, rx in cands:
                mm = rx.match(text, start, timeout=wait) if user and rule.id in user else rx.match(text, start)
                if mm is None or mm.end() == start:
                    continue
                key = (mm.end(), rule.priority)
                if best is None or key > best[:2] or (key == best[:2] and rule.id < best[2]):
                    best = (mm.end(), rule.priority, rule.id, rule, mm)
            if best is not None:
                out.append((start, best[0], best[3], best[4]))
                pos = best[0]
        return out

    def sentence(self, text: str, start: int, end: int, reach: int = 300) -> str:
        """The sentence around a match (up to ``reach`` characters each way)."""
        left, right = sentence_window(text, start, end, reach, reach)
        return left + text[start:end] + right

    def _clock_day(self, text: str, out: list[TimexMatch], start: int, dct: dt.date | None) -> TimexMatch | None:
        """The day a clock time falls on (see ``_day_of_clock``), unless a future verb parts it from a past day.

        "The driver, arrested on Monday, will appear in court at 10 a.m.": the hearing is not on Monday.
        """
        day = _day_of_clock(text, out, start)
        if day is None or dct is None or self._tense.future is None or _day_part(day.value) >= dct.isoformat():
            return day
        return None if self._tense.future.search(text, day.end, start, timeout=budget()) else day

    def tag(self, text: str, dct: dt.date | None = None) -> list[TimexMatch]:
        """Every temporal expression of a text, normalised against ``dct`` when it is known."""
        out: list[TimexMatch] = []
        tables = self.ruleset.tables
        # The calendar date and the quarter the text mentioned last, as (value, symbolic form).
        anchor = quarter = ("", "")
        quarter_at = 0
        last = ("", "", -1)  # the date matched last: value, symbolic form, end
        for start, end, rule, m in self.spans(text):
            if rule.type == "IGNORE":
                continue
            groups = m.groupdict()
            tense: Tense = "unknown"
            if rule.tense == "nearest":
                # The nearest date, unless a future cue ("will be held Dec. 3") says it is ahead, or it
                # follows "since".
                if self._tense.is_since(text, start):
                    tense = "past"
                elif self._tense.cue_at(text, start, end, rule.id not in self._weekly) == "future":
                    tense = "future"
                else:
                    tense = "nearest"
            elif rule.id in self._tensed and rule.tense != "none":
                tense = self._tense.tense_at(text, start, end, rule.id not in self._weekly)
                if rule.tense == "past-unless-future" and tense != "future":
                    tense = "past"
            value_t, mod_t = rule.value, rule.mod
            for variant in self._contexts.get(rule.id, ()):
                scope = self.sentence(text, start, end)
                if variant[3] == "before":
                    scope = text[:start] + scope
                if variant[0].search(scope, timeout=budget()):
                    value_t, mod_t = variant[1], variant[2]
                    break
            if start - quarter_at > _QUARTER_REACH:
                quarter = ("", "")
            joint = text[last[2] : start] if last[2] >= 0 and start - last[2] <= _JOINT_REACH else None
            try:
                ctx = _context(groups, tables, dct, tense, anchor[0], quarter[0], last[0], joint)
                value = render(value_t, ctx)
                relative = tuple(sorted(ctx.relative.items()))
                unknown_dct = _context(groups, tables, None, tense, anchor[1], quarter[1], last[1], joint)
                symbolic = render(value_t, unknown_dct) if dct is not None else value
                mod = render(mod_t, ctx) or None if mod_t else None
            except (ValueError, OverflowError):  # NormalizeError, or a date beyond the calendar's range
                continue
            if not _valid_day(value) or not _valid_day(symbolic):
                continue
            day = self._clock_day(text, out, start, dct) if rule.id in self._creation_day else None
            if day is not None and "T" in value and "T" in symbolic:
                value = _day_part(day.value) + value[value.index("T") :]
                symbolic = _day_part(day.symbolic) + symbolic[symbolic.index("T") :]
                relative = day.relative
            if rule.type in ("DATE", "TIME") and _CALENDAR.match(value):
                anchor = (value, symbolic)
                # A quarter after the creation time's is a forecast, not the one a report is about.
                future = dct is not None and value > _quarter_of(dct)
                if _QUARTER.match(value) and rule.id not in self._year_back and not future:
                    quarter, quarter_at = (value, symbolic), end
            if rule.type == "DATE":
                last = (value, symbolic, end)
            out.append(TimexMatch(start, end, m.group(0), rule.type, value, mod, rule.id, symbolic, relative, tense))
        return out
