"""Facet filters of the listings: which values a call or story has, and how many items share each.

The keys are the URL parameters and ``data-*`` attributes that ``assets/lab.js`` reads
(``/bandi/?fonte=pnrr&beneficiari=cooperatives``): change them and shared links break.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from build_tools.reading.models import Beneficiary, FundingSource, LabeledEnum, Pathway, Region, Scope, Sector, SupportType, TargetGroup


@dataclass(frozen=True)
class Facet:
    """A filter of a listing: URL parameter / data attribute ``key``, its legend and values."""

    key: str
    legend: str
    vocabulary: type[LabeledEnum]
    values: Callable[[Any], Iterable[LabeledEnum]]


CALL_FACETS = (
    Facet("fonte", "Fonte del finanziamento", FundingSource, lambda c: [c.funding_source]),
    Facet("beneficiari", "Chi può partecipare", Beneficiary, lambda c: c.beneficiaries),
    Facet("percorso", "Percorso", Pathway, lambda c: c.pathways),
    Facet("destinatari", "Destinatari prioritari", TargetGroup, lambda c: c.target_groups),
    Facet("agevolazione", "Tipo di agevolazione", SupportType, lambda c: c.support_types),
    Facet("ambito", "Ambito territoriale", Scope, lambda c: [c.scope]),
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


def facet_views(facets: Iterable[Facet], items: list[Any]) -> list[FacetView]:
    """Each facet with the values that occur in ``items``, in vocabulary order, with counts."""
    out = []
    for facet in facets:
        counts = Counter(v for item in items for v in set(facet.values(item)))
        options = [Option(m.value, m.label, counts[m]) for m in facet.vocabulary if counts[m]]
        if options:
            out.append(FacetView(facet.key, facet.legend, options))
    return out


def facet_data(facets: Iterable[Facet], item: Any) -> dict[str, str]:
    """``data-*`` attributes of a card: facet key → space-separated values."""
    return {f"data-{f.key}": " ".join(v.value for v in f.values(item)) for f in facets}
