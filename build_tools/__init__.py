"""Content pipeline of the Laboratorio di Contaminazione Digitale site.

load → validate → derive → outputs, in plain Python. Only ``renderers.mkdocs_plugin`` imports MkDocs.

The names below are imported on first use (PEP 562): ``python -m build_tools build`` only
hands over to MkDocs, and need not load the pipeline (the MkDocs process loads it).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from build_tools.pipeline import CheckResult, run_checks
    from build_tools.clock import resolve_now
    from build_tools.diagnostics import Diagnostic, Severity
    from build_tools.deriving.site import Site, build_site

__all__ = ["CheckResult", "Diagnostic", "Severity", "Site", "build_site", "resolve_now", "run_checks"]
_MODULES = {"CheckResult": "pipeline", "run_checks": "pipeline", "resolve_now": "clock", "Diagnostic": "diagnostics", "Severity": "diagnostics", "Site": "deriving.site", "build_site": "deriving.site"}


def __getattr__(name: str) -> Any:  # noqa: ANN401 - whatever the name is
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{_MODULES[name]}", __name__), name)
    globals()[name] = value
    return value
