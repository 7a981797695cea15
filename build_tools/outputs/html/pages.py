"""Every generated page, rendered by the pipeline: home, listings, archive, items, search, subscribe.

Runs after the file outputs (feeds, calendars, data, images), so a page links only to files
that exist. Titles and descriptions stay plain text here; a renderer adapter escapes them
where its theme prints them (see :mod:`build_tools.renderers.stubs`).
"""

from __future__ import annotations

import json

from build_tools.deriving.eligibility import finder_tables
from build_tools.parallel import ordered_map
from build_tools.deriving.site import CallPage, ServicePage, Site, StoryPage
from build_tools.outputs import Output, Page, SiteSettings
from build_tools.outputs.finder import DATA_PATH
from build_tools.outputs.html.call_pages import (ARCHIVE_PAGE, CALLS_PAGE, archive_pages, call_list_pages,
                                                 listing_pages, paged_sources)
from build_tools.outputs.html.compare import DATA_PATH as COMPARE_DATA
from build_tools.outputs.html.compare import ROWS as COMPARE_ROWS
from build_tools.outputs.html.compare import compare_data
from build_tools.outputs.html.explorer import explorer_data
from build_tools.outputs.html.render import PageRenderer
from build_tools.outputs.html.urls import image_path, source_uri
from build_tools.outputs.html.views import SiteViews
from build_tools.outputs.subscribe import DESCRIPTION as SUBSCRIBE_DESCRIPTION
from build_tools.outputs.subscribe import PATH as SUBSCRIBE_PATH
from build_tools.outputs.subscribe import SCRIPT as SUBSCRIBE_SCRIPT
from build_tools.outputs.subscribe import TITLE as SUBSCRIBE_TITLE
from build_tools.outputs.subscribe import builder_data, render_subscribe
from build_tools.reading.markdown import render_markdown
from build_tools.reading.models.vocab import SIZE_THRESHOLDS

HOME = ("index.md", "home.html", "Bandi, idee e servizi per la cooperazione digitale",
        "Il laboratorio di Legacoop Lazio dove cooperative, università, professionisti, enti locali e "
        "cittadini trasformano idee in progetti digitali e nuove imprese cooperative.")
SEARCH = ("cerca.md", "search.html", "Cerca",
          "Cerca tra i bandi, le storie e i servizi del Laboratorio di Contaminazione Digitale.")

#: Pages made from a template and the site's views alone (listings, search, the accessibility statement):
#: (source path, template, title, description).
LISTINGS: tuple[tuple[str, str, str, str], ...] = (
    HOME,
    ("storie/index.md", "stories.html", "Storie di cooperative innovative",
     "Idee innovative cooperative: come il digitale ha cambiato il lavoro di cooperative italiane."),
    ("servizi/index.md", "services.html", "I servizi del Laboratorio",
     "Informazione, orientamento, seminari e webinar, capacity building e coaching per cooperative e nuove imprese."),
    ("eventi/index.md", "events.html", "Eventi",
     "I prossimi seminari, webinar e sportelli del Laboratorio di Contaminazione Digitale."),
    SEARCH,
    ("accessibilita.md", "accessibility.html", "Dichiarazione di accessibilità",
     "La dichiarazione di accessibilità del sito del Laboratorio di Contaminazione Digitale (modello AgID), "
     "con il modo per segnalare un problema."),
)

#: "Quale bando fa per me?": the form is here, the rule and the results in assets/finder.js.
FINDER = ("bandi/quale-bando.md", "finder.html", "Quale bando fa per me?",
          "Rispondi a poche domande, tutte facoltative: i bandi aperti divisi in compatibili, da verificare "
          "e non compatibili, con i motivi. Le risposte restano nel tuo browser.")
COMPARE = ("bandi/confronta.md", "compare.html", "Confronta i bandi",
           "Due o tre bandi a confronto: scadenze, chi può partecipare, territorio, importi.")

_TEMPLATES = {"bandi": "call.html", "storie": "story.html", "servizi": "service.html"}
#: What the sheets' templates include: compiled, with them, before the workers are forked.
_INCLUDED = ("call-facts.html", "call-requirements.html")
#: From this many sheets on, they are rendered by worker processes (:mod:`build_tools.parallel`).
MIN_SHEETS = 200


