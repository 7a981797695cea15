"""Privacy and robustness: every request stays on the site's own host; no broken requests, no JS errors."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from pagefind_ui import wait_for_results

pytestmark = pytest.mark.browser

TOUR = [
    "",
    "bandi/",
    "bandi/archivio/",
    "bandi/servizi-digitali-avanzati-piccole-imprese-pnrr/",
    "storie/",
    "storie/terre-del-tevere-filiera-tracciata/",
    "servizi/",
    "servizi/orientamento/",
    "eventi/",
    "iscriviti/",
    "cerca/?q=cooperative",
]


def test_every_request_goes_to_the_local_host_only(page) -> None:
    failed: list[str] = []
    # net::ERR_ABORTED is the browser cancelling a request because the tour moved on (e.g. the
    # favicon of the previous page under load): not a broken request; a 4xx/5xx still fails below.
    page.on("requestfailed", lambda r: None if r.failure == "net::ERR_ABORTED" else failed.append(f"{r.url} ({r.failure})"))
    bad_status: list[str] = []
    page.on("response", lambda r: bad_status.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    for path in TOUR:
        page.goto(path)
        if path.startswith("cerca/"):
            wait_for_results(page)
        page.wait_for_load_state("networkidle")
    urls = page.recorder.urls
    assert len(urls) > len(TOUR), "the request recorder saw (almost) nothing"
    hosts = {urlsplit(u).hostname for u in urls if urlsplit(u).scheme in ("http", "https", "ws", "wss")}
    assert hosts == {"127.0.0.1"}, sorted(u for u in urls if urlsplit(u).hostname != "127.0.0.1")
    assert not page.recorder.foreign
    assert not failed, failed
    assert not bad_status, bad_status
    assert not page.recorder.js_errors, page.recorder.js_errors


def test_missing_page_gets_the_404_page(page) -> None:
    response = page.goto("bandi/non-esiste/")
    assert response is not None and response.status == 404
    assert page.locator("h1").first.is_visible()
    # its links and assets work from any depth (they are absolute on the 404 page)
    assert page.evaluate("getComputedStyle(document.body).fontFamily") != ""
    assert not page.recorder.foreign
