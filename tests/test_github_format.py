"""`check --format github` and `check --summary`: what an editor sees on GitHub.

End to end through ``python -m build_tools check`` on broken temporary content trees: every
annotation must land on the right file and line, survive any character in paths and
messages, and the summary must carry the deadline report and the errors.
"""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

from build_tools.pipeline import run_checks
from build_tools.diagnostics import Diagnostic, Severity, format_github
from build_tools.reading.models.common import ROME
from content_factory import call_data, front_matter

REPO = Path(__file__).resolve().parents[1]
TODAY = "2026-11-25"
ANNOTATION = re.compile(r"^::(error|warning) ([^:]*)::(.*)$")


def run_cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "build_tools", *args], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", env={**base, **(env or {})}, timeout=120)


def unescape(text: str) -> str:
    return (text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",")
            .replace("%25", "%"))


def parse_annotation(line: str) -> dict[str, str]:
    match = ANNOTATION.match(line)
    assert match, f"not a workflow command: {line!r}"
    kind, props, message = match.groups()
    fields = dict(item.split("=", 1) for item in props.split(","))
    return {"kind": kind, **{k: unescape(v) for k, v in fields.items()}, "message": unescape(message)}


# --- the formatter itself ----------------------------------------------------------------

def test_format_github_escapes_properties_and_message() -> None:
    diagnostic = Diagnostic("dir,a:b%c/calls/x.md", 7, Severity.ERROR, "co:de,1", "50% di\r\nsconto: sì, ok")
    line = format_github(diagnostic)
    assert line == ("::error file=dir%2Ca%3Ab%25c/calls/x.md,line=7,title=co%3Ade%2C1::"
                    "50%25 di%0D%0Asconto: sì, ok")
    assert "\n" not in line and "\r" not in line
    parsed = parse_annotation(line)
    assert parsed == {"kind": "error", "file": diagnostic.path, "line": "7", "title": diagnostic.code,
                      "message": diagnostic.message}


def test_warnings_become_warning_annotations() -> None:
    line = format_github(Diagnostic("content/calls/x.md", 3, Severity.WARNING, "closing_soon", "scade domani"))
    assert line == "::warning file=content/calls/x.md,line=3,title=closing_soon::scade domani"


# --- end to end --------------------------------------------------------------------------

def broken_tree(base: Path) -> Path:
    """A content tree in a folder whose name needs escaping, with problems of every kind."""
    content = base / "redazione, bozze: 100%" / "content"
    calls = content / "calls"
    calls.mkdir(parents=True)
    typo = front_matter(call_data()).replace("deadline:", "dealine:")
    (calls / "chiave-sbagliata.md").write_text(typo, encoding="utf-8")
    # A YAML double-quoted string can hold a newline and a %: both reach the message.
    weird = front_matter(call_data()).replace("funding_source: regional", 'funding_source: "50%\\nregionale"')
    (calls / "valore-strano.md").write_text(weird, encoding="utf-8")
    (calls / "in-scadenza.md").write_text(front_matter(call_data(deadline=date(2026, 11, 30))), encoding="utf-8")
    (calls / "Nome Sbagliato.md").write_text(front_matter(call_data()), encoding="utf-8")
    return content


