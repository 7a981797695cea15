"""The renderer is a setting: MkDocs, ProperDocs and Zensical make the same site from the pipeline.

The reference is the session's strict build through the ``lab`` MkDocs plugin
(``tests/browser/sitebuild.py``, "now" fixed). The demo is then staged once
(``python -m build_tools stage``) to learn which pages and files the pipeline makes, and built
again with ``python -m build_tools build --renderer NAME`` (stage, render without our plugin,
Pagefind) for each pinned renderer (requirements/renderers.txt). Page by page, the title, meta
description, feed links, JSON-LD, visible text and links of the content, and Pagefind markers
must match; every generated file (feeds, calendars, JSON, CSV, assets) must match byte by byte;
the sitemap must list the same addresses and Pagefind must index as many pages. A renderer that
is not installed fails the test: `make test` installs them.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from site_compare import differences, generated_files, html_pages, page_facts

_spec = importlib.util.spec_from_file_location("lab_sitebuild", Path(__file__).parent / "browser" / "sitebuild.py")
sitebuild = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sitebuild)  # type: ignore[union-attr]

pytestmark = pytest.mark.slow

RENDERERS = ("mkdocs", "properdocs", "zensical")


def _run(*args: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("LAB_NOW", "LAB_TODAY")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    done = subprocess.run([sys.executable, "-m", "build_tools", *args], cwd=sitebuild.REPO, env=env,
                          capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        tail = "\n".join((done.stdout + "\n" + done.stderr).strip().splitlines()[-40:])
        pytest.fail(f"`python -m build_tools {' '.join(args)}` failed (exit {done.returncode}):\n{tail}", pytrace=False)


@pytest.fixture(scope="module")
def plugin_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sitebuild.built_site(tmp_path_factory)


@pytest.fixture(scope="module")
def staged_docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("staged")
    _run("stage", str(target), "--today", sitebuild.TODAY)
    return target / "docs"


@pytest.fixture(scope="module")
def pages(staged_docs: Path) -> list[str]:
    return html_pages(staged_docs)


@pytest.fixture(scope="module")
def files(staged_docs: Path) -> list[str]:
    return generated_files(staged_docs)


def test_the_comparison_sees_what_the_pipeline_makes(plugin_site: Path, pages: list[str], files: list[str]) -> None:
    """Guards the guard: the facts compared below are really there in the reference site."""
    facts = {rel: page_facts((plugin_site / rel).read_bytes()) for rel in pages}
    assert all(f["title"] and f["text"] for f in facts.values())
    assert sum(bool(f["json-ld"]) for f in facts.values()) >= 10
    assert sum(bool(f["feeds"]) for f in facts.values()) >= 10
    assert sum(any(m[1] == "data-pagefind-body" for m in f["pagefind"]) for f in facts.values()) >= 30
    assert sum(any(m[1] == "data-pagefind-ignore" for m in f["pagefind"]) for f in facts.values()) >= 10
    assert {"calendari/scadenze.ics", "dati/bandi.json", "dati/bandi.csv", "feed/tutto.xml"} <= set(files)


def test_a_difference_is_reported(plugin_site: Path, pages: list[str], files: list[str], tmp_path: Path) -> None:
    """A changed word, a changed link and a changed byte of a feed each show up."""
    other = tmp_path / "site"
    shutil.copytree(plugin_site, other)
    sheet = next(rel for rel in pages if rel.startswith("bandi/") and rel.count("/") == 2)
    soup = BeautifulSoup((other / sheet).read_bytes(), "html.parser")
    article = soup.select_one("article.md-content__inner")
    article.find("h1").string = "Un altro titolo"
    article.find("a", href=True)["href"] = "#altrove"
    (other / sheet).write_text(str(soup), encoding="utf-8")
    feed = other / "feed" / "tutto.xml"
    feed.write_bytes(feed.read_bytes().replace(b"<item>", b"<item> ", 1))
    found = differences(plugin_site, other, pages, files)
    assert any(d.startswith(f"{sheet}: text") for d in found), found
    assert any(d.startswith(f"{sheet}: links") for d in found), found
    assert "feed/tutto.xml: the bytes differ" in found


@pytest.mark.parametrize("renderer", RENDERERS)
def test_staged_site_matches_the_plugin(renderer: str, plugin_site: Path, pages: list[str], files: list[str],
                                        tmp_path: Path) -> None:
    if importlib.util.find_spec(renderer) is None:
        pytest.fail(f"{renderer} is not installed: `make test` installs requirements/renderers.txt", pytrace=False)
    site = tmp_path / f"site-{renderer}"
    _run("build", "--renderer", renderer, "--today", sitebuild.TODAY, "--", "-d", str(site))
    found = differences(plugin_site, site, pages, files)
    assert not found, f"{renderer} differs from the plugin's build on {len(found)} points:\n" + "\n".join(found[:40])
