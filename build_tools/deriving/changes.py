"""What changed in a call between its published versions: pure comparisons of front matter.

A *version* is the call's file as one commit left it (see :mod:`.history`, which reads them
from Git). Only what a visitor acts on counts as a change: dates (opening, deadline and
*proroga*, windows), the status set by hand and its note, amounts and rate, beneficiaries,
requirements, documents, the official page. The body, the title, tags, ``updated`` and
``verified`` never make a change: a typo fix is not news.

Rules, decided once here:

- before a call is public (draft, ``published`` still to come, or an invalid file that the
  build would have refused) every version only moves the starting point: nothing is announced;
- changes are counted per day in Rome: two commits on one day that move a deadline and move
  it back announce nothing; one line per kind per day, so ``(slug, day, kind)`` is unique and
  gives each change its permanent feed id;
- a commit whose message holds ``[non annunciare]`` (an editor's correction) changes the
  starting point of the keys it touches, so what it did is never announced;
- a commit after "now" does not exist yet.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError

from build_tools.reading.models import Call
from build_tools.reading.models.common import ROME

#: Editors write this in a commit message (or a pull request's title) to keep a correction quiet.
QUIET_TAG = "[non annunciare]"

#: Eligibility keys of contract §2b, read from the raw front matter (whatever the model holds).
REQUIREMENT_KEYS = ("sizes", "territory", "ateco", "company_age", "aid_regime", "selection", "purposes")

#: Keys a version is compared on (plus ``published`` and ``draft``: is it public?). Only these
#: are read from past versions; the others get placeholders to validate the version.
COMPARED_KEYS = frozenset({
    "opens", "deadline", "windows", "rolling", "status_override", "status_note", "budget_total_eur",
    "min_grant_eur", "max_grant_eur", "funding_rate_pct", "beneficiaries", "target_groups", "url",
    "documents", "published", "draft", "deadline_extended_from", *REQUIREMENT_KEYS,
})
_PLACEHOLDERS = {"title": "Titolo segnaposto", "summary": "Sintesi segnaposto di almeno venti caratteri.",
                 "funder": "Ente", "funding_source": "other", "support_types": ["grant"],
                 "pathways": ["existing_business"], "scope": "national"}

#: Kinds of change, in the order a day's lines are shown. They are part of permanent feed ids.
KINDS = ("stato", "scadenza", "apertura", "finestre", "importi", "percentuale", "beneficiari",
         "requisiti", "documenti", "pagina-ufficiale")


@dataclass(frozen=True)
class Version:
    """The call's front matter as one commit left it; ``data`` is None when the file was removed."""

    at: datetime  # commit time (aware)
    announce: bool  # False for a ``[non annunciare]`` commit
    data: dict[str, Any] | None


@dataclass(frozen=True)
class Change:
    """One kind of change of one call on one day (Rome), with the values before and after."""

    slug: str
    kind: str  # one of KINDS
    day: date
    at: datetime  # the last commit of that day that made it, in Rome
    before: Any
    after: Any


def is_quiet(message: str) -> bool:
    return QUIET_TAG in message.casefold()


def aspects(call: Call, data: dict[str, Any]) -> dict[str, Any]:
    """The comparable parts of a call, one per kind (hashable, comparable with ``==``)."""
    return {
        "stato": (call.status_override, call.status_note if call.status_override else None),
        "scadenza": (None if call.windows else call.deadline, call.rolling),
        "apertura": None if call.windows else call.opens,
        "finestre": tuple((w.label, w.opens, w.deadline) for w in call.windows),
        "importi": (call.budget_total_eur, call.min_grant_eur, call.max_grant_eur),
        "percentuale": call.funding_rate_pct,
        "beneficiari": (tuple(call.beneficiaries), tuple(call.target_groups)),
        "requisiti": tuple((k, _freeze(data.get(k))) for k in REQUIREMENT_KEYS),
        "documenti": tuple((d.title, d.url) for d in call.documents),
        "pagina-ufficiale": call.url,
    }


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


def published_call(data: dict[str, Any] | None) -> Call | None:
    """The version as the build would publish it, or None (removed, invalid, draft).

    ``data`` holds the ``COMPARED_KEYS`` of the version; requirements are compared as written.
    """
    if data is None:
        return None
    try:
        call = Call.model_validate({**_PLACEHOLDERS, **{k: v for k, v in data.items() if k not in REQUIREMENT_KEYS}})
    except ValidationError:
        return None
    if call.draft or any(not p.warning for p in call.problems()):
        return None
    return call


def _day(moment: datetime) -> date:
    return moment.astimezone(ROME).date()


def call_changes(slug: str, versions: Iterable[Version], now: datetime) -> list[Change]:
    """Every announced change of one call, oldest first (``versions`` oldest first)."""
    out: list[Change] = []
    base: dict[str, Any] | None = None  # what was announced last (start of the current day)
    current: dict[str, Any] | None = None
    last_at: dict[str, datetime] = {}
    day: date | None = None
    previous: object = None

    def flush() -> None:
        assert base is not None and current is not None and day is not None
        for kind in KINDS:
            if base[kind] != current[kind]:
                out.append(Change(slug, kind, day, last_at[kind], base[kind], current[kind]))

    for version in versions:
        if version.at > now:
            break
        if version.data is not None and version.data is previous:  # a body-only edit: the same parsed data
            continue
        previous = version.data
        call = published_call(version.data)
        if call is None:
            continue  # not something the site published: the next good version compares with the last one
        new = aspects(call, version.data or {})
        when = _day(version.at)
        if current is None or call.published > when:  # not public yet: only the starting point moves
            if day is not None:
                flush()
            base, current, day = dict(new), new, None
            continue
        if day is not None and when != day:
            flush()
            base = dict(current)
        day = when
        touched = [k for k in KINDS if new[k] != current[k]]
        for kind in touched:
            last_at[kind] = version.at.astimezone(ROME)
            if not version.announce:
                base[kind] = new[kind]  # type: ignore[index]
        current = new
    if day is not None:
        flush()
    return out
