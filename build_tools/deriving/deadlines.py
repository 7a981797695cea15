"""The deadline report (contract §6): warnings that ask an editor to act on a call.

Reads each call's timing as the pipeline derived it, once: the report, the site and the CI
summary never disagree about a status.
"""

from __future__ import annotations

from datetime import datetime

from babel.dates import format_date

from build_tools.diagnostics import Report
from build_tools.reading.loader import Content
from build_tools.reading.models import Call, CallStatus
from build_tools.reading.models.calls import STALE_VERIFIED_DAYS
from build_tools.reading.models.common import ROME
from build_tools.reading.registry import CALLS
from build_tools.deriving.status import CallTiming, today_in_rome



def _ago(days: int) -> str:
    if days == 0:
        return "oggi"
    if days == 1:
        return "ieri"
    return f"da {days} giorni"


def deadline_report(content: Content, report: Report, now: datetime, timings: dict[str, CallTiming]) -> None:
    """Warnings that ask an editor to act: expired, closing soon, source not re-checked."""
    today = today_in_rome(now)
    for entry in content[CALLS.name]:
        call = entry.item
        assert isinstance(call, Call)
        if call.draft:
            continue
        timing = timings[entry.slug]
        key = ("windows", timing.window_index, "deadline") if timing.window_index is not None else ("deadline",)
        if timing.expired and timing.deadline_at is not None and timing.status is not CallStatus.CANCELLED:
            day = timing.deadline_at.astimezone(ROME).date()  # the deadline may carry another offset
            days = (today - day).days
            when = format_date(day, "d MMMM y", locale="it")
            report.warning(entry.path, entry.line_of(*key), "deadline_passed",
                           f"scadenza passata {_ago(days)} ({when}): il bando è in archivio; "
                           "se c'è una proroga aggiorna `deadline` e `deadline_extended_from`")
        elif timing.status is CallStatus.CLOSING_SOON and timing.deadline_at is not None:
            days = timing.days_left(now) or 0
            when = format_date(timing.deadline_at.astimezone(ROME).date(), "d MMMM y", locale="it")
            left = "oggi" if days == 0 else ("domani" if days == 1 else f"tra {days} giorni")
            report.warning(entry.path, entry.line_of(*key), "closing_soon", f"scade {left} ({when})")
        if not timing.archived and call.verified is not None:
            age = (today - call.verified).days
            if age > STALE_VERIFIED_DAYS:
                report.warning(entry.path, entry.line_of("verified"), "stale_verified",
                               f"fonte verificata {age} giorni fa (`verified: {call.verified.isoformat()}`): "
                               "ricontrolla la pagina ufficiale e aggiorna la data")
