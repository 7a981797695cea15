"""iCalendar files: deadlines and openings of calls, the services' events, one file per call and event.

- ``calendari/scadenze.ics``: every deadline of the calls (one event per window), and the
  opening of click-day and forthcoming calls;
- ``calendari/<facet>/<slug>.ics``: the same, only for one interest (``outputs.interests``);
- ``calendari/eventi.ics``: the services' events (seminars, webinars, open desks), and
  ``calendari/eventi/<service>-<start>.ics`` for each of them ("aggiungi al calendario");
- ``bandi/<slug>/scadenza.ics``: a call's own deadline(s), for every current call that has one
  (what "Aggiungi al calendario" downloads). An archived call has none: its deadlines are past,
  its sheet offers no calendar, and the archive, which only grows, adds no files to each build.

Every deadline still to come that is not cancelled carries three alarms: 14 and 3 days before,
and on the morning of the day (9:00, or an hour before an earlier deadline); an opening
carries the last two. Events in the past stay in the calendars for ``KEEP_PAST`` days (a
subscriber still sees what just closed), then leave them.

A bare-date deadline is an all-day event; a deadline with an hour is timed in Europe/Rome
(``TZID`` plus a ``VTIMEZONE``). UIDs are permanent (``<slug>-deadline-<n>@…``): a *proroga*
moves the same event. ``DTSTAMP`` is the item's last change, never the build time.

The files are written by :mod:`.ical` (a small RFC 5545 writer: thousands of small calendars
per build); the ``VTIMEZONE`` comes from icalendar, once per range of years. Each event is
written once and shared by every calendar that holds it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial
from datetime import date, datetime, time, timedelta, timezone

from build_tools.reading.models import Call, CallStatus
from build_tools.reading.models.common import ROME, start_of
from build_tools.deriving.site import CallPage, Site
from build_tools.outputs import Output, SiteSettings
from build_tools.outputs.italian import format_moment, on_moment
from build_tools.outputs.ical import (
    CRLF, categories, date_time, duration, prop, raw, text, utc, vcalendar, vtimezone,
)
from build_tools.outputs.links import absolute, base_url, ical_uid
from build_tools.outputs.facts import LABELS, Deadline, call_deadlines, call_facts, last_change
from build_tools.outputs.interests import INTERESTS, Interest

PRODID = "-//Legacoop Lazio//Laboratorio di Contaminazione Digitale//IT"
MEDIA_TYPE = "text/calendar"
DEADLINES_PATH = "calendari/scadenze.ics"
#: Alarms before a deadline (days), then one on the morning of the day at ``MORNING``.
ALARM_DAYS = (14, 3)
MORNING = time(9, 0)
#: How long an event stays in the calendars after it ended.
KEEP_PAST = timedelta(days=30)
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


def vevent(uid: str, summary: str, start: date | datetime, end: date | datetime | None, stamp: datetime,
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


def calendar_file(name: str, description: str, uid: str, settings: SiteSettings, events: list[IcsEvent],
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


def _valarm(description: str, trigger: timedelta) -> str:
    return "".join((f"BEGIN:VALARM{CRLF}", prop("ACTION", "DISPLAY"), prop("DESCRIPTION", text(description)),
                    prop("TRIGGER", duration(trigger)), f"END:VALARM{CRLF}"))


def _morning(start: date | datetime) -> timedelta:
    """Trigger of the morning alarm: 9:00 that day (floating for an all-day event), or an hour before."""
    if not isinstance(start, datetime):
        return timedelta(hours=MORNING.hour, minutes=MORNING.minute)
    local = start.astimezone(ROME)
    lead = local - datetime.combine(local.date(), MORNING, ROME)
    return -max(lead, timedelta(hours=1))


def alarms(what: str, title: str, start: date | datetime, days: tuple[int, ...] = ALARM_DAYS) -> str:
    """The VALARMs of an event: "Tra 14 giorni scade: …", "Tra 3 giorni …", "Oggi scade: …"."""
    out = [_valarm(f"Tra {n} giorni {what}: {title}", -timedelta(days=n)) for n in days]
    out.append(_valarm(f"Oggi {what}: {title}", _morning(start)))
    return "".join(out)


def _is_click_day(call: Call) -> bool:
    return str(getattr(call, "selection", None) or "") == "click_day"


def deadline_event(page: CallPage, deadline: Deadline, site: Site, base: str) -> IcsEvent:
    """One deadline of a call: all-day for a bare date, timed in Europe/Rome otherwise."""
    call = page.call
    total = len(call_deadlines(call))
    window = f" – {deadline.label or f'finestra {deadline.number}'}" if total > 1 else ""
    sheet = absolute(base, page.url)
    lines = [f"Scadenza{window}: {format_moment(deadline.due)}"]
    if call.deadline_extended_from is not None and not call.windows:
        lines[0] += f" – prorogata (era {on_moment(call.deadline_extended_from)})"
    if deadline.opens is not None:
        lines.append(f"Apertura: {format_moment(deadline.opens)}")
    lines += [f"{f.label}: {f.value}" for f in call_facts(page) if f.label not in (LABELS["deadline"], LABELS["opens"])]
    lines += ["", call.summary, "", f"Scheda del Laboratorio: {sheet}", f"Pagina ufficiale: {call.url}"]
    if deadline.has_time:
        start: date | datetime = deadline.at.astimezone(ROME)
        end: date | datetime | None = None
    else:
        start = Call.as_date(deadline.due)
        end = start + timedelta(days=1)
    event, status = _call_event(page, site, f"deadline-{deadline.number}", f"Scadenza: {call.title}{window}",
                                start, end, lines, sheet, "Scadenza bando")
    if deadline.at >= site.now and status == "CONFIRMED":
        event = IcsEvent(event.uid, event.start, event.status, event.body + alarms("scade", call.title, start))
    return event


def _call_event(page: CallPage, site: Site, key: str, summary: str, start: date | datetime,
                end: date | datetime | None, lines: list[str], sheet: str, category: str) -> tuple[IcsEvent, str]:
    """One event of a call (a deadline or an opening), stamped with the call's last change; and its status."""
    status = _EVENT_STATUS.get(page.timing.status, "CONFIRMED")
    event = vevent(
        ical_uid(f"{page.slug}-{key}"), summary, start, end,
        start_of(last_change(page.call, site.today, page.changes)).astimezone(timezone.utc),
        description="\n".join(lines), url=sheet, status=status,
        category_values=[category, page.call.funding_source.label], transparent=True,
    )
    return event, status


