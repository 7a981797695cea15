"""What the outputs say about an item: its key facts in plain Italian, its deadlines, its last change.

Feeds, calendars and open data read these so that a call is described the same way
everywhere (stato, scadenza, ente finanziatore, beneficiari, importi).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from html import escape

from build_tools.deriving.changes import Change
from build_tools.reading.models import Call, CallStatus, FundingSource
from build_tools.reading.models.common import end_of
from build_tools.deriving.site import CallPage, StoryPage
from build_tools.outputs.italian import format_eur, format_moment, format_percent, join_labels, on_moment


#: One Italian name per fact of a call, wherever it is shown: sheet, cards, compare page, feeds,
#: calendars and the pull-request preview all read their labels here.
LABELS: dict[str, str] = {
    "status": "Stato", "opens": "Apertura", "deadline": "Scadenza", "windows": "Finestre",
    "funder": "Ente finanziatore", "managing_body": "Soggetto gestore", "source": "Fonte",
    "support": "Agevolazione", "beneficiaries": "Chi può partecipare", "target_groups": "Destinatari prioritari",
    "pathways": "Percorso", "territory": "Dove si partecipa", "budget": "Dotazione complessiva",
    "grant": "Contributo per progetto", "rate": "Intensità dell'aiuto", "url": "Pagina ufficiale",
    "documents": "Documenti", "contact": "Contatti",
}


@dataclass(frozen=True)
class Fact:
    label: str  # "Scadenza"
    value: str  # "26 febbraio 2027, ore 17:00"


@dataclass(frozen=True)
class Deadline:
    """One deadline of a call as written (bare date or date-time), with its instant."""

    number: int  # 1-based, stable for a window's position
    label: str | None  # the window's label, if any
    opens: date | datetime | None
    due: date | datetime  # as written: a bare date means 23:59:59 Rome that day
    at: datetime  # the instant it closes

    @property
    def has_time(self) -> bool:
        return isinstance(self.due, datetime)


def call_deadlines(call: Call) -> list[Deadline]:
    """Every deadline of a call, in order: one per window, else at most one."""
    if call.windows:
        return [Deadline(i + 1, w.label, w.opens, w.deadline, end_of(w.deadline)) for i, w in enumerate(call.windows)]
    if call.deadline is not None:
        return [Deadline(1, None, call.opens, call.deadline, end_of(call.deadline))]
    return []


def last_change(call: Call, today: date, changes: Iterable[Change] = ()) -> date:
    """The day a call was last announced: the newest of ``updated`` and the changes found in the
    history; without them, the effect of a *proroga*, else ``published``.

    An extension without ``updated`` counts from the day of the old deadline (when it takes
    effect), never from a day still to come, so the date does not move from build to build.
    """
    found = max((c.day for c in changes), default=None)
    if call.updated is not None:
        return max(call.updated, found) if found else call.updated
    if found is not None:
        return found
    if call.deadline_extended_from is not None:
        old = Call.as_date(call.deadline_extended_from)
        if call.published < old <= today:
            return old
    return call.published


def call_facts(page: CallPage) -> list[Fact]:
    """Key facts of a call at the build's "now" (status included)."""
    call, timing = page.call, page.timing
    status = timing.status.label
    if call.status_note and call.status_override is not None:
        status = f"{status} – {call.status_note}"
    facts = [Fact(LABELS["status"], status)]
    if timing.status is CallStatus.FORTHCOMING and timing.opens_at is not None:
        facts.append(Fact(LABELS["opens"], format_moment(_opens_as_written(page) or timing.opens_at)))
    facts.append(Fact(LABELS["deadline"], deadline_text(page)))
    funder = call.funder if not call.managing_body else f"{call.funder} (gestione: {call.managing_body})"
    facts.append(Fact(LABELS["funder"], funder))
    facts.append(Fact(LABELS["source"], funding_text(call)))
    facts.append(Fact(LABELS["support"], join_labels(call.support_types)))
    beneficiaries = join_labels(call.beneficiaries)
    if call.target_groups:
        beneficiaries += f" (priorità: {join_labels(call.target_groups).lower()})"
    facts.append(Fact(LABELS["beneficiaries"], beneficiaries))
    amounts = amounts_text(call)
    if amounts:
        facts.append(Fact(LABELS["grant"], amounts))
    where = call.scope.label if not call.area else f"{call.scope.label} – {call.area}"
    facts.append(Fact(LABELS["territory"], where))
    return facts


