"""Facts to z3 terms: the one place that knows how a claim becomes arithmetic over days.

Each time point is an integer day (days since 1970-01-01).  Each fact becomes one
constraint guarded by its own tracking literal, so an unsatisfiable core names facts.
Alongside the z3 terms the encoder records every constraint that is a plain difference
of days (``x - y <= c``, ``x <= c``): shortest paths over those give sound outer bounds
for the timeline before z3 is asked to tighten them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import z3

from factcheck.calendar import (
    WEEKDAY_SHIFT,
    YMD,
    CalendarValue,
    days_from_civil,
    from_day,
    parse_value,
    period_in_year,
    to_day,
)
from factcheck.calendar import concrete_span as _concrete_span
from factcheck.engine import smt
from factcheck.engine.smt import B, T
from factcheck.facts.ids import fact_series
from factcheck.model import (
    DateFact,
    DurationFact,
    Event,
    Fact,
    FactSet,
    FirstSinceFact,
    LastBeforeFact,
    OrderFact,
    OrdinalFact,
    PageStampFact,
    Point,
    Ref,
    RelativeFact,
)
from factcheck.policy import Policy

Term = Any  # a z3 ArithRef; z3 ships no type stubs


@dataclass(frozen=True)
class Var:
    """A day variable: what it stands for and its z3 name."""

    name: str  # "e:ID", "e:ID.start", "d:ID.published", ...
    owner: str  # event or document id
    is_doc: bool
    point: str  # "at", "start", "end", "published", "retrieved"
    implicit: bool = False


@dataclass
class Yearless:
    """A date fact whose value's year is a solver variable; its span is known once the year is."""

    fact: str
    year: Any  # the z3 year constant (its SMT-LIB symbol until the component is parsed)
    value: CalendarValue
    relation: str
    lo_name: str
    hi_name: str


def civil_day(y: int, m: int, d: int) -> int:
    """Day number of a civil date with a known year (months past 12 roll into later years)."""
    return int(days_from_civil(y, m, d))


Edge = tuple[str, str, int]


def relation_edges(relation: str, lo_name: str, hi_name: str, first: int, last: int) -> list[Edge]:
    """A date relation to the span [first, last] as difference edges on the subject's bounds.

    Edges (u, v, c) mean v - u <= c with "0" as day 0: "on" pins both bounds inside the span,
    "before" puts the subject's end before its first day, "after" its start past its last.
    """
    out: list[Edge] = []
    if relation in ("on", "not_before"):
        out.append((lo_name, "0", -first))
    if relation in ("on", "not_after"):
        out.append(("0", hi_name, last))
    if relation == "before":
        out.append(("0", hi_name, first - 1))
    if relation == "after":
        out.append((lo_name, "0", -(last + 1)))
    return out


@dataclass(frozen=True)
class YearChoice:
    """A year-less date fact written without z3: for each candidate year, its difference edges.

    For a year ``y`` in ``years`` the fact holds exactly when its relation's bounds for that
    year hold and, if it quotes a document (the AP rule), either the document's creation
    time lies in ``y`` or the date is within ``near`` days of it.
    """

    fact: str
    years: tuple[int, int]  # the year variable's range, inclusive
    relation: str
    lo_name: str
    hi_name: str
    period: tuple[YMD, YMD]
    month: int | None
    day: int | None
    month_part: bool  # a part of a month: never past the month's last day
    doc: str | None  # the quoted document's creation-time variable (AP rule)
    anchor: str  # the variable the AP rule keeps near the document
    near: int

    def span(self, y: int) -> tuple[int, int] | None:
        """[first, last] day of the value in year y, None when the date does not exist then."""
        (ys, ms, ds), (ye, me, de) = self.period
        first = civil_day(y + ys, ms, ds)
        end_excl = civil_day(y + ye, me, de)
        if self.day is not None:
            # Feb. 29 exists only in leap years: the day must fall before the next month
            if first >= civil_day(y + (1 if self.month == 12 else 0), (self.month or 0) % 12 + 1, 1):
                return None
        if self.month_part:
            assert self.month is not None
            end_excl = min(end_excl, civil_day(y + (1 if self.month == 12 else 0), self.month % 12 + 1, 1))
        return first, end_excl - 1

    def bounds(self, y: int) -> list[Edge] | None:
        """The relation's bounds in year y as difference edges, None when the date does not exist."""
        span = self.span(y)
        if span is None:
            return None
        return relation_edges(self.relation, self.lo_name, self.hi_name, *span)

    def same_year(self, y: int) -> list[Edge]:
        """The document's creation time lies in year y."""
        assert self.doc is not None
        return [(self.doc, "0", -civil_day(y, 1, 1)), ("0", self.doc, civil_day(y + 1, 1, 1) - 1)]

    def nearby(self) -> list[Edge]:
        """The date lies within ``near`` days of the document's creation time."""
        assert self.doc is not None
        return [(self.doc, self.anchor, self.near), (self.anchor, self.doc, self.near)]


