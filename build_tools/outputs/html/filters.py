"""Italian formatting for the page templates, registered by the plugin as Jinja filters.

Builds on :mod:`build_tools.outputs.italian` (shared with feeds and calendars) and adds
what pages need besides: weekdays, event times, "mancano N giorni", ISO values for
``data-*`` attributes. Every date-time is shown in Europe/Rome; a bare date stays a date.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Callable

from babel.dates import format_date, format_time

from build_tools.outputs.italian import (
    LOCALE,
    format_day,
    format_eur,
    format_moment,
    format_percent,
    with_article,
)
from build_tools.reading.models.common import ROME


def day(value: date | datetime | None) -> str:
    """``26 febbraio 2027``."""
    return format_day(value) if value is not None else ""


def long_day(value: date | datetime) -> str:
    """``giovedì 14 gennaio 2027``, ``venerdì 1° gennaio 2027``."""
    if isinstance(value, datetime):
        value = value.astimezone(ROME).date()
    text = format_date(value, "EEEE d MMMM y", locale=LOCALE)
    return text.replace(" 1 ", " 1° ", 1) if value.day == 1 else text


def on_day(value: date | datetime, preposition: str = "il") -> str:
    """A moment with its article: ``il 1° luglio 2027``, ``l'8 gennaio 2027, ore 17:00``;
    ``value | it_on("dal")`` → ``dall'11 marzo 2027``."""
    return with_article(preposition, value, moment(value))


def clock(value: datetime) -> str:
    """``17:00`` in Rome."""
    return format_time(value.astimezone(ROME), "HH:mm", locale=LOCALE)


def moment(value: date | datetime | None) -> str:
    """A date, or a date with its hour: ``26 febbraio 2027, ore 17:00``."""
    return format_moment(value) if value is not None else ""


def month(value: date | datetime) -> str:
    """``gennaio 2027``."""
    if isinstance(value, datetime):
        value = value.astimezone(ROME).date()
    return format_date(value, "MMMM y", locale=LOCALE)


def event_when(start: datetime, end: datetime | None) -> str:
    """``giovedì 14 gennaio 2027, 15:00–17:00`` (or two days when it spans more than one)."""
    text = f"{long_day(start)}, {clock(start)}"
    if end is None:
        return text
    if end.astimezone(ROME).date() == start.astimezone(ROME).date():
        return f"{text}–{clock(end)}"
    return f"{text} – {long_day(end)}, {clock(end)}"


def eur(value: float | None) -> str:
    """``5.000.000 €``; cents only when there are any (``2.500,50 €``)."""
    return format_eur(value) if value is not None else ""


def pct(value: float | None) -> str:
    """``70%``, ``62,5%``."""
    return format_percent(value) if value is not None else ""


def up_to_pct(value: float) -> str:
    """``fino al 70%``, ``fino all'80%`` (the article follows the sound of the number)."""
    whole = int(value)
    article = "all'" if whole in (1, 8, 11) or 80 <= whole <= 89 else "al "
    return f"fino {article}{pct(value)}"


#: How far a deadline is, in words. The page hands them to the browser (``lab-days-words``),
#: which recounts the days with today's date: one wording, here.
DAYS_LEFT_WORDS = {"past": "scaduto", "today": "scade oggi", "tomorrow": "scade domani", "many": "mancano {n} giorni"}


def days_left(days: int | None) -> str:
    """How far a deadline is, in words: ``scade oggi``, ``mancano 12 giorni``."""
    if days is None:
        return ""
    key = "past" if days < 0 else "today" if days == 0 else "tomorrow" if days == 1 else "many"
    return DAYS_LEFT_WORDS[key].replace("{n}", str(days))


def plural(count: int, one: str, many: str) -> str:
    """``1 bando``, ``12 bandi``."""
    return f"{count} {one if count == 1 else many}"


def iso(value: date | datetime | None) -> str:
    """ISO 8601 with its offset, for ``data-*`` attributes, ``<time datetime>`` and JSON-LD."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone(ROME).isoformat()
    return value.isoformat()


FILTERS: dict[str, Callable[..., Any]] = {
    "it_day": day,
    "it_long_day": long_day,
    "it_moment": moment,
    "it_on": on_day,
    "it_month": month,
    "it_clock": clock,
    "it_event_when": event_when,
    "it_eur": eur,
    "it_pct": pct,
    "it_up_to_pct": up_to_pct,
    "it_days_left": days_left,
    "iso": iso,
}
