"""MkDocs wraps half the generated pages in a helper process: the site is byte for byte the same.

:mod:`build_tools.renderers.mkdocs_share` forks a helper that renders every second generated
page with MkDocs's own page builder; ``LAB_WORKERS=1`` keeps every page in one process. The
two builds of the demo site must write the same files with the same bytes; the search
indexes, which Pagefind does not write byte for byte alike even from one process, must hold
the same pages, words, filters and sorts (decoded as in ``tests/test_search_stream.py``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from test_search_stream import decoded_index

REPO = Path(__file__).resolve().parents[1]
TODAY = "2026-11-25"


def _build(out: Path, workers: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("LAB_NOW", "LAB_TODAY")}
    env["LAB_WORKERS"] = workers
    done = subprocess.run([sys.executable, "-m", "build_tools", "build", "--today", TODAY, "--", "-d", str(out)],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stderr


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and not p.relative_to(site).as_posix().startswith("pagefind/")}


def test_pages_rendered_by_the_helper_are_the_pages_rendered_here(tmp_path: Path) -> None:
    alone_log = _build(tmp_path / "alone", "1")
    shared_log = _build(tmp_path / "shared", "2")
    assert "in un secondo processo" in shared_log and "in un secondo processo" not in alone_log
    alone, shared = _files(tmp_path / "alone"), _files(tmp_path / "shared")
    assert sorted(shared) == sorted(alone) and len(alone) > 200
    different = [path for path in alone if alone[path] != shared[path]]
    assert not different, different[:10]
    years = [f"pagefind/archivio/{p.name}" for p in (tmp_path / "alone" / "pagefind" / "archivio").iterdir()]
    assert years
    for bundle in ("pagefind", *years):
        assert decoded_index(tmp_path / "shared", bundle) == decoded_index(tmp_path / "alone", bundle), bundle
