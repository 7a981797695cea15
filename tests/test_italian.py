"""Dates as Italians write them: "il 1° luglio", "l'8 gennaio", "dall'11 marzo" (pages, feeds, calendars)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from build_tools.outputs.html import filters
from build_tools.outputs.italian import format_day, with_article
from build_tools.reading.models.common import ROME


@pytest.mark.parametrize(("day", "text"), [
    (date(2027, 7, 1), "1° luglio 2027"), (date(2027, 1, 8), "8 gennaio 2027"), (date(2027, 3, 11), "11 marzo 2027"),
    (datetime(2027, 10, 1, 0, 30, tzinfo=ROME), "1° ottobre 2027"),
])
def test_first_of_the_month_is_an_ordinal(day, text: str) -> None:  # noqa: ANN001
    assert format_day(day) == text


@pytest.mark.parametrize(("preposition", "day", "text"), [
    ("il", date(2027, 7, 1), "il 1° luglio 2027"),
    ("il", date(2027, 1, 8), "l'8 gennaio 2027"),
    ("il", date(2027, 1, 18), "il 18 gennaio 2027"),
    ("dal", date(2027, 10, 1), "dal 1° ottobre 2027"),
    ("dal", date(2027, 3, 11), "dall'11 marzo 2027"),
    ("al", date(2027, 12, 8), "all'8 dicembre 2027"),
    ("al", date(2027, 12, 28), "al 28 dicembre 2027"),
])
def test_articles_elide_before_a_vowel(preposition: str, day: date, text: str) -> None:
    assert with_article(preposition, day) == text


def test_page_filters_write_the_hour_too() -> None:
    assert filters.on_day(datetime(2027, 3, 11, 12, 0, tzinfo=ROME), "dal") == "dall'11 marzo 2027, ore 12:00"
    assert filters.on_day(date(2027, 1, 8)) == "l'8 gennaio 2027"
    assert filters.long_day(date(2027, 1, 1)) == "venerdì 1° gennaio 2027"
