"""SMT-LIB terms built as text, parsed by z3 in one call per component.

Building z3 expressions through the Python API costs tens of microseconds per node; a
component's constraints written as SMT-LIB text and parsed once cost a fraction of that.
``T`` (integer terms) and ``B`` (Boolean terms) overload the same operators as z3's
Python API, so the encoder reads like ordinary z3 code.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Union

IntLike = Union["T", int]


def _lit(v: IntLike) -> str:
    if isinstance(v, T):
        return v.s
    return str(v) if v >= 0 else f"(- {-v})"


class T:
    """An integer term."""

    __slots__ = ("s",)

    def __init__(self, s: str) -> None:
        self.s = s

    def __add__(self, o: IntLike) -> T:
        if isinstance(o, int) and o == 0:
            return self
        return T(f"(+ {self.s} {_lit(o)})")

    def __radd__(self, o: int) -> T:
        return self.__add__(o)

    def __sub__(self, o: IntLike) -> T:
        if isinstance(o, int) and o == 0:
            return self
        return T(f"(- {self.s} {_lit(o)})")

    def __rsub__(self, o: int) -> T:
        return T(f"(- {_lit(o)} {self.s})")

    def __mul__(self, o: int) -> T:
        return T(f"(* {_lit(o)} {self.s})")

    def __rmul__(self, o: int) -> T:
        return self.__mul__(o)

    def __le__(self, o: IntLike) -> B:
        return B(f"(<= {self.s} {_lit(o)})")

    def __lt__(self, o: IntLike) -> B:
        return B(f"(< {self.s} {_lit(o)})")

    def __ge__(self, o: IntLike) -> B:
        return B(f"(>= {self.s} {_lit(o)})")

    def __gt__(self, o: IntLike) -> B:
        return B(f"(> {self.s} {_lit(o)})")

    def eq(self, o: IntLike) -> B:
        """Equality (``==`` stays Python identity so terms can live in sets)."""
        return B(f"(= {self.s} {_lit(o)})")

    def __repr__(self) -> str:
        return self.s


class B:
    """A Boolean term."""

    __slots__ = ("s",)

    def __init__(self, s: str) -> None:
        self.s = s

    def __repr__(self) -> str:
        return self.s


TRUE = B("true")
FALSE = B("false")


def IntVal(v: int) -> T:
    """An integer constant."""
    return T(_lit(v))


def And(parts: Iterable[B]) -> B:
    """Conjunction."""
    ps = [p.s for p in parts]
    if not ps:
        return TRUE
    return B(ps[0]) if len(ps) == 1 else B(f"(and {' '.join(ps)})")


def Or(parts: Iterable[B]) -> B:
    """Disjunction."""
    ps = [p.s for p in parts]
    if not ps:
        return FALSE
    return B(ps[0]) if len(ps) == 1 else B(f"(or {' '.join(ps)})")


def Not(b: B) -> B:
    """Negation."""
    return B(f"(not {b.s})")


def If(c: B, a: IntLike, b: IntLike) -> T:
    """If-then-else on integers."""
    return T(f"(ite {c.s} {_lit(a)} {_lit(b)})")


def Sum(terms: Iterable[IntLike]) -> T:
    """Sum of integer terms."""
    ts = [_lit(t) for t in terms]
    if not ts:
        return T("0")
    return T(ts[0]) if len(ts) == 1 else T(f"(+ {' '.join(ts)})")
