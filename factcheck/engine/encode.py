"""Facts to an encoded component: the constraint IR, with z3's terms written from it on first need.

``engine.translate`` reads the facts once into the IR (``engine.ir``); the difference graph
and the exact search read its views directly, and z3's SMT-LIB script (``engine.lower``)
is written from the same constraints when a path first asks for it (``Encoding.parsed``).
"""

from __future__ import annotations

from factcheck.engine.ir import Edge, Encoding, Var, YearChoice, relation_bounds
from factcheck.engine.lower import lower
from factcheck.engine.translate import translate
from factcheck.model import FactSet
from factcheck.policy import Policy

__all__ = ["Edge", "Encoding", "Var", "YearChoice", "encode", "relation_bounds"]


def encode(fs: FactSet, policy: Policy, as_of: int) -> Encoding:
    """Encode one component; call ``.parsed()`` before using its z3 terms."""
    enc = translate(fs, policy, as_of)
    enc.finish = lower
    return enc
