"""Fixtures for the real-browser tests: one site build, one HTTP server, one Chromium per session.

The browser is the system Chromium (``/usr/bin/chromium``, or ``$CHROMIUM_PATH``) driven by
Playwright; Playwright's own browser download is not used. Without a browser the tests are
skipped locally, but fail when ``CI`` is set: CI must never pass by skipping them.

Every page comes from a fresh context that records each request: anything not addressed to
the local server is aborted and reported as a failure when the test ends (the site must work
with no third-party host: no CDN, no web fonts, no analytics).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import sitebuild  # noqa: E402
import static_server  # noqa: E402

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = sitebuild.REPO / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
LOCAL_HOST = "127.0.0.1"
# Requests the browser makes by itself that never leave the machine.
_INTERNAL_SCHEMES = ("data", "blob", "about", "chrome", "chrome-extension", "devtools")


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _unavailable(reason: str) -> None:
    if _in_ci():
        pytest.fail(f"{reason} (CI is set: the browser tests must run, not be skipped)", pytrace=False)
    pytest.skip(reason)


def chromium_path() -> str | None:
    candidate = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
    if Path(candidate).is_file() and os.access(candidate, os.X_OK):
        return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sitebuild.built_site(tmp_path_factory)


@pytest.fixture(scope="session")
def lab_url(site_dir: Path) -> Iterator[str]:
    """Base URL of the built site, served from 127.0.0.1 (e.g. ``http://127.0.0.1:41234/``)."""
    with static_server.serve(site_dir, gzip=True) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - depends on the environment
        _unavailable(f"Playwright is not installed: {exc}")
    executable = chromium_path()
    if executable is None:
        wanted = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
        _unavailable(f"no Chromium found at {wanted} (install it: apt-get install -y chromium, "
                     "or set CHROMIUM_PATH)")
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        except Exception as exc:  # noqa: BLE001 - any launch problem means "no usable browser"
            _unavailable(f"Chromium at {executable} did not start: {exc}")
        yield browser
        browser.close()


class PageRecorder:
    """Requests seen by one browser context, and JavaScript errors on its pages."""

    def __init__(self) -> None:
        self.urls: list[str] = []
        self.foreign: list[str] = []
        self.js_errors: list[str] = []

    def route(self, route, request) -> None:  # noqa: ANN001 - Playwright objects
        url = request.url
        self.urls.append(url)
        parts = urlsplit(url)
        if parts.scheme in _INTERNAL_SCHEMES:
            route.continue_()
        elif parts.hostname == LOCAL_HOST:
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort("blockedbyclient")


@pytest.fixture
def new_page(browser, lab_url: str) -> Iterator[Callable[..., object]]:
    """Factory: ``new_page(width=1280, height=900, **context_options)`` → a Page in a fresh context.

    The page's ``recorder`` attribute holds every request URL and JavaScript error. Requests
    to any host but 127.0.0.1 are aborted, and fail the test at teardown.
    """
    contexts = []
    recorders: list[PageRecorder] = []

    def factory(width: int = 1280, height: int = 900, **options):  # noqa: ANN202
        context = browser.new_context(
            viewport={"width": width, "height": height},
            locale="it-IT",
            timezone_id="Europe/Rome",
            base_url=lab_url,
            service_workers="block",
            **options,
        )
        context.set_default_timeout(15_000)
        recorder = PageRecorder()
        context.route("**/*", recorder.route)
        contexts.append(context)
        recorders.append(recorder)
        page = context.new_page()
        page.on("pageerror", lambda error: recorder.js_errors.append(str(error)))
        page.recorder = recorder  # type: ignore[attr-defined]
        return page

    yield factory
    for context in contexts:
        context.close()
    foreign = sorted({url for r in recorders for url in r.foreign})
    if foreign:
        pytest.fail("requests to hosts other than 127.0.0.1:\n  " + "\n  ".join(foreign), pytrace=False)


@pytest.fixture
def page(new_page):  # noqa: ANN001, ANN201
    return new_page()


@pytest.fixture(scope="session")
def screenshots_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
