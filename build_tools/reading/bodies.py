"""Every body rendered and sanitised once, by worker processes when there are many.

Rendering a body with Python-Markdown and cleaning it with nh3 is most of what checking a
file costs, and each body is independent of the others. With hundreds of files the loader
asks :func:`checked_bodies` for them up front: worker processes (forked, so they start with
everything imported) read and render the bodies while the loader validates front matter in
this process, and the results come back in file order. Small content, a live preview (which
runs threads: forking them is unsafe) or ``LAB_WORKERS=1`` keep it in this process; the
results are the same (``tests/test_bodies.py``).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from build_tools.reading import frontmatter, safety

#: Below this many files a worker process costs more than it saves.
MIN_FILES = 200
#: Files handed to a worker at a time (fewer round trips, still balanced).
CHUNK = 16

#: What checking one body gives: (line offset, message, is_warning) problems, and its HTML.
BodyCheck = tuple[list[tuple[int, str, bool]], str | None]


def _check_file(path: Path) -> BodyCheck | None:
    """One file's body, checked; None when the file cannot be read or split (the loader says why)."""
    try:
        body = frontmatter.parse(path.read_bytes()).body
    except Exception:  # noqa: BLE001 - reported by the loader, which reads the file again
        return None
    return safety.body_problems(body)


def workers(files: int) -> int:
    """How many worker processes to use for ``files`` files (0: check in this process)."""
    forced = os.environ.get("LAB_WORKERS", "").strip()
    if forced.isdigit():
        count = int(forced)
        return count if count > 1 else 0
    if files < MIN_FILES or threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        return 0
    return min(os.cpu_count() or 1, 4) if (os.cpu_count() or 1) > 1 else 0


def checked_bodies(paths: list[Path]) -> Iterator[BodyCheck | None]:
    """Each file's :data:`BodyCheck`, in order; ``None`` items mean "check it yourself"."""
    count = workers(len(paths))
    if not count:
        yield from (None for _ in paths)
        return
    with ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context("fork")) as pool:
        yield from pool.map(_check_file, paths, chunksize=CHUNK)
