"""Derive a call's status from its dates and "now" (contract §5). Pure: no clock inside."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone

from build_tools.reading.models import Call, CallStatus
from build_tools.reading.models.common import ROME, start_of

DEFAULT_CLOSING_SOON_DAYS = 14

#: Statuses that leave the current listings for the archive.
ARCHIVED = frozenset({CallStatus.CLOSED, CallStatus.CANCELLED})
#: Statuses in which one can apply now: what "aperti" counts and what a countdown is for.
APPLYING = frozenset({CallStatus.OPEN, CallStatus.CLOSING_SOON, CallStatus.ROLLING})
#: Set by an editor (``status_override``): the dates no longer say what happens, so a page shows
#: neither a countdown nor a calendar reminder for them.
OVERRIDDEN = frozenset({CallStatus.SUSPENDED, CallStatus.FUNDS_EXHAUSTED, CallStatus.CANCELLED})


@dataclass(frozen=True)
class CallTiming:
    """What the dates of a call mean at one instant."""

    status: CallStatus
    opens_at: datetime | None  # when the current or next window opens
    deadline_at: datetime | None  # the deadline that matters now (current/next window, else the last)
    window_index: int | None  # which window (0-based), when the call has windows
    expired: bool = False  # every deadline has passed (whatever the override says)

    @property
    def archived(self) -> bool:
        """Closed and cancelled calls go to the archive; so does a suspended or exhausted one past its deadline."""
        return self.status in ARCHIVED or self.expired

    def days_left(self, now: datetime) -> int | None:
        """Calendar days from today to the deadline day, in Rome (0 = today)."""
        if self.deadline_at is None:
            return None
        return _calendar_days(now, self.deadline_at)


def derive_timing(call: Call, now: datetime, closing_soon_days: int = DEFAULT_CLOSING_SOON_DAYS) -> CallTiming:
    """The status of ``call`` at ``now`` (an aware datetime).

    A deadline is inclusive (a bare date closes at 23:59:59 Rome). "Closing soon" means the
    deadline day is at most ``closing_soon_days`` calendar days away in Rome, so the badge
    agrees with the "mancano N giorni" a visitor reads beside it. A rolling call with a final deadline
    shows "In scadenza" too when it nears, since that is what a visitor needs to know.
    """
    # Compare instants, not Rome wall clocks: two datetimes sharing a tzinfo are subtracted and
    # compared naively in Python, which is an hour off across a DST change (and ignores `fold`).
    now = now.astimezone(timezone.utc)
    spans = call.deadlines()
    window_index: int | None = None
    opens_at: datetime | None = None
    deadline_at: datetime | None = None
    for index, (opens, deadline) in enumerate(spans):
        if now <= deadline:
            opens_at, deadline_at = opens, deadline
            window_index = index if call.windows else None
            break
    else:
        if spans:
            opens_at, deadline_at = spans[-1]
            window_index = len(spans) - 1 if call.windows else None
    if call.rolling and not spans and call.opens is not None:
        opens_at = start_of(call.opens)
    status = _status(call, now, opens_at, deadline_at, bool(spans), closing_soon_days)
    expired = bool(spans) and deadline_at is not None and now > deadline_at
    return CallTiming(status, opens_at, deadline_at, window_index, expired)


def _status(call: Call, now: datetime, opens_at: datetime | None, deadline_at: datetime | None,
            has_deadline: bool, closing_soon_days: int) -> CallStatus:
    if call.status_override is not None:
        return CallStatus(call.status_override.value)
    if has_deadline and deadline_at is not None and now > deadline_at:
        return CallStatus.CLOSED
    if opens_at is not None and now < opens_at:
        return CallStatus.FORTHCOMING
    if deadline_at is not None and _calendar_days(now, deadline_at) <= closing_soon_days:
        return CallStatus.CLOSING_SOON
    if call.rolling:
        return CallStatus.ROLLING
    return CallStatus.OPEN


def _calendar_days(now: datetime, deadline: datetime) -> int:
    return (deadline.astimezone(ROME).date() - now.astimezone(ROME).date()).days


def archive_year(call: Call, timing: CallTiming) -> int:
    """The year a call is filed under in the archive: its last deadline, else its publication."""
    if timing.deadline_at is not None:
        return timing.deadline_at.astimezone(ROME).year
    return call.published.year


def today_in_rome(now: datetime) -> date:
    return now.astimezone(ROME).date()
