"""Build the demo site once per pytest session, shared by the browser tests and the link crawler.

Both ``tests/browser/conftest.py`` and ``tests/test_links.py`` call :func:`built_site` with the
session's ``tmp_path_factory``; the first call builds, later calls reuse the same directory.
:func:`built_generated_site` does the same for a site of generated content with enough calls
for the listings to need several pages (``tests/browser/test_call_pages.py``).
"Now" is fixed (``LAB_TODAY``) so that statuses, listings and badges are reproducible.

``LAB_TEST_SITE_DIR=/path/to/site`` skips the build and uses an existing output (it must have
been built with the same ``LAB_TODAY``): handy while iterating on the tests.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

REPO = Path(__file__).resolve().parents[2]
TODAY = "2026-11-25"  # the demo content's "today": some calls open, some closing soon, some archived
_OK_MARK = ".lab-build-ok"


def build_site(out: Path, today: str = TODAY, config: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real strict build (``python -m build_tools build``) into ``out`` (``config``: another mkdocs.yml)."""
    env = {k: v for k, v in os.environ.items() if k not in ("LAB_NOW", "LAB_TODAY")}
    env["LAB_TODAY"] = today
    command = [sys.executable, "-m", "build_tools", "build", "--today", today, "--", "-d", str(out),
               *(["-f", str(config)] if config else [])]
    return subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=900)


def _built(site: Path, build: Callable[[], "subprocess.CompletedProcess[str]"]) -> Path:
    """``site`` once built by ``build`` in this session; a failed build fails every later caller at once."""
    ok_mark = site.with_name(site.name + _OK_MARK)
    if ok_mark.is_file():
        return site
    if site.exists():
        # a previous attempt in this session failed: do not try (and wait) again
        pytest.fail(f"the build of {site.name} failed earlier in this session (see the first failing test)")
    result = build()
    if result.returncode != 0 or not (site / "index.html").is_file():
        site.mkdir(parents=True, exist_ok=True)
        tail = "\n".join((result.stdout + "\n" + result.stderr).strip().splitlines()[-60:])
        pytest.fail(f"site build failed (exit {result.returncode}):\n{tail}", pytrace=False)
    ok_mark.write_text("ok\n", encoding="utf-8")
    return site


#: Calls in the generated site: enough current ones (about a fifth) for /bandi/ to need three pages.
GENERATED_CALLS = 400


def generated_project(work: Path, calls: int = GENERATED_CALLS) -> Path:
    """The real mkdocs.yml, pages and overrides around content made by ``benchmarks/generate.py``."""
    spec = importlib.util.spec_from_file_location("lab_generate", REPO / "benchmarks" / "generate.py")
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)  # type: ignore[union-attr]
    generator.generate(work / "content", calls, max(1, calls // 10))
    shutil.copy(REPO / "mkdocs.yml", work / "mkdocs.yml")
    for name in ("pages", "overrides"):
        (work / name).symlink_to(REPO / name, target_is_directory=True)
    return work / "mkdocs.yml"


def built_generated_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(site, content) of a build of generated content (``GENERATED_CALLS`` calls), once per session."""
    base = tmp_path_factory.getbasetemp()
    work, site = base / "lab-generated", base / f"lab-generated-site-{TODAY}"

    def build() -> subprocess.CompletedProcess[str]:
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir()
        return build_site(site, config=generated_project(work))

    return _built(site, build), work / "content"


def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site directory for this session (built on first use)."""
    preset = os.environ.get("LAB_TEST_SITE_DIR")
    if preset:
        site = Path(preset).resolve()
        if not (site / "index.html").is_file():
            pytest.fail(f"LAB_TEST_SITE_DIR={preset} does not hold a built site (no index.html)")
        return site
    site = tmp_path_factory.getbasetemp() / f"lab-site-{TODAY}"
    return _built(site, lambda: build_site(site))
