"""The finder's rule in Python, against the hand-written table of cases (the browser runs the same table)."""

from __future__ import annotations

import pytest
from content_factory import call_data
from eligibility_table import cases, published

from build_tools.deriving.eligibility import KEYS, evaluate, finder_tables
from build_tools.deriving.territory import open_to_region
from build_tools.reading.models import Call

TABLES = finder_tables()
CASES = cases()


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case) -> None:  # noqa: ANN001
    result = evaluate(case["req"], case["given"], TABLES)
    states = {r["key"]: r["state"] for r in result["reasons"]}
    assert (states[case["key"]], result["verdict"]) == (case["state"], case["verdict"]), result
    if "reason" in case:
        said = next(r["text"] for r in result["reasons"] if r["key"] == case["key"])
        assert case["reason"] in said
    if "notes" in case:
        assert len(result["notes"]) == case["notes"], result["notes"]


def test_every_requirement_in_every_state_answered_and_skipped() -> None:
    """The table covers each requirement × (omitted, any, constraint) × (answered, skipped)."""
    answer_keys = {"sizes": ["dimensione"], "territory": ["regione", "provincia", "comune"], "ateco": ["ateco"],
                   "company_age": ["anni"], "purposes": ["bisogni"], "beneficiaries": ["beneficiari"],
                   "pathways": ["percorso"]}
    seen = set()
    for case in CASES:
        key = case["key"]
        value = case["req"].get(key)
        state = "omitted" if value is None else "any" if value == "any" else "constraint"
        answered = any(k in case["given"] for k in answer_keys[key])
        seen.add((key, state, answered))
    expected = {(k, s, a) for k in KEYS for s in ("omitted", "any", "constraint") for a in (True, False)
                if k not in ("beneficiaries", "pathways") or s == "constraint"}  # those two are always stated
    assert expected <= seen, sorted(expected - seen)


def test_unknown_is_never_compatible() -> None:
    """A call that states nothing is never "compatibile", whatever the visitor answers."""
    bare = published({"beneficiaries": ["cooperatives"], "pathways": ["existing_business"], "scope": "local"})
    answers = {"beneficiari": ["cooperatives"], "percorso": "existing_business", "regione": "lazio", "provincia": "RM",
               "dimensione": "small", "ateco": "K", "anni": "3", "bisogni": ["digitalisation"]}
    result = evaluate(bare, answers, TABLES)
    assert result["verdict"] == "da_verificare"
    unknown = [r["key"] for r in result["reasons"] if r["state"] == "unknown"]
    assert unknown == ["territory", "sizes", "ateco", "company_age", "purposes"]
    assert all("non indicat" in r["text"] for r in result["reasons"] if r["state"] == "unknown")


def test_local_call_without_a_place_is_lazio_as_in_the_explorer() -> None:
    """A local call that names no place: the explorer files it under Lazio, so does the finder."""
    req = published({"beneficiaries": ["cooperatives"], "pathways": ["existing_business"], "scope": "local"})
    rome = {"regione": "lazio", "provincia": "RM", "comune": "058091"}
    for region in ("lazio", "toscana", "puglia"):
        answers = rome if region == "lazio" else {"regione": region}
        [reason] = [r for r in evaluate(req, answers, TABLES)["reasons"] if r["key"] == "territory"]
        model = Call.model_validate(call_data(scope="local"))
        assert (reason["state"] != "no") is open_to_region(model, region), (region, reason)
        if region == "lazio":
            assert reason["state"] == "unknown" and "Provincia e comune non indicati" in reason["text"]

