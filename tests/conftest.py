"""Shared, generic fixtures: a fixed "now", a content-tree factory, minimal valid front matter.

Nothing here knows about MkDocs or the site: any test of the content pipeline may use it.

- ``now``: 2026-11-25 00:00 Europe/Rome (what ``--today 2026-11-25`` means).
- ``content_tree(files)``: writes ``{"calls/x.md": text_or_bytes, ...}`` under
  ``tmp_path/content`` and returns that folder (call it again to add files).
- ``call_data()``, ``story_data()``, ``service_data()``: a minimal valid front-matter dict;
  keyword arguments override keys, ``None`` removes a key. ``front_matter(data, body)``
  turns a dict into file text. The ``fm`` fixture exposes the same helpers.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml

ROME = ZoneInfo("Europe/Rome")
NOW = datetime(2026, 11, 25, 0, 0, tzinfo=ROME)
TODAY = "2026-11-25"

SERVICE_KINDS = ("information", "guidance", "seminars", "capacity_building", "coaching")


def _merge(base: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    data = {**base, **overrides}
    return {k: v for k, v in data.items() if v is not None}


def call_data(**overrides: Any) -> dict[str, Any]:
    """A minimal valid call: open on 2026-11-25, deadline 2027-03-31."""
    return _merge({
        "title": "Voucher per la digitalizzazione delle cooperative",
        "summary": "Contributi a fondo perduto per consulenze e tecnologie digitali delle cooperative del Lazio.",
        "funder": "Regione Lazio",
        "funding_source": "regional",
        "support_types": ["grant"],
        "beneficiaries": ["cooperatives"],
        "pathways": ["existing_business"],
        "scope": "lazio",
        "deadline": date(2027, 3, 31),
        "url": "https://www.regione.lazio.it/bandi/voucher",
        "published": date(2026, 10, 1),
    }, overrides)


def story_data(**overrides: Any) -> dict[str, Any]:
    """A minimal valid story, published on 2026-10-01."""
    return _merge({
        "title": "Una filiera agricola tracciata con il digitale",
        "summary": "Una cooperativa agricola del viterbese racconta come ha digitalizzato la sua filiera.",
        "cooperative": "Cooperativa Terre del Tevere",
        "sector": "agrifood",
        "regions": ["lazio"],
        "published": date(2026, 10, 1),
    }, overrides)


def service_data(kind: str = "guidance", **overrides: Any) -> dict[str, Any]:
    """A minimal valid service of ``kind``."""
    return _merge({
        "title": f"Servizio di {kind.replace('_', ' ')}",
        "summary": "Un servizio gratuito del Laboratorio per le cooperative e le imprese del territorio.",
        "kind": kind,
        "order": SERVICE_KINDS.index(kind) + 1 if kind in SERVICE_KINDS else 9,
    }, overrides)


def front_matter(data: dict[str, Any], body: str = "Testo della scheda.\n") -> str:
    """File text: ``---``, the YAML of ``data`` in the given key order, ``---``, the body."""
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None, width=1000)
    return f"---\n{dumped}---\n{body}"


def five_services() -> dict[str, str]:
    """The five services, one per kind, as ``{"services/<kind>.md": text}``."""
    return {f"services/{kind.replace('_', '-')}.md": front_matter(service_data(kind)) for kind in SERVICE_KINDS}


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
