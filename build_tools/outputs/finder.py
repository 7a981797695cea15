"""The data of "Quale bando fa per me?" (``bandi/quale-bando/dati.json``), built with the site.

Only current calls (forthcoming included), only what the finder needs: each call's
requirements under the open-data keys (contract §2b; a missing key is "non indicato"), the
texts a result shows (deadline, opening, amounts: written here, in Italian, like on the sheet),
``dove``, the regions one can apply from (``*`` = every region: :mod:`build_tools.deriving.territory`,
the explorer's and the feeds' rule, so the page's script does not restate it), the dates the
browser needs to correct the status (the same as a badge's ``data-*``: opening,
deadline, windows, ``rolling``, a hand-set ``override``), and the tables of
:func:`build_tools.deriving.eligibility.finder_tables` (labels, places), so the page's script
holds the rule and nothing else. Compact JSON: no indentation, no empty keys.
"""

from __future__ import annotations

import json
from typing import Any

from build_tools.deriving.eligibility import finder_tables
from build_tools.deriving.site import CallPage, Site
from build_tools.deriving.territory import dove_slugs, open_regions
from build_tools.outputs import Output, SiteSettings
from build_tools.outputs.facts import _opens_as_written, amounts_text, deadline_text
from build_tools.outputs.italian import format_moment
from build_tools.reading.models import CallStatus

DATA_PATH = "bandi/quale-bando/dati.json"
REQUIREMENTS = ("sizes", "territory", "ateco", "company_age", "aid_regime", "selection", "purposes")


def _plain(value: Any) -> Any:
    """A requirement as JSON: ``"any"``, a list of values, or a block without its empty keys."""
    if hasattr(value, "model_dump"):
        return {k: v for k, v in value.model_dump(mode="json").items() if v is not None}
    if isinstance(value, list):
        return [getattr(v, "value", v) for v in value]
    return getattr(value, "value", value)


def _iso(moment: Any) -> str | None:
    return moment.isoformat() if moment is not None else None


def _opening_text(page: CallPage) -> str | None:
    """When a forthcoming call opens, as the editor wrote it (a bare date stays a date)."""
    if page.timing.status is not CallStatus.FORTHCOMING:
        return None
    opens = _opens_as_written(page)
    return format_moment(opens) if opens is not None else None


def finder_item(page: CallPage) -> dict[str, Any]:
    call, timing = page.call, page.timing
    item: dict[str, Any] = {
        "slug": page.slug, "title": call.title, "status": timing.status.value,
        "deadline_text": deadline_text(page), "amounts": amounts_text(call) or None,
        "opens_text": _opening_text(page),
        "opens": _iso(timing.opens_at), "deadline": _iso(timing.deadline_at), "area": call.area,
        "beneficiaries": [b.value for b in call.beneficiaries], "pathways": [p.value for p in call.pathways],
        "scope": call.scope.value, "dove": dove_slugs(open_regions(call)),
        "target_groups": [g.value for g in call.target_groups] or None,
        "override": call.status_override.value if call.status_override else None,
        "windows": [[_iso(o), _iso(d)] for o, d in call.deadlines()] if call.windows else None,
        "rolling": True if call.rolling else None,
    }
    for key in REQUIREMENTS:
        value = getattr(call, key)
        if value is not None:
            item[key] = _plain(value)
    return {k: v for k, v in item.items() if v is not None}


def finder_data(site: Site) -> dict[str, Any]:
    return {
        "generated_at": site.now.isoformat(),
        "closing_soon_days": site.closing_soon_days,
        "statuses": CallStatus.labels(),
        "tables": finder_tables(),
        "calls": [finder_item(p) for p in site.current_calls],  # soonest deadline first
    }


def build_finder_data(site: Site, settings: SiteSettings) -> list[Output]:
    text = json.dumps(finder_data(site), ensure_ascii=False, separators=(",", ":"))
    return [Output(DATA_PATH, text, "application/json")]
