"""Subscriptions by interest: a feed (RSS, Atom) and a calendar for each main facet value.

Who you are (beneficiaries, cooperatives first), pathway, funding source, "Dove operi" (each
region, and the calls open from all of Italy), the call's own scope, and status. Their public
addresses are Italian and **permanent** (``feed/percorso/nuove-imprese.xml``,
``calendari/beneficiari/cooperative.ics``): the slugs are written out (in
:mod:`build_tools.deriving.facets`, shared with the static listings ``/bandi/per/cooperative/``), not derived from
labels, so that a new label never moves a subscription (``tests/test_public_paths.py`` pins
the list). Feeds and calendars are built from this table; each static listing asks
:func:`interest_links` for its own feed and calendar, which hold the calls the page lists.

``feed/territorio/<regione>.xml`` follows "Dove operi" (:mod:`build_tools.deriving.territory`,
the explorer's and the finder's rule): the calls one can apply to from that region, national,
European and international ones included. ``feed/territorio/{locale,nazionale,europeo,
internazionale}.xml`` keep following the call's own scope ("ambito"), as their titles say.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from build_tools.deriving.facets import BENEFICIARY_SLUGS, PATHWAY_SLUGS, SOURCE_SLUGS, StatusGroup, status_groups
from build_tools.deriving.site import CallPage
from build_tools.deriving.territory import HOME_REGION, Reach, dove_members, in_region
from build_tools.reading.models import LabeledEnum, Region, Scope

#: Feeds and calendars of "Dove operi": every region (the Laboratorio's first), then all of Italy.
DOVE_SLUGS: dict[LabeledEnum, str] = {HOME_REGION: HOME_REGION.value,
                                      **{r: r.value for r in Region if r is not HOME_REGION},
                                      Reach.ALL_ITALY: "tutta-italia"}
SCOPE_SLUGS: dict[LabeledEnum, str] = {Scope.LOCAL: "locale", Scope.NATIONAL: "nazionale",
                                       Scope.EUROPEAN: "europeo", Scope.INTERNATIONAL: "internazionale"}
_OPEN_ONES = ("quelli della regione e dei suoi territori, più i nazionali, gli europei e gli internazionali "
              "aperti a tutta Italia")


def _default_title(value: LabeledEnum) -> str:
    return value.label


@dataclass(frozen=True)
class InterestFacet:
    segment: str  # path segment: feed/<segment>/<slug>.xml
    listing_key: str  # the listing's facet key (``/bandi/?dove=lazio``, ``/bandi/dove/lazio/``), see deriving.facets
    question: str  # what /iscriviti/ asks: "Chi sei"
    title: Callable[[LabeledEnum], str]  # feed title: "Bandi per: Cooperative"
    about: Callable[[LabeledEnum], str]  # completes "i bandi …": "per «Cooperative» (chi sei)"
    slugs: dict[LabeledEnum, str]  # in the order /iscriviti/ lists them
    values: Callable[[CallPage], Iterable[LabeledEnum]]
    only_current: bool = True  # "aperti o in arrivo" (False for status groups: the group says it)


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
        return self.facet.title(self.value)

    @property
    def feed_description(self) -> str:
        when = " aperti o in arrivo" if self.facet.only_current else ""
        return f"Solo i bandi{when} {self.facet.about(self.value)}, nuovi e aggiornati."

    @property
    def calendar_description(self) -> str:
        return f"Le scadenze dei bandi {self.facet.about(self.value)}. Si aggiorna ogni giorno."

    def matches(self, page: CallPage) -> bool:
        return self.value in self.facet.values(page)


def _who(question: str) -> Callable[[LabeledEnum], str]:
    return lambda v: f"per «{v.label}» ({question.lower()})"


def _dove_title(value: LabeledEnum) -> str:
    if value is Reach.ALL_ITALY:
        return "Bandi aperti da tutta Italia"
    return f"Bandi per chi opera {in_region(value)}"  # type: ignore[arg-type]


def _dove_about(value: LabeledEnum) -> str:
    if value is Reach.ALL_ITALY:
        return "a cui si partecipa da ogni regione: nazionali, europei e internazionali senza limiti di regione"
    return f"a cui può partecipare chi opera {in_region(value)} ({_OPEN_ONES})"  # type: ignore[arg-type]


FACETS: tuple[InterestFacet, ...] = (
    InterestFacet("beneficiari", "beneficiari", "Chi sei", lambda v: f"Bandi per: {v.label}", _who("Chi sei"),
                  BENEFICIARY_SLUGS, lambda p: p.call.beneficiaries),
    InterestFacet("percorso", "percorso", "Percorso", lambda v: f"Bandi per il percorso «{v.label}»",
                  _who("Percorso"), PATHWAY_SLUGS, lambda p: p.call.pathways),
    InterestFacet("fonte", "fonte", "Fonte del finanziamento", lambda v: f"Bandi – fonte: {v.label}",
                  _who("Fonte del finanziamento"), SOURCE_SLUGS, lambda p: [p.call.funding_source]),
    InterestFacet("territorio", "dove", "Dove operi", _dove_title, _dove_about, DOVE_SLUGS,
                  lambda p: dove_members(p.call)),
    InterestFacet("territorio", "ambito", "Ambito del bando", lambda v: f"Bandi di ambito {v.label.lower()}",
                  lambda v: f"di ambito {v.label.lower()}, come lo dichiara il bando (per i bandi a cui puoi "
                            "partecipare dalla tua regione, segui quelli di «Dove operi»)",
                  SCOPE_SLUGS, lambda p: [p.call.scope]),
    InterestFacet("stato", "stato", "Stato", _default_title,
                  lambda v: v.label.removeprefix("Bandi "),
                  {g: g.value for g in StatusGroup}, status_groups, only_current=False),
)

#: Every interest, facet by facet, values in the order of each facet's table (cooperatives first).
INTERESTS: tuple[Interest, ...] = tuple(Interest(f, v) for f in FACETS for v in f.slugs)


def interest(key: str, value: LabeledEnum | str) -> Interest:
    """The interest of a facet (listing key, or path segment) and value (member or its value)."""
    for facet in sorted(FACETS, key=lambda f: f.listing_key != key):  # a listing key before a segment
        if key in (facet.listing_key, facet.segment):
            member = next((m for m in facet.slugs if m is value or m.value == value), None)
            if member is not None:
                return Interest(facet, member)
    raise KeyError(f"no feed for {key}={value}")


@dataclass(frozen=True)
class SubscriptionLink:
    """A feed or calendar of an interest, for a page's <head> and for /iscriviti/."""

    title: str  # "Bandi per: Cooperative (RSS)"
    path: str  # site-relative
    media_type: str  # application/rss+xml, application/atom+xml, text/calendar


def interest_links(key: str, value: LabeledEnum | str) -> list[SubscriptionLink]:
    """RSS, Atom and calendar of one facet value: what its listing page announces (autodiscovery)."""
    item = interest(key, value)
    return [SubscriptionLink(f"{item.title} (RSS)", f"feed/{item.feed_id}.xml", "application/rss+xml"),
            SubscriptionLink(f"{item.title} (Atom)", f"feed/{item.feed_id}.atom", "application/atom+xml"),
            SubscriptionLink(f"{item.title} (calendario)", item.calendar_path, "text/calendar")]
