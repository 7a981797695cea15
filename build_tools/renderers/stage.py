"""``python -m build_tools stage DIR``: a complete docs folder and config any renderer can build alone.

The pipeline runs once; every page becomes a Markdown stub whose front matter carries its
finished HTML (:mod:`build_tools.renderers.stubs`), every other output a file, next to a
copy of the hand-written pages. The generated ``mkdocs.yml`` is the project's own with the
``lab`` plugin taken out and the paths made absolute, so MkDocs, ProperDocs and Zensical
render the same site with no code of ours. ``build --renderer`` stages, renders, indexes.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from build_tools.outputs import Page, SiteSettings, settings_from_extra
from build_tools.deriving.history import HistoryError
from build_tools.pipeline import Build, build
from build_tools.renderers.file_writer import WriteError, write_outputs
from build_tools.renderers.markup import tidy_site
from build_tools.renderers.search import index_site
from build_tools.renderers.theme_css import purge_theme_css
from build_tools.renderers.stubs import stub

from build_tools.renderers import RENDERERS
PLUGIN = "lab"


class StageError(RuntimeError):
    """A problem an editor or a developer can fix: the message is Italian and complete."""


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml's own tags: ``!ENV [NAME, default]`` is resolved now, as the renderer would."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    names = [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node)
    *keys, default = names if len(names) > 1 else (*names, None)
    return next((os.environ[k] for k in keys if k in os.environ), default)


_ConfigLoader.add_constructor("!ENV", _env_tag)


def read_config(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_ConfigLoader) or {}


def _plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and PLUGIN in plugin:
            return plugin[PLUGIN] or {}
    return {}


def _without_plugin(plugins: list[Any]) -> list[Any]:
    return [p for p in plugins if p != PLUGIN and not (isinstance(p, dict) and PLUGIN in p)]


@dataclass
class Staged:
    config_file: Path
    site_dir: Path
    result: Build


def _settings(config: dict[str, Any], docs: Path) -> SiteSettings:
    hand_written = tuple(sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md")))
    try:
        extra = settings_from_extra(config.get("extra"))
    except ValueError as exc:
        raise StageError(str(exc)) from None
    return SiteSettings(site_url=config.get("site_url"), site_name=config.get("site_name", SiteSettings.site_name),
                        directory_urls=config.get("use_directory_urls", True), hand_written=hand_written, **extra)


def stage(target: Path, now: datetime, config_file: Path = Path("mkdocs.yml"), site_dir: Path | None = None) -> Staged:
    """Write ``target/docs/`` and ``target/mkdocs.yml``; raise :class:`StageError` on content errors."""
    config_file = config_file.resolve()
    root = config_file.parent
    config = read_config(config_file)
    options = _plugin_options(config)
    docs_source = root / config.get("docs_dir", "docs")
    target = target.resolve()
    docs = target / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(docs_source, docs)
    days = int(options.get("closing_soon_days", 14))
    try:
        result = build((root / options.get("content", "content")).resolve(), now, _settings(config, docs), days,
                       root=root)
    except HistoryError as exc:  # a shallow clone: the calls' history would be wrong
        raise StageError(str(exc)) from None
    if result.errors:
        raise StageError(result.error_text())
    for output in result.outputs:
        path = docs / output.path
        if path.exists():
            raise StageError(f"`{output.path}` è generato dai contenuti: toglilo da `{config.get('docs_dir')}`")
        if isinstance(output, Page):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(stub(output), encoding="utf-8")
    try:
        write_outputs(result.files, docs)
    except WriteError as exc:
        raise StageError(str(exc)) from None
    staged = dict(config)
    # Relative to the generated config, as every renderer resolves them; Zensical refuses an
    # absolute docs_dir and a site_dir outside the config's folder (render() moves its output).
    staged["docs_dir"] = "docs"
    staged["site_dir"] = "site"
    # Generated pages are reachable from listings, not from the nav, as the plugin declares them
    generated = [f"/{output.path}" for output in result.outputs if isinstance(output, Page)]
    staged["not_in_nav"] = "\n".join([*filter(None, [config.get("not_in_nav")]), *generated])
    staged["plugins"] = _without_plugin(config.get("plugins") or [])  # [] keeps the renderer's search off
    # Dates as text (`accessibility_statement_date`): Zensical refuses a YAML date anywhere in `extra`.
    staged["extra"] = {k: v.isoformat() if isinstance(v, date) else v for k, v in (config.get("extra") or {}).items()}
    theme = dict(staged.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((root / theme["custom_dir"]).resolve())
    staged["theme"] = theme
    staged.pop("INHERIT", None)
    out = target / "mkdocs.yml"
    header = f"# Generated by `python -m build_tools stage` from {config_file.name}: do not edit.\n"
    out.write_text(header + yaml.safe_dump(staged, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return Staged(out, (site_dir or target / "site").resolve(), result)


def renderer_command(renderer: str) -> list[str]:
    """How to run ``renderer``: as a module of this Python (``make`` installs the pinned ones in
    the same venv), else its console script next to this Python or on PATH, else fail."""
    if renderer not in RENDERERS:
        raise StageError(f"renderer sconosciuto: {renderer} (scegli tra {', '.join(RENDERERS)})")
    if importlib.util.find_spec(renderer) is not None:
        return [sys.executable, "-m", renderer]
    local = Path(sys.executable).parent / renderer
    found = str(local) if local.exists() else shutil.which(renderer)
    if found is None:
        raise StageError(f"`{renderer}` non è installato: `make renderers` lo installa con le versioni fissate "
                         f"(requirements/renderers.txt)")
    return [found]


def render(staged: Staged, renderer: str, strict: bool = True, extra: list[str] | None = None) -> None:
    """Build the staged folder with ``renderer``, then index it with Pagefind."""
    command = [*renderer_command(renderer), "build", "-f", str(staged.config_file)]
    if strict:
        command.append("--strict")
    if renderer != "zensical":  # Zensical has no -d: it writes the config's site_dir, moved below
        command += ["-d", str(staged.site_dir)]
    command += extra or []
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(command, env=env, check=False)
    if done.returncode != 0:
        raise StageError(f"{renderer} non è riuscito a costruire il sito (codice {done.returncode})")
    if renderer == "zensical":
        _move_site(staged.config_file.parent / "site", staged.site_dir)
    purge_theme_css(staged.site_dir, tidy_site(staged.site_dir))
    index_site(staged.site_dir)


def _move_site(built: Path, site_dir: Path) -> None:
    if built.resolve() == site_dir.resolve():
        return
    if site_dir.exists():
        shutil.rmtree(site_dir)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(built), str(site_dir))

