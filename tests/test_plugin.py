"""The MkDocs plugin on copies of the project: dates move calls, content errors stop the build.

Each build runs the real command (``python -m build_tools build``, strict) on a copy of
mkdocs.yml, pages/, overrides/ and content/ in a temporary folder, so content can be changed
freely. A full build costs a couple of seconds; failing builds stop before rendering.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

bs4 = pytest.importorskip("bs4")

_spec = importlib.util.spec_from_file_location("lab_sitebuild", Path(__file__).parent / "browser" / "sitebuild.py")
sitebuild = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sitebuild)  # type: ignore[union-attr]

REPO = sitebuild.REPO
PROJECT_PARTS = ("mkdocs.yml", "pages", "overrides", "content")
# Deadline 7 December 2026 (a bare date: open until 23:59:59 that day).
PRIZE = "premio-innovazione-digitale-cooperative"

BROKEN_CALL = """---
title: Un bando scritto male
summary: Una scheda con errori, per verificare che la costruzione del sito si fermi.
funder: Regione Lazio
funding_source: regionale
support_types: [grant]
beneficiaries: [cooperatives]
pathways: [existing_business]
scope: lazio
deadline: 2027-03-31
url: https://www.regione.lazio.it/
published: 2026-10-01
---
Testo.
"""

ODD_TITLE_CALL = """---
title: "Cooperative & <b>imprese</b>: un titolo con caratteri speciali"
summary: 'Una scheda con "virgolette" e <i>tag</i>: http-equiv="refresh" content="0;url=https://evil.example" resta testo.'
funder: Regione Lazio & partner
funding_source: regional
support_types: [grant]
beneficiaries: [cooperatives]
pathways: [existing_business]
scope: lazio
deadline: 2027-03-31
url: https://www.regione.lazio.it/
published: 2026-10-01
---
Testo della scheda.
"""


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    return target


def build(project: Path, today: str, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LAB_NOW", "LAB_TODAY", "SITE_URL")}
    command = [sys.executable, "-m", "build_tools", "build", "--today", today, "--",
               "-f", str(project / "mkdocs.yml"), "-d", str(project / "site"), *extra]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=600)


def parse(path: Path) -> bs4.BeautifulSoup:
    return bs4.BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def listed_calls(site: Path) -> set[str]:
    doc = parse(site / "bandi" / "index.html")
    return {a["href"].rstrip("/").rsplit("/", 1)[-1] for a in doc.select("#lab-calls .lab-card__title a")}


def archived_calls(site: Path) -> set[str]:
    doc = parse(site / "bandi" / "archivio" / "index.html")
    return {a["href"].rstrip("/").rsplit("/", 1)[-1] for a in doc.select(".lab-lines a")}


@pytest.fixture(scope="module")
def later(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project, with one odd call added, built as on 8 December 2026."""
    project = copy_project(tmp_path_factory.mktemp("later") / "project")
    (project / "content" / "calls" / "titolo-con-caratteri-speciali.md").write_text(ODD_TITLE_CALL, encoding="utf-8")
    pages_before = sorted(p.relative_to(project) for p in (project / "pages").rglob("*"))
    result = build(project, "2026-12-08")
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.relative_to(project) for p in (project / "pages").rglob("*")) == pages_before
    return project


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sitebuild.built_site(tmp_path_factory)


def test_a_call_moves_to_the_archive_when_its_deadline_passes(demo_site: Path, later: Path) -> None:
    assert PRIZE in listed_calls(demo_site) and PRIZE not in archived_calls(demo_site)
    site = later / "site"
    assert PRIZE not in listed_calls(site) and PRIZE in archived_calls(site)
    sheet = parse(site / "bandi" / PRIZE / "index.html")
    assert sheet.select_one(".lab-sheet-status [data-lab-status]")["data-lab-status"] == "closed"
    assert "Bando chiuso" in sheet.select_one(".lab-banner:not([hidden])").get_text()


