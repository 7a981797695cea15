"""The MkDocs adapter: the only module that imports MkDocs. Thin by design.

Per build it runs the content pipeline once (checks → site → outputs), stops on any
content error with the checker's ``path:line: error: message`` lines, adds every output as
an in-memory file (``.md`` outputs become pages, kept out of the nav), hands the templates
their data, and indexes the built site with Pagefind.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from build_tools.pipeline import run_checks
from build_tools.clock import ClockError, resolve_now
from build_tools.outputs.html.filters import FILTERS
from build_tools.outputs import SiteSettings, build_outputs
from build_tools.deriving.site import build_site
from build_tools.deriving.status import DEFAULT_CLOSING_SOON_DAYS
from build_tools.outputs.html.views import SiteViews

if TYPE_CHECKING:  # only `mkdocs serve` loads the live-reload server (watchdog, http.server...)
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger(__name__)

#: Our own templates are rendered with autoescaping on (Material's keep their own setting).
_ESCAPED_TEMPLATES = ("lab/", "main.html", "404.html")


class LabConfig(Config):
    """``plugins: - lab: {...}`` in mkdocs.yml."""

    enabled = c.Type(bool, default=True)
    content = c.Type(str, default="content")  # relative to mkdocs.yml
    closing_soon_days = c.Type(int, default=DEFAULT_CLOSING_SOON_DAYS)
    timezone = c.Choice(("Europe/Rome",), default="Europe/Rome")  # fixed by the content contract
    demo = c.Type(bool, default=False)  # illustrative content: say so on every page
    search_index = c.Type(bool, default=True)  # run Pagefind after the build


class LabPlugin(BasePlugin[LabConfig]):
    """Publishes calls, stories and services from ``content/``."""

    views: SiteViews | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if self.config.closing_soon_days < 0:
            raise PluginError("lab: `closing_soon_days` deve essere un numero di giorni (0 o più)")
        self.root = Path(config.config_file_path or ".").resolve().parent
        self.content_dir = (self.root / self.config.content).resolve()
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        try:
            now = resolve_now()
        except ClockError as exc:
            raise PluginError(f"lab: {exc}") from None
        days = self.config.closing_soon_days
        result = run_checks(self.content_dir, now, days, root=self.root)
        for warning in result.report.sorted():
            if not warning.is_error:
                log.info(warning.format())
        errors = [d for d in result.report.sorted() if d.is_error]
        if errors:
            lines = "\n".join(d.format() for d in errors)
            count = "1 errore" if len(errors) == 1 else f"{len(errors)} errori"
            raise PluginError(f"il contenuto ha {count}: il sito non è stato costruito\n{lines}")
        site = build_site(result.content, now, days)
        settings = SiteSettings(site_url=config.site_url, demo=self.config.demo, site_name=config.site_name)
        try:
            outputs = build_outputs(site, settings)
        except ValueError as exc:  # two outputs at one path, a missing site_url...
            raise PluginError(f"lab: {exc}") from None
        for output in outputs:
            if files.get_file_from_path(output.path) is not None:
                raise PluginError(f"lab: `{output.path}` è generato dai contenuti: toglilo da `{config.docs_dir}`")
            page = output.path.endswith(".md")
            inclusion = InclusionLevel.NOT_IN_NAV if page else InclusionLevel.UNDEFINED
            files.append(File.generated(config, output.path, content=output.content, inclusion=inclusion))
        self.views = SiteViews(site, settings, (o.path for o in outputs))
        log.info(f"{len(site.current_calls)} bandi correnti, {len(site.archived_calls)} in archivio, "
                 f"{len(site.stories)} storie, {len(site.services)} servizi (oggi è {now:%Y-%m-%d %H:%M})")
        return files

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment | None:
        env.autoescape = lambda name: bool(name) and name.startswith(_ESCAPED_TEMPLATES)
        env.filters.update(FILTERS)
        env.globals["lab"] = self.views
        return env

    def on_page_context(self, context: dict[str, Any], /, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> dict[str, Any] | None:
        context["item"] = self.views.item(page.file.src_uri) if self.views else None
        return context

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer | None:
        if self.config.enabled:
            server.watch(str(self.content_dir))
        return server

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not (self.config.enabled and self.config.search_index):
            return
        command = [sys.executable, "-m", "pagefind", "--site", config.site_dir, "--silent",
                   "--exclude-selectors", ".headerlink"]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise PluginError(f"lab: Pagefind non è riuscito a indicizzare il sito:\n{done.stderr or done.stdout}")
