"""RSS 2.0 and Atom feeds, described once in the ``FEEDS`` table and rendered with feedgen.

Rules a subscriber relies on:

- every item has a permanent id (a ``tag:`` URI from the slug and the first publication
  date): a new title, a new ``updated`` or a new domain never duplicates an item in a reader;
- an updated or extended call re-announces itself: same id, newer ``updated`` (Atom) and
  ``pubDate`` (RSS), moved to the top;
- every date comes from the front matter, in Europe/Rome; the feed's own date is its newest
  item's, never the build time, so two builds of the same content give the same bytes;
- "in scadenza" items are alerts: one per call and deadline, dated when the call entered
  its last ``closing_soon_days``;
- ``modifiche`` has one item per change found in the history (see ``deriving.history``),
  each with its own permanent id from the slug, the day and the kind of change; a changed
  call's item in the other feeds says what changed (same id, moved to the top);
- one feed per interest (who you are, pathway, source, where one operates, scope, status:
  ``outputs.interests``), at Italian addresses that never change; each static listing page
  announces its own.

feedgen's getter/setter API stays inside this module.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial
from datetime import date, datetime, timedelta

from feedgen.feed import FeedGenerator

from build_tools.deriving.changes import Change
from build_tools.reading.models import CallStatus, FundingSource, Pathway
from build_tools.reading.models.common import ROME, start_of
from build_tools.deriving.site import CallPage, Site, StoryPage
from build_tools.outputs import Output, SiteSettings
from build_tools.outputs.changelog import describe, latest_changes_note
from build_tools.outputs.italian import on_moment
from build_tools.outputs.interests import INTERESTS, Interest, interest
from build_tools.outputs.links import absolute, base_url, tag_uri
from build_tools.outputs.facts import call_facts, current_deadline, facts_html, last_change, story_facts, updated_note

#: The sheet's "Cronologia delle modifiche" (templates/call.html): where a change's item leads.
HISTORY_ANCHOR = "cronologia-delle-modifiche"
#: Items per feed, newest first.
ITEM_LIMIT = 50
#: Date in the ``tag:`` id of each feed (a feed's id never changes).
FEED_ID_DATE = date(2026, 1, 1)
AUTHOR = "Legacoop Lazio – Laboratorio di Contaminazione Digitale"


@dataclass(frozen=True)
class FeedFormat:
    name: str  # "RSS"
    suffix: str  # ".xml"
    media_type: str


RSS = FeedFormat("RSS", ".xml", "application/rss+xml")
ATOM = FeedFormat("Atom", ".atom", "application/atom+xml")


@dataclass(frozen=True)
class FeedLink:
    """A feed to announce in a page's <head> and on /iscriviti/."""

    title: str  # Italian, e.g. "Bandi nuovi e aggiornati (RSS)"
    path: str  # site-relative, e.g. "feed/bandi.xml"
    media_type: str  # "application/rss+xml" or "application/atom+xml"


@dataclass(frozen=True)
class FeedItem:
    """One entry, independent of the feed format."""

    guid: str
    title: str
    path: str  # site-relative page
    published: datetime  # first publication
    updated: datetime  # last announcement (= published when never updated)
    html: str  # summary with the key facts
    categories: tuple[tuple[str, str], ...]  # (term, Italian label)


Selector = Callable[[Site], list[FeedItem]]


@dataclass(frozen=True)
class FeedSpec:
    """One feed: what it holds and where it lives (``feed/<id>.xml`` and ``feed/<id>.atom``)."""

    id: str
    title: str
    description: str  # may use {days} (the site's closing_soon_days)
    page: str  # the site page the feed follows, for the feed's own link
    selector: Selector
    formats: tuple[FeedFormat, ...] = (RSS, ATOM)

    def path(self, fmt: FeedFormat) -> str:
        return f"feed/{self.id}{fmt.suffix}"

    def link(self, fmt: FeedFormat = RSS) -> FeedLink:
        return FeedLink(f"{self.title} ({fmt.name})", self.path(fmt), fmt.media_type)


# -- items ---------------------------------------------------------------------------------


def _call_guid(page: CallPage) -> str:
    return tag_uri(page.call.published, f"bandi/{page.slug}")


def _call_categories(page: CallPage) -> tuple[tuple[str, str], ...]:
    call = page.call
    enums = [page.timing.status, call.funding_source, *call.pathways, *call.support_types]
    return tuple((e.value, e.label) for e in enums) + tuple((t, t) for t in call.tags)


def call_item(page: CallPage, site: Site) -> FeedItem:
    call = page.call
    note = latest_changes_note(page) or updated_note(call, site.today, page.changes)
    html = facts_html(call.summary, call_facts(page), note)
    updated = start_of(last_change(call, site.today, page.changes))
    return FeedItem(_call_guid(page), call.title, page.url, start_of(call.published), updated, html,
                    _call_categories(page))


