"""`serve`, the editors' live preview: content errors become an Italian page, and stopping stops it all.

Runs the real command on a copy of the project (as tests/test_plugin.py does) and reads the
pages over HTTP, as the editor's browser would. Waits are deadlines for a condition, never
timing assertions.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.test_plugin import BROKEN_CALL, copy_project

PATIENCE = 180  # seconds: a shared CI machine may be slow; the test only waits for a condition


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310 - a local test server
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def _wait_for(url: str, text: str, process: subprocess.Popen) -> str:
    deadline = time.monotonic() + PATIENCE
    last = ""
    while time.monotonic() < deadline:
        assert process.poll() is None, "serve stopped:\n" + process.stdout.read()  # type: ignore[union-attr]
        try:
            status, last = _get(url)
            if status == 200 and text in last:
                return last
        except OSError:
            pass
        time.sleep(0.5)
    pytest.fail(f"{url} never showed {text!r}; last page:\n{last[:2000]}")


def _port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_serve_shows_errors_in_italian_then_the_site_and_stops_cleanly(tmp_path):
    project = copy_project(tmp_path / "project")
    broken = project / "content" / "calls" / "bando-scritto-male.md"
    broken.write_text(BROKEN_CALL, encoding="utf-8")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("LAB_NOW", "LAB_TODAY", "SITE_URL")}
    process = subprocess.Popen(
        [sys.executable, "-m", "build_tools", "serve", "--today", "2026-11-25", "-f", str(project / "mkdocs.yml"),
         "-a", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}/"
        # every page, generated or hand-written, is the error page with the file, the line and what to do
        for path in ("", "bandi/", "laboratorio/", "bandi/voucher-transizione-digitale-cooperative-lazio/"):
            page = _wait_for(base + path, "Il sito non si può mostrare", process)
            assert "content/calls/bando-scritto-male.md:5" in page
            assert "valore `regionale` non ammesso per `funding_source`" in page
            assert "Cosa fare:" in page and "correggi" in page
        broken.write_text(BROKEN_CALL.replace("funding_source: regionale", "funding_source: regional"), encoding="utf-8")
        page = _wait_for(base + "bandi/", "Un bando scritto male", process)
        assert "Il sito non si può mostrare" not in page
    finally:
        process.send_signal(signal.SIGTERM)  # what `kill <pid>` does
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            pytest.fail("serve did not stop on SIGTERM")
    # nothing it started keeps running or holds the port
    leftovers = subprocess.run(["pgrep", "-s", str(process.pid)], capture_output=True, text=True)
    assert leftovers.stdout.strip() == "", leftovers.stdout
    assert _port_is_free(port)
