"""Minimal valid front matter for tests: plain functions, importable from any test module.

``call_data()``, ``story_data()``, ``service_data()`` give a valid dict (keyword arguments
override keys, ``None`` removes one); ``front_matter(data, body)`` turns it into file text;
``five_services()`` gives the five services as ``{"services/<kind>.md": text}``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

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


def tiny_png() -> bytes:
    """A real 1×1 PNG (story images are recognised by their content)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x2e\x7d\x32")) + chunk(b"IEND", b""))
