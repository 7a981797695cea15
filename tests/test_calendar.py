"""iCalendar files, read back with icalendar as a calendar program would."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from icalendar import Calendar

from build_tools import build_site, run_checks
from build_tools.reading.models.common import ROME
from build_tools.outputs import SiteSettings
from build_tools.outputs.calendar import build_calendars, call_has_ics, call_ics_path
from build_tools.outputs.interests import INTERESTS
from build_tools.outputs.links import SiteUrlMissing
from build_tools.outputs.service_calendar import event_ics_path

SITE_URL = "https://example.org/laboratorio/"
SETTINGS = SiteSettings(SITE_URL)


def calls(fm) -> dict[str, dict]:
    return {
        "bare-date": fm.call(title="Bando con scadenza senza ora", deadline=date(2027, 3, 31),
                             published=date(2026, 10, 1), updated=date(2026, 11, 10)),
        "timed": fm.call(title="Bando che chiude alle 17", deadline="2026-12-03T17:00", published=date(2026, 9, 1)),
        "windows": fm.call(title="Bando a tre finestre", deadline=None,
                           windows=[{"label": "Prima finestra", "deadline": "2026-05-29T17:00"},
                                    {"label": "Seconda finestra", "opens": "2026-10-01T12:00", "deadline": "2027-01-29T17:00"},
                                    {"deadline": "2027-06-30"}],
                           published=date(2026, 2, 16)),
        "closed": fm.call(title="Bando chiuso in ottobre", deadline="2026-10-31T12:00", published=date(2026, 6, 1)),
        "exhausted": fm.call(title="Voucher con fondi esauriti", deadline="2026-12-31T17:00", rolling=True,
                             status_override="funds_exhausted", status_note="Le risorse sono esaurite.",
                             published=date(2026, 4, 1)),
        "rolling": fm.call(title="Sportello senza scadenza", deadline=None, rolling=True, published=date(2026, 1, 8)),
        "scheduled": fm.call(title="Bando programmato a dicembre", published=date(2026, 12, 15), deadline=date(2027, 5, 31)),
        "draft": fm.call(title="Bando ancora in bozza", draft=True),
    }


def services(fm) -> dict[str, str]:
    files = fm.five_services()
    files["services/guidance.md"] = fm.text(fm.service("guidance", events=[
        {"title": "Sportello di orientamento ai bandi", "start": "2026-12-15T10:00", "end": "2026-12-15T13:00",
         "location": "Legacoop Lazio, Roma", "registration_url": "https://www.legacoop.coop/iscrizione"},
        {"title": "Webinar sui bandi di inizio anno", "start": "2027-01-14T15:00", "online_url": "https://www.legacoop.coop/live"},
    ]))
    return files


def write_tree(content_tree, fm, overrides: dict[str, dict] | None = None) -> Path:
    files = {f"calls/{slug}.md": fm.text(data) for slug, data in {**calls(fm), **(overrides or {})}.items()}
    files.update(services(fm))
    return content_tree(files)


def build(root: Path, now: datetime, settings: SiteSettings = SETTINGS) -> dict[str, bytes]:
    result = run_checks(root, now)
    assert result.ok, [d.format() for d in result.report.errors]
    return {o.path: o.content for o in build_calendars(build_site(result.content, now), settings)}


def events(content: bytes) -> dict[str, object]:
    """UID → VEVENT, after a full parse."""
    cal = Calendar.from_ical(content)
    found = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert len(found) == len(cal.walk("VEVENT")), "UIDs must be unique"
    return found


def call_ics_path_for(slug: str) -> str:
    return f"bandi/{slug}/scadenza.ics"


def uid(slug: str, n: int = 1) -> str:
    return f"{slug}-deadline-{n}@legacooplazio.it"


@pytest.fixture
def tree(content_tree, fm) -> Path:
    return write_tree(content_tree, fm)


@pytest.fixture
def built(tree, now) -> dict[str, bytes]:
    return build(tree, now)


def test_files_produced(built):
    expected = {"calendari/scadenze.ics", "calendari/eventi.ics"} | {
        f"bandi/{slug}/scadenza.ics" for slug in ("bare-date", "timed", "windows", "exhausted")} | {
        i.calendar_path for i in INTERESTS} | {
        "calendari/eventi/guidance-20261215T1000.ics", "calendari/eventi/guidance-20270114T1500.ics"}
    # no file for a call without deadline, a draft, a scheduled call or an archived (closed) call
    assert set(built) == expected


def test_deadlines_calendar_holds_deadlines_to_come_and_of_the_last_30_days(built):
    cal = Calendar.from_ical(built["calendari/scadenze.ics"])
    assert str(cal["X-WR-CALNAME"]) == "Laboratorio di Contaminazione Digitale – Scadenze dei bandi"
    assert str(cal["X-WR-TIMEZONE"]) == "Europe/Rome"
    # "closed" ended on 31 October (25 days before now): still there; window 1 ended in May: gone
    assert set(events(built["calendari/scadenze.ics"])) == {
        uid("bare-date"), uid("timed"), uid("windows", 2), uid("windows", 3), uid("exhausted"), uid("closed")}


def test_past_events_leave_the_calendars_after_30_days(tree, now):
    later = build(tree, now + timedelta(days=6))  # "closed" (31 October, 12:00) is now 31 days old
    assert uid("closed") not in events(later["calendari/scadenze.ics"])
    assert "guidance-20261215T1000@legacooplazio.it" in events(later["calendari/eventi.ics"])
    much_later = build(tree, datetime(2027, 1, 15, 14, 0, tzinfo=ROME))  # the desk of 15 December: 31 days ago
    assert "guidance-20261215T1000@legacooplazio.it" not in events(much_later["calendari/eventi.ics"])
    assert "calendari/eventi/guidance-20261215T1000.ics" not in much_later


def alarm_triggers(event) -> list[timedelta]:
    return [a.decoded("TRIGGER") for a in event.walk("VALARM")]


def test_every_deadline_to_come_reminds_14_and_3_days_before_and_that_morning(built):
    for path in ("calendari/scadenze.ics", "calendari/beneficiari/cooperative.ics", call_ics_path_for("timed")):
        timed = events(built[path])[uid("timed")]  # 3 December at 17:00: the morning alarm is at 9:00
        assert alarm_triggers(timed) == [-timedelta(days=14), -timedelta(days=3), -timedelta(hours=8)]
    all_day = events(built["calendari/scadenze.ics"])[uid("bare-date")]  # all day: 9:00 of that day
    assert alarm_triggers(all_day) == [-timedelta(days=14), -timedelta(days=3), timedelta(hours=9)]
    descriptions = [str(a["DESCRIPTION"]) for a in all_day.walk("VALARM")]
    assert descriptions[0] == "Tra 14 giorni scade: Bando con scadenza senza ora"
    assert descriptions[2] == "Oggi scade: Bando con scadenza senza ora"
    # past or cancelled deadlines do not ring
    assert not events(built["calendari/scadenze.ics"])[uid("closed")].walk("VALARM")
    assert not events(built["calendari/scadenze.ics"])[uid("exhausted")].walk("VALARM")


def test_forthcoming_and_click_day_calls_have_their_opening_as_an_event(content_tree, fm, now):
    tree = write_tree(content_tree, fm, {
        "forthcoming": fm.call(title="Bando che apre a gennaio", opens="2027-01-12T10:00", deadline=date(2027, 3, 1),
                               published=date(2026, 11, 1)),
    })
    built = build(tree, now)
    found = events(built["calendari/scadenze.ics"])
    opening = found["forthcoming-opening-1@legacooplazio.it"]
    assert str(opening["SUMMARY"]) == "Apertura: Bando che apre a gennaio"
    assert opening.decoded("DTSTART") == datetime(2027, 1, 12, 10, 0, tzinfo=ROME)
    assert alarm_triggers(opening) == [-timedelta(days=3), -timedelta(hours=1)]
    assert "forthcoming-opening-1@legacooplazio.it" in events(built[call_ics_path_for("forthcoming")])
    # an open call's opening is history: no event
    assert not [u for u in found if "-opening-" in u and not u.startswith("forthcoming")]


def test_timed_deadline_is_in_rome_with_a_vtimezone(built):
    raw = built["calendari/scadenze.ics"].decode()
    assert "DTSTART;TZID=Europe/Rome:20261203T170000" in raw
    cal = Calendar.from_ical(built["calendari/scadenze.ics"])
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Rome"]
    start = events(built["calendari/scadenze.ics"])[uid("timed")].decoded("DTSTART")
    assert start == datetime(2026, 12, 3, 17, 0, tzinfo=ROME)
    assert start.utcoffset() == timedelta(hours=1)


def test_bare_date_deadline_is_an_all_day_event(built):
    event = events(built["calendari/scadenze.ics"])[uid("bare-date")]
    assert event.decoded("DTSTART") == date(2027, 3, 31) and not isinstance(event.decoded("DTSTART"), datetime)
    assert event.decoded("DTEND") == date(2027, 4, 1)
    window = events(built["calendari/scadenze.ics"])[uid("windows", 3)]
    assert window.decoded("DTSTART") == date(2027, 6, 30)


def test_event_text_is_italian_with_the_sheet_url(built):
    event = events(built["calendari/scadenze.ics"])[uid("timed")]
    assert str(event["SUMMARY"]) == "Scadenza: Bando che chiude alle 17"
    description = str(event["DESCRIPTION"])
    assert "Scadenza: 3 dicembre 2026, ore 17:00" in description
    assert "Ente finanziatore: Regione Lazio" in description
    assert f"Scheda del Laboratorio: {SITE_URL}bandi/timed/" in description
    assert str(event["URL"]) == f"{SITE_URL}bandi/timed/"
    second = events(built["calendari/scadenze.ics"])[uid("windows", 2)]
    assert "Seconda finestra" in str(second["SUMMARY"])


def test_stamp_comes_from_the_content_not_the_clock(tree, now, built):
    stamps = {u: e.decoded("DTSTAMP") for u, e in events(built["calendari/scadenze.ics"]).items()}
    assert stamps[uid("bare-date")] == datetime(2026, 11, 9, 23, 0, tzinfo=timezone.utc)  # updated, Rome midnight
    assert stamps[uid("timed")] == datetime(2026, 8, 31, 22, 0, tzinfo=timezone.utc)  # published
    later = build(tree, now + timedelta(hours=12))
    assert later == built


def test_uids_survive_a_new_title_and_a_proroga(tree, content_tree, fm, now, built):
    extended = fm.call(**{**calls(fm)["timed"], "title": "Bando prorogato a gennaio",
                          "deadline": "2027-01-15T12:00", "deadline_extended_from": "2026-12-03T17:00",
                          "updated": date(2026, 11, 24)})
    after = build(write_tree(content_tree, fm, {"timed": extended}), now)
    assert set(events(after["calendari/scadenze.ics"])) == set(events(built["calendari/scadenze.ics"]))
    event = events(after["bandi/timed/scadenza.ics"])[uid("timed")]
    assert event.decoded("DTSTART") == datetime(2027, 1, 15, 12, 0, tzinfo=ROME)
    assert "prorogata (era il 3 dicembre 2026, ore 17:00)" in str(event["DESCRIPTION"])


def test_call_file_has_every_window_and_its_reminders(built):
    found = events(built[call_ics_path_for("windows")])
    assert set(found) == {uid("windows", 1), uid("windows", 2), uid("windows", 3)}
    assert not found[uid("windows", 1)].walk("VALARM")  # already past: no reminder
    assert len(found[uid("windows", 2)].walk("VALARM")) == 3
    cal = Calendar.from_ical(built[call_ics_path_for("windows")])
    assert str(cal["X-WR-CALNAME"]) == "Scadenza: Bando a tre finestre"


def test_archived_call_has_no_file_and_exhausted_funds_cancel_the_event(tree, now, built):
    assert "bandi/closed/scadenza.ics" not in built  # its deadline is past: nothing to add to a calendar
    site = build_site(run_checks(tree, now).content, now)
    assert not call_has_ics(next(p for p in site.calls if p.slug == "closed"))
    exhausted = events(built["calendari/scadenze.ics"])[uid("exhausted")]
    assert str(exhausted["STATUS"]) == "CANCELLED"
    assert str(events(built["calendari/scadenze.ics"])[uid("timed")]["STATUS"]) == "CONFIRMED"


def test_call_ics_path_matches_the_files(tree, now, built):
    result = run_checks(tree, now)
    site = build_site(result.content, now)
    assert {call_ics_path(p) for p in site.current_calls if p.call.deadline or p.call.windows} <= set(built)
    assert not {call_ics_path(p) for p in site.archived_calls} & set(built)
    assert {p.slug for p in site.calls if call_has_ics(p)} == {
        path.split("/")[1] for path in built if path.startswith("bandi/")}


def test_each_service_event_has_its_own_file_with_the_same_uid(tree, now, built):
    site = build_site(run_checks(tree, now).content, now)
    guidance = next(s for s in site.services if s.slug == "guidance")
    paths = [event_ics_path(guidance, e) for e in guidance.service.events]
    assert paths == ["calendari/eventi/guidance-20261215T1000.ics", "calendari/eventi/guidance-20270114T1500.ics"]
    [(u, event)] = events(built[paths[0]]).items()
    assert u == "guidance-20261215T1000@legacooplazio.it" and str(event["SUMMARY"]) == "Sportello di orientamento ai bandi"


def test_events_calendar(built):
    cal = Calendar.from_ical(built["calendari/eventi.ics"])
    assert str(cal["X-WR-CALNAME"]) == "Laboratorio di Contaminazione Digitale – Eventi"
    found = events(built["calendari/eventi.ics"])
    desk = found["guidance-20261215T1000@legacooplazio.it"]
    assert desk.decoded("DTSTART") == datetime(2026, 12, 15, 10, 0, tzinfo=ROME)
    assert desk.decoded("DTEND") == datetime(2026, 12, 15, 13, 0, tzinfo=ROME)
    assert str(desk["LOCATION"]) == "Legacoop Lazio, Roma"
    assert str(desk["URL"]) == "https://www.legacoop.coop/iscrizione"
    assert f"Scheda del servizio: {SITE_URL}servizi/guidance/" in str(desk["DESCRIPTION"])
    webinar = found["guidance-20270114T1500@legacooplazio.it"]
    assert str(webinar["LOCATION"]) == "Online"
    assert "DTSTART;TZID=Europe/Rome:20270114T150000" in built["calendari/eventi.ics"].decode()


@pytest.mark.parametrize("site_url", [None, ""])
def test_calendars_are_refused_without_site_url(tree, now, site_url):
    with pytest.raises(SiteUrlMissing, match="site_url"):
        build(tree, now, SiteSettings(site_url))


# ---- the writer (build_tools.outputs.ical): what icalendar reads back ----

@pytest.mark.parametrize("value", [
    "Scadenza: 2 luglio 2027, ore 12:00; contributo da 19.000 € a 228.000 €",
    "a\\b; c, d\ne\r\nf\rg \\N h",  # every character TEXT escapes, line breaks of every kind
    "è" * 120, "€" * 60 + "x" + "😀" * 30,  # multi-byte characters across the 75-octet folds
    "x" * 73 + "\\;" + "y" * 80, "x" * 72 + ",;" * 40,  # escapes right at a fold
])
def test_writer_round_trips_text_through_icalendar(value):
    from build_tools.outputs import ical

    body = "".join((ical.prop("VERSION", "2.0"), ical.prop("PRODID", "-//test//IT"), "BEGIN:VEVENT\r\n",
                    ical.prop("UID", ical.text("u@example.org")), ical.prop("SUMMARY", ical.text(value)),
                    ical.prop("CATEGORIES", ical.categories([value, "b,c"])), "END:VEVENT\r\n"))
    content = ical.vcalendar(body)
    lines = content.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines), max(lines, key=len)
    for line in lines:
        line.decode("utf-8")  # never cut inside a character
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    expected = value.replace("\\N", "\n").replace("\r\n", "\n").replace("\r", "\n")
    assert str(event["SUMMARY"]) == expected
    assert [str(c) for c in event["CATEGORIES"].cats] == [expected, "b,c"]


def test_writer_writes_what_icalendar_would():
    """Same bytes as icalendar's own serialisation (the files did not change when the writer did)."""
    from icalendar import Event

    from build_tools.outputs import ical

    start = datetime(2027, 1, 15, 12, 0, tzinfo=ROME)
    event = Event.new(uid="a@example.org", summary="Scadenza: à, b; c", start=start,
                      stamp=datetime(2026, 1, 1, tzinfo=timezone.utc), description="x" * 70 + "é\n" * 3,
                      categories=["Scadenza bando", "Fondi, europei"])
    ours = "".join(("BEGIN:VEVENT\r\n", ical.prop("SUMMARY", ical.text("Scadenza: à, b; c")),
                    ical.date_time("DTSTART", start),
                    ical.prop("DTSTAMP", ical.utc(datetime(2026, 1, 1, tzinfo=timezone.utc))),
                    ical.prop("UID", ical.text("a@example.org")),
                    ical.prop("CATEGORIES", ical.categories(["Scadenza bando", "Fondi, europei"])),
                    ical.prop("DESCRIPTION", ical.text("x" * 70 + "é\n" * 3)), "END:VEVENT\r\n"))
    assert ours.encode("utf-8") == event.to_ical()
    assert ical.date_time("DTEND", date(2027, 1, 16)) == "DTEND;VALUE=DATE:20270116\r\n"
    assert ical.duration(-timedelta(days=7)) == "-P7D" and ical.duration(timedelta(days=1)) == "P1D"
