"""The archive's own search index (``pagefind/archivio/``): out of the first search, merged past the current results.

The first bundle (``pagefind/``) holds every page but the archived calls' sheets, which have a
bundle of their own; /cerca/ downloads it only when the visitor goes past the current results
("Cerca anche tra i bandi chiusi"), or when they are fewer than one page of results.
"""

from __future__ import annotations

import gzip
import json
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


def archived_sheets(site: Path) -> set[str]:
    return {"/" + str(p.parent.relative_to(site)) + "/" for p in (site / "bandi").glob("*/index.html")
            if 'data-pagefind-filter="archivio:sì"' in p.read_text(encoding="utf-8")}


def test_archived_sheets_have_their_own_bundle(site_dir: Path) -> None:
    archived = archived_sheets(site_dir)
    assert len(archived) >= 3
    assert fragment_urls(site_dir / "pagefind" / "archivio") == archived
    current = fragment_urls(site_dir / "pagefind")
    assert not current & archived and "/bandi/voucher-transizione-digitale-cooperative-lazio/" in current
    leftovers = {p.name for p in (site_dir / "pagefind" / "archivio").iterdir()}
    assert not {name for name in leftovers if name.endswith((".js", ".css", ".pagefind"))}, leftovers


def test_first_search_leaves_the_archive_until_asked(page) -> None:
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
    assert [u for u in page.recorder.urls if ARCHIVE in u]
    badges = page.locator(".lab-search__result").evaluate_all(
        "items => items.map(li => (li.querySelector('[data-lab-search-status]') || {dataset: {}}).dataset.labSearchStatus || '')")
    assert len(badges) > current and set(badges[current:]) <= {"closed", "cancelled"}, badges
    assert "closed" not in badges[:current] and "cancelled" not in badges[:current]
