"""The open-data records (``dati/*.json``, ``dati/bandi.csv``) as pydantic models.

Every exported item goes through these models, so the JSON Schemas published under
``dati/schema/`` are generated from the same code that writes the data, never by hand.
Field order here is the key order of the JSON and the column order of the CSV.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from build_tools.reading.models import (
    Beneficiary, CallStatus, FundingSource, Pathway, PnrrMission, Region, Scope, Sector, ServiceFormat,
    ServiceKind, SupportType, TargetGroup,
)
from build_tools.reading.models.eligibility_keys import AtecoOrAny, CompanyAgeOrAny, Purposes, Sizes, TerritoryOrAny
from build_tools.reading.models.services import Audience
from build_tools.reading.models.vocab import AidRegime, Selection

_THREE_STATES = "null = non indicato dal bando; \"any\" = nessun vincolo; altrimenti il vincolo"

#: Whole euros are written as integers (5000000), others as decimals (2500.5).
Number = Annotated[int | float, Field(ge=0, allow_inf_nan=False)]  # JSON has no NaN or Infinity
Instant = Annotated[datetime, Field(description="ISO 8601 con fuso orario (ora di Roma), es. 2027-02-26T17:00:00+01:00")]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class WindowRecord(Record):
    label: str | None = Field(None, title="Nome della finestra")
    opens: Instant | None = Field(None, title="Apertura")
    deadline: Instant = Field(title="Scadenza")


class CallRecord(Record):
    """One call as published, with the status derived at ``generated_at``."""

    slug: str = Field(title="Identificativo (slug)")
    url: str = Field(title="Scheda sul sito del Laboratorio")
    title: str = Field(title="Titolo")
    summary: str = Field(title="Sintesi")
    funder: str = Field(title="Ente finanziatore")
    managing_body: str | None = Field(None, title="Soggetto gestore")
    funding_source: FundingSource = Field(title="Fonte del finanziamento")
    funding_source_label: str = Field(title="Fonte del finanziamento (etichetta)")
    pnrr_mission: PnrrMission | None = Field(None, title="PNRR: missione")
    pnrr_mission_label: str | None = Field(None, title="PNRR: missione (etichetta)")
    pnrr_component: str | None = Field(None, title="PNRR: componente")
    pnrr_investment: str | None = Field(None, title="PNRR: investimento")
    support_types: list[SupportType] = Field(title="Tipo di agevolazione")
    beneficiaries: list[Beneficiary] = Field(title="Beneficiari")
    target_groups: list[TargetGroup] = Field(title="Destinatari prioritari")
    pathways: list[Pathway] = Field(title="Percorsi")
    scope: Scope = Field(title="Ambito territoriale")
    scope_label: str = Field(title="Ambito territoriale (etichetta)")
    area: str | None = Field(None, title="Area")
    opens: Instant | None = Field(None, title="Apertura (finestra attuale o prossima)")
    deadline: Instant | None = Field(None, title="Scadenza (finestra attuale o prossima, altrimenti l'ultima)",
                                     description="una scadenza senza ora vale fino alle 23:59:59 ora di Roma")
    deadline_has_time: bool | None = Field(None, title="La scadenza indica un orario",
                                           description="false: il bando indica solo il giorno")
    deadline_extended_from: Instant | None = Field(None, title="Scadenza precedente (proroga)")
    windows: list[WindowRecord] = Field(title="Finestre")
    rolling: bool = Field(title="A sportello")
    status: CallStatus = Field(title="Stato")
    status_label: str = Field(title="Stato (etichetta)")
    status_note: str | None = Field(None, title="Nota sullo stato")
    days_left: int | None = Field(None, ge=0, title="Giorni alla scadenza",
                                  description="giorni di calendario (ora di Roma) da generated_at alla scadenza; null se passata o assente")
    budget_total_eur: Number | None = Field(None, title="Dotazione complessiva (€)")
    min_grant_eur: Number | None = Field(None, title="Contributo minimo (€)")
    max_grant_eur: Number | None = Field(None, title="Contributo massimo (€)")
    funding_rate_pct: Number | None = Field(None, title="Intensità dell'aiuto (%)")
    sizes: Sizes | None = Field(None, title="Dimensioni d'impresa ammesse", description=_THREE_STATES)
    territory: TerritoryOrAny | None = Field(None, title="Territorio richiesto", description=_THREE_STATES)
    ateco: AtecoOrAny | None = Field(None, title="Attività economiche (ATECO)", description=_THREE_STATES)
    company_age: CompanyAgeOrAny | None = Field(None, title="Età dell'impresa", description=_THREE_STATES)
    aid_regime: AidRegime | None = Field(None, title="Regime di aiuto", description="null = non indicato dal bando")
    aid_regime_label: str | None = Field(None, title="Regime di aiuto (etichetta)")
    selection: Selection | None = Field(None, title="Modalità di selezione", description="null = non indicata dal bando")
    selection_label: str | None = Field(None, title="Modalità di selezione (etichetta)")
    purposes: Purposes | None = Field(None, title="Finalità", description=_THREE_STATES)
    official_url: str = Field(title="Pagina ufficiale del bando")
    calendar_url: str | None = Field(None, title="Calendario delle scadenze (.ics)",
                                     description="solo per i bandi non in archivio (con almeno una scadenza)")
    published: date = Field(title="Data di pubblicazione")
    updated: date | None = Field(None, title="Ultimo aggiornamento")
    verified: date | None = Field(None, title="Ultima verifica della fonte")
    tags: list[str] = Field(title="Etichette")


class StoryRecord(Record):
    slug: str = Field(title="Identificativo (slug)")
    url: str = Field(title="Pagina sul sito del Laboratorio")
    title: str = Field(title="Titolo")
    summary: str = Field(title="Sintesi")
    cooperative: str = Field(title="Cooperativa")
    cooperative_url: str | None = Field(None, title="Sito della cooperativa")
    sector: Sector = Field(title="Settore")
    sector_label: str = Field(title="Settore (etichetta)")
    regions: list[Region] = Field(title="Regioni")
    technologies: list[str] = Field(title="Tecnologie")
    pathway: Pathway | None = Field(None, title="Percorso")
    pathway_label: str | None = Field(None, title="Percorso (etichetta)")
    published: date = Field(title="Data di pubblicazione")
    source_name: str | None = Field(None, title="Fonte del racconto")
    source_url: str | None = Field(None, title="Link alla fonte")
    related_calls: list[str] = Field(title="Bandi collegati (slug)")
    tags: list[str] = Field(title="Etichette")


class EventRecord(Record):
    title: str = Field(title="Titolo")
    start: Instant = Field(title="Inizio")
    end: Instant | None = Field(None, title="Fine")
    location: str | None = Field(None, title="Luogo")
    online_url: str | None = Field(None, title="Link per partecipare online")
    registration_url: str | None = Field(None, title="Link per iscriversi")
    description: str | None = Field(None, title="Descrizione")
    upcoming: bool = Field(title="Ancora da svolgere a generated_at")


class ServiceRecord(Record):
    slug: str = Field(title="Identificativo (slug)")
    url: str = Field(title="Pagina sul sito del Laboratorio")
    title: str = Field(title="Titolo")
    summary: str = Field(title="Sintesi")
    kind: ServiceKind = Field(title="Tipo di servizio")
    kind_label: str = Field(title="Tipo di servizio (etichetta)")
    order: int = Field(title="Ordine")
    format: ServiceFormat | None = Field(None, title="Modalità")
    audience: list[Audience] = Field(title="A chi si rivolge")  # type: ignore[valid-type]
    how_to_access: str | None = Field(None, title="Come accedere")
    events: list[EventRecord] = Field(title="Eventi")


class Envelope(Record):
    """What every ``dati/*.json`` file holds around its items."""

    title: str = Field(title="Titolo del dataset")
    generated_at: datetime = Field(title="Istante a cui si riferiscono stati e giorni alla scadenza")
    source: str = Field(title="Sito di origine")
    schema_url: str = Field(title="JSON Schema di questo file")
    license: str = Field(title="Licenza (identificativo SPDX)")
    license_url: str = Field(title="Testo della licenza")
    demo: bool = Field(title="Contenuti dimostrativi (non reali)")
    count: int = Field(ge=0, title="Numero di elementi")


class CallsDocument(Envelope):
    """``dati/bandi.json``: every published call, current and archived."""

    items: list[CallRecord]


class StoriesDocument(Envelope):
    """``dati/storie.json``: every published story."""

    items: list[StoryRecord]


class ServicesDocument(Envelope):
    """``dati/servizi-eventi.json``: the five services and their events."""

    items: list[ServiceRecord]
