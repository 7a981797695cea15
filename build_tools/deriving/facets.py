"""Facet filters of the listings: which values a call or story has, and how many items share each.

The keys are the URL parameters and ``data-*`` attributes that ``assets/lab.js`` reads
(``/bandi/?fonte=pnrr&beneficiari=cooperatives&dove=lazio``): change them and shared links break.
Call facets read a :class:`~build_tools.deriving.site.CallPage` (the status is derived);
story facets read a ``Story``.

"Dove operi" (``dove``) is not the call's scope: a call open from every region carries the
value ``*`` and matches whichever region is chosen (:mod:`build_tools.deriving.territory`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from build_tools.deriving.status import APPLYING
from build_tools.deriving.territory import EVERYWHERE, HOME_REGION, open_regions
from build_tools.reading.models import (
    Beneficiary, CallStatus, FundingSource, LabeledEnum, Pathway, Region, Sector, SupportType, TargetGroup,
)


@dataclass(frozen=True)
class Facet:
    """A filter of a listing: URL parameter / data attribute ``key``, its legend and values.

    ``everywhere`` (optional) says an item matches every value of the facet (a call open from
    every region); ``control`` is how the panel offers it: checkboxes, or a ``select`` when one
    answer is expected and the values are many (the regions).
    """

    key: str
    legend: str
    vocabulary: type[LabeledEnum]
    values: Callable[[Any], Iterable[LabeledEnum]]
    everywhere: Callable[[Any], bool] | None = None
    control: str = "checkbox"
    order: tuple[LabeledEnum, ...] = ()  # values shown first (the Laboratorio's region)
    segment: str = ""  # path of its static listings: /bandi/<segment>/<slug>/ ("" = none)
    slugs: dict[LabeledEnum, str] | None = None  # Italian, permanent; None = the values themselves

    def data(self, item: Any) -> str:
        if self.everywhere is not None and self.everywhere(item):
            return EVERYWHERE
        return " ".join(v.value for v in self.values(item))

    def slug(self, value: LabeledEnum) -> str:
        return self.slugs[value] if self.slugs else value.value

    def members(self) -> list[LabeledEnum]:
        return [*self.order, *(m for m in self.vocabulary if m not in self.order)]


def _regions(page: Any) -> Iterable[Region]:
    """In vocabulary order: a set's order changes from one process to the next, a build must not."""
    regions = open_regions(page.call) or frozenset()
    return [r for r in Region if r in regions]


#: Italian slugs of the static listings (``/bandi/per/cooperative/``), the same words as the
#: per-interest feeds and calendars (``feed/beneficiari/cooperative.xml``): never change one.
BENEFICIARY_SLUGS: dict[LabeledEnum, str] = {
    Beneficiary.COOPERATIVES: "cooperative", Beneficiary.SOCIAL_COOPERATIVES: "cooperative-sociali",
    Beneficiary.SOCIAL_ENTERPRISES: "imprese-sociali", Beneficiary.SME: "pmi",
    Beneficiary.LARGE_ENTERPRISES: "grandi-imprese", Beneficiary.STARTUPS: "start-up",
    Beneficiary.SPIN_OFFS: "spin-off", Beneficiary.ENTERPRISE_NETWORKS: "reti-di-imprese",
    Beneficiary.PUBLIC_PRIVATE_PARTNERSHIPS: "partenariati-pubblico-privati",
    Beneficiary.THIRD_SECTOR: "terzo-settore", Beneficiary.UNIVERSITIES_RESEARCH: "universita-e-ricerca",
    Beneficiary.PUBLIC_BODIES: "enti-pubblici", Beneficiary.INDIVIDUALS: "persone-fisiche",
}
PATHWAY_SLUGS: dict[LabeledEnum, str] = {Pathway.EXISTING_BUSINESS: "imprese-esistenti",
                                         Pathway.NEW_BUSINESS: "nuove-imprese"}
SOURCE_SLUGS: dict[LabeledEnum, str] = {
    FundingSource.PNRR: "pnrr", FundingSource.EU_DIRECT: "fondi-europei-diretti",
    FundingSource.EU_STRUCTURAL: "fondi-strutturali-europei", FundingSource.NATIONAL: "nazionali",
    FundingSource.REGIONAL: "regionali", FundingSource.PRIVATE: "privati", FundingSource.OTHER: "altre-fonti",
}
STATUS_SLUGS: dict[LabeledEnum, str] = {
    CallStatus.OPEN: "aperti", CallStatus.CLOSING_SOON: "in-scadenza", CallStatus.ROLLING: "a-sportello",
    CallStatus.FORTHCOMING: "in-apertura", CallStatus.SUSPENDED: "sospesi",
    CallStatus.FUNDS_EXHAUSTED: "fondi-esauriti", CallStatus.CANCELLED: "annullati", CallStatus.CLOSED: "chiusi",
}



