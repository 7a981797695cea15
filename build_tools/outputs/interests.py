"""Subscriptions by interest: a feed (RSS, Atom) and a calendar for each main facet value.

Who you are (beneficiaries, cooperatives first), pathway, funding source, territory. Their
public addresses are Italian and **permanent** (``feed/percorso/nuove-imprese.xml``,
``calendari/beneficiari/cooperative.ics``): the slugs are written out (in
:mod:`build_tools.deriving.facets`, shared with the static listings ``/bandi/per/cooperative/``), not derived from
labels, so that a new label never moves a subscription (``tests/test_public_paths.py`` pins
the list). Feeds and calendars are built from this table; listing pages ask
:func:`interest_links` for their autodiscovery links.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from build_tools.deriving.facets import BENEFICIARY_SLUGS, PATHWAY_SLUGS, SOURCE_SLUGS
from build_tools.reading.models import Call, LabeledEnum, Scope


@dataclass(frozen=True)
class InterestFacet:
    segment: str  # path segment: feed/<segment>/<slug>.xml
    listing_key: str  # the listing's filter key (``/bandi/?ambito=lazio``), see deriving.facets
    question: str  # what /iscriviti/ asks: "Chi sei"
    title: str  # feed title, with {label}
    slugs: dict[LabeledEnum, str]
    values: Callable[[Call], Iterable[LabeledEnum]]


@dataclass(frozen=True)
class Interest:
    """One facet value one can follow."""

    facet: InterestFacet
    value: LabeledEnum

    @property
    def slug(self) -> str:
        return self.facet.slugs[self.value]

    @property
    def label(self) -> str:
        return self.value.label

    @property
    def feed_id(self) -> str:
        return f"{self.facet.segment}/{self.slug}"

    @property
    def calendar_path(self) -> str:
        return f"calendari/{self.facet.segment}/{self.slug}.ics"

    @property
    def title(self) -> str:
        return self.facet.title.format(label=self.label)

    def matches(self, call: Call) -> bool:
        return self.value in self.facet.values(call)


FACETS: tuple[InterestFacet, ...] = (
    InterestFacet("beneficiari", "beneficiari", "Chi sei", "Bandi per: {label}", BENEFICIARY_SLUGS,
                  lambda c: c.beneficiaries),
    InterestFacet("percorso", "percorso", "Percorso", "Bandi per il percorso «{label}»", PATHWAY_SLUGS,
                  lambda c: c.pathways),
    InterestFacet("fonte", "fonte", "Fonte del finanziamento", "Bandi – fonte: {label}", SOURCE_SLUGS,
                  lambda c: [c.funding_source]),
    InterestFacet("territorio", "ambito", "Territorio", "Bandi – ambito: {label}", {
        Scope.LOCAL: "locale",
        Scope.LAZIO: "lazio",
        Scope.NATIONAL: "nazionale",
        Scope.EUROPEAN: "europeo",
        Scope.INTERNATIONAL: "internazionale",
    }, lambda c: [c.scope]),
)
FACETS_BY_SEGMENT = {f.segment: f for f in FACETS}

#: Every interest, facet by facet, values in vocabulary order (cooperatives first).
INTERESTS: tuple[Interest, ...] = tuple(Interest(f, v) for f in FACETS for v in type(next(iter(f.slugs))) if v in f.slugs)


def interest(segment: str, value: LabeledEnum | str) -> Interest:
    """The interest of a facet (path segment or listing key) and value (member or its value)."""
    facet = FACETS_BY_SEGMENT.get(segment) or next(f for f in FACETS if f.listing_key == segment)
    member = next(m for m in facet.slugs if m == value or m.value == value)
    return Interest(facet, member)


@dataclass(frozen=True)
class SubscriptionLink:
    """A feed or calendar of an interest, for a page's <head> and for /iscriviti/."""

    title: str  # "Bandi per: Cooperative (RSS)"
    path: str  # site-relative
    media_type: str  # application/rss+xml, application/atom+xml, text/calendar


def interest_links(segment: str, value: LabeledEnum | str) -> list[SubscriptionLink]:
    """RSS, Atom and calendar of one facet value: what its listing page announces (autodiscovery)."""
    item = interest(segment, value)
    return [SubscriptionLink(f"{item.title} (RSS)", f"feed/{item.feed_id}.xml", "application/rss+xml"),
            SubscriptionLink(f"{item.title} (Atom)", f"feed/{item.feed_id}.atom", "application/atom+xml"),
            SubscriptionLink(f"{item.title} (calendario)", item.calendar_path, "text/calendar")]
