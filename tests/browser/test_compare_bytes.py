"""The compare page loads the same few bytes for three calls whether the site has ten calls or hundreds.

A phone that opens a shared ``/bandi/confronta/?bandi=a,b,c`` link should download the three
calls it shows, not a file that lists every call. The demo site (about ten current calls) is
compared with a site of generated content (``benchmarks/generate.py``) holding several times as
many: the bytes that choosing three calls adds to the page (everything the browser loads with
``?bandi=`` minus what it loads without) must stay about the same.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import sitebuild
import static_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DEMO_CALLS = ("servizi-digitali-avanzati-piccole-imprese-pnrr", "premio-innovazione-digitale-cooperative",
              "voucher-transizione-digitale-cooperative-lazio")
GENERATED_CALLS = 200  # about 40 current at the tests' "today", four times the demo's


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's pages and theme with generated content, built by the real strict build (no search index)."""
    work = tmp_path_factory.mktemp("compare-bytes")
    for name in ("pages", "overrides"):
        shutil.copytree(sitebuild.REPO / name, work / name)
    config = (sitebuild.REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "closing_soon_days: 14\n" in config
    (work / "mkdocs.yml").write_text(config.replace("closing_soon_days: 14\n",
                                                    "closing_soon_days: 14\n      search_index: false\n"),
                                     encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("LAB_NOW", "LAB_TODAY")}
    env["PYTHONPATH"] = os.pathsep.join([str(sitebuild.REPO), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    generated = subprocess.run([sys.executable, str(sitebuild.REPO / "benchmarks" / "generate.py"), "--calls",
                                str(GENERATED_CALLS), "--stories", "3", "--out", str(work / "content")],
                               capture_output=True, text=True, env=env)
    assert generated.returncode == 0, generated.stderr
    out = work / "site"
    result = subprocess.run([sys.executable, "-m", "build_tools", "build", "--today", sitebuild.TODAY, "--",
                             "-d", str(out)], cwd=work, capture_output=True, text=True, env=env, timeout=900)
    assert result.returncode == 0 and (out / "index.html").is_file(), (result.stdout + result.stderr)[-3000:]
    return out


def _context(browser, base_url: str):  # noqa: ANN001, ANN202
    return browser.new_context(base_url=base_url, locale="it-IT", timezone_id="Europe/Rome",
                               service_workers="block", viewport={"width": 360, "height": 640})


def _loaded_bytes(browser, base_url: str, path: str, calls: int = 0) -> int:  # noqa: ANN001
    """Bytes of every response the page receives (decoded bodies), from an empty cache; with
    ``calls``, once the table shows that many calls."""
    context = _context(browser, base_url)
    try:
        page = context.new_page()
        responses: list = []
        page.on("response", lambda response: responses.append(response))
        page.goto(path)
        if calls:
            page.locator("table.lab-compare-table thead th").nth(calls - 1).wait_for(state="attached")
            assert page.locator("table.lab-compare-table thead th").count() == calls
        page.wait_for_load_state("networkidle")
        return sum(len(response.body()) for response in responses)
    finally:
        context.close()


def _current_calls(browser, base_url: str) -> tuple[int, list[str]]:  # noqa: ANN001
    """How many calls /bandi/ says are current, and the slugs of its first three cards."""
    context = _context(browser, base_url)
    try:
        page = context.new_page()
        page.goto("bandi/")
        count = int(re.search(r"\d+", page.locator("[data-lab-results]").first.inner_text()).group())
        slugs = page.locator("#lab-calls [data-lab-item] .lab-card__title a").evaluate_all(
            "links => links.slice(0, 3).map(a => a.pathname.replace(/\\/$/, '').split('/').pop())")
        return count, slugs
    finally:
        context.close()


def _cost_of_three(browser, base_url: str, slugs) -> int:  # noqa: ANN001
    """What choosing three calls adds to what the compare page loads."""
    return (_loaded_bytes(browser, base_url, f"bandi/confronta/?bandi={','.join(slugs)}", calls=3)
            - _loaded_bytes(browser, base_url, "bandi/confronta/"))


def test_three_calls_cost_the_same_bytes_with_many_more_calls(browser, lab_url, large_site) -> None:
    with static_server.serve(large_site, gzip=True) as large_url:
        demo_count, _ = _current_calls(browser, lab_url)
        large_count, large_slugs = _current_calls(browser, large_url)
        assert large_count >= 3 * demo_count, (demo_count, large_count)
        demo_cost = _cost_of_three(browser, lab_url, DEMO_CALLS)
        large_cost = _cost_of_three(browser, large_url, large_slugs)
    assert demo_cost > 0
    # A file listing every call would add about 600 bytes per extra current call (> 15 KB here).
    assert large_cost <= demo_cost + 1024, (demo_cost, large_cost, demo_count, large_count)
