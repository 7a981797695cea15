"""The pages that list calls, cut into static pages: ``/bandi/``, the listings by facet value, the archive.

``/bandi/`` shows :data:`~build_tools.outputs.html.paging.CALLS_PER_PAGE` cards, then
``/bandi/pagina/2/``…; each listing (``/bandi/per/cooperative/``) and the archive
(``/bandi/archivio/``, year after year) show :data:`~build_tools.outputs.html.paging.ROWS_PER_PAGE`
rows, then ``…/pagina/2/``. The first page of ``/bandi/`` also gets the explorer's data
(``bandi/elenco.json``): every current call, so filters and sorting reach calls that are not on the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from build_tools.outputs import Page
from build_tools.outputs.html.explorer import PATH as DATA_PATH
from build_tools.outputs.html.listings import Listing
from build_tools.outputs.html.paging import CALLS_PER_PAGE, ROWS_PER_PAGE, Pager

if TYPE_CHECKING:
    from build_tools.outputs.html.call_view import CallView
    from build_tools.outputs.html.render import PageRenderer
    from build_tools.outputs.html.views import SiteViews

#: /bandi/: (source, title, description) of its first page.
CALLS_PAGE = ("bandi/index.md", "Bandi e finanziamenti",
              "Bandi e finanziamenti aperti o in arrivo per cooperative, imprese, università ed enti: "
              "scadenze, importi e chi può partecipare.")
#: /bandi/archivio/: the same for the closed and cancelled calls.
ARCHIVE_PAGE = ("bandi/archivio.md", "Archivio dei bandi", "I bandi chiusi o annullati, anno per anno.")

#: A list cut into sections: (anchor, heading, calls) of each, in order.
Groups = list[tuple[str, str, list["CallView"]]]


def calls_pager(views: "SiteViews") -> Pager["CallView"]:
    return Pager(CALLS_PAGE[0], views.current_calls, CALLS_PER_PAGE)


def _listing_groups(listing: Listing, views: "SiteViews") -> Groups:
    return [(anchor, heading, views.calls_of(calls)) for anchor, heading, calls in listing.groups()]


def archive_groups(views: "SiteViews") -> Groups:
    """The archive's years, newest first."""
    return [(f"anno-{year}", str(year), calls) for year, calls in views.archive]


def _rows(groups: Groups) -> list[tuple[int, "CallView"]]:
    """(section index, call) of every call of a list, section after section."""
    return [(index, call) for index, (_, _, calls) in enumerate(groups) for call in calls]


def listing_pager(listing: Listing, views: "SiteViews") -> Pager[tuple[int, "CallView"]]:
    return Pager(listing.source, _rows(_listing_groups(listing, views)), ROWS_PER_PAGE)


def archive_pager(views: "SiteViews") -> Pager[tuple[int, "CallView"]]:
    return Pager(ARCHIVE_PAGE[0], _rows(archive_groups(views)), ROWS_PER_PAGE)


def paged_sources(views: "SiteViews") -> list[str]:
    """Sources of every page after the first of /bandi/, of each listing and of the archive (links may point at them)."""
    pagers: list[Pager] = [calls_pager(views), archive_pager(views),
                           *(listing_pager(item, views) for item in views.listings)]
    return [source for pager in pagers for source in pager.sources()[1:]]


def _title(title: str, pager: Pager) -> str:
    return title if pager.number == 1 else f"{title} (pagina {pager.number} di {pager.count})"


def call_list_pages(renderer: "PageRenderer", views: "SiteViews") -> list[Page]:
    """/bandi/ and its next pages."""
    _, title, text = CALLS_PAGE
    return [renderer.render("calls.html", pager.source, _title(title, pager), text if pager.number == 1 else
                            f"{_title(title, pager)}: {text}", pager=pager, data_path=DATA_PATH,
                            feeds=views.feed_links())
            for pager in calls_pager(views).pages()]


@dataclass
class Section:
    """One section of a listing page: its heading, its rows here, where it starts (page number)."""

    anchor: str
    heading: str
    count: int  # rows in the whole listing
    starts_on: int
    calls: list["CallView"]
    continued: bool = False  # it started on an earlier page


def sections(groups: Groups, pager: Pager[tuple[int, "CallView"]]) -> list[Section]:
    """Every non-empty section of a list; ``calls`` holds only this page's rows."""
    out: list[Section] = []
    start = 0
    for index, (anchor, heading, calls) in enumerate(groups):
        here = [call for section, call in pager.shown if section == index]
        continued = bool(here) and start < pager.start
        out.append(Section(anchor, heading, len(calls), pager.page_of(start), here, continued))
        start += len(calls)
    return out


def listing_pages(renderer: "PageRenderer", views: "SiteViews", listing: Listing) -> list[Page]:
    """A listing and its next pages (each announces the listing's feeds)."""
    groups = _listing_groups(listing, views)
    return [renderer.render("listing.html", pager.source, _title(listing.title, pager),
                            f"{_title(listing.title, pager)}: {listing.lead}", listing=listing, pager=pager,
                            sections=sections(groups, pager), feeds=views.listing_feeds(listing))
            for pager in listing_pager(listing, views).pages()]


def archive_pages(renderer: "PageRenderer", views: "SiteViews") -> list[Page]:
    """/bandi/archivio/ and its next pages: every archived call on a static page, without JavaScript."""
    source, title, text = ARCHIVE_PAGE
    groups = archive_groups(views)
    return [renderer.render("archive.html", pager.source, _title(title, pager),
                            text if pager.number == 1 else f"{_title(title, pager)}: {text}", pager=pager,
                            sections=sections(groups, pager), feeds=views.feed_links())
            for pager in archive_pager(views).pages()]
