"""The W3C Nu HTML Checker over a built site: shared by ``tests/test_html_valid.py`` and ``benchmarks/run.py``.

The checker is the ``vnu-jar`` package from the npm registry, installed into ``.ci/node_modules``
by ``.ci/run`` (``npm ci --prefix .ci --ignore-scripts``; ``$VNU_JAR`` points elsewhere), run on
a Java runtime (Debian ``default-jre-headless``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_JAR = REPO / ".ci" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


class CheckerMissing(RuntimeError):
    pass


def checker_command() -> list[str]:
    """``java -jar vnu.jar``, or :class:`CheckerMissing` saying what to install."""
    java = shutil.which("java")
    if java is None:
        raise CheckerMissing("no Java runtime (apt-get install default-jre-headless)")
    jar = Path(os.environ.get("VNU_JAR") or DEFAULT_JAR)
    if not jar.is_file():
        raise CheckerMissing(f"no Nu HTML Checker at {jar} (npm ci --prefix .ci --ignore-scripts)")
    return [java, "-Xss2m", "-jar", str(jar)]


def html_errors(site: Path, command: list[str] | None = None) -> list[dict]:
    """The checker's error messages for every ``.html`` file under ``site`` (warnings left out)."""
    command = [*(command or checker_command()), "--errors-only", "--format", "json", "--skip-non-html", str(site)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    try:  # the JSON report goes to stderr; the exit status is 1 when there are errors
        report = json.loads(done.stderr)
    except json.JSONDecodeError:
        raise RuntimeError(f"the Nu HTML Checker did not run (exit {done.returncode}):\n{done.stderr[-3000:]}") from None
    return [m for m in report.get("messages", []) if m.get("type") in ("error", "non-document-error")]


def describe(message: dict, site: Path) -> str:
    """``bandi/x/index.html:12: message``."""
    where = message.get("url", "").removeprefix("file:").removeprefix(str(site) + "/")
    return f"{where}:{message.get('lastLine', '?')}: {message.get('message', '')}"