def _image(page: StoryPage) -> Output | None:
    """The file the loader resolved and checked (a raster image in ``content/images/``), nothing else."""
    image, target = page.entry.image, image_path(page)
    if image is None or not target:
        return None
    return Output(target, image.path.read_bytes(), f"image/{'jpeg' if image.kind == 'jpg' else image.kind}")


def build_images(site: Site, settings: SiteSettings) -> list[Output]:
    """Story images, as the loader resolved them."""
    images = (_image(story) for story in site.stories)
    return [image for image in images if image is not None]


def page_sources(views: SiteViews) -> list[str]:
    """Source paths of every generated page (what links between pages may point at)."""
    site = views.site
    items: list[CallPage | StoryPage | ServicePage] = [*site.calls, *site.stories, *site.services]
    return ([path for path, *_ in LISTINGS] + [CALLS_PAGE[0], ARCHIVE_PAGE[0], SUBSCRIBE_PATH, FINDER[0], COMPARE[0]]
            + [item.source for item in views.listings] + paged_sources(views) + [source_uri(p) for p in items])


def _finder(renderer: PageRenderer, views: SiteViews) -> Page:
    """The finder's page: the form's options come from the rule's own tables; results link to
    each sheet through ``call_link`` (``SLUG`` stands for the call's file name)."""
    path, template, title, text = FINDER
    url = renderer.url_of(path)
    call_link = renderer.linker.relative(renderer.url_of("bandi/SLUG.md"), url)
    return renderer.render(template, path, title, text, feeds=views.feed_links(), tables=finder_tables(),
                           thresholds=SIZE_THRESHOLDS, data_path=DATA_PATH, call_link=call_link)


def _compare(renderer: PageRenderer, views: SiteViews) -> list[Page | Output]:
    """The compare page, with the labels of its rows, and one data file per current call; the page's
    script fetches ``data`` and links each call through ``call_link`` (``SLUG`` is the call's file name)."""
    path, template, title, text = COMPARE
    url = renderer.url_of(path)
    page = renderer.render(template, path, title, text, feeds=views.feed_links(),
                           rows=json.dumps(COMPARE_ROWS, ensure_ascii=False), data=renderer.linker.relative(COMPARE_DATA, url),
                           call_link=renderer.linker.relative(renderer.url_of("bandi/SLUG.md"), url))
    return [page, *compare_data(views)]


def build_pages(site: Site, settings: SiteSettings, files: list[Output]) -> list[Page | Output]:
    """Every page's finished HTML parts, linking only to ``files`` that exist (and the compare page's data)."""
    views = SiteViews(site, settings, (f.path for f in files))
    sources = [*page_sources(views), *settings.hand_written]
    views.page_sources = frozenset(sources)
    renderer = PageRenderer(views, sources, settings.directory_urls)
    pages: list[Page | Output] = [renderer.render(template, path, title, text, feeds=views.feed_links())
                                  for path, template, title, text in LISTINGS]
    pages.extend(_compare(renderer, views))
    pages += call_list_pages(renderer, views)
    pages += archive_pages(renderer, views)
    pages.append(explorer_data(renderer, views, CALLS_PAGE[0]))
    for listing in views.listings:
        pages += listing_pages(renderer, views, listing)
    pages.append(_finder(renderer, views))
    subscribe = renderer.own_links(render_markdown(render_subscribe(site, settings)), SUBSCRIBE_PATH)
    pages.append(renderer.render("subscribe.html", SUBSCRIBE_PATH, SUBSCRIBE_TITLE, SUBSCRIBE_DESCRIPTION,
                                 body=renderer.safe_own(subscribe), feeds=views.feed_links(),
                                 builder=builder_data(settings), builder_script=SUBSCRIBE_SCRIPT))
    def sheet(page: CallPage | StoryPage | ServicePage) -> Page:
        source = source_uri(page)
        item = views.item(source)
        entry = page.entry
        return renderer.render(
            _TEMPLATES[entry.collection.url_prefix], source, entry.item.title,  # type: ignore[attr-defined]
            entry.item.summary,  # type: ignore[attr-defined]
            body=renderer.body_html(entry.body, source, entry.html), item=item, feeds=views.feed_links(item))

    for template in (*_TEMPLATES.values(), *_INCLUDED):  # compiled once here, not once in each worker
        renderer.env.get_template(template)
    pages.extend(ordered_map(sheet, [*site.calls, *site.stories, *site.services], MIN_SHEETS))
    return pages
