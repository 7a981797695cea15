"""The published demo site, read as HTML (BeautifulSoup): pages, listings, filters, statuses, JSON-LD.

The site is the one strict build of the session (``tests/browser/sitebuild.py``, shared with the
link crawler and the browser tests), with "now" fixed at 2026-11-25. What each page must show is
derived from the same pipeline (checks → site), so the assertions follow the demo content.
The last tests are quick unit tests of the formatting and view helpers the templates use.
"""

from __future__ import annotations

import importlib.util
import json
import re
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from build_tools.outputs.html import filters as formatting
from build_tools.pipeline import run_checks
from build_tools.clock import resolve_now
from build_tools.reading.models import CallStatus
from build_tools.reading.models.common import ROME
from build_tools.outputs import SiteSettings, build_outputs
from build_tools.outputs.calendar import call_ics_path
from build_tools.reading.registry import CALLS, SERVICES, STORIES
from build_tools.deriving.site import build_site
from build_tools.deriving.facets import CALL_FACETS, STORY_FACETS, facet_views
from build_tools.outputs.html.views import SiteViews

bs4 = pytest.importorskip("bs4")

_spec = importlib.util.spec_from_file_location("lab_sitebuild", Path(__file__).parent / "browser" / "sitebuild.py")
sitebuild = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sitebuild)  # type: ignore[union-attr]

REPO = sitebuild.REPO
TODAY = sitebuild.TODAY
DEMO_NOTICE = "Contenuti dimostrativi: bandi, importi e scadenze sono esempi e non fatti reali."
NAV = ["Home", "Bandi", "Archivio", "Storie", "Servizi", "Eventi", "Il Laboratorio", "Iscriviti"]


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sitebuild.built_site(tmp_path_factory)


@pytest.fixture(scope="module")
def derived():
    """The pipeline's view of the demo content at the build's "now"."""
    now = resolve_now(TODAY)
    result = run_checks(REPO / "content", now, 14, root=REPO)
    assert result.ok, [d.format() for d in result.report.errors]
    return result.content, build_site(result.content, now)


@pytest.fixture(scope="module")
def html(site_dir: Path):
    """``html("bandi/")`` → the parsed page at that URL (cached)."""

    @lru_cache(maxsize=None)
    def parse(url: str) -> bs4.BeautifulSoup:
        path = site_dir / url
        path = path / "index.html" if url.endswith("/") or not url else path
        assert path.is_file(), f"no page at /{url}"
        return bs4.BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    return parse


def article(page: bs4.BeautifulSoup) -> bs4.Tag:
    return page.select_one("article.md-content__inner")


def card_links(page: bs4.BeautifulSoup, list_id: str) -> list[str]:
    return [li.select_one(".lab-card__title a")["href"] for li in page.select(f"#{list_id} > li[data-lab-item]")]


def key_facts(page: bs4.BeautifulSoup) -> dict[str, str]:
    """The "In breve" box as {label: text} (labels without their screen-reader colon)."""
    return {d.dt.get_text(strip=True).rstrip(":"): d.dd.get_text(" ", strip=True)
            for d in page.select(".lab-facts dl > div")}


def slug_of(href: str) -> str:
    return href.rstrip("/").rsplit("/", 1)[-1]


# ---- every page where it belongs ----

def test_every_published_item_has_its_page(derived, html) -> None:
    _, site = derived
    for page in [*site.calls, *site.stories, *site.services]:
        doc = html(page.url)
        assert doc.h1 is not None and doc.h1.get_text(strip=True) == page.entry.item.title, page.url
        assert doc.html["lang"] == "it"


def test_drafts_and_scheduled_items_have_no_page(derived, site_dir: Path, html) -> None:
    content, site = derived
    published = {p.url for p in [*site.calls, *site.stories, *site.services]}
    hidden = [e for c in (CALLS, STORIES, SERVICES) for e in content[c.name] if e.url not in published]
    assert {e.slug for e in hidden} >= {"cooperative-di-comunita-lazio-2027", "export-digitale-cooperative-mercati-esteri"}
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    for entry in hidden:
        assert not (site_dir / entry.url).exists(), entry.url
        assert entry.url not in sitemap
        assert not html("bandi/").select(f'a[href$="{entry.slug}/"]')


