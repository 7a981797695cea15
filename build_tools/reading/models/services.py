"""Services (i cinque servizi del Laboratorio): `content/services/<slug>.md`, contract §4."""

from __future__ import annotations

from pydantic import Field

from build_tools.reading.models.common import Contact, Instant, Name, Problem, StrictModel, Summary, Text, Title, Url, dst_note
from build_tools.reading.models.vocab import Beneficiary, LabeledEnum, Pathway, ServiceFormat, ServiceKind

#: `audience` takes pathway and beneficiary values alike.
Audience = LabeledEnum(  # type: ignore[call-overload]
    "Audience", [(m.name, (m.value, m.label)) for m in [*Pathway, *Beneficiary]]
)


class Event(StrictModel):
    """A dated activity of a service (seminar, webinar, open day...)."""

    title: Title = Field(title="Titolo dell'evento")
    start: Instant = Field(title="Inizio", description="con l'ora, per esempio `2027-01-20T15:00`")
    end: Instant | None = Field(None, title="Fine", description='dopo `start`')
    location: Name | None = Field(None, title="Luogo")
    online_url: Url | None = Field(None, title="Link per partecipare online")
    registration_url: Url | None = Field(None, title="Link per iscriversi")
    description: Text | None = Field(None, title="Descrizione")


class Service(StrictModel):
    """One of the five services."""

    title: Title = Field(title="Titolo")
    summary: Summary = Field(title="Sintesi")
    kind: ServiceKind = Field(title="Tipo di servizio", description='ogni tipo compare in un solo file: i servizi sono esattamente cinque')
    order: int = Field(title="Ordine", description="posizione nei menu e in home page")
    audience: list[Audience] = Field(default_factory=list, title="A chi si rivolge",  # type: ignore[valid-type]
                                     description="percorsi e tipi di impresa a cui il servizio si rivolge")
    format: ServiceFormat | None = Field(None, title="Modalità", description='come si svolge il servizio')
    how_to_access: Text | None = Field(None, title="Come accedere", description='come chiedere il servizio, in una o due frasi')
    contact: Contact | None = Field(None, title="Contatti")
    events: list[Event] = Field(default_factory=list, title="Eventi", description='seminari, webinar, incontri: vedi la tabella «Eventi»')

    def problems(self) -> list[Problem]:
        out: list[Problem] = []
        for i, event in enumerate(self.events):
            if event.end is not None and event.end <= event.start:
                out.append(Problem(loc=("events", i, "end"), code="event_end_before_start",
                                   message=f"evento {i + 1}: la fine (`end`) deve essere dopo l'inizio (`start`)"))
            for key in ("start", "end"):
                note = dst_note(getattr(event, key))
                if note:
                    out.append(Problem(loc=("events", i, key), code="dst_ambiguous", message=note, warning=True))
        return out
