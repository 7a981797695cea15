"""The /iscriviti/ page: every feed, calendar and dataset it names exists, in plain Italian."""

from __future__ import annotations

import re
from datetime import date

import pytest

from build_tools import build_site, run_checks
from build_tools.reading.models import FundingSource, Pathway
from build_tools.outputs import SiteSettings, build_outputs
from build_tools.outputs.feeds import ATOM, FEEDS, source_feed
from build_tools.outputs.interests import interest
from build_tools.outputs.subscribe import TITLE, render_subscribe

SITE_URL = "https://example.org/laboratorio/"
LINK = re.compile(r"\]\(([^)\s]+)\)")


@pytest.fixture
def site(content_tree, fm, now):
    files = {
        "calls/pnrr.md": fm.text(fm.call(title="Servizi digitali nelle piccole imprese", funding_source="pnrr",
                                         pnrr={"mission": "M1"}, pathways=["new_business"])),
        "calls/regionale.md": fm.text(fm.call()),
        "calls/chiuso.md": fm.text(fm.call(title="Bando chiuso", funding_source="pnrr", pnrr={"mission": "M2"},
                                           deadline=date(2026, 10, 31), published=date(2026, 6, 1))),
        "stories/filiera.md": fm.text(fm.story()),
        **fm.five_services(),
    }
    result = run_checks(content_tree(files), now)
    assert result.ok, [d.format() for d in result.report.errors]
    return build_site(result.content, now)


def page(site, settings: SiteSettings) -> tuple[dict, str]:
    """The page's title and its Markdown, before the pipeline renders it."""
    return {"title": TITLE}, render_subscribe(site, settings)


def table_row(body: str, label: str) -> str:
    return next(line for line in body.splitlines() if line.startswith(f"| {label} |"))


def test_page_names_every_feed_calendar_and_dataset(site):
    meta, body = page(site, SiteSettings(SITE_URL))
    assert meta["title"] == "Iscriviti"
    linked = set(LINK.findall(body))
    for spec in FEEDS:
        assert {spec.path(fmt) for fmt in spec.formats} <= linked, spec.id
    assert {"calendari/scadenze.ics", "calendari/eventi.ics", "dati/bandi.csv", "dati/bandi.json",
            "dati/storie.json", "dati/schema/bandi.json.schema.json"} <= linked


def test_every_site_link_on_the_page_is_a_built_file(site):
    outputs = {o.path for o in build_outputs(site, SiteSettings(SITE_URL))}
    _, body = page(site, SiteSettings(SITE_URL))
    local = [url for url in LINK.findall(body) if "://" not in url]
    assert local and all(url in outputs for url in local), sorted(set(local) - outputs)


def test_feeds_per_source_and_pathway_with_italian_labels_and_counts(site):
    _, body = page(site, SiteSettings(SITE_URL))
    for source in FundingSource:
        assert f"{source_feed(source).path(ATOM)}" in table_row(body, source.label)
    assert "feed/fonte/fondi-europei-diretti.xml" in table_row(body, FundingSource.EU_DIRECT.label)
    for pathway in Pathway:
        assert f"feed/percorso/{interest('percorso', pathway).slug}.atom" in table_row(body, pathway.label)
    assert "feed/percorso/nuove-imprese.xml" in table_row(body, Pathway.NEW_BUSINESS.label)
    assert "| 1 bando |" in table_row(body, "PNRR")  # the closed PNRR call is not counted
    assert "| nessuno |" in table_row(body, FundingSource.EU_DIRECT.label)
    assert f"`{SITE_URL}{source_feed(FundingSource.PNRR).path(FEEDS[0].formats[0])}`" in body


def test_explains_feed_readers_and_calendars_in_plain_italian(site):
    _, body = page(site, SiteSettings(SITE_URL))
    assert "## Cos'è un lettore di feed" in body
    assert "Feedly" in body and "Thunderbird" in body
    assert "webcal://example.org/laboratorio/calendari/scadenze.ics" in body
    assert "Google Calendar" in body and "Outlook" in body
    assert "[orientamento](servizi/guidance.md)" in body


def test_without_site_url_links_stay_relative(site):
    _, body = page(site, SiteSettings(None))
    assert "https://example.org" not in body and "webcal://" not in body
    assert "[RSS](feed/bandi.xml)" in body


def test_demo_notice_only_on_demo_sites(site):
    assert "Contenuti dimostrativi" in page(site, SiteSettings(SITE_URL, demo=True))[1]
    assert "Contenuti dimostrativi" not in page(site, SiteSettings(SITE_URL))[1]