def opening_event(page: CallPage, deadline: Deadline, site: Site, base: str) -> IcsEvent:
    """When applications open (``deadline.opens``): "Click day: …" or "Apertura: …"."""
    call, opens = page.call, deadline.opens
    assert opens is not None
    what = "Click day" if _is_click_day(call) else "Apertura"
    total = len(call_deadlines(call))
    window = f" – {deadline.label or f'finestra {deadline.number}'}" if total > 1 else ""
    sheet = absolute(base, page.url)
    start: date | datetime = opens.astimezone(ROME) if isinstance(opens, datetime) else opens
    end = None if isinstance(start, datetime) else start + timedelta(days=1)
    lines = [f"{what}{window}: {format_moment(opens)}", f"Scadenza: {format_moment(deadline.due)}", "",
             call.summary, "", f"Scheda del Laboratorio: {sheet}", f"Pagina ufficiale: {call.url}"]
    event, status = _call_event(page, site, f"opening-{deadline.number}", f"{what}: {call.title}{window}",
                                start, end, lines, sheet, "Apertura bando")
    if start_of(opens) >= site.now and status == "CONFIRMED":
        event = IcsEvent(event.uid, event.start, event.status,
                         event.body + alarms("apre", call.title, start, ALARM_DAYS[1:]))
    return event


def _ends(event: IcsEvent) -> datetime:
    return event.sort_key[0]


def call_events(page: CallPage, site: Site, base: str) -> list[IcsEvent]:
    """A call's deadlines, and its openings when it is forthcoming or opens with a click day."""
    found = []
    openings = _is_click_day(page.call) or page.timing.status is CallStatus.FORTHCOMING
    for d in call_deadlines(page.call):
        if openings and d.opens is not None:
            found.append(opening_event(page, d, site, base))
        found.append(deadline_event(page, d, site, base))
    return found


def _events_by_call(site: Site, base: str) -> dict[str, list[IcsEvent]]:
    """Events of every call with one not older than ``KEEP_PAST`` (archived calls too), by slug."""
    horizon = site.now - KEEP_PAST
    out = {}
    for page in site.calls:
        last = page.call.last_deadline()
        if last is not None and (last >= horizon or not page.timing.archived):
            out[page.slug] = call_events(page, site, base)
    return out


def _listed(site: Site, by_call: dict[str, list[IcsEvent]], keep=lambda page: True) -> list[IcsEvent]:  # noqa: ANN001
    horizon = site.now - KEEP_PAST
    events = [e for page in site.calls if page.slug in by_call and keep(page)
              for e in by_call[page.slug] if _ends(e) >= horizon]
    return sorted(events, key=lambda e: e.sort_key)


ByCall = Callable[[], dict[str, list[IcsEvent]]]


def _deadlines_calendar(site: Site, settings: SiteSettings, by_call: ByCall) -> bytes:
    return calendar_file(f"{settings.site_name} – Scadenze dei bandi",
                         "Le scadenze dei bandi aperti o in arrivo, e le aperture dei click day. Si aggiorna ogni giorno.",
                         "calendari-scadenze", settings, _listed(site, by_call()))


def _interest_calendar(site: Site, settings: SiteSettings, by_call: ByCall, item: Interest) -> bytes:
    return calendar_file(f"{settings.site_name} – Scadenze: {item.title}", item.calendar_description,
                         f"calendari-{item.feed_id.replace('/', '-')}", settings, _listed(site, by_call(), item.matches))


def _call_calendar(page: CallPage, settings: SiteSettings, base: str, by_call: ByCall) -> bytes:
    return calendar_file(f"Scadenza: {page.call.title}", f"Scheda del Laboratorio: {absolute(base, page.url)}",
                         f"bandi-{page.slug}", settings, by_call()[page.slug])


def build_calendars(site: Site, settings: SiteSettings) -> list[Output]:
    """The deadlines, interest and events calendars, one file per current call with a deadline and
    one per service event. Named now, written when read: every event is made once, for all of them."""
    from build_tools.outputs.service_calendar import build_event_calendars

    base = base_url(settings, "i calendari (.ics)")
    by_call = cache(partial(_events_by_call, site, base))
    outputs = [Output.later(DEADLINES_PATH, partial(_deadlines_calendar, site, settings, by_call), MEDIA_TYPE)]
    outputs += [Output.later(item.calendar_path, partial(_interest_calendar, site, settings, by_call, item), MEDIA_TYPE)
                for item in INTERESTS]
    outputs += [Output.later(call_ics_path(page), partial(_call_calendar, page, settings, base, by_call), MEDIA_TYPE)
                for page in site.current_calls if call_has_ics(page)]
    return outputs + build_event_calendars(site, settings, base)