def current_deadline(page: CallPage) -> Deadline | None:
    """The deadline that matters now (current or next window, else the last), as written."""
    deadlines = call_deadlines(page.call)
    return deadlines[page.timing.window_index or 0] if deadlines else None


def _opens_as_written(page: CallPage) -> date | datetime | None:
    """The opening that matters now (current or next window), as the editor wrote it."""
    current = current_deadline(page)
    return current.opens if current is not None else page.call.opens


def deadline_text(page: CallPage) -> str:
    """"26 febbraio 2027, ore 17:00", with window, proroga and "a sportello" when they apply."""
    call = page.call
    deadlines = call_deadlines(call)
    current = current_deadline(page)
    if current is None:
        return "a sportello, fino a esaurimento dei fondi" if call.rolling else "non indicata"
    text = format_moment(current.due)
    if call.rolling:
        text = f"a sportello, entro {on_moment(current.due)}"
    if len(deadlines) > 1:
        name = current.label or f"finestra {current.number}"
        text += f" ({name}, {current.number} di {len(deadlines)})"
    if call.deadline_extended_from is not None:
        text += f" – prorogata (era {on_moment(call.deadline_extended_from)})"
    return text


def funding_text(call: Call) -> str:
    text = call.funding_source.label
    if call.funding_source is FundingSource.PNRR and call.pnrr is not None:
        text = f"{text}, {call.pnrr.mission.label}"
        if call.pnrr.component:
            text += f", componente {call.pnrr.component}"
        if call.pnrr.investment:
            text += f", investimento {call.pnrr.investment}"
    return text


def amounts_text(call: Call) -> str:
    """"dotazione 5.000.000 €; contributo da 5.000 € a 50.000 €; fino al 70% delle spese"."""
    parts: list[str] = []
    if call.budget_total_eur is not None:
        parts.append(f"dotazione {format_eur(call.budget_total_eur)}")
    low, high = call.min_grant_eur, call.max_grant_eur
    if low is not None and high is not None:
        parts.append(f"contributo da {format_eur(low)} a {format_eur(high)}")
    elif high is not None:
        parts.append(f"contributo fino a {format_eur(high)}")
    elif low is not None:
        parts.append(f"contributo da {format_eur(low)}")
    if call.funding_rate_pct is not None:
        rate = call.funding_rate_pct
        article = "all'" if int(rate) in (1, 8, 11) or 80 <= int(rate) <= 89 else "al "
        parts.append(f"fino {article}{format_percent(rate)} delle spese ammissibili")
    return "; ".join(parts)


def story_facts(page: StoryPage) -> list[Fact]:
    story = page.story
    facts = [Fact("Cooperativa", story.cooperative), Fact("Settore", story.sector.label),
             Fact("Regioni", join_labels(story.regions))]
    if story.pathway is not None:
        facts.append(Fact("Percorso", story.pathway.label))
    if story.technologies:
        facts.append(Fact("Tecnologie", ", ".join(story.technologies)))
    return facts


def facts_html(summary: str, facts: list[Fact], note: str | None = None) -> str:
    """The summary paragraph and a list of facts, escaped (feed readers render it)."""
    lead = f"<p><strong>{escape(note)}</strong></p>" if note else ""
    items = "".join(f"<li><strong>{escape(f.label)}:</strong> {escape(f.value)}</li>" for f in facts)
    return f"{lead}<p>{escape(summary)}</p><ul>{items}</ul>"



def updated_note(call: Call, today: date, changes: Iterable[Change] = ()) -> str | None:
    """"Aggiornato il 15 ottobre 2026" when the call changed after its first publication."""
    changed = last_change(call, today, changes)
    if changed == call.published:
        return None
    if call.deadline_extended_from is not None:
        return f"Scadenza prorogata (aggiornato {on_moment(changed)})"
    return f"Aggiornato {on_moment(changed)}"
