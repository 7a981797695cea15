"""RSS/Atom feeds, read back with feedparser as a feed reader would.

The content is a small tree (see ``calls``): at 2026-11-25 one call is closing soon, one is
closed, one is scheduled, one is a draft, one has windows, one was extended, one is rolling.
"""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from pathlib import Path

import feedparser
import pytest

from build_tools import build_site, run_checks
from build_tools.reading.models import FundingSource, Pathway
from build_tools.reading.models.common import ROME
from build_tools.outputs import SiteSettings
from build_tools.outputs import feeds as feeds_module
from build_tools.outputs.feeds import FEEDS, SITE_WIDE, build_feeds, feed_links
from build_tools.outputs.interests import INTERESTS
from build_tools.outputs.links import SiteUrlMissing

SITE_URL = "https://example.org/laboratorio/"
SETTINGS = SiteSettings(SITE_URL)


def calls(fm) -> dict[str, dict]:
    """slug → front matter of the test calls."""
    return {
        "open-call": fm.call(title="Voucher regionali per le cooperative", published=date(2026, 10, 1),
                             updated=date(2026, 11, 10), deadline=date(2027, 3, 31),
                             budget_total_eur=5000000, funding_rate_pct=62.5, min_grant_eur=5000, max_grant_eur=50000),
        "pnrr-call": fm.call(title="Servizi digitali per piccole imprese", funding_source="pnrr",
                             pnrr={"mission": "M1", "component": "M1C2"}, pathways=["new_business"],
                             funder="Ministero delle Imprese e del Made in Italy", managing_body="Invitalia",
                             deadline="2026-12-03T17:00", published=date(2026, 9, 1)),
        "closed-call": fm.call(title="Bando chiuso in ottobre", deadline=date(2026, 10, 31), published=date(2026, 6, 1)),
        "scheduled-call": fm.call(title="Bando programmato a dicembre", published=date(2026, 12, 15),
                                  deadline=date(2027, 5, 31)),
        "draft-call": fm.call(title="Bando ancora in bozza", draft=True),
        "windows-call": fm.call(title="Bando a finestre per l'efficienza", deadline=None, funding_source="national",
                                windows=[{"label": "Prima finestra", "deadline": "2026-05-29T17:00"},
                                         {"label": "Seconda finestra", "opens": "2026-10-01T12:00",
                                          "deadline": "2027-01-29T17:00"},
                                         {"label": "Terza finestra", "opens": "2027-04-01", "deadline": "2027-06-30"}],
                                published=date(2026, 2, 16)),
        "extended-call": fm.call(title="Formazione digitale prorogata", deadline="2027-01-20T17:00",
                                 deadline_extended_from="2026-11-20T17:00", published=date(2026, 8, 25)),
        "rolling-call": fm.call(title="Nuove imprese a sportello", deadline=None, rolling=True,
                                funding_source="national", pathways=["new_business"], published=date(2025, 5, 10)),
    }


def write_tree(content_tree, fm, overrides: dict[str, dict] | None = None) -> Path:
    files = {f"calls/{slug}.md": fm.text(data) for slug, data in {**calls(fm), **(overrides or {})}.items()}
    files["stories/filiera.md"] = fm.text(fm.story(published=date(2026, 10, 5)))
    files["stories/futura.md"] = fm.text(fm.story(title="Una storia non ancora pubblicata", published=date(2027, 1, 1)))
    files.update(fm.five_services())
    return content_tree(files)


def build(root: Path, now: datetime, settings: SiteSettings = SETTINGS) -> dict[str, bytes]:
    result = run_checks(root, now)
    assert result.ok, [d.format() for d in result.report.errors]
    return {o.path: o.content for o in build_feeds(build_site(result.content, now), settings)}


def parse(content: bytes) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def slugs(parsed) -> list[str]:
    return [e.link.rstrip("/").rsplit("/", 1)[-1] for e in parsed.entries]


@pytest.fixture
def tree(content_tree, fm) -> Path:
    return write_tree(content_tree, fm)


@pytest.fixture
def built(tree, now) -> dict[str, bytes]:
    return build(tree, now)


def test_every_feed_is_well_formed_italian_and_absolute(built):
    expected = {spec.path(fmt) for spec in FEEDS for fmt in spec.formats}
    assert set(built) == expected
    assert {f"feed/fonte/{i.slug}.xml" for i in INTERESTS if i.facet.segment == "fonte"} <= expected
    assert {"feed/percorso/nuove-imprese.atom", "feed/beneficiari/cooperative.xml", "feed/modifiche.xml"} <= expected
    for path, content in built.items():
        parsed = parse(content)
        assert parsed.feed.language == "it"
        assert parsed.feed.link.startswith(SITE_URL)
        for entry in parsed.entries:
            assert entry.link.startswith(SITE_URL + "bandi/") or entry.link.startswith(SITE_URL + "storie/")
            assert entry.id.startswith("tag:")
        ids = [e.id for e in parsed.entries]
        assert len(ids) == len(set(ids)), path


