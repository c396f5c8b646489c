"""Facts to the constraint IR: the one place that knows what each kind of fact means in days.

Each time point is a day variable (days since 1970-01-01): an event's day (or its start
and end), a document's creation and retrieval times.  Each fact becomes a list of the IR's
constraints (``engine.ir``); the policy's fuzzy windows and the AP rule for year-less dates
are read here and nowhere else.  A series whose ordinals imply earlier members than the
fact set names gets an undated placeholder event for each missing one.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from factcheck.calendar import CalendarValue, days_from_civil, from_day, parse_value, period_in_year, to_day
from factcheck.calendar import concrete_span as _concrete_span
from factcheck.engine.ir import (
    RELATIONS,
    Compare,
    Constraint,
    CountBefore,
    Encoding,
    NotBetween,
    Point,
    Var,
    Weekday,
    Window,
    YearChoice,
    YearlessLast,
    YearlessValue,
    build_views,
    relation_bounds,
)
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
    Ref,
    RelativeFact,
)
from factcheck.model import (
    Point as RefPoint,
)
from factcheck.policy import Policy


def year_document(fact: Fact) -> str | None:
    """The document whose creation time gives the fact's year-less value its year (the AP rule), if any.

    The translation reads that document's creation time (``Translator._value``), so the
    component split (``components.fact_nodes``) keeps the document with the fact: both ask
    here.  A bare weekday counts too, though it reads none: a component larger than needed
    is safe, one without a document its facts read is not.
    """
    if isinstance(fact, DateFact):
        value = fact.calendar_value()
    elif isinstance(fact, FirstSinceFact) and fact.since_value is not None:
        value = parse_value(fact.since_value)
    else:
        return None
    return fact.doc if value.year is None else None


def _safe_id(s: str) -> str:
    return "".join(c if c.isalnum() or c in "_.:-#" else "-" for c in s)


class Translator:
    """Builds the IR of one component."""

    def __init__(self, fs: FactSet, policy: Policy, as_of: int) -> None:
        self.fs = fs
        self.policy = policy
        self.as_of = as_of
        self.enc = Encoding()
        self.events = {e.id: e for e in fs.events}
        self._facts_begun = False
        lo = days_from_civil(policy.horizon.min_year, 1, 1)
        hi = days_from_civil(policy.horizon.max_year + 1, 1, 1) - 1
        self.enc.horizon = (lo, hi)

    # ------------------------------------------------------------------ variables

    def _var(self, name: str, owner: str, is_doc: bool, point: str, implicit: bool = False) -> str:
        if name not in self.enc.vars:
            self.enc.vars[name] = Var(name, owner, is_doc, point, implicit)
            if self._facts_begun:
                self.enc.late.add(name)
            lo, hi = self.enc.horizon
            self.enc.frame += [Compare(name, ">=", lo), Compare(name, "<=", hi)]
        return name

    def _event_vars(self, ev: Event, implicit: bool = False) -> tuple[str, str]:
        if ev.extent == "point":
            t = self._var(f"e:{ev.id}", ev.id, False, "at", implicit)
            return t, t
        s = self._var(f"e:{ev.id}.start", ev.id, False, "start", implicit)
        return s, self._var(f"e:{ev.id}.end", ev.id, False, "end", implicit)

    def _doc_vars(self, doc_id: str) -> tuple[str, str]:
        p = self._var(f"d:{doc_id}.published", doc_id, True, "published")
        return p, self._var(f"d:{doc_id}.retrieved", doc_id, True, "retrieved")

    def ref(self, ref: Ref) -> tuple[str, str]:
        """The variables of a reference's earliest and latest point."""
        if ref.doc:
            p, r = self._doc_vars(ref.id)
            return (r, r) if ref.point == RefPoint.RETRIEVED else (p, p)
        lo, hi = self._event_vars(self.events[ref.id])
        if lo == hi:
            return lo, hi
        if ref.point == RefPoint.START:
            return lo, lo
        if ref.point == RefPoint.END:
            return hi, hi
        return lo, hi

    # ------------------------------------------------------------------ structure

    def translate(self) -> Encoding:
        """The component's frame, then every fact's constraints, then the views the paths read."""
        for ev in self.fs.events:
            lo, hi = self._event_vars(ev)
            if ev.extent == "interval":
                self.enc.frame.append(Compare(lo, "<=", hi))
        for d in self.fs.documents:
            p, r = self._doc_vars(d.id)
            self.enc.frame += [Compare(p, "<=", r), Compare(r, "<=", self.as_of)]
            for n, bound in ((p, d.published), (r, d.retrieved)):
                if bound.earliest is not None:
                    self.enc.frame.append(Compare(n, ">=", to_day(bound.earliest)))
                if bound.latest is not None:
                    self.enc.frame.append(Compare(n, "<=", to_day(bound.latest)))
        self._add_placeholders()
        self._facts_begun = True
        for fact in self.fs.facts:
            self.enc.claims[fact.id] = self._fact(fact)
        for ev in self.fs.events:
            if ev.ordinal is not None:
                fid = f"{ev.id}#ordinal"
                self.enc.claims[fid] = [self._ordinal(ev.id, ev.ordinal, ev.series)]
        build_views(self.enc)
        return self.enc

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

    def _fact(self, fact: Fact) -> list[Constraint]:
        if isinstance(fact, DateFact):
            return self._date(fact)
        if isinstance(fact, RelativeFact):
            return self._relative(fact)
        if isinstance(fact, OrderFact):
            return self._order(fact)
        if isinstance(fact, DurationFact):
            s_lo, _ = self.ref(fact.subject)
            _, u_hi = self.ref(fact.until)
            d = fact.duration()
            return [Window(u_hi, s_lo, *self.policy.duration_window(d.amount, d.unit, fact.mod))]
        if isinstance(fact, PageStampFact):
            p, r = self._doc_vars(fact.document_id())
            return [Window(r, p, *self.policy.stamp_window(fact.amount, fact.unit))]
        if isinstance(fact, OrdinalFact):
            return [self._ordinal(fact.subject, fact.n, fact_series(fact, self.events))]
        if isinstance(fact, LastBeforeFact):
            return self._last_before(fact)
        if isinstance(fact, FirstSinceFact):
            return self._first_since(fact)
        raise TypeError(type(fact))  # pragma: no cover - the Fact union is closed

    def _value(self, cv: CalendarValue, doc: str | None, anchor: str) -> tuple[int, int] | YearlessValue | None:
        """A calendar value's [first, last] days when its year is known, else its year-less value.

        For a year-less value the year is a choice among the horizon's years; when the fact
        quotes a document, the AP rule ties it to the document's creation time (whose year
        is at most a year past as-of).  None: the value cannot be placed in time.
        """
        mp, yp = self.policy.month_parts(), self.policy.year_parts()
        span = _concrete_span(cv, mp, yp)
        if span is not None:
            return span
        per = period_in_year(cv, mp, yp)
        if per is None:
            return None
        lo, hi = self.policy.horizon.min_year, self.policy.horizon.max_year
        doc_var = None
        if doc is not None:
            hi = min(hi, from_day(self.as_of).year + 1)
            doc_var, _ = self._doc_vars(doc)
        month_part = cv.month is not None and cv.day is None and cv.mod is not None
        near = self.policy.yearless.same_year_or_within_days
        return YearlessValue((lo, hi), per, cv.month, cv.day, month_part, doc_var, anchor, near)

    def _range(self, fact: DateFact, first: tuple[int, int] | YearlessValue) -> tuple[int, int] | YearlessValue:
        """A range of dates from the fact's value to its ``until``: one span, or one year-less period with one year.

        A year-less range whose last end falls earlier in the year than its first ("Dec. 28 to
        Jan. 3") runs into the next year.
        """
        assert fact.until is not None
        anchor = first.anchor if isinstance(first, YearlessValue) else ""
        last = self._value(parse_value(fact.until), year_document(fact), anchor)
        if isinstance(first, YearlessValue) and isinstance(last, YearlessValue):
            start, (ye, me, de) = first.period[0], last.period[1]
            if (ye, me, de) <= start:
                ye += 1
            return dataclasses.replace(first, period=(start, (ye, me, de)), month_part=False)
        if isinstance(first, tuple) and isinstance(last, tuple) and first[0] <= last[1]:
            return first[0], last[1]
        raise ValueError(f"fact {fact.id!r}: the range {fact.value!r} to {fact.until!r} cannot be placed in time")

    def _date(self, fact: DateFact) -> list[Constraint]:
        cv = fact.calendar_value()
        lo, hi = self.ref(fact.subject)
        if not cv.has_period and cv.weekday is not None:
            if fact.relation != "on":
                raise ValueError(f"fact {fact.id!r}: a bare weekday can only be 'on'")
            return [Weekday(lo, cv.weekday), Weekday(hi, cv.weekday)]
        value = self._value(cv, year_document(fact), lo)
        if value is None:
            raise ValueError(f"fact {fact.id!r}: value {fact.value!r} cannot be placed in time")
        if fact.until is not None:
            value = self._range(fact, value)
        out: list[Constraint]
        if isinstance(value, YearlessValue):
            out = [YearChoice(fact.id, fact.relation, lo, hi, value)]
        else:
            lo_p: Point = lo
            hi_p: Point = hi
            out = [Compare(a, op, b) for a, op, b in relation_bounds(fact.relation, lo_p, hi_p, *value)]
            assert fact.relation in RELATIONS
        if cv.weekday is not None and cv.week is None:
            out.append(Weekday(lo, cv.weekday))
        return out

    def _relative(self, fact: RelativeFact) -> list[Constraint]:
        x, _ = self.ref(fact.subject)
        a, _ = self.ref(fact.anchor_ref())
        pol = self.policy
        out: list[Constraint] = []
        expr = fact.expression
        lo: int | None
        hi: int | None
        if expr == "weekday":
            wd = parse_value(fact.value or "").weekday
            assert wd is not None
            out.append(Weekday(x, wd))
            lo, hi = getattr(pol.weekday, fact.tense)
        elif expr == "tense":
            lo, hi = pol.tense[fact.tense]
        elif expr in ("ago", "ahead"):
            back_lo, back_hi = pol.ago_window(fact.amount or 0, fact.unit or "day")
            lo, hi = (-back_hi, -back_lo) if expr == "ago" else (back_lo, back_hi)
        else:
            lo, hi = pol.deictic[expr]
        return [*out, Window(x, a, lo, hi)]

    def _order(self, fact: OrderFact) -> list[Constraint]:
        s_lo, s_hi = self.ref(fact.subject)
        a_lo, a_hi = self.ref(fact.anchor)
        rel = fact.relation
        days = fact.days
        if rel == "same_day":
            lo, hi = (days.min, days.max) if days else (0, 0)
            out: list[Constraint] = [Window(s_lo, a_lo, lo, hi)]
            if s_hi != s_lo or a_hi != a_lo:
                out.append(Window(s_hi, a_hi, lo, hi))
            return out
        default_min = 1 if rel in ("before", "after") else 0
        lo = days.min if days and days.min is not None else default_min
        hi = days.max if days else None
        if rel in ("after", "not_before"):
            return [Window(s_lo, a_hi, lo, hi)]
        return [Window(a_lo, s_hi, lo, hi)]

    def _ordinal(self, subject: str, n: int, series: str | None) -> CountBefore:
        x, _ = self.ref(Ref(id=subject))
        ends = tuple(self._event_vars(self.events[m])[1] for m in self._members(series) if m != subject)
        return CountBefore(x, ends, n)

    def _not_between(self, series: str | None, after: Point, before: str, skip: set[str]) -> NotBetween:
        members = tuple(self._event_vars(self.events[m]) for m in self._members(series) if m not in skip)
        return NotBetween(after, before, members)

    def _last_before(self, fact: LastBeforeFact) -> list[Constraint]:
        _, d_hi = self.ref(Ref(id=fact.subject))
        x_lo, _ = self.ref(Ref(id=fact.anchor))
        series = fact_series(fact, self.events)
        return [Compare(d_hi, "<", x_lo), self._not_between(series, d_hi, x_lo, {fact.subject, fact.anchor})]

    def _first_since(self, fact: FirstSinceFact) -> list[Constraint]:
        x_lo, _ = self.ref(Ref(id=fact.subject))
        since: Point
        if fact.since is not None:
            since = self.ref(fact.since)[1]
        else:
            value = self._value(parse_value(fact.since_value or ""), year_document(fact), x_lo)
            if value is None:
                raise ValueError(f"fact {fact.id!r}: since_value cannot be placed in time")
            since = YearlessLast(value) if isinstance(value, YearlessValue) else value[1]
        series = fact_series(fact, self.events)
        return [Compare(x_lo, ">", since), self._not_between(series, since, x_lo, {fact.subject})]


def translate(fs: FactSet, policy: Policy, as_of: int) -> Encoding:
    """The IR of one component (no z3 terms yet: ``engine.encode`` adds them on first need)."""
    return Translator(fs, policy, as_of).translate()
