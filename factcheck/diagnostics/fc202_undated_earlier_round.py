"""FC202 undated-earlier-round: a "second round" implies earlier events of its series that no fact dates."""

from __future__ import annotations

from factcheck.diagnostics.base import Code, date_range, day, make
from factcheck.diagnostics.gaps import Ranges, wide
from factcheck.model import FactSet, Finding, FindingDetail, Severity

CODE = Code(
    "FC202",
    "undated-earlier-round",
    "gap",
    Severity.WARNING,
    "An ordinal whose earlier rounds nobody dates",
    "A 'second round' (or later) implies earlier events of its series that no fact dates.",
    "Add the earlier round as an event of the same series, with the facts that date it.",
)


def render(f: Finding) -> str:
    """The message: the series and the implied event's range."""
    return (
        f"an ordinal in series {f.detail.series!r} implies an earlier event that no fact dates: "
        f"{date_range(f.earliest, f.latest)}"
    )


def detect(fs: FactSet, ranges: Ranges, placeholders: dict[str, str], limit: int) -> list[Finding]:
    """A finding for each implied earlier event (a placeholder of the solve) whose range is wide."""
    out = []
    for pid, series in sorted(placeholders.items()):
        r = ranges.get(f"e:{pid}", (None, None))
        if not wide(r, limit):
            continue
        ords = sorted(f.id for f in fs.facts if getattr(f, "kind", "") == "ordinal")
        out.append(
            make(
                CODE,
                FindingDetail(series=series),
                facts=tuple(ords),
                subject=pid,
                earliest=day(r[0]),
                latest=day(r[1]),
            )
        )
    return out
