"""FC301 inconclusive: the solver hit its timeout or resource limit; nothing is claimed about what it left."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.diagnostics.base import Code, make
from factcheck.engine.solver import Outcome
from factcheck.model import FactSet, Finding, FindingDetail, Severity

if TYPE_CHECKING:  # the engine's result type only: loading diagnose would load z3
    from factcheck.engine.result import ComponentResult

CODE = Code(
    "FC301",
    "inconclusive",
    "inconclusive",
    Severity.ERROR,
    "The solver gave up",
    "The solver hit its timeout or resource limit on a component; nothing is claimed about its facts.",
    "Raise the timeout or resource limit in the configuration, or split the fact set.",
)

_SHOWN = 5  # subjects of a component named in the message


def render(f: Finding) -> str:
    """The message: which component (or TimeML document and mode), what stands, and why the solver gave up."""
    d = f.detail
    if d.mode is not None:
        return f"{f.subject} ({d.mode} mode): the solver gave up ({d.reason})"
    head = f"component {f.component} ({', '.join(d.subjects)}{'…' if d.more else ''}): "
    if d.decided is None:
        return head + f"the solver gave up ({d.reason}); nothing is claimed about these {len(f.facts)} facts"
    known = (
        "its facts cannot all be true (the contradictions listed), but"
        if d.decided == Outcome.UNSAT.value
        else "its facts can all be true, but"
    )
    return head + f"{known} the solver gave up on the rest ({d.reason}); no timeline is claimed for it"


def _component(comp: FactSet, res: ComponentResult, decided: str | None) -> Finding:
    subjects = sorted({e.id for e in comp.events} | {d.id for d in comp.documents})
    detail = FindingDetail(
        subjects=tuple(subjects[:_SHOWN]), more=len(subjects) > _SHOWN, reason=res.reason, decided=decided
    )
    return make(CODE, detail, facts=tuple(sorted(f.id for f in comp.facts)), component=res.index)


def undecided(comp: FactSet, res: ComponentResult) -> Finding:
    """A component whose consistency the solver did not decide."""
    return _component(comp, res, None)


def partial(comp: FactSet, res: ComponentResult) -> Finding:
    """A component decided, but whose diagnosis (conflicts, ranges) the solver gave up on in part."""
    return _component(comp, res, res.outcome.value)


def undecided_links(doc: str, mode: str, reason: str) -> Finding:
    """A TimeML document whose links, in one mode, the solver did not decide."""
    return make(CODE, FindingDetail(mode=mode, reason=reason), subject=doc)
