"""Forked worker processes that inherit a map's function and shared context.

The workers are forked once the function and the shared, read-only context of a map are
known, so each has them in its memory from the start: nothing of the context is pickled,
and no module global hands it over.  Only batches of items and their results cross the
process boundary, through one pipe per worker.  Results come back in the order of the
items, and at most ``window`` batches are in flight or waiting to be yielded, so memory
stays bounded however long the input.

A stop request (SIGINT, SIGTERM) cannot catch a worker half-started: the signals wait
while a worker is forked and recorded, and every recorded worker is stopped when the map
ends early, by an error, a stop request or the caller leaving the loop.
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
import traceback
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

from factcheck import interrupts

S = TypeVar("S")
T = TypeVar("T")
R = TypeVar("R")


class WorkerDied(RuntimeError):
    """A worker process ended (killed, out of memory) before it returned its batch."""


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last may be shorter), honouring stop requests between them."""
    it = iter(items)
    while batch := list(islice(it, size)):
        interrupts.checkpoint()
        yield batch


def _serve(fn: Callable[[S, T], R], shared: S, conn: Connection, inherited: list[Connection],
           mask: set[int | signal.Signals]) -> None:  # fmt: skip
    """A worker's life: run ``fn(shared, item)`` over each batch received, until the pipe closes."""
    for other in inherited:  # the parent's ends of the pipes: holding one would keep its worker from seeing EOF
        other.close()
    # The run's handlers turn signals into exceptions for the main process to clean up after; a
    # worker has nothing to clean up and ends at once (where SIGINT is ignored, it stays ignored).
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    # Everything inherited is read-only here: out of the collector's reach, collections never
    # scan it, and so never touch (and copy) the pages it shares with the parent.
    gc.freeze()
    while True:
        try:
            batch = conn.recv()
        except (EOFError, OSError):  # the map is over (OSError: it ended early, with replies unread)
            return
        try:
            reply: tuple[bool, Any] = (True, [fn(shared, item) for item in batch])
        except Exception as exc:
            exc.add_note("raised in a worker process:\n" + "".join(traceback.format_exception(exc)))
            reply = (False, exc)
        try:
            conn.send(reply)
        except OSError:  # the map ended early
            return
        except Exception as exc:  # a result or an exception that does not pickle
            conn.send((False, RuntimeError(f"a worker's reply could not be sent: {exc!r}")))


class _Workers:
    """The forked workers of one map, each with its pipe and the batch it is working on."""

    def __init__(self, fn: Callable[[S, T], R], shared: S, limit: int) -> None:
        self._target = (fn, shared)
        self.limit = limit
        self.procs: list[BaseProcess] = []
        self.conns: list[Connection] = []
        self.busy: dict[int, int] = {}  # worker -> sequence number of its batch
        self.idle: list[int] = []
        self._mask = signal.pthread_sigmask(signal.SIG_BLOCK, set())

    def can_take(self) -> bool:
        """Whether a batch can be sent now (an idle worker, or none started yet)."""
        return bool(self.idle) or not self.procs

    def send(self, seq: int, batch: list[Any]) -> None:
        """Give a batch to an idle worker; the first batch forks them all."""
        while len(self.procs) < self.limit:
            self._fork()
        k = self.idle.pop()
        self.conns[k].send(batch)
        self.busy[k] = seq

    def _fork(self) -> None:
        ctx = multiprocessing.get_context("fork")
        with interrupts.held_back():
            ours, theirs = ctx.Pipe()
            fn, shared = self._target
            proc = ctx.Process(target=_serve, args=(fn, shared, theirs, [*self.conns, ours], self._mask), daemon=True)
            proc.start()
            theirs.close()
            self.procs.append(proc)
            self.conns.append(ours)
            self.idle.append(len(self.procs) - 1)

    def replies(self) -> Iterator[tuple[int, list[Any]]]:
        """Wait for at least one busy worker, and yield ``(sequence number, results)`` of those done."""
        interrupts.checkpoint()
        ready = set(wait([obj for k in self.busy for obj in (self.conns[k], self.procs[k].sentinel)]))
        interrupts.checkpoint()
        for k in sorted(self.busy):
            conn = self.conns[k]
            if conn not in ready and not conn.poll():
                if self.procs[k].sentinel in ready:
                    raise self._died(k)
                continue
            try:
                ok, payload = conn.recv()
            except EOFError:
                raise self._died(k) from None
            seq = self.busy.pop(k)
            self.idle.append(k)
            if not ok:
                raise payload
            yield seq, payload

    def _died(self, k: int) -> WorkerDied:
        self.procs[k].join(1)  # reaped, so its exit code is known
        return WorkerDied(f"a worker process ended with code {self.procs[k].exitcode} before it replied")

    def close(self, clean: bool) -> None:
        """End the workers: a closed pipe ends an idle one; a map ended early stops them all first."""
        if not clean:
            for proc in self.procs:
                proc.terminate()
        for conn in self.conns:
            conn.close()
        for proc in self.procs:
            proc.join()


def _refill(pool: _Workers, pending: Iterator[tuple[int, list[Any]]], exhausted: bool, sent: int,
            limit: int) -> tuple[bool, int]:  # fmt: skip
    """Send batches to idle workers until ``limit`` are sent; whether the items ran out, and how many are sent."""
    while not exhausted and sent < limit and pool.can_take():
        nxt = next(pending, None)
        if nxt is None:
            return True, sent
        pool.send(*nxt)
        sent += 1
    return exhausted, sent


def fork_map(fn: Callable[[S, T], R], shared: S, items: Iterable[T], workers: int, *, batch: int,
             window: int) -> Iterator[R]:  # fmt: skip
    """The results of ``fn(shared, item)``, in item order, computed by up to ``workers`` forked processes.

    Items go to the workers in batches of ``batch``; at most ``window`` batches are in flight
    or waiting to be yielded.  The workers are forked when the first batch is ready (a map of
    no item forks none).  An exception raised by ``fn`` is raised here, with the worker's
    traceback as a note.
    """
    pool = _Workers(fn, shared, max(1, workers))
    pending = enumerate(batches(items, batch))
    done: dict[int, list[R]] = {}
    sent = given = 0
    clean = False
    try:
        exhausted = False
        while True:
            # Refilled before yielding, so the workers are not idle while the caller uses the
            # results, and after, so the batch next in order is always with a worker when this
            # waits for one.
            exhausted, sent = _refill(pool, pending, exhausted, sent, given + window)
            while given in done:
                yield from done.pop(given)
                given += 1
            exhausted, sent = _refill(pool, pending, exhausted, sent, given + window)
            if exhausted and given == sent:
                break
            done.update(pool.replies())
        clean = True
    finally:
        pool.close(clean)
