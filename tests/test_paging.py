"""Long lists cut into static pages, on the demo content with small pages (no browser).

/bandi/ and every static listing (/bandi/per/cooperative/ …): following "Pagina successiva"
from the first page reaches every current call once, in the list's order (the archive, every
archived call, year after year); each page says
"Pagina k di n"; a listing's sections keep their headings across pages and its section links
lead to the page where each section starts. ``bandi/elenco.json`` (the explorer's data) holds
every current call, with the attributes its static card carries.
"""

from __future__ import annotations

import json
import posixpath

import pytest

from build_tools.clock import resolve_now
from build_tools.deriving.site import build_site
from build_tools.outputs import Output, Page, SiteSettings, build_outputs
from build_tools.outputs.html import call_pages
from build_tools.outputs.html.listings import build_listings
from build_tools.outputs.html.paging import Pager
from build_tools.outputs.html.urls import page_url
from build_tools.pipeline import run_checks

bs4 = pytest.importorskip("bs4")

REPO = __import__("pathlib").Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def site():  # noqa: ANN201
    now = resolve_now("2026-11-25")
    result = run_checks(REPO / "content", now, 14, root=REPO)
    assert result.ok
    return build_site(result.content, now)


def outputs(site, monkeypatch: pytest.MonkeyPatch, cards: int, rows: int) -> dict[str, Page | Output]:  # noqa: ANN001
    monkeypatch.setattr(call_pages, "CALLS_PER_PAGE", cards)
    monkeypatch.setattr(call_pages, "ROWS_PER_PAGE", rows)
    built = build_outputs(site, SiteSettings(site_url="https://example.org/lab/"))
    return {page_url(o.path) if isinstance(o, Page) else o.path: o for o in built}


def follow(pages: dict[str, Page | Output], first: str) -> list[tuple[str, "bs4.BeautifulSoup"]]:
    """Each page from ``first`` on, following the pager's rel="next" link."""
    found, url = [], first
    while url:
        page = pages[url]
        assert isinstance(page, Page), url
        doc = bs4.BeautifulSoup(page.content, "html.parser")
        found.append((url, doc))
        following = doc.select_one('nav.lab-pager a[rel="next"]')
        url = posixpath.normpath(posixpath.join(url, following["href"])) + "/" if following else ""
        assert len(found) < 100
    return found


def slugs(doc: "bs4.BeautifulSoup", selector: str) -> list[str]:
    return [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in doc.select(selector)]


def where(doc: "bs4.BeautifulSoup") -> str:
    node = doc.select_one(".lab-pager__where")
    return node.get_text(strip=True) if node else ""


