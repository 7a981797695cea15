"""Static listings of the current calls by facet value: ``/bandi/per/cooperative/`` and the like.

They work without JavaScript (the explorer on ``/bandi/`` needs it), are linked from its filter
panel and from the home page, and each announces its own feed and calendar (RSS, Atom, .ics).
One page per value that has at least one current call: who can apply, pathway, funding source,
status, and "Dove operi" (the Laboratorio's region, the regions some call is reserved to, and
``tutta-italia`` for calls open from every region). Items are compact lines: a listing of
thousands of calls stays light.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from build_tools.deriving.facets import CALL_FACETS, STATUS_GROUPS, Facet
from build_tools.deriving.site import CallPage, Site
from build_tools.deriving.status import APPLYING, OVERRIDDEN
from build_tools.deriving.territory import HOME_REGION, in_region, open_regions, open_to_region
from build_tools.outputs.interests import interest_links
from build_tools.reading.models import CallStatus, LabeledEnum, Pathway, Region

#: /bandi/dove/<slug>/ of the calls open from every region (a visitor from a region with no page of its own).
EVERYWHERE_SLUG = "tutta-italia"
_PATHWAY_TITLES = {Pathway.NEW_BUSINESS: "Bandi per nuove imprese (spin-off e start-up)",
                   Pathway.EXISTING_BUSINESS: "Bandi per imprese esistenti, reti e partenariati"}
#: Status listings: (slug, title, statuses, explorer query), from the groups their feeds share.
STATUS_LISTINGS: tuple[tuple[str, str, frozenset[CallStatus], str], ...] = tuple(
    (group.value, group.label, statuses, query) for group, (statuses, query) in STATUS_GROUPS.items())
#: Sections of a listing page, in this order: (anchor, heading, statuses).
GROUPS: tuple[tuple[str, str, frozenset[CallStatus]], ...] = (
    ("aperti", "Aperti ora", APPLYING),
    ("in-apertura", "In apertura", frozenset({CallStatus.FORTHCOMING})),
    ("sospesi", "Sospesi o a fondi esauriti", OVERRIDDEN),
)


def lower_label(label: str) -> str:
    """"Cooperative" → "cooperative"; acronyms stay ("PMI")."""
    return label if label[1:2].isupper() else label[:1].lower() + label[1:]


@dataclass
class Listing:
    """One static listing page."""

    facet: str  # facet key: beneficiari, percorso, fonte, stato, dove
    value: str  # the facet value (``cooperatives``), or a group (``aperti``, ``*``)
    slug: str  # Italian, in the URL
    title: str
    lead: str
    calls: list[CallPage] = field(default_factory=list)
    query: str = ""  # the same view in the explorer: ``beneficiari=cooperatives``

    @property
    def source(self) -> str:
        return f"bandi/{SEGMENTS[self.facet]}/{self.slug}.md"

    @property
    def url(self) -> str:
        return self.source[:-3] + "/"

    @property
    def description(self) -> str:
        return f"{self.title}: {self.lead}"

    def groups(self) -> list[tuple[str, str, list[CallPage]]]:
        """(anchor, heading, calls) of each non-empty section; a status listing has one section."""
        if self.facet == "stato":
            return [("bandi", self.title, self.calls)]
        found = [(anchor, heading, [c for c in self.calls if c.timing.status in statuses])
                 for anchor, heading, statuses in GROUPS]
        return [g for g in found if g[2]]


SEGMENTS = {f.key: f.segment for f in CALL_FACETS if f.segment}
_LEAD = "i bandi correnti, i più vicini alla scadenza per primi; i bandi chiusi sono nell'archivio."


def _facet(key: str) -> Facet:
    return next(f for f in CALL_FACETS if f.key == key)


def _by_value(site: Site, key: str, title: Callable[[LabeledEnum], str]) -> list[Listing]:
    facet = _facet(key)
    out = []
    for member in facet.members():
        calls = [p for p in site.current_calls if member in facet.values(p)]
        if calls:
            out.append(Listing(key, member.value, facet.slug(member), title(member), _LEAD, calls,
                               f"{key}={member.value}"))
    return out


def _by_region(site: Site) -> list[Listing]:
    reserved = {r for p in site.current_calls for r in (open_regions(p.call) or ())}
    out = []
    for region in [HOME_REGION, *(r for r in Region if r in reserved and r is not HOME_REGION)]:
        calls = [p for p in site.current_calls if open_to_region(p.call, region)]
        lead = (f"i bandi a cui può partecipare chi opera {in_region(region)}: quelli della regione e dei suoi "
                "territori, più i nazionali, gli europei e gli internazionali aperti a tutta Italia.")
        out.append(Listing("dove", region.value, region.value, f"Bandi per chi opera {in_region(region)}", lead, calls,
                           f"dove={region.value}"))
    everywhere = [p for p in site.current_calls if open_regions(p.call) is None]
    if everywhere:
        out.append(Listing("dove", "*", EVERYWHERE_SLUG, "Bandi aperti da tutta Italia",
                           "i bandi nazionali, europei e internazionali senza limiti di regione.", everywhere))
    return out


def _by_status(site: Site) -> list[Listing]:
    out = []
    for slug, title, statuses, query in STATUS_LISTINGS:
        calls = [p for p in site.current_calls if p.timing.status in statuses]
        if calls:
            out.append(Listing("stato", slug, slug, title, _LEAD, calls, query))
    return out


def build_listings(site: Site) -> list[Listing]:
    """Every static listing with at least one call, in the order the filter panel shows them."""
    return [
        *_by_region(site),
        *_by_value(site, "beneficiari", lambda m: f"Bandi per {lower_label(m.label)}"),
        *_by_value(site, "percorso", lambda m: _PATHWAY_TITLES[m]),  # type: ignore[index]
        *_by_status(site),
        *_by_value(site, "fonte", lambda m: f"Bandi – fonte: {m.label}"),
    ]


def subscriptions(listing: Listing) -> list[tuple[str, str, str]]:
    """(label, path, media type) of the listing's own feed and calendar (:mod:`build_tools.outputs.interests`):
    they select the calls the page lists by the same rule ("Dove operi" for a region)."""
    kinds = ("RSS", "Atom", "Calendario")
    return [(kind, link.path, link.media_type)
            for kind, link in zip(kinds, interest_links(listing.facet, listing.value), strict=True)]


def listing_index(listings: list[Listing]) -> dict[tuple[str, str], Listing]:
    """(facet key, value) → listing: how the panel and the home page find a page's URL."""
    return {(item.facet, item.value): item for item in listings}


def browse_sections(listings: list[Listing]) -> list[tuple[str, list[Listing]]]:
    """(heading, listings) for the panel's "Elenchi pronti", facet by facet."""
    headings = {"dove": "Dove operi", "beneficiari": "Chi può partecipare", "percorso": "Percorso",
                "stato": "Stato", "fonte": "Fonte del finanziamento"}
    return [(heading, [item for item in listings if item.facet == key]) for key, heading in headings.items()
            if any(item.facet == key for item in listings)]
