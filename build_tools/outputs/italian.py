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
    """"26 febbraio 2027" (a date-time is first moved to Rome)."""
    if isinstance(day, datetime):
        day = day.astimezone(ROME).date()
    return format_date(day, "d MMMM y", locale=LOCALE)


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
