"""The data behind /bandi/confronta/?bandi=a,b,c: the facts of each current call, already in Italian.

One small JSON file written at build time (``bandi/confronta/bandi.json``): the compare page's
script reads it and lays two or three calls side by side. Each call carries its badge data so
that the visitor's browser shows the live status (``assets/lab.js`` rules), and rows of
(label, text) in a fixed order; a call that left the current listings is not in it (the page
says so and links to its sheet).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from build_tools.outputs import Output
from build_tools.outputs.facts import LABELS
from build_tools.outputs.html.filters import moment, pct

if TYPE_CHECKING:
    from build_tools.outputs.html.views import CallView, SiteViews

PATH = "bandi/confronta/bandi.json"
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


def compare_data(views: "SiteViews") -> Output:
    """``bandi/confronta/bandi.json``: {"rows": [labels], "calls": {slug: {title, url, badge, values}}}."""
    calls = {c.slug: {"title": c.title, "url": c.url, "badge": c.badge_data, "values": _rows(c)}
             for c in views.current_calls}
    text = json.dumps({"rows": list(ROWS), "calls": calls}, ensure_ascii=False, separators=(",", ":"))
    return Output(PATH, text, "application/json")