def test_calls_feed_has_current_published_calls_only(built):
    for suffix in (".xml", ".atom"):
        found = set(slugs(parse(built[f"feed/bandi{suffix}"])))
        assert found == {"open-call", "pnrr-call", "windows-call", "extended-call", "rolling-call"}


def test_entries_are_newest_first_with_front_matter_dates_in_rome(built):
    atom = parse(built["feed/bandi.atom"])
    assert slugs(atom)[0] == "extended-call"  # re-announced by its proroga on 2026-11-20
    updated = [e.updated for e in atom.entries]
    assert updated == sorted(updated, reverse=True)
    by_slug = dict(zip(slugs(atom), atom.entries))
    assert by_slug["open-call"].updated == "2026-11-10T00:00:00+01:00"
    assert by_slug["open-call"].published == "2026-10-01T00:00:00+02:00"
    rss = parse(built["feed/bandi.xml"])
    by_slug = dict(zip(slugs(rss), rss.entries))
    assert by_slug["open-call"].published == "Tue, 10 Nov 2026 00:00:00 +0100"  # RSS: last announcement
    assert by_slug["pnrr-call"].published == "Tue, 01 Sep 2026 00:00:00 +0200"
    # the feed's own date is its newest item's, not the build time
    assert atom.feed.updated == "2026-11-20T00:00:00+01:00"
    assert "<lastBuildDate>Fri, 20 Nov 2026 00:00:00 +0100</lastBuildDate>" in built["feed/bandi.xml"].decode()


def test_same_content_gives_same_bytes_whatever_the_machine_zone(tree, now, monkeypatch):
    first = build(tree, now)
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    try:
        second = build(tree, now)
    finally:
        monkeypatch.undo()
        time.tzset()
    assert first == second
    later = build(tree, now + timedelta(hours=20))  # same day-after statuses: nothing in the feeds moves
    assert later["feed/bandi.atom"] == first["feed/bandi.atom"]


def test_guid_survives_new_title_and_update(tree, content_tree, fm, now):
    before = parse(build(tree, now)["feed/bandi.atom"])
    changed = fm.call(**{**calls(fm)["pnrr-call"], "title": "Servizi digitali avanzati: nuovo titolo",
                         "updated": date(2026, 11, 24)})
    after_tree = write_tree(content_tree, fm, {"pnrr-call": changed})
    after = parse(build(after_tree, now)["feed/bandi.atom"])
    assert {e.id for e in after.entries} == {e.id for e in before.entries}
    top = after.entries[0]
    assert top.title == "Servizi digitali avanzati: nuovo titolo"
    assert top.id == "tag:legacooplazio.it,2026-09-01:bandi/pnrr-call"
    assert top.updated == "2026-11-24T00:00:00+01:00" and top.published == "2026-09-01T00:00:00+02:00"


def test_extended_call_is_reannounced_with_the_proroga(built):
    entry = parse(built["feed/bandi.atom"]).entries[0]
    assert entry.title == "Formazione digitale prorogata"
    assert "prorogata" in entry.summary and "20 gennaio 2027, ore 17:00" in entry.summary
    assert "era il 20 novembre 2026, ore 17:00" in entry.summary


def test_summary_tells_the_key_facts_in_italian(built):
    rss = parse(built["feed/bandi.xml"])
    entries = dict(zip(slugs(rss), rss.entries))
    pnrr = entries["pnrr-call"].summary
    for fact in ("Stato:</strong> In scadenza", "Scadenza:</strong> 3 dicembre 2026, ore 17:00",
                 "Ministero delle Imprese e del Made in Italy (gestione: Invitalia)", "Chi può partecipare:</strong> Cooperative",
                 "PNRR, M1 – Digitalizzazione"):
        assert fact in pnrr
    voucher = entries["open-call"].summary
    assert "dotazione 5.000.000 €" in voucher and "da 5.000 € a 50.000 €" in voucher and "62,5%" in voucher
    assert "Scadenza:</strong> 31 marzo 2027<" in voucher  # a bare date has no hour
    assert {t.term for t in entries["pnrr-call"].tags} >= {"PNRR", "In scadenza", "Spin-off e start-up"}


def test_closing_soon_feed_follows_the_status(tree, now):
    at_now = parse(build(tree, now)["feed/in-scadenza.atom"])
    assert slugs(at_now) == ["pnrr-call"]
    alert = at_now.entries[0]
    assert alert.title.startswith("Scade il 3 dicembre 2026, ore 17:00")
    assert alert.updated == "2026-11-19T17:00:00+01:00"  # when it entered its last 14 days
    assert alert.id != "tag:legacooplazio.it,2026-09-01:bandi/pnrr-call"
    after_close = build(tree, datetime(2026, 12, 4, tzinfo=ROME))
    assert parse(after_close["feed/in-scadenza.atom"]).entries == []
    assert "pnrr-call" not in slugs(parse(after_close["feed/bandi.atom"]))
    march = parse(build(tree, datetime(2027, 3, 20, tzinfo=ROME))["feed/in-scadenza.xml"])
    assert "open-call" in slugs(march)


