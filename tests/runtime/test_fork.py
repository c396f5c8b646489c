"""The fork pool: results in item order, the shared context inherited (never pickled), failures raised, no worker left."""

from __future__ import annotations

import multiprocessing
import os
import threading

import pytest

from factcheck.runtime.executor import InProcess, ProcessPool
from factcheck.runtime.fork import WorkerDied, fork_map


def _offset(shared: dict[str, object], item: int) -> tuple[int, int]:
    return item + int(shared["offset"]), os.getpid()  # type: ignore[call-overload]


def test_results_come_in_item_order_from_more_than_one_worker() -> None:
    # a lock does not pickle: the context reaches the workers only by being inherited
    shared = {"offset": 100, "lock": threading.Lock()}
    out = list(fork_map(_offset, shared, range(50), 2, batch=3, window=4))
    assert [v for v, _ in out] == list(range(100, 150))
    pids = {pid for _, pid in out}
    assert os.getpid() not in pids and len(pids) == 2


def test_the_process_pool_gives_what_running_in_process_gives() -> None:
    items = [f"item {i}" for i in range(37)]
    assert list(ProcessPool(2, batch=4).map(lambda s, x: s + x, ">", items)) == list(
        InProcess().map(lambda s, x: s + x, ">", items)
    )


def _fail_at_seven(_shared: None, item: int) -> int:
    if item == 7:
        raise ValueError("seven")
    return item


def test_an_exception_in_a_worker_is_raised_with_its_traceback() -> None:
    with pytest.raises(ValueError, match="seven") as info:
        list(fork_map(_fail_at_seven, None, range(20), 2, batch=2, window=3))
    assert any("_fail_at_seven" in note for note in info.value.__notes__)
    assert not multiprocessing.active_children()


def _die_at_five(_shared: None, item: int) -> int:
    if item == 5:
        os._exit(9)
    return item


def test_a_worker_that_dies_is_an_error_not_a_hang() -> None:
    with pytest.raises(WorkerDied, match="code 9"):
        list(fork_map(_die_at_five, None, range(20), 2, batch=2, window=3))
    assert not multiprocessing.active_children()


def test_leaving_the_loop_early_stops_every_worker() -> None:
    results = fork_map(lambda _s, x: x, None, range(1000), 2, batch=2, window=3)
    assert next(results) == 0
    assert multiprocessing.active_children()
    results.close()
    assert not multiprocessing.active_children()


def test_no_item_forks_no_worker() -> None:
    assert list(fork_map(lambda _s, x: x, None, [], 2, batch=2, window=3)) == []
    assert not multiprocessing.active_children()


@pytest.mark.parametrize(("n", "batch", "window", "workers"), [(1, 1, 1, 2), (50, 3, 4, 2), (50, 1, 1, 3), (7, 8, 2, 2),
                                                              (100, 2, 9, 3), (33, 5, 1, 1)])  # fmt: skip
def test_every_size_of_batch_and_window_gives_every_result_once(n: int, batch: int, window: int, workers: int) -> None:
    assert list(fork_map(lambda s, x: s * x, 3, range(n), workers, batch=batch, window=window)) == [
        3 * x for x in range(n)
    ]
