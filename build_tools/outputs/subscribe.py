"""The /iscriviti/ page (placeholder: implemented by the feeds work)."""

from __future__ import annotations

from ..site import Site
from . import Output, SiteSettings


def build_subscribe_page(site: Site, settings: SiteSettings) -> list[Output]:
    return []
