"""FC101 contradiction: a minimal set of facts that cannot all hold, with the mentions that read the same."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.diagnostics.base import Code, make, source
from factcheck.engine.grouping import group_conflicts
from factcheck.model import Fact, Finding, FindingDetail, Severity
from factcheck.quotes import short_quote

if TYPE_CHECKING:  # the engine's result type only: loading diagnose would load z3
    from factcheck.engine.result import ComponentResult

CODE = Code(
    "FC101",
    "contradiction",
    "contradiction",
    Severity.ERROR,
    "Claims that cannot all be true",
    "A minimal set of facts that cannot all hold: dropping any one of them makes the rest consistent.",
    "Read the quoted sentences side by side; one of them is wrong or was misread. The report proposes the "
    "cheapest set of facts to retract, given their weights.",
)


def render(f: Finding) -> str:
    """The message: the shown set's quotes (or ids) and derived facts, and how many sets and mentions it stands for."""
    quoted = {s.fact for s in f.sources}
    summary = "; ".join(f'"{short_quote(s.quote)}"' if s.quote else s.fact for s in f.sources)
    derived = [i for i in f.facts if i not in quoted]
    if derived:
        summary += "; " + ", ".join(derived)
    more = ""
    if len(f.conflicts) > 1:
        more = f" ({len(f.conflicts)} minimal sets; {f.detail.others} other mentions read the same)"
    return f"these {len(f.facts)} claims cannot all be true: {summary}{more}"


def detect(res: ComponentResult, facts: dict[str, Fact]) -> list[Finding]:
    """A finding for each clash among a component's minimal conflicts (see engine.grouping)."""
    out = []
    for group in group_conflicts(res.conflicts, facts, res.retract):
        conflict = group.shown
        quotes = [facts[f] for f in conflict if f in facts]
        also = sorted((facts[f] for f in group.also if f in facts), key=lambda q: (q.doc or "", q.span or (0, 0), q.id))
        out.append(
            make(
                CODE,
                FindingDetail(others=len(group.also)),
                facts=conflict,
                sources=tuple(source(q) for q in quotes),
                also=tuple(source(q) for q in also),
                conflicts=group.conflicts,
                retract=tuple(f for f in res.retract if f in conflict) or res.retract,
                component=res.index,
            )
        )
    return out
