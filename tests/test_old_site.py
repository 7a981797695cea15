"""The previous build's files are overwritten where they are; the ones a build does not write are
deleted (:mod:`build_tools.renderers.old_site`). What MkDocs would keep, stays."""

from __future__ import annotations

import threading
from pathlib import Path

from build_tools.renderers.old_site import PreviousSite


def old_site(root: Path) -> Path:
    site = root / "site"
    for path, text in {"index.html": "vecchia home", "bandi/resta/index.html": "scheda",
                       "bandi/tolto/index.html": "scheda di un bando tolto", "bandi/tolto/scadenza.ics": "x",
                       "pagefind/fragment/it_1.pf_fragment": "x", ".git/HEAD": "ref: refs/heads/gh-pages",
                       ".nojekyll": ""}.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text, encoding="utf-8")
    return site


def files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_a_rebuild_overwrites_what_it_writes_and_deletes_the_rest(tmp_path: Path) -> None:
    site = old_site(tmp_path)
    previous = PreviousSite.set_aside(site)
    assert previous is not None
    assert files(site) == [".git/HEAD", ".nojekyll"]  # what MkDocs's own cleaning leaves
    previous.put_back()  # MkDocs has emptied the folder: the old files come back, but the search index
    assert files(site) == [".git/HEAD", ".nojekyll", "bandi/resta/index.html", "bandi/tolto/index.html",
                           "bandi/tolto/scadenza.ics", "index.html"]
    kept = (site / "bandi" / "resta" / "index.html").stat().st_ino
    (site / "bandi" / "resta" / "index.html").write_text("scheda nuova", encoding="utf-8")  # the build writes
    (site / "index.html").write_text("home nuova", encoding="utf-8")
    (site / "pagefind").mkdir()
    (site / "pagefind" / "pagefind.js").write_text("nuovo indice", encoding="utf-8")
    previous.sweep()
    assert files(site) == [".git/HEAD", ".nojekyll", "bandi/resta/index.html", "index.html", "pagefind/pagefind.js"]
    assert (site / "bandi" / "resta" / "index.html").stat().st_ino == kept  # overwritten, not a new file
    assert (site / ".git" / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/gh-pages"
    assert not (site / "bandi" / "tolto").exists()  # its folder too
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # the old index deleted, nothing beside


def test_no_thread_is_left_running(tmp_path: Path) -> None:
    """The pipeline forks its workers only from a process without other threads."""
    before = threading.active_count()
    previous = PreviousSite.set_aside(old_site(tmp_path))
    assert previous is not None
    previous.put_back()
    assert threading.active_count() == before
    previous.sweep()


def test_what_a_stopped_build_left_is_deleted_by_the_next(tmp_path: Path) -> None:
    site = old_site(tmp_path)
    stale = tmp_path / ".site.old-99999999"
    (stale / "bandi").mkdir(parents=True)
    (stale / "bandi" / "index.html").write_text("x", encoding="utf-8")
    previous = PreviousSite.set_aside(site)
    assert previous is not None
    previous.put_back()
    previous.sweep()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_nothing_to_keep_is_nothing_set_aside(tmp_path: Path) -> None:
    assert PreviousSite.set_aside(tmp_path / "site") is None  # no site folder yet
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / ".nojekyll").write_text("", encoding="utf-8")
    assert PreviousSite.set_aside(tmp_path / "site") is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
