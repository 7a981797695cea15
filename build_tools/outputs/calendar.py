"""iCalendar files: the deadlines of current calls, the services' events, one file per call.

- ``calendari/scadenze.ics``: every upcoming deadline of the current calls (one event per window);
- ``calendari/eventi.ics``: the services' events (seminars, webinars, open desks);
- ``bandi/<slug>/scadenza.ics``: a call's own deadline(s), for every current call that has one
  (what "Aggiungi al calendario" downloads). An archived call has none: its deadlines are past,
  its sheet offers no calendar, and the archive, which only grows, adds no files to each build.

A bare-date deadline is an all-day event; a deadline with an hour is timed in Europe/Rome
(``TZID`` plus a ``VTIMEZONE``). UIDs are permanent (``<slug>-deadline-<n>@…``): a *proroga*
moves the same event. ``DTSTAMP`` is the item's last change, never the build time.

The files are written by :mod:`.ical` (a small RFC 5545 writer: thousands of small calendars
per build); the ``VTIMEZONE`` comes from icalendar, once per range of years. Each deadline
event is written once and shared by the deadlines calendar and the call's own file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from build_tools.reading.models import Call, CallStatus, Event as ServiceEvent
from build_tools.reading.models.common import ROME, start_of
from build_tools.deriving.site import CallPage, ServicePage, Site
from build_tools.outputs import Output, SiteSettings
from build_tools.outputs.italian import format_moment
from build_tools.outputs.ical import (
    CRLF, categories, date_time, duration, prop, raw, text, utc, vcalendar, vtimezone,
)
from build_tools.outputs.links import absolute, base_url, ical_uid
from build_tools.outputs.facts import Deadline, call_deadlines, call_facts, last_change

PRODID = "-//Legacoop Lazio//Laboratorio di Contaminazione Digitale//IT"
MEDIA_TYPE = "text/calendar"
DEADLINES_PATH = "calendari/scadenze.ics"
EVENTS_PATH = "calendari/eventi.ics"
#: DTSTAMP of the services' events: services carry no dates, so a fixed one (reproducible).
EVENTS_STAMP = datetime(2026, 1, 1, tzinfo=timezone.utc)
#: Reminder in a call's own calendar file (what "aggiungi al calendario" is for).
REMINDER = timedelta(days=7)
_EVENT_STATUS = {CallStatus.SUSPENDED: "TENTATIVE", CallStatus.FUNDS_EXHAUSTED: "CANCELLED",
                 CallStatus.CANCELLED: "CANCELLED"}


def call_ics_path(page: CallPage) -> str:
    """Site-relative path of the .ics with this call's deadline(s)."""
    return f"bandi/{page.slug}/scadenza.ics"


def call_has_ics(page: CallPage) -> bool:
    """Whether ``call_ics_path(page)`` exists: the call is current and has at least one deadline."""
    return not page.timing.archived and bool(call_deadlines(page.call))


@dataclass(frozen=True)
class IcsEvent:
    """One ``VEVENT``, already written: its content lines before ``END:VEVENT``."""

    uid: str
    start: date | datetime  # a date-time in Rome, or a bare date (all-day)
    status: str
    body: str  # BEGIN:VEVENT … every property, CRLF-terminated, without END:VEVENT

    @property
    def sort_key(self) -> tuple[datetime, str]:
        start = self.start if isinstance(self.start, datetime) else start_of(self.start)
        return (start, self.uid)

    def ical(self, alarm: str = "") -> str:
        return f"{self.body}{alarm}END:VEVENT{CRLF}"


