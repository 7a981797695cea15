"""Build the demo site once per pytest session, shared by the browser tests and the link crawler.

Both ``tests/browser/conftest.py`` and ``tests/test_links.py`` call :func:`built_site` with the
session's ``tmp_path_factory``; the first call builds, later calls reuse the same directory.
"Now" is fixed (``LAB_TODAY``) so that statuses, listings and badges are reproducible.

``LAB_TEST_SITE_DIR=/path/to/site`` skips the build and uses an existing output (it must have
been built with the same ``LAB_TODAY``): handy while iterating on the tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TODAY = "2026-11-25"  # the demo content's "today": some calls open, some closing soon, some archived
_OK_MARK = ".lab-build-ok"


def build_site(out: Path, today: str = TODAY) -> subprocess.CompletedProcess[str]:
    """Run the real strict build (``python -m build_tools build``) into ``out``."""
    env = {k: v for k, v in os.environ.items() if k not in ("LAB_NOW", "LAB_TODAY")}
    env["LAB_TODAY"] = today
    command = [sys.executable, "-m", "build_tools", "build", "--today", today, "--", "-d", str(out)]
    return subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=900)


def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site directory for this session (built on first use)."""
    preset = os.environ.get("LAB_TEST_SITE_DIR")
    if preset:
        site = Path(preset).resolve()
        if not (site / "index.html").is_file():
            pytest.fail(f"LAB_TEST_SITE_DIR={preset} does not hold a built site (no index.html)")
        return site
    base = tmp_path_factory.getbasetemp()
    site, ok_mark = base / f"lab-site-{TODAY}", base / f"lab-site-{TODAY}{_OK_MARK}"
    if ok_mark.is_file():
        return site
    if site.exists():
        # a previous attempt in this session failed: do not try (and wait) again
        pytest.fail("the site build failed earlier in this session (see the first failing test)")
    result = build_site(site)
    if result.returncode != 0 or not (site / "index.html").is_file():
        site.mkdir(parents=True, exist_ok=True)
        tail = "\n".join((result.stdout + "\n" + result.stderr).strip().splitlines()[-60:])
        pytest.fail(f"site build failed (exit {result.returncode}):\n{tail}", pytrace=False)
    ok_mark.write_text("ok\n", encoding="utf-8")
    return site
