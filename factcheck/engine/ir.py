"""The constraint IR: what a component's facts say, written once, read by every decision path.

A fact becomes a short list of constraints over day variables (days since 1970-01-01):

- ``Compare``: a point is before, after or on another; a point is a variable, a constant day
  or the last day of a year-less value.  Between variables and constants it is one
  difference edge (``v - u <= c``).
- ``Window``: ``lo <= x - a <= hi``, two difference edges.
- ``Weekday``: a variable falls on a given day of the week.
- ``YearChoice``: a year-less date ("Feb. 27") related to a subject; its year is a choice
  among finitely many, each choice a set of difference edges.
- ``CountBefore``: exactly ``n - 1`` of a series' other members end before the subject.
- ``NotBetween``: no member of a series lies strictly between two points.

The difference graph (Bellman-Ford), the exact year search (``engine.exact``) and z3
(``engine.lower``, which writes the same constraints as SMT-LIB) all read these lists, so a
new fact kind is written here once, as constraints of these kinds (or a new kind, taught to
each path), in ``engine.translate``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from factcheck.calendar import YMD, days_from_civil

Edge = tuple[str, str, int]
"""A difference edge (u, v, c): v - u <= c, the node "0" standing for day 0."""

P = TypeVar("P")

RELATIONS = ("on", "not_before", "not_after", "before", "after")


def relation_bounds(relation: str, lo: P, hi: P, first: P, last: P) -> list[tuple[P, str, P]]:
    """A date relation of a subject [lo, hi] to a span [first, last], as comparisons (the one mapping).

    "on" pins both bounds inside the span, "before" puts the subject's end before its first
    day, "after" its start past its last.  The points may be names, days or solver terms.
    """
    out: list[tuple[P, str, P]] = []
    if relation in ("on", "not_before"):
        out.append((lo, ">=", first))
    if relation in ("on", "not_after"):
        out.append((hi, "<=", last))
    if relation == "before":
        out.append((hi, "<", first))
    if relation == "after":
        out.append((lo, ">", last))
    return out


@dataclass(frozen=True)
class Var:
    """A day variable: what it stands for and its name."""

    name: str  # "e:ID", "e:ID.start", "d:ID.published", ...
    owner: str  # event or document id
    is_doc: bool
    point: str  # "at", "start", "end", "published", "retrieved"
    implicit: bool = False


@dataclass(frozen=True, eq=False)
class YearlessValue:
    """A calendar value without its year: its period within the year, the year's range, the AP rule.

    Compared by identity: two facts naming the same "Feb. 27" each choose a year of their own.
    Under the AP rule (``doc`` set, the quoted document's creation-time variable) the year is
    the document's, or the date lies within ``near`` days of it (measured from ``anchor``).
    """

    years: tuple[int, int]  # the candidate years, inclusive
    period: tuple[YMD, YMD]  # [start, end) relative to the year (calendar.period_in_year)
    month: int | None
    day: int | None
    month_part: bool  # a part of a month: never past the month's last day
    doc: str | None
    anchor: str
    near: int

    def span(self, y: int) -> tuple[int, int] | None:
        """[first, last] day of the value in year y, None when the date does not exist then."""
        (ys, ms, ds), (ye, me, de) = self.period
        first = days_from_civil(y + ys, ms, ds)
        end_excl = days_from_civil(y + ye, me, de)
        if self.day is not None:
            # Feb. 29 exists only in leap years: the day must fall before the next month
            if first >= days_from_civil(y + (1 if self.month == 12 else 0), (self.month or 0) % 12 + 1, 1):
                return None
        if self.month_part:
            assert self.month is not None
            end_excl = min(end_excl, days_from_civil(y + (1 if self.month == 12 else 0), self.month % 12 + 1, 1))
        return first, end_excl - 1


@dataclass(frozen=True)
class YearlessLast:
    """The last day of a year-less value (a point no difference edge can name)."""

    value: YearlessValue


Point = str | int | YearlessLast
"""A variable's name, a constant day, or the last day of a year-less value."""


def _node(p: Point) -> tuple[str, int] | None:
    if isinstance(p, str):
        return p, 0
    if isinstance(p, int):
        return "0", p
    return None


@dataclass(frozen=True)
class Compare:
    """``left op right`` with op one of ``<=``, ``<``, ``>=``, ``>``."""

    left: Point
    op: str
    right: Point

    def edges(self) -> list[Edge]:
        """The comparison as one difference edge; none when a point is a year-less value's."""
        a, b = _node(self.left), _node(self.right)
        if a is None or b is None:
            return []
        x, y = (a, b) if self.op in ("<=", "<") else (b, a)  # x <= y + k
        k = -1 if self.op in ("<", ">") else 0
        return [(y[0], x[0], k + y[1] - x[1])]


@dataclass(frozen=True)
class Window:
    """``lo <= x - a <= hi`` (either side may be open)."""

    x: str
    a: str
    lo: int | None
    hi: int | None

    def edges(self) -> list[Edge]:
        """The window as difference edges: the upper side first."""
        out = [(self.a, self.x, self.hi)] if self.hi is not None else []
        return out + ([(self.x, self.a, -self.lo)] if self.lo is not None else [])


@dataclass(frozen=True)
class Weekday:
    """The variable falls on weekday ``wd`` (Monday = 0)."""

    var: str
    wd: int


@dataclass(frozen=True)
class YearChoice:
    """A year-less date related to a subject [lo_name, hi_name]: for each candidate year, difference edges.

    For a year ``y`` in ``years`` the fact holds exactly when its relation's bounds for that
    year hold and, if it quotes a document (the AP rule), either the document's creation
    time lies in ``y`` or the date is within ``near`` days of it.
    """

    fact: str
    relation: str
    lo_name: str
    hi_name: str
    value: YearlessValue

    @property
    def years(self) -> tuple[int, int]:
        """The candidate years, inclusive."""
        return self.value.years

    @property
    def doc(self) -> str | None:
        """The quoted document's creation-time variable (AP rule), if any."""
        return self.value.doc

    @property
    def anchor(self) -> str:
        """The variable the AP rule keeps near the document."""
        return self.value.anchor

    @property
    def near(self) -> int:
        """The AP rule's window in days."""
        return self.value.near

    def span(self, y: int) -> tuple[int, int] | None:
        """[first, last] day of the value in year y, None when the date does not exist then."""
        return self.value.span(y)

    def bounds(self, y: int) -> list[Edge] | None:
        """The relation's bounds in year y as difference edges, None when the date does not exist."""
        span = self.span(y)
        if span is None:
            return None
        lo: Point = self.lo_name
        hi: Point = self.hi_name
        cmp = relation_bounds(self.relation, lo, hi, *span)
        return [e for left, op, right in cmp for e in Compare(left, op, right).edges()]

    def same_year(self, y: int) -> list[Edge]:
        """The document's creation time lies in year y."""
        assert self.doc is not None
        return [(self.doc, "0", -days_from_civil(y, 1, 1)), ("0", self.doc, days_from_civil(y + 1, 1, 1) - 1)]

    def nearby(self) -> list[Edge]:
        """The date lies within ``near`` days of the document's creation time."""
        assert self.doc is not None
        return [(self.doc, self.anchor, self.near), (self.anchor, self.doc, self.near)]


@dataclass(frozen=True)
class CountBefore:
    """Exactly ``n - 1`` of ``others`` (the other members' end variables) end before ``subject``."""

    subject: str
    others: tuple[str, ...]
    n: int

    def edges(self) -> list[Edge] | None:
        """With none or all of the others before it, the count as difference edges; else None."""
        if self.n - 1 == 0:
            return [(e, self.subject, 0) for e in self.others]  # subject <= end of every other
        if self.n - 1 == len(self.others):
            return [(self.subject, e, -1) for e in self.others]  # end of every other < subject
        return None


@dataclass(frozen=True)
class NotBetween:
    """No member (start, end variables) lies strictly between ``after`` and ``before``.

    Each member is at or before ``after``, or at or after ``before``: two alternative
    difference edges when ``after`` is a variable or a day.
    """

    after: Point
    before: str
    members: tuple[tuple[str, str], ...]

    def alternatives(self) -> list[list[list[Edge]]] | None:
        """Each member's two alternatives as difference edges; None when ``after`` is a year-less value's."""
        at = _node(self.after)
        if at is None:
            return None
        name, c = at
        return [[[(name, lo, c)], [(hi, self.before, 0)]] for lo, hi in self.members]


Constraint = Compare | Window | Weekday | YearChoice | CountBefore | NotBetween
"""One constraint of the IR."""


@dataclass
class Encoding:
    """A component in the IR: day variables, the frame's and each fact's constraints, and their views.

    ``frame`` holds what holds whatever the facts (the horizon, an interval's start before
    its end, documents' known times); ``claims`` each fact's constraints, in order.  The
    views (difference edges, weekdays, year choices, edge choices) are what the z3-free
    paths read; ``ctx``, ``terms``, ``trackers`` and ``script`` are z3's, built from the same
    constraints on first need (``parsed``).
    """

    ctx: Any = None  # the component's z3 context, made when the SMT-LIB text is parsed
    vars: dict[str, Var] = field(default_factory=dict)
    frame: list[Constraint] = field(default_factory=list)
    # variables a fact names that the frame does not (a document outside the component):
    # their horizon bounds are in the frame, but z3 declares them where a fact first names them
    late: set[str] = field(default_factory=set)
    claims: dict[str, list[Constraint]] = field(default_factory=dict)
    terms: dict[str, Any] = field(default_factory=dict)
    structural: list[Any] = field(default_factory=list)
    constraints: dict[str, Any] = field(default_factory=dict)
    trackers: dict[str, Any] = field(default_factory=dict)
    years: dict[str, Any] = field(default_factory=dict)  # date fact id -> its year's z3 constant
    # difference edges (u, v, c) meaning v - u <= c, by fact id ("" for the frame);
    # the node "0" is day 0.
    edges: dict[str, list[Edge]] = field(default_factory=lambda: defaultdict(list))
    # facts whose constraint is not a pure conjunction of difference edges
    nonlinear: set[str] = field(default_factory=set)
    placeholders: dict[str, str] = field(default_factory=dict)  # placeholder event id -> series
    weekdays: list[tuple[str, str, int]] = field(default_factory=list)  # (fact, variable, weekday)
    fact_ids: list[str] = field(default_factory=list)
    # exact: every constraint is a difference edge (``edges`` plus ``extra_edges``), a weekday
    # (``weekdays``), a year-less date (``year_choices``) or a choice of difference edges
    # (``edge_choices``), so the component can be solved without z3 (see
    # factcheck.engine.exact); False when some constraint is anything else
    exact: bool = False
    extra_edges: dict[str, list[Edge]] = field(default_factory=lambda: defaultdict(list))  # by fact id
    year_choices: list[YearChoice] = field(default_factory=list)
    # (fact id, alternatives): one of the alternatives' difference edges holds
    edge_choices: list[tuple[str, list[list[Edge]]]] = field(default_factory=list)
    script: str = ""  # the whole component as SMT-LIB: declarations, structure, guarded facts
    finish: Callable[[Encoding], None] | None = None  # writes and parses the SMT-LIB text on first need
    horizon: tuple[int, int] = (0, 0)

    def parsed(self) -> Encoding:
        """The encoding with its z3 terms built (parsing once, on first call)."""
        if self.finish is not None:
            finish, self.finish = self.finish, None
            finish(self)
        return self

    @property
    def difference_only(self) -> bool:
        """True when every constraint is a difference of days (z3's difference logic suffices)."""
        return not self.nonlinear


def _viewed(enc: Encoding, fid: str, c: Constraint) -> bool:
    """Add one constraint to the views; False when no z3-free path can solve it exactly."""
    if isinstance(c, Compare | Window):
        es = c.edges()
        if es:
            enc.edges[fid] += es
        elif isinstance(c, Compare):
            enc.nonlinear.add(fid)  # a year-less value's last day: no difference edge names it
            return False
        return True
    enc.nonlinear.add(fid)
    if isinstance(c, Weekday):
        enc.weekdays.append((fid, c.var, c.wd))
        return True
    if isinstance(c, YearChoice):
        enc.year_choices.append(c)
        return c.relation in RELATIONS
    if isinstance(c, CountBefore):
        count = c.edges()
        if count is not None:
            enc.extra_edges[fid] += count
        return count is not None
    alts = c.alternatives()
    enc.edge_choices += [(fid, a) for a in alts or []]
    return alts is not None or not c.members


def build_views(enc: Encoding) -> None:
    """Fill the views the z3-free paths read from the frame's and the claims' constraints."""
    for c in enc.frame:
        if isinstance(c, Compare | Window) and c.edges():
            enc.edges[""] += c.edges()
    enc.exact = True
    for fid, cs in enc.claims.items():
        for c in cs:
            if not _viewed(enc, fid, c):
                enc.exact = False
    enc.fact_ids = sorted(enc.claims)