def _event(uid: str, summary: str, start: date | datetime, end: date | datetime | None, stamp: datetime,
           *, description: str, url: str, location: str | None = None, status: str | None = None,
           category_values: list[str], transparent: bool = False) -> IcsEvent:
    """A VEVENT with icalendar's property order (the files stay byte-for-byte what they were)."""
    lines = [f"BEGIN:VEVENT{CRLF}", prop("SUMMARY", text(summary)), date_time("DTSTART", start)]
    if end is not None:
        lines.append(date_time("DTEND", end))
    lines += [prop("DTSTAMP", utc(stamp)), prop("UID", text(uid)), prop("CATEGORIES", categories(category_values)),
              prop("DESCRIPTION", text(description))]
    if location is not None:
        lines.append(prop("LOCATION", text(location)))
    if status is not None:
        lines.append(prop("STATUS", text(status)))
    if transparent:
        lines.append(prop("TRANSP", "TRANSPARENT"))
    lines.append(prop("URL", url))
    return IcsEvent(uid, start, status or "", "".join(lines))


def _calendar(name: str, description: str, uid: str, settings: SiteSettings, events: list[IcsEvent],
              alarms: dict[str, str] | None = None) -> bytes:
    """The VCALENDAR around ``events`` (in the order given), with a VTIMEZONE covering the years they use."""
    if settings.demo:
        name, description = f"{name} (dimostrativo)", f"Contenuti dimostrativi. {description}"
    head = "".join((
        prop("VERSION", "2.0"), prop("PRODID", text(PRODID)), prop("CALSCALE", "GREGORIAN"),
        prop("METHOD", "PUBLISH"), prop("DESCRIPTION", text(description)), prop("X-WR-CALDESC", raw(description)),
        prop("NAME", raw(name)), prop("X-WR-CALNAME", raw(name)), prop("REFRESH-INTERVAL", duration(timedelta(days=1))),
        prop("UID", text(ical_uid(uid))), prop("X-PUBLISHED-TTL", "P1D"), prop("X-WR-TIMEZONE", "Europe/Rome"),
    ))
    years = [e.start.year for e in events if isinstance(e.start, datetime)]
    zone = vtimezone(min(years) - 1, max(years) + 1) if years else ""
    alarms = alarms or {}
    body = "".join(e.ical(alarms.get(e.uid, "")) for e in events)
    return vcalendar(head + zone + body)


def deadline_event(page: CallPage, deadline: Deadline, site: Site, base: str) -> IcsEvent:
    """One deadline of a call: all-day for a bare date, timed in Europe/Rome otherwise."""
    call = page.call
    total = len(call_deadlines(call))
    window = f" – {deadline.label or f'finestra {deadline.number}'}" if total > 1 else ""
    sheet = absolute(base, page.url)
    lines = [f"Scadenza{window}: {format_moment(deadline.due)}"]
    if call.deadline_extended_from is not None and not call.windows:
        lines[0] += f" – prorogata (era il {format_moment(call.deadline_extended_from)})"
    if deadline.opens is not None:
        lines.append(f"Apertura: {format_moment(deadline.opens)}")
    lines += [f"{f.label}: {f.value}" for f in call_facts(page) if f.label not in ("Scadenza", "Apertura")]
    lines += ["", call.summary, "", f"Scheda del Laboratorio: {sheet}", f"Pagina ufficiale: {call.url}"]
    if deadline.has_time:
        start: date | datetime = deadline.at.astimezone(ROME)
        end: date | datetime | None = None
    else:
        start = Call.as_date(deadline.due)
        end = start + timedelta(days=1)
    return _event(
        ical_uid(f"{page.slug}-deadline-{deadline.number}"), f"Scadenza: {call.title}{window}", start, end,
        start_of(last_change(call, site.today)).astimezone(timezone.utc),
        description="\n".join(lines), url=sheet, status=_EVENT_STATUS.get(page.timing.status, "CONFIRMED"),
        category_values=["Scadenza bando", call.funding_source.label], transparent=True,
    )


def _reminder(title: str) -> str:
    return "".join((f"BEGIN:VALARM{CRLF}", prop("ACTION", "DISPLAY"),
                    prop("DESCRIPTION", text(f"Tra una settimana scade: {title}")),
                    prop("TRIGGER", duration(-REMINDER)), f"END:VALARM{CRLF}"))


