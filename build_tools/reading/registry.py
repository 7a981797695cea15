"""The three collections, declared once: folder, model, public URL and Italian names."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from build_tools.reading.models import Call, Service, Story


@dataclass(frozen=True)
class Collection:
    name: str
    model: type[BaseModel]
    url_prefix: str
    label: str
    singular: str

    @property
    def folder(self) -> str:
        return self.name

    def url(self, slug: str) -> str:
        """Site-relative URL of an item, e.g. ``bandi/slug/``."""
        return f"{self.url_prefix}/{slug}/"


CALLS = Collection("calls", Call, "bandi", "Bandi e finanziamenti", "bando")
STORIES = Collection("stories", Story, "storie", "Idee innovative cooperative", "storia")
SERVICES = Collection("services", Service, "servizi", "Servizi del Laboratorio", "servizio")

COLLECTIONS: tuple[Collection, ...] = (CALLS, STORIES, SERVICES)
BY_NAME = {c.name: c for c in COLLECTIONS}
