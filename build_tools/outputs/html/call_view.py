"""A call as the listings, the sheet, the cards and the browser-side status script need it."""

from __future__ import annotations

from datetime import date, datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any, Iterable

from markupsafe import Markup

from build_tools.deriving.facets import CALL_FACETS, facet_data
from build_tools.deriving.site import CallPage
from build_tools.deriving.status import APPLYING, archive_year
from build_tools.deriving.territory import territory_detail, territory_words
from build_tools.outputs.calendar import call_ics_path
from build_tools.outputs.changelog import HistoryLine, history_lines
from build_tools.outputs.facts import Fact
from build_tools.outputs.html.attributes import _json, html_attrs, script_json
from build_tools.outputs.html.filters import eur, iso, moment
from build_tools.outputs.requirements import (
    CLICK_DAY_CHECKLIST,
    is_click_day,
    opening_countdown,
    requirement_facts,
)
from build_tools.reading.models import Call, CallStatus, LabeledEnum
from build_tools.reading.models.common import end_of

if TYPE_CHECKING:
    from build_tools.outputs.html.item_views import ServiceView, StoryView
    from build_tools.outputs.html.views import SiteViews


#: How search ranks calls among themselves, best first (Pagefind filter ``stato``): one can apply now;
#: about to open; stopped by an override (suspended, funds exhausted); closed or cancelled (the archive).
#: Results that are not calls keep their relevance order (assets/lab-search.js).
SEARCH_RANKS = ("aperto", "in apertura", "fermo", "chiuso")


def labels(values: Iterable[LabeledEnum]) -> list[str]:
    """Italian labels of vocabulary values, in their order."""
    return [v.label for v in values]


