"""Open data under /dati/ (placeholder: implemented by the feeds work)."""

from __future__ import annotations

from ..site import Site
from . import Output, SiteSettings


def build_opendata(site: Site, settings: SiteSettings) -> list[Output]:
    return []
