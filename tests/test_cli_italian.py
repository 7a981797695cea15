"""The editors' command line: Italian from `--help` to argparse's own errors; MkDocs' options pass through."""

from __future__ import annotations

import subprocess
import sys

import pytest

from build_tools import cli

COMMANDS = ("check", "report", "preview", "new", "schema", "guide", "build", "serve", "stage")
ENGLISH = ("usage:", "positional arguments", "options:", "show this help message and exit", "error:", "default:")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "build_tools", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=60)


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_is_italian_and_every_option_is_explained(command):
    result = _run(*([command] if command else []), "--help")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith("uso: python -m build_tools")
    assert "opzioni:" in text and "mostra questo aiuto ed esce" in text
    for english in ENGLISH:
        assert english not in text, english
    # every option has its Italian explanation: on its line, or (when the option is long) on the next
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if line.startswith("  -") and "  " not in line.strip():
            assert lines[index + 1].startswith(" " * 16), f"{line.strip()} has no help"


@pytest.mark.parametrize("args, words", [
    (["check", "--formato"], ["errore:", "argomenti non riconosciuti: --formato"]),
    (["check", "--format", "xml"], ["errore:", "scelta non valida", "'text'"]),
    (["new", "call"], ["errore:", "mancano questi argomenti: title"]),
    (["comando-inesistente"], ["errore:", "scelta non valida"]),
])
def test_argparse_errors_are_italian_and_exit_2(args, words):
    result = _run(*args)
    assert result.returncode == 2
    for word in words:
        assert word in result.stderr, result.stderr
    assert "usage:" not in result.stderr and "error:" not in result.stderr


@pytest.mark.parametrize("argv, forwarded", [
    (["build", "-d", "anteprima"], ["-d", "anteprima"]),
    (["build", "-d", "anteprima", "--today", "2026-11-25"], ["-d", "anteprima"]),
    (["build", "--today", "2026-11-25", "--", "-f", "altro.yml", "--site-dir", "x"], ["-f", "altro.yml", "--site-dir", "x"]),
    (["build", "--clean", "--site-dir=x"], ["--clean", "--site-dir=x"]),
])
def test_build_passes_mkdocs_options_to_mkdocs(monkeypatch, argv, forwarded):
    seen: list[list[str]] = []
    monkeypatch.setattr("subprocess.call", lambda command, env: seen.append(command) or 0)
    assert cli.main(argv) == 0
    [command] = seen
    assert command[1:5] == ["-m", "mkdocs", "build", "--strict"]
    assert command[5:] == forwarded
