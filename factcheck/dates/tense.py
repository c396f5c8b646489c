"""The tense around a date, read from the pack's cues: which way a yearless month or a bare weekday points.

The cues come in named classes (future auxiliaries, modals, intention verbs, schedule words, past
forms), each one regex.  The cue nearest the date within its sentence decides; a class listed in
``yearless_only`` counts only for a date without its year (not a weekday), and a cue of a class
listed in ``plans`` right after the pack's ``pluperfect`` ("had been scheduled") is a plan made
before the report, so no cue.
"""

from __future__ import annotations

import re

from factcheck.dates.compile import Pattern, compile_user
from factcheck.dates.context import Tense
from factcheck.dates.deadline import left as budget
from factcheck.dates.pack import TenseCues

SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z\"'(])|\n\s*\n")
# Characters past the end of the window after a match that a tense cue's own lookahead may read.
_CUE_LOOKAHEAD = 8
# How far back (characters) from a match its ``since`` cue is looked for.
_SINCE_REACH = 20


def sentence_window(text: str, start: int, end: int, before: int, after: int) -> tuple[str, str]:
    """The text of a match's sentence before it (up to ``before`` characters) and after it (up to ``after``)."""
    left = text[max(0, start - before) : start]
    cuts = list(SENTENCE_END.finditer(left))
    if cuts:
        left = left[cuts[-1].end() :]
    right = text[end : end + after]
    cut = SENTENCE_END.search(right)
    if cut:
        right = right[: cut.start()]
    return left, right


def cue_source(cues: str | dict[str, str], cancel: str, plans: list[str], skip: list[str]) -> str | None:
    """One regex of a direction's cues: its classes as whole-word alternatives, ``skip``'d ones left out.

    A class in ``plans`` does not match right after ``cancel`` (a variable-width lookbehind).
    """
    if isinstance(cues, str):
        return cues
    parts = []
    for name, body in cues.items():
        if name in skip:
            continue
        guard = f"(?<!{cancel})" if cancel and name in plans else ""
        parts.append(rf"\b{guard}(?:{body})\b")
    return "|".join(parts) if parts else None


class TenseReader:
    """A pack's tense cues, compiled: the tense at a match, and whether a future cue lies between two places."""

    def __init__(self, cues: TenseCues | None) -> None:
        self.before = cues.before if cues else 0
        self.after = cues.after if cues else 0
        self.future: Pattern | None = None
        # The cues read around a date without its year (True) and around a weekday (False).
        self._cues: dict[bool, list[tuple[Pattern, Tense]]] = {True: [], False: []}
        self._since: Pattern | None = None
        if cues is None:
            return
        flags = re.IGNORECASE
        directions: tuple[tuple[str | dict[str, str], Tense], ...] = ((cues.future, "future"), (cues.past, "past"))
        for yearless, skipped in ((True, []), (False, cues.yearless_only)):
            for source, tense in directions:
                src = cue_source(source, cues.pluperfect, cues.plans, skipped)
                if src is None:
                    continue
                rx = compile_user(src, flags)
                self._cues[yearless].append((rx, tense))
                if tense == "future" and yearless:
                    self.future = rx
        self._since = compile_user(cues.since, flags)

    def is_since(self, text: str, start: int) -> bool:
        """Whether the pack's ``since`` cue ends right before the match ("since March", "ended Jan. 31")."""
        if self._since is None:
            return False
        return self._since.search(text, max(0, start - _SINCE_REACH), start, timeout=budget()) is not None

    def tense_at(self, text: str, start: int, end: int, yearless: bool = True) -> Tense:
        """Past right after ``since``; else the tense of the cue nearest the match (:meth:`cue_at`).

        ``yearless``: the match is a date without its year, not a weekday (see ``yearless_only``).
        """
        if len(self._cues[yearless]) < 2:
            return "unknown"
        return "past" if self.is_since(text, start) else self.cue_at(text, start, end, yearless)

    def cue_at(self, text: str, start: int, end: int, yearless: bool = True) -> Tense:
        """Future if a future cue is the nearest to the match within its sentence, past if a past cue is."""
        cues = self._cues[yearless]
        if len(cues) < 2:
            return "unknown"
        left, right = sentence_window(text, start, end, self.before, self.after)
        if "," in right:
            right = right[: right.index(",")]  # ", a diplomat told reporters": another clause
        # A cue must start inside the window, but may look past its end ("untouched by" is no past verb).
        width = len(right)
        right = text[end : end + width + (_CUE_LOOKAHEAD if width == self.after else 0)]
        # The cue nearest the expression decides: "will take place Thursday ... said Tuesday".
        best: tuple[int, Tense] | None = None
        for rx, tense in cues:
            for m in rx.finditer(left, timeout=budget()):
                d = len(left) - m.end()
                if best is None or d < best[0]:
                    best = (d, tense)
            m2 = rx.search(right, timeout=budget())
            if m2 is not None and m2.start() < width and (best is None or m2.start() < best[0]):
                best = (m2.start(), tense)
        return "unknown" if best is None else best[1]
