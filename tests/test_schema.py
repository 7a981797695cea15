"""`schema`: JSON Schemas an editor's tools can use, that agree with the check and with the contract."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from build_tools.reading.frontmatter import parse

FIXTURES = Path(__file__).parent / "fixtures" / "valid" / "content"
COLLECTIONS = ("calls", "stories", "services")


def as_json(value: Any) -> Any:
    """YAML values as a YAML-aware editor sees them in JSON: dates and date-times become ISO text."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value


@pytest.fixture(scope="module")
def schemas(tmp_path_factory) -> dict[str, dict[str, Any]]:
    cwd = tmp_path_factory.mktemp("schema")
    env = {k: v for k, v in os.environ.items() if k not in ("LAB_TODAY", "LAB_NOW")}
    result = subprocess.run([sys.executable, "-m", "build_tools", "schema", "--out", "schemas"], cwd=cwd, env=env,
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 0, result.stderr
    out = cwd / "schemas"
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{c}.schema.json" for c in COLLECTIONS)
    loaded = {c: json.loads((out / f"{c}.schema.json").read_text(encoding="utf-8")) for c in COLLECTIONS}
    for schema in loaded.values():
        Draft202012Validator.check_schema(schema)
    return loaded


def validator(schemas, collection: str) -> Draft202012Validator:
    return Draft202012Validator(schemas[collection])


def fixture_files():
    return [pytest.param(c, p, id=f"{c}/{p.name}") for c in COLLECTIONS for p in sorted((FIXTURES / c).glob("*.md"))]


@pytest.mark.parametrize("collection, path", fixture_files())
def test_fixture_content_is_valid_against_the_schema(collection, path, schemas):
    data = as_json(parse(path.read_bytes()).data)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator(schemas, collection).iter_errors(data)]
    assert errors == []


def test_every_fixture_collection_has_files():
    for collection in COLLECTIONS:
        assert len(list((FIXTURES / collection).glob("*.md"))) >= 2


def base(collection: str) -> dict[str, Any]:
    first = sorted((FIXTURES / collection).glob("*.md"))[0]
    return as_json(parse(first.read_bytes()).data)


@pytest.mark.parametrize("collection, change, where", [
    ("calls", {"dealine": "2027-03-31"}, []),  # unknown key
    ("calls", {"funding_source": "regionale"}, ["funding_source"]),
    ("calls", {"support_types": []}, ["support_types"]),
    ("calls", {"title": "Bando"[:4]}, ["title"]),
    ("calls", {"summary": "x" * 401}, ["summary"]),
    ("calls", {"url": "ftp://example.org"}, ["url"]),
    ("calls", {"tags": ["Economia Sociale"]}, ["tags", 0]),
    ("calls", {"funding_rate_pct": 0}, ["funding_rate_pct"]),
    ("calls", {"contact": {"telefono": "06"}}, ["contact"]),
    ("calls", {"windows": [{"opens": "2027-01-01"}]}, ["windows", 0]),
    ("calls", {"related_stories": ["Una Storia"]}, ["related_stories", 0]),
    ("stories", {"regions": ["roma"]}, ["regions", 0]),
    ("stories", {"sector": "agricoltura"}, ["sector"]),
    ("services", {"kind": "mentoring"}, ["kind"]),
    ("services", {"audience": ["giovani"]}, ["audience", 0]),
    ("services", {"events": [{"title": "Evento di prova"}]}, ["events", 0]),
])
def test_schema_rejects_what_the_check_rejects(collection, change, where, schemas):
    data = {**base(collection), **change}
    errors = list(validator(schemas, collection).iter_errors(data))
    assert errors, f"{change} accepted by the schema"
    assert any(list(e.absolute_path)[: len(where)] == where for e in errors), [e.message for e in errors]


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_missing_required_key_is_rejected(collection, schemas):
    data = base(collection)
    for key in schemas[collection]["required"]:
        broken = {k: v for k, v in data.items() if k != key}
        assert list(validator(schemas, collection).iter_errors(broken)), key


def enum_of(schema: dict[str, Any], key: str) -> set[str]:
    prop = schema["properties"][key]
    node = prop.get("items", prop)
    for option in node.get("anyOf", [node]):
        if "$ref" in option:
            return set(schema["$defs"][option["$ref"].rsplit("/", 1)[1]]["enum"])
        if "items" in option and "$ref" in option["items"]:
            return set(schema["$defs"][option["items"]["$ref"].rsplit("/", 1)[1]]["enum"])
    raise AssertionError(f"no enum for {key}")


CONTRACT_VOCABULARIES = [
    ("calls", "funding_source", {"pnrr", "eu_direct", "eu_structural", "national", "regional", "private", "other"}),
    ("calls", "support_types", {"grant", "soft_loan", "guarantee", "equity", "tax_credit", "voucher", "services",
                                "prize"}),
    ("calls", "beneficiaries", {"cooperatives", "social_cooperatives", "social_enterprises", "sme",
                                "large_enterprises", "startups", "spin_offs", "enterprise_networks",
                                "public_private_partnerships", "third_sector", "universities_research",
                                "public_bodies", "individuals"}),
    ("calls", "target_groups", {"youth", "women", "researchers", "students", "workers_to_relocate", "disadvantaged"}),
    ("calls", "pathways", {"existing_business", "new_business"}),
    ("calls", "scope", {"local", "lazio", "national", "european", "international"}),
    ("calls", "status_override", {"suspended", "funds_exhausted", "cancelled"}),
    ("stories", "sector", {"agrifood", "social_services", "health", "education", "culture_tourism",
                           "environment_energy", "logistics_mobility", "manufacturing", "construction_housing",
                           "retail_consumers", "ict", "other"}),
    ("stories", "pathway", {"existing_business", "new_business"}),
    ("services", "kind", {"information", "guidance", "seminars", "capacity_building", "coaching"}),
    ("services", "format", {"in_person", "online", "hybrid"}),
]


@pytest.mark.parametrize("collection, key, values", CONTRACT_VOCABULARIES,
                         ids=[f"{c}.{k}" for c, k, _ in CONTRACT_VOCABULARIES])
def test_vocabularies_are_the_contract_ones(collection, key, values, schemas):
    assert enum_of(schemas[collection], key) == values


def test_regions_are_the_twenty_italian_regions(schemas):
    regions = enum_of(schemas["stories"], "regions")
    assert len(regions) == 20 and {"lazio", "lombardia", "valle-d-aosta", "trentino-alto-adige"} <= regions


def test_schema_carries_italian_titles_and_labels(schemas):
    calls = schemas["calls"]
    assert calls["properties"]["deadline"]["title"] == "Scadenza"
    assert calls["$defs"]["SupportType"]["x-labels"]["grant"] == "Fondo perduto"
    assert calls["additionalProperties"] is False
