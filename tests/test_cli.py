"""`python -m build_tools check`, end to end, as an editor or CI runs it (a real subprocess)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


def run(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("LAB_TODAY", "LAB_NOW")}
    environ["PYTHONIOENCODING"] = "utf-8"
    environ.update(env or {})
    result = subprocess.run([sys.executable, "-m", "build_tools", *args], cwd=cwd, env=environ,
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    return result


def check(cwd: Path, *args: str, today: str | None = "2026-11-25", **kw) -> subprocess.CompletedProcess[str]:
    extra = ["--today", today] if today else []
    return run(cwd, "check", "--content", "content", *extra, *args, **kw)


def problem_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    """The diagnostic lines (everything but the final summary line)."""
    lines = result.stdout.splitlines()
    assert lines and lines[-1].startswith("Controllo del "), result.stdout
    return lines[:-1]


def summary(result: subprocess.CompletedProcess[str]) -> tuple[int, int, int]:
    match = re.search(r"(\d+) file valid[oi], (\d+) error[ei], (\d+) avvis[oi]$", result.stdout.splitlines()[-1])
    assert match, result.stdout
    return tuple(int(g) for g in match.groups())  # type: ignore[return-value]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), start=1) if needle in line)


# --- output lines and exit codes ----------------------------------------------------------------

BROKEN_CALL = """\
---
title: Voucher digitali
summary: Troppo breve
funder: Regione Lazio
funding_source: regionale
support_types: [grant]
beneficiaries: [cooperatives]
pathways: [existing_business]
scope: lazio
dealine: 2027-03-31
windows:
  - opens: 2027-01-10
    deadline: 2027-01-31
  - opens: 2027-02-01
    deadline: 2027-02-30
