"""Content pipeline of the Laboratorio di Contaminazione Digitale site.

load → validate → derive → outputs, in plain Python. Only ``mkdocs_plugin`` imports MkDocs.
"""

from __future__ import annotations

from .checks import CheckResult, run_checks
from .clock import resolve_now
from .diagnostics import ContentError, Diagnostic, Severity
from .site import Site, build_site

__all__ = ["CheckResult", "ContentError", "Diagnostic", "Severity", "Site", "build_site", "resolve_now", "run_checks"]
