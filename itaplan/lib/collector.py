"""Fewer runs of Python's cyclic garbage collector while a document is laid out.

WeasyPrint makes about a million container objects for an 11-page document, most of
them alive until the PDF is written. The collector runs each time 700 more have been
made than freed (``gc.get_threshold()[0]``) and walks the young objects each time:
about 90 ms of the 650 ms of CPU of seed 004's o27 PDF. At 10,000
(:func:`fewer_collections`) it still runs, so cycles are freed as they were and memory
stays bounded (about 25 MB more at the peak; pausing the collector altogether took
140 MB more), and the PDF takes about 70 ms less.

The threshold is the process's: renders on several threads share one raised setting,
and the last to finish puts the original back.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: Allocations between two young-generation collections during a render.
RENDER_THRESHOLD = 10_000

_lock = threading.Lock()
_active = 0
_saved: tuple[int, int, int] | None = None


@contextmanager
def fewer_collections(threshold: int = RENDER_THRESHOLD) -> Iterator[None]:
    """Collect the young generation every ``threshold`` allocations instead of 700,
    until the last thread inside this block leaves it."""
    global _active, _saved
    with _lock:
        if _active == 0:
            _saved = gc.get_threshold()
            first, *older = _saved
            gc.set_threshold(max(first, threshold), *older)
        _active += 1
    try:
        yield
    finally:
        with _lock:
            _active -= 1
            if _active == 0 and _saved is not None:
                gc.set_threshold(*_saved)
                _saved = None