url: https://www.legacoop.coop/bando
published: 2026-10-01
---
Testo con un video <iframe src="https://www.legacoop.coop/video"></iframe>
"""

BROKEN_STORY = """\
---
title: Una storia di prova
summary: Una cooperativa che ha fatto un passo nel digitale.
cooperative: Cooperativa Esempio
sector: agrifood
regions: [lazio, roma]
published: 2026-10-01
---
Testo.
"""


def test_exact_lines_for_every_problem_of_every_file(tmp_path, content_tree, fm):
    content_tree({
        "calls/x.md": BROKEN_CALL,
        "calls/valido.md": fm.text(fm.call()),
        "calls/_modello.md": "non sono front matter",
        "stories/y.md": BROKEN_STORY,
        "stories/z.md": "---\ntitle: senza chiusura\n",
    })
    result = check(tmp_path)
    assert result.returncode == 1
    assert result.stderr == ""
    assert problem_lines(result) == [
        "content/calls/x.md:3: error: `summary` è troppo corto: almeno 20 caratteri (ora 12)",
        "content/calls/x.md:5: error: valore `regionale` non ammesso per `funding_source`: forse intendevi "
        "`regional`? Valori ammessi: pnrr, eu_direct, eu_structural, national, regional, private, other",
        "content/calls/x.md:10: error: chiave sconosciuta `dealine`: forse intendevi `deadline`?",
        "content/calls/x.md:15: error: `windows` n. 2 → `deadline`: `2027-02-30` non è una data valida: "
        "usa AAAA-MM-GG (es. 2027-03-31) o AAAA-MM-GGTHH:MM (es. 2027-03-31T12:00)",
        "content/calls/x.md:19: error: HTML non ammesso: il tag `<iframe>` verrebbe tolto perché incorpora "
        "pagine o programmi di altri siti (togli il codice HTML)",
        "content/stories/y.md:6: error: valore `roma` non ammesso per `regions` n. 2. Valori ammessi: abruzzo, "
        "basilicata, calabria, campania, emilia-romagna, friuli-venezia-giulia, lazio, liguria, lombardia, "
        "marche, molise, piemonte, puglia, sardegna, sicilia, toscana, trentino-alto-adige, umbria, "
        "valle-d-aosta, veneto",
        "content/stories/z.md:1: error: il front matter non è chiuso: aggiungi una riga `---` dopo l'ultima chiave",
    ]
    assert summary(result) == (1, 7, 0)


def test_valid_fixture_content_exits_0(tmp_path):
    result = run(FIXTURES, "check", "--content", "valid/content", "--today", "2026-11-25")
    assert result.returncode == 0, result.stdout
    assert problem_lines(result) == []
    files, errors, warnings = summary(result)
    assert (errors, warnings) == (0, 0)
    assert files == sum(1 for _ in (FIXTURES / "valid" / "content").rglob("*.md"))


def test_paths_are_relative_to_the_working_directory(tmp_path, content_tree):
    content_tree({"calls/x.md": ""})
    result = run(tmp_path, "check", "--content", str(tmp_path / "content"), "--today", "2026-11-25")
    assert problem_lines(result)[0].startswith("content/calls/x.md:1: error: il file è vuoto")


def test_warnings_alone_exit_0_and_strict_makes_them_exit_1(tmp_path, content_tree, fm):
    content_tree({"calls/x.md": fm.text(fm.call(url="http://www.regione.lazio.it/bando")), **fm.five_services()})
    relaxed = check(tmp_path)
    assert relaxed.returncode == 0
    assert problem_lines(relaxed) == [
        "content/calls/x.md:11: warning: indirizzo non sicuro `http://www.regione.lazio.it/bando`: "
        "usa https:// se il sito lo permette"]
    strict = check(tmp_path, "--strict")
    assert strict.returncode == 1
    assert problem_lines(strict) == problem_lines(relaxed)


def test_strict_without_warnings_exits_0(tmp_path, content_tree, fm):
    content_tree({"calls/x.md": fm.text(fm.call()), **fm.five_services()})
    assert check(tmp_path, "--strict").returncode == 0


@pytest.mark.parametrize("today", ["2026-02-30", "25/11/2026", "ieri", "2026-11-25T25:00"])
def test_bad_today_exits_2_with_a_message(today, tmp_path, content_tree, fm):
    content_tree({"calls/x.md": fm.text(fm.call())})
    result = check(tmp_path, today=today)
    assert result.returncode == 2
    assert result.stdout == ""
    assert today in result.stderr and "AAAA-MM-GG" in result.stderr


@pytest.mark.parametrize("args", [["check", "--nonsense"], ["controlla"], [], ["check", "--format", "xml"],
                                  ["new", "bando", "Titolo"]])
def test_misused_command_exits_2(args, tmp_path):
    result = run(tmp_path, *args)
    assert result.returncode == 2
    assert "uso: python -m build_tools" in result.stderr and "usage" not in result.stderr


def test_bad_lab_today_exits_2(tmp_path, content_tree):
    content_tree({})
    result = check(tmp_path, today=None, env={"LAB_TODAY": "domani"})
    assert result.returncode == 2
    assert "domani" in result.stderr


def test_today_comes_from_option_then_environment(tmp_path, content_tree, fm):
    content_tree({"calls/x.md": fm.text(fm.call(deadline=date(2026, 12, 1))), **fm.five_services()})
    from_env = check(tmp_path, today=None, env={"LAB_TODAY": "2026-12-02"})
    assert "scadenza passata ieri" in from_env.stdout
    assert "Controllo del 2026-12-02 00:00" in from_env.stdout
    from_now = check(tmp_path, today=None, env={"LAB_NOW": "2026-12-01T20:00:00"})
    assert "scade oggi" in from_now.stdout
    option_wins = check(tmp_path, today="2026-11-30", env={"LAB_TODAY": "2026-12-02"})
    assert "scade domani" in option_wins.stdout


def test_today_with_an_offset_is_shown_in_rome(tmp_path, content_tree):
    content_tree({})
    result = check(tmp_path, today="2026-11-25T23:30:00+00:00")
    assert "Controllo del 2026-11-26 00:30 (Europe/Rome)" in result.stdout


def test_no_traceback_on_garbage(tmp_path, content_tree):
    content_tree({
        "calls/a.md": bytes(range(256)),
        "calls/b.md": b"---\ntitle: !!python/object/apply:os.system [echo]\n---\n",
        "calls/c.md": b"---\n: : :\n---\n",
        "stories/d.md": b"---\n[\n---\n",
        "services/e.md": b"---\nevents: [{start: x}]\n---\n",
    })
    result = check(tmp_path)
    assert result.returncode == 1
    assert result.stderr == ""
    assert {line.split(":")[0] for line in problem_lines(result)} >= {
        "content/calls/a.md", "content/calls/b.md", "content/calls/c.md", "content/stories/d.md",
        "content/services/e.md"}
    for line in problem_lines(result):
        assert re.match(r"^content/[a-z/]+(\.md)?:\d+: (error|warning): \S", line), line


def test_missing_content_folder_is_reported_without_traceback(tmp_path):
    result = check(tmp_path)
    assert result.returncode != 0
    assert "content" in result.stdout + result.stderr


# --- the deadline report ------------------------------------------------------------------------

def test_deadline_report(tmp_path, content_tree, fm):
    files = {
        "calls/scaduto.md": fm.call(published=date(2026, 1, 10), deadline=date(2026, 9, 30)),
        "calls/scaduto-ieri.md": fm.call(deadline=date(2026, 11, 24)),
        "calls/scaduto-verificato.md": fm.call(deadline=date(2026, 11, 1), verified=date(2026, 3, 1)),
        "calls/scade-oggi.md": fm.call(deadline=datetime(2026, 11, 25, 17, 0)),
        "calls/scade-domani.md": fm.call(deadline=date(2026, 11, 26)),
        "calls/scade-tra-13.md": fm.call(deadline=date(2026, 12, 8)),
        "calls/scade-tra-14.md": fm.call(deadline=date(2026, 12, 9)),  # 14 calendar days: closing soon
        "calls/scade-tra-15.md": fm.call(deadline=date(2026, 12, 10)),  # 15: not yet
        "calls/verificato-91.md": fm.call(verified=date(2026, 8, 26)),
        "calls/verificato-90.md": fm.call(verified=date(2026, 8, 27)),
        "calls/bozza-scaduta.md": fm.call(draft=True, published=date(2026, 1, 10), deadline=date(2026, 3, 1),
                                          verified=date(2025, 1, 1)),
        "calls/annullato.md": fm.call(published=date(2026, 1, 10), deadline=date(2026, 3, 1),
                                      status_override="cancelled", status_note="Ritirato.",
                                      verified=date(2025, 1, 1)),
        "calls/sportello.md": fm.call(deadline=None, rolling=True, verified=date(2026, 1, 2)),
    }
    texts = {k: fm.text(v) for k, v in files.items()}
    content_tree({**texts, **fm.five_services()})
    result = check(tmp_path)
    assert result.returncode == 0

    def at(name: str, key: str) -> str:
        return f"content/calls/{name}.md:{line_of(texts[f'calls/{name}.md'], key + ':')}: warning: "

    archive_hint = "il bando è in archivio; se c'è una proroga aggiorna `deadline` e `deadline_extended_from`"
    assert problem_lines(result) == sorted([
        at("scaduto", "deadline") + f"scadenza passata da 56 giorni (30 settembre 2026): {archive_hint}",
        at("scaduto-ieri", "deadline") + f"scadenza passata ieri (24 novembre 2026): {archive_hint}",
        at("scaduto-verificato", "deadline") + f"scadenza passata da 24 giorni (1 novembre 2026): {archive_hint}",
        at("scade-oggi", "deadline") + "scade oggi (25 novembre 2026)",
        at("scade-domani", "deadline") + "scade domani (26 novembre 2026)",
        at("scade-tra-13", "deadline") + "scade tra 13 giorni (8 dicembre 2026)",
        at("scade-tra-14", "deadline") + "scade tra 14 giorni (9 dicembre 2026)",
        at("verificato-91", "verified") + "fonte verificata 91 giorni fa (`verified: 2026-08-26`): "
                                          "ricontrolla la pagina ufficiale e aggiorna la data",
        at("sportello", "verified") + "fonte verificata 327 giorni fa (`verified: 2026-01-02`): "
                                      "ricontrolla la pagina ufficiale e aggiorna la data",
    ], key=lambda s: (s.split(":")[0], int(s.split(":")[1])))
    assert check(tmp_path, "--strict").returncode == 1


def test_expired_a_moment_ago_says_today(tmp_path, content_tree, fm):
    text = fm.text(fm.call(deadline=datetime(2026, 11, 25, 12, 0)))
    content_tree({"calls/x.md": text, **fm.five_services()})
    result = check(tmp_path, today="2026-11-25T17:30")
    assert problem_lines(result) == [
        f"content/calls/x.md:{line_of(text, 'deadline:')}: warning: scadenza passata oggi (25 novembre 2026): "
        "il bando è in archivio; se c'è una proroga aggiorna `deadline` e `deadline_extended_from`"]


def test_deadline_written_in_utc_is_reported_with_its_rome_date(tmp_path, content_tree, fm):
    # 23:30 UTC on the 24th is 00:30 on the 25th in Rome
    text = fm.text(fm.call(deadline="2026-11-24T23:30:00Z"))
    content_tree({"calls/x.md": text, **fm.five_services()})
    result = check(tmp_path)
    assert problem_lines(result) == [
        f"content/calls/x.md:{line_of(text, 'deadline:')}: warning: scade oggi (25 novembre 2026)"]


def test_closing_window_is_reported_at_that_window(tmp_path, content_tree, fm):
    text = fm.text(fm.call(deadline=None, windows=[
        {"label": "Prima", "opens": date(2026, 11, 1), "deadline": date(2026, 11, 30)},
        {"label": "Seconda", "opens": date(2027, 2, 1), "deadline": date(2027, 2, 28)},
    ])).replace("- {label: Prima, opens: 2026-11-01, deadline: 2026-11-30}",
                "- label: Prima\n  opens: 2026-11-01\n  deadline: 2026-11-30")
    content_tree({"calls/x.md": text, **fm.five_services()})
    result = check(tmp_path)
    assert problem_lines(result) == [
        f"content/calls/x.md:{line_of(text, 'deadline: 2026-11-30')}: warning: scade tra 5 giorni (30 novembre 2026)"]


def test_closing_soon_days_option(tmp_path, content_tree, fm):
    content_tree({"calls/x.md": fm.text(fm.call(deadline=date(2027, 1, 10))), **fm.five_services()})
    assert problem_lines(check(tmp_path)) == []
    (line,) = problem_lines(check(tmp_path, "--closing-soon-days", "60"))
    assert line.endswith("warning: scade tra 46 giorni (10 gennaio 2027)")


# --- GitHub annotations ---------------------------------------------------------------------------

def test_github_format_escapes_percent_colon_and_newlines(tmp_path, content_tree, fm):
    content_tree({
        "calls/a:b.md": fm.text(fm.call()),
        "calls/percento.md": fm.text(fm.call(scope="50%")),
        "calls/a-capo.md": fm.text(fm.call(scope="lazio\nroma")),
        "calls/scaduto.md": fm.text(fm.call(published=date(2026, 1, 10), deadline=date(2026, 9, 30))),
        **fm.five_services(),
    })
    result = check(tmp_path, "--format", "github")
    assert result.returncode == 1
    lines = problem_lines(result)
    allowed = "Valori ammessi: local, lazio, national, european, international"
    assert lines == [
        "::error file=content/calls/a-capo.md,line=9,title=schema::valore `lazio%0Aroma` non ammesso per `scope`: "
        "forse intendevi `lazio`? " + allowed,
        "::error file=content/calls/a%3Ab.md,line=1,title=bad_slug::nome del file non valido: usa solo lettere "
        "minuscole, cifre e trattini (max 80 caratteri), per esempio `voucher-digitali-lazio.md`",
        "::error file=content/calls/percento.md,line=9,title=schema::valore `50%25` non ammesso per `scope`. "
        + allowed,
        "::warning file=content/calls/scaduto.md,line=10,title=deadline_passed::scadenza passata da 56 giorni "
        "(30 settembre 2026): il bando è in archivio; se c'è una proroga aggiorna `deadline` e "
        "`deadline_extended_from`",
    ]
    # the same problems in text format: one line each, even the value with a line break
    text_lines = problem_lines(check(tmp_path))
    assert len(text_lines) == 4
    assert text_lines[0] == ("content/calls/a-capo.md:9: error: valore `lazio roma` non ammesso per `scope`: "
                             "forse intendevi `lazio`? " + allowed)


# --- the benchmark generator produces content that passes the check --------------------------------

def test_generated_benchmark_content_passes_check(tmp_path):
    generator = Path(__file__).parent.parent / "benchmarks" / "generate.py"
    made = subprocess.run([sys.executable, str(generator), "--calls", "80", "--stories", "12", "--out", "content"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    files = sorted((tmp_path / "content").rglob("*.md"))
    assert len(files) == 80 + 12 + 5
    first = {p: p.read_bytes() for p in files}
    result = check(tmp_path, today="2026-11-25")
    assert result.returncode == 0, result.stdout
    assert not [line for line in problem_lines(result) if ": error: " in line]
    statuses = " ".join(problem_lines(result))
    assert "scadenza passata" in statuses and "scade " in statuses  # realistic: some expired, some closing
    bodies = [p.read_text(encoding="utf-8").split("\n---\n", 1)[1] for p in files if "/calls/" in p.as_posix()]
    assert 2000 <= sum(map(len, bodies)) / len(bodies) <= 2600
    # the same seed gives the same files
    subprocess.run([sys.executable, str(generator), "--calls", "80", "--stories", "12", "--out", "content"],
                   cwd=tmp_path, check=True, capture_output=True, timeout=120)
    assert {p: p.read_bytes() for p in sorted((tmp_path / "content").rglob("*.md"))} == first