def test_listing_shows_the_current_calls_in_order(derived, html) -> None:
    _, site = derived
    links = card_links(html("bandi/"), "lab-calls")
    assert [slug_of(h) for h in links] == [p.slug for p in site.current_calls]
    counter = html("bandi/").select_one('[data-lab-results="lab-calls"]').get_text(" ", strip=True)
    assert counter == f"{len(site.current_calls)} bandi"


def test_archive_groups_closed_and_cancelled_calls_by_year(derived, html) -> None:
    _, site = derived
    doc = html("bandi/archivio/")
    years = [h2.get_text(strip=True) for h2 in article(doc).select("h2[id^=anno-]")]
    assert years == [str(year) for year, _ in site.archive_by_year()]
    for year, pages in site.archive_by_year():
        items = doc.select_one(f"h2#anno-{year}").find_next_sibling("ul").select("li")
        assert [slug_of(li.select_one("a")["href"]) for li in items] == [p.slug for p in pages]
        for li, page in zip(items, pages):
            assert li.select_one("[data-lab-status]")["data-lab-status"] == page.timing.status.value
    archived = {p.slug for p in site.archived_calls}
    assert not archived & {slug_of(h) for h in card_links(html("bandi/"), "lab-calls")}


def test_closed_call_keeps_its_page_with_a_banner(derived, html) -> None:
    _, site = derived
    closed = next(p for p in site.archived_calls if p.timing.status is CallStatus.CLOSED)
    banner = html(closed.url).select_one(".lab-banner:not([hidden])")
    assert banner is not None and "Bando chiuso" in banner.get_text()
    cancelled = next(p for p in site.archived_calls if p.timing.status is CallStatus.CANCELLED)
    banner = html(cancelled.url).select_one(".lab-banner:not([hidden])")
    assert "Annullato" in banner.get_text() and cancelled.call.status_note in banner.get_text()


def test_nav_stays_small(html) -> None:
    for url in ("", "bandi/", "bandi/voucher-transizione-digitale-cooperative-lazio/"):
        tabs = [a.get_text(strip=True) for a in html(url).select(".md-tabs__list > li > a")]
        assert tabs == NAV
        items = html(url).select(".md-nav--primary > .md-nav__list > li")
        assert len(items) == len(NAV)


# ---- filters ----

def test_card_data_attributes_match_the_content(derived, html) -> None:
    _, site = derived
    cards = html("bandi/").select("#lab-calls > li[data-lab-item]")
    for card, page in zip(cards, site.current_calls, strict=True):
        for facet in CALL_FACETS:
            expected = {v.value for v in facet.values(page)}
            if facet.everywhere is not None and facet.everywhere(page):
                expected = {"*"}
            assert set(card[f"data-{facet.key}"].split()) == expected, (page.slug, facet.key)
    stories = html("storie/").select("#lab-stories > li[data-lab-item]")
    for card, page in zip(stories, site.stories, strict=True):
        assert card["data-settore"] == page.story.sector.value
        assert set(card["data-regione"].split()) == {r.value for r in page.story.regions}


def test_filter_form_is_accessible_and_a_progressive_enhancement(derived, html) -> None:
    _, site = derived
    form = html("bandi/").select_one("form[data-lab-filter=lab-calls]")
    assert form.has_attr("hidden"), "without JavaScript the form stays hidden and the list is complete"
    fieldsets = form.select("fieldset[data-facet]:not([data-computed])")
    assert [f["data-facet"] for f in fieldsets] == [f.key for f in CALL_FACETS]
    expected = {f.key: f for f in facet_views(CALL_FACETS, site.current_calls)}
    for fieldset in fieldsets:
        assert fieldset.legend.get_text(strip=True)
        facet = expected[fieldset["data-facet"]]
        if facet.control == "select":  # "Dove operi": every region, each with the calls one can apply to from there
            select = fieldset.select_one("select")
            assert select.find_parent("label") is not None and select["name"] == facet.key
            options = select.select("option[value!='']")
            assert [o["value"] for o in options] == [o.value for o in facet.options]
            assert [o.get_text() for o in options] == [f"{o.label} ({o.count})" for o in facet.options]
            continue
        boxes = fieldset.select("input[type=checkbox]")
        assert boxes and all(box.find_parent("label") is not None for box in boxes)
        assert [b["value"] for b in boxes] == [o.value for o in facet.options]
        counts = [int(b.find_parent("label").select_one("[data-lab-count]").get_text()) for b in boxes]
        assert counts == [o.count for o in facet.options]
    assert form.select_one("button[type=reset]")
    assert html("storie/").select_one("form[data-lab-filter=lab-stories] fieldset[data-facet=settore]")


