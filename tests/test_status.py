"""Derived status of a call (contract §5) at its boundaries, as a table.

Expected instants are computed with zoneinfo (and UTC arithmetic where a DST change is in
between), not read off the implementation. Every row is also checked with "now" written in
UTC and in a fixed offset: the status depends on the instant only.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from build_tools.reading.models import Call, CallStatus
from build_tools.deriving.status import archive_year, derive_timing

ROME = ZoneInfo("Europe/Rome")
UTC = timezone.utc
S = CallStatus
SECOND = timedelta(seconds=1)

BASE = {
    "title": "Bando di prova",
    "summary": "Una sintesi del bando abbastanza lunga per il controllo.",
    "funder": "Regione Lazio",
    "funding_source": "regional",
    "support_types": ["grant"],
    "beneficiaries": ["cooperatives"],
    "pathways": ["existing_business"],
    "scope": "lazio",
    "url": "https://www.legacoop.coop/bando",
    "published": date(2026, 1, 5),
}


def call(**keys) -> Call:
    item = Call.model_validate({**BASE, **keys})
    assert not [p for p in item.problems() if not p.warning], item.problems()  # a DST warning is fine here
    return item


def rome(*args: int, fold: int = 0) -> datetime:
    return datetime(*args, tzinfo=ROME, fold=fold)


def end_of_day_utc(day: date) -> datetime:
    """23:59:59 of ``day`` in Rome, as a UTC instant (zoneinfo picks CET or CEST)."""
    return datetime(day.year, day.month, day.day, 23, 59, 59, tzinfo=ROME).astimezone(UTC)


TWO_WINDOWS = {"windows": [
    {"label": "Prima finestra", "opens": date(2027, 1, 10), "deadline": date(2027, 1, 31)},
    {"label": "Seconda finestra", "opens": date(2027, 3, 1), "deadline": date(2027, 3, 31)},
]}

# Fall-back night 2026-10-25 (03:00 CEST → 02:00 CET): a 25-hour day.
FALL_DEADLINE = end_of_day_utc(date(2026, 10, 25))
# Spring-forward night 2027-03-28 (02:00 CET → 03:00 CEST): a 23-hour day.
SPRING_DEADLINE = end_of_day_utc(date(2027, 3, 28))
# A deadline two weeks after the spring change, to put "now" 14 days before it across the change.
APRIL_DEADLINE = end_of_day_utc(date(2027, 4, 5))

CASES = [
    # --- a bare deadline date is open until 23:59:59 in Rome
    ("bare-deadline-a-month-before", {"deadline": date(2027, 3, 31)}, rome(2027, 3, 1), S.OPEN),
    ("bare-deadline-last-second", {"deadline": date(2027, 3, 31)}, rome(2027, 3, 31, 23, 59, 59), S.CLOSING_SOON),
    ("bare-deadline-next-midnight", {"deadline": date(2027, 3, 31)}, rome(2027, 4, 1, 0, 0, 0), S.CLOSED),
    ("bare-deadline-in-summer-time", {"deadline": date(2027, 7, 15)}, datetime(2027, 7, 15, 22, 0, 0, tzinfo=UTC),
     S.CLOSED),  # 22:00 UTC is already 00:00 of the 16th in Rome (CEST)
    ("bare-deadline-in-summer-time-last-second", {"deadline": date(2027, 7, 15)},
     datetime(2027, 7, 15, 21, 59, 59, tzinfo=UTC), S.CLOSING_SOON),
    # --- a timed deadline closes at that minute
    ("timed-17-one-second-before", {"deadline": datetime(2027, 3, 31, 17, 0)}, rome(2027, 3, 31, 16, 59, 59),
     S.CLOSING_SOON),
    ("timed-17-exactly", {"deadline": datetime(2027, 3, 31, 17, 0)}, rome(2027, 3, 31, 17, 0, 0), S.CLOSING_SOON),
    ("timed-17-one-second-after", {"deadline": datetime(2027, 3, 31, 17, 0)}, rome(2027, 3, 31, 17, 0, 1), S.CLOSED),
    # 12:00 at +01:00 is 13:00 in Rome on 31 March 2027 (summer time since the 28th)
    ("timed-with-offset-before", {"deadline": "2027-03-31T12:00:00+01:00"}, rome(2027, 3, 31, 12, 59, 59),
     S.CLOSING_SOON),
    ("timed-with-offset-after", {"deadline": "2027-03-31T12:00:00+01:00"}, rome(2027, 3, 31, 13, 0, 1), S.CLOSED),
    # --- DST: the deadline day is 25 or 23 hours long
    ("fall-dst-day-last-second", {"deadline": date(2026, 10, 25)}, rome(2026, 10, 25, 23, 59, 59), S.CLOSING_SOON),
    ("fall-dst-day-next-midnight", {"deadline": date(2026, 10, 25)}, rome(2026, 10, 26), S.CLOSED),
    ("spring-dst-day-last-second", {"deadline": date(2027, 3, 28)}, rome(2027, 3, 28, 23, 59, 59), S.CLOSING_SOON),
    ("spring-dst-day-next-midnight", {"deadline": date(2027, 3, 28)}, rome(2027, 3, 29), S.CLOSED),
    ("fall-dst-last-second-in-utc", {"deadline": date(2026, 10, 25)}, FALL_DEADLINE, S.CLOSING_SOON),
    ("fall-dst-second-after-in-utc", {"deadline": date(2026, 10, 25)}, FALL_DEADLINE + SECOND, S.CLOSED),
    ("spring-dst-second-after-in-utc", {"deadline": date(2027, 3, 28)}, SPRING_DEADLINE + SECOND, S.CLOSED),
    # 02:30 happens twice on 2026-10-25; the deadline is the first (CEST) one, "now" the second (CET) 02:15
    ("timed-in-repeated-hour", {"deadline": "2026-10-25T02:30:00"}, rome(2026, 10, 25, 2, 15, fold=1), S.CLOSED),
    ("timed-in-repeated-hour-before", {"deadline": "2026-10-25T02:30:00"}, rome(2026, 10, 25, 2, 15, fold=0),
     S.CLOSING_SOON),
    # --- closing soon: the deadline day is at most 14 calendar days away in Rome, then open
    ("closing-soon-timed-14-days", {"deadline": datetime(2027, 2, 26, 17, 0)}, rome(2027, 2, 12, 0, 0),
     S.CLOSING_SOON),
    ("open-timed-15-days", {"deadline": datetime(2027, 2, 26, 17, 0)}, rome(2027, 2, 11, 23, 59, 59), S.OPEN),
    ("closing-soon-bare-date-14-days", {"deadline": date(2027, 2, 26)}, rome(2027, 2, 12, 0, 0), S.CLOSING_SOON),
    ("closing-soon-bare-date-15-days", {"deadline": date(2027, 2, 26)}, rome(2027, 2, 11, 23, 59, 59), S.OPEN),
    # across a DST change the count is still in Rome's calendar days, not 24-hour blocks
    ("closing-soon-across-fall-dst", {"deadline": date(2026, 10, 25)}, rome(2026, 10, 11, 0, 0), S.CLOSING_SOON),
    ("open-across-fall-dst", {"deadline": date(2026, 10, 25)}, rome(2026, 10, 10, 23, 59, 59), S.OPEN),
    ("closing-soon-across-spring-dst", {"deadline": date(2027, 4, 5)}, rome(2027, 3, 22, 0, 0), S.CLOSING_SOON),
    ("open-across-spring-dst", {"deadline": date(2027, 4, 5)}, rome(2027, 3, 21, 23, 59, 59), S.OPEN),
    # --- before opening
    ("before-opens-bare", {"opens": date(2027, 1, 15), "deadline": date(2027, 3, 31)}, rome(2027, 1, 14, 23, 59, 59),
     S.FORTHCOMING),
    ("opens-bare-at-midnight", {"opens": date(2027, 1, 15), "deadline": date(2027, 3, 31)}, rome(2027, 1, 15),
     S.OPEN),
    ("before-opens-timed", {"opens": datetime(2027, 1, 15, 12, 0), "deadline": date(2027, 3, 31)},
     rome(2027, 1, 15, 11, 59, 59), S.FORTHCOMING),
    ("opens-timed-exactly", {"opens": datetime(2027, 1, 15, 12, 0), "deadline": date(2027, 3, 31)},
     rome(2027, 1, 15, 12, 0), S.OPEN),
    ("forthcoming-even-if-deadline-near", {"opens": date(2027, 3, 25), "deadline": date(2027, 3, 31)},
     rome(2027, 3, 20), S.FORTHCOMING),
    ("short-call-opens-closing-soon", {"opens": date(2027, 3, 25), "deadline": date(2027, 3, 31)},
     rome(2027, 3, 25), S.CLOSING_SOON),
    # --- windows
    ("windows-before-the-first", TWO_WINDOWS, rome(2027, 1, 5), S.FORTHCOMING),
    ("windows-first-open", TWO_WINDOWS, rome(2027, 1, 10), S.OPEN),
    ("windows-first-closing-soon", TWO_WINDOWS, rome(2027, 1, 20), S.CLOSING_SOON),
    ("windows-first-last-second", TWO_WINDOWS, rome(2027, 1, 31, 23, 59, 59), S.CLOSING_SOON),
    ("windows-between", TWO_WINDOWS, rome(2027, 2, 1), S.FORTHCOMING),
    ("windows-between-last-second", TWO_WINDOWS, rome(2027, 2, 28, 23, 59, 59), S.FORTHCOMING),
    ("windows-second-open", TWO_WINDOWS, rome(2027, 3, 1), S.OPEN),
    ("windows-second-closing-soon", TWO_WINDOWS, rome(2027, 3, 20), S.CLOSING_SOON),
    ("windows-after-the-last", TWO_WINDOWS, rome(2027, 4, 1), S.CLOSED),
    ("window-without-opens-follows-the-previous",
     {"windows": [{"deadline": date(2027, 1, 31)}, {"deadline": date(2027, 3, 31)}]}, rome(2027, 2, 1), S.OPEN),
    # --- overrides win over dates
    ("suspended-while-open", {"deadline": date(2027, 3, 31), "status_override": "suspended",
                              "status_note": "Sospeso dal TAR."}, rome(2027, 1, 10), S.SUSPENDED),
    ("suspended-while-closing-soon", {"deadline": date(2027, 3, 31), "status_override": "suspended",
                                      "status_note": "Sospeso."}, rome(2027, 3, 30), S.SUSPENDED),
    ("funds-exhausted-after-deadline", {"deadline": date(2027, 3, 31), "status_override": "funds_exhausted",
                                        "status_note": "Fondi esauriti."}, rome(2027, 5, 1), S.FUNDS_EXHAUSTED),
    ("cancelled-before-opens", {"opens": date(2027, 2, 1), "deadline": date(2027, 3, 31),
                                "status_override": "cancelled", "status_note": "Annullato."},
     rome(2027, 1, 10), S.CANCELLED),
    ("funds-exhausted-rolling", {"rolling": True, "status_override": "funds_exhausted",
                                 "status_note": "Sportello chiuso."}, rome(2027, 1, 10), S.FUNDS_EXHAUSTED),
    ("cancelled-windows", {**TWO_WINDOWS, "status_override": "cancelled", "status_note": "Annullato."},
     rome(2027, 2, 1), S.CANCELLED),
    # --- rolling ("a sportello")
    ("rolling-without-deadline", {"rolling": True}, rome(2030, 1, 1), S.ROLLING),
    ("rolling-not-yet-open", {"rolling": True, "opens": date(2027, 2, 1)}, rome(2027, 1, 31, 23, 59, 59),
     S.FORTHCOMING),
    ("rolling-open", {"rolling": True, "opens": date(2027, 2, 1)}, rome(2027, 2, 1), S.ROLLING),
    ("rolling-with-far-deadline", {"rolling": True, "deadline": date(2027, 12, 31)}, rome(2027, 3, 1), S.ROLLING),
    ("rolling-with-deadline-in-14-days", {"rolling": True, "deadline": date(2027, 3, 15)},
     rome(2027, 3, 1, 23, 59, 59), S.CLOSING_SOON),
    ("rolling-with-deadline-in-15-days", {"rolling": True, "deadline": date(2027, 3, 16)},
     rome(2027, 3, 1, 23, 59, 59), S.ROLLING),
    ("rolling-deadline-passed", {"rolling": True, "deadline": date(2027, 3, 15)}, rome(2027, 3, 16), S.CLOSED),
]


@pytest.mark.parametrize("keys, now, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_status_at_boundary(keys, now, expected):
    item = call(**keys)
    assert derive_timing(item, now).status is expected
    # the same instant, written in UTC or a fixed offset, gives the same status
    assert derive_timing(item, now.astimezone(UTC)).status is expected
    assert derive_timing(item, now.astimezone(timezone(timedelta(hours=-5)))).status is expected
    assert derive_timing(item, now.astimezone(ROME)).status is expected


def test_cases_cover_every_status():
    assert {c[3] for c in CASES} == set(CallStatus)


@pytest.mark.parametrize("now, index, deadline", [
    (rome(2027, 1, 5), 0, date(2027, 1, 31)),
    (rome(2027, 2, 1), 1, date(2027, 3, 31)),
    (rome(2027, 3, 20), 1, date(2027, 3, 31)),
    (rome(2027, 4, 1), 1, date(2027, 3, 31)),
])
def test_timing_points_at_the_current_or_next_window(now, index, deadline):
    timing = derive_timing(call(**TWO_WINDOWS), now)
    assert timing.window_index == index
    assert timing.deadline_at.astimezone(ROME).date() == deadline
    assert timing.deadline_at.astimezone(ROME).time().isoformat() == "23:59:59"


def test_forthcoming_window_exposes_its_opening():
    timing = derive_timing(call(**TWO_WINDOWS), rome(2027, 2, 10))
    assert timing.opens_at == rome(2027, 3, 1)


def test_rolling_without_deadline_has_no_deadline():
    timing = derive_timing(call(rolling=True, opens=date(2027, 2, 1)), rome(2027, 1, 1))
    assert timing.deadline_at is None
    assert timing.opens_at == rome(2027, 2, 1)
    assert timing.days_left(rome(2027, 1, 1)) is None


@pytest.mark.parametrize("status_keys, archived", [
    ({"deadline": date(2026, 1, 31)}, True),  # closed
    ({"status_override": "cancelled", "status_note": "Annullato."}, True),
    ({"status_override": "suspended", "status_note": "Sospeso."}, False),
    ({"status_override": "funds_exhausted", "status_note": "Esauriti."}, False),
    ({}, False),  # open
])
def test_only_closed_and_cancelled_calls_are_archived(status_keys, archived):
    keys = {"deadline": date(2027, 3, 31), **status_keys}
    assert derive_timing(call(**keys), rome(2026, 11, 25)).archived is archived


@pytest.mark.parametrize("now, days", [
    (rome(2027, 3, 31, 0, 0), 0),
    (rome(2027, 3, 30, 23, 59, 59), 1),
    (rome(2027, 3, 17, 12, 0), 14),
    (datetime(2027, 3, 30, 23, 30, tzinfo=UTC), 0),  # already the 31st in Rome
])
def test_days_left_counts_calendar_days_in_rome(now, days):
    timing = derive_timing(call(deadline=date(2027, 3, 31)), now)
    assert timing.days_left(now) == days


@pytest.mark.parametrize("days, status", [(0, S.OPEN), (30, S.CLOSING_SOON), (7, S.OPEN), (10, S.CLOSING_SOON)])
def test_closing_soon_days_is_a_parameter(days, status):
    # 10 days (and a few seconds) before the deadline
    timing = derive_timing(call(deadline=datetime(2027, 3, 31, 12, 0)), rome(2027, 3, 21, 12, 0), days)
    assert timing.status is status


def test_archive_year_is_the_year_of_the_last_deadline_in_rome():
    late = call(deadline=datetime(2026, 12, 31, 23, 30), published=date(2026, 1, 5))
    assert archive_year(late, derive_timing(late, rome(2027, 2, 1))) == 2026
    offset = call(deadline="2026-12-31T23:30:00+00:00")  # 00:30 on 1 January in Rome
    assert archive_year(offset, derive_timing(offset, rome(2027, 2, 1))) == 2027
    cancelled = call(rolling=True, published=date(2025, 6, 1), status_override="cancelled", status_note="Annullato.")
    assert archive_year(cancelled, derive_timing(cancelled, rome(2027, 2, 1))) == 2025


def test_exhausted_call_past_its_deadline_leaves_current_listings(fm, content_tree, now):
    """An override keeps its label, but once every deadline has passed the call is archived."""
    from build_tools.pipeline import run_checks
    from build_tools.deriving.site import build_site

    root = content_tree({
        "calls/esaurito.md": fm.text(fm.call(status_override="funds_exhausted", status_note="Fondi esauriti in 3 giorni.",
                                             opens=None, deadline="2026-10-01", published="2026-06-01")),
        "calls/esaurito-ancora-aperto.md": fm.text(fm.call(status_override="funds_exhausted", status_note="Fondi finiti.",
                                                           opens=None, deadline="2027-10-01", published="2026-06-01")),
        **fm.five_services(),
    })
    result = run_checks(root, now)
    site = build_site(result.content, now)
    archived = {c.slug: c.timing.status.value for c in site.archived_calls}
    current = {c.slug: c.timing.status.value for c in site.current_calls}
    assert archived == {"esaurito": "funds_exhausted"}
    assert current == {"esaurito-ancora-aperto": "funds_exhausted"}
    assert any(d.code == "deadline_passed" and d.path.endswith("esaurito.md") for d in result.report.warnings)
