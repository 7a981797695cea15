"""Each static listing (``/bandi/dove/lazio/``, ``/bandi/per/cooperative/``, …) announces its OWN
feed and calendar, and they hold the calls the page lists: a subscriber from a page gets that page.

Read from the built demo site (shared with the link crawler and the browser tests). For a region
the page itself must list what "Dove operi" selects on ``/bandi/`` (each card's ``data-dove``).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest

bs4 = pytest.importorskip("bs4")

_spec = importlib.util.spec_from_file_location("lab_sitebuild", Path(__file__).parent / "browser" / "sitebuild.py")
sitebuild = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sitebuild)  # type: ignore[union-attr]

pytestmark = pytest.mark.slow

LISTING_DIRS = ("dove", "per", "percorso", "stato", "fonte")
SITE_WIDE = {"feed/bandi.xml", "feed/bandi.atom", "feed/tutto.xml", "calendari/scadenze.ics"}
KINDS = {"application/rss+xml": "rss", "application/atom+xml": "atom", "text/calendar": "ics"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sitebuild.built_site(tmp_path_factory)


def _soup(path: Path) -> bs4.BeautifulSoup:
    return bs4.BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _site_path(page: str, href: str, base: str) -> str:
    """A link as a path inside the site ("bandi/voucher/"), whether relative or absolute under ``base``."""
    url = urljoin(base + page, href)
    assert url.startswith(base), url
    return urlsplit(url).path[len(urlsplit(base).path):]


def _listings(site: Path) -> list[str]:
    return sorted(str(PurePosixPath(p.relative_to(site).parent)) + "/"
                  for d in LISTING_DIRS for p in (site / "bandi" / d).glob("*/index.html"))


def _calls_in_feed(site: Path, feed: str, base: str) -> set[str]:
    parsed = feedparser.parse((site / feed).read_bytes())
    assert not parsed.bozo, feed
    return {_site_path("", e.link, base) for e in parsed.entries}


def _calls_in_calendar(site: Path, path: str, base: str) -> set[str]:
    text = (site / path).read_bytes().decode("utf-8").replace("\r\n ", "")  # unfold (RFC 5545)
    return {_site_path("", line[4:], base) for line in text.split("\r\n") if line.startswith("URL:")}


def test_every_listing_announces_its_own_feed_and_calendar_with_the_calls_it_lists(site: Path) -> None:
    base = _soup(site / "index.html").find("link", rel="canonical")["href"]
    pages = _listings(site)
    assert len(pages) >= 20  # regions, who can apply, pathway, status, source
    problems = []
    for page in pages:
        soup = _soup(site / page / "index.html")
        listed = {_site_path(page, a["href"], base) for a in soup.select(".lab-rows a.lab-row__title")}
        head = {KINDS[link["type"]]: _site_path(page, link["href"], base)
                for link in soup.head.find_all("link", rel="alternate") if link.get("type") in KINDS}
        shown = {_site_path(page, a["href"], base) for a in soup.select(".lab-subscribe-line a[type]")}
        if set(head) != {"rss", "atom", "ics"} or set(head.values()) & SITE_WIDE or shown != set(head.values()):
            problems.append(f"{page}: announces {head}, shows {sorted(shown)}")
            continue
        for kind in ("rss", "atom"):
            in_feed = _calls_in_feed(site, head[kind], base)
            if in_feed != listed:
                problems.append(f"{page}: {head[kind]} has {sorted(in_feed ^ listed)} unlike the page")
        in_calendar = _calls_in_calendar(site, head["ics"], base)
        with_deadline = {c for c in listed if (site / c / "scadenza.ics").is_file()}
        strangers = {c for c in in_calendar - listed if (site / c / "scadenza.ics").is_file()}
        if not with_deadline <= in_calendar or strangers:
            problems.append(f"{page}: {head['ics']} misses {sorted(with_deadline - in_calendar)}, "
                            f"adds current calls {sorted(strangers)}")
    assert not problems, "\n".join(problems)


def test_a_region_lists_what_dove_operi_selects_in_the_explorer(site: Path) -> None:
    base = _soup(site / "index.html").find("link", rel="canonical")["href"]
    cards = _soup(site / "bandi" / "index.html").select("[data-lab-item][data-dove]")
    regions = [p for p in _listings(site) if p.startswith("bandi/dove/") and p != "bandi/dove/tutta-italia/"]
    assert "bandi/dove/lazio/" in regions
    for page in regions:
        region = page.split("/")[2]
        chosen = {_site_path("bandi/", card.select_one(".lab-card__title a")["href"], base) for card in cards
                  if region in card["data-dove"].split() or card["data-dove"] == "*"}
        listed = {_site_path(page, a["href"], base)
                  for a in _soup(site / page / "index.html").select(".lab-rows a.lab-row__title")}
        assert listed == chosen, page
        assert _calls_in_feed(site, f"feed/territorio/{region}.xml", base) == chosen, region
