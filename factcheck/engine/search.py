"""The exact path's search over choices of alternatives (years, AP-rule branches, "no round between").

Depth first, each step from the bounds of the choices made before it (``graph.Graph``):
the union of the cases' bounds is the exact range, and the first feasible case answers
feasibility.
"""

from __future__ import annotations

from factcheck.engine.graph import INF, GiveUp, Graph, IEdge, Meter

MAX_CASES = 4096
"""Most combinations of alternatives solved for one component."""


MAX_DEPTH = 200
"""Most choices with more than one alternative left that the search branches on, for one subset of facts."""


def search(
    n: int, base: list[IEdge], weekdays: dict[int, int], per: list[list[list[IEdge]]], ranges: bool, meter: Meter
) -> tuple[list[int], list[int]] | None:
    """Exact bounds over every choice of alternatives (their union), or the first feasible case's."""
    if sum(len(alts) > 1 for alts in per) > MAX_DEPTH:
        raise GiveUp  # the search would branch deeper than the recursion should go
    graph = Graph(n, base, meter)
    up, down = [INF] * n, [INF] * n
    up[0] = down[0] = 0
    if not (graph.relax(up, [0], True) and graph.relax(down, [0], False)):
        return None
    if INF in up or INF in down:
        raise GiveUp  # a variable without horizon bounds: not an encoding this module knows
    root = graph.fixpoint(up, down, [], weekdays)
    if root is None:
        return None
    search = _Search(graph, weekdays, ranges)
    search.visit(per, *root)
    return search.best


class _Search:
    """Depth first over the choices of alternatives, each step from the bounds of the choices made before it.

    At each step, under the bounds so far: an alternative they rule out is dropped, a choice
    one of whose alternatives they already imply is met whatever is chosen (it is dropped),
    and a choice left with one alternative is taken without branching.  None of this changes
    the solutions, so the union of the cases' bounds is the same as over every combination.
    With ``ranges``, a step whose bounds lie within the union found so far is not explored
    further (no case below it can widen the union); without, the first feasible case ends it.
    (A class, so that the recursion leaves no reference cycle.)
    """

    def __init__(self, graph: Graph, weekdays: dict[int, int], ranges: bool) -> None:
        self.graph = graph
        self.weekdays = weekdays
        self.ranges = ranges
        self.best: tuple[list[int], list[int]] | None = None
        self.tried = 0

    def _within(self, up: list[int], down: list[int]) -> bool:
        assert self.best is not None
        lo, hi = self.best
        return all(-down[v] >= lo[v] and up[v] <= hi[v] for v in range(len(up)))

    def _add(self, edges: list[IEdge], up: list[int], down: list[int]) -> tuple[list[int], list[int]] | None:
        for e in edges:
            self.graph.add(e)
        return self.graph.fixpoint(up, down, [u for u, _, _ in edges] + [v for _, v, _ in edges], self.weekdays)

    def _remove(self, edges: list[IEdge]) -> None:
        for e in reversed(edges):
            self.graph.remove(e)

    def visit(self, pending: list[list[list[IEdge]]], up: list[int], down: list[int]) -> bool:
        """Explore the cases of the pending choices under these bounds; True to stop (feasibility found)."""
        added: list[IEdge] = []
        try:
            while True:
                rest: list[list[list[IEdge]]] = []
                units: list[IEdge] = []
                for alts in pending:
                    if any(all(up[v] + down[u] <= c for u, v, c in alt) for alt in alts):
                        continue  # every point within the bounds meets this alternative
                    keep = [alt for alt in alts if all(-down[v] - up[u] <= c for u, v, c in alt)]
                    if not keep:
                        return False
                    if len(keep) == 1:
                        units += keep[0]
                    else:
                        rest.append(keep)
                pending = rest
                if not units:
                    break
                r = self._add(units, up, down)
                added += units
                if r is None:
                    return False
                up, down = r
            if self.best is not None and self.ranges and self._within(up, down):
                return False
            if not pending:
                self.tried += 1
                lo = [-d for d in down]
                if self.best is None:
                    self.best = (lo, up)
                else:
                    b_lo, b_hi = self.best
                    self.best = ([min(a, b) for a, b in zip(b_lo, lo, strict=True)],
                                 [max(a, b) for a, b in zip(b_hi, up, strict=True)])  # fmt: skip
                return not self.ranges
            for alt in pending[0]:
                self.tried += 1
                if not self.ranges and self.tried > MAX_CASES:
                    raise GiveUp  # feasibility only: no feasible case among the first few
                r = self._add(alt, up, down)
                try:
                    if r is not None and self.visit(pending[1:], *r):
                        return True
                finally:
                    self._remove(alt)
            return False
        finally:
            self._remove(added)