@dataclass
class Encoding:
    """A component encoded: day variables, one guarded constraint per fact, difference edges."""

    ctx: Any = None  # the component's z3 context, made when the SMT-LIB text is parsed
    vars: dict[str, Var] = field(default_factory=dict)
    terms: dict[str, Term] = field(default_factory=dict)
    structural: list[Term] = field(default_factory=list)
    constraints: dict[str, Term] = field(default_factory=dict)
    trackers: dict[str, Term] = field(default_factory=dict)
    # difference edges (u, v, c) meaning v - u <= c, by fact id ("" for structural);
    # the node "0" is day 0.
    edges: dict[str, list[tuple[str, str, int]]] = field(default_factory=lambda: defaultdict(list))
    # facts whose constraint is not a pure conjunction of difference edges
    nonlinear: set[str] = field(default_factory=set)
    placeholders: dict[str, str] = field(default_factory=dict)  # placeholder event id -> series
    yearless: list[Yearless] = field(default_factory=list)
    weekdays: list[tuple[str, str, int]] = field(default_factory=list)  # (fact, variable, weekday)
    fact_ids: list[str] = field(default_factory=list)
    # exact: every constraint is a difference edge (``edges`` plus ``extra_edges``), a weekday
    # (``weekdays``), a year-less date (``year_choices``) or a choice of difference edges
    # (``edge_choices``), so the component can be solved
    # without z3 (see factcheck.engine.exact); False when some constraint is anything else
    exact: bool = False
    extra_edges: dict[str, list[Edge]] = field(default_factory=lambda: defaultdict(list))  # by fact id
    year_choices: list[YearChoice] = field(default_factory=list)
    # (fact id, alternatives): one of the alternatives' difference edges holds ("no other
    # round between them": each round is before the one or after the other)
    edge_choices: list[tuple[str, list[list[Edge]]]] = field(default_factory=list)
    script: str = ""  # the whole component as SMT-LIB: declarations, structure, guarded facts
    finish: Callable[[Encoding], None] | None = None  # parses the SMT-LIB text on first need

    def parsed(self) -> Encoding:
        """The encoding with its z3 terms built (parsing once, on first call)."""
        if self.finish is not None:
            finish, self.finish = self.finish, None
            finish(self)
        return self

    horizon: tuple[int, int] = (0, 0)

    @property
    def difference_only(self) -> bool:
        """True when every constraint is a difference of days (z3's difference logic suffices)."""
        return not self.nonlinear


