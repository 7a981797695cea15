"""Shared, generic fixtures: a fixed "now", a content-tree factory, minimal valid front matter.

Nothing here knows about MkDocs or the site: any test of the content pipeline may use it.

- ``now``: 2026-11-25 00:00 Europe/Rome (what ``--today 2026-11-25`` means).
- ``content_tree(files)``: writes ``{"calls/x.md": text_or_bytes, ...}`` under
  ``tmp_path/content`` and returns that folder (call it again to add files).
- ``fm``: the helpers of ``content_factory`` (minimal valid front matter), as a fixture.
  Test modules import them from ``content_factory``, never from ``conftest`` (tests/browser
  has a conftest of its own).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from content_factory import (  # noqa: F401 - re-exported for tests that import them from here
    NOW, ROME, SERVICE_KINDS, TODAY, call_data, five_services, front_matter, service_data, story_data,
)


@pytest.fixture
def now() -> datetime:
    return NOW


@pytest.fixture
def fm() -> SimpleNamespace:
    """The front-matter helpers, for tests that prefer fixtures to imports."""
    return SimpleNamespace(call=call_data, story=story_data, service=service_data, text=front_matter,
                           five_services=five_services)


@pytest.fixture
def content_tree(tmp_path: Path):
    """Factory: ``content_tree({"calls/x.md": text})`` → ``tmp_path/content``."""
    root = tmp_path / "content"

    def make(files: dict[str, str | bytes] | None = None) -> Path:
        root.mkdir(exist_ok=True)
        for rel, text in (files or {}).items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(text, encoding="utf-8", newline="")
        return root

    return make


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo site, built once per session by the real build (``tests/browser/sitebuild.py``)."""
    import importlib.util  # tests/browser is not a package

    spec = importlib.util.spec_from_file_location("lab_sitebuild", Path(__file__).parent / "browser" / "sitebuild.py")
    sitebuild = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sitebuild)  # type: ignore[union-attr]
    return sitebuild.built_site(tmp_path_factory)
