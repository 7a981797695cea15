"""Per-call history from Git: what a visitor sees on the sheet and in the feeds after a change.

The end-to-end tests build a real copy of the site (``python -m build_tools build``, strict,
without Pagefind) inside a throw-away Git repository whose commits carry chosen dates: a
call published on 1 October 2026, a *proroga* on 20 November, a new document on 22 November.
The others read the history with :func:`read_history` on small repositories.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from content_factory import ROME, call_data, front_matter
from git_history import GitRepo

from build_tools.deriving.history import NO_GIT_NOTE, HistoryError, read_history
from build_tools.outputs.changelog import describe

REPO = Path(__file__).resolve().parents[1]
TODAY = "2026-11-25"
NOW = datetime(2026, 11, 25, tzinfo=ROME)
CALL = "content/calls/voucher.md"
FAQ = {"title": "FAQ", "url": "https://www.regione.lazio.it/bandi/voucher/faq.pdf"}


def voucher(body: str = "Testo della scheda.\n", **changes) -> str:
    data = call_data(**{"title": "Voucher digitali per le cooperative", "deadline": "2026-12-10T17:00",
                        "published": date(2026, 10, 1), **changes})
    return front_matter(data, body)


def at(day: str, hour: int = 10) -> datetime:
    return datetime.fromisoformat(f"{day}T{hour:02d}:00").replace(tzinfo=ROME)


def project_files() -> dict[str, str]:
    """mkdocs.yml without the search index (not what these tests are about), and the real services."""
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      closing_soon_days: 14\n" in config
    config = config.replace("      closing_soon_days: 14\n", "      closing_soon_days: 14\n      search_index: false\n")
    services = {f"content/services/{p.name}": p.read_text(encoding="utf-8")
                for p in sorted((REPO / "content/services").glob("*.md"))}  # the pages link to them
    return {"mkdocs.yml": config, **services}


def published_repo(root: Path) -> GitRepo:
    """Publication, then a proroga and a new document, each in its own commit."""
    repo = GitRepo(root)
    for part in ("pages", "overrides"):
        shutil.copytree(REPO / part, root / part)
    repo.git("add", "pages", "overrides")
    repo.commit({**project_files(), CALL: voucher()}, "Nuovo bando: voucher digitali", at("2026-10-01"))
    repo.commit({CALL: voucher(deadline="2026-12-20T17:00", deadline_extended_from="2026-12-10T17:00")},
                "Proroga del voucher", at("2026-11-20"))
    repo.commit({CALL: voucher(deadline="2026-12-20T17:00", deadline_extended_from="2026-12-10T17:00",
                               documents=[FAQ])}, "Voucher: le FAQ", at("2026-11-22"))
    return repo


def build(project: Path, **env_extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LAB_NOW", "LAB_TODAY", "SITE_URL", "LAB_HISTORY")}
    env.update(env_extra)
    command = [sys.executable, "-m", "build_tools", "build", "--today", TODAY, "--",
               "-f", str(project / "mkdocs.yml"), "-d", str(project / "site")]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=600)


def history_on_sheet(project: Path) -> list[str]:
    soup = BeautifulSoup((project / "site/bandi/voucher/index.html").read_text(encoding="utf-8"), "html.parser")
    heading = soup.find(id="cronologia-delle-modifiche")
    assert heading is not None and heading.get_text(strip=True) == "Cronologia delle modifiche"
    return [li.get_text(" ", strip=True).replace("  ", " ") for li in heading.find_next("ul").find_all("li")]


def feed(project: Path, name: str) -> feedparser.FeedParserDict:
    parsed = feedparser.parse((project / "site/feed" / name).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def test_a_proroga_and_a_new_document_reach_the_sheet_and_the_changes_feed(tmp_path):
    project = tmp_path / "sito"
    repo = published_repo(project)
    done = build(project)
    assert done.returncode == 0, done.stderr[-3000:]
    assert history_on_sheet(project) == [
        "22 novembre 2026 — documento aggiunto: FAQ",
        "20 novembre 2026 — scadenza prorogata dal 10 al 20 dicembre 2026, ore 17:00",
        "1° ottobre 2026 — prima pubblicazione",
    ]
    changes = feed(project, "modifiche.xml")
    ids = [e.id for e in changes.entries]
    assert ids == ["tag:legacooplazio.it,2026-11-22:bandi/voucher/modifiche/documenti",
                   "tag:legacooplazio.it,2026-11-20:bandi/voucher/modifiche/scadenza"]
    assert changes.entries[0].title == "Documento aggiunto: FAQ – Voucher digitali per le cooperative"
    assert changes.entries[1].link.endswith("/bandi/voucher/#cronologia-delle-modifiche")
    assert [e.id for e in feed(project, "modifiche.atom").entries] == ids
    # the call's own entry keeps its id and says what changed
    [call_entry] = feed(project, "bandi.xml").entries
    assert call_entry.id == "tag:legacooplazio.it,2026-10-01:bandi/voucher"
    assert "Modificato il 22 novembre 2026: documento aggiunto: FAQ" in call_entry.summary

    # a typo fixed in the body is not a change; a quiet correction is not announced; ids stay
    repo.commit({CALL: voucher(deadline="2026-12-20T17:00", deadline_extended_from="2026-12-10T17:00",
                               documents=[FAQ], body="Testo della scheda, corretto.\n")}, "Refuso", at("2026-11-23"))
    repo.commit({CALL: voucher(deadline="2026-12-20T17:00", deadline_extended_from="2026-12-10T17:00",
                               documents=[FAQ], max_grant_eur=50000)},
                "Importo massimo dimenticato [non annunciare]", at("2026-11-24"))
    assert build(project).returncode == 0
    assert [e.id for e in feed(project, "modifiche.xml").entries] == ids
    assert len(history_on_sheet(project)) == 3


def test_a_shallow_clone_stops_the_build_unless_history_is_switched_off(tmp_path):
    published_repo(tmp_path / "origine")
    shallow = tmp_path / "copia"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{tmp_path / 'origine'}", str(shallow)],
                   check=True, capture_output=True)
    done = build(shallow)
    assert done.returncode != 0
    assert "shallow clone" in done.stderr and "fetch-depth: 0" in done.stderr
    assert not (shallow / "site/bandi/voucher/index.html").exists()
    with pytest.raises(HistoryError, match="LAB_HISTORY=off"):
        read_history(shallow / "content", NOW, env={})
    assert build(shallow, LAB_HISTORY="off").returncode == 0


def test_without_git_the_site_builds_and_says_once_that_there_is_no_history(tmp_path):
    published_repo(tmp_path / "origine")
    archive = tmp_path / "archivio"
    shutil.copytree(tmp_path / "origine", archive, ignore=shutil.ignore_patterns(".git"))
    done = build(archive)
    assert done.returncode == 0, done.stderr[-3000:]
    assert (done.stdout + done.stderr).count(NO_GIT_NOTE) == 1
    assert history_on_sheet(archive) == ["1° ottobre 2026 — prima pubblicazione"]
    assert feed(archive, "modifiche.xml").entries == []


# -- read_history on small repositories ------------------------------------------------------


def changes_of(root: Path, now: datetime = NOW) -> list[tuple[date, str, str]]:
    history = read_history(root / "content", now, env={})
    return [(c.day, c.kind, describe(c)) for c in history.of("voucher")]


def test_changes_after_now_do_not_exist_yet(tmp_path):
    published_repo(tmp_path)
    assert [kind for _, kind, _ in changes_of(tmp_path)] == ["scadenza", "documenti"]
    assert [kind for _, kind, _ in changes_of(tmp_path, at("2026-11-21"))] == ["scadenza"]
    assert changes_of(tmp_path, at("2026-11-01")) == []


def test_nothing_is_announced_before_publication_and_a_day_counts_once(tmp_path):
    repo = GitRepo(tmp_path)
    # committed a week early, as a scheduled call: its edits before 1 October are not news
    repo.commit({CALL: voucher()}, "Bando programmato", at("2026-09-24"))
    repo.commit({CALL: voucher(max_grant_eur=20000)}, "Importo", at("2026-09-28"))
    # two commits on one day: the net change only; a deadline moved and moved back is no change
    repo.commit({CALL: voucher(max_grant_eur=20000, deadline="2026-12-31T17:00")}, "Proroga", at("2026-10-15", 9))
    repo.commit({CALL: voucher(max_grant_eur=25000)}, "Anzi no", at("2026-10-15", 16))
    assert changes_of(tmp_path) == [
        (date(2026, 10, 15), "importi", "contributo massimo aumentato da 20.000 € a 25.000 €")]


def test_a_renamed_file_keeps_its_history_and_a_broken_version_is_skipped(tmp_path):
    repo = GitRepo(tmp_path)
    repo.commit({"content/calls/vecchio.md": voucher()}, "Bando", at("2026-10-01"))
    repo.commit({"content/calls/vecchio.md": voucher(funding_rate_pct=60)}, "Intensità", at("2026-10-10"))
    repo.git("mv", "content/calls/vecchio.md", CALL)
    repo.commit({}, "Nuovo nome", at("2026-10-12"))
    repo.commit({CALL: "---\ntitle: [rotto\n---\n"}, "Errore di battitura", at("2026-10-20"))
    repo.commit({CALL: voucher(funding_rate_pct=70)}, "Corretto", at("2026-10-21"))
    assert changes_of(tmp_path) == [
        (date(2026, 10, 10), "percentuale", "intensità dell'aiuto indicata: fino al 60%"),
        (date(2026, 10, 21), "percentuale", "intensità dell'aiuto cambiata dal 60% al 70%"),
    ]


def test_outside_git_the_history_is_empty_with_a_note(tmp_path):
    (tmp_path / "content" / "calls").mkdir(parents=True)
    history = read_history(tmp_path / "content", NOW, env={})
    assert history.changes == {} and history.note == NO_GIT_NOTE
