"""A time budget for matching one document, shared by the date reader and the article reader.

Rule patterns are user-written, so one pattern on one odd document could run for a very long
time.  Every match call with a user pattern passes the time left to the ``regex`` engine's
``timeout=``; once the budget is spent the document stops with :class:`MatchTimeout`, is
reported as failed, and the rest of the corpus goes on.
"""

from __future__ import annotations

import contextlib
import contextvars
import time
from collections.abc import Iterator

DEFAULT_SECONDS = 10.0
"""Default matching budget per document; ordinary articles take milliseconds."""

_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar("factcheck_match_deadline", default=None)
_seconds: contextvars.ContextVar[float | None] = contextvars.ContextVar("factcheck_match_seconds", default=None)


class MatchTimeout(Exception):
    """The matching budget of a document ran out."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"matching took longer than {seconds:g}s (match_timeout); document not read")


@contextlib.contextmanager
def match_budget(seconds: float | None) -> Iterator[None]:
    """Bound the matching done inside the block to ``seconds`` (None: unbounded).

    A ``TimeoutError`` from the ``regex`` engine inside the block becomes :class:`MatchTimeout`.
    """
    token = _deadline.set(None if seconds is None else time.monotonic() + seconds)
    length = _seconds.set(seconds)
    try:
        yield
    except TimeoutError:
        raise MatchTimeout(seconds or 0.0) from None
    finally:
        _deadline.reset(token)
        _seconds.reset(length)


@contextlib.contextmanager
def renewed_budget() -> Iterator[None]:
    """The enclosing budget afresh for the block: each window of a long file gets what a whole article gets."""
    with match_budget(_seconds.get()):
        yield


@contextlib.contextmanager
def not_charged() -> Iterator[None]:
    """Time spent in the block is not charged to the budget: it bounds user patterns, not the parser."""
    start = time.monotonic()
    try:
        yield
    finally:
        end = _deadline.get()
        if end is not None:
            _deadline.set(end + time.monotonic() - start)


def left() -> float | None:
    """Seconds left for matching (None: no budget); raises TimeoutError once it is spent."""
    end = _deadline.get()
    if end is None:
        return None
    rest = end - time.monotonic()
    if rest <= 0:
        raise TimeoutError("match budget spent")
    return rest