class Encoder:
    """Builds the Encoding of one component."""

    def __init__(self, fs: FactSet, policy: Policy, as_of: int) -> None:
        self.fs = fs
        self.policy = policy
        self.as_of = as_of
        self.enc = Encoding(exact=True)
        self.events = {e.id: e for e in fs.events}
        self.docs = {d.id: d for d in fs.documents}
        self._divs: dict[tuple[str, int], T] = {}
        self._extra: list[B] = []
        self._ints: list[str] = []  # SMT-LIB symbols of integer constants
        self._structural: list[B] = []
        self._constraints: dict[str, B] = {}
        self._symbols: dict[str, T] = {}  # variable name -> its term
        self._last_years = (0, 0)  # the range of the latest year variable
        # the latest year-less value: its years, period, quoted document and AP-rule anchor
        self._last_choice: tuple[tuple[int, int], tuple[YMD, YMD], str | None, str] = (
            (0, 0),
            ((0, 0, 0), (0, 0, 0)),
            None,
            "",
        )
        lo = int(days_from_civil(policy.horizon.min_year, 1, 1))
        hi = int(days_from_civil(policy.horizon.max_year + 1, 1, 1)) - 1
        self.enc.horizon = (lo, hi)

    # ------------------------------------------------------------------ variables

    def _int(self, prefix: str) -> T:
        sym = f"{prefix}{len(self._ints)}"
        self._ints.append(sym)
        return T(sym)

    def _var(self, name: str, owner: str, is_doc: bool, point: str, implicit: bool = False) -> T:
        if name not in self._symbols:
            self.enc.vars[name] = Var(name, owner, is_doc, point, implicit)
            t = self._int("v")
            self._symbols[name] = t
            lo, hi = self.enc.horizon
            self._structural += [t >= lo, t <= hi]
            self.enc.edges[""] += [(name, "0", -lo), ("0", name, hi)]
        return self._symbols[name]

    def _event_vars(self, ev: Event, implicit: bool = False) -> tuple[T, T]:
        if ev.extent == "point":
            t = self._var(f"e:{ev.id}", ev.id, False, "at", implicit)
            return t, t
        s = self._var(f"e:{ev.id}.start", ev.id, False, "start", implicit)
        e = self._var(f"e:{ev.id}.end", ev.id, False, "end", implicit)
        return s, e

    def _doc_vars(self, doc_id: str) -> tuple[T, T]:
        p = self._var(f"d:{doc_id}.published", doc_id, True, "published")
        r = self._var(f"d:{doc_id}.retrieved", doc_id, True, "retrieved")
        return p, r

    def ref(self, ref: Ref) -> tuple[T, T, str, str]:
        """(earliest term, latest term, their variable names) of a reference."""
        if ref.doc:
            p, r = self._doc_vars(ref.id)
            if ref.point == Point.RETRIEVED:
                n = f"d:{ref.id}.retrieved"
                return r, r, n, n
            n = f"d:{ref.id}.published"
            return p, p, n, n
        ev = self.events[ref.id]
        lo, hi = self._event_vars(ev)
        if ev.extent == "point":
            n = f"e:{ev.id}"
            return lo, hi, n, n
        if ref.point == Point.START:
            return lo, lo, f"e:{ev.id}.start", f"e:{ev.id}.start"
        if ref.point == Point.END:
            return hi, hi, f"e:{ev.id}.end", f"e:{ev.id}.end"
        return lo, hi, f"e:{ev.id}.start", f"e:{ev.id}.end"

    def _floor_div(self, expr: T, k: int) -> T:
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

    def _days_from_civil(self, y: T, m: int, d: int) -> T:
        """Day number of (y, m, d) for a year term y and constant month and day."""
        return days_from_civil(y, m, d, self._floor_div)  # type: ignore[no-any-return]

    def _weekday_is(self, x: T, wd: int, fid: str, name: str) -> B:
        """X falls on weekday wd (Monday = 0): x + 3 = 7q + wd for some integer q."""
        self.enc.weekdays.append((fid, name, wd))
        q = self._int("w")
        return (x + WEEKDAY_SHIFT).eq(7 * q + wd)

    def _fresh_year(self, tied: bool) -> T:
        """A year variable over the candidate years, written as lo + a sum of 0/1 bits.

        The year is also a plain integer in the civil arithmetic; the bits make the solver
        branch on whole years (a handful of decisions), after which every calendar term is
        a constant.  Measured: leaving the year to the arithmetic alone was 20-1000x slower,
        and a disjunction over every candidate year about 1.4x slower than the bits.
        A year tied to a document's creation time (AP rule) is at most a year past as-of.
        """
        y = self._int("y")
        lo = self.policy.horizon.min_year
        hi = self.policy.horizon.max_year
        if tied:
            hi = min(hi, from_day(self.as_of).year + 1)
        self._last_years = (lo, hi)
        bits = max(1, (hi - lo).bit_length())
        terms = []
        for i in range(bits):
            b = self._int("b")
            self._structural += [b >= 0, b <= 1]
            terms.append(b * (1 << i))
        self._structural += [y.eq(smt.Sum(terms) + lo), y <= hi]
        return y

    # ------------------------------------------------------------------ structure

    def encode(self) -> Encoding:
        """Encode the component: structural constraints, then every fact."""
        for ev in self.fs.events:
            lo, hi = self._event_vars(ev)
            if ev.extent == "interval":
                self._structural.append(lo <= hi)
                self.enc.edges[""].append((f"e:{ev.id}.end", f"e:{ev.id}.start", 0))
        for d in self.fs.documents:
            p, r = self._doc_vars(d.id)
            pn, rn = f"d:{d.id}.published", f"d:{d.id}.retrieved"
            self._structural += [p <= r, r <= self.as_of]
            self.enc.edges[""] += [(rn, pn, 0), ("0", rn, self.as_of)]
            for t, n, bound in ((p, pn, d.published), (r, rn, d.retrieved)):
                if bound.earliest is not None:
                    c = _day(bound.earliest)
                    self._structural.append(t >= c)
                    self.enc.edges[""].append((n, "0", -c))
                if bound.latest is not None:
                    c = _day(bound.latest)
                    self._structural.append(t <= c)
                    self.enc.edges[""].append(("0", n, c))
        self._add_placeholders()
        for fact in self.fs.facts:
            self._track(fact.id, self._fact(fact))
        for ev in self.fs.events:
            if ev.ordinal is not None:
                fid = f"{ev.id}#ordinal"
                self._track(fid, self._ordinal(fid, ev.id, ev.ordinal, ev.series))
        enc = self.enc
        enc.fact_ids = sorted(self._constraints)
        # The encoding keeps the encoder (for parsing on first need), so the encoder lets go
        # of the encoding: a reference cycle would keep every component's fact set alive
        # until a full collection, which check's gc.freeze() puts off indefinitely.
        del self.enc
        enc.finish = self._parse
        return enc

    def _parse(self, enc: Encoding) -> None:
        """Write the component as one SMT-LIB script and bind the z3 constants it names.

        Solvers load the script in a single call (``from_string``): asserting dozens of
        formulas one Python call at a time cost more than solving them.
        """
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
        for info in enc.yearless:
            info.year = z3.Int(info.year.s, ctx)

    def _track(self, fid: str, constraint: B) -> None:
        self._constraints[fid] = constraint

    def _members(self, series: str | None) -> list[str]:
        if series is None:
            return []
        ids = [e.id for e in self.fs.events if e.series == series]
        ids += [p for p, s in self.enc.placeholders.items() if s == series]
        return sorted(ids)

    def _add_placeholders(self) -> None:
        # "the second round" implies a first round; when no event of the series stands for
        # it, an undated placeholder does, so the count constraint is satisfiable and the
        # missing round shows as a gap instead of a false contradiction.
        need: dict[str, int] = defaultdict(int)
        for f in self.fs.facts:
            if isinstance(f, OrdinalFact):
                s = fact_series(f, self.events)
                if s:
                    need[s] = max(need[s], f.n)
        for e in self.fs.events:
            if e.series and e.ordinal:
                need[e.series] = max(need[e.series], e.ordinal)
        for series in sorted(need):
            have = len([e for e in self.fs.events if e.series == series])
            for k in range(1, need[series] - have + 1):
                pid = f"{series}#{k}"
                ev = Event(id=_safe_id(pid), label=f"earlier event {k} of series {series}", series=series)
                self.events[ev.id] = ev
                self.enc.placeholders[ev.id] = series
                self._event_vars(ev, implicit=True)

    # ------------------------------------------------------------------ facts

    def _diff(self, fid: str, u: str, v: str, lo: int | None, hi: int | None) -> None:
        """Record lo <= v - u <= hi as difference edges of fact fid."""
        if hi is not None:
            self.enc.edges[fid].append((u, v, hi))
        if lo is not None:
            self.enc.edges[fid].append((v, u, -lo))

    def _window(self, fid: str, x: T, xn: str, a: T, an: str, lo: int | None, hi: int | None) -> list[B]:
        self._diff(fid, an, xn, lo, hi)
        out = []
        if lo is not None:
            out.append(x - a >= lo)
        if hi is not None:
            out.append(x - a <= hi)
        return out

    def _fact(self, fact: Fact) -> B:
        parts: list[B]
        if isinstance(fact, DateFact):
            parts = self._date(fact)
        elif isinstance(fact, RelativeFact):
            parts = self._relative(fact)
        elif isinstance(fact, OrderFact):
            parts = self._order(fact)
        elif isinstance(fact, DurationFact):
            s_lo, _, sn, _ = self.ref(fact.subject)
            _, u_hi, _, un = self.ref(fact.until)
            d = fact.duration()
            lo, hi = self.policy.duration_window(d.amount, d.unit, fact.mod)
            parts = self._window(fact.id, u_hi, un, s_lo, sn, lo, hi)
        elif isinstance(fact, PageStampFact):
            p, r = self._doc_vars(fact.document_id())
            lo, hi = self.policy.stamp_window(fact.amount, fact.unit)
            parts = self._window(
                fact.id, r, f"d:{fact.document_id()}.retrieved", p, f"d:{fact.document_id()}.published", lo, hi
            )
        elif isinstance(fact, OrdinalFact):
            return self._ordinal(fact.id, fact.subject, fact.n, fact_series(fact, self.events))
        elif isinstance(fact, LastBeforeFact):
            parts = self._last_before(fact)
        elif isinstance(fact, FirstSinceFact):
            parts = self._first_since(fact)
        else:  # pragma: no cover - the Fact union is closed
            raise TypeError(type(fact))
        return smt.And(parts)

    def _value_bounds(
        self, fid: str, cv: CalendarValue, doc: str | None, anchor_term: T, anchor_name: str = ""
    ) -> tuple[T, T, int | None, int | None] | None:
        """[first, last] day terms of a calendar value, with constants when its year is known.

        For a year-less value a fresh year variable stands in; when the fact quotes a
        document, the AP rule ties that year to the document's creation time.
        """
        mp, yp = self.policy.month_parts(), self.policy.year_parts()
        span = _concrete_span(cv, mp, yp)
        if span is not None:
            return smt.IntVal(span[0]), smt.IntVal(span[1]), span[0], span[1]
        per = period_in_year(cv, mp, yp)
        if per is None:
            return None
        self.enc.nonlinear.add(fid)
        y = self._fresh_year(doc is not None)
        self._last_year = y
        (ys, ms, ds), (ye, me, de) = per
        first = self._days_from_civil(y + ys, ms, ds)
        end_excl = self._days_from_civil(y + ye, me, de)
        if cv.day is not None:
            # Feb. 29 exists only in leap years: the day must fall before the next month.
            nxt = self._days_from_civil(y + (1 if cv.month == 12 else 0), (cv.month or 0) % 12 + 1, 1)
            self._extra.append(first < nxt)
        if cv.month is not None and cv.day is None and cv.mod is not None:
            month_end = self._days_from_civil(y + (1 if cv.month == 12 else 0), cv.month % 12 + 1, 1)
            end_excl = smt.If(end_excl < month_end, end_excl, month_end)
        self._last_choice = (self._last_years, per, f"d:{doc}.published" if doc is not None else None, anchor_name)
        if doc is not None:
            p, _ = self._doc_vars(doc)
            n = self.policy.yearless.same_year_or_within_days
            same_year = smt.And([self._days_from_civil(y, 1, 1) <= p, p < self._days_from_civil(y + 1, 1, 1)])
            self._extra.append(smt.Or([same_year, smt.And([anchor_term - p <= n, p - anchor_term <= n])]))
        return first, end_excl - 1, None, None

    def _date(self, fact: DateFact) -> list[B]:
        cv = fact.calendar_value()
        lo, hi, ln, hn = self.ref(fact.subject)
        self._extra = []
        out: list[B] = []
        if not cv.has_period and cv.weekday is not None:
            self.enc.nonlinear.add(fact.id)
            if fact.relation != "on":
                raise ValueError(f"fact {fact.id!r}: a bare weekday can only be 'on'")
            return [self._weekday_is(lo, cv.weekday, fact.id, ln), self._weekday_is(hi, cv.weekday, fact.id, hn)]
        bounds = self._value_bounds(fact.id, cv, fact.doc, lo, ln)
        if bounds is None:
            raise ValueError(f"fact {fact.id!r}: value {fact.value!r} cannot be placed in time")
        first, last, c_first, c_last = bounds
        rel = fact.relation
        if rel not in ("on", "not_before", "not_after", "before", "after"):
            self.enc.exact = False
        if c_first is None:
            self.enc.yearless.append(Yearless(fact.id, self._last_year, cv, rel, ln, hn))
            years, per, doc_var, anchor = self._last_choice
            self.enc.year_choices.append(
                YearChoice(
                    fact=fact.id,
                    years=years,
                    relation=rel,
                    lo_name=ln,
                    hi_name=hn,
                    period=per,
                    month=cv.month,
                    day=cv.day,
                    month_part=cv.month is not None and cv.day is None and cv.mod is not None,
                    doc=doc_var,
                    anchor=anchor,
                    near=self.policy.yearless.same_year_or_within_days,
                )
            )
        if rel in ("on", "not_before"):
            out.append(lo >= first)
            if c_first is not None:
                self._diff(fact.id, "0", ln, c_first, None)
        if rel in ("on", "not_after"):
            out.append(hi <= last)
            if c_last is not None:
                self._diff(fact.id, "0", hn, None, c_last)
        if rel == "before":
            out.append(hi < first)
            if c_first is not None:
                self._diff(fact.id, "0", hn, None, c_first - 1)
        if rel == "after":
            out.append(lo > last)
            if c_last is not None:
                self._diff(fact.id, "0", ln, c_last + 1, None)
        if cv.weekday is not None and cv.week is None:
            self.enc.nonlinear.add(fact.id)
            out += [self._weekday_is(lo, cv.weekday, fact.id, ln)]
        return out + self._extra

    def _relative(self, fact: RelativeFact) -> list[B]:
        x, _, xn, _ = self.ref(fact.subject)
        a, _, an, _ = self.ref(fact.anchor_ref())
        pol = self.policy
        out: list[B] = []
        expr = fact.expression
        lo: int | None
        hi: int | None
        if expr == "weekday":
            wd = parse_value(fact.value or "").weekday
            self.enc.nonlinear.add(fact.id)
            assert wd is not None
            out.append(self._weekday_is(x, wd, fact.id, xn))
            lo, hi = getattr(pol.weekday, fact.tense)
        elif expr == "tense":
            lo, hi = pol.tense[fact.tense]
        elif expr in ("ago", "ahead"):
            back_lo, back_hi = pol.ago_window(fact.amount or 0, fact.unit or "day")
            lo, hi = (-back_hi, -back_lo) if expr == "ago" else (back_lo, back_hi)
        else:
            lo, hi = pol.deictic[expr]
        return out + self._window(fact.id, x, xn, a, an, lo, hi)

    def _order(self, fact: OrderFact) -> list[B]:
        s_lo, s_hi, sln, shn = self.ref(fact.subject)
        a_lo, a_hi, aln, ahn = self.ref(fact.anchor)
        rel = fact.relation
        days = fact.days
        if rel == "same_day":
            lo, hi = (days.min, days.max) if days else (0, 0)
            out = self._window(fact.id, s_lo, sln, a_lo, aln, lo, hi)
            if shn != sln or ahn != aln:
                out += self._window(fact.id, s_hi, shn, a_hi, ahn, lo, hi)
            return out
        default_min = 1 if rel in ("before", "after") else 0
        lo = days.min if days and days.min is not None else default_min
        hi = days.max if days else None
        if rel in ("after", "not_before"):
            return self._window(fact.id, s_lo, sln, a_hi, ahn, lo, hi)
        return self._window(fact.id, a_lo, aln, s_hi, shn, lo, hi)

    def _ordinal(self, fid: str, subject: str, n: int, series: str | None) -> B:
        self.enc.nonlinear.add(fid)
        x, _, xn, _ = self.ref(Ref(id=subject))
        earlier = []
        ends = []
        for m in self._members(series):
            if m == subject:
                continue
            _, m_hi = self._event_vars(self.events[m])
            earlier.append(smt.If(m_hi < x, 1, 0))
            ev = self.events[m]
            ends.append(f"e:{m}" if ev.extent == "point" else f"e:{m}.end")
        # with none or all of the others before it, the count is a conjunction of differences
        if n - 1 == 0:
            self.enc.extra_edges[fid] += [(e, xn, 0) for e in ends]  # x <= end of every other
        elif n - 1 == len(ends):
            self.enc.extra_edges[fid] += [(xn, e, -1) for e in ends]  # end of every other < x
        else:
            self.enc.exact = False
        return smt.Sum(earlier).eq(n - 1)

    def _not_between(
        self,
        fid: str,
        series: str | None,
        after: T,
        before: T,
        skip: set[str],
        after_at: tuple[str, int] | None,
        before_name: str,
    ) -> list[B]:
        """No member of the series lies strictly between ``after`` and ``before``.

        ``after_at`` is ``(name, c)`` when ``after`` is that variable plus ``c`` (the variable
        "0" for a constant day), None otherwise.  With it, each member's
        "at or before ``after``, or at or after ``before``" is also kept as two alternative
        difference edges, so that the component stays solvable without z3.
        """
        out = []
        for m in self._members(series):
            if m in skip:
                continue
            ev = self.events[m]
            m_lo, m_hi = self._event_vars(ev)
            out.append(smt.Not(smt.And([after < m_lo, m_hi < before])))
            if after_at is None:
                self.enc.exact = False
                continue
            lo_name, hi_name = (f"e:{m}", f"e:{m}") if ev.extent == "point" else (f"e:{m}.start", f"e:{m}.end")
            at_name, c = after_at
            # m_lo - after_var <= c, or before - m_hi <= 0
            self.enc.edge_choices.append((fid, [[(at_name, lo_name, c)], [(hi_name, before_name, 0)]]))
        return out

    def _last_before(self, fact: LastBeforeFact) -> list[B]:
        self.enc.nonlinear.add(fact.id)
        _, d_hi, _, dn = self.ref(Ref(id=fact.subject))
        x_lo, _, xn, _ = self.ref(Ref(id=fact.anchor))
        series = fact_series(fact, self.events)
        self._diff(fact.id, dn, xn, 1, None)
        between = self._not_between(fact.id, series, d_hi, x_lo, {fact.subject, fact.anchor}, (dn, 0), xn)
        return [d_hi < x_lo, *between]

    def _first_since(self, fact: FirstSinceFact) -> list[B]:
        self.enc.nonlinear.add(fact.id)
        x_lo, _, xn, _ = self.ref(Ref(id=fact.subject))
        self._extra = []
        after_at: tuple[str, int] | None = None
        if fact.since is not None:
            _, t, _, tn = self.ref(fact.since)
            self._diff(fact.id, tn, xn, 1, None)
            after_at = (tn, 0)
        else:
            bounds = self._value_bounds(fact.id, parse_value(fact.since_value or ""), fact.doc, x_lo)
            if bounds is None:
                raise ValueError(f"fact {fact.id!r}: since_value cannot be placed in time")
            t = bounds[1]
            if bounds[3] is not None:
                self._diff(fact.id, "0", xn, bounds[3] + 1, None)
                after_at = ("0", bounds[3])  # t is that constant day
            else:
                self.enc.exact = False
        series = fact_series(fact, self.events)
        between = self._not_between(fact.id, series, t, x_lo, {fact.subject}, after_at, xn)
        if self._extra:
            self.enc.exact = False
        return [x_lo > t, *between, *self._extra]


def _day(d: Any) -> int:
    return to_day(d)


def _safe_id(s: str) -> str:
    return "".join(c if c.isalnum() or c in "_.:-#" else "-" for c in s)


def encode(fs: FactSet, policy: Policy, as_of: int) -> Encoding:
    """Encode one component; call ``.parsed()`` before using its z3 terms."""
    return Encoder(fs, policy, as_of).encode()
