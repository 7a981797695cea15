"""Independent work spread over forked worker processes, results in order.

Rendering bodies (checks) and pages (outputs) is pure Python, one item at a time, and each
item is independent of the others; a build machine has at least two cores. Forked workers
start with everything imported and every object of the build already in memory, so only
the items' indices go to them and only strings come back.

Small jobs, a process running other threads (the live preview's server: forking it is
unsafe) or ``LAB_WORKERS=1`` stay in this process; results are the same either way (tests
compare them).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: The job the forked workers run: set just before they are forked, read in them.
_JOB: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def workers(items: int, minimum: int) -> int:
    """How many worker processes for ``items`` items (0: work in this process)."""
    forced = os.environ.get("LAB_WORKERS", "").strip()
    if forced.isdigit():
        count = int(forced)
        return count if count > 1 else 0
    cores = os.cpu_count() or 1
    if items < minimum or cores < 2 or threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        return 0
    return min(cores, 4)


def _run(bounds: tuple[int, int]) -> list[Any]:
    assert _JOB is not None
    function, items = _JOB
    return [function(item) for item in items[bounds[0]:bounds[1]]]


def ordered_map(function: Callable[[T], R], items: Sequence[T], minimum: int, chunk: int = 16) -> Iterator[R]:
    """``function`` over ``items``, in order; in forked workers when there are at least ``minimum``."""
    count = workers(len(items), minimum)
    if not count:
        yield from map(function, items)
        return
    global _JOB
    _JOB = (function, items)
    try:
        with ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context("fork")) as pool:
            chunks = [(start, min(start + chunk, len(items))) for start in range(0, len(items), chunk)]
            for results in pool.map(_run, chunks):
                yield from results
    finally:
        _JOB = None