def closing_alert_item(page: CallPage, site: Site) -> FeedItem:
    """An alert "scade il …": its own id per deadline, dated when the call entered closing soon."""
    call, deadline = page.call, current_deadline(page)
    assert deadline is not None
    entered = max(deadline.at - timedelta(days=site.closing_soon_days), start_of(call.published))
    guid = tag_uri(call.published, f"bandi/{page.slug}/scadenza/{deadline.at.astimezone(ROME).date().isoformat()}")
    title = f"Scade {on_moment(deadline.due)}: {call.title}"
    html = facts_html(call.summary, call_facts(page), updated_note(call, site.today))
    return FeedItem(guid, title, page.url, entered, entered, html, _call_categories(page))


def change_guid(page: CallPage, change: Change) -> str:
    """``tag:…,2026-11-20:bandi/<slug>/modifiche/scadenza``: one change of one kind per call and day."""
    return tag_uri(change.day, f"bandi/{page.slug}/modifiche/{change.kind}")


def change_item(page: CallPage, change: Change) -> FeedItem:
    """One change: "Scadenza prorogata dal 10 al 20 dicembre 2026, ore 17:00 – <title>"."""
    call, text = page.call, describe(change)
    title = f"{text[:1].upper()}{text[1:]} – {call.title}"
    note = f"Modificato {on_moment(change.day)}: {text}"
    return FeedItem(change_guid(page, change), title, f"{page.url}#{HISTORY_ANCHOR}", change.at, change.at,
                    facts_html(call.summary, call_facts(page), note), _call_categories(page))


def story_item(page: StoryPage, site: Site) -> FeedItem:
    story = page.story
    when = start_of(story.published)
    terms = [story.sector, *([story.pathway] if story.pathway else [])]
    categories = tuple((e.value, e.label) for e in terms) + tuple((t, t) for t in story.tags)
    return FeedItem(tag_uri(story.published, f"storie/{page.slug}"), story.title, page.url, when, when,
                    facts_html(story.summary, story_facts(page)), categories)


# -- selectors -----------------------------------------------------------------------------


def _call_order(page: CallPage, site: Site) -> tuple[datetime, datetime, str]:
    """The key :func:`select` sorts a call's item by, without building the item."""
    return (start_of(last_change(page.call, site.today, page.changes)), start_of(page.call.published), _call_guid(page))


def _calls(keep: Callable[[CallPage], bool] = lambda page: True) -> Selector:
    """Published current calls (not archived) that ``keep`` accepts.

    Only the newest ``ITEM_LIMIT`` become items: :func:`select` would drop the others anyway,
    and there are thousands of calls for a few dozen feeds.
    """
    def selector(site: Site) -> list[FeedItem]:
        pages = [p for p in site.current_calls if keep(p)]
        newest = heapq.nlargest(ITEM_LIMIT, pages, key=lambda p: _call_order(p, site))
        return [call_item(p, site) for p in newest]
    return selector


def _closing_soon(site: Site) -> list[FeedItem]:
    return [closing_alert_item(p, site) for p in site.current_calls
            if p.timing.status is CallStatus.CLOSING_SOON and current_deadline(p) is not None]


def _stories(site: Site) -> list[FeedItem]:
    return [story_item(p, site) for p in site.stories]


def _everything(site: Site) -> list[FeedItem]:
    return _calls()(site) + _stories(site)


def _changes(site: Site) -> list[FeedItem]:
    """The newest ``ITEM_LIMIT`` changes of every published call (archived ones too)."""
    found = [(c.at, page, c) for page in site.calls for c in page.changes]
    newest = heapq.nlargest(ITEM_LIMIT, found, key=lambda t: (t[0], change_guid(t[1], t[2])))
    return [change_item(page, change) for _, page, change in newest]


def _by_interest(item: Interest) -> Selector:
    return _calls(item.matches)


FEEDS: tuple[FeedSpec, ...] = (
    FeedSpec("bandi", "Bandi nuovi e aggiornati",
             "Bandi e finanziamenti aperti o in arrivo: ogni nuova scheda e ogni aggiornamento (proroghe, modifiche).",
             "bandi/", _calls()),
    FeedSpec("in-scadenza", "Bandi in scadenza",
             "Un avviso quando un bando aperto entra negli ultimi {days} giorni prima della scadenza.",
             "bandi/", _closing_soon),
    FeedSpec("storie", "Storie di cooperative innovative",
             "Le storie di cooperative che hanno innovato con il digitale.", "storie/", _stories),
    FeedSpec("tutto", "Tutte le novità",
             "Bandi nuovi e aggiornati e storie di cooperative, in un solo feed.", "", _everything),
    FeedSpec("modifiche", "Modifiche ai bandi",
             "Una notizia per ogni modifica a un bando già pubblicato: proroghe, nuove finestre, "
             "documenti aggiunti, importi, stato.", "bandi/", _changes),
    *(FeedSpec(i.feed_id, i.title, i.feed_description, "bandi/", _by_interest(i)) for i in INTERESTS),
)
FEEDS_BY_ID = {spec.id: spec for spec in FEEDS}
#: The main feeds, in this order: listed first on /iscriviti/.
SITE_WIDE = ("bandi", "in-scadenza", "modifiche", "storie", "tutto")
#: The feed announced in every page's <head> (autodiscovery): everything new, calls and stories.
#: The others are one click away on /iscriviti/; thousands of pages need not carry them all.
ANNOUNCED = ("tutto",)


