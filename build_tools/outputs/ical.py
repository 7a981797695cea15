"""A small iCalendar (RFC 5545) writer: content lines, TEXT escaping, folding, date values.

Our calendars use a handful of property types, and a build writes thousands of small files
(one per call): building them with icalendar's component model cost seconds, mostly in its
character-by-character line folding. This module writes the same bytes directly: TEXT
escaping and 75-octet folding exactly as icalendar does them (so a file does not change
from one implementation to the other), CRLF line ends. icalendar still describes the
Europe/Rome ``VTIMEZONE`` (its transitions), once per range of years.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

from icalendar import Timezone

CRLF = "\r\n"
TZID = "Europe/Rome"
_LIMIT = 74  # octets of one physical line, leading space of a continuation excluded (icalendar's rule)


def text(value: str) -> str:
    """A TEXT value escaped as RFC 5545 (3.3.11) asks: backslash, ``;``, ``,``, line breaks."""
    return (value.replace("\\N", "\n").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def raw(value: str) -> str:
    """A value written as it is (``NAME``, ``X-WR-CALNAME``…), except that it stays on one line."""
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def categories(values: list[str]) -> str:
    return ",".join(text(v) for v in values)


def fold(line: str) -> str:
    """Fold a content line at 75 octets (CRLF + space), never inside a UTF-8 character, never
    right after a backslash or ``^`` (an escape stays whole)."""
    data = line.encode("utf-8")
    if len(data) <= _LIMIT:
        return line
    parts: list[bytes] = []
    start, size = 0, len(data)
    while size - start > _LIMIT:
        end = start + _LIMIT
        while data[end] & 0xC0 == 0x80:  # inside a multi-byte character: cut before it
            end -= 1
        if data[end - 1] in b"\\^" and end - 1 > start:  # keep an escape with what it escapes
            end -= 1
        parts.append(data[start:end])
        start = end
    parts.append(data[start:])
    return b"\r\n ".join(parts).decode("utf-8")


def prop(name: str, value: str, params: str = "") -> str:
    """One content line, folded and CRLF-terminated; ``value`` already in its iCalendar form."""
    return fold(f"{name}{params}:{value}") + CRLF


def date_time(name: str, value: date | datetime) -> str:
    """``DTSTART;TZID=Europe/Rome:20270115T120000`` for a Rome date-time, ``;VALUE=DATE:20270115`` for a date."""
    if isinstance(value, datetime):
        return prop(name, f"{value:%Y%m%dT%H%M%S}", f";TZID={TZID}")
    return prop(name, f"{value:%Y%m%d}", ";VALUE=DATE")


def utc(value: datetime) -> str:
    return f"{value.astimezone(timezone.utc):%Y%m%dT%H%M%SZ}"


def duration(value: timedelta) -> str:
    """``P1D``, ``-P14D``, ``PT9H``, ``-PT7H30M`` (whole minutes)."""
    sign = "-" if value < timedelta(0) else ""
    total = abs(value)
    assert total.microseconds == 0 and total.seconds % 60 == 0, value
    days, hours, minutes = total.days, total.seconds // 3600, total.seconds % 3600 // 60
    clock = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    if not days and not clock:
        return "PT0S"
    return f"{sign}P" + (f"{days}D" if days else "") + (f"T{clock}" if clock else "")


@lru_cache(maxsize=None)
def vtimezone(first_year: int, last_year: int) -> str:
    """The Europe/Rome VTIMEZONE with the transitions from ``first_year`` to ``last_year`` (icalendar's)."""
    zone = Timezone.from_tzid(TZID, first_date=date(first_year, 1, 1), last_date=date(last_year, 12, 31))
    return zone.to_ical().decode("utf-8")


def vcalendar(body: str) -> bytes:
    """``body`` (properties and components, CRLF-terminated) inside BEGIN/END:VCALENDAR, as bytes."""
    return f"BEGIN:VCALENDAR{CRLF}{body}END:VCALENDAR{CRLF}".encode("utf-8")
