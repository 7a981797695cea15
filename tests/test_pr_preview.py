"""The pull-request job summary: the items a PR changes, as the site will show them."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from tests.content_factory import call_data, five_services, front_matter

GIT_ENV = {"GIT_AUTHOR_NAME": "Redazione", "GIT_AUTHOR_EMAIL": "redazione@legacoop.coop",
           "GIT_COMMITTER_NAME": "Redazione", "GIT_COMMITTER_EMAIL": "redazione@legacoop.coop"}


def _git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True,
                            env={**os.environ, **GIT_ENV}, timeout=60)
    return result.stdout


def _write(repo: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = repo / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _preview(repo: Path, *extra: str) -> str:
    (repo / "changed.txt").write_text(_git(repo, "diff", "--name-only", "--no-renames", "main...HEAD", "--", "content/"), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("LAB_TODAY", "LAB_NOW")}
    result = subprocess.run([sys.executable, "-m", "build_tools", "preview", "--changed", "changed.txt",
                             "--today", "2026-11-25", *extra], cwd=repo, env=env,
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "sito"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    _write(repo, {**five_services(),
                  "calls/voucher.md": front_matter(call_data()),
                  "calls/altro-bando.md": front_matter(call_data(title="Un altro bando che nessuno ha toccato"))})
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "base")
    _git(repo, "switch", "-q", "-c", "proroga-voucher")
    return repo


def test_summary_of_a_pr_that_changes_one_call_shows_its_key_facts(tmp_path):
    repo = _repo(tmp_path)
    _write(repo, {"calls/voucher.md": front_matter(call_data(
        title="Voucher digitali per le cooperative, seconda edizione", deadline="2027-04-30T17:00",
        deadline_extended_from="2027-03-31T17:00", opens="2026-11-02T10:00", max_grant_eur=50000, funding_rate_pct=70,
        beneficiaries=["cooperatives", "social_cooperatives"], url="https://www.regione.lazio.it/bandi/voucher-2",
        documents=[{"title": "Avviso", "url": "http://www.regione.lazio.it/avviso.pdf"}]))})
    _git(repo, "commit", "-q", "-am", "proroga")
    text = _preview(repo, "--artifact-url", "https://github.com/o/r/actions/runs/7/artifacts/9")
    assert "### Voucher digitali per le cooperative, seconda edizione" in text
    for fact in ("| **Stato** | Aperto |", "2 novembre 2026, ore 10:00", "30 aprile 2027, ore 17:00",
                 "prorogata (era il 31 marzo 2027, ore 17:00)", "contributo fino a 50.000 €", "fino al 70%",
                 "| **Chi può partecipare** | Cooperative, Cooperative sociali |",
                 "| **Bando ufficiale** | https://www.regione.lazio.it/bandi/voucher-2 |",
                 "`/bandi/voucher/`", "`content/calls/voucher.md`"):
        assert fact in text, fact
    assert "⚠️ avviso alla riga" in text and "http://www.regione.lazio.it/avviso.pdf" in text  # the check's warning
    assert "nessuno ha toccato" not in text  # only what the PR changes
    assert "[Scarica l'anteprima del sito](https://github.com/o/r/actions/runs/7/artifacts/9)" in text
    assert "index.html" in text and "ricerca funziona solo sul sito pubblicato" in text


def test_a_new_draft_a_broken_file_and_a_deleted_one_say_so(tmp_path):
    repo = _repo(tmp_path)
    _write(repo, {"calls/bozza.md": front_matter(call_data(title="Un bando ancora in bozza", draft=True)),
                  "calls/rotto.md": "---\ntitle: Bando: rotto\n---\nTesto.\n"})
    (repo / "content" / "calls" / "altro-bando.md").unlink()
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "varie")
    text = _preview(repo)
    blocks = {block.split("\n", 1)[0]: block for block in text.split("### ")[1:]}
    assert "Bozza" in blocks["Un bando ancora in bozza"]
    broken = blocks["`content/calls/rotto.md`"]
    assert "❌" in broken and "riga 2" in broken and "virgolette" in broken
    assert "eliminato" in blocks["🗑️ `content/calls/altro-bando.md`"]
    assert "Artifacts" in text  # no artifact URL given: says where to find it


def test_scheduled_call_says_when_it_will_appear(tmp_path):
    repo = _repo(tmp_path)
    _write(repo, {"calls/programmato.md": front_matter(call_data(title="Bando programmato per gennaio",
                                                                 published=date(2027, 1, 10)))})
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "programmato")
    assert "uscirà sul sito il 10 gennaio 2027" in _preview(repo)
