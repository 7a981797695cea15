"""The services' events as iCalendar: ``calendari/eventi.ics`` and one small file per event.

Each event's own file (``calendari/eventi/<service>-<AAAAMMGGTHHMM>.ics``) is what the
"aggiungi al calendario" link on /eventi/ and on the service's page downloads; its UID is the
same as in the events calendar, so adding both never duplicates it. Events that ended more
than ``KEEP_PAST`` ago leave the calendar and lose their file.
"""

from __future__ import annotations

from datetime import datetime, timezone

from build_tools.deriving.site import ServicePage, Site
from build_tools.outputs import Output, SiteSettings
from build_tools.outputs.calendar import KEEP_PAST, MEDIA_TYPE, IcsEvent, calendar_file, vevent
from build_tools.outputs.links import absolute, ical_uid
from build_tools.reading.models import Event as ServiceEvent
from build_tools.reading.models.common import ROME

EVENTS_PATH = "calendari/eventi.ics"
#: DTSTAMP of the services' events: services carry no dates, so a fixed one (reproducible).
EVENTS_STAMP = datetime(2026, 1, 1, tzinfo=timezone.utc)


def event_uids(service: ServicePage) -> list[tuple[ServiceEvent, str]]:
    """Each event of a service with its permanent local UID ``<service>-<start>``, in time order."""
    out: list[tuple[ServiceEvent, str]] = []
    seen: set[str] = set()
    for event in sorted(service.service.events, key=lambda e: (e.start, e.title)):
        uid = f"{service.slug}-{event.start.astimezone(ROME):%Y%m%dT%H%M}"
        while uid in seen:  # two events of one service at the same minute
            uid += "-bis"
        seen.add(uid)
        out.append((event, uid))
    return out


def is_listed(event: ServiceEvent, now: datetime) -> bool:
    """Still in the calendars: not ended more than ``KEEP_PAST`` ago."""
    return (event.end or event.start) >= now - KEEP_PAST


def event_ics_path(service: ServicePage, event: ServiceEvent) -> str:
    """Site-relative path of the event's own .ics (exists while :func:`is_listed`)."""
    uid = next(u for e, u in event_uids(service) if e is event)
    return f"calendari/eventi/{uid}.ics"


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
    return vevent(
        ical_uid(uid), event.title, event.start.astimezone(ROME), event.end.astimezone(ROME) if event.end else None,
        EVENTS_STAMP, description="\n".join(lines), location=location,
        url=event.registration_url or event.online_url or page_url, category_values=[service.service.kind.label],
    )


def build_event_calendars(site: Site, settings: SiteSettings, base: str) -> list[Output]:
    listed = [(service, event, uid) for service in site.services for event, uid in event_uids(service)
              if is_listed(event, site.now)]
    written = [(uid, event, service_event(service, event, uid, base)) for service, event, uid in listed]
    written.sort(key=lambda t: t[2].sort_key)
    outputs = [Output(EVENTS_PATH, calendar_file(f"{settings.site_name} – Eventi",
                                                 "Seminari, webinar e incontri dei servizi del Laboratorio.",
                                                 "calendari-eventi", settings, [w[2] for w in written]), MEDIA_TYPE)]
    for uid, event, ics in written:
        outputs.append(Output(f"calendari/eventi/{uid}.ics",
                              calendar_file(event.title, f"Evento del Laboratorio: {event.title}", f"eventi-{uid}",
                                            settings, [ics]), MEDIA_TYPE))
    return outputs
