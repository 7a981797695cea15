"""Contract §2b as an editor meets it: each eligibility key, valid in its three states, and each
mistake reported once, in Italian, on the line where the key is written."""

from __future__ import annotations

import pytest
from content_factory import call_data, front_matter

from build_tools.diagnostics import Report
from build_tools.reading.loader import load_content


def load(content_tree, text: str) -> tuple[list, Report]:
    root = content_tree({"calls/bando.md": text})
    report = Report(root.parent)
    return load_content(root, report)["calls"], report


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), start=1) if needle in line)


VALID = {
    "all any": dict(sizes="any", territory="any", ateco="any", company_age="any", purposes="any"),
    "constraints": dict(sizes=["micro", "small"], territory={"provinces": ["RM", "lt"], "office": "operating"},
                        ateco={"version": "2025", "include": ["K", "62"]}, company_age={"max_years": 5, "to_be_founded": True},
                        aid_regime="de_minimis", selection="ranking", purposes=["digitalisation", "training"]),
    "municipality as text": dict(scope="local", territory={"municipalities": ["058091"]}),
    "ateco version as a number": dict(ateco={"version": 2007, "exclude": ["A"]}),
    "national with southern regions": dict(scope="national", territory={"regions": ["puglia", "sicilia"]}),
    "click day with an hour": dict(selection="click_day", opens="2027-01-10T10:00"),
}


@pytest.mark.parametrize("name", list(VALID))
def test_valid(content_tree, name: str) -> None:
    entries, report = load(content_tree, front_matter(call_data(**VALID[name])))
    assert not report.errors, [d.format() for d in report.sorted()]
    assert len(entries) == 1


def test_three_states_are_kept(content_tree) -> None:
    entries, _ = load(content_tree, front_matter(call_data(sizes="any", territory={"provinces": ["rm"]})))
    call = entries[0].item
    assert (call.sizes, call.territory.provinces, call.ateco) == ("any", ["RM"], None)


#: (changes to a valid call, the line's key text, fragments of the message)
ERRORS = {
    "misspelt size": ({"sizes": ["micor"]}, "micor", ["forse intendevi `micro`"]),
    "misspelt any": ({"sizes": "anyy"}, "sizes:", ["forse intendevi `any`"]),
    "bare value": ({"purposes": "training"}, "purposes:", ["deve essere un elenco"]),
    "unknown key in a block": ({"territory": {"regionz": ["lazio"]}}, "regionz", ["forse intendevi `regions`"]),
    "province name": ({"territory": {"provinces": ["Roma"]}}, "Roma", ["sigla", "`RM`"]),
    "unknown sigla": ({"territory": {"provinces": ["XY"]}}, "XY", ["non è la sigla"]),
    "municipality without quotes": ({"scope": "local", "territory": {"municipalities": [58091]}}, "58091", ["virgolette"]),
    "bad municipality": ({"scope": "local", "territory": {"municipalities": ["58091"]}}, "58091", ["sei cifre"]),
    "province outside lazio": ({"territory": {"provinces": ["FI"]}}, "FI", ["`FI`", "lazio"]),
    "region outside scope": ({"territory": {"regions": ["toscana"]}}, "toscana", ["scope: lazio"]),
    "municipality outside province": ({"territory": {"provinces": ["RM"], "municipalities": ["059011"]}},
                                      "059011", ["059011", "LT"]),
    "local without place": ({"scope": "local", "territory": {"office": "operating"}}, "territory:", ["scope: local"]),
    "ateco division of another version": ({"ateco": {"version": "2025", "include": ["45"]}}, "45", ["non esiste in ATECO 2025"]),
    "ateco in both lists": ({"ateco": {"version": "2025", "include": ["62"], "exclude": ["62"]}}, "exclude", ["sia in `include`"]),
    "ateco without lists": ({"ateco": {"version": "2025"}}, "ateco:", ["almeno `include` o `exclude`"]),
    "ateco bad version": ({"ateco": {"version": "2020", "include": ["J"]}}, "version", ["2007", "2025"]),
    "age range": ({"company_age": {"min_years": 5, "max_years": 2}}, "min_years", ["maggiore"]),
    "age empty": ({"company_age": {}}, "company_age", ["vuoto"]),
    "founded with min years": ({"company_age": {"min_years": 2, "to_be_founded": True}}, "to_be_founded", ["costituito"]),
    "duplicate purpose": ({"purposes": ["training", "training"]}, "purposes", ["ripetuti"]),
    "misspelt aid regime": ({"aid_regime": "deminimis"}, "aid_regime", ["forse intendevi `de_minimis`"]),
    "click day without hour": ({"selection": "click_day", "opens": "2027-01-10"}, "selection", ["ora di apertura"]),
}


@pytest.mark.parametrize("name", list(ERRORS))
def test_error(content_tree, name: str) -> None:
    changes, needle, fragments = ERRORS[name]
    text = front_matter(call_data(**changes))
    entries, report = load(content_tree, text)
    found = [d.format() for d in report.sorted()]
    assert entries == [] and len(report.errors) == 1, found
    error = report.errors[0]
    assert error.line == line_of(text, needle), found
    assert str(error.path).endswith("bando.md") and error.format().startswith(str(error.path) + ":")
    for fragment in fragments:
        assert fragment in error.message, found
