"""Outputs are data: each builder returns ``Output`` objects and never touches the disk.

The MkDocs plugin turns them into in-memory files (``File.generated``); another renderer
could write them out directly. Two outputs with the same path are an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from build_tools.deriving.site import Site


@dataclass(frozen=True)
class SiteSettings:
    """Build options that outputs need besides the content (from the plugin config)."""

    site_url: str | None  # absolute base URL, e.g. "https://legacooplazio.github.io/laboratorio/"; None = unknown
    demo: bool = False  # the content is illustrative: say so everywhere
    site_name: str = "Laboratorio di Contaminazione Digitale"


@dataclass(frozen=True)
class Output:
    """One generated file: site-relative POSIX path, text or bytes, media type."""

    path: str
    content: str | bytes
    media_type: str


Builder = Callable[[Site, SiteSettings], list[Output]]


class DuplicateOutputError(ValueError):
    pass


def collect(site: Site, settings: SiteSettings, builders: list[Builder]) -> list[Output]:
    """Run every builder; refuse two outputs at the same path (Pelican's writer guard)."""
    outputs: list[Output] = []
    seen: set[str] = set()
    for builder in builders:
        for output in builder(site, settings):
            if output.path in seen:
                raise DuplicateOutputError(f"due file generati con lo stesso percorso: {output.path}")
            seen.add(output.path)
            outputs.append(output)
    return outputs


def default_builders() -> list[Builder]:
    """Every output of the site, in a fixed order."""
    from build_tools.outputs.calendar import build_calendars
    from build_tools.outputs.feeds import build_feeds
    from build_tools.outputs.opendata import build_opendata
    from build_tools.outputs.html.pages import build_pages
    from build_tools.outputs.subscribe import build_subscribe_page

    return [build_pages, build_subscribe_page, build_feeds, build_calendars, build_opendata]


def build_outputs(site: Site, settings: SiteSettings) -> list[Output]:
    """All generated files. Paths ending in ``.md`` become pages; the rest are copied as they are."""
    return collect(site, settings, default_builders())
