"""No English string a visitor can see: theme chrome, search UI, aria labels, 404 (the site speaks Italian).

Scans every page of the built demo site (``tests/browser/sitebuild.py``): the text a browser shows
(scripts, styles and code excluded) and the attributes a screen reader or a tooltip reads.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

bs4 = pytest.importorskip("bs4")

_spec = importlib.util.spec_from_file_location("lab_sitebuild", Path(__file__).parent / "browser" / "sitebuild.py")
sitebuild = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sitebuild)  # type: ignore[union-attr]

pytestmark = pytest.mark.slow

#: English UI strings themes and search widgets print (Material, Pagefind's default UI).
ENGLISH = ("Made with", "Material for MkDocs", "Skip to content", "Back to top", "Type to start searching",
           "Initializing search", "No results", "Load more", "Clear", "Search", "Tabs", "Previous", "Next",
           "Table of contents", "Copy to clipboard", "Page not found", "Filters", "results for", "Share",
           "Close", "Edit this page", "Last update", "Footer", "Header", "Navigation", "Read more", "Menu")
_WORDS = re.compile(r"\b(" + "|".join(re.escape(w) for w in ENGLISH) + r")\b")
_READ = ("aria-label", "title", "placeholder", "alt", "value")


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sitebuild.built_site(tmp_path_factory)


def visible_strings(html: str) -> list[str]:
    doc = bs4.BeautifulSoup(html, "html.parser")
    for tag in doc.select("script, style, code, pre, template"):
        tag.decompose()
    found = [doc.get_text(" ")]
    found += [str(tag[attr]) for attr in _READ for tag in doc.find_all(attrs={attr: True})
              if not (tag.name == "input" and attr == "value" and tag.get("type") in ("checkbox", "radio", "hidden"))
              and not (tag.name == "option" and attr == "value")]
    return found


def test_no_english_ui_string_in_the_built_site(site_dir: Path) -> None:
    offenders = []
    for path in sorted(site_dir.rglob("*.html")):
        if "pagefind" in path.relative_to(site_dir).parts:
            continue
        for text in visible_strings(path.read_text(encoding="utf-8")):
            offenders += [f"{path.relative_to(site_dir)}: {m.group(0)!r} in «{text[max(0, m.start() - 30):m.end() + 30].strip()}»"
                          for m in _WORDS.finditer(text)]
    assert not offenders, "\n".join(offenders[:30])


def test_the_scan_sees_english_when_there_is_some() -> None:
    """The scanner itself: the footer and aria labels Material prints in English are caught."""
    html = ('<footer><div class="md-copyright">Made with <a href="#">Material for MkDocs</a></div>'
            '<nav aria-label="Tabs"></nav><script>var x = "Search";</script></footer>')
    found = [m.group(0) for text in visible_strings(html) for m in _WORDS.finditer(text)]
    assert found == ["Made with", "Material for MkDocs", "Tabs"]


def test_footer_links_the_accessibility_statement(site_dir: Path) -> None:
    home = bs4.BeautifulSoup((site_dir / "index.html").read_text(encoding="utf-8"), "html.parser")
    link = home.select_one(".md-footer a[href='accessibilita/']")
    assert link is not None and link.get_text(strip=True) == "Dichiarazione di accessibilità"
    page = bs4.BeautifulSoup((site_dir / "accessibilita" / "index.html").read_text(encoding="utf-8"), "html.parser")
    headings = [h.get_text(strip=True).rstrip("¶") for h in page.select("article h2")]
    for section in ("Stato di conformità", "Contenuti non accessibili", "Redazione della dichiarazione",
                    "Meccanismo di feedback e informazioni di contatto", "Procedura di attuazione"):
        assert section in headings, headings