class CallView:
    """A call as the listings, the sheet and the browser-side status script need it."""

    def __init__(self, page: CallPage, views: "SiteViews") -> None:
        self.page, self.views = page, views
        self.call: Call = page.call
        self.timing = page.timing
        self.slug, self.url, self.title = page.slug, page.url, page.call.title

    @property
    def status(self) -> CallStatus:
        return self.timing.status

    @property
    def deadline(self) -> date | datetime | None:
        """The deadline that matters now, as written (a bare date stays a date)."""
        if self.call.windows:
            return self.call.windows[self.timing.window_index or 0].deadline
        return self.call.deadline

    @property
    def opens(self) -> date | datetime | None:
        """The opening that matters now (current or next window), as written."""
        if self.call.windows:
            return self.call.windows[self.timing.window_index or 0].opens
        return self.call.opens

    @property
    def days_left(self) -> int | None:
        """Days to the deadline; None when no countdown makes sense (archived, or an editor's override)."""
        if self.timing.archived or self.call.status_override:
            return None
        return self.timing.days_left(self.views.now)

    @property
    def applying(self) -> bool:
        """One can apply now (the countdown shows; the browser shows or hides it as the status moves)."""
        return self.status in APPLYING

    @cached_property
    def badge_data(self) -> dict[str, str]:
        """What the browser needs to correct the badge after the build (ISO dates with offset)."""
        data = {"data-lab-status": self.status.value, "data-soon": str(self.views.closing_soon_days)}
        if self.call.status_override:
            data["data-override"] = self.call.status_override.value
        if self.timing.opens_at:
            data["data-opens"] = iso(self.timing.opens_at)
        if self.timing.deadline_at:
            data["data-deadline"] = iso(self.timing.deadline_at)
        if self.call.windows:
            spans = [[iso(o) if o else None, iso(d)] for o, d in self.call.deadlines()]
            data["data-windows"] = _json(spans)
        if self.call.rolling:
            data["data-rolling"] = "true"
        return data

    @property
    def days_data(self) -> dict[str, str]:
        """The dates the browser needs to recount "mancano N giorni"."""
        keys = ("data-deadline", "data-windows")
        return {"data-lab-days": "", **{k: v for k, v in self.badge_data.items() if k in keys}}

    @cached_property
    def badge_attrs(self) -> Markup:
        """``badge_data`` as HTML attributes (a call's badge appears on several pages: built once)."""
        return html_attrs(self.badge_data)

    @cached_property
    def days_attrs(self) -> Markup:
        return html_attrs(self.days_data)

    @cached_property
    def facets(self) -> dict[str, str]:
        """Facet values, plus what the explorer sorts by (publication day, largest amount)."""
        data = facet_data(CALL_FACETS, self.page)
        data["data-published"] = self.call.published.isoformat()
        amount = self.amount
        if amount is not None:
            data["data-amount"] = f"{amount:g}"
        return data

    @property
    def amount(self) -> float | None:
        """What "importo più alto" sorts by: the largest grant per project, else the total budget."""
        call = self.call
        for value in (call.max_grant_eur, call.min_grant_eur, call.budget_total_eur):
            if value is not None:
                return value
        return None

    @property
    def territory(self) -> str:
        """Where one can apply from, in words ("Tutta Italia", "Lazio")."""
        return territory_words(self.call)

    @property
    def territory_detail(self) -> str:
        return territory_detail(self.call)

    @cached_property
    def facet_attrs(self) -> Markup:
        return html_attrs(self.facets)

    @property
    def windows(self) -> list[dict[str, Any]]:
        now, current = self.views.now, self.timing.window_index
        return [{"label": w.label or f"Finestra {i + 1}", "opens": w.opens, "deadline": w.deadline,
                 "current": i == current and not self.timing.archived, "past": end_of(w.deadline) < now}
                for i, w in enumerate(self.call.windows)]

    @property
    def grant_range(self) -> str:
        low, high = self.call.min_grant_eur, self.call.max_grant_eur
        if low is not None and high is not None:
            return eur(high) if low == high else f"da {eur(low)} a {eur(high)}"
        if high is not None:
            return f"fino a {eur(high)}"
        return f"da {eur(low)}" if low is not None else ""

    @property
    def search_rank(self) -> str:
        """Where search puts this call among calls (:data:`SEARCH_RANKS`), from its status at the build."""
        if self.timing.archived:
            return "chiuso"
        if self.applying:
            return "aperto"
        return "in apertura" if self.status is CallStatus.FORTHCOMING else "fermo"

    @property
    def search_filters(self) -> list[str]:
        """Pagefind filters: kind, archived or not (current results first), rank among calls (open ones
        first; "solo bandi aperti" is ``stato:aperto``)."""
        archived = "sì" if self.timing.archived else "no"
        return ["tipo:Bando", f"archivio:{archived}", f"stato:{self.search_rank}"]

    @property
    def search_bundle(self) -> str:
        """The search index this sheet belongs to (:func:`build_tools.renderers.search.bundle_of`):
        the archive's year, empty for a current call."""
        return str(archive_year(self.call, self.timing)) if self.timing.archived else ""

    @property
    def search_data(self) -> str:
        """Pagefind meta ``lab``: what a search result needs to show the live badge and the deadline."""
        data = {key.removeprefix("data-").replace("lab-status", "status"): value for key, value in self.badge_data.items()}
        if self.deadline:
            data["scadenza"] = moment(self.deadline)
        return _json(data)

    @property
    def share_text(self) -> str:
        """What "Condividi" sends (WhatsApp, e-mail): title, status, deadline, link (the browser refreshes it)."""
        deadline = f" – scadenza: {moment(self.deadline)}" if self.deadline else ""
        return f"{self.title} – {self.status.label}{deadline}\n{self.views.absolute(self.url)}"

    @property
    def budget_text(self) -> str:
        return eur(self.call.budget_total_eur) if self.call.budget_total_eur is not None else ""

    @property
    def ics_path(self) -> str | None:
        """The call's calendar, unless an override (sospeso, fondi esauriti, annullato) makes its dates moot."""
        if self.call.status_override:
            return None
        path = call_ics_path(self.page)
        return path if self.views.has_output(path) else None

    @property
    def stories(self) -> list["StoryView"]:
        return [self.views.story(s) for s in self.page.stories]

    @property
    def history(self) -> list[HistoryLine]:
        """"Cronologia delle modifiche": newest first, the first publication last."""
        return history_lines(self.page)

    @property
    def services(self) -> list["ServiceView"]:
        return [self.views.service(s) for s in self.page.services]

    def labels_of(self, key: str) -> list[str]:
        """Italian labels of a list field (``support_types``, ``beneficiaries``...)."""
        return labels(getattr(self.call, key))

    @property
    def jsonld_script(self) -> Markup:
        """``jsonld`` as the compact, HTML-safe text of a ``<script type="application/ld+json">``."""
        return script_json(self.jsonld)

    @property
    def jsonld(self) -> dict[str, Any]:
        """schema.org ``MonetaryGrant``: funder, amount, and the application window as an ``ApplyAction``."""
        call = self.call
        data: dict[str, Any] = {
            "@context": "https://schema.org", "@type": "MonetaryGrant", "identifier": self.slug,
            "name": call.title, "description": call.summary, "url": self.views.absolute(self.url), "sameAs": call.url,
            "funder": {"@type": "Organization", "name": call.funder},
        }
        amount: dict[str, Any] = {}
        if call.min_grant_eur is not None:
            amount["minValue"] = call.min_grant_eur
        if call.max_grant_eur is not None:
            amount["maxValue"] = call.max_grant_eur
        if not amount and call.budget_total_eur is not None:
            amount["value"] = call.budget_total_eur
        if amount:
            data["amount"] = {"@type": "MonetaryAmount", "currency": "EUR", **amount}
        action: dict[str, Any] = {"@type": "ApplyAction", "target": call.url}
        if self.timing.opens_at:
            action["startTime"] = iso(self.timing.opens_at)
        if self.timing.deadline_at:
            action["endTime"] = iso(self.timing.deadline_at)
        data["potentialAction"] = action
        return data

    @cached_property
    def requirements(self) -> list[Fact]:
        """"A chi si rivolge": every requirement in plain words, "non indicato dal bando" included."""
        return requirement_facts(self.call)

    @property
    def click_day(self) -> bool:
        return is_click_day(self.call)

    @property
    def opening_countdown(self) -> str | None:
        """"apre tra N giorni" for a click day (None for an archived call, or without an opening)."""
        opens = self.timing.opens_at
        if not self.click_day or opens is None or self.timing.archived:
            return None
        return opening_countdown(self.views.now, opens, self.timing.deadline_at)

    click_day_checklist = CLICK_DAY_CHECKLIST
