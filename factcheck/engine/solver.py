"""The one factory for z3 solvers: fixed seeds, a resource limit and a timeout on every solve.

Every solver the engine builds comes from here, so a result never depends on which code
path made the solver, and ``unknown`` is always a possible, typed outcome.
The primary limit is z3's deterministic resource limit; the timeout is a backstop
(defaults and why: ``factcheck.limits``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import z3

from factcheck.limits import DEFAULT_RLIMIT, DEFAULT_TIMEOUT_MS


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
    if difference_logic:
        s = z3.SolverFor("QF_IDL", ctx=ctx)
    else:
        s = z3.Solver(ctx=ctx)
        s.set("smt.random_seed", limits.seed)
    _configure(s, limits)
    return s


def make_optimizer(ctx: z3.Context, limits: SolverLimits) -> z3.Optimize:
    """An optimizer (MaxSAT over fact weights) with the same seeds and limits."""
    o = z3.Optimize(ctx=ctx)
    _configure(o, limits)
    return o


def outcome(result: z3.CheckSatResult) -> Outcome:
    """Map z3's answer to an Outcome."""
    if result == z3.sat:
        return Outcome.SAT
    if result == z3.unsat:
        return Outcome.UNSAT
    return Outcome.UNKNOWN
