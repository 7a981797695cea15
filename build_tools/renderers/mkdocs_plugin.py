"""The MkDocs adapter (default renderer, live preview); with :mod:`.mkdocs_chrome`, the only code importing MkDocs.

Per build it runs the pipeline once (:func:`build_tools.pipeline.build`), stops on any content
error with the checker's ``path:line: error: message`` lines (under ``serve`` it shows them
instead, as an Italian page in place of every page: :mod:`build_tools.outputs.html.errors`), and
adds every output: a forked process writes the files into ``site_dir`` while the pages are made
(:mod:`.file_writer`); pages become data-only stubs (:mod:`.stubs`) whose HTML ``overrides/main.html``
prints, in the theme's chrome rendered once per kind of page (:mod:`.mkdocs_chrome`), while
Pagefind indexes them (:mod:`.search_stream`). Staged by ``python -m build_tools stage``, they
render without this plugin.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage

from build_tools.clock import ClockError, resolve_now
from build_tools.deriving.status import DEFAULT_CLOSING_SOON_DAYS
from build_tools.outputs import Output, Page, SiteSettings, settings_from_extra, unpack
from build_tools.outputs.html.errors import error_page
from build_tools.pipeline import FewerCollections, build
from build_tools.renderers.file_writer import FileWriter, WriteError, write_outputs
from build_tools.renderers.markup import tidy_page
from build_tools.renderers.mkdocs_chrome import Chrome
from build_tools.renderers.old_site import PreviousSite
from build_tools.renderers.search import SearchIndexError
from build_tools.renderers.search_stream import StreamingIndex
from build_tools.renderers.stubs import HTML_KEYS, error_paths, packed_meta, stub
from build_tools.renderers.theme_css import ClassNames, purge_theme_css

if TYPE_CHECKING:  # only `mkdocs serve` loads the live-reload server (watchdog, http.server...)
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger(__name__)


class LabConfig(Config):
    """``plugins: - lab: {...}`` in mkdocs.yml."""

    enabled = c.Type(bool, default=True)
    content = c.Type(str, default="content")  # relative to mkdocs.yml
    closing_soon_days = c.Type(int, default=DEFAULT_CLOSING_SOON_DAYS)
    search_index = c.Type(bool, default=True)  # run Pagefind after the build


def site_settings(config: MkDocsConfig, files: Files) -> SiteSettings:
    """What the outputs need from the renderer's configuration (``extra``: :func:`settings_from_extra`)."""
    return SiteSettings(site_url=config.site_url, site_name=config.site_name, directory_urls=config.use_directory_urls,
                        hand_written=tuple(f.src_uri for f in files.documentation_pages()),
                        **settings_from_extra(config.extra))


class _WrittenFile(File):
    """A generated file the :class:`FileWriter` puts in the site folder itself: MkDocs knows it
    (links to it are checked) and has nothing to copy."""

    def copy_file(self, dirty: bool = False) -> None:
        pass

    def is_modified(self) -> bool:
        return False