def test_check_format_github_end_to_end(tmp_path: Path) -> None:
    content = broken_tree(tmp_path)
    result = run_cli("check", "--format", "github", "--content", str(content), "--today", TODAY, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    annotations = [parse_annotation(line) for line in lines if line.startswith("::")]
    others = [line for line in lines if not line.startswith("::")]
    assert len(others) == 1 and others[0].startswith("Controllo del 2026-11-25"), others

    # The same run, in process: every diagnostic must come back intact from its annotation.
    now = datetime(2026, 11, 25, tzinfo=ROME)
    expected = run_checks(content, now, root=tmp_path).report.sorted()
    assert [(a["kind"], a["file"], int(a["line"]), a["title"], a["message"]) for a in annotations] == [
        (d.severity.value, d.path, d.line, d.code, d.message) for d in expected]

    prefix = "redazione, bozze: 100%/content/calls/"
    by_file = {a["file"].removeprefix(prefix): a for a in annotations}
    assert by_file["chiave-sbagliata.md"]["kind"] == "error"
    assert "forse intendevi `deadline`" in by_file["chiave-sbagliata.md"]["message"]
    typo_line = front_matter(call_data()).splitlines().index("deadline: 2027-03-31") + 1
    assert by_file["chiave-sbagliata.md"]["line"] == str(typo_line)
    assert "50%\nregionale" in by_file["valore-strano.md"]["message"]
    assert by_file["in-scadenza.md"]["kind"] == "warning"
    assert by_file["in-scadenza.md"]["title"] == "closing_soon"
    assert by_file["Nome Sbagliato.md"]["title"] == "bad_slug"
    raw = "\n".join(line for line in lines if line.startswith("::"))
    assert "file=redazione%2C bozze%3A 100%25/content/calls/" in raw
    assert "%0A" in raw and "%25" in raw


def test_check_format_github_clean_tree_prints_no_annotation(tmp_path: Path) -> None:
    calls = tmp_path / "content" / "calls"
    calls.mkdir(parents=True)
    (calls / "buono.md").write_text(front_matter(call_data()), encoding="utf-8")
    result = run_cli("check", "--format", "github", "--today", TODAY, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not [line for line in result.stdout.splitlines() if line.startswith("::")]


# --- the job summary ---------------------------------------------------------------------

def deadline_tree(base: Path) -> Path:
    calls = base / "content" / "calls"
    calls.mkdir(parents=True)
    files = {
        "scaduto.md": call_data(title="Bando scaduto da cinque giorni", deadline=date(2026, 11, 20)),
        "scaduto-da-tempo.md": call_data(title="Bando scaduto da mesi", deadline=date(2026, 3, 31),
                                         published=date(2026, 1, 10)),
        "in-scadenza.md": call_data(title="Bando che chiude a mezzogiorno | presto",
                                    deadline=datetime(2026, 12, 1, 12, 0)),
        "da-verificare.md": call_data(title="Bando con fonte vecchia", verified=date(2026, 6, 1)),
        "sbagliato.md": call_data(title="Bando con un errore", funding_source="regionale"),
    }
    for name, data in files.items():
        (calls / name).write_text(front_matter(data), encoding="utf-8")
    return base / "content"


def test_summary_reports_deadlines_and_errors_as_markdown(tmp_path: Path) -> None:
    deadline_tree(tmp_path)
    summary = tmp_path / "summary.md"
    summary.write_text("Riepilogo di un passo precedente\n", encoding="utf-8")
    result = run_cli("check", "--format", "github", "--today", TODAY, "--summary", str(summary), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("Riepilogo di un passo precedente\n## Controllo dei contenuti"), "appends, never truncates"
    assert "❌ Controllo del 25 novembre 2026" in text
    assert "### ❌ Errori da correggere (1)" in text
    assert "`content/calls/sbagliato.md:" in text and "regionale" in text

    expired = text.split("### Scadenze passate (2)")[1].split("### In scadenza")[0]
    assert "| Bando scaduto da cinque giorni<br>`content/calls/scaduto.md` | 20 novembre 2026 | 5 giorni fa |" in expired
    assert "<details><summary>Scaduti da più di 30 giorni (1)</summary>" in expired
    assert "Bando scaduto da mesi" in expired.split("<details>")[1]

    closing = text.split("### In scadenza entro 14 giorni (1)")[1].split("### Fonte")[0]
    assert "Bando che chiude a mezzogiorno \\| presto" in closing, "a | in a title must not break the table"
    assert "1 dicembre 2026, ore 12:00 | tra 6 giorni |" in closing

    stale = text.split("### Fonte da ricontrollare (1)")[1]
    assert "Bando con fonte vecchia" in stale and "1 giugno 2026 | 177 giorni fa |" in stale
    assert_tables_well_formed(text)


def assert_tables_well_formed(markdown: str) -> None:
    """Every row of a table has as many cells as its header (escaped ``\\|`` do not count)."""
    columns = None
    for line in markdown.splitlines():
        if not line.startswith("|"):
            columns = None
            continue
        cells = len(re.findall(r"(?<!\\)\|", line)) - 1
        columns = columns or cells
        assert line.endswith("|") and cells == columns, line


def test_summary_links_to_the_files_on_github(tmp_path: Path) -> None:
    deadline_tree(tmp_path)
    summary = tmp_path / "summary.md"
    env = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "legacoop/lab", "GITHUB_SHA": "abc123"}
    run_cli("check", "--today", TODAY, "--summary", str(summary), cwd=tmp_path, env=env)
    text = summary.read_text(encoding="utf-8")
    assert "[Bando scaduto da cinque giorni](https://github.com/legacoop/lab/blob/abc123/content/calls/scaduto.md#L" in text


def test_summary_of_a_clean_tree(tmp_path: Path) -> None:
    calls = tmp_path / "content" / "calls"
    calls.mkdir(parents=True)
    (calls / "buono.md").write_text(front_matter(call_data()), encoding="utf-8")
    summary = tmp_path / "summary.md"
    result = run_cli("check", "--today", TODAY, "--summary", str(summary), cwd=tmp_path)
    assert result.returncode == 0
    text = summary.read_text(encoding="utf-8")
    assert "✅ Controllo del 25 novembre 2026" in text
    assert "Nessun errore" in text and "Nessun bando con la scadenza passata." in text
    assert "Nessun bando in scadenza." in text


def test_empty_summary_path_means_no_summary(tmp_path: Path) -> None:
    """Outside GitHub, ``--summary "$GITHUB_STEP_SUMMARY"`` expands to an empty value."""
    calls = tmp_path / "content" / "calls"
    calls.mkdir(parents=True)
    (calls / "buono.md").write_text(front_matter(call_data()), encoding="utf-8")
    result = run_cli("check", "--today", TODAY, "--summary", "", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]


def test_unwritable_summary_is_a_usage_error_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "content" / "calls").mkdir(parents=True)
    result = run_cli("check", "--today", TODAY, "--summary", str(tmp_path / "manca" / "s.md"), cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "riepilogo" in result.stderr
