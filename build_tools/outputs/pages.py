"""Generated Markdown pages (placeholder: implemented by the site work)."""

from __future__ import annotations

from ..site import Site
from . import Output, SiteSettings


def build_pages(site: Site, settings: SiteSettings) -> list[Output]:
    return []
