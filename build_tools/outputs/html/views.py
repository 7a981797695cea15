"""What the page templates show: one view per call, story, service and event, built once per build.

Pure Python (no MkDocs): labels, facet values, status data for the browser, JSON-LD. The
plugin exposes :class:`SiteViews` to the templates as ``lab`` and each item page's view as
``item``; templates only lay the data out.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cached_property
from itertools import groupby
from typing import Any, Callable, Iterable

from markupsafe import Markup

from build_tools.deriving.facets import (
    CALL_FACETS,
    STORY_FACETS,
    FacetView,
    facet_views,
)
from build_tools.deriving.site import CallPage, ServicePage, Site, StoryPage
from build_tools.deriving.status import APPLYING, ARCHIVED, OVERRIDDEN
from build_tools.outputs import SiteSettings
from build_tools.outputs.feedback import error_link, new_call_link
from build_tools.outputs.feeds import FeedLink, feed_links
from build_tools.outputs.facts import LABELS
from build_tools.outputs.html.attributes import compact
from build_tools.outputs.html.call_view import SEARCH_RANKS, CallView
from build_tools.outputs.html.filters import DAYS_LEFT_WORDS, month
from build_tools.outputs.html.item_views import EventView, ServiceView, StoryView
from build_tools.outputs.html.listings import (
    Listing,
    browse_sections,
    build_listings,
    listing_index,
    subscriptions,
)
from build_tools.outputs.html.urls import source_uri
from build_tools.reading.models import CallStatus, ServiceKind
from build_tools.reading.models.common import ROME, start_of


class SiteViews:
    """The whole site as the templates see it (``lab``)."""

    def __init__(self, site: Site, settings: SiteSettings, output_paths: Iterable[str] = ()) -> None:
        self.site, self.settings = site, settings
        self.now: datetime = site.now
        self.today: date = site.today
        self.closing_soon_days = site.closing_soon_days
        self.demo = settings.demo
        self._outputs = frozenset(output_paths)
        self._calls = {p.slug: CallView(p, self) for p in site.calls}
        self._stories = {p.slug: StoryView(p, self) for p in site.stories}
        self._services = {p.slug: ServiceView(p, self) for p in site.services}
        self._fragments: dict[tuple[str, str], Markup] = {}
        self._by_source: dict[str, Any] = {}
        for group in (self._calls, self._stories, self._services):
            self._by_source.update({source_uri(v.page): v for v in group.values()})

    page_sources: frozenset[str] = frozenset()  # every page of the build (set by build_pages)

    @property
    def labels(self) -> dict[str, str]:
        """The one Italian name of each fact of a call (:data:`build_tools.outputs.facts.LABELS`)."""
        return LABELS

    def call(self, page: CallPage) -> CallView:
        return self._calls[page.slug]

    @property
    def new_call_link(self) -> str | None:
        """"Segnala un bando": GitHub's issue form (None when ``extra.issues_url`` is not set)."""
        return new_call_link(self.settings.issues_url)

    def error_link(self, item: Any) -> str | None:
        """"Segnala un errore" for an item page, with its title and public address filled in."""
        base = self.settings.site_url
        address = base.rstrip("/") + "/" + item.url.lstrip("/") if base else item.url
        return error_link(self.settings.issues_url, item.title, address)

    def calls_of(self, pages: Iterable[CallPage]) -> list[CallView]:
        return [self._calls[p.slug] for p in pages]

    @cached_property
    def listings(self) -> list[Listing]:
        return build_listings(self.site)

    @cached_property
    def _listing_index(self) -> dict[tuple[str, str], Listing]:
        return listing_index(self.listings)

    def listing_url(self, facet: str, value: str) -> str:
        """The static listing of a facet value (``beneficiari``, ``cooperatives``), or /bandi/ when it has no call."""
        found = self._listing_index.get((facet, value))
        return found.url if found else "bandi/"

    @property
    def browse(self) -> list[tuple[str, list[Listing]]]:
        return browse_sections(self.listings)

    def listing_feeds(self, listing: Listing) -> list[FeedLink]:
        """What a listing announces in its <head>: its own feeds and calendar."""
        return [FeedLink(f"{listing.title} ({label})", path, media) for label, path, media in subscriptions(listing)]

    def subscriptions(self, listing: Listing) -> list[tuple[str, str, str]]:
        return subscriptions(listing)

    @property
    def finder_url(self) -> str:
        """The eligibility finder (/bandi/quale-bando/) once it is built, else the explorer."""
        return "bandi/quale-bando/" if "bandi/quale-bando.md" in self.page_sources else "bandi/"

    @staticmethod
    def plural(count: int, one: str, many: str) -> str:
        """``1 bando aperto``, ``7 bandi aperti``."""
        return f"{count} {one if count == 1 else many}"

    def story(self, page: StoryPage) -> StoryView:
        return self._stories[page.slug]

    def service(self, page: ServicePage) -> ServiceView:
        return self._services[page.slug]

    def item(self, src_uri: str) -> CallView | StoryView | ServiceView | None:
        """The view behind a generated item page, by its source path (``bandi/<slug>.md``)."""
        return self._by_source.get(src_uri)

    def fragment(self, name: str, page: Any, render: Callable[[], str]) -> Markup:
        """Markup shared by the item pages of one folder, rendered once per build by ``render``.

        For Material's chrome (tabs, nav, footer, config: item pages are not in the nav, so
        nothing there marks them as current) and the call sheets' services section: what depends
        only on ``name`` and the folder (``bandi/``), through the relative URLs. Thousands of
        pages then reuse one string, without indentation or blank lines.
        """
        key = (name, page.url.rstrip("/").rpartition("/")[0])
        found = self._fragments.get(key)
        if found is None:
            found = self._fragments[key] = compact(render())
        return found

    def has_output(self, path: str) -> bool:
        return path in self._outputs

    def absolute(self, url: str) -> str:
        base = self.settings.site_url or "/"
        return base.rstrip("/") + "/" + url.lstrip("/")

    def feed_links(self, item: Any = None) -> list[FeedLink]:
        return feed_links(item.page if isinstance(item, CallView) else None)

    @cached_property
    def current_calls(self) -> list[CallView]:
        return [self._calls[p.slug] for p in self.site.current_calls]

    @cached_property
    def archive(self) -> list[tuple[int, list[CallView]]]:
        return [(year, [self._calls[p.slug] for p in pages]) for year, pages in self.site.archive_by_year()]

    @property
    def archive_years(self) -> list[int]:
        """The archive's years, newest first: each has its own search index (``pagefind/archivio/<anno>/``)."""
        return [year for year, _ in self.archive]

    @property
    def archived_count(self) -> int:
        return sum(len(pages) for _, pages in self.archive)

    def count(self, *statuses: str) -> int:
        """How many current calls have one of ``statuses`` (``"applying"`` = open, closing soon, rolling)."""
        wanted = {s.value for s in APPLYING} if "applying" in statuses else set(statuses)
        if "overridden" in statuses:
            wanted |= {s.value for s in OVERRIDDEN}
        return sum(1 for c in self.current_calls if c.status.value in wanted)

    @property
    def search_ranks(self) -> tuple[str, ...]:
        """For the search page: the ranks of calls, best first (Pagefind filter ``stato``)."""
        return SEARCH_RANKS

    @property
    def applying_statuses(self) -> str:
        """For the browser: which statuses count as "aperti" (space-separated, vocabulary order)."""
        return " ".join(s.value for s in CallStatus if s in APPLYING)

    @property
    def current_statuses(self) -> str:
        """Statuses a call keeps in the current listings (the browser drops a card that closes)."""
        return " ".join(s.value for s in CallStatus if s not in ARCHIVED)

    def closing_soon(self, limit: int = 6) -> list[CallView]:
        return [c for c in self.current_calls if c.status is CallStatus.CLOSING_SOON][:limit]

    def upcoming_calls(self, limit: int = 4) -> list[CallView]:
        """Calls opening soon (forthcoming), the soonest first."""
        found = [c for c in self.current_calls if c.status is CallStatus.FORTHCOMING]
        return sorted(found, key=lambda c: c.timing.opens_at or start_of(c.call.published))[:limit]

    @property
    def stories(self) -> list[StoryView]:
        return list(self._stories.values())

    @property
    def services(self) -> list[ServiceView]:
        return list(self._services.values())

    def service_of_kind(self, kind: ServiceKind | str) -> ServiceView | None:
        """The one service of ``kind`` (contract §4: exactly one each), if published."""
        return next((s for s in self.services if s.service.kind is ServiceKind(kind)), None)

    @property
    def guidance(self) -> ServiceView | None:
        """The guidance service (orientamento): where every call sheet leads."""
        return self.service_of_kind(ServiceKind.GUIDANCE)

    @cached_property
    def events(self) -> list[EventView]:
        found = [e for s in self.services for e in s.events]
        return sorted(found, key=lambda e: e.event.start)

    @property
    def events_by_month(self) -> list[tuple[str, str, list[EventView]]]:
        """(anchor ``2027-01``, label ``gennaio 2027``, events) in date order."""
        keyed = groupby(self.events, key=lambda e: e.event.start.astimezone(ROME).strftime("%Y-%m"))
        return [(key, month(group[0].event.start), group) for key, group in ((k, list(g)) for k, g in keyed)]

    @cached_property
    def call_facets(self) -> list[FacetView]:
        return facet_views(CALL_FACETS, [c.page for c in self.current_calls])

    @cached_property
    def story_facets(self) -> list[FacetView]:
        return facet_views(STORY_FACETS, [s.story for s in self.stories])

    @property
    def status_labels(self) -> dict[str, str]:
        return CallStatus.labels()

    @property
    def days_words(self) -> dict[str, str]:
        return DAYS_LEFT_WORDS
