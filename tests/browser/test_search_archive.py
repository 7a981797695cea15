"""The archive's own search indexes (``pagefind/archivio/<anno>/``): out of the first search, merged past the current results.

The first bundle (``pagefind/``) holds every page but the archived calls' sheets; each year of
the archive (the year the archive page files a call under) has a bundle of its own. /cerca/
downloads them only when the visitor goes past the current results ("Cerca anche tra i bandi
chiusi"), or when they are fewer than one page of results.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from pagefind_ui import MESSAGE, RESULT_LINK, SEARCH_INPUT, wait_for_results

pytestmark = pytest.mark.browser

ARCHIVE = "/pagefind/archivio/"


def fragment_urls(bundle: Path) -> set[str]:
    """The page of every fragment of a Pagefind bundle (fragments are gzipped, after a signature)."""
    urls = set()
    for path in (bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        urls.add(json.loads(data[data.index(b"{"):])["url"])
    return urls


def archive_by_year(site: Path) -> dict[str, set[str]]:
    """The sheets the archive page lists, by the year it files them under (``/bandi/x/``)."""
    html = (site / "bandi" / "archivio" / "index.html").read_text(encoding="utf-8")
    parts = re.split(r'<h2 id="anno-(\d{4})"', html)[1:]
    return {year: {"/bandi/" + slug + "/" for slug in re.findall(r'<a href="\.\./([^/"]+)/">', section)}
            for year, section in zip(parts[::2], parts[1::2])}


def test_each_year_of_the_archive_has_its_own_bundle(site_dir: Path) -> None:
    by_year = archive_by_year(site_dir)
    assert len(by_year) >= 2 and all(by_year.values()), by_year
    folders = {p.name for p in (site_dir / "pagefind" / "archivio").iterdir()}
    assert folders == set(by_year)
    for year, sheets in by_year.items():
        assert fragment_urls(site_dir / "pagefind" / "archivio" / year) == sheets, year
        leftovers = {p.name for p in (site_dir / "pagefind" / "archivio" / year).iterdir()}
        assert not {name for name in leftovers if name.endswith((".js", ".css", ".pagefind"))}, leftovers
    archived = set().union(*by_year.values())
    current = fragment_urls(site_dir / "pagefind")
    assert not current & archived and "/bandi/voucher-transizione-digitale-cooperative-lazio/" in current
    search_page = (site_dir / "cerca" / "index.html").read_text(encoding="utf-8")
    listed = re.search(r'data-lab-archive="([^"]*)"', search_page)
    assert listed and listed[1].split() == sorted(by_year, reverse=True)


def test_first_search_leaves_the_archive_until_asked(page, site_dir: Path) -> None:
    page.clock.set_fixed_time("2026-11-25T10:00:00+01:00")
    page.goto("cerca/")
    page.locator(SEARCH_INPUT).fill("cooperativa")
    page.locator(MESSAGE).filter(has_text="cooperativa").wait_for()
    wait_for_results(page)
    assert "tra bandi correnti, storie e servizi" in page.locator(MESSAGE).inner_text()
    assert not [u for u in page.recorder.urls if ARCHIVE in u], "the first search downloaded the archive's index"
    more = page.locator("[data-lab-search-more]")
    while more.is_visible() and more.inner_text() == "Mostra altri risultati":
        shown = page.locator(RESULT_LINK).count()
        more.click()
        page.wait_for_function(f"() => document.querySelectorAll({RESULT_LINK!r}).length > {shown}")
    assert more.inner_text() == "Cerca anche tra i bandi chiusi (archivio)"
    current = page.locator(".lab-search__result").count()
    more.click()
    page.locator(MESSAGE).filter(has_text="nell'archivio dei bandi chiusi").wait_for()
    wait_for_results(page)
    merged = {u.split(ARCHIVE, 1)[1].split("/", 1)[0] for u in page.recorder.urls if ARCHIVE in u}
    assert merged == {p.name for p in (site_dir / "pagefind" / "archivio").iterdir()}, merged
    badges = page.locator(".lab-search__result").evaluate_all(
        "items => items.map(li => (li.querySelector('[data-lab-search-status]') || {dataset: {}}).dataset.labSearchStatus || '')")
    assert len(badges) > current and set(badges[current:]) <= {"closed", "cancelled"}, badges
    assert "closed" not in badges[:current] and "cancelled" not in badges[:current]