def test_text_from_content_is_escaped(later: Path) -> None:
    title = "Cooperative & <b>imprese</b>: un titolo con caratteri speciali"
    sheet = parse(later / "site" / "bandi" / "titolo-con-caratteri-speciali" / "index.html")
    assert sheet.h1.get_text() == title and sheet.h1.find("b") is None
    card = parse(later / "site" / "bandi" / "index.html").find("a", string=title)
    assert card is not None and card.find("b") is None
    funder = next(d.dd for d in sheet.select(".lab-facts dl > div") if d.dt.get_text().rstrip(":") == "Ente finanziatore")
    assert funder.get_text() == "Regione Lazio & partner"
    # the theme's own chrome prints the same values: <title>, description, header
    summary = 'Una scheda con "virgolette" e <i>tag</i>: http-equiv="refresh" content="0;url=https://evil.example" resta testo.'
    assert sheet.title.get_text().startswith(title + " - ") and sheet.title.find("b") is None
    assert sheet.select_one('meta[name="description"]')["content"] == summary
    assert sheet.select_one('meta[http-equiv]') is None and not sheet.select("i")
    assert title in sheet.select_one(".md-header__topic:last-child").get_text()


def test_generated_pages_stay_in_memory(later: Path) -> None:
    """Nothing generated is written into the project: pages/ holds only the hand-written pages."""
    assert not (later / "pages" / "bandi").exists()
    assert (later / "site" / "bandi" / "titolo-con-caratteri-speciali" / "index.html").is_file()


def test_a_content_error_stops_the_build_with_the_checker_lines(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "content" / "calls" / "bando-rotto.md").write_text(BROKEN_CALL, encoding="utf-8")
    result = build(project, "2026-11-25")
    assert result.returncode != 0
    assert not (project / "site" / "index.html").exists()
    check = subprocess.run([sys.executable, "-m", "build_tools", "check", "--today", "2026-11-25"],
                           cwd=project, capture_output=True, text=True, timeout=120)
    errors = [line for line in check.stdout.splitlines() if ": error: " in line]
    assert errors and all(line.startswith("content/calls/bando-rotto.md:5: error:") for line in errors)
    output = result.stdout + result.stderr
    for line in errors:
        assert line in output, output
    assert "Traceback" not in output


def test_a_hand_written_page_cannot_shadow_a_generated_one(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "pages" / "bandi").mkdir()
    (project / "pages" / "bandi" / "index.md").write_text("# Bandi\n", encoding="utf-8")
    result = build(project, "2026-11-25")
    assert result.returncode != 0
    assert "`bandi/index.md` è generato dai contenuti" in result.stdout + result.stderr


def test_a_malformed_lab_today_is_reported(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    env = {**os.environ, "LAB_TODAY": "2026-13-01"}
    env.pop("LAB_NOW", None)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
                             "-d", str(project / "site")], cwd=project, env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode != 0
    assert "data non valida `2026-13-01`" in result.stdout + result.stderr


def test_serve_watches_the_content_folder() -> None:
    from mkdocs.config import load_config

    config = load_config(str(REPO / "mkdocs.yml"))
    plugin = config.plugins["lab"]
    plugin.on_config(config)
    watched: list[str] = []

    class Server:
        def watch(self, path: str) -> None:
            watched.append(path)

    plugin.on_serve(Server(), config=config, builder=None)
    assert watched == [str(REPO / "content")]
    assert config.extra["demo"] is True and plugin.config.closing_soon_days == 14
    assert "search" not in config.plugins and config.theme["font"] is False and config.theme["language"] == "it"


def test_the_adapter_is_the_only_mkdocs_import_and_stays_thin() -> None:
    package = REPO / "build_tools"
    importers = []
    for path in package.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n == "mkdocs" or n.startswith("mkdocs.") or n == "material" for n in names):
                importers.append(path.relative_to(package).as_posix())
    # the adapter, and the theme's chrome rendered once per kind of page (MkDocs has no hook for it)
    assert sorted(set(importers)) == ["renderers/mkdocs_chrome.py", "renderers/mkdocs_plugin.py"]
    assert len((package / "renderers" / "mkdocs_plugin.py").read_text(encoding="utf-8").splitlines()) <= 300


