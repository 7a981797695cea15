"""The theme's chrome around the generated pages, rendered once per kind of page, not once per page.

Every call sheet sits at the same depth of the site, hides the same sidebars and has the same
navigation state (none: generated pages are not in the nav), so Material wraps each of them in
the same HTML but for a few values: the title, the description, the page's address and the
parts our pipeline made. Rendering Material's templates for every page is most of MkDocs's
time on a large site (about 3 ms a page); here MkDocs renders them once per shape of page with
a marker in place of each of those values, and each page is that chrome with its own values
put in, then goes through MkDocs's ``post_page`` event and is written as MkDocs writes it.

It proves itself as it goes: in each process, the first two pages of every shape are rendered
by MkDocs as usual and compared with what the chrome gives for them; if they differ (a theme or
a plugin printing something else of the page) that shape goes through MkDocs page by page.
The chrome is made when a shape's second page comes: a shape of one page (a listing's only
page past the first, in its own folder) costs one rendering, as it would without the chrome.
It stays off when another plugin watches pages being rendered. ``tests/test_mkdocs_chrome.py``
compares whole sites built both ways, byte for byte.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from mkdocs import utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from build_tools.outputs import unpack

log = logging.getLogger("mkdocs.commands.build")

#: What varies between pages of one shape, in the order of the markers' numbers.
SLOTS = ("name", "title", "description", "lab_head", "lab_html", "lab_scripts")
#: Pages of a shape compared with MkDocs's own rendering before the chrome is trusted.
PROOFS = 2

_BUILD_PAGE = mkdocs_build._build_page


class Chrome:
    """The chrome of one build's generated pages: :meth:`skip_markdown` in ``on_nav``, :meth:`install`
    in ``on_env``, :meth:`uninstall` after."""

    def __init__(self, parts: Mapping[str, Mapping[str, bytes]], watchers: Callable[[str], list[Any]]) -> None:
        """``parts``: each generated page's HTML parts by source path (``lab_html``…, packed:
        :func:`build_tools.outputs.pack`);
        ``watchers(event)``: the plugins' handlers of a page event (only the adapter's may run)."""
        self._parts = parts
        self._nonce = secrets.token_hex(6)
        self._marker = re.compile(f"lab{self._nonce}m([0-9])x")
        self._shapes: dict[tuple, list[str | int] | None] = {}  # None: rendered page by page
        self._proofs: dict[tuple, int] = {}
        #: A shape's first page, with its values and MkDocs's rendering, until its second comes.
        self._first: dict[tuple, tuple[Page, list[str], str]] = {}
        self.spliced = 0  # pages given the chrome (the others: MkDocs rendered them)
        self.enabled = os.environ.get("LAB_CHROME", "1") != "0" and all(
            len(watchers(event)) <= 1 for event in ("page_context", "post_page"))

    def skip_markdown(self, pages: Iterable[Page]) -> None:
        """Generated pages have an empty body (their HTML is in their data): MkDocs need not set up
        Python-Markdown for each (a third of a millisecond a page) to convert nothing."""
        if not self.enabled:
            return
        for page in pages:
            if page.file.src_uri in self._parts:
                page.render = _render_unless_empty(page, page.render)  # type: ignore[method-assign]

    def install(self) -> None:
        if self.enabled:
            mkdocs_build._build_page = self.build_page

    @staticmethod
    def uninstall() -> None:
        mkdocs_build._build_page = _BUILD_PAGE

    def build_page(self, page: Page, config: Any, doc_files: Any, nav: Any, env: Any,
                   dirty: bool = False, excluded: bool = False) -> None:
        """MkDocs's ``_build_page``; a generated page of a proven shape is its chrome with its values."""
        parts = self._parts.get(page.file.src_uri)
        values = _values(page, parts) if parts is not None and not dirty and not excluded else None
        key = _shape(page, values) if values is not None else None
        in_nav = any(p is page for p in nav.pages)  # the nav shows it as the current page: a chrome of its own
        if values is None or in_nav or self._shapes.get(key, []) is None:
            return _BUILD_PAGE(page, config, doc_files, nav, env, dirty, excluded)
        config._current_page = page
        try:
            page.active = True
            chrome = self._shapes.get(key)
            if chrome and self._proofs[key] >= PROOFS:
                output = _splice(chrome, values)
                self.spliced += 1
            else:
                output = self._prove(key, page, values, config, doc_files, nav, env)
            output = config.plugins.on_post_page(output, page=page, config=config)
            utils.write_file(output.encode("utf-8", errors="xmlcharrefreplace"), page.file.abs_dest_path)
        except Exception as exc:
            log.error(f"Error building page '{page.file.src_uri}': {exc}")
            raise
        finally:
            page.active = False
            config._current_page = None

    def _prove(self, key: tuple, page: Page, values: list[str], config: Any, doc_files: Any, nav: Any,
               env: Any) -> str:
        """MkDocs's own rendering of ``page``; from the shape's second page on, the shape's chrome
        (made from the first page, the second time) checked against it."""
        output = _render(page, config, doc_files, nav, env)
        if key not in self._shapes and key not in self._first:  # the first page: kept until a second comes
            self._first[key] = (page, values, output)
            return output
        checks = [(values, output)]
        chrome = self._shapes.get(key)
        if chrome is None:
            first, first_values, first_output = self._first.pop(key)
            chrome = self._chrome(first, first_values, config, doc_files, nav, env)
            config._current_page = page
            checks.append((first_values, first_output))
        if chrome is None or any(_splice(chrome, these) != rendered for these, rendered in checks):
            log.debug(f"lab: the theme's chrome differs for '{page.file.src_uri}': rendered page by page")
            chrome = None
        self._shapes[key] = chrome
        self._proofs[key] = self._proofs.get(key, 0) + len(checks)
        return output

    def _chrome(self, page: Page, values: list[str], config: Any, doc_files: Any, nav: Any,
                env: Any) -> list[str | int] | None:
        """The theme's HTML around a twin of ``page`` whose values are markers, cut at the markers."""
        marks = [f"lab{self._nonce}m{i}x" for i in range(len(SLOTS))]
        head, found, tail = page.file.src_uri.rpartition(values[0])
        if not found:
            return None
        twin = Page(None, File.generated(config, head + marks[0] + tail, content="", inclusion=page.file.inclusion),
                    config)
        if twin.url.replace(marks[0], values[0]) != page.url:
            return None
        twin.meta = dict(page.meta)
        for key, mark, value in zip(SLOTS[1:], marks[1:], values[1:]):
            twin.meta[key] = mark if value else value
        twin.content, twin.toc = page.content, page.toc
        twin.previous_page, twin.next_page, twin.parent = page.previous_page, page.next_page, page.parent
        twin.active = True
        config._current_page = twin
        try:
            html = _render(twin, config, doc_files, nav, env)
        finally:
            config._current_page = page
        pieces = self._marker.split(html)
        return [piece if i % 2 == 0 else int(piece) for i, piece in enumerate(pieces)]


