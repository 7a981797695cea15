"""Absolute URLs and permanent identifiers for feeds, calendars and open data.

Feed readers and calendar programs live outside the site: they need absolute URLs (from
``SiteSettings.site_url``) and identifiers that never change. Identifiers do not use the
site's host: a move to another domain must not make readers re-show every old item.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

from build_tools.outputs import SiteSettings

#: Authority of our ``tag:`` URIs and iCalendar UIDs (RFC 4151): a domain of Legacoop Lazio,
#: fixed on purpose. Changing it changes every GUID and UID: readers would re-show everything.
TAG_AUTHORITY = "legacooplazio.it"


class SiteUrlMissing(ValueError):
    """The build was asked for files that need absolute URLs without knowing the site's address."""


def base_url(settings: SiteSettings, what: str) -> str:
    """``settings.site_url`` with a trailing slash; a clear Italian error if it is missing or relative.

    ``what`` names the files that need it, e.g. "i feed RSS/Atom".
    """
    url = (settings.site_url or "").strip()
    if not url:
        raise SiteUrlMissing(
            f"per generare {what} serve l'indirizzo pubblico del sito: imposta `site_url` in mkdocs.yml "
            "(per esempio `site_url: https://legacooplazio.github.io/laboratorio/`)"
        )
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SiteUrlMissing(
            f"per generare {what} serve un indirizzo completo in `site_url` (https://…), non `{url}`"
        )
    return url if url.endswith("/") else url + "/"


def absolute(base: str, path: str) -> str:
    """``base`` (with trailing slash) + a site-relative path such as ``bandi/slug/``."""
    return base + path.lstrip("/")


def tag_uri(first_published: date, specific: str) -> str:
    """``tag:legacooplazio.it,2026-09-20:bandi/slug``: the same across rebuilds, titles and domains."""
    return f"tag:{TAG_AUTHORITY},{first_published.isoformat()}:{specific}"


def ical_uid(local: str) -> str:
    """``slug-deadline-1@legacooplazio.it``."""
    return f"{local}@{TAG_AUTHORITY}"
