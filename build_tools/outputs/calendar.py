"""iCalendar files (placeholder: implemented by the feeds work)."""

from __future__ import annotations

from ..site import CallPage, Site
from . import Output, SiteSettings


def call_ics_path(page: CallPage) -> str:
    """Site-relative path of the .ics with this call's deadline(s)."""
    return f"bandi/{page.slug}/scadenza.ics"


def build_calendars(site: Site, settings: SiteSettings) -> list[Output]:
    return []
