"""The data behind /bandi/confronta/?bandi=a,b,c: the facts of each current call, already in Italian.

One small JSON file per current call, at a stable address (``bandi/confronta/<slug>.json``):
the compare page's script fetches only the two or three calls it shows, so what a phone
downloads does not grow with the number of calls. Each file carries the call's badge data,
so that the visitor's browser shows the live status (``assets/lab.js`` rules), and its
values in the order of :data:`ROWS`, whose labels the page itself carries. A call that left
the current listings has no file (the page says so and links to its sheet).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from build_tools.outputs import Output
from build_tools.outputs.facts import LABELS
from build_tools.outputs.html.filters import moment, pct

if TYPE_CHECKING:
    from build_tools.outputs.html.views import CallView, SiteViews

#: Where each call's file is published; ``SLUG`` is the call's file name (the page's script fills it in).
DATA_PATH = "bandi/confronta/SLUG.json"
ROWS = tuple(LABELS[key] for key in ("deadline", "opens", "territory", "beneficiaries", "pathways", "support",
                                      "grant", "budget", "rate", "funder", "source"))


def _rows(call: "CallView") -> list[str]:
    data = call.call
    deadline = moment(call.deadline) if call.deadline else (
        "a sportello, fino a esaurimento dei fondi" if data.rolling else "non indicata")
    return [
        deadline,
        moment(call.opens) if call.opens else "",
        call.territory_detail,
        ", ".join(call.labels_of("beneficiaries")),
        "; ".join(call.labels_of("pathways")),
        ", ".join(call.labels_of("support_types")),
        call.grant_range,
        call.budget_text,
        f"fino a {pct(data.funding_rate_pct)}" if data.funding_rate_pct is not None else "",
        data.funder + (f" (gestione: {data.managing_body})" if data.managing_body else ""),
        data.funding_source.label,
    ]


def compare_data(views: "SiteViews") -> list[Output]:
    """``bandi/confronta/<slug>.json`` per current call: {"title", "badge", "values": [one per row]}."""
    return [Output(DATA_PATH.replace("SLUG", c.slug),
                   json.dumps({"title": c.title, "badge": c.badge_data, "values": _rows(c)},
                              ensure_ascii=False, separators=(",", ":")),
                   "application/json")
            for c in views.current_calls]
