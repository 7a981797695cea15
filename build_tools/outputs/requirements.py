"""A call's requirements in plain words, for the "A chi si rivolge" block of its sheet.

Every requirement of contract §2b gets a line, including the unknown ones: "non indicato dal
bando" is information too (the visitor learns what to ask). A click-day call adds what to
prepare before the opening. Texts only: the sheet's template lays them out.
"""

from __future__ import annotations

from datetime import datetime

from build_tools.deriving.status import today_in_rome
from build_tools.outputs.facts import Fact
from build_tools.outputs.italian import join_labels
from build_tools.reading.models import Call
from build_tools.reading.models.eligibility_keys import Ateco, CompanyAge, Territory
from build_tools.reading.models.common import ROME
from build_tools.reading.models.places import ATECO_2025_SECTIONS, PROVINCES, PROVINCE_REGION
from build_tools.reading.models.vocab import SIZE_THRESHOLDS, Selection

UNKNOWN = "non indicato dal bando"
#: What to have ready before a click day (the opening is a race).
CLICK_DAY_CHECKLIST = (
    "SPID o CIE del legale rappresentante, per entrare nella piattaforma",
    "firma digitale valida, per firmare la domanda",
    "una casella PEC attiva, per le comunicazioni ufficiali",
    "i documenti e i preventivi già pronti in PDF, da caricare in pochi minuti",
)


def _sizes(call: Call) -> str:
    if call.sizes is None:
        return UNKNOWN
    if call.sizes == "any":
        return "nessun limite"
    return "; ".join(f"{s.label.lower()} ({SIZE_THRESHOLDS[s.value]})" for s in call.sizes)


def _territory(call: Call) -> str:
    place = call.territory
    if place == "any":
        return "nessun vincolo: si partecipa da tutta Italia"
    if place is None:
        if call.scope.value in ("national", "european", "international"):
            return "si partecipa da tutta Italia"
        return "Lazio" if call.scope.value == "lazio" else UNKNOWN
    assert isinstance(place, Territory)
    parts = []
    if place.regions:
        parts.append(join_labels(place.regions))
    elif call.scope.value == "lazio":
        parts.append("Lazio")
    if place.provinces:
        names = [PROVINCES[PROVINCE_REGION[p]][p] for p in place.provinces]
        parts.append(("provincia di " if len(names) == 1 else "province di ") + ", ".join(names))
    if place.municipalities:
        parts.append("comuni con codice ISTAT " + ", ".join(place.municipalities))
    text = "; ".join(parts) or "tutta Italia"
    if place.office:
        text += f" (serve la {place.office.label.lower()} nel territorio)"
    return text


def _ateco(call: Call) -> str:
    rule = call.ateco
    if rule is None:
        return UNKNOWN
    if rule == "any":
        return "tutti i settori"
    assert isinstance(rule, Ateco)

    def codes(values: list[str]) -> str:
        if rule.version.value != "2025":
            return ", ".join(values)
        return ", ".join(f"{v} ({ATECO_2025_SECTIONS[v].lower()})" if v in ATECO_2025_SECTIONS else v for v in values)

    parts = ([f"ammessi {codes(rule.include)}"] if rule.include else []) + (
        [f"esclusi {codes(rule.exclude)}"] if rule.exclude else [])
    return "; ".join(parts) + f" (codici ATECO {rule.version.value})"


def _years(n: int) -> str:
    return "1 anno" if n == 1 else f"{n} anni"


def _company_age(call: Call) -> str:
    rule = call.company_age
    if rule is None:
        return UNKNOWN
    if rule == "any":
        return "nessun limite"
    assert isinstance(rule, CompanyAge)
    parts = ([f"almeno {_years(rule.min_years)} di attività"] if rule.min_years is not None else []) + (
        [f"non più di {_years(rule.max_years)} di attività"] if rule.max_years is not None else [])
    if rule.to_be_founded:
        parts.append("può fare domanda anche chi deve ancora costituire l'impresa")
    return "; ".join(parts)


def requirement_facts(call: Call) -> list[Fact]:
    """One line per requirement, in plain Italian, "non indicato dal bando" where unknown."""
    purposes = UNKNOWN if call.purposes is None else "ogni tipo di progetto" if call.purposes == "any" else (
        join_labels(call.purposes).lower())
    return [
        Fact("Chi può partecipare", join_labels(call.beneficiaries)),
        Fact("Dimensione dell'impresa", _sizes(call)),
        Fact("Dove", _territory(call)),
        Fact("Settori (ATECO)", _ateco(call)),
        Fact("Età dell'impresa", _company_age(call)),
        Fact("Che cosa finanzia", purposes),
        Fact("Regime di aiuto", call.aid_regime.label if call.aid_regime else UNKNOWN),
        Fact("Come si viene selezionati", call.selection.label if call.selection else UNKNOWN),
    ]


def is_click_day(call: Call) -> bool:
    return call.selection is Selection.CLICK_DAY


def opening_countdown(now: datetime, opens_at: datetime, deadline_at: datetime | None) -> str:
    """"apre tra 12 giorni", counted in calendar days in Rome like "mancano N giorni".

    What the sheet says when it is built; ``assets/lab.js`` says the same from the visitor's
    clock (``data-lab-opens-in``), down to hours and minutes on the day itself.
    """
    if deadline_at is not None and now > deadline_at:
        return "le domande sono chiuse"
    if now >= opens_at:
        return "le domande sono aperte"
    days = (opens_at.astimezone(ROME).date() - today_in_rome(now)).days
    return "apre oggi" if days == 0 else "apre domani" if days == 1 else f"apre tra {days} giorni"
