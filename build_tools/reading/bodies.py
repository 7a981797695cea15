"""Every body rendered and sanitised once, by worker processes when there are many.

Rendering a body with Python-Markdown and cleaning it with nh3 is most of what checking a
file costs, and each body is independent of the others. With hundreds of files the loader
asks :func:`checked_bodies` for them up front: worker processes (:mod:`build_tools.parallel`)
read and render the bodies while the loader validates front matter in this process, and the
results come back in file order (the same as in this process: ``tests/test_bodies.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from build_tools.parallel import ordered_map
from build_tools.reading import frontmatter, safety

#: Below this many files a worker process costs more than it saves.
MIN_FILES = 200
#: Files handed to a worker at a time (fewer round trips, still balanced).
CHUNK = 16

#: What checking one body gives: (line offset, message, is_warning) problems, and its HTML.
BodyCheck = tuple[list[tuple[int, str, bool]], str | None]


def _check_file(path: Path) -> BodyCheck | None:
    """One file's body, checked; None when the file cannot be read or split (the loader says why).

    Only the split: the loader parses the front matter, and uses the body only when that succeeds."""
    try:
        body = frontmatter.split(frontmatter.decode(path.read_bytes()))[1]
    except Exception:  # noqa: BLE001 - reported by the loader, which reads the file again
        return None
    return safety.body_problems(body)


def checked_bodies(paths: list[Path]) -> Iterator[BodyCheck | None]:
    """Each file's :data:`BodyCheck`, in order (in worker processes when there are many files)."""
    return ordered_map(_check_file, paths, MIN_FILES, CHUNK)
