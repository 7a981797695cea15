"""The public addresses of feeds and calendars: Italian, and pinned.

Subscribers keep these addresses in their readers and calendars for years: a path that moves
silently loses them. Changing this list is a decision (a redirect, a notice), never a side
effect of renaming a value or a label.
"""

from __future__ import annotations

import re
from datetime import date

from build_tools import build_site, run_checks
from build_tools.outputs import Output, SiteSettings, build_outputs
from build_tools.reading.models import Beneficiary, FundingSource, Pathway, Scope
from build_tools.outputs.interests import INTERESTS, interest_links

PUBLIC_PATHS = {
    "calendari/beneficiari/cooperative-sociali.ics", "calendari/beneficiari/cooperative.ics",
    "calendari/beneficiari/enti-pubblici.ics", "calendari/beneficiari/grandi-imprese.ics",
    "calendari/beneficiari/imprese-sociali.ics",
    "calendari/beneficiari/partenariati-pubblico-privati.ics",
    "calendari/beneficiari/persone-fisiche.ics", "calendari/beneficiari/pmi.ics",
    "calendari/beneficiari/reti-di-imprese.ics", "calendari/beneficiari/spin-off.ics",
    "calendari/beneficiari/start-up.ics", "calendari/beneficiari/terzo-settore.ics",
    "calendari/beneficiari/universita-e-ricerca.ics", "calendari/eventi.ics",
    "calendari/fonte/altre-fonti.ics", "calendari/fonte/fondi-europei-diretti.ics",
    "calendari/fonte/fondi-strutturali-europei.ics", "calendari/fonte/nazionali.ics",
    "calendari/fonte/pnrr.ics", "calendari/fonte/privati.ics", "calendari/fonte/regionali.ics",
    "calendari/percorso/imprese-esistenti.ics", "calendari/percorso/nuove-imprese.ics",
    "calendari/scadenze.ics", "calendari/territorio/europeo.ics",
    "calendari/territorio/internazionale.ics", "calendari/territorio/lazio.ics",
    "calendari/territorio/locale.ics", "calendari/territorio/nazionale.ics", "feed/bandi.atom",
    "feed/bandi.xml", "feed/beneficiari/cooperative-sociali.atom",
    "feed/beneficiari/cooperative-sociali.xml", "feed/beneficiari/cooperative.atom",
    "feed/beneficiari/cooperative.xml", "feed/beneficiari/enti-pubblici.atom",
    "feed/beneficiari/enti-pubblici.xml", "feed/beneficiari/grandi-imprese.atom",
    "feed/beneficiari/grandi-imprese.xml", "feed/beneficiari/imprese-sociali.atom",
    "feed/beneficiari/imprese-sociali.xml", "feed/beneficiari/partenariati-pubblico-privati.atom",
    "feed/beneficiari/partenariati-pubblico-privati.xml", "feed/beneficiari/persone-fisiche.atom",
    "feed/beneficiari/persone-fisiche.xml", "feed/beneficiari/pmi.atom", "feed/beneficiari/pmi.xml",
    "feed/beneficiari/reti-di-imprese.atom", "feed/beneficiari/reti-di-imprese.xml",
    "feed/beneficiari/spin-off.atom", "feed/beneficiari/spin-off.xml",
    "feed/beneficiari/start-up.atom", "feed/beneficiari/start-up.xml",
    "feed/beneficiari/terzo-settore.atom", "feed/beneficiari/terzo-settore.xml",
    "feed/beneficiari/universita-e-ricerca.atom", "feed/beneficiari/universita-e-ricerca.xml",
    "feed/fonte/altre-fonti.atom", "feed/fonte/altre-fonti.xml",
    "feed/fonte/fondi-europei-diretti.atom", "feed/fonte/fondi-europei-diretti.xml",
    "feed/fonte/fondi-strutturali-europei.atom", "feed/fonte/fondi-strutturali-europei.xml",
    "feed/fonte/nazionali.atom", "feed/fonte/nazionali.xml", "feed/fonte/pnrr.atom",
    "feed/fonte/pnrr.xml", "feed/fonte/privati.atom", "feed/fonte/privati.xml",
    "feed/fonte/regionali.atom", "feed/fonte/regionali.xml", "feed/in-scadenza.atom",
    "feed/in-scadenza.xml", "feed/modifiche.atom", "feed/modifiche.xml",
    "feed/percorso/imprese-esistenti.atom", "feed/percorso/imprese-esistenti.xml",
    "feed/percorso/nuove-imprese.atom", "feed/percorso/nuove-imprese.xml", "feed/storie.atom",
    "feed/storie.xml", "feed/territorio/europeo.atom", "feed/territorio/europeo.xml",
    "feed/territorio/internazionale.atom", "feed/territorio/internazionale.xml",
    "feed/territorio/lazio.atom", "feed/territorio/lazio.xml", "feed/territorio/locale.atom",
    "feed/territorio/locale.xml", "feed/territorio/nazionale.atom", "feed/territorio/nazionale.xml",
    "feed/tutto.atom", "feed/tutto.xml",
}
#: "Dove operi": one feed and calendar per region (``lazio`` was there first) and one for the calls
#: open from all of Italy; then the status listings' own feeds and calendars.
REGIONS = ("abruzzo", "basilicata", "calabria", "campania", "emilia-romagna", "friuli-venezia-giulia", "liguria",
           "lombardia", "marche", "molise", "piemonte", "puglia", "sardegna", "sicilia", "toscana",
           "trentino-alto-adige", "umbria", "valle-d-aosta", "veneto", "tutta-italia")
