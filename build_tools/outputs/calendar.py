"""iCalendar files: the deadlines of current calls, the services' events, one file per call.

- ``calendari/scadenze.ics``: every upcoming deadline of the current calls (one event per window);
- ``calendari/eventi.ics``: the services' events (seminars, webinars, open desks);
- ``bandi/<slug>/scadenza.ics``: a call's own deadline(s), for every published call that has one,
  archived ones included, so a link saved months ago still works.

A bare-date deadline is an all-day event; a deadline with an hour is timed in Europe/Rome
(``TZID`` plus a ``VTIMEZONE``). UIDs are permanent (``<slug>-deadline-<n>@…``): a *proroga*
moves the same event. ``DTSTAMP`` is the item's last change, never the build time.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from icalendar import Alarm, Calendar, Event

from ..models import Call, CallStatus, Event as ServiceEvent
from ..models.common import ROME, start_of
from ..site import CallPage, ServicePage, Site
from . import Output, SiteSettings
from .formatting import format_moment
from .links import absolute, base_url, ical_uid
from .summaries import Deadline, call_deadlines, call_facts, last_change

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
    """Whether ``call_ics_path(page)`` exists: the call has at least one deadline."""
    return bool(call_deadlines(page.call))


def _calendar(name: str, description: str, uid: str, settings: SiteSettings) -> Calendar:
    if settings.demo:
        name, description = f"{name} (dimostrativo)", f"Contenuti dimostrativi. {description}"
    cal = Calendar.new(name=name, description=description, prodid=PRODID, uid=ical_uid(uid),
                       method="PUBLISH", calscale="GREGORIAN", refresh_interval=timedelta(days=1))
    cal.add("X-WR-TIMEZONE", "Europe/Rome")
    cal.add("X-PUBLISHED-TTL", "P1D")
    return cal


def _finish(cal: Calendar, events: list[Event]) -> bytes:
    """Add the events (in a fixed order) and a VTIMEZONE covering the years they use."""
    for event in events:
        cal.add_component(event)
    years = [e.start.year for e in events if isinstance(e.start, datetime)]
    if years:
        cal.add_missing_timezones(first_date=date(min(years) - 1, 1, 1), last_date=date(max(years) + 1, 12, 31))
    return cal.to_ical()


def deadline_event(page: CallPage, deadline: Deadline, site: Site, base: str) -> Event:
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
    event = Event.new(
        uid=ical_uid(f"{page.slug}-deadline-{deadline.number}"),
        summary=f"Scadenza: {call.title}{window}",
        start=start, end=end, description="\n".join(lines), url=sheet,
        stamp=start_of(last_change(call, site.today)).astimezone(timezone.utc),
        status=_EVENT_STATUS.get(page.timing.status, "CONFIRMED"),
        categories=["Scadenza bando", call.funding_source.label], transparency="TRANSPARENT",
    )
    return event


def _with_reminder(event: Event, title: str) -> Event:
    alarm = Alarm()
    alarm.add("ACTION", "DISPLAY")
    alarm.add("DESCRIPTION", f"Tra una settimana scade: {title}")
    alarm.add("TRIGGER", -REMINDER)
    event.add_component(alarm)
    return event


def _deadlines_calendar(site: Site, settings: SiteSettings, base: str) -> Output:
    events = [deadline_event(page, d, site, base)
              for page in site.current_calls for d in call_deadlines(page.call) if d.at >= site.now]
    events.sort(key=lambda e: (e.start if isinstance(e.start, datetime) else start_of(e.start), str(e.uid)))
    cal = _calendar(f"{settings.site_name} – Scadenze dei bandi",
                    "Le prossime scadenze dei bandi aperti o in arrivo. Si aggiorna ogni giorno.",
                    "calendari-scadenze", settings)
    return Output(DEADLINES_PATH, _finish(cal, events), MEDIA_TYPE)


def _call_calendar(page: CallPage, site: Site, settings: SiteSettings, base: str) -> Output:
    events = []
    for d in call_deadlines(page.call):
        event = deadline_event(page, d, site, base)
        if d.at >= site.now and str(event.get("STATUS")) == "CONFIRMED":
            _with_reminder(event, page.call.title)
        events.append(event)
    cal = _calendar(f"Scadenza: {page.call.title}", f"Scheda del Laboratorio: {absolute(base, page.url)}",
                    f"bandi-{page.slug}", settings)
    return Output(call_ics_path(page), _finish(cal, events), MEDIA_TYPE)


def service_event(service: ServicePage, event: ServiceEvent, uid: str, base: str) -> Event:
    page_url = absolute(base, service.url)
    lines = [event.description] if event.description else []
    lines.append(f"Servizio del Laboratorio: {service.service.title}")
    if event.registration_url:
        lines.append(f"Iscrizione: {event.registration_url}")
    if event.online_url:
        lines.append(f"Per partecipare online: {event.online_url}")
    lines.append(f"Scheda del servizio: {page_url}")
    location = event.location or ("Online" if event.online_url else None)
    return Event.new(
        uid=ical_uid(uid), summary=event.title, start=event.start.astimezone(ROME),
        end=event.end.astimezone(ROME) if event.end else None, location=location,
        description="\n".join(lines), url=event.registration_url or event.online_url or page_url,
        stamp=EVENTS_STAMP, categories=[service.service.kind.label],
    )


def _events_calendar(site: Site, settings: SiteSettings, base: str) -> Output:
    events: list[Event] = []
    seen: set[str] = set()
    for service in site.services:
        for event in sorted(service.service.events, key=lambda e: (e.start, e.title)):
            uid = f"{service.slug}-{event.start.astimezone(ROME):%Y%m%dT%H%M}"
            while uid in seen:  # two events of one service at the same minute
                uid += "-bis"
            seen.add(uid)
            events.append(service_event(service, event, uid, base))
    events.sort(key=lambda e: (e.start, str(e.uid)))
    cal = _calendar(f"{settings.site_name} – Eventi",
                    "Seminari, webinar e incontri dei servizi del Laboratorio.", "calendari-eventi", settings)
    return Output(EVENTS_PATH, _finish(cal, events), MEDIA_TYPE)


def build_calendars(site: Site, settings: SiteSettings) -> list[Output]:
    """The deadlines and events calendars, plus one file per call with a deadline."""
    base = base_url(settings, "i calendari (.ics)")
    outputs = [_deadlines_calendar(site, settings, base), _events_calendar(site, settings, base)]
    outputs += [_call_calendar(page, site, settings, base) for page in site.calls if call_has_ics(page)]
    return outputs
