"""The constraint IR as z3's input: one SMT-LIB script per component, each fact guarded by a tracker.

Each fact's constraints become one conjunction guarded by its own tracking literal, so an
unsatisfiable core names facts.  A year-less value's year is an integer written as a sum
of 0/1 bits, and the civil calendar (``calendar.days_from_civil``, the same formula the
other paths evaluate on ints) is written over it with explicit quotients, which keeps
every constraint linear.
"""

from __future__ import annotations

import z3

from factcheck.calendar import WEEKDAY_SHIFT, days_from_civil
from factcheck.engine import smt
from factcheck.engine.ir import (
    Compare,
    Constraint,
    CountBefore,
    Encoding,
    NotBetween,
    Point,
    Weekday,
    Window,
    YearChoice,
    YearlessValue,
    relation_bounds,
)
from factcheck.engine.smt import B, T


def _compare(a: T, op: str, b: T) -> B:
    if op == "<=":
        return a <= b
    if op == "<":
        return a < b
    if op == ">=":
        return a >= b
    return a > b


class Lowering:
    """Writes one component's IR as SMT-LIB terms, in the order the constraints come."""

    def __init__(self, enc: Encoding) -> None:
        self.enc = enc
        self._ints: list[str] = []  # SMT-LIB symbols of integer constants
        self._structural: list[B] = []
        self._symbols: dict[str, T] = {}  # variable name -> its term
        self._divs: dict[tuple[str, int], T] = {}
        self._constraints: dict[str, B] = {}
        self._years: dict[str, T] = {}  # date fact id -> its year's term
        # the current claim's year-less values (first and last day), and what their years
        # must satisfy: the claim's conjunction ends with these side conditions
        self._values: dict[int, tuple[T, T]] = {}
        self._side: list[B] = []

    def _int(self, prefix: str) -> T:
        sym = f"{prefix}{len(self._ints)}"
        self._ints.append(sym)
        return T(sym)

    def term(self, p: Point) -> T:
        """A point's term: its variable's symbol, a constant, or a year-less value's last day."""
        if isinstance(p, str):
            if p not in self._symbols:
                self._declare(p)
            return self._symbols[p]
        if isinstance(p, int):
            return smt.IntVal(p)
        return self._value(p.value)[1]

    def _declare(self, name: str) -> None:
        """Declare a variable; one that a fact names first comes with its siblings and horizon bounds."""
        if name not in self.enc.late:
            self._symbols[name] = self._int("v")
            return
        var = self.enc.vars[name]
        lo, hi = self.enc.horizon
        for sib in self.enc.vars.values():
            if sib.owner == var.owner and sib.is_doc == var.is_doc and sib.name not in self._symbols:
                t = self._symbols[sib.name] = self._int("v")
                self._structural += [t >= lo, t <= hi]

    def floor_div(self, expr: T, k: int) -> T:
        """floor(expr / k) as a fresh integer q with k*q <= expr < k*(q+1).

        z3 accepts ``div`` by a constant, but an explicit quotient keeps every constraint
        linear and made calendar checks several times faster in measurements here.
        """
        key = (expr.s, k)
        if key not in self._divs:
            q = self._int("q")
            self._structural += [k * q <= expr, expr <= k * q + (k - 1)]
            self._divs[key] = q
        return self._divs[key]

    def civil(self, y: T, m: int, d: int) -> T:
        """Day number of (y, m, d) for a year term y and constant month and day."""
        return days_from_civil(y, m, d, self.floor_div)

    def _year(self, years: tuple[int, int]) -> T:
        """A year variable over the candidate years, written as lo + a sum of 0/1 bits.

        The year is also a plain integer in the civil arithmetic; the bits make the solver
        branch on whole years (a handful of decisions), after which every calendar term is
        a constant.  Measured: leaving the year to the arithmetic alone was 20-1000x slower,
        and a disjunction over every candidate year about 1.4x slower than the bits.
        """
        y = self._int("y")
        lo, hi = years
        terms = []
        for i in range(max(1, (hi - lo).bit_length())):
            b = self._int("b")
            self._structural += [b >= 0, b <= 1]
            terms.append(b * (1 << i))
        self._structural += [y.eq(smt.Sum(terms) + lo), y <= hi]
        return y

    def _value(self, v: YearlessValue, fact: str = "") -> tuple[T, T]:
        """First and last day terms of a year-less value; what its year must satisfy goes to the side conditions."""
        if id(v) in self._values:
            return self._values[id(v)]
        y = self._year(v.years)
        if fact:
            self._years[fact] = y
        (ys, ms, ds), (ye, me, de) = v.period
        first = self.civil(y + ys, ms, ds)
        end_excl = self.civil(y + ye, me, de)
        side = self._side
        if v.day is not None:
            # Feb. 29 exists only in leap years: the day must fall before the next month.
            side.append(first < self.civil(y + (1 if v.month == 12 else 0), (v.month or 0) % 12 + 1, 1))
        if v.month_part:
            assert v.month is not None
            month_end = self.civil(y + (1 if v.month == 12 else 0), v.month % 12 + 1, 1)
            end_excl = smt.If(end_excl < month_end, end_excl, month_end)
        if v.doc is not None:
            p, anchor, n = self.term(v.doc), self.term(v.anchor), v.near
            same_year = smt.And([self.civil(y, 1, 1) <= p, p < self.civil(y + 1, 1, 1)])
            side.append(smt.Or([same_year, smt.And([anchor - p <= n, p - anchor <= n])]))
        self._values[id(v)] = first, end_excl - 1
        return self._values[id(v)]

    def _constraint(self, fid: str, c: Constraint) -> list[B]:
        """A constraint's terms (a year-less value's side conditions go to ``_side``)."""
        if isinstance(c, Compare):
            left, right = self.term(c.left), self.term(c.right)
            return [_compare(left, c.op, right)]
        if isinstance(c, Window):
            x, a = self.term(c.x), self.term(c.a)
            out = [x - a >= c.lo] if c.lo is not None else []
            return out + ([x - a <= c.hi] if c.hi is not None else [])
        if isinstance(c, Weekday):
            x, q = self.term(c.var), self._int("w")
            return [(x + WEEKDAY_SHIFT).eq(7 * q + c.wd)]
        if isinstance(c, YearChoice):
            lo, hi = self.term(c.lo_name), self.term(c.hi_name)  # the subject first, as a fact names it
            first, last = self._value(c.value, fid)
            return [_compare(a, op, b) for a, op, b in relation_bounds(c.relation, lo, hi, first, last)]
        if isinstance(c, CountBefore):
            x = self.term(c.subject)
            return [smt.Sum(smt.If(self.term(e) < x, 1, 0) for e in c.others).eq(c.n - 1)]
        return self._not_between(c)

    def _not_between(self, c: NotBetween) -> list[B]:
        after, before = self.term(c.after), self.term(c.before)
        return [smt.Not(smt.And([after < self.term(lo), self.term(hi) < before])) for lo, hi in c.members]

    def lower(self) -> None:
        """Every constraint of the frame and the claims as SMT-LIB terms."""
        for c in self.enc.frame:
            if not (isinstance(c, Compare) and c.left in self.enc.late):
                self._structural += self._constraint("", c)
        for fid, cs in self.enc.claims.items():
            self._values, self._side = {}, []
            parts = [t for c in cs for t in self._constraint(fid, c)]
            self._constraints[fid] = smt.And(parts + self._side)

    def parse(self) -> None:
        """Write the component as one SMT-LIB script and bind the z3 constants it names.

        Solvers load the script in a single call (``from_string``): asserting dozens of
        formulas one Python call at a time cost more than solving them.
        """
        enc = self.enc
        # a fresh context per component: z3's answers (which core, which optimum among
        # equals) depend on the context's history, and output must not depend on what
        # else the process solved before
        if enc.ctx is None:
            enc.ctx = z3.Context()
        ctx = enc.ctx
        fids = sorted(self._constraints)
        tracker = {fid: f"a{i}" for i, fid in enumerate(fids)}
        lines = [f"(declare-const {sym} Int)" for sym in self._ints]
        lines += [f"(declare-const {tracker[f]} Bool)" for f in fids]
        lines += [f"(assert {b.s})" for b in self._structural]
        lines += [f"(assert (=> {tracker[f]} {self._constraints[f].s}))" for f in fids]
        enc.script = "\n".join(lines)
        enc.trackers = {f: z3.Bool(tracker[f], ctx) for f in fids}
        enc.terms = {name: z3.Int(t.s, ctx) for name, t in self._symbols.items()}
        enc.years = {f: z3.Int(t.s, ctx) for f, t in self._years.items()}


def lower(enc: Encoding) -> None:
    """Give an encoding its z3 script, trackers and terms (``Encoding.parsed`` calls this)."""
    low = Lowering(enc)
    low.lower()
    low.parse()
