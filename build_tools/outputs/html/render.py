"""The pipeline's own Jinja2 environment: every generated page's content, autoescaped.

A renderer (MkDocs, ProperDocs, Zensical) receives, per page, three finished HTML parts —
``head`` (feed links, JSON-LD), ``content`` and ``scripts`` — and only wraps them in its
theme. Templates live in ``templates/``; links are written relative to each page
(:class:`~build_tools.outputs.html.urls.Linker`), so no renderer needs to rewrite them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from build_tools.outputs import Page
from build_tools.outputs.html.filters import FILTERS
from build_tools.outputs.html.urls import Linker, page_url
from build_tools.outputs.html.body_links import resolve_links
from build_tools.reading.markdown import render_markdown
from build_tools.reading.sanitize import sanitize_html

_SPLIT = Markup("<!--lab:split-->")


@dataclass
class PageContext:
    """What a template knows of the page it renders (``page`` in templates)."""

    source: str  # bandi/x.md
    url: str  # bandi/x/ (or bandi/x.html for a preview opened from disk)
    title: str
    description: str
    body: Markup = Markup("")
    extra: dict[str, Any] = field(default_factory=dict)


def _environment(linker: Linker) -> Environment:
    """One per build: its templates do not change while it lasts, so Jinja need not look at
    their files again each time a page asks for one (``auto_reload``: a stat per template a page
    renders or imports, thousands a build), as MkDocs's own environment does not."""
    env = Environment(loader=PackageLoader("build_tools.outputs.html", "templates"), autoescape=True,
                      undefined=StrictUndefined, keep_trailing_newline=False, auto_reload=False)
    env.filters.update(FILTERS)

    @pass_context
    def url(context: Context, target: str) -> str:
        return linker.relative(target, context["page"].url)

    env.filters["url"] = url
    return env


class PageRenderer:
    """Renders pages from templates with the site's views (``lab``) in scope."""

    def __init__(self, views: Any, sources: list[str], directory_urls: bool = True) -> None:
        self.linker = Linker(sources, directory_urls)
        self.directory_urls = directory_urls
        self.env = _environment(self.linker)
        self.env.globals.update(lab=views, split=_SPLIT)

    def url_of(self, source: str) -> str:
        return page_url(source, self.directory_urls)

    def body_html(self, markdown_text: str, source: str, checked: str | None = None) -> Markup:
        """An editor's Markdown body: rendered and sanitised (``checked``: as the checker already
        did it), then its relative links resolved for the page."""
        html = checked if checked is not None else sanitize_html(render_markdown(markdown_text))
        return Markup(self.own_links(html, source))

    def own_links(self, html: str, source: str) -> str:
        """``html`` (sanitised, or the pipeline's own) with its relative links resolved for ``source``'s page."""
        url = self.url_of(source)
        return resolve_links(html, source.rpartition("/")[0], lambda target: self.linker.relative(target, url))

    @staticmethod
    def safe_own(html: str) -> Markup:
        """HTML the pipeline wrote itself from its own text (the subscribe page): not content."""
        return Markup(html)

    def render(self, template: str, source: str, title: str, description: str, *, body: Markup = Markup(""),
               hide: tuple[str, ...] = ("toc",), **context: Any) -> Page:
        page = PageContext(source, self.url_of(source), title, description, body)
        context.setdefault("item", None)
        context.setdefault("feeds", [])
        text = self.env.get_template(template).render(page=page, **context)
        head, content, scripts = (part.strip() for part in text.split(_SPLIT))
        return Page(source, title, description, content, head, scripts, hide)
