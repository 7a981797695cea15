"""Every page of the built demo site is valid HTML: zero errors from the W3C Nu HTML Checker.

The checker is the ``vnu-jar`` package from the npm registry (``.ci/run`` installs it into
``.ci/node_modules``; ``$VNU_JAR`` points elsewhere) and runs on a Java runtime (Debian
``default-jre-headless``); see ``tests/browser/htmlcheck.py``. Without either the test is
skipped locally, and fails when ``CI`` is set: CI never passes by skipping it.

The site is built once per session (shared with the browser tests and the link crawler).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

_HERE = Path(__file__).parent / "browser"
sys.path.insert(0, str(_HERE))
import sitebuild  # noqa: E402
from htmlcheck import CheckerMissing, checker_command, describe, html_errors  # noqa: E402

pytestmark = pytest.mark.slow


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="module")
def checker() -> list[str]:
    try:
        return checker_command()
    except CheckerMissing as exc:
        if _in_ci():
            pytest.fail(f"{exc} (CI is set: the HTML checker must run, not be skipped)", pytrace=False)
        pytest.skip(str(exc))


@pytest.fixture(scope="module")
def site(checker: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sitebuild.built_site(tmp_path_factory)  # after the checker: no build just to skip


def test_every_page_is_valid_html(checker: list[str], site: Path) -> None:
    pages = list(site.rglob("*.html"))
    assert len(pages) > 20, "the demo site should have dozens of pages"
    errors = html_errors(site, checker)
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(describe(m, site) for m in errors[:40])


def test_the_checker_finds_errors(checker: list[str], tmp_path: Path) -> None:
    """The check can fail: a page with the theme's old mistake is reported."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="it"><head><meta charset="utf-8"><title>x</title></head><body>'
        '<input type="checkbox" id="t" autocomplete="off"><label for="nowhere">x</label></body></html>',
        encoding="utf-8")
    errors = html_errors(tmp_path, checker)
    assert len(errors) == 2, [describe(m, tmp_path) for m in errors]
