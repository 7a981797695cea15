"""Problems found in the content, collected rather than raised.

Every stage returns its findings as :class:`Diagnostic` objects so that an editor
sees *all* problems of *all* files in one run, each as ``path:line: severity: message``.
Messages are Italian (editors read them); codes are stable English identifiers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from build_tools.codes import explain


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one file, located as precisely as the stage can."""

    path: str
    line: int
    severity: Severity = field(compare=False)
    code: str = field(compare=False)
    message: str = field(compare=False)

    def format(self) -> str:
        """The editor-facing line: ``path:line: error: message`` (one line, even if a value had line breaks)."""
        return f"{self.path}:{self.line}: {self.severity.value}: {' '.join(self.message.splitlines())}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


class Report:
    """An append-only collection of diagnostics shared by the stages of one run."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root
        self._resolved_root = root.resolve() if root is not None else None
        self.items: list[Diagnostic] = []

    def relpath(self, path: Path | str) -> str:
        """Path as the editor knows it: relative to the repository when possible."""
        p = Path(path)
        if self._resolved_root is not None:
            try:
                return p.resolve().relative_to(self._resolved_root).as_posix()
            except ValueError:
                pass
        return p.as_posix()

    def add(self, path: Path | str, line: int, severity: Severity, code: str, message: str) -> None:
        explain(code)  # every code is in the catalogue, so the guide explains it
        self.items.append(Diagnostic(self.relpath(path), max(1, int(line)), severity, code, message))

    def error(self, path: Path | str, line: int, code: str, message: str) -> None:
        self.add(path, line, Severity.ERROR, code, message)

    def warning(self, path: Path | str, line: int, code: str, message: str) -> None:
        self.add(path, line, Severity.WARNING, code, message)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if not d.is_error]

    def sorted(self) -> list[Diagnostic]:
        """Stable, reading order: by file, then line."""
        return sorted(self.items, key=lambda d: (d.path, d.line, d.severity.value, d.message))

def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diagnostic: Diagnostic) -> str:
    """A GitHub Actions workflow command: an annotation on the file and line of the problem."""
    kind = "error" if diagnostic.is_error else "warning"
    return (f"::{kind} file={_escape_property(diagnostic.path)},line={diagnostic.line},"
            f"title={_escape_property(diagnostic.code)}::{_escape_data(diagnostic.message)}")
