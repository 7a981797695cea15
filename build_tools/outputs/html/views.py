"""What the page templates show: one view per call, story, service and event, built once per build.

Pure Python (no MkDocs): labels, facet values, status data for the browser, JSON-LD. The
plugin exposes :class:`SiteViews` to the templates as ``lab`` and each item page's view as
``item``; templates only lay the data out.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from itertools import groupby
from typing import Any, Callable, Iterable

from markupsafe import Markup, escape

from build_tools.deriving.facets import CALL_FACETS, STORY_FACETS, FacetView, facet_data, facet_views
from build_tools.deriving.territory import territory_detail, territory_words
from build_tools.outputs.html.filters import DAYS_LEFT_WORDS, eur, iso, moment, month
from build_tools.reading.models import Call, CallStatus, Event, LabeledEnum, Service, ServiceKind, Story
from build_tools.reading.models.common import ROME, end_of, start_of
from build_tools.outputs import SiteSettings
from build_tools.outputs.calendar import call_ics_path
from build_tools.outputs.changelog import HistoryLine, history_lines
from build_tools.outputs.service_calendar import event_ics_path
from build_tools.outputs.feedback import error_link, new_call_link
from build_tools.outputs.facts import Fact
from build_tools.outputs.feeds import FeedLink, feed_links
from build_tools.outputs.requirements import CLICK_DAY_CHECKLIST, is_click_day, opening_countdown, requirement_facts
from build_tools.outputs.html.listings import Listing, browse_sections, build_listings, listing_index, subscriptions
from build_tools.outputs.html.urls import image_path, source_uri
from build_tools.deriving.site import CallPage, ServicePage, Site, StoryPage
from build_tools.deriving.status import APPLYING, ARCHIVED, OVERRIDDEN


def labels(values: Iterable[LabeledEnum]) -> list[str]:
    """Italian labels of vocabulary values, in their order."""
    return [v.label for v in values]


class CallView:
    """A call as the listings, the sheet and the browser-side status script need it."""

    def __init__(self, page: CallPage, views: "SiteViews") -> None:
        self.page, self.views = page, views
        self.call: Call = page.call
        self.timing = page.timing
        self.slug, self.url, self.title = page.slug, page.url, page.call.title

    @property
    def status(self) -> CallStatus:
        return self.timing.status

    @property
    def deadline(self) -> date | datetime | None:
        """The deadline that matters now, as written (a bare date stays a date)."""
        if self.call.windows:
            return self.call.windows[self.timing.window_index or 0].deadline
        return self.call.deadline

    @property
    def opens(self) -> date | datetime | None:
        """The opening that matters now (current or next window), as written."""
        if self.call.windows:
            return self.call.windows[self.timing.window_index or 0].opens
        return self.call.opens

    @property
    def days_left(self) -> int | None:
        """Days to the deadline; None when no countdown makes sense (archived, or an editor's override)."""
        if self.timing.archived or self.call.status_override:
            return None
        return self.timing.days_left(self.views.now)

    @property
    def applying(self) -> bool:
        """One can apply now (the countdown shows; the browser shows or hides it as the status moves)."""
        return self.status in APPLYING

    @cached_property
    def badge_data(self) -> dict[str, str]:
        """What the browser needs to correct the badge after the build (ISO dates with offset)."""
        data = {"data-lab-status": self.status.value, "data-soon": str(self.views.closing_soon_days)}
        if self.call.status_override:
            data["data-override"] = self.call.status_override.value
        if self.timing.opens_at:
            data["data-opens"] = iso(self.timing.opens_at)
        if self.timing.deadline_at:
            data["data-deadline"] = iso(self.timing.deadline_at)
        if self.call.windows:
            spans = [[iso(o) if o else None, iso(d)] for o, d in self.call.deadlines()]
            data["data-windows"] = _json(spans)
        if self.call.rolling:
            data["data-rolling"] = "true"
        return data

    @property
    def days_data(self) -> dict[str, str]:
        """The dates the browser needs to recount "mancano N giorni"."""
        keys = ("data-deadline", "data-windows")
        return {"data-lab-days": "", **{k: v for k, v in self.badge_data.items() if k in keys}}

    @cached_property
    def badge_attrs(self) -> Markup:
        """``badge_data`` as HTML attributes (a call's badge appears on several pages: built once)."""
        return html_attrs(self.badge_data)

    @cached_property
    def days_attrs(self) -> Markup:
        return html_attrs(self.days_data)

    @cached_property
    def facets(self) -> dict[str, str]:
        """Facet values, plus what the explorer sorts by (publication day, largest amount)."""
        data = facet_data(CALL_FACETS, self.page)
        data["data-published"] = self.call.published.isoformat()
        amount = self.amount
        if amount is not None:
            data["data-amount"] = f"{amount:g}"
        return data

    @property
    def amount(self) -> float | None:
        """What "importo più alto" sorts by: the largest grant per project, else the total budget."""
        call = self.call
        for value in (call.max_grant_eur, call.min_grant_eur, call.budget_total_eur):
            if value is not None:
                return value
        return None

    @property
    def territory(self) -> str:
        """Where one can apply from, in words ("Tutta Italia", "Lazio")."""
        return territory_words(self.call)

    @property
    def territory_detail(self) -> str:
        return territory_detail(self.call)

    @cached_property
    def facet_attrs(self) -> Markup:
        return html_attrs(self.facets)

    @property
    def windows(self) -> list[dict[str, Any]]:
        now, current = self.views.now, self.timing.window_index
        return [{"label": w.label or f"Finestra {i + 1}", "opens": w.opens, "deadline": w.deadline,
                 "current": i == current and not self.timing.archived, "past": end_of(w.deadline) < now}
                for i, w in enumerate(self.call.windows)]

    @property
    def grant_range(self) -> str:
        low, high = self.call.min_grant_eur, self.call.max_grant_eur
        if low is not None and high is not None:
            return eur(high) if low == high else f"da {eur(low)} a {eur(high)}"
        if high is not None:
            return f"fino a {eur(high)}"
        return f"da {eur(low)}" if low is not None else ""

    @property
    def search_filters(self) -> list[str]:
        """Pagefind filters: kind, archived or not (current results rank first), open now ("solo bandi aperti")."""
        archived = "sì" if self.timing.archived else "no"
        return ["tipo:Bando", f"archivio:{archived}", *(["aperto:sì"] if self.applying else [])]

    @property
    def search_data(self) -> str:
        """Pagefind meta ``lab``: what a search result needs to show the live badge and the deadline."""
        data = {key.removeprefix("data-").replace("lab-status", "status"): value for key, value in self.badge_data.items()}
        if self.deadline:
            data["scadenza"] = moment(self.deadline)
        return _json(data)

    @property
    def share_text(self) -> str:
        """What "Condividi" sends (WhatsApp, e-mail): title, status, deadline, link (the browser refreshes it)."""
        deadline = f" – scadenza: {moment(self.deadline)}" if self.deadline else ""
        return f"{self.title} – {self.status.label}{deadline}\n{self.views.absolute(self.url)}"

    @property
    def budget_text(self) -> str:
        return eur(self.call.budget_total_eur) if self.call.budget_total_eur is not None else ""

    @property
    def ics_path(self) -> str | None:
        """The call's calendar, unless an override (sospeso, fondi esauriti, annullato) makes its dates moot."""
        if self.call.status_override:
            return None
        path = call_ics_path(self.page)
        return path if self.views.has_output(path) else None

    @property
    def stories(self) -> list["StoryView"]:
        return [self.views.story(s) for s in self.page.stories]

    @property
    def history(self) -> list[HistoryLine]:
        """"Cronologia delle modifiche": newest first, the first publication last."""
        return history_lines(self.page)

    @property
    def services(self) -> list["ServiceView"]:
        return [self.views.service(s) for s in self.page.services]

    def labels_of(self, key: str) -> list[str]:
        """Italian labels of a list field (``support_types``, ``beneficiaries``...)."""
        return labels(getattr(self.call, key))

    @property
    def jsonld_script(self) -> Markup:
        """``jsonld`` as the compact, HTML-safe text of a ``<script type="application/ld+json">``."""
        return script_json(self.jsonld)

    @property
    def jsonld(self) -> dict[str, Any]:
        """schema.org ``MonetaryGrant``: funder, amount, and the application window as an ``ApplyAction``."""
        call = self.call
        data: dict[str, Any] = {
            "@context": "https://schema.org", "@type": "MonetaryGrant", "identifier": self.slug,
            "name": call.title, "description": call.summary, "url": self.views.absolute(self.url), "sameAs": call.url,
            "funder": {"@type": "Organization", "name": call.funder},
        }
        amount: dict[str, Any] = {}
        if call.min_grant_eur is not None:
            amount["minValue"] = call.min_grant_eur
        if call.max_grant_eur is not None:
            amount["maxValue"] = call.max_grant_eur
        if not amount and call.budget_total_eur is not None:
            amount["value"] = call.budget_total_eur
        if amount:
            data["amount"] = {"@type": "MonetaryAmount", "currency": "EUR", **amount}
        action: dict[str, Any] = {"@type": "ApplyAction", "target": call.url}
        if self.timing.opens_at:
            action["startTime"] = iso(self.timing.opens_at)
        if self.timing.deadline_at:
            action["endTime"] = iso(self.timing.deadline_at)
        data["potentialAction"] = action
        return data

    @cached_property
    def requirements(self) -> list[Fact]:
        """"A chi si rivolge": every requirement in plain words, "non indicato dal bando" included."""
        return requirement_facts(self.call)

    @property
    def click_day(self) -> bool:
        return is_click_day(self.call)

    @property
    def opening_countdown(self) -> str | None:
        """"apre tra N giorni" for a click day (None for an archived call, or without an opening)."""
        opens = self.timing.opens_at
        if not self.click_day or opens is None or self.timing.archived:
            return None
        return opening_countdown(self.views.now, opens, self.timing.deadline_at)

    click_day_checklist = CLICK_DAY_CHECKLIST


class StoryView:
    def __init__(self, page: StoryPage, views: "SiteViews") -> None:
        self.page, self.views = page, views
        self.story: Story = page.story
        self.slug, self.url, self.title = page.slug, page.url, page.story.title

    @cached_property
    def facets(self) -> dict[str, str]:
        return facet_data(STORY_FACETS, self.story)

    @cached_property
    def facet_attrs(self) -> Markup:
        return html_attrs(self.facets)

    @property
    def regions(self) -> list[str]:
        return labels(self.story.regions)

    @property
    def image_url(self) -> str | None:
        path = image_path(self.page)
        return path if path and self.views.has_output(path) else None

    @property
    def calls(self) -> list[CallView]:
        """Related calls, current ones first."""
        views = [self.views.call(c) for c in self.page.calls]
        return sorted(views, key=lambda v: v.timing.archived)


@dataclass(frozen=True)
class EventView:
    event: Event
    service: "ServiceView"

    @property
    def anchor(self) -> str:
        """Unique on the service page and on /eventi/: ``evento-20261215-1000-orientamento``."""
        return f"evento-{self.event.start.astimezone(ROME):%Y%m%d-%H%M}-{self.service.slug}"

    @property
    def ics_path(self) -> str | None:
        """The event's own .ics ("aggiungi al calendario"), when it was built."""
        path = event_ics_path(self.service.page, self.event)
        return path if self.service.views.has_output(path) else None


class ServiceView:
    def __init__(self, page: ServicePage, views: "SiteViews") -> None:
        self.page, self.views = page, views
        self.service: Service = page.service
        self.slug, self.url, self.title = page.slug, page.url, page.service.title

    @property
    def audience(self) -> list[str]:
        return labels(self.service.audience)

    @cached_property
    def events(self) -> list[EventView]:
        return [EventView(e, self) for e in self.page.upcoming_events(self.views.now)]

    @property
    def calls(self) -> list[CallView]:
        """Current calls that this service helps with."""
        return [self.views.call(c) for c in self.page.calls if not c.timing.archived]


#: A run of whitespace with a line break in it: in HTML outside <pre>, one line break renders the same.
_BLANK = re.compile(r"\s*\n\s*")


def compact(html: str) -> Markup:
    """``html`` without indentation or blank lines (for markup with no ``<pre>``, ``<textarea>``
    or script that minds whitespace)."""
    return Markup(_BLANK.sub("\n", html))


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def html_attrs(data: dict[str, str]) -> Markup:
    """`` key="value"`` for each item, escaped: what a template loop over ``data`` would write."""
    return Markup("".join(f' {escape(key)}="{escape(value)}"' for key, value in data.items()))


def script_json(value: Any) -> Markup:
    """Compact JSON safe inside ``<script>``: ``<``, ``>`` and ``&`` as ``\\u`` escapes (as Jinja's ``tojson``)."""
    text = _json(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


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
        """What a listing announces in its <head>: its own feeds and calendar, else the site-wide ones."""
        return [FeedLink(f"{listing.title} ({label})", path, media)
                for label, path, media in subscriptions(listing, self.has_output)]

    def subscriptions(self, listing: Listing) -> list[tuple[str, str, str]]:
        return subscriptions(listing, self.has_output)

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
    def archived_count(self) -> int:
        return sum(len(pages) for _, pages in self.archive)

    def count(self, *statuses: str) -> int:
        """How many current calls have one of ``statuses`` (``"applying"`` = open, closing soon, rolling)."""
        wanted = {s.value for s in APPLYING} if "applying" in statuses else set(statuses)
        if "overridden" in statuses:
            wanted |= {s.value for s in OVERRIDDEN}
        return sum(1 for c in self.current_calls if c.status.value in wanted)

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

    @property
    def guidance(self) -> ServiceView | None:
        """The guidance service (orientamento): where every call sheet leads."""
        return next((s for s in self.services if s.service.kind is ServiceKind.GUIDANCE), None)

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
