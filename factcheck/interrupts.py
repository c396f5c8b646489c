"""Stop requests from signals (Ctrl-C, SIGTERM), kept until they are honoured.

A signal handler raises at whatever line the main thread is running.  When that is a
``__del__`` method or a weakref callback (a collection can run either at almost any
allocation), Python prints "Exception ignored" and goes on: the request would be lost and
the run would go to its end.  The handlers here also record the request, and the loops
that drive a run call :func:`checkpoint`, which raises it again.  Worker processes are
forked with the signals held back (:func:`held_back`, used by ``factcheck.runtime.fork``).
"""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Callable, Iterator
from typing import NoReturn

_pending: Callable[[], BaseException] | None = None


def request(make: Callable[[], BaseException]) -> NoReturn:
    """Record a stop request and raise it (from a signal handler)."""
    global _pending
    _pending = make
    raise make()


def unraisable_hook(info: sys.UnraisableHookArgs) -> None:
    """``sys.unraisablehook``: a stop request swallowed by a finalizer is not an error to print (it is raised again)."""
    if _pending is not None and isinstance(info.exc_value, (KeyboardInterrupt, SystemExit)):
        return
    sys.__unraisablehook__(info)


def checkpoint() -> None:
    """Raise the stop request a signal made, if any (it may have been swallowed where it first landed)."""
    if _pending is not None:
        raise _pending()


_STOP = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def held_back() -> Iterator[None]:
    """SIGINT and SIGTERM wait until the block is done (for steps that must not be cut in two)."""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
