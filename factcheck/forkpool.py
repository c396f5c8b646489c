"""Worker pools that a stop request cannot catch half-started (see ``factcheck.interrupts``)."""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import ParamSpec, TypeVar

from factcheck.interrupts import _restore_signals, held_back

P = ParamSpec("P")
R = TypeVar("R")


class ForkPool(ProcessPoolExecutor):
    """A pool of forked worker processes that a stop request cannot catch half-started.

    Workers are forked by the first submit.  A SIGINT or SIGTERM handled between a fork
    and the pool's record of the new worker would leave a process nobody stops (holding
    the run's stdout open, so a caller waiting for it waits forever): the signals wait
    until each submit is done, and the workers start with the mask they would have had.
    """

    def __init__(self, workers: int) -> None:
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, set())
        super().__init__(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                         initializer=_restore_signals, initargs=(mask,))  # fmt: skip

    def submit(self, fn: Callable[P, R], /, *args: P.args, **kwargs: P.kwargs) -> Future[R]:
        """Submit with SIGINT and SIGTERM held back (see the class docstring)."""
        with held_back():
            return super().submit(fn, *args, **kwargs)
