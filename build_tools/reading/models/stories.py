"""Stories (idee innovative cooperative): `content/stories/<slug>.md`, contract §3."""

from __future__ import annotations

from pydantic import Field

from build_tools.reading.models.common import Day, Problem, Slug, Source, StrictModel, Summary, Tag, Text, Title, Url
from build_tools.reading.models.vocab import Pathway, Region, Sector


class Story(StrictModel):
    """A cooperative transformed by digital."""

    title: Title = Field(title="Titolo")
    summary: Summary = Field(title="Sintesi")
    cooperative: Text = Field(title="Cooperativa")
    cooperative_url: Url | None = Field(None, title="Sito della cooperativa")
    sector: Sector = Field(title="Settore")
    regions: list[Region] = Field(min_length=1, title="Regioni")
    technologies: list[Tag] = Field(default_factory=list, title="Tecnologie")
    pathway: Pathway | None = Field(None, title="Percorso")
    published: Day = Field(title="Data di pubblicazione")
    source: Source | None = Field(None, title="Fonte")
    image: Text | None = Field(None, title="Immagine", description="percorso di un file nel repository")
    image_alt: Text | None = Field(None, title="Testo alternativo dell'immagine")
    related_calls: list[Slug] = Field(default_factory=list, title="Bandi collegati")
    tags: list[Tag] = Field(default_factory=list, title="Etichette")
    draft: bool = Field(False, title="Bozza")

    def problems(self) -> list[Problem]:
        out: list[Problem] = []
        if self.image and not self.image_alt:
            out.append(Problem(loc=("image",), code="image_alt_missing",
                               message="con `image` serve `image_alt`: descrivi l'immagine per chi non la vede"))
        return out
