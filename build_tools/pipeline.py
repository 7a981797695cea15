"""The whole check of contract §6: load, cross-check, and the deadline report."""

from __future__ import annotations

import gc
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from babel.dates import format_date

from build_tools.deriving.crosscheck import crosscheck
from build_tools.diagnostics import Report
from build_tools.reading.loader import Content, content_files, load_content
from build_tools.reading.models import Call, CallStatus
from build_tools.reading.models.common import ROME
from build_tools.reading.registry import CALLS, COLLECTIONS
from build_tools.deriving.status import DEFAULT_CLOSING_SOON_DAYS, derive_timing, today_in_rome

STALE_VERIFIED_DAYS = 90


@dataclass
class CheckResult:
    content: Content
    report: Report

    @property
    def ok(self) -> bool:
        return not self.report.errors


def load_content_without_gc_pauses(content_dir: Path, report: Report) -> Content:
    """Load with the cyclic GC paused: every parsed entry is kept, so collections during
    loading free nothing and only make the check grow faster than the content."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return load_content(content_dir, report)
    finally:
        if was_enabled:
            gc.enable()


def run_checks(content_dir: Path, now: datetime, closing_soon_days: int = DEFAULT_CLOSING_SOON_DAYS,
               root: Path | None = None) -> CheckResult:
    """Validate every file of every collection and report everything at once."""
    report = Report(root if root is not None else content_dir.parent)
    if not content_dir.is_dir():
        report.error(content_dir, 1, "no_content", "la cartella dei contenuti non esiste")
        return CheckResult(Content(content_dir, {c.name: [] for c in COLLECTIONS}), report)
    content = load_content_without_gc_pauses(content_dir, report)
    known = {c.name: {p.stem for p in content_files(content_dir / c.folder)} for c in COLLECTIONS}
    crosscheck(content, report, known)
    deadline_report(content, report, now, closing_soon_days)
    return CheckResult(content, report)


def _ago(days: int) -> str:
    if days == 0:
        return "oggi"
    if days == 1:
        return "ieri"
    return f"da {days} giorni"


def deadline_report(content: Content, report: Report, now: datetime, closing_soon_days: int) -> None:
    """Warnings that ask an editor to act: expired, closing soon, source not re-checked."""
    today = today_in_rome(now)
    for entry in content[CALLS.name]:
        call = entry.item
        assert isinstance(call, Call)
        if call.draft:
            continue
        timing = derive_timing(call, now, closing_soon_days)
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