# ---- call sheets ----

def test_status_badges_carry_the_dates_for_the_browser(derived, html) -> None:
    _, site = derived
    for page in site.calls:
        badge = html(page.url).select_one(".lab-sheet-status [data-lab-status]")
        assert badge["data-lab-status"] == page.timing.status.value
        assert badge.get_text(strip=True) == page.timing.status.label
        assert badge["data-soon"] == "14"
        if page.timing.deadline_at is not None:
            stamp = datetime.fromisoformat(badge["data-deadline"])
            assert stamp.tzinfo is not None and stamp == page.timing.deadline_at
        if page.call.status_override:
            assert badge["data-override"] == page.call.status_override.value
        if page.call.windows:
            assert len(json.loads(badge["data-windows"])) == len(page.call.windows)


def test_call_jsonld_is_a_grant_with_funder_amount_and_deadline(derived, html) -> None:
    _, site = derived
    for page in site.calls:
        scripts = html(page.url).select('script[type="application/ld+json"]')
        assert len(scripts) == 1, page.url
        data = json.loads(scripts[0].string)
        assert data["@context"] == "https://schema.org" and data["@type"] == "MonetaryGrant"
        assert data["name"] == page.call.title and data["funder"]["name"] == page.call.funder
        assert data["url"].endswith(page.url) and data["sameAs"] == page.call.url
        if page.timing.deadline_at is not None:
            assert datetime.fromisoformat(data["potentialAction"]["endTime"]) == page.timing.deadline_at
        if page.call.max_grant_eur is not None:
            amount = data["amount"]
            assert amount["@type"] == "MonetaryAmount" and amount["currency"] == "EUR"
            assert amount["maxValue"] == page.call.max_grant_eur
            assert amount.get("minValue") == page.call.min_grant_eur


def test_call_sheet_key_facts(html, site_dir: Path) -> None:
    url = "bandi/formazione-digitale-lavoratori-cooperative-fse/"
    doc = html(url)
    facts = key_facts(doc)
    assert facts["Scadenza"].startswith("20 gennaio 2027, ore 17:00")
    assert "Prorogato: la scadenza era il 10 dicembre 2026, ore 17:00" in facts["Scadenza"]
    assert facts["Dotazione complessiva"].replace("\u00a0", " ") == "8.000.000 €"
    assert facts["Contributo per progetto"].replace("\u00a0", " ") == "da 15.000 € a 120.000 €"
    assert facts["Intensità dell'aiuto"] == "fino all'80% delle spese ammissibili"
    assert facts["Ente finanziatore"] == "Regione Lazio"
    for key in ("Stato", "Agevolazione", "Chi può partecipare", "Dove si partecipa", "Pagina ufficiale", "Documenti",
                "Contatti", "Scheda"):
        assert facts.get(key), key
    calendar = doc.find("a", string=re.compile("Aggiungi al calendario"))
    assert calendar is not None
    assert (site_dir / urljoin(url, calendar["href"])).is_file()
    fonte = key_facts(html("bandi/spin-off-ricerca-ecosistemi-innovazione-pnrr/"))["Fonte"]
    assert fonte.startswith("PNRR: M4") and "componente M4C2" in fonte


def test_call_sheet_leads_to_services_and_stories(derived, html) -> None:
    _, site = derived
    for page in site.calls:
        doc = html(page.url)
        services = {slug_of(a["href"]) for a in doc.select("#servizi-del-laboratorio ~ ul .lab-card__title a")}
        assert services == ({s.slug for s in page.services} or {"orientamento"}), page.slug
        stories = {slug_of(a["href"]) for a in doc.select("#storie-collegate ~ ul .lab-card__title a")}
        assert stories == {s.slug for s in page.stories}


def test_demo_notice_on_every_page_and_on_each_call(derived, site_dir: Path) -> None:
    _, site = derived
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 40
    for path in pages:
        if path.parts[-2:] == ("pagefind", "index.html"):
            continue
        doc = bs4.BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        notice = doc.select_one('[data-md-component="announce"] .md-banner')
        assert notice is not None and notice.get_text(" ", strip=True) == DEMO_NOTICE, path
    for page in site.calls:
        text = (site_dir / page.url / "index.html").read_text(encoding="utf-8")
        assert "Scheda dimostrativa" in text