def test_a_sheet_put_in_the_nav_is_current_there_and_only_there(tmp_path: Path) -> None:
    """Item pages share Material's chrome (rendered once per folder), except one that is in the nav."""
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - Iscriviti: iscriviti.md\n" in text
    config.write_text(text.replace("  - Iscriviti: iscriviti.md\n",
                                   f"  - Iscriviti: iscriviti.md\n  - Un bando: bandi/{PRIZE}.md\n"), encoding="utf-8")
    result = build(project, sitebuild.TODAY)
    assert result.returncode == 0, result.stdout + result.stderr

    def current(slug: str) -> list[str]:
        doc = parse(project / "site" / "bandi" / slug / "index.html")
        return [a.get_text(strip=True) for a in doc.select(".md-tabs__item--active a, .md-nav__link--active")]

    assert "Un bando" in current(PRIZE)
    others = [p.parent.name for p in (project / "site" / "bandi").glob("*/index.html")
              if p.parent.name not in (PRIZE, "archivio")]
    assert others and all(current(slug) == [] for slug in others)
    tabs = parse(project / "site" / "bandi" / others[0] / "index.html").select(".md-tabs__list > li > a")
    assert tabs[-1].get_text(strip=True) == "Un bando" and tabs[-1]["href"] == f"../{PRIZE}/"


def test_a_rebuild_gives_the_site_a_fresh_build_gives(tmp_path: Path) -> None:
    """Rebuilt in place (build_tools/renderers/old_site.py): the pages still published are
    overwritten, the page of a call taken away is gone with its folder, hidden files stay."""
    project = copy_project(tmp_path / "project")
    site = project / "site"
    assert build(project, sitebuild.TODAY).returncode == 0
    texts = {p: p.read_text(encoding="utf-8") for p in (project / "content").rglob("*.md")}
    removed = next(call for call in sorted((project / "content" / "calls").glob("*.md"))  # published, unlinked
                   if (site / "bandi" / call.stem / "index.html").is_file()
                   and not any(call.stem in text for path, text in texts.items() if path != call))
    removed.unlink()
    (site / ".nojekyll").write_text("", encoding="utf-8")
    home = (site / "index.html").stat().st_ino
    result = build(project, sitebuild.TODAY)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site / "index.html").stat().st_ino == home  # overwritten where it was
    assert not (site / "bandi" / removed.stem).exists() and (site / ".nojekyll").is_file()
    assert not [p for p in project.iterdir() if p.name.startswith(".")]  # nothing left beside the site
    fresh = project / "fresh"
    result = build(project, sitebuild.TODAY, "-d", str(fresh))
    assert result.returncode == 0, result.stdout + result.stderr

    def tree(root: Path) -> dict[str, bytes]:  # Pagefind's index: its pages (its file names carry build hashes)
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()
                and p.name != ".nojekyll" and (not p.relative_to(root).as_posix().startswith("pagefind/")
                                               or p.suffix == ".pf_fragment")}

    assert tree(site) == tree(fresh)


def test_a_build_gives_the_process_its_garbage_collector_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build collects less often (``BUILD_GC_THRESHOLD``, :class:`FewerCollections`); the live
    preview's process goes on after it, so its thresholds come back, after a build and a refused one."""
    import gc

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, PluginError

    from build_tools.pipeline import BUILD_GC_THRESHOLD
    from build_tools.renderers import mkdocs_plugin

    project = copy_project(tmp_path / "project")
    monkeypatch.setenv("LAB_TODAY", "2026-11-25")
    monkeypatch.setenv("LAB_WORKERS", "1")
    seen: set[tuple[int, ...]] = set()
    tidy = mkdocs_plugin.tidy_page
    monkeypatch.setattr(mkdocs_plugin, "tidy_page", lambda html: seen.add(gc.get_threshold()) or tidy(html))
    own = gc.get_threshold()
    try:
        gc.set_threshold(701, 11, 12)
        mkdocs_build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site")))
        assert gc.get_threshold() == (701, 11, 12)
        assert seen == {BUILD_GC_THRESHOLD}  # while the pages were written
        (project / "content" / "calls" / "bando-rotto.md").write_text(BROKEN_CALL, encoding="utf-8")
        with pytest.raises((PluginError, Abort)):
            mkdocs_build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site")))
        assert gc.get_threshold() == (701, 11, 12)
    finally:
        gc.set_threshold(*own)
