"""Markdown bodies to HTML, with the same extensions for every page, check and build.

The renderer never sees an editor's Markdown: the pipeline renders it here, rewrites the
relative links it contains for the published page, and hands the result to the sanitiser.
"""

from __future__ import annotations

import posixpath
import threading
from collections.abc import Callable
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor

#: What editors may use in a body (the contributor guide lists it).
EXTENSIONS = ["toc", "admonition", "attr_list", "md_in_html", "tables", "def_list"]
EXTENSION_CONFIGS = {"toc": {"permalink": True, "permalink_title": "Link a questa sezione"}}

#: ``link(path)`` turns a site-relative path into the URL written on the page.
LinkWriter = Callable[[str], str]


class _Links(Treeprocessor):
    """Relative ``href``/``src`` (``../servizi/orientamento.md``) resolved from the source's folder."""

    def __init__(self, md: markdown.Markdown, folder: str, link: LinkWriter | None) -> None:
        super().__init__(md)
        self.folder, self.link = folder, link

    def run(self, root: Element) -> None:
        if self.link is None:
            return
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is None or value.startswith(("#", "/")) or ":" in value.split("/")[0]:
                    continue
                path, hash_, fragment = value.partition("#")
                target = posixpath.normpath(posixpath.join(self.folder, path)) if path else ""
                if target.startswith(".."):
                    continue  # outside the site: the sanitiser's business, left as written
                if target.endswith(".md"):
                    target = target[:-3]
                    target = "" if target in ("index", ".") else (target[:-5] if target.endswith("/index") else target) + "/"
                elif target == ".":
                    target = ""
                element.set(attribute, self.link(target or ".") + hash_ + fragment)


_local = threading.local()


def _converter() -> tuple[markdown.Markdown, _Links]:
    """One Markdown instance per thread, reused (``reset()`` between bodies): building one loads
    and registers every extension, which cost as much as converting a body."""
    cached = getattr(_local, "converter", None)
    if cached is None:
        md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
        links = _Links(md, "", None)
        md.treeprocessors.register(links, "lab_links", 0)
        cached = _local.converter = (md, links)
    return cached


def render_markdown(text: str, folder: str = "", link: LinkWriter | None = None) -> str:
    """HTML of ``text``; relative links resolved from ``folder`` (site-relative) through ``link``."""
    md, links = _converter()
    links.folder, links.link = folder, link
    try:
        return md.reset().convert(text)
    finally:
        links.link = None
