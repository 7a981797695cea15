"""Links between generated pages, written relative to the page that holds them.

Relative links work under any base path (GitHub Pages' sub-folder), from a preview opened
from disk, and in every renderer, none of which has to rewrite them. Targets are
site-relative: ``bandi/`` (a page), ``feed/bandi.xml`` (a file), ``.`` (the home page).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from build_tools.deriving.site import CallPage, ServicePage, StoryPage


def page_location(source: str, directory_urls: bool = True) -> str:
    """Where the page made from ``source`` (``bandi/x.md``) is written: ``bandi/x/index.html``."""
    stem = source[:-3] if source.endswith(".md") else source
    if stem == "index" or stem.endswith("/index") or not directory_urls:
        return stem + ".html"
    return stem + "/index.html"


def page_url(source: str, directory_urls: bool = True) -> str:
    """The site-relative URL of the page made from ``source``: ``bandi/x/`` or ``bandi/x.html``."""
    location = page_location(source, directory_urls)
    if directory_urls and location.endswith("index.html"):
        return location[: -len("index.html")]
    return location


class Linker:
    """Writes links from one page to another page or file, given how pages are published.

    ``pages`` maps each page's directory-style URL (``bandi/x/``) to its source (``bandi/x.md``);
    with ``directory_urls`` off (a preview opened from disk) ``bandi/x/`` becomes ``bandi/x.html``.
    """

    def __init__(self, sources: "Iterable[str]", directory_urls: bool = True) -> None:
        self.directory_urls = directory_urls
        self._pages = {page_url(s): page_url(s, directory_urls) for s in sources}

    def target(self, target: str) -> str:
        """A site-relative target as published: the page's own URL, or the file as it is."""
        path, hash_, fragment = target.partition("#")
        if path in ("", "."):
            path = ""
        path = self._pages.get(path, path)
        if path.endswith("/") and not self.directory_urls:
            path += "index.html"
        if path == "" and not self.directory_urls:
            path = "index.html"
        return path + hash_ + fragment

    def relative(self, target: str, from_url: str) -> str:
        """``target`` (site-relative) as seen from the page published at ``from_url``."""
        if target.startswith(("http://", "https://", "mailto:", "tel:", "webcal:", "#", "/")):
            return target
        path, hash_, fragment = self.target(target).partition("#")
        base = posixpath.dirname(from_url) if not from_url.endswith("/") else from_url.rstrip("/")
        relative = relpath(path, base)
        if relative == ".":
            relative = "./"
        elif path.endswith("/") or path == "":
            relative += "/"
        return relative + hash_ + fragment


def relpath(path: str, base: str) -> str:
    """``posixpath.relpath(path or ".", base or ".")``, the same answer for site-relative paths
    without asking the system for the working directory twice a link (ten thousand links in a
    1,000-call build); anything unusual (``.``, ``..``, a leading ``/``) goes to ``posixpath``.
    ``tests/test_urls.py`` compares the two."""
    to = [part for part in path.split("/") if part]
    start = [part for part in base.split("/") if part]
    if path.startswith("/") or base.startswith("/") or any(part in (".", "..") for part in (*to, *start)):
        return posixpath.relpath(path or ".", base or ".")
    common = 0
    for mine, theirs in zip(to, start):
        if mine != theirs:
            break
        common += 1
    return "/".join([".."] * (len(start) - common) + to[common:]) or "."


def source_uri(page: "CallPage | StoryPage | ServicePage") -> str:
    """Source path of an item page: ``bandi/<slug>.md`` (published at ``bandi/<slug>/``)."""
    return page.url.rstrip("/") + ".md"


def image_path(page: StoryPage) -> str | None:
    """Where a story's image is published: ``storie/<slug>/immagine.<ext>`` (the extension its content proves)."""
    image = page.entry.image
    if image is None:
        return None
    return f"{page.url}immagine.{image.kind}"
