"""What a visitor gets: the site derived from valid content at one instant (``build_site``)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from build_tools.pipeline import run_checks
from build_tools.reading.models import CallStatus
from build_tools.deriving.site import build_site

ROME = ZoneInfo("Europe/Rome")


def site_of(content_tree, files, now):
    root = content_tree(files)
    result = run_checks(root, now, root=root.parent)
    assert result.ok, [d.format() for d in result.report.errors]
    return build_site(result.content, now)


def slugs(pages) -> list[str]:
    return [p.slug for p in pages]


def test_drafts_and_scheduled_items_are_dropped(content_tree, fm, now):
    site = site_of(content_tree, {
        "calls/pubblicato-oggi.md": fm.text(fm.call(published=date(2026, 11, 25))),
        "calls/bozza.md": fm.text(fm.call(draft=True)),
        "calls/domani.md": fm.text(fm.call(published=date(2026, 11, 26))),
        "stories/storia-ieri.md": fm.text(fm.story(published=date(2026, 11, 24))),
        "stories/storia-bozza.md": fm.text(fm.story(draft=True)),
        "stories/storia-futura.md": fm.text(fm.story(published=date(2027, 1, 1))),
        **fm.five_services(),
    }, now)
    assert slugs(site.calls) == ["pubblicato-oggi"]
    assert slugs(site.stories) == ["storia-ieri"]
    assert len(site.services) == 5


def test_scheduled_item_appears_on_its_publication_day(content_tree, fm, now):
    files = {"calls/domani.md": fm.text(fm.call(published=date(2026, 11, 26)))}
    assert slugs(site_of(content_tree, files, now).calls) == []
    tomorrow = datetime(2026, 11, 26, 0, 0, tzinfo=ROME)
    assert slugs(site_of(content_tree, files, tomorrow).calls) == ["domani"]


def test_relations_are_resolved_both_ways_without_duplicates(content_tree, fm, now):
    site = site_of(content_tree, {
        # the call names the story, the story names the call back, and a second story names only the call
        "calls/voucher.md": fm.text(fm.call(related_stories=["filiera"], related_services=["guidance", "coaching"])),
        "calls/altro.md": fm.text(fm.call(title="Altro bando di prova")),
        "stories/filiera.md": fm.text(fm.story(related_calls=["voucher"])),
        "stories/ponte.md": fm.text(fm.story(related_calls=["voucher", "altro"])),
        **fm.five_services(),
    }, now)
    calls = {c.slug: c for c in site.calls}
    stories = {s.slug: s for s in site.stories}
    services = {s.slug: s for s in site.services}
    assert sorted(slugs(calls["voucher"].stories)) == ["filiera", "ponte"]
    assert slugs(calls["altro"].stories) == ["ponte"]
    assert slugs(stories["filiera"].calls) == ["voucher"]
    assert sorted(slugs(stories["ponte"].calls)) == ["altro", "voucher"]
    assert sorted(slugs(calls["voucher"].services)) == ["coaching", "guidance"]
    assert slugs(services["guidance"].calls) == ["voucher"]
    assert slugs(services["seminars"].calls) == []


def test_relations_to_unpublished_items_are_dropped(content_tree, fm, now):
    site = site_of(content_tree, {
        "calls/voucher.md": fm.text(fm.call(related_stories=["bozza", "futura", "visibile"])),
        "calls/bando-bozza.md": fm.text(fm.call(draft=True, related_stories=["visibile"])),
        "stories/bozza.md": fm.text(fm.story(draft=True, related_calls=["voucher"])),
        "stories/futura.md": fm.text(fm.story(published=date(2027, 5, 1))),
        "stories/visibile.md": fm.text(fm.story(related_calls=["bando-bozza"])),
        **fm.five_services(),
    }, now)
    (voucher,) = site.calls
    assert slugs(voucher.stories) == ["visibile"]
    (visible,) = site.stories
    assert slugs(visible.calls) == ["voucher"]


def test_current_calls_sorted_by_deadline_rolling_last(content_tree, fm, now):
    site = site_of(content_tree, {
        "calls/a-marzo.md": fm.text(fm.call(title="Zeta bando di marzo", deadline=date(2027, 3, 31))),
        "calls/b-sportello.md": fm.text(fm.call(title="Alfa a sportello", deadline=None, rolling=True)),
        "calls/c-gennaio-sera.md": fm.text(fm.call(deadline=date(2027, 1, 15))),
        "calls/d-gennaio-17.md": fm.text(fm.call(deadline=datetime(2027, 1, 15, 17, 0))),
        "calls/e-dicembre.md": fm.text(fm.call(deadline=date(2026, 12, 1))),
        "calls/f-finestre.md": fm.text(fm.call(deadline=None, windows=[
            {"opens": date(2026, 10, 1), "deadline": date(2026, 12, 20)},
            {"opens": date(2027, 1, 1), "deadline": date(2027, 6, 30)}])),
        "calls/g-in-apertura.md": fm.text(fm.call(opens=date(2027, 2, 1), deadline=date(2027, 2, 28))),
        **fm.five_services(),
    }, now)
    assert slugs(site.current_calls) == ["e-dicembre", "f-finestre", "d-gennaio-17", "c-gennaio-sera",
                                         "g-in-apertura", "a-marzo", "b-sportello"]
    statuses = {c.slug: c.timing.status for c in site.current_calls}
    assert statuses["e-dicembre"] is CallStatus.CLOSING_SOON
    assert statuses["g-in-apertura"] is CallStatus.FORTHCOMING
    assert statuses["b-sportello"] is CallStatus.ROLLING
    assert site.archived_calls == []


def test_archive_grouped_by_year_newest_first(content_tree, fm, now):
    site = site_of(content_tree, {
        "calls/chiuso-2025-marzo.md": fm.text(fm.call(published=date(2025, 1, 10), deadline=date(2025, 3, 14))),
        "calls/chiuso-2025-ottobre.md": fm.text(fm.call(published=date(2025, 1, 10), deadline=date(2025, 10, 31))),
        "calls/chiuso-2026.md": fm.text(fm.call(published=date(2026, 1, 10), deadline=date(2026, 6, 30))),
        "calls/annullato.md": fm.text(fm.call(deadline=date(2027, 5, 31), status_override="cancelled",
                                              status_note="Bando ritirato dall'ente.")),
        "calls/sospeso.md": fm.text(fm.call(status_override="suspended", status_note="Sospeso in attesa del TAR.")),
        "calls/aperto.md": fm.text(fm.call()),
        **fm.five_services(),
    }, now)
    assert [(year, slugs(pages)) for year, pages in site.archive_by_year()] == [
        (2027, ["annullato"]),
        (2026, ["chiuso-2026"]),
        (2025, ["chiuso-2025-ottobre", "chiuso-2025-marzo"]),
    ]
    assert sorted(slugs(site.current_calls)) == ["aperto", "sospeso"]
    # every published call is still in the site (the page stays at the same URL)
    assert len(site.calls) == 6


@pytest.mark.parametrize("deadline", [date(2026, 12, 10), datetime(2026, 12, 10, 12, 0)])
def test_call_moves_to_archive_when_now_passes_its_deadline(deadline, content_tree, fm):
    files = {"calls/voucher.md": fm.text(fm.call(deadline=deadline)), **fm.five_services()}
    last = (datetime(2026, 12, 10, 23, 59, 59, tzinfo=ROME) if isinstance(deadline, date)
            and not isinstance(deadline, datetime) else datetime(2026, 12, 10, 12, 0, tzinfo=ROME))
    before = site_of(content_tree, files, last)
    assert slugs(before.current_calls) == ["voucher"] and before.archived_calls == []
    after = site_of(content_tree, files, last + timedelta(seconds=1))
    assert after.current_calls == [] and slugs(after.archived_calls) == ["voucher"]
    assert after.archive_by_year() == [(2026, after.archived_calls)]
    assert after.calls[0].timing.status is CallStatus.CLOSED


def test_stories_newest_first_and_services_by_order(content_tree, fm, now):
    services = fm.five_services()
    services["services/coaching.md"] = fm.text(fm.service("coaching", order=0))
    site = site_of(content_tree, {
        "stories/vecchia.md": fm.text(fm.story(published=date(2025, 5, 1))),
        "stories/nuova.md": fm.text(fm.story(published=date(2026, 11, 1))),
        "stories/media.md": fm.text(fm.story(published=date(2026, 2, 1))),
        **services,
    }, now)
    assert slugs(site.stories) == ["nuova", "media", "vecchia"]
    assert [s.service.kind.value for s in site.services] == [
        "coaching", "information", "guidance", "seminars", "capacity_building"]


def test_upcoming_events_skip_past_ones_and_are_in_date_order(content_tree, fm, now):
    services = fm.five_services()
    services["services/seminars.md"] = fm.text(fm.service("seminars", events=[
        {"title": "Webinar di marzo", "start": datetime(2027, 3, 11, 15, 0)},
        {"title": "Seminario passato", "start": datetime(2026, 10, 1, 10, 0), "end": datetime(2026, 10, 1, 12, 0)},
        {"title": "Webinar in corso da ieri", "start": datetime(2026, 11, 24, 10, 0),
         "end": datetime(2026, 11, 26, 12, 0)},
    ]))
    services["services/coaching.md"] = fm.text(fm.service("coaching", events=[
        {"title": "Open day del coaching", "start": datetime(2027, 1, 20, 9, 30)},
    ]))
    site = site_of(content_tree, services, now)
    assert [u.event.title for u in site.upcoming_events()] == [
        "Webinar in corso da ieri", "Open day del coaching", "Webinar di marzo"]
    assert [u.service.slug for u in site.upcoming_events()] == ["seminars", "coaching", "seminars"]
