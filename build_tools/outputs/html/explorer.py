"""``bandi/elenco.json``: every current call as its card on ``/bandi/`` shows it, for the explorer.

``/bandi/`` carries only its first page of cards (:mod:`build_tools.outputs.html.call_pages`).
When a visitor first filters, sorts or asks for more, ``assets/lab.js`` loads this file and
``assets/lab-bandi.js`` draws the cards it needs from it, element by element with text nodes
(nothing here is read as HTML). Each record holds what the card macro (``call_card`` in
``templates/macros.html``) prints, already in Italian — dates, amounts, labels — and the same
attribute dictionaries the static card is written from, so the two cannot disagree on a rule;
``tests/browser/test_call_pages.py`` compares drawn and static cards.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from build_tools.outputs import Output
from build_tools.outputs.facts import LABELS
from build_tools.outputs.html.filters import days_left, eur, iso, moment
from build_tools.reading.models import CallStatus

if TYPE_CHECKING:
    from build_tools.outputs.html.call_view import CallView
    from build_tools.outputs.html.render import PageRenderer
    from build_tools.outputs.html.views import SiteViews

PATH = "bandi/elenco.json"
_LABELS = ("opens", "deadline", "territory", "beneficiaries")


def _deadline(call: "CallView") -> list[str] | str:
    """[ISO instant, text] of the deadline, or the words the card says instead."""
    if call.deadline:
        return [iso(call.timing.deadline_at), moment(call.deadline)]
    return "A sportello, fino a esaurimento dei fondi" if call.call.rolling else "Non indicata"


def _support(call: "CallView") -> list[str]:
    """The last fact: [label, text, muted text in brackets or ""]."""
    support = ", ".join(call.labels_of("support_types"))
    if call.grant_range:
        return [LABELS["grant"], call.grant_range, f"({support.lower()})"]
    if call.call.budget_total_eur is not None:
        return [LABELS["budget"], eur(call.call.budget_total_eur), f"({support.lower()})"]
    return [LABELS["support"], support, ""]


def card_record(call: "CallView", href: str) -> dict[str, Any]:
    """One card: h(ref), t(itle), f(under), m (summary), b(adge attributes), o(pens), d(eadline),
    n (days left, when the card shows them), w(here), e (who can apply), g (amount), a (facet attributes)."""
    record: dict[str, Any] = {"h": href, "t": call.title, "f": call.call.funder, "m": call.call.summary,
                              "b": call.badge_data}
    if call.status is CallStatus.FORTHCOMING and call.opens:
        record["o"] = [iso(call.timing.opens_at), moment(call.opens)]
    record["d"] = _deadline(call)
    if call.days_left is not None and call.timing.deadline_at:
        record["n"] = days_left(call.days_left)
    record.update(w=call.territory, e=", ".join(call.labels_of("beneficiaries")), g=_support(call), a=call.facets)
    return record


def explorer_data(renderer: "PageRenderer", views: "SiteViews", page_source: str) -> Output:
    """Every current call, in the listing's order, with links as written on ``page_source``."""
    url = renderer.url_of(page_source)
    data = {"labels": {key: LABELS[key] for key in _LABELS},
            "calls": [card_record(call, renderer.linker.relative(call.url, url)) for call in views.current_calls]}
    return Output(PATH, json.dumps(data, ensure_ascii=False, separators=(",", ":")), "application/json")