def _values(page: Page, parts: Mapping[str, bytes]) -> list[str]:
    """What the theme prints of ``page`` that differs between pages of one shape, in :data:`SLOTS` order."""
    return [page.url.rstrip("/").rpartition("/")[2], page.meta.get("title", ""), page.meta.get("description", ""),
            *(unpack(parts[key]) if key in parts else "" for key in SLOTS[3:])]


def _shape(page: Page, values: list[str]) -> tuple:
    """What the chrome depends on besides the values: the page's folder, its other data, and
    which values are empty (a theme prints nothing, not an empty element, for those)."""
    other = tuple(sorted((key, repr(value)) for key, value in page.meta.items() if key not in SLOTS))
    folder = page.url.rstrip("/").rpartition("/")[0]
    return folder, page.url.endswith("/"), page.file.src_uri.endswith("index.md"), other, tuple(map(bool, values))


def _render_unless_empty(page: Page, render: Callable[[Any, Any], None]) -> Callable[[Any, Any], None]:
    """``page.render``, or for an empty body what it would set: no HTML, no headings, no anchors."""

    def render_unless_empty(config: Any, files: Any) -> None:
        if page.markdown and page.markdown.strip():
            return render(config, files)
        page.content, page.toc, page._title_from_render = "", get_toc([]), None
        page.present_anchor_ids = set()
        if logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = {}
        return None

    return render_unless_empty


def _render(page: Page, config: Any, doc_files: Any, nav: Any, env: Any) -> str:
    """What MkDocs's ``_build_page`` renders for ``page``, before ``post_page``."""
    context = mkdocs_build.get_context(nav, doc_files, config, page)
    template = env.get_template(page.meta.get("template", "main.html"))
    context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
    return template.render(context)


def _splice(chrome: list[str | int], values: list[str]) -> str:
    return "".join(values[piece] if isinstance(piece, int) else piece for piece in chrome)
