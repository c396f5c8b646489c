"""Where work runs: in this process, in a local pool of forked processes, or on a Dask cluster.

``audit`` maps its reading and its stories over an executor, and ``check`` its components
over a :class:`ProcessPool`.

Every executor maps a function over plain-data items (article paths, stories) with one
shared, read-only context, and yields the results in the order of the items, so a run's
output is the same bytes whatever runs it.  Items are sent in batches, and only a bounded
number of batches is in flight at once: memory stays bounded however long the input.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from factcheck import interrupts
from factcheck.errors import UserError
from factcheck.runtime.fork import batches, fork_map

S = TypeVar("S")
T = TypeVar("T")
R = TypeVar("R")

BATCH = 8
"""Items per task: enough to hide a task's overhead, few enough to spread the work."""

DASK_BATCH = 32
"""Items per task on Dask, where a task's overhead is larger."""


class Executor(Protocol):
    """Runs ``fn(shared, item)`` for every item; results come back in item order."""

    name: str
    workers: int

    def map(self, fn: Callable[[S, T], R], shared: S, items: Iterable[T]) -> Iterator[R]:
        """The results of ``fn(shared, item)``, in the order of ``items``."""
        ...

    def close(self) -> None:
        """Release the workers."""
        ...


def _run_batch(fn: Callable[[S, T], R], shared: S, batch: list[T]) -> list[R]:
    return [fn(shared, item) for item in batch]


def _windowed(submit: Callable[[list[T]], Any], result: Callable[[Any], list[R]], items: Iterable[T],
              window: int, batch_size: int = BATCH) -> Iterator[R]:  # fmt: skip
    """Submit batches, at most ``window`` in flight, and yield their results in order."""
    pending: deque[Any] = deque()
    for batch in batches(items, batch_size):
        pending.append(submit(batch))
        if len(pending) >= window:
            yield from result(pending.popleft())
    while pending:
        interrupts.checkpoint()
        yield from result(pending.popleft())


@dataclass
class InProcess:
    """Runs everything in this process: no start-up cost, for small runs and debugging."""

    name: str = "in-process"
    workers: int = 1

    def map(self, fn: Callable[[S, T], R], shared: S, items: Iterable[T]) -> Iterator[R]:
        """The results of ``fn(shared, item)``, computed one after another."""
        for item in items:
            interrupts.checkpoint()
            yield fn(shared, item)

    def close(self) -> None:
        """Nothing to release."""


class ProcessPool:
    """A local pool of forked worker processes (``--jobs N``).

    Workers are forked for each map once its function and shared context are known, so they
    inherit both without pickling; only the items and the results cross the process
    boundary (see :mod:`factcheck.runtime.fork`).
    """

    name = "process-pool"

    def __init__(self, workers: int, batch: int = BATCH) -> None:
        self.workers = workers
        self.batch = batch

    def map(self, fn: Callable[[S, T], R], shared: S, items: Iterable[T]) -> Iterator[R]:
        """The results of ``fn(shared, item)``, computed by ``workers`` processes."""
        return fork_map(fn, shared, items, self.workers, batch=self.batch, window=4 * self.workers)

    def close(self) -> None:
        """Nothing to release: each map has its own workers."""


class DaskExecutor:
    """A Dask distributed cluster: an existing one (``--scheduler``) or a LocalCluster (``--dask-local N``).

    The shared context is scattered to every worker once per map; results are gathered in
    item order.
    """

    name = "dask"

    def __init__(self, scheduler: str | None = None, local_workers: int | None = None) -> None:
        try:
            import distributed
        except ImportError:
            raise UserError("the Dask executor needs the 'dask' extra: pip install 'factcheck[dask]'") from None
        client_cls: Any = distributed.Client
        cluster_cls: Any = distributed.LocalCluster
        self._cluster: Any = None
        self._client: Any
        if scheduler:
            try:
                self._client = client_cls(scheduler, timeout="10s")
            except (OSError, TimeoutError, ValueError) as exc:
                raise UserError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        else:
            import dask

            n = local_workers or os.cpu_count() or 1
            # Dask's defaults cost solver time here, measured on benchmarks/scale.py: workers
            # sample their own stacks every 10 ms (for the dashboard's profiler, unread here);
            # the nanny starts workers with MALLOC_TRIM_THRESHOLD_=65536, which also fixes
            # glibc's mmap threshold, so z3's many mid-sized allocations go to mmap and
            # page faults (about 12% slower); and the event loop ticks every 20 ms.
            dask.config.set({
                "distributed.worker.profile.enabled": False,
                "distributed.nanny.pre-spawn-environ": {"OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1,
                                                        "OPENBLAS_NUM_THREADS": 1},
                "distributed.admin.tick.interval": "1s",
                "distributed.admin.system-monitor.interval": "5s",
            })  # fmt: skip
            # One thread per worker process: z3 contexts are not shared between threads.
            self._cluster = cluster_cls(n_workers=n, threads_per_worker=1, processes=True,
                                         dashboard_address=":0", silence_logs=40)  # fmt: skip
            self._client = client_cls(self._cluster)
        self.workers = max(1, sum(w.get("nthreads", 1) for w in self._client.scheduler_info()["workers"].values()))

    def map(self, fn: Callable[[S, T], R], shared: S, items: Iterable[T]) -> Iterator[R]:
        """The results of ``fn(shared, item)``, computed on the cluster's workers."""
        remote = self._client.scatter(shared, broadcast=True, hash=False)

        def submit(batch: list[T]) -> Any:
            return self._client.submit(_run_batch, fn, remote, batch, pure=False)

        # A task on a cluster costs milliseconds of scheduling and a network round trip:
        # larger batches, and more of them in flight, keep the workers busy.
        yield from _windowed(submit, lambda f: f.result(), items, 8 * self.workers, DASK_BATCH)

    def close(self) -> None:
        """Close the client, and the LocalCluster if this executor started one."""
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_executor(jobs: int = 1, scheduler: str | None = None, dask_local: int | None = None) -> Executor:
    """The executor for the options given: Dask when asked for, else a pool for ``jobs`` > 1, else in-process."""
    if scheduler or dask_local:
        return DaskExecutor(scheduler, dask_local)
    if jobs > 1:
        return ProcessPool(jobs)
    return InProcess()
