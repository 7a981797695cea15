"""Where one can apply from: the "Dove operi" meaning of a call's territory, defined once.

A visitor who picks a region wants every call they may apply to from there: that region's
own calls and its local ones, plus national, European and international calls. The
explorer (``data-dove`` on each card, read by ``assets/lab.js``), the static listing pages,
the finder (its data carries each call's ``dove``, so the browser never restates the rule) and
the feeds all ask this module, so "Lazio" means the same everywhere.

Rules, in order:

1. ``territory: any`` → open from everywhere;
2. ``territory`` naming regions, provinces or municipalities → the regions they lie in
   (a national call reserved to six southern regions is *not* open from Lazio);
3. ``scope`` national, european or international → open from everywhere in Italy;
4. ``scope: lazio``, and ``scope: local`` with no stated place → Lazio, the Laboratorio's
   region (its local calls are Lazio's: Roma Capitale, a province, a municipality).
"""

from __future__ import annotations

from typing import Any

from build_tools.reading.models import Call, LabeledEnum, Region, Scope

#: The Laboratorio's region: a call with ``scope: local`` and no stated place is here.
HOME_REGION = Region.LAZIO
#: Scopes open to applicants from every Italian region (unless ``territory`` says otherwise).
OPEN_SCOPES = frozenset({Scope.NATIONAL, Scope.EUROPEAN, Scope.INTERNATIONAL})
#: ``data-dove`` value of a call open from everywhere (``assets/lab.js`` reads it as "any region").
EVERYWHERE = "*"
#: "nel Lazio", "nelle Marche", "in Toscana": the preposition each region takes.
_IN_REGION = {Region.LAZIO: "nel Lazio", Region.MARCHE: "nelle Marche"}


class Reach(LabeledEnum):
    """"Dove operi" beyond a single region: the calls open from every region (``tutta-italia``)."""

    ALL_ITALY = EVERYWHERE, "Tutta Italia"


def _part(territory: Any, key: str) -> list[str]:
    """A list of a ``territory`` block: the model's attribute or, in plain data, the JSON key."""
    value = territory.get(key) if isinstance(territory, dict) else getattr(territory, key, None)
    return list(value or [])


def _stated_regions(territory: Any) -> frozenset[Region] | None:
    """Regions named by a ``territory`` block (directly or through provinces and municipalities)."""
    if territory is None or territory == "any":
        return None
    found = {Region(r) for r in _part(territory, "regions")}
    provinces, towns = _part(territory, "provinces"), _part(territory, "municipalities")
    if provinces or towns:
        from build_tools.reading.models.places import PROVINCE_REGION, municipality_province

        sigle = [*provinces, *(municipality_province(code) for code in towns)]
        found |= {Region(PROVINCE_REGION[s]) for s in sigle if s in PROVINCE_REGION}
    return frozenset(found) or None


def regions_open(scope: Scope | str, territory: Any) -> frozenset[Region] | None:
    """The rule on a call's ``scope`` and ``territory``, as models or as the open data's JSON."""
    if territory == "any":
        return None
    stated = _stated_regions(territory)
    if stated:
        return stated
    if Scope(scope) in OPEN_SCOPES:
        return None
    return frozenset({HOME_REGION})


def open_regions(call: Call) -> frozenset[Region] | None:
    """The regions one can apply from; ``None`` means every region (no territorial limit in Italy)."""
    return regions_open(call.scope, call.territory)


def open_to_region(call: Call, region: Region | str) -> bool:
    """Can someone who operates in ``region`` apply to ``call``? (the "Dove operi" filter)."""
    regions = open_regions(call)
    return regions is None or Region(region) in regions


def dove_slugs(regions: frozenset[Region] | None) -> str | list[str]:
    """``*`` (from everywhere) or the regions' slugs in vocabulary order: the finder's ``dove``."""
    if regions is None:
        return EVERYWHERE
    return [r.value for r in Region if r in regions]


def dove_value(call: Call) -> str:
    """The ``data-dove`` attribute: ``*`` (from everywhere) or the regions' slugs."""
    slugs = dove_slugs(open_regions(call))
    return slugs if isinstance(slugs, str) else " ".join(slugs)


def dove_members(call: Call) -> list[Region | Reach]:
    """The "Dove operi" values a call belongs to: its regions, or every region and ``ALL_ITALY``."""
    regions = open_regions(call)
    if regions is None:
        return [*Region, Reach.ALL_ITALY]
    return [r for r in Region if r in regions]


def in_region(region: Region) -> str:
    """"nel Lazio", "nelle Marche", "in Toscana": where one operates, in words."""
    return _IN_REGION.get(region, f"in {region.label}")


def territory_words(call: Call) -> str:
    """Where one can apply from, in words for a card: "Tutta Italia", "Lazio", "Roma Capitale"."""
    regions = open_regions(call)
    if regions is None:
        if call.scope is Scope.EUROPEAN:
            return "Tutta Italia (bando europeo)"
        if call.scope is Scope.INTERNATIONAL:
            return "Tutta Italia (bando internazionale)"
        return "Tutta Italia"
    names = ", ".join(r.label for r in Region if r in regions)
    if call.scope is Scope.LOCAL:
        return f"{names}, area locale"
    return names


def territory_detail(call: Call) -> str:
    """The sheet's "Territorio" row: the words above, then the call's own ``area`` when it adds to them."""
    words = territory_words(call)
    area = (call.area or "").strip()
    if not area or area.casefold() in ("tutto il territorio nazionale", "tutto il territorio regionale"):
        return words
    return f"{words} – {area}"
