"""The one factory for z3 solvers: fixed seeds, a resource limit and a timeout on every solve.

Every solver the engine builds comes from here (a component's solver, the map solver of
conflict enumeration, the retraction's optimizer), so a result never depends on which
code path made the solver, and ``unknown`` is always a possible, typed outcome.  Every
check goes through :func:`run_check`, which charges what z3 spent to a :class:`Budget`:
the budget, counted in z3's own resource units, bounds a whole component's (or story's)
work, as the per-check ``rlimit`` bounds one check.  Both count steps, not seconds, so
where they stop is the same on an idle and on a loaded machine; the wall-clock timeout
is only a backstop (defaults and why: ``factcheck.limits``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from factcheck.limits import CHECK_CHARGE, DEFAULT_RLIMIT, DEFAULT_TIMEOUT_MS

if TYPE_CHECKING:
    import z3

# z3 is imported where a solver is made, not with this module: the outcomes, limits and
# budgets are wanted by callers (e.g. a TimeML document whose links the difference graph
# decides) that never build a solver.


class Outcome(StrEnum):
    """The three answers a solve can give."""

    SAT = "sat"
    UNSAT = "unsat"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class SolverLimits:
    """Per-check limits (0: none); a check that hits one answers UNKNOWN, never SAT."""

    timeout_ms: int = DEFAULT_TIMEOUT_MS
    rlimit: int = DEFAULT_RLIMIT
    seed: int = 0


class Budget:
    """Resource units that a piece of work (a component, a story) may still spend; None: no bound.

    A budget can have a parent (a story's budget over its components'): spending charges
    both, and what is left is the smaller of the two.
    """

    def __init__(self, units: int | None, parent: Budget | None = None) -> None:
        self.units = units
        self.spent = 0
        self.parent = parent

    def left(self) -> int | None:
        """Units left (never below 0), None when neither this budget nor its parents bound it."""
        own = None if self.units is None else max(0, self.units - self.spent)
        up = self.parent.left() if self.parent is not None else None
        if own is None:
            return up
        return own if up is None else min(own, up)

    def spend(self, units: int) -> None:
        """Charge units here and to every parent."""
        self.spent += units
        if self.parent is not None:
            self.parent.spend(units)

    def exhausted(self) -> bool:
        """Whether nothing is left to spend."""
        left = self.left()
        return left is not None and left <= 0


class BudgetSpent(Exception):
    """A budget ran out before the work was done."""


def _configure(s: z3.Solver | z3.Optimize, limits: SolverLimits) -> None:
    s.set("random_seed", limits.seed)
    if limits.timeout_ms:
        s.set("timeout", limits.timeout_ms)
    if limits.rlimit:
        s.set("rlimit", limits.rlimit)


def make_solver(ctx: z3.Context, limits: SolverLimits, *, difference_logic: bool = False) -> z3.Solver:
    """A solver for one component.

    Components whose constraints are all differences of days (x - y <= c) use z3's
    difference-logic theory: tracking literals otherwise steer z3 away from it and
    slow tracked solving by orders of magnitude on such instances.
    """
    import z3

    if difference_logic:
        s = z3.SolverFor("QF_IDL", ctx=ctx)
    else:
        s = z3.Solver(ctx=ctx)
        s.set("smt.random_seed", limits.seed)
    _configure(s, limits)
    return s


def make_map_solver(ctx: z3.Context, limits: SolverLimits) -> z3.Solver:
    """The Boolean map solver of conflict enumeration (MARCO), with the same seeds and limits.

    Its decisions start from "every fact selected": most grow steps then have nothing to add.
    """
    import z3

    s = z3.Solver(ctx=ctx)
    _configure(s, limits)
    s.set("phase_selection", 1)
    return s


def make_optimizer(ctx: z3.Context, limits: SolverLimits) -> z3.Optimize:
    """An optimizer (MaxSAT over fact weights) with the same seeds and limits."""
    import z3

    o = z3.Optimize(ctx=ctx)
    _configure(o, limits)
    return o


def outcome(result: z3.CheckSatResult) -> Outcome:
    """Map z3's answer to an Outcome."""
    import z3

    if result == z3.sat:
        return Outcome.SAT
    if result == z3.unsat:
        return Outcome.UNSAT
    return Outcome.UNKNOWN


def _rlimit_count(s: z3.Solver | z3.Optimize) -> int:
    stats = s.statistics()
    return int(stats.get_key_value("rlimit count")) if "rlimit count" in stats.keys() else 0


def run_check(
    s: z3.Solver | z3.Optimize, limits: SolverLimits, budget: Budget, *assumptions: Any
) -> tuple[Outcome, str]:
    """Check within the per-check limits and what the budget has left; charge what z3 spent.

    Returns the outcome and, when it is UNKNOWN, why.  Each check also costs a fixed
    ``CHECK_CHARGE``, so that work made of many cheap checks is bounded too.
    """
    left = budget.left()
    if left is not None and left <= 0:
        return Outcome.UNKNOWN, "resource budget spent"
    capped = left is not None and (limits.rlimit == 0 or left < limits.rlimit)
    s.set("rlimit", left if capped else limits.rlimit)
    before = _rlimit_count(s)
    res = outcome(s.check(*assumptions))
    budget.spend(max(0, _rlimit_count(s) - before) + CHECK_CHARGE)
    if res is not Outcome.UNKNOWN:
        return res, ""
    if capped and budget.exhausted():
        return res, "resource budget spent"
    return res, s.reason_unknown() or "unknown"