class StatusGroup(LabeledEnum):
    """Status listings and their feeds (``/bandi/stato/aperti/``, ``feed/stato/aperti.xml``): slug, title."""

    OPEN_NOW = "aperti", "Bandi aperti ora"
    CLOSING_SOON = "in-scadenza", "Bandi in scadenza"
    FORTHCOMING = "in-apertura", "Bandi in apertura"
    ROLLING = "a-sportello", "Bandi a sportello"
    SUSPENDED = "sospesi", "Bandi sospesi"
    FUNDS_EXHAUSTED = "fondi-esauriti", "Bandi con fondi esauriti"


#: Each group's statuses and the same view in the explorer. "aperti": every status in which one can apply now.
STATUS_GROUPS: dict[StatusGroup, tuple[frozenset[CallStatus], str]] = {
    StatusGroup.OPEN_NOW: (APPLYING, "quando=aperti"),
    StatusGroup.CLOSING_SOON: (frozenset({CallStatus.CLOSING_SOON}), "stato=closing_soon"),
    StatusGroup.FORTHCOMING: (frozenset({CallStatus.FORTHCOMING}), "quando=in-apertura"),
    StatusGroup.ROLLING: (frozenset({CallStatus.ROLLING}), "stato=rolling"),
    StatusGroup.SUSPENDED: (frozenset({CallStatus.SUSPENDED}), "stato=suspended"),
    StatusGroup.FUNDS_EXHAUSTED: (frozenset({CallStatus.FUNDS_EXHAUSTED}), "stato=funds_exhausted"),
}


def status_groups(page: Any) -> list[StatusGroup]:
    """The status groups a call is in now (an open call closing soon is in two)."""
    return [group for group, (statuses, _) in STATUS_GROUPS.items() if page.timing.status in statuses]


CALL_FACETS = (
    Facet("dove", "Dove operi", Region, _regions, everywhere=lambda p: open_regions(p.call) is None,
          control="select", order=(HOME_REGION,), segment="dove"),
    Facet("beneficiari", "Chi può partecipare", Beneficiary, lambda p: p.call.beneficiaries,
          segment="per", slugs=BENEFICIARY_SLUGS),
    Facet("percorso", "Percorso", Pathway, lambda p: p.call.pathways, segment="percorso", slugs=PATHWAY_SLUGS),
    Facet("stato", "Stato", CallStatus, lambda p: [p.timing.status], segment="stato", slugs=STATUS_SLUGS),
    Facet("fonte", "Fonte del finanziamento", FundingSource, lambda p: [p.call.funding_source],
          segment="fonte", slugs=SOURCE_SLUGS),
    Facet("agevolazione", "Tipo di agevolazione", SupportType, lambda p: p.call.support_types),
    Facet("destinatari", "Destinatari prioritari", TargetGroup, lambda p: p.call.target_groups),
)
STORY_FACETS = (
    Facet("settore", "Settore", Sector, lambda s: [s.sector]),
    Facet("regione", "Regione", Region, lambda s: s.regions),
)


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class FacetView:
    key: str
    legend: str
    options: list[Option]
    control: str = "checkbox"


def facet_views(facets: Iterable[Facet], items: list[Any]) -> list[FacetView]:
    """Each facet with its values and counts, in vocabulary order.

    A checkbox facet lists the values that occur in ``items``; a ``select`` facet (regions)
    lists every value, since a visitor from anywhere must find their region.
    """
    out = []
    for facet in facets:
        counts = Counter(v for item in items for v in set(facet.values(item)))
        if facet.everywhere is not None:
            anywhere = sum(1 for item in items if facet.everywhere(item))
            counts = Counter({m: counts[m] + anywhere for m in facet.vocabulary})
        shown = facet.members() if facet.control == "select" else [m for m in facet.members() if counts[m]]
        options = [Option(m.value, m.label, counts[m]) for m in shown]
        if options and any(o.count for o in options):
            out.append(FacetView(facet.key, facet.legend, options, facet.control))
    return out


def facet_data(facets: Iterable[Facet], item: Any) -> dict[str, str]:
    """``data-*`` attributes of a card: facet key → space-separated values (``*`` = every value)."""
    return {f"data-{f.key}": f.data(item) for f in facets}
