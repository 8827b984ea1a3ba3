"""fewer_collections: a raised collector threshold while documents render, restored after."""

from __future__ import annotations

import gc
import threading

import pytest

from itaplan.lib.collector import RENDER_THRESHOLD, fewer_collections


def test_it_raises_the_threshold_inside_and_restores_it_after() -> None:
    before = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold() == (max(before[0], RENDER_THRESHOLD), *before[1:])
        assert gc.isenabled()  # collections still run, less often
    assert gc.get_threshold() == before


def test_it_restores_the_threshold_after_an_error() -> None:
    before = gc.get_threshold()
    with pytest.raises(ValueError), fewer_collections():
        raise ValueError("the render failed")
    assert gc.get_threshold() == before


def test_the_last_of_several_threads_to_leave_restores_the_original() -> None:
    before = gc.get_threshold()
    inside, leave = threading.Barrier(3), threading.Event()
    seen: list[tuple[int, int, int]] = []

    def render() -> None:
        with fewer_collections():
            inside.wait()
            leave.wait()
            seen.append(gc.get_threshold())

    threads = [threading.Thread(target=render) for _ in range(2)]
    for thread in threads:
        thread.start()
    inside.wait()
    with fewer_collections():  # a third, nested inside the others' renders
        pass
    assert gc.get_threshold()[0] == max(before[0], RENDER_THRESHOLD)
    leave.set()
    for thread in threads:
        thread.join()
    assert all(t[0] == max(before[0], RENDER_THRESHOLD) for t in seen)
    assert gc.get_threshold() == before
