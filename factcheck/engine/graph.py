"""Difference constraints with weekdays, solved by shortest paths: the z3-free paths' arithmetic.

Edges (u, v, c) over integer nodes mean x_v - x_u <= c, node 0 standing for day 0.  A
weekday only restricts its variable's own domain, so rounding bounds inward to it and
propagating again reaches the exact bounds (``engine.exact`` says why).  Work is counted
in edge relaxations against a cap (``Meter``): past it the path gives up (``GiveUp``) and
z3 decides.
"""

from __future__ import annotations

from collections import deque

from factcheck.calendar import weekday_within

INF = 1 << 62


ROUNDS = 32
"""Most rounds of weekday rounding before giving the component to z3."""


IEdge = tuple[int, int, int]


class GiveUp(Exception):
    """The exact answer is not certain here: ask z3."""


class Meter:
    """Edge relaxations done so far, against a cap: the z3-free paths' deterministic measure of work.

    Past the cap the path gives up (``GiveUp``), so a component whose subsets are many and
    large costs a bounded amount of Python before z3, with its own budget, takes over.
    """

    def __init__(self, cap: int | None = None) -> None:
        self.cap = cap
        self.steps = 0

    def add(self, steps: int) -> None:
        """Count steps; give up past the cap."""
        self.steps += steps
        if self.cap is not None and self.steps > self.cap:
            raise GiveUp


UNMETERED = Meter()


def _relaxed(n: int, edges: list[IEdge], meter: Meter) -> list[int] | None:
    """Bellman-Ford: shortest distances from node 0 along the edges, None on a negative cycle."""
    dist = [INF] * n
    dist[0] = 0
    for r in range(n + 1):
        meter.add(len(edges))
        changed = False
        for u, v, c in edges:
            du = dist[u]
            if du != INF and du + c < dist[v]:
                dist[v] = du + c
                changed = True
        if not changed:
            return dist
        if r == n:
            return None
    return dist


def bounds(n: int, edges: list[IEdge], meter: Meter = UNMETERED) -> tuple[list[int], list[int]] | None:
    """Lower and upper bound of every node (node 0 is day 0), None on a negative cycle."""
    up = _relaxed(n, edges, meter)
    if up is None:
        return None
    # x_0 - x_v is bounded by the shortest paths from node 0 against the edges.
    down = _relaxed(n, [(v, u, c) for u, v, c in edges], meter)
    if down is None:
        return None
    if INF in up or INF in down:
        raise GiveUp  # a variable without horizon bounds: not an encoding this module knows
    return [-d for d in down], up


class Graph:
    """Difference edges as adjacency lists, with shortest-path bounds kept up to date as edges are added.

    ``up[v]`` bounds ``x_v - x_0`` from above and ``down[v]`` bounds ``x_0 - x_v``; both only
    fall as edges are added, so a case's bounds start from those of the choices made before
    it and only what the new edges change is relaxed again (a worklist, not whole passes).
    """

    def __init__(self, n: int, edges: list[IEdge], meter: Meter) -> None:
        self.n = n
        self.meter = meter
        self.out: list[list[tuple[int, int]]] = [[] for _ in range(n)]
        self.into: list[list[tuple[int, int]]] = [[] for _ in range(n)]
        for e in edges:
            self.add(e)

    def add(self, e: IEdge) -> None:
        """Add an edge."""
        u, v, c = e
        self.out[u].append((v, c))
        self.into[v].append((u, c))

    def remove(self, e: IEdge) -> None:
        """Take back the edge added last."""
        u, v, _ = e
        self.out[u].pop()
        self.into[v].pop()

    def relax(self, dist: list[int], start: list[int], forward: bool) -> bool:
        """Shortest distances from node 0 (``forward``) or to it, relaxed from ``start``; False on a negative cycle.

        Last in, first out first, which needed the fewest relaxations here; a node improved
        more than n times sends the rest to first in, first out from every node, where n + 1
        rounds without a negative cycle are certain to reach the fixpoint.
        """
        if self._relax(dist, start, forward, fifo=False, cap=self.n):
            return dist[0] == 0
        return self._relax(dist, list(range(self.n)), forward, fifo=True, cap=2 * self.n + 2) and dist[0] == 0

    def _relax(self, dist: list[int], start: list[int], forward: bool, *, fifo: bool, cap: int) -> bool:
        """Relax from ``start`` until nothing changes (True), or until a node is queued more than ``cap`` times."""
        adj = self.out if forward else self.into
        todo = deque(dict.fromkeys(start))
        take = todo.popleft if fifo else todo.pop
        queued = set(todo)
        count = [0] * self.n
        while todo:
            u = take()
            queued.discard(u)
            du = dist[u]
            if du == INF:
                continue
            self.meter.add(len(adj[u]))
            for v, c in adj[u]:
                if du + c < dist[v]:
                    dist[v] = du + c
                    if v not in queued:
                        count[v] += 1
                        if count[v] > cap:
                            return False
                        queued.add(v)
                        todo.append(v)
        return True

    def fixpoint(
        self, up: list[int], down: list[int], changed: list[int], weekdays: dict[int, int]
    ) -> tuple[list[int], list[int]] | None:
        """Bounds under every edge and weekday, from earlier bounds and the nodes whose edges changed.

        None when infeasible.
        """
        up, down = list(up), list(down)
        for _ in range(ROUNDS):
            if not (self.relax(up, changed, True) and self.relax(down, changed, False)):
                return None
            changed = []
            for v, wd in weekdays.items():
                a, z = -down[v], up[v]
                a2, z2 = weekday_within(a, z, wd)
                if a2 > z2:
                    return None
                if a2 != a or z2 != z:
                    down[v], up[v] = -a2, z2
                    changed.append(v)
            if not changed:
                return up, down
        raise GiveUp
