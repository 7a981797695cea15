"""The pull-request preview opens from disk: one file per page, every link reaches a file, search explained.

Builds a copy of the project with ``mkdocs.anteprima.yml`` (what the check workflow uploads)
and follows every relative link of every page as a browser would from ``file://``: a link to
a folder would show a folder listing there, so each must reach a file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.test_plugin import copy_project, parse

pytestmark = pytest.mark.slow

NOTICE = "la ricerca funziona solo sul sito pubblicato"


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("anteprima") / "project")
    shutil.copy2(Path(__file__).resolve().parents[1] / "mkdocs.anteprima.yml", project / "mkdocs.anteprima.yml")
    env = {k: v for k, v in os.environ.items() if k not in ("LAB_NOW", "LAB_TODAY", "SITE_URL")}
    result = subprocess.run([sys.executable, "-m", "build_tools", "build", "--today", "2026-11-25",
                             "-f", "mkdocs.anteprima.yml", "-d", "anteprima"],
                            cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "anteprima"


def test_every_section_is_a_file_and_the_home_is_index_html(preview):
    for path in ("index.html", "bandi/index.html", "bandi/archivio.html", "storie/index.html", "servizi/index.html",
                 "eventi/index.html", "laboratorio.html", "cerca.html"):
        assert (preview / path).is_file(), path
    assert not (preview / "laboratorio").exists(), "no folder per page: one file each"


def test_every_relative_link_reaches_a_file(preview):
    checked, broken = 0, []
    for page in sorted(preview.rglob("*.html")):
        if page.name == "404.html":  # served by a web server only, with absolute links
            continue
        for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for element in parse(page).find_all(tag):
                url = element.get(attr)
                if not url or urlsplit(url).scheme or url.startswith(("#", "//", "/")):
                    continue
                checked += 1
                path = urlsplit(url).path
                target = (page.parent / unquote(path)).resolve() if path else page
                if not target.is_file():
                    broken.append(f"{page.relative_to(preview)}: {url}")
    assert checked > 500
    assert broken == []


def test_every_page_says_search_needs_the_published_site(preview):
    for path in ("index.html", "cerca.html", "bandi/index.html"):
        assert NOTICE in parse(preview / path).get_text(" "), path


def test_the_footer_reaches_the_accessibility_statement_from_disk(preview):
    for path in ("index.html", "bandi/index.html", "bandi/confronta.html"):
        page = preview / path
        link = next(a for a in parse(page).select(".md-footer a") if "accessibilità" in a.get_text())
        assert not urlsplit(link["href"]).scheme, link["href"]
        assert (page.parent / link["href"]).resolve() == (preview / "accessibilita.html").resolve(), (path, link["href"])
