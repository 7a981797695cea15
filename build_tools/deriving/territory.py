"""Where one can apply from: the "Dove operi" meaning of a call's territory, defined once.

A visitor who picks a region wants every call they may apply to from there: that region's
own calls and its local ones, plus national, European and international calls. The
explorer (``data-dove`` on each card, read by ``assets/lab.js``), the static listing pages,
the finder and the feeds all ask this module, so "Lazio" means the same everywhere.

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

from build_tools.reading.models import Call, Region, Scope

#: The Laboratorio's region: a call with ``scope: local`` and no stated place is here.
HOME_REGION = Region.LAZIO
#: Scopes open to applicants from every Italian region (unless ``territory`` says otherwise).
OPEN_SCOPES = frozenset({Scope.NATIONAL, Scope.EUROPEAN, Scope.INTERNATIONAL})
#: ``data-dove`` value of a call open from everywhere (``assets/lab.js`` reads it as "any region").
EVERYWHERE = "*"


def _stated_regions(territory: Any) -> frozenset[Region] | None:
    """Regions named by a ``territory`` block (directly or through provinces and municipalities)."""
    if territory is None or territory == "any":
        return None
    found = {Region(r) for r in getattr(territory, "regions", None) or []}
    provinces = getattr(territory, "provinces", None) or []
    towns = getattr(territory, "municipalities", None) or []
    if provinces or towns:  # the places table comes with the eligibility keys (contract §2b)
        from build_tools.reading.models.places import PROVINCE_REGION, municipality_province  # type: ignore[import-not-found]

        sigle = [*provinces, *(municipality_province(code) for code in towns)]
        found |= {Region(PROVINCE_REGION[s]) for s in sigle if s in PROVINCE_REGION}
    return frozenset(found) or None


def open_regions(call: Call) -> frozenset[Region] | None:
    """The regions one can apply from; ``None`` means every region (no territorial limit in Italy)."""
    territory = getattr(call, "territory", None)  # optional key of contract §2b
    if territory == "any":
        return None
    stated = _stated_regions(territory)
    if stated:
        return stated
    if call.scope in OPEN_SCOPES:
        return None
    return frozenset({HOME_REGION})


def open_to_region(call: Call, region: Region | str) -> bool:
    """Can someone who operates in ``region`` apply to ``call``? (the "Dove operi" filter)."""
    regions = open_regions(call)
    return regions is None or Region(region) in regions


def dove_value(call: Call) -> str:
    """The ``data-dove`` attribute: ``*`` (from everywhere) or the regions' slugs."""
    regions = open_regions(call)
    if regions is None:
        return EVERYWHERE
    return " ".join(r.value for r in Region if r in regions)


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