# ---- stories, services, events, home ----

def test_story_page(derived, html) -> None:
    _, site = derived
    for page in site.stories:
        doc = html(page.url)
        facts = key_facts(doc)
        assert facts["Settore"] == page.story.sector.label
        assert facts.get("Regione") or facts.get("Regioni") == ", ".join(r.label for r in page.story.regions)
        if page.story.source:
            assert page.story.source.name in doc.select_one(".lab-credit").get_text()
        related = {slug_of(a["href"]) for a in doc.select("#bandi-collegati ~ ul a")}
        assert related == {c.slug for c in page.calls}


def test_services_in_order_with_upcoming_events(derived, html) -> None:
    _, site = derived
    titles = [a.get_text(strip=True) for a in html("servizi/").select(".lab-cards--services .lab-card__title a")]
    assert titles == [s.service.title for s in site.services] and len(titles) == 5
    upcoming = site.upcoming_events()
    listed = [li.select_one(".lab-event__title").get_text(strip=True) for li in html("eventi/").select(".lab-events > li")]
    assert listed == [u.event.title for u in upcoming]
    for service in site.services:
        shown = [li.select_one(".lab-event__title").get_text(strip=True)
                 for li in html(service.url).select("#prossimi-eventi ~ ul > li")]
        assert shown == [e.title for e in service.upcoming_events(site.now)]
    past = [e for s in site.services for e in s.service.events if (e.end or e.start) < site.now]
    assert all(e.title not in listed for e in past)


def test_home_page_sections(derived, html) -> None:
    _, site = derived
    doc = html("")
    soon = [p for p in site.current_calls if p.timing.status is CallStatus.CLOSING_SOON]
    assert {slug_of(a["href"]) for a in doc.select("#in-scadenza ~ ul .lab-card__title a")} == {p.slug for p in soon}
    assert [a.get_text(strip=True) for a in doc.select("#servizi ~ ol .lab-card__title a")] == \
        [s.service.title for s in site.services]
    assert len(doc.select("#storie ~ ul > li")) == min(3, len(site.stories))
    assert doc.select_one('a[href="iscriviti/"]') is not None
    text = article(doc).get_text(" ", strip=True)
    for word in ("cooperative", "università", "professionisti", "enti locali", "Spin-off e start-up"):
        assert word in text


