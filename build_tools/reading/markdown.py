"""Markdown bodies to HTML, with the same extensions for every page, check and build.

The renderer never sees an editor's Markdown: the pipeline renders it here once, the checker
hands the result to the sanitiser (and keeps it), and each page resolves the relative links
of that sanitised HTML for where it is published.
"""

from __future__ import annotations

import threading

import markdown

from build_tools.reading.markdown_speed import SameHtmlFaster

#: What editors may use in a body (the contributor guide lists it).
EXTENSIONS = ["toc", "admonition", "attr_list", "md_in_html", "tables", "def_list"]
EXTENSION_CONFIGS = {"toc": {"permalink": True, "permalink_title": "Link a questa sezione"}}

_local = threading.local()


def _converter() -> markdown.Markdown:
    """One Markdown instance per thread, reused (``reset()`` between bodies): building one loads
    and registers every extension, which cost as much as converting a body. :class:`SameHtmlFaster`
    makes the same HTML faster."""
    md = getattr(_local, "converter", None)
    if md is None:
        md = _local.converter = markdown.Markdown(extensions=[*EXTENSIONS, SameHtmlFaster()],
                                                  extension_configs=EXTENSION_CONFIGS)
    return md


def render_markdown(text: str) -> str:
    """HTML of ``text``, links as written (the page's links are resolved after sanitising:
    :mod:`build_tools.outputs.html.body_links`)."""
    return _converter().reset().convert(text)
