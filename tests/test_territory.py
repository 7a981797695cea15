""""Dove operi": from which regions one can apply to a call (one rule, read by explorer, listings, feeds)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from content_factory import call_data

from build_tools.deriving.territory import dove_value, open_regions, open_to_region, territory_detail, territory_words
from build_tools.reading.models import Call, Region


def call(**overrides) -> Call:  # noqa: ANN003
    return Call.model_validate(call_data(**overrides))


@pytest.mark.parametrize(("scope", "lazio", "lombardia"), [
    ("lazio", True, False),
    ("local", True, False),  # the Laboratorio's local calls are Lazio's unless a territory says otherwise
    ("national", True, True),
    ("european", True, True),
    ("international", True, True),
])
def test_a_region_sees_its_own_calls_and_every_open_one(scope: str, lazio: bool, lombardia: bool) -> None:
    c = call(scope=scope)
    assert open_to_region(c, Region.LAZIO) is lazio
    assert open_to_region(c, "lombardia") is lombardia


def test_a_stated_territory_beats_the_scope() -> None:
    """A national call reserved to southern regions is not open from Lazio (territory of contract §2b)."""
    base = call(scope="national")
    south = SimpleNamespace(regions=["campania", "puglia"], provinces=None, municipalities=None)
    reserved = base.model_copy(update={"territory": south}) if "territory" in Call.model_fields else None
    if reserved is None:  # the eligibility keys are not in the model yet: the rule reads them by name
        reserved = SimpleNamespace(**{**base.__dict__, "territory": south})
    assert open_regions(reserved) == {Region.CAMPANIA, Region.PUGLIA}
    assert not open_to_region(reserved, "lazio") and open_to_region(reserved, "puglia")
    assert dove_value(reserved) == "campania puglia"
    anywhere = SimpleNamespace(**{**base.__dict__, "scope": call(scope="lazio").scope, "territory": "any"})
    assert open_regions(anywhere) is None and dove_value(anywhere) == "*"


def test_territory_in_words() -> None:
    assert territory_words(call(scope="national")) == "Tutta Italia"
    assert territory_words(call(scope="european")) == "Tutta Italia (bando europeo)"
    assert territory_words(call(scope="lazio")) == "Lazio"
    local = call(scope="local", area="Città metropolitana di Roma Capitale")
    assert territory_words(local) == "Lazio, area locale"
    assert territory_detail(local) == "Lazio, area locale – Città metropolitana di Roma Capitale"
    assert territory_detail(call(scope="lazio", area="Tutto il territorio regionale")) == "Lazio"