class LabPlugin(BasePlugin[LabConfig]):
    """Publishes calls, stories and services from ``content/``."""

    _writer: FileWriter | None = None
    dirty = False
    indexed: set[str] = set()  # pages already given to the search index (by their source)
    serving = False
    showing_errors = False
    last_pages: frozenset[str] = frozenset()
    search: StreamingIndex | None = None
    chrome: Chrome | None = None
    previous: PreviousSite | None = None  # the previous build's files, overwritten in place

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"  # the live preview: content errors become a page, not a stop
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if self.config.closing_soon_days < 0:
            raise PluginError("lab: `closing_soon_days` deve essere un numero di giorni (0 o più)")
        self.root = Path(config.config_file_path or ".").resolve().parent
        self.content_dir = (self.root / self.config.content).resolve()
        self.html: dict[str, dict[str, str]] = {}
        self.unindexed: set[str] | None = None
        self.classes = ClassNames()
        self.collections = FewerCollections()
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        keep = self.config.enabled and not self.dirty  # MkDocs then finds the site folder empty
        self.previous = PreviousSite.set_aside(Path(config.site_dir)) if keep else None

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        self.marks = [time.perf_counter()]
        self.collections.start()
        if self.previous is not None:
            self.previous.put_back()
        try:
            now = resolve_now()
        except ClockError as exc:
            raise PluginError(f"lab: {exc}") from None
        self._stop_helpers()
        writer = self._writer = FileWriter(Path(config.site_dir))
        written: set[str] = set()

        def files_named(outputs: list[Output]) -> None:  # written while the pages are made
            for output in outputs:
                if files.get_file_from_path(output.path) is not None:
                    raise PluginError(f"lab: `{output.path}` è generato dai contenuti: toglilo da `{config.docs_dir}`")
            writer.start(outputs)
            written.update(output.path for output in outputs)

        try:
            result = build(self.content_dir, now, site_settings(config, files), self.config.closing_soon_days,
                           root=self.root, files_named=files_named)
        except (ValueError, WriteError) as exc:  # two outputs at one path, a missing site_url, a shallow clone...
            self._stop_helpers()
            raise PluginError(f"lab: {exc}") from None
        for warning in result.check.report.sorted():
            if not warning.is_error:
                log.info(warning.format())
        self.showing_errors = bool(result.errors) and self.serving
        if self.showing_errors:
            return self._error_site(result.errors, files, config)
        if result.errors:
            raise PluginError(result.error_text())
        if result.history_note:
            log.info(result.history_note)
        self.html, self.indexed, self.unindexed = {}, set(), None
        site = result.site
        assert site is not None
        # the first bundle: every page but the archive's sheets (fewer: the listings are not indexed)
        first_bundle = len(result.pages) - len(site.archived_calls) + len(files.documentation_pages())
        self.search = self._start_search(Path(config.site_dir), first_bundle)
        language = config.theme["language"] or "it"
        outputs, result.outputs = result.outputs, []
        outputs.reverse()
        while outputs:  # each output is let go once it is stored: the pipeline's peak is not added to
            output = outputs.pop()
            if files.get_file_from_path(output.path) is not None:
                raise PluginError(f"lab: `{output.path}` è generato dai contenuti: toglilo da `{config.docs_dir}`")
            if isinstance(output, Page):
                self.html[output.path] = packed_meta(output)  # deflated until the page is written
                file = File.generated(config, output.path, content=stub(output, with_html=False),
                                      inclusion=InclusionLevel.NOT_IN_NAV)
                if self.search is not None:  # indexed while MkDocs works: all Pagefind reads is our HTML
                    self.search.add_body(file.dest_uri, self.html[output.path]["lab_html"], language)
                    self.indexed.add(output.path)
            else:  # the files the pages come with (compare data, the explorer's list) are written here
                if output.path not in written:
                    write_outputs([output], Path(config.site_dir))
                file = _WrittenFile.generated(config, output.path, abs_src_path=str(Path(config.site_dir) / output.path))
            files.append(file)
        self.last_pages = frozenset(self.html)
        self.unindexed = {f.src_uri for f in files.documentation_pages()} - self.indexed
        if self.search is not None:
            self.search.write_archive()
        self.marks.append(time.perf_counter())
        log.info(f"{len(site.current_calls)} bandi correnti, {len(site.archived_calls)} in archivio, "
                 f"{len(site.stories)} storie, {len(site.services)} servizi (oggi è {now:%Y-%m-%d %H:%M})")
        return files

    def _start_search(self, site_dir: Path, first_bundle: int) -> StreamingIndex | None:
        if not self.config.search_index:
            return None
        try:
            return StreamingIndex(site_dir, first_bundle)
        except (SearchIndexError, OSError) as exc:
            raise PluginError(f"lab: {exc}") from None

    def on_nav(self, nav: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        """The generated pages (empty bodies) are not converted from Markdown, and get the theme's
        chrome made once per kind of page (:mod:`build_tools.renderers.mkdocs_chrome`)."""
        self.chrome = None
        if self.config.enabled and not self.showing_errors:
            self.chrome = Chrome(self.html, config.plugins.events.__getitem__)
            self.chrome.skip_markdown(f.page for f in files.documentation_pages() if f.page is not None)
        return nav

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        if self.chrome is not None:
            self.chrome.install()
        return env

    def _error_site(self, errors: list, files: Files, config: MkDocsConfig) -> Files:
        """Every page, generated or hand-written, shows the errors; the terminal lists them too."""
        for error in errors:
            log.info(f"ERRORE {error.format()}")
        log.info("l'anteprima mostra gli errori al posto delle pagine: correggi i file e salva")
        self.html = {"*": packed_meta(error_page("index.md", errors))}
        for path in error_paths(self.last_pages, config.nav, self.content_dir):
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, content=stub(error_page(path, errors), with_html=False),
                                            inclusion=InclusionLevel.NOT_IN_NAV))
        return files

    def on_page_context(self, context: dict, /, *, page: MkDocsPage, config: MkDocsConfig, nav: Any) -> dict | None:
        """The finished HTML joins the page's data just before its template is rendered (in
        memory, without a YAML round trip), and leaves it once the page is written."""
        packed = self.html.get(page.file.src_uri) or self.html.get("*")
        if packed:
            page.meta.update({key: unpack(value) for key, value in packed.items()})
        return context

    def on_post_page(self, output: str, /, *, page: MkDocsPage, config: MkDocsConfig) -> str | None:
        for key in HTML_KEYS:
            page.meta.pop(key, None)
        output = tidy_page(output)
        self.classes.add_html(output)
        if self.search is not None:
            if page.file.src_uri not in self.indexed:
                self.search.add(page.file.dest_uri, output)
            if self.unindexed is not None:  # the hand-written pages come first
                self.unindexed.discard(page.file.src_uri)
                if not self.unindexed:  # the first bundle has all its pages: written while MkDocs goes on
                    self.unindexed = None
                    self.search.write_first()
        return output

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str | None:
        if not template_name.endswith(".html"):
            return output_content
        output = tidy_page(output_content)
        self.classes.add_html(output)
        return output

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer | None:
        if self.config.enabled:
            server.watch(str(self.content_dir))
        return server

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        self.collections.stop()  # every page is written: what is left allocates little
        Chrome.uninstall()
        if self.chrome is not None and self.chrome.spliced:
            log.info(f"{self.chrome.spliced} pagine nella cornice del tema preparata una volta per tipo di pagina")
        writer, self._writer = self._writer, None
        try:  # the generated files, then the stylesheet and the search index
            if writer is not None:
                writer.wait()
        except WriteError as exc:
            self._stop_helpers()
            raise PluginError(f"lab: {exc}") from None
        if self.previous is not None:  # what this build did not write, before the stylesheet and the index read the site
            self.previous.sweep()
        purge_theme_css(Path(config.site_dir), self.classes)
        self.classes = ClassNames()
        search, self.search = self.search, None
        if search is None:
            return
        self.marks.append(time.perf_counter())
        try:
            search.finish()
        except SearchIndexError as exc:
            raise PluginError(f"lab: {exc}") from None
        self.marks.append(time.perf_counter())
        self._say_times()

    def _say_times(self) -> None:
        """Where this build's time went (``make bench`` reads it from ``$LAB_TIMINGS_FILE``)."""
        started, pages_ready, site_written, indexed = self.marks
        times = {"pipeline": pages_ready - started, "rendering": site_written - pages_ready,
                 "search_wait": indexed - site_written}
        log.info("tempi: contenuti e pagine %.1f s, impaginazione %.1f s, indice di ricerca %.1f s dopo l'ultima pagina",
                 *times.values())
        if os.environ.get("LAB_TIMINGS_FILE"):
            Path(os.environ["LAB_TIMINGS_FILE"]).write_text(json.dumps(times), encoding="utf-8")

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_helpers()
        self.collections.stop()

    def _stop_helpers(self) -> None:
        """Stop what runs beside MkDocs (the search index, the file writer); MkDocs renders its own pages again."""
        helpers, self.search, self._writer = (self.search, self._writer), None, None
        for helper in (h for h in helpers if h is not None):
            helper.stop()
        Chrome.uninstall()
