"""Resolve "now" once, at the edge: ``--today``/``--now``, then LAB_NOW/LAB_TODAY, else the clock.

Everything downstream takes ``now`` as a parameter, so builds are reproducible and every
date rule is testable. A bare day means the start of that day in Rome.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

#: The same object as ``models.common.ROME`` (ZoneInfo keeps one instance per key), not imported
#: from there: reading the clock must not load the content models (``python -m build_tools build``).
ROME = ZoneInfo("Europe/Rome")


class ClockError(ValueError):
    """A malformed LAB_TODAY / LAB_NOW / --today value."""


def parse_today(text: str) -> datetime:
    try:
        return datetime.combine(date.fromisoformat(text.strip()), time(0, 0), ROME)
    except ValueError:
        raise ClockError(f"data non valida `{text}`: usa AAAA-MM-GG") from None


def parse_now(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ClockError(f"data e ora non valide `{text}`: usa AAAA-MM-GGTHH:MM[:SS][+01:00]") from None
    return moment.replace(tzinfo=ROME) if moment.tzinfo is None else moment


def resolve_now(today: str | None = None, env: Mapping[str, str] | None = None) -> datetime:
    """The build's "now", as an aware datetime in Europe/Rome."""
    env = os.environ if env is None else env
    if today:
        return parse_today(today) if len(today.strip()) == 10 else parse_now(today).astimezone(ROME)
    if env.get("LAB_NOW"):
        return parse_now(env["LAB_NOW"]).astimezone(ROME)
    if env.get("LAB_TODAY"):
        return parse_today(env["LAB_TODAY"])
    return datetime.now(ROME)