STATUS_GROUPS = ("aperti", "in-scadenza", "in-apertura", "a-sportello", "sospesi", "fondi-esauriti")
PUBLIC_PATHS |= {f"{kind}/{segment}/{slug}.{ext}"
                 for segment, slugs in (("territorio", REGIONS), ("stato", STATUS_GROUPS))
                 for slug in slugs for kind, ext in (("feed", "xml"), ("feed", "atom"), ("calendari", "ics"))}


def test_every_public_feed_and_calendar_path_is_pinned(content_tree, fm, now):
    files = {
        "calls/voucher.md": fm.text(fm.call()),
        "calls/chiuso.md": fm.text(fm.call(title="Bando chiuso", deadline=date(2026, 10, 31), published=date(2026, 6, 1))),
        **fm.five_services(),
    }
    files["services/guidance.md"] = fm.text(fm.service("guidance", events=[
        {"title": "Sportello", "start": "2026-12-15T10:00", "end": "2026-12-15T13:00"}]))
    result = run_checks(content_tree(files), now)
    assert result.ok
    outputs = [o.path for o in build_outputs(build_site(result.content, now), SiteSettings("https://example.org/"))
               if isinstance(o, Output)]
    public = {p for p in outputs if p.startswith(("feed/", "calendari/")) and not p.startswith("calendari/eventi/")}
    assert public == PUBLIC_PATHS
    # one file per call and per event, under the item's own address
    assert "bandi/voucher/scadenza.ics" in outputs
    assert "calendari/eventi/guidance-20261215T1000.ics" in outputs


def test_paths_are_italian_words():
    assert all(re.fullmatch(r"(feed|calendari)(/[a-z0-9]+(-[a-z0-9]+)*)+\.(xml|atom|ics)", p) for p in PUBLIC_PATHS)
    english = {m.value for vocabulary in (Beneficiary, FundingSource, Pathway, Scope) for m in vocabulary} - {"pnrr", "lazio"}
    english |= {"feeds", "calendars", "deadlines", "changes", "events"}
    segments = {segment for p in PUBLIC_PATHS for segment in re.split(r"[/.]", p)}
    assert not segments & english


def test_a_listing_page_can_announce_the_feeds_of_each_value():
    links = interest_links("percorso", "new_business")
    assert [(link.path, link.media_type) for link in links] == [
        ("feed/percorso/nuove-imprese.xml", "application/rss+xml"),
        ("feed/percorso/nuove-imprese.atom", "application/atom+xml"),
        ("calendari/percorso/nuove-imprese.ics", "text/calendar"),
    ]
    assert links[0].title == "Bandi per il percorso «Spin-off e start-up» (RSS)"
    # a listing's own facet key and value: /bandi/dove/lazio/ announces "Dove operi: Lazio"
    lazio = interest_links("dove", "lazio")
    assert lazio[0].path == "feed/territorio/lazio.xml"
    assert lazio[0].title == "Bandi per chi opera nel Lazio (RSS)"
    assert interest_links("dove", "*")[2].path == "calendari/territorio/tutta-italia.ics"
    assert interest_links("ambito", "national")[0].path == "feed/territorio/nazionale.xml"
    assert interest_links("stato", "aperti")[1].path == "feed/stato/aperti.atom"
    for item in INTERESTS:
        assert {link.path for link in interest_links(item.facet.segment, item.value)} <= PUBLIC_PATHS


def test_cooperatives_come_first():
    beneficiaries = [i.slug for i in INTERESTS if i.facet.segment == "beneficiari"]
    assert beneficiaries[:2] == ["cooperative", "cooperative-sociali"]
    assert [i.facet.segment for i in INTERESTS][0] == "beneficiari"