def _deadline_events(site: Site, base: str) -> dict[str, list[tuple[Deadline, IcsEvent]]]:
    """Every deadline event of every current call, by call slug, in deadline order."""
    return {page.slug: [(d, deadline_event(page, d, site, base)) for d in call_deadlines(page.call)]
            for page in site.current_calls}


def _deadlines_calendar(site: Site, settings: SiteSettings,
                        by_call: dict[str, list[tuple[Deadline, IcsEvent]]]) -> Output:
    events = [event for page in site.current_calls for d, event in by_call[page.slug] if d.at >= site.now]
    events.sort(key=lambda e: e.sort_key)
    content = _calendar(f"{settings.site_name} – Scadenze dei bandi",
                        "Le prossime scadenze dei bandi aperti o in arrivo. Si aggiorna ogni giorno.",
                        "calendari-scadenze", settings, events)
    return Output(DEADLINES_PATH, content, MEDIA_TYPE)


def _call_calendar(page: CallPage, site: Site, settings: SiteSettings, base: str,
                   deadlines: list[tuple[Deadline, IcsEvent]]) -> Output:
    alarms = {}
    for d, event in deadlines:
        if d.at >= site.now and event.status == "CONFIRMED":
            alarms[event.uid] = _reminder(page.call.title)
    content = _calendar(f"Scadenza: {page.call.title}", f"Scheda del Laboratorio: {absolute(base, page.url)}",
                        f"bandi-{page.slug}", settings, [event for _, event in deadlines], alarms)
    return Output(call_ics_path(page), content, MEDIA_TYPE)


def service_event(service: ServicePage, event: ServiceEvent, uid: str, base: str) -> IcsEvent:
    page_url = absolute(base, service.url)
    lines = [event.description] if event.description else []
    lines.append(f"Servizio del Laboratorio: {service.service.title}")
    if event.registration_url:
        lines.append(f"Iscrizione: {event.registration_url}")
    if event.online_url:
        lines.append(f"Per partecipare online: {event.online_url}")
    lines.append(f"Scheda del servizio: {page_url}")
    location = event.location or ("Online" if event.online_url else None)
    return _event(
        ical_uid(uid), event.title, event.start.astimezone(ROME), event.end.astimezone(ROME) if event.end else None,
        EVENTS_STAMP, description="\n".join(lines), location=location,
        url=event.registration_url or event.online_url or page_url, category_values=[service.service.kind.label],
    )


def _events_calendar(site: Site, settings: SiteSettings, base: str) -> Output:
    events: list[IcsEvent] = []
    seen: set[str] = set()
    for service in site.services:
        for event in sorted(service.service.events, key=lambda e: (e.start, e.title)):
            uid = f"{service.slug}-{event.start.astimezone(ROME):%Y%m%dT%H%M}"
            while uid in seen:  # two events of one service at the same minute
                uid += "-bis"
            seen.add(uid)
            events.append(service_event(service, event, uid, base))
    events.sort(key=lambda e: e.sort_key)
    content = _calendar(f"{settings.site_name} – Eventi",
                        "Seminari, webinar e incontri dei servizi del Laboratorio.", "calendari-eventi", settings,
                        events)
    return Output(EVENTS_PATH, content, MEDIA_TYPE)


def build_calendars(site: Site, settings: SiteSettings) -> list[Output]:
    """The deadlines and events calendars, plus one file per current call with a deadline."""
    base = base_url(settings, "i calendari (.ics)")
    by_call = _deadline_events(site, base)
    outputs = [_deadlines_calendar(site, settings, by_call), _events_calendar(site, settings, base)]
    outputs += [_call_calendar(page, site, settings, base, by_call[page.slug]) for page in site.current_calls
                if call_has_ics(page)]
    return outputs