def test_the_pager_reaches_every_current_call(site, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    pages = outputs(site, monkeypatch, cards=3, rows=2)
    walk = follow(pages, "bandi/")
    assert len(walk) == -(-len(site.current_calls) // 3) >= 3
    seen = [slug for _, doc in walk for slug in slugs(doc, "#lab-calls .lab-card__title a")]
    assert seen == [p.slug for p in site.current_calls]
    for number, (url, doc) in enumerate(walk, 1):
        assert where(doc) == f"Pagina {number} di {len(walk)}"
        assert bool(doc.select('nav.lab-pager a[rel="prev"]')) == (number > 1)
        assert (doc.select_one("form[data-lab-filter]") is not None) == (number == 1), "the explorer is on /bandi/"
        assert url == ("bandi/" if number == 1 else f"bandi/pagina/{number}/")
    assert pages["bandi/pagina/2/"].title == f"Bandi e finanziamenti (pagina 2 di {len(walk)})"


def test_listings_page_by_section(site, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    pages = outputs(site, monkeypatch, cards=3, rows=2)
    paged = 0
    for listing in build_listings(site):
        walk = follow(pages, listing.url)
        expected = [call.slug for _, _, calls in listing.groups() for call in calls]
        assert [s for _, doc in walk for s in slugs(doc, ".lab-rows .lab-row__title")] == expected, listing.url
        assert len(walk) == max(1, -(-len(expected) // 2))
        paged += len(walk) > 1
        for url, doc in walk:
            rows = doc.select("ul.lab-rows")
            assert all(r.find_previous_sibling("h2") is not None for r in rows) and len(doc.select("h2[id]")) == len(rows) + 1
            for link in doc.select('nav.lab-years a[href*="#"]'):
                path, _, anchor = link["href"].partition("#")
                target = posixpath.normpath(posixpath.join(url, path)) + "/" if path else url
                start = dict(walk)[target]
                assert start.find(id=anchor) is not None, (url, link["href"])
    assert paged >= 5


def test_the_archive_pages_by_year(site, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    pages = outputs(site, monkeypatch, cards=3, rows=2)
    walk = follow(pages, "bandi/archivio/")
    years = site.archive_by_year()
    expected = [p.slug for _, calls in years for p in calls]
    assert len(walk) == -(-len(expected) // 2) >= 3 and len(years) >= 2
    assert [s for _, doc in walk for s in slugs(doc, ".lab-lines a")] == expected
    for number, (url, doc) in enumerate(walk, 1):
        assert where(doc) == f"Pagina {number} di {len(walk)}"
        assert url == ("bandi/archivio/" if number == 1 else f"bandi/archivio/pagina/{number}/")
        headings = [h.get_text(" ", strip=True) for h in doc.select("h2[id^=anno-]")]
        assert headings and all(h.split()[0].isdigit() for h in headings)
        for link in doc.select('nav.lab-years a[href*="#"]'):  # every year, on the page where it starts
            path, _, anchor = link["href"].partition("#")
            target = posixpath.normpath(posixpath.join(url, path)) + "/" if path else url
            assert dict(walk)[target].find(id=anchor) is not None, (url, link["href"])
        assert len(doc.select("nav.lab-years a")) == len(years)
    assert pages["bandi/archivio/pagina/2/"].title == f"Archivio dei bandi (pagina 2 di {len(walk)})"


def test_one_page_needs_no_pager(site, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    pages = outputs(site, monkeypatch, cards=len(site.current_calls), rows=len(site.current_calls))
    assert not [url for url in pages if "/pagina/" in url]
    assert where(bs4.BeautifulSoup(pages["bandi/"].content, "html.parser")) == ""


def test_the_explorer_data_holds_every_current_call(site, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    pages = outputs(site, monkeypatch, cards=3, rows=2)
    data = json.loads(pages["bandi/elenco.json"].content)
    assert [r["h"].rstrip("/") for r in data["calls"]] == [p.slug for p in site.current_calls]
    cards = {}
    for url, doc in follow(pages, "bandi/"):
        for card in doc.select("#lab-calls > li"):
            cards[card.select_one(".lab-card__title a")["href"].rstrip("/").rsplit("/", 1)[-1]] = card
    for record in data["calls"]:
        card = cards[record["h"].rstrip("/")]
        assert {k: v for k, v in card.attrs.items() if k.startswith("data-") and k != "data-lab-item"} == record["a"]
        badge = card.select_one("[data-lab-status]")
        assert {k: v for k, v in badge.attrs.items() if k.startswith("data-")} == record["b"]
        assert card.select_one(".lab-card__title a").get_text() == record["t"]


def test_pager_numbers_around_the_current_page() -> None:
    pager = Pager("bandi/index.md", list(range(200)), 10, 10)
    assert pager.count == 20
    assert pager.numbers() == [1, None, 8, 9, 10, 11, 12, None, 20]
    assert Pager("bandi/index.md", list(range(200)), 10, 2).numbers() == [1, 2, 3, 4, None, 20]
    assert pager.url(1) == "bandi/" and pager.url(3) == "bandi/pagina/3/"
    assert Pager("bandi/per/pmi.md", [], 10).url(2) == "bandi/per/pmi/pagina/2/"
    assert [p.shown for p in Pager("x/index.md", [1, 2, 3, 4, 5], 2).pages()] == [[1, 2], [3, 4], [5]]
