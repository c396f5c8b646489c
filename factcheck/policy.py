"""The policy file: every fuzzy window the engine uses, read from YAML (``rules/policy.yaml``)."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from factcheck.resources import shipped_rules_dir
from factcheck.yamlio import load_yaml_model

Window = tuple[int | None, int | None]


class _P(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Horizon(_P):
    """Years considered for a date whose year is unknown."""

    min_year: int = 1900
    max_year: int = 2100


class Yearless(_P):
    """How far a year-less date may lie from its document's creation time."""

    same_year_or_within_days: int = Field(92, ge=0)


class Parts(_P):
    """Parts of periods: day ranges of a month, month ranges of a year."""

    month: dict[Literal["START", "MID", "END"], tuple[int, int]]
    year: dict[Literal["START", "MID", "END"], tuple[int, int]]


class Weekday(_P):
    """Windows of a bare weekday by tense."""

    past: tuple[int, int]
    future: tuple[int, int]
    unknown: tuple[int, int]


class AgoUnit(_P):
    """Length of one unit and the slack around "N units ago"."""

    per: tuple[int, int]
    slack: int = 0


class PageStamp(_P):
    """How "time ago" widgets round elapsed time."""

    rounding: tuple[Literal["round", "floor", "ceil"], ...]
    unit_days: dict[str, float]
    sub_day: tuple[int, int] = (0, 1)


class Gaps(_P):
    """Thresholds for reporting under-determined times."""

    max_event_range_days: int = 3
    max_document_range_days: int = 7


class Policy(_P):
    """All day windows of fuzzy phrases."""

    version: Literal[1] = 1
    horizon: Horizon = Horizon()
    yearless: Yearless = Yearless()
    parts: Parts
    weekday: Weekday
    deictic: dict[str, tuple[int, int]]
    tense: dict[Literal["past", "future", "unknown"], Window]
    ago: dict[Literal["day", "week", "month", "year"], AgoUnit]
    units: dict[Literal["day", "week", "month", "year"], tuple[int, int]]
    page_stamp: PageStamp
    gaps: Gaps = Gaps()

    def month_parts(self) -> dict[str, tuple[int, int]]:
        """Day ranges of START/MID/END of a month."""
        return {str(k): v for k, v in self.parts.month.items()}

    def year_parts(self) -> dict[str, tuple[int, int]]:
        """Month ranges of START/MID/END of a year."""
        return {str(k): v for k, v in self.parts.year.items()}

    def stamp_window(self, amount: int, unit: str) -> tuple[int, int]:
        """Days between creation and retrieval for an "amount unit ago" page stamp."""
        per = self.page_stamp.unit_days[unit]
        if per < 1:
            lo, hi = self.page_stamp.sub_day
            elapsed_hi = math.ceil((amount + 1) * per)
            return lo, max(hi, elapsed_hi)
        lows: list[int] = []
        highs: list[int] = []
        for mode in self.page_stamp.rounding:
            # round: shown as N while N-0.5 <= t/per < N+0.5; floor: N <= t/per < N+1;
            # ceil: N-1 < t/per <= N.  Whole days of elapsed time follow.
            if mode == "round":
                lo_f, hi_f = (amount - 0.5) * per, (amount + 0.5) * per
            elif mode == "floor":
                lo_f, hi_f = amount * per, (amount + 1) * per
            else:
                lo_f, hi_f = (amount - 1) * per, amount * per
            lows.append(max(0, math.floor(lo_f)))
            highs.append(math.ceil(hi_f))
        return min(lows), max(highs)

    def ago_window(self, amount: int, unit: str) -> tuple[int, int]:
        """Days back (or ahead) for "amount unit ago" in running text."""
        a = self.ago[unit]  # type: ignore[index]
        return max(0, amount * a.per[0] - a.slack), amount * a.per[1] + a.slack

    def duration_window(self, amount: float, unit: str, mod: str) -> tuple[int | None, int | None]:
        """Bounds in days on a span said to last ``amount unit`` with a TIMEX3 modifier."""
        if unit in ("hour", "minute"):
            lo_len, hi_len = 0, max(1, math.ceil(amount / (24 if unit == "hour" else 1440)))
        else:
            per = self.units[unit]  # type: ignore[index]
            lo_len, hi_len = math.floor(amount * per[0]), math.ceil(amount * per[1])
        if mod == "MORE_THAN":
            return lo_len + 1, None
        if mod == "EQUAL_OR_MORE":
            return lo_len, None
        if mod == "LESS_THAN":
            return None, hi_len - 1
        if mod == "EQUAL_OR_LESS":
            return None, hi_len
        if mod == "APPROX":
            slack = max(1, (hi_len - lo_len) + lo_len // 4)
            return max(0, lo_len - slack), hi_len + slack
        return lo_len, hi_len


def load_policy(path: Path | None = None) -> Policy:
    """Read the policy file; the shipped one unless a path is given."""
    return load_yaml_model(path or shipped_rules_dir() / "policy.yaml", Policy)
