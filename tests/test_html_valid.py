"""Every page of the built demo site is valid HTML: zero errors from the W3C Nu HTML Checker.

The checker is the ``vnu-jar`` package from the npm registry (``.ci/run`` installs it into
``.ci/node_modules`` with ``npm install --prefix .ci``; ``$VNU_JAR`` points elsewhere) and runs
on a Java runtime (Debian ``default-jre-headless``). Without either the test is skipped
locally, and fails when ``CI`` is set: CI never passes by skipping it.

The site is built once per session (shared with the browser tests and the link crawler).
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("lab_sitebuild", Path(__file__).parent / "browser" / "sitebuild.py")
sitebuild = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sitebuild)  # type: ignore[union-attr]

pytestmark = pytest.mark.slow

DEFAULT_JAR = sitebuild.REPO / ".ci" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _unavailable(reason: str) -> None:
    if _in_ci():
        pytest.fail(f"{reason} (CI is set: the HTML checker must run, not be skipped)", pytrace=False)
    pytest.skip(reason)


def nu_checker() -> list[str]:
    """The command that runs the checker, or skip/fail when it is not installed."""
    java = shutil.which("java")
    if java is None:
        _unavailable("no Java runtime (apt-get install default-jre-headless)")
    jar = Path(os.environ.get("VNU_JAR") or DEFAULT_JAR)
    if not jar.is_file():
        _unavailable(f"no Nu HTML Checker at {jar} (npm install --prefix .ci --ignore-scripts)")
    return [java, "-Xss2m", "-jar", str(jar)]


def check_html(checker: list[str], site: Path) -> list[dict]:
    """The checker's error messages for every ``.html`` file under ``site`` (warnings ignored)."""
    command = [*checker, "--errors-only", "--format", "json", "--skip-non-html", str(site)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=900)
    try:  # the JSON report goes to stderr; the exit status is 1 when there are errors
        report = json.loads(done.stderr)
    except json.JSONDecodeError:
        pytest.fail(f"the Nu HTML Checker did not run (exit {done.returncode}):\n{done.stderr[-3000:]}")
    return [m for m in report.get("messages", []) if m.get("type") in ("error", "non-document-error")]


def describe(message: dict, site: Path) -> str:
    where = message.get("url", "").removeprefix("file:").removeprefix(str(site) + "/")
    return f"{where}:{message.get('lastLine', '?')}: {message.get('message', '')}"


@pytest.fixture(scope="module")
def checker() -> list[str]:
    return nu_checker()


@pytest.fixture(scope="module")
def site(checker: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sitebuild.built_site(tmp_path_factory)  # after the checker: no build just to skip


def test_every_page_is_valid_html(checker: list[str], site: Path) -> None:
    pages = list(site.rglob("*.html"))
    assert len(pages) > 20, "the demo site should have dozens of pages"
    errors = check_html(checker, site)
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(describe(m, site) for m in errors[:40])