def source_feed(source: FundingSource) -> FeedSpec:
    return FEEDS_BY_ID[interest("fonte", source).feed_id]


def pathway_feed(pathway: Pathway) -> FeedSpec:
    return FEEDS_BY_ID[interest("percorso", pathway).feed_id]


def interest_feed(item: Interest) -> FeedSpec:
    return FEEDS_BY_ID[item.feed_id]


def feed_links(call: CallPage | None = None) -> list[FeedLink]:
    """Feeds to announce in <head>: ``ANNOUNCED``, plus the call's source feed on a call sheet.

    Each feed is announced once, in RSS (what browsers' and readers' discovery handles best);
    the Atom twins, the other main feeds and the pathway feeds are listed on /iscriviti/.
    """
    specs = [FEEDS_BY_ID[i] for i in ANNOUNCED]
    if call is not None:
        specs.append(source_feed(call.call.funding_source))
    return [spec.link(RSS) for spec in specs]


# -- rendering -----------------------------------------------------------------------------


def select(spec: FeedSpec, site: Site) -> list[FeedItem]:
    """The items of one feed, newest announcement first, at most ``ITEM_LIMIT``."""
    items = sorted(spec.selector(site), key=lambda i: (i.updated, i.published, i.guid), reverse=True)
    return items[:ITEM_LIMIT]


def _site_last_change(site: Site) -> datetime:
    """Date of an empty feed: the newest change of any published item, else a fixed date."""
    days = [last_change(p.call, site.today, p.changes) for p in site.calls] + [p.story.published for p in site.stories]
    return start_of(max(days, default=FEED_ID_DATE))


def render_feed(spec: FeedSpec, fmt: FeedFormat, items: list[FeedItem], site: Site, settings: SiteSettings,
                base: str) -> bytes:
    """One feed file; dates and order are set explicitly (feedgen would use the clock and prepend)."""
    demo = " (contenuti dimostrativi)" if settings.demo else ""
    fg = FeedGenerator()
    fg.id(tag_uri(FEED_ID_DATE, f"feed/{spec.id}"))
    fg.title(f"{settings.site_name} – {spec.title}{demo}")
    fg.description(spec.description.format(days=site.closing_soon_days))
    fg.language("it")
    fg.author({"name": AUTHOR})
    fg.generator(settings.site_name)
    fg.link(href=absolute(base, spec.path(fmt)), rel="self", type=fmt.media_type)
    fg.link(href=absolute(base, spec.page), rel="alternate", type="text/html")  # last link = RSS <link>
    fg.updated(max(i.updated for i in items) if items else _site_last_change(site))
    for item in items:
        entry = fg.add_entry(order="append")
        entry.id(item.guid)
        entry.title(item.title)
        entry.link(href=absolute(base, item.path), rel="alternate", type="text/html")
        # RSS has one date: the last announcement, so an update moves up; Atom keeps both.
        entry.published(item.updated if fmt is RSS else item.published)
        entry.updated(item.updated)
        html = item.html
        if settings.demo:
            html = "<p><em>Contenuto dimostrativo: non è un bando o una storia reale.</em></p>" + html
        entry.summary(html, type="html")
        if item.categories:
            entry.category([{"term": term, "label": label} for term, label in item.categories])
    return fg.rss_str(pretty=True) if fmt is RSS else fg.atom_str(pretty=True)


def build_feeds(site: Site, settings: SiteSettings) -> list[Output]:
    """Every feed of ``FEEDS`` in each of its formats; refuses to run without ``site_url``."""
    base = base_url(settings, "i feed RSS/Atom")
    outputs: list[Output] = []
    for spec in FEEDS:
        items = cache(partial(select, spec, site))  # one selection for the spec's formats
        for fmt in spec.formats:
            outputs.append(Output.later(spec.path(fmt), partial(_render, spec, fmt, items, site, settings, base),
                                        fmt.media_type))
    return outputs


def _render(spec: FeedSpec, fmt: FeedFormat, items: Callable[[], list[FeedItem]], site: Site, settings: SiteSettings,
            base: str) -> bytes:
    return render_feed(spec, fmt, items(), site, settings, base)
