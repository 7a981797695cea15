"""The nightly issue "Scadenze e fonti da ricontrollare": its body, from a content folder (no GitHub call)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from tests.content_factory import call_data, five_services, front_matter

TODAY = "2027-03-25"


def _report(tmp_path: Path, files: dict[str, str], env: dict[str, str] | None = None) -> tuple[str, str]:
    for rel, text in files.items():
        path = tmp_path / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    base = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_") and k not in ("LAB_TODAY", "LAB_NOW")}
    result = subprocess.run([sys.executable, "-m", "build_tools", "report", "--issue-body", "segnalazione.md",
                             "--today", TODAY], cwd=tmp_path, env={**base, **(env or {})},
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 0, result.stderr
    return (tmp_path / "segnalazione.md").read_text(encoding="utf-8"), result.stdout


def _call(title: str, **overrides) -> str:
    return front_matter(call_data(title=title, published=date(2026, 10, 1), **overrides))


CONTENT = {
    **five_services(),
    # expired, never looked at since: listed
    "calls/scaduto-da-guardare.md": _call("Bando scaduto da guardare", deadline=date(2027, 3, 10), verified=date(2027, 1, 5)),
    # expired, but an editor confirmed it after the deadline: not listed
    "calls/scaduto-confermato.md": _call("Bando scaduto e confermato", deadline=date(2027, 3, 10), verified=date(2027, 3, 12)),
    # closes in three days: listed; in twelve days: not this week
    "calls/scade-venerdi.md": _call("Bando che scade venerdì", deadline="2027-03-28T12:00", verified=date(2027, 3, 1)),
    "calls/scade-tra-due-settimane.md": _call("Bando che scade più avanti", deadline=date(2027, 4, 6), verified=date(2027, 3, 1)),
    # open, source verified 120 days ago: listed
    "calls/fonte-vecchia.md": _call("Bando con la fonte vecchia", deadline=date(2027, 9, 30), verified=date(2026, 11, 25)),
    # a draft is nobody's business yet
    "calls/bozza.md": _call("Bando in bozza", deadline=date(2027, 3, 1), draft=True),
}


def test_body_lists_expired_closing_and_stale_calls_with_edit_links(tmp_path):
    env = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "legacoop-lazio/sito", "GITHUB_REF_NAME": "main"}
    body, stdout = _report(tmp_path, CONTENT, env)
    sections = body.split("### ")[1:]
    assert [s.split("\n")[0] for s in sections] == [
        "Bandi scaduti da archiviare o aggiornare (1)", "In scadenza questa settimana (1)", "Fonti da ricontrollare (1)"]
    expired, closing, stale = sections
    assert "Bando scaduto da guardare" in expired and "10 marzo 2027" in expired and "15 giorni fa" in expired
    assert "Bando che scade venerdì" in closing and "28 marzo 2027" in closing and "tra 3 giorni" in closing
    assert "Bando con la fonte vecchia" in stale and "25 novembre 2026" in stale and "120 giorni fa" in stale
    for slug, section in (("scaduto-da-guardare", expired), ("scade-venerdi", closing), ("fonte-vecchia", stale)):
        assert f"[Modifica](https://github.com/legacoop-lazio/sito/edit/main/content/calls/{slug}.md)" in section
    for absent in ("confermato", "più avanti", "bozza"):
        assert absent not in body
    assert "`verified`" in expired  # says how to take a call off the list
    assert "3 voci" in stdout


def test_nothing_to_look_at_gives_an_empty_body(tmp_path):
    files = {**five_services(),
             "calls/tutto-a-posto.md": _call("Bando aperto e verificato", deadline=date(2027, 9, 30), verified=date(2027, 3, 1)),
             "calls/chiuso-e-confermato.md": _call("Bando chiuso", deadline=date(2027, 1, 31), verified=date(2027, 2, 2))}
    body, stdout = _report(tmp_path, files)
    assert body == ""
    assert "nulla da ricontrollare" in stdout


def test_without_github_the_rows_name_the_file_without_a_link(tmp_path):
    body, _ = _report(tmp_path, CONTENT)
    assert "`content/calls/fonte-vecchia.md`" in body
    assert "](" not in body


def test_a_title_with_a_pipe_stays_in_its_cell(tmp_path):
    files = {**five_services(),
             "calls/pipe.md": _call("Bando | con una barra", deadline=date(2027, 9, 30), verified=date(2026, 11, 25))}
    body, _ = _report(tmp_path, files)
    row = next(line for line in body.splitlines() if "barra" in line)
    assert row.count(" | ") == 3 and "\\|" in row
