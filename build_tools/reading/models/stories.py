"""Stories (idee innovative cooperative): `content/stories/<slug>.md`, contract §3."""

from __future__ import annotations

from pydantic import Field

from build_tools.reading.models.common import Day, Name, Problem, Slug, Source, StrictModel, Summary, Tag, Text, Title, Url
from build_tools.reading.models.vocab import Pathway, Region, Sector


class Story(StrictModel):
    """A cooperative transformed by digital."""

    title: Title = Field(title="Titolo")
    summary: Summary = Field(title="Sintesi")
    cooperative: Name = Field(title="Cooperativa", description='il nome della cooperativa protagonista')
    cooperative_url: Url | None = Field(None, title="Sito della cooperativa", description='il sito della cooperativa')
    sector: Sector = Field(title="Settore", description='il settore in cui lavora la cooperativa')
    regions: list[Region] = Field(min_length=1, title="Regioni", description='dove lavora la cooperativa')
    technologies: list[Tag] = Field(default_factory=list, title="Tecnologie", description='per esempio `ai`, `cloud`, `e-commerce`')
    pathway: Pathway | None = Field(None, title="Percorso", description='il percorso del Laboratorio a cui la storia si collega')
    published: Day = Field(title="Data di pubblicazione", description='la data in cui la storia va online; una data futura programma la pubblicazione')
    source: Source | None = Field(None, title="Fonte", description='chi ha raccontato la storia (per esempio una fondazione o una rivista)')
    image: Text | None = Field(None, title="Immagine", description="un file JPEG, PNG, WebP o AVIF in `content/images/`, per esempio `content/images/nome.jpg`")
    image_alt: Name | None = Field(None, title="Testo alternativo dell'immagine", description="descrive l'immagine a chi non la vede", json_schema_extra={'required_when': 'con `image`'})
    related_calls: list[Slug] = Field(default_factory=list, title="Bandi collegati", description='nomi dei file (senza `.md`) in `content/calls/`')
    tags: list[Tag] = Field(default_factory=list, title="Etichette")
    draft: bool = Field(False, title="Bozza", description='`true`: il file viene controllato ma non pubblicato')

    def problems(self) -> list[Problem]:
        out: list[Problem] = []
        if self.image and not self.image_alt:
            out.append(Problem(loc=("image",), code="image_alt_missing",
                               message="con `image` serve `image_alt`: descrivi l'immagine per chi non la vede"))
        return out
