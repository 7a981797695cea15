"""Italian formatting of dates, times and amounts (babel), always in Europe/Rome.

Small pure helpers shared by feeds, calendars, the subscribe page and any template that
needs them: ``format_day(date(2027, 2, 26))`` → "26 febbraio 2027".
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from functools import lru_cache

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

from build_tools.reading.models import LabeledEnum
from build_tools.reading.models.common import ROME

LOCALE = "it_IT"
#: Formatting is pure and the same few dates and amounts recur across thousands of items: memoized.
_memo = lru_cache(maxsize=1 << 16, typed=True)


@_memo
def format_day(day: date | datetime) -> str:
    """"26 febbraio 2027", "1° luglio 2027" (the first of the month is an ordinal in Italian);
    a date-time is first moved to Rome."""
    if isinstance(day, datetime):
        day = day.astimezone(ROME).date()
    text = format_date(day, "d MMMM y", locale=LOCALE)
    return "1°" + text[1:] if day.day == 1 else text


#: Articled prepositions before a day number, and their elided forms before a vowel sound
#: ("l'8 gennaio", "dall'11 marzo"): days 8 and 11 are "otto" and "undici".
_ELIDED = {"il": "l'", "dal": "dall'", "al": "all'", "del": "dell'", "nel": "nell'", "sul": "sull'"}


def _day_of(value: date | datetime) -> int:
    return value.astimezone(ROME).day if isinstance(value, datetime) else value.day


def on_moment(value: date | datetime, preposition: str = "il") -> str:
    """"il 1° luglio 2027", "l'8 gennaio 2027, ore 17:00": a moment with its (elided) article."""
    return with_article(preposition, value, format_moment(value))


def with_article(preposition: str, value: date | datetime, text: str | None = None) -> str:
    """``il``/``dal``/``al``… + a date as Italians write it: "il 1° luglio 2027", "l'8 gennaio 2027",
    "dall'11 marzo 2027, ore 12:00" (``text`` is the date already formatted; default: the day)."""
    written = format_day(value) if text is None else text
    if _day_of(value) in (8, 11) and preposition in _ELIDED:
        return f"{_ELIDED[preposition]}{written}"
    return f"{preposition} {written}"


@_memo
def format_moment(moment: date | datetime) -> str:
    """A bare date as "26 febbraio 2027"; a date-time as "26 febbraio 2027, ore 17:00" (Rome)."""
    if not isinstance(moment, datetime):
        return format_day(moment)
    local = moment.astimezone(ROME)
    return f"{format_day(local.date())}, ore {local:%H:%M}"


@_memo
def format_eur(amount: float) -> str:
    """"5.000.000 €", "2.500,50 €": no decimals for whole euros."""
    pattern = "#,##0 ¤" if float(amount).is_integer() else "#,##0.00 ¤"
    return format_currency(amount, "EUR", format=pattern, locale=LOCALE, currency_digits=False)


@_memo
def format_percent(value: float) -> str:
    """"70%", "62,5%"."""
    return f"{format_decimal(value, locale=LOCALE)}%"


def join_labels(values: Iterable[LabeledEnum]) -> str:
    """Italian labels of enum values, comma-separated: "Cooperative, PMI"."""
    return ", ".join(v.label for v in values)