def test_404_page_is_useful(site_dir: Path) -> None:
    doc = bs4.BeautifulSoup((site_dir / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert doc.h1.get_text(strip=True) == "Pagina non trovata"
    assert doc.select_one('form[role=search] input[name="q"]') is not None
    hrefs = [a["href"] for a in article(doc).select("a")]
    assert any(h.endswith("/bandi/") for h in hrefs) and any(h.endswith("/bandi/archivio/") for h in hrefs)


# ---- self-contained: no third-party requests; search ----

def test_no_external_scripts_styles_or_fonts(site_dir: Path) -> None:
    offenders = []
    for path in site_dir.rglob("*.html"):
        doc = bs4.BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        refs = [("script", s.get("src")) for s in doc.select("script[src]")]
        refs += [("link", link.get("href")) for link in doc.select("link[href]")
                 if not {"alternate", "canonical"} & set(link.get("rel", []))]
        refs += [("img", i.get("src")) for i in doc.select("img[src]")]
        offenders += [f"{path.relative_to(site_dir)}: <{tag}> {url}" for tag, url in refs
                      if urlsplit(url).scheme or url.startswith("//")]
    for css in site_dir.rglob("*.css"):
        for url in re.findall(r"""url\(\s*['"]?([^'")]+)""", css.read_text(encoding="utf-8", errors="replace")):
            if urlsplit(url).scheme in ("http", "https") or url.startswith("//"):
                offenders.append(f"{css.relative_to(site_dir)}: url({url})")
    assert not offenders, "\n".join(offenders)
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in home and "fonts.gstatic.com" not in home


def test_pagefind_index_is_built_and_marks_the_right_pages(derived, site_dir: Path, html) -> None:
    _, site = derived
    bundle = site_dir / "pagefind"
    for name in ("pagefind.js", "pagefind-entry.json"):
        assert (bundle / name).is_file(), name
    indexed = 0
    years = sorted((bundle / "archivio").iterdir())  # each year's archived sheets have a bundle of their own
    assert len(years) >= 2
    for folder in (bundle, *years):
        entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert list(entry["languages"]) == ["it"]
        indexed += sum(lang["page_count"] for lang in entry["languages"].values())
    assert indexed >= len(site.calls) + len(site.stories) + len(site.services)
    for page in [*site.calls, *site.stories, *site.services]:
        assert html(page.url).select_one("[data-pagefind-body]") is not None, page.url
    for listing in ("bandi/", "bandi/archivio/", "storie/", "servizi/", "eventi/", "cerca/"):
        assert html(listing).select_one("[data-pagefind-body]") is None, listing
    search = html("cerca/")
    assert search.select_one('script[src="../assets/lab-search.js"]') is not None
    assert search.select_one('script[src*="pagefind-ui"]') is None, "Pagefind's default UI is not loaded"
    assert search.select_one('form[role="search"] input#lab-search-input[name="q"]') is not None
    assert search.select_one("#lab-search") is not None
    for page in site.calls:  # kind, current or archived (current results come first), open now
        filters = {f["data-pagefind-filter"] for f in html(page.url).select("[data-pagefind-body] [data-pagefind-filter]")}
        assert {"tipo:Bando", f"archivio:{'sì' if page.timing.archived else 'no'}"} <= filters, page.url
    story = html(site.stories[0].url).select("[data-pagefind-body] [data-pagefind-meta]")
    assert "tipo:Storia" in {m["data-pagefind-meta"] for m in story}
    assert not (site_dir / "search").exists(), "Material's lunr search must be off"


# ---- helpers used by the templates (no build) ----

@pytest.mark.parametrize(("days", "text"), [(-3, "scaduto"), (0, "scade oggi"), (1, "scade domani"),
                                            (12, "mancano 12 giorni"), (None, "")])
def test_days_left_text(days, text) -> None:
    assert formatting.days_left(days) == text


@pytest.mark.parametrize(("rate", "text"), [(70, "fino al 70%"), (80, "fino all'80%"), (8, "fino all'8%"),
                                            (11, "fino all'11%"), (62.5, "fino al 62,5%"), (100, "fino al 100%")])
def test_up_to_percent(rate, text) -> None:
    assert formatting.up_to_pct(rate) == text


def test_italian_dates_and_money() -> None:
    start = datetime(2027, 1, 14, 15, 0, tzinfo=ROME)
    assert formatting.event_when(start, start.replace(hour=17)) == "giovedì 14 gennaio 2027, 15:00–17:00"
    assert formatting.moment(date(2027, 2, 26)) == "26 febbraio 2027"
    assert formatting.moment(datetime(2027, 2, 26, 17, 0, tzinfo=ROME)) == "26 febbraio 2027, ore 17:00"
    assert formatting.eur(5_000_000).replace("\u00a0", " ") == "5.000.000 €"
    assert formatting.iso(datetime(2027, 7, 1, 12, 0, tzinfo=ROME)) == "2027-07-01T12:00:00+02:00"


def test_views_of_a_small_site(content_tree, fm, now) -> None:
    root = content_tree({
        "calls/a-sportello.md": fm.text(fm.call(deadline=None, rolling=True, opens=date(2026, 1, 1),
                                                max_grant_eur=30000, beneficiaries=["cooperatives", "sme"])),
        "calls/in-scadenza.md": fm.text(fm.call(deadline=date(2026, 11, 30), funding_source="national",
                                                min_grant_eur=1000, max_grant_eur=1000)),
        "stories/storia.md": fm.text(fm.story(regions=["lazio", "umbria"])),
        **fm.five_services(),
    })
    result = run_checks(root, now, 14)
    assert result.ok, [d.format() for d in result.report.errors]
    views = SiteViews(build_site(result.content, now), SiteSettings("https://example.org/lab/", demo=True))
    rolling, soon = sorted(views.current_calls, key=lambda c: c.slug)
    assert rolling.status is CallStatus.ROLLING and rolling.grant_range.replace("\u00a0", " ") == "fino a 30.000 €"
    assert "endTime" not in rolling.jsonld["potentialAction"] and rolling.badge_data["data-rolling"] == "true"
    assert soon.status is CallStatus.CLOSING_SOON and soon.days_left == 5
    assert soon.grant_range.replace("\u00a0", " ") == "1.000 €"
    assert soon.jsonld["url"] == "https://example.org/lab/bandi/in-scadenza/"
    assert views.closing_soon() == [soon]
    assert views.item("bandi/in-scadenza.md") is soon and views.item("index.md") is None
    beneficiaries = next(f for f in views.call_facets if f.key == "beneficiari")
    assert [(o.value, o.count) for o in beneficiaries.options] == [("cooperatives", 2), ("sme", 1)]
    regions = next(f for f in facet_views(STORY_FACETS, [s.story for s in views.stories]) if f.key == "regione")
    assert [o.value for o in regions.options] == ["lazio", "umbria"]
    assert views.guidance is not None and views.guidance.service.kind.value == "guidance"
    assert soon.ics_path is None  # no calendar output was announced to the views
    assert call_ics_path(soon.page) == "bandi/in-scadenza/scadenza.ics"


def test_story_image_is_published_next_to_its_page(content_tree, fm, now) -> None:
    root = content_tree({
        "images/filiera.jpg": b"\xff\xd8\xff\xe0 a jpeg's first bytes",
        "stories/filiera.md": fm.text(fm.story(image="images/filiera.jpg", image_alt="Cassette di ortaggi")),
        **fm.five_services(),
    })
    result = run_checks(root, now, 14)
    assert result.ok, [d.format() for d in result.report.errors]
    site = build_site(result.content, now)
    outputs = {o.path: o for o in build_outputs(site, SiteSettings("https://example.org/"))}
    assert outputs["storie/filiera/immagine.jpg"].content == b"\xff\xd8\xff\xe0 a jpeg's first bytes"
    page = outputs["storie/filiera.md"]
    assert '<img src="immagine.jpg" alt="Cassette di ortaggi"' in page.content
    views = SiteViews(site, SiteSettings(None), outputs)
    assert views.stories[0].image_url == "storie/filiera/immagine.jpg"


def test_every_folder_the_site_makes_beside_the_sheets_is_a_reserved_name(derived) -> None:
    """A call named like a page the site makes under /bandi/ (the archive, the next pages, the
    listings, the compare page) would take its place: the checker refuses those names."""
    from build_tools.deriving.crosscheck import RESERVED_SLUGS

    _, site = derived
    outputs = build_outputs(site, SiteSettings("https://example.org/"))
    for collection, folder in (("calls", "bandi"), ("stories", "storie"), ("services", "servizi")):
        sheets = {p.slug for p in getattr(site, collection)}
        made = {o.path.split("/")[1].removesuffix(".md") for o in outputs
                if o.path.startswith(f"{folder}/") and (o.path.endswith(".md") or o.path.count("/") > 1)}
        assert made - sheets <= set(RESERVED_SLUGS[collection]), collection


@pytest.mark.parametrize("path", ["calls/archivio.md", "calls/index.md", "calls/quale-bando.md", "calls/pagina.md",
                                  "calls/confronta.md", "calls/per.md", "stories/index.md"])
def test_slugs_of_listing_pages_are_reserved(content_tree, fm, now, path: str) -> None:
    data = fm.call() if path.startswith("calls") else fm.story()
    root = content_tree({path: fm.text(data), **fm.five_services()})
    errors = [d.format() for d in run_checks(root, now, 14, root=root.parent).report.errors]
    slug, folder = Path(path).stem, {"calls": "bandi", "stories": "storie"}[path.split("/")[0]]
    where = f"/{folder}/" if slug == "index" else f"/{folder}/{slug}/"
    assert errors == [f"content/{path}:1: error: il nome `{slug}` è riservato: il sito usa già l'indirizzo "
                      f"`{where}`; rinomina il file"]


def test_precomputed_markup_is_escaped() -> None:
    from build_tools.outputs.html.attributes import html_attrs, script_json

    text = str(script_json({"name": "</script><!-- & 'è'", "n": 1}))
    assert "<" not in text and ">" not in text and "&" not in text and "è" in text
    assert json.loads(text) == {"name": "</script><!-- & 'è'", "n": 1}
    assert str(html_attrs({"data-a": 'x"<y>&', "data-b": ""})) == ' data-a="x&#34;&lt;y&gt;&amp;" data-b=""'
