"""RSS/Atom feeds (placeholder: implemented by the feeds work)."""

from __future__ import annotations

from dataclasses import dataclass

from ..site import CallPage, Site
from . import Output, SiteSettings


@dataclass(frozen=True)
class FeedLink:
    """A feed to announce in a page's <head> and on /iscriviti/."""

    title: str  # Italian, e.g. "Bandi nuovi e aggiornati (RSS)"
    path: str  # site-relative, e.g. "feed/bandi.rss.xml"
    media_type: str  # "application/rss+xml" or "application/atom+xml"


def feed_links(call: CallPage | None = None) -> list[FeedLink]:
    """Feeds to announce in <head>: the site-wide ones, plus the call's source and pathway feeds."""
    return []


def build_feeds(site: Site, settings: SiteSettings) -> list[Output]:
    return []
