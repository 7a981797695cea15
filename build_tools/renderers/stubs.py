"""A generated page as a renderer reads it: a Markdown file whose front matter carries only data.

Every renderer (MkDocs, ProperDocs, Zensical) prints ``title`` and ``description`` in its
theme without escaping them, so they are HTML-escaped here, once; the finished HTML parts
travel as ``lab_head``, ``lab_html`` and ``lab_scripts`` and are printed as they are by
``overrides/main.html``. The body stays empty: no renderer parses our content as Markdown.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from markupsafe import escape

from build_tools.outputs import Page
from build_tools.reading.loader import content_files
from build_tools.reading.registry import COLLECTIONS


def escaped(text: str) -> str:
    """Plain text made safe for any HTML context a theme prints it in (text or attribute)."""
    return str(escape(" ".join(text.split())))


def stub_meta(page: Page) -> dict[str, Any]:
    """What the theme reads directly: the escaped title and description, which chrome to hide."""
    return {"title": escaped(page.title), "description": escaped(page.description), "hide": list(page.hide)}


#: The page data that carries the finished HTML parts (head, content, scripts).
HTML_KEYS = ("lab_head", "lab_html", "lab_scripts")


def html_meta(page: Page) -> dict[str, str]:
    """The finished HTML parts, printed by ``overrides/main.html``."""
    return dict(zip(HTML_KEYS, (page.head, page.content, page.scripts)))


def packed_meta(page: Page) -> dict[str, bytes]:
    """:func:`html_meta` packed (:func:`build_tools.outputs.pack`): how an adapter holds a page until it renders it."""
    return dict(zip(HTML_KEYS, page.packed))


def front_matter(meta: dict[str, Any]) -> str:
    """YAML front matter with every value as JSON (JSON is YAML: any text is safely quoted)."""
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n"


def stub(page: Page, with_html: bool = True) -> str:
    """The Markdown file for ``page``: data-only front matter, empty body."""
    meta = stub_meta(page)
    if with_html:
        meta.update(html_meta(page))
    return front_matter(meta)


def error_paths(last_pages: frozenset[str], nav: Any, content_dir: Path) -> list[str]:
    """Where the live preview shows the content's errors: every page of the last good build, of
    the nav, and each item's own address, even before its first good build."""
    paths = set(last_pages) | set(_nav_paths(nav))
    for collection in COLLECTIONS:
        for path in content_files(content_dir / collection.folder):
            paths.add(collection.url(path.stem).rstrip("/") + ".md")
    return sorted(paths)


def _nav_paths(nav: Any) -> list[str]:
    """Every page path named in ``nav:`` (strings ending in ``.md``, at any depth)."""
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") else []
    if isinstance(nav, dict):
        return [p for value in nav.values() for p in _nav_paths(value)]
    if isinstance(nav, list):
        return [p for value in nav for p in _nav_paths(value)]
    return []