def test_a_scheduled_call_appears_on_its_publication_day(tree, now):
    assert "scheduled-call" not in slugs(parse(build(tree, now)["feed/tutto.atom"]))
    later = parse(build(tree, datetime(2026, 12, 15, 8, 0, tzinfo=ROME))["feed/tutto.atom"])
    assert slugs(later)[0] == "scheduled-call"
    assert "draft-call" not in slugs(later)


def test_stories_and_everything(built):
    stories = parse(built["feed/storie.atom"])
    assert slugs(stories) == ["filiera"]
    assert stories.entries[0].id == "tag:legacooplazio.it,2026-10-05:storie/filiera"
    everything = set(slugs(parse(built["feed/tutto.xml"])))
    assert everything == {"filiera", "open-call", "pnrr-call", "windows-call", "extended-call", "rolling-call"}


def test_one_feed_per_interest(built):
    assert slugs(parse(built["feed/fonte/pnrr.xml"])) == ["pnrr-call"]
    assert set(slugs(parse(built["feed/fonte/nazionali.atom"]))) == {"windows-call", "rolling-call"}
    assert parse(built["feed/fonte/fondi-europei-diretti.xml"]).entries == []
    assert set(slugs(parse(built["feed/percorso/nuove-imprese.xml"]))) == {"pnrr-call", "rolling-call"}
    assert "PNRR" in parse(built["feed/fonte/pnrr.atom"]).feed.title
    cooperatives = parse(built["feed/beneficiari/cooperative.xml"])
    assert cooperatives.feed.title.endswith("Bandi per: Cooperative")
    assert set(slugs(cooperatives)) == {"open-call", "pnrr-call", "windows-call", "extended-call", "rolling-call"}
    assert set(slugs(parse(built["feed/territorio/lazio.xml"]))) == set(slugs(cooperatives))
    assert parse(built["feed/territorio/europeo.xml"]).entries == []


def test_region_feeds_hold_what_one_can_apply_to_from_there(content_tree, fm, now):
    """``feed/territorio/lazio.xml`` is "Dove operi": national and local calls too, not a call
    reserved to Puglia; the scope feeds keep the call's own scope."""
    tree = write_tree(content_tree, fm, {
        "national-call": fm.call(title="Bando nazionale per l'innovazione", scope="national", funder="MIMIT"),
        "local-call": fm.call(title="Bando locale senza luogo indicato", scope="local"),
        "south-call": fm.call(title="Bando nazionale riservato al Sud", scope="national", territory={"regions": ["puglia"]}),
    })
    built = build(tree, now)
    lazio = parse(built["feed/territorio/lazio.xml"])
    assert {"national-call", "local-call", "open-call"} <= set(slugs(lazio))
    assert "south-call" not in slugs(lazio)
    assert lazio.feed.title.endswith("Bandi per chi opera nel Lazio")
    assert "nazionali, gli europei e gli internazionali" in lazio.feed.description
    puglia = set(slugs(parse(built["feed/territorio/puglia.atom"])))
    assert puglia == {"national-call", "south-call"}
    assert set(slugs(parse(built["feed/territorio/tutta-italia.xml"]))) == {"national-call"}
    national = parse(built["feed/territorio/nazionale.xml"])
    assert set(slugs(national)) == {"national-call", "south-call"}
    assert national.feed.title.endswith("Bandi di ambito nazionale")
    assert set(slugs(parse(built["feed/territorio/locale.xml"]))) == {"local-call"}


def test_item_limit_keeps_the_newest(tree, now, monkeypatch):
    monkeypatch.setattr(feeds_module, "ITEM_LIMIT", 2)
    assert slugs(parse(build(tree, now)["feed/bandi.xml"])) == ["extended-call", "open-call"]


def test_feed_links_point_at_built_feeds(built, fm, tree, now):
    # every page announces the feed of everything; a call sheet adds its source's feed
    # (the other feeds, pathways included, are listed on /iscriviti/)
    site_wide = feed_links()
    assert [link.path for link in site_wide] == ["feed/tutto.xml"]
    assert set(SITE_WIDE) >= {"tutto"}
    assert all(link.media_type == "application/rss+xml" and link.path in built for link in site_wide)
    result = run_checks(tree, now)
    page = next(p for p in build_site(result.content, now).calls if p.slug == "pnrr-call")
    extra = [link for link in feed_links(page) if link not in site_wide]
    assert [link.path for link in extra] == ["feed/fonte/pnrr.xml"]
    assert all(link.path in built and "(RSS)" in link.title for link in extra)


@pytest.mark.parametrize("site_url", [None, "", "  ", "/laboratorio/"])
def test_feeds_are_refused_without_an_absolute_site_url(tree, now, site_url):
    with pytest.raises(SiteUrlMissing, match="site_url"):
        build(tree, now, SiteSettings(site_url))


def test_demo_feeds_say_so(tree, now):
    parsed = parse(build(tree, now, SiteSettings(SITE_URL, demo=True))["feed/bandi.atom"])
    assert "dimostrativi" in parsed.feed.title
    assert all("Contenuto dimostrativo" in e.summary for e in parsed.entries)
