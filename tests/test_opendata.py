"""Open data: the JSON validates against the published schema; the CSV opens in an Italian spreadsheet."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta
from pathlib import Path

import jsonschema
import pytest

from build_tools import build_site, run_checks
from build_tools.outputs import SiteSettings
from build_tools.outputs.links import SiteUrlMissing
from build_tools.outputs.opendata import build_opendata
from build_tools.outputs.records import CallRecord
from build_tools.outputs.schema import schema_files

SITE_URL = "https://example.org/laboratorio/"
SETTINGS = SiteSettings(SITE_URL)


def files(fm) -> dict[str, str]:
    out = {
        "calls/pnrr.md": fm.call(title="Servizi digitali avanzati nelle piccole imprese", funding_source="pnrr",
                                 pnrr={"mission": "M1", "component": "M1C2", "investment": "1.1"},
                                 support_types=["grant", "voucher"], beneficiaries=["cooperatives", "sme"],
                                 target_groups=["youth", "women"], pathways=["existing_business", "new_business"],
                                 deadline="2026-12-03T17:00", opens="2026-09-15T10:00", budget_total_eur=150000000,
                                 min_grant_eur=2500.5, max_grant_eur=200000, funding_rate_pct=62.5,
                                 published=date(2026, 9, 1), updated=date(2026, 11, 2), verified=date(2026, 11, 18),
                                 tags=["pnrr", "cloud"], area="Tutto il territorio nazionale", scope="national"),
        "calls/bare.md": fm.call(title="Voucher con scadenza senza ora"),
        "calls/closed.md": fm.call(title="Bando chiuso in ottobre", deadline=date(2026, 10, 31), published=date(2026, 6, 1)),
        "calls/windows.md": fm.call(title="Bando a finestre", deadline=None, published=date(2026, 2, 16),
                                    windows=[{"label": "Prima finestra", "opens": "2026-03-02T12:00", "deadline": "2026-05-29T17:00"},
                                             {"label": "Seconda finestra", "opens": "2026-10-01T12:00", "deadline": "2027-01-29T17:00"}]),
        "calls/rolling.md": fm.call(title="Sportello sempre aperto", deadline=None, rolling=True),
        "calls/scheduled.md": fm.call(title="Bando programmato a dicembre", published=date(2026, 12, 15)),
        "calls/draft.md": fm.call(title="Bando ancora in bozza", draft=True),
        "stories/filiera.md": fm.story(related_calls=["pnrr", "draft"], pathway="existing_business",
                                       source={"name": "Fondazione Pico", "url": "https://www.legacoop.coop/pico"}),
        "stories/bozza.md": fm.story(title="Una storia in bozza", draft=True),
    }
    texts = {path: fm.text(data) for path, data in out.items()}
    services = fm.five_services()
    services["services/seminars.md"] = fm.text(fm.service("seminars", events=[
        {"title": "Webinar passato sul digitale", "start": "2026-10-10T15:00", "end": "2026-10-10T17:00"},
        {"title": "Webinar sui bandi del 2027", "start": "2027-01-14T15:00"}]))
    return {**texts, **services}


@pytest.fixture
def built(content_tree, fm, now) -> dict[str, str | bytes]:
    return build(content_tree(files(fm)), now)


def build(root: Path, now: datetime, settings: SiteSettings = SETTINGS) -> dict[str, str | bytes]:
    result = run_checks(root, now)
    assert result.ok, [d.format() for d in result.report.errors]
    return {o.path: o.content for o in build_opendata(build_site(result.content, now), settings)}


def load(built, path: str) -> dict:
    text = built[path]
    return json.loads(text if isinstance(text, str) else text.decode("utf-8"))


def validate(built, data_path: str) -> dict:
    name = data_path.rsplit("/", 1)[1]
    schema = load(built, f"dati/schema/{name}.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    document = load(built, data_path)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(document)
    return document


def by_slug(document: dict) -> dict[str, dict]:
    return {item["slug"]: item for item in document["items"]}


def test_calls_json_validates_and_lists_every_published_call(built, now):
    document = validate(built, "dati/bandi.json")
    assert document["generated_at"] == now.isoformat()
    assert document["license"] == "CC-BY-4.0" and document["demo"] is False
    assert document["schema_url"] == SITE_URL + "dati/schema/bandi.json.schema.json"
    assert set(by_slug(document)) == {"pnrr", "bare", "closed", "windows", "rolling"}
    assert document["count"] == 5
    assert [list(item) for item in document["items"]] == [list(CallRecord.model_fields)] * 5


def test_a_record_that_breaks_the_schema_is_caught(built):
    schema = load(built, "dati/schema/bandi.json.schema.json")
    document = load(built, "dati/bandi.json")
    document["items"][0]["status"] = "aperto"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)


def test_derived_fields(built):
    items = by_slug(load(built, "dati/bandi.json"))
    pnrr = items["pnrr"]
    assert pnrr["url"] == SITE_URL + "bandi/pnrr/"
    assert (pnrr["status"], pnrr["status_label"], pnrr["days_left"]) == ("closing_soon", "In scadenza", 8)
    assert pnrr["deadline"] == "2026-12-03T17:00:00+01:00" and pnrr["deadline_has_time"] is True
    assert pnrr["opens"] == "2026-09-15T10:00:00+02:00"
    assert (pnrr["funding_source"], pnrr["funding_source_label"]) == ("pnrr", "PNRR")
    assert (pnrr["pnrr_mission"], pnrr["pnrr_component"], pnrr["pnrr_investment"]) == ("M1", "M1C2", "1.1")
    assert pnrr["budget_total_eur"] == 150000000 and isinstance(pnrr["budget_total_eur"], int)
    assert pnrr["min_grant_eur"] == 2500.5
    assert pnrr["calendar_url"] == SITE_URL + "bandi/pnrr/scadenza.ics"
    assert (pnrr["published"], pnrr["updated"], pnrr["verified"]) == ("2026-09-01", "2026-11-02", "2026-11-18")
    bare = items["bare"]
    assert bare["deadline"] == "2027-03-31T23:59:59+02:00" and bare["deadline_has_time"] is False
    assert items["closed"]["status"] == "closed" and items["closed"]["days_left"] is None
    assert items["closed"]["calendar_url"] is None  # archived: no calendar file
    assert items["rolling"]["deadline"] is None and items["rolling"]["calendar_url"] is None
    windows = items["windows"]
    assert windows["deadline"] == "2027-01-29T17:00:00+01:00"  # the current window
    assert [w["label"] for w in windows["windows"]] == ["Prima finestra", "Seconda finestra"]


def test_json_is_readable_utf8_with_stable_bytes(content_tree, fm, now, built):
    text = built["dati/bandi.json"]
    assert isinstance(text, str) and "competitività" in text and "\\u" not in text  # ensure_ascii=False
    again = build(content_tree(files(fm)), now)
    assert again == built
    next_day = build(content_tree(files(fm)), now + timedelta(days=1))
    assert load(next_day, "dati/bandi.json")["generated_at"] == (now + timedelta(days=1)).isoformat()
    assert by_slug(load(next_day, "dati/bandi.json"))["pnrr"]["days_left"] == 7


def test_csv_opens_in_an_italian_spreadsheet(built):
    raw = built["dati/bandi.csv"]
    assert isinstance(raw, bytes) and raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert list(rows[0]) == list(CallRecord.model_fields)
    assert {r["slug"] for r in rows} == {"pnrr", "bare", "closed", "windows", "rolling"}
    pnrr = next(r for r in rows if r["slug"] == "pnrr")
    assert pnrr["budget_total_eur"] == "150000000"
    assert pnrr["min_grant_eur"] == "2500,5" and pnrr["funding_rate_pct"] == "62,5"
    assert pnrr["support_types"] == "grant | voucher"
    assert pnrr["pathways"] == "existing_business | new_business"
    assert pnrr["status_label"] == "In scadenza" and pnrr["days_left"] == "8"
    assert pnrr["deadline"] == "2026-12-03T17:00:00+01:00" and pnrr["deadline_has_time"] == "sì"
    assert pnrr["managing_body"] == ""
    windows = next(r for r in rows if r["slug"] == "windows")
    assert windows["windows"].split(" | ")[1] == "Seconda finestra: 2026-10-01T12:00:00+02:00/2027-01-29T17:00:00+01:00"


def test_stories_and_services_validate(built, now):
    stories = validate(built, "dati/storie.json")
    assert set(by_slug(stories)) == {"filiera"}
    story = stories["items"][0]
    assert story["related_calls"] == ["pnrr"]  # the draft call is not published
    assert (story["sector"], story["sector_label"], story["source_name"]) == ("agrifood", "Agroalimentare", "Fondazione Pico")
    services = validate(built, "dati/servizi-eventi.json")
    assert len(services["items"]) == 5
    seminars = by_slug(services)["seminars"]
    assert [(e["title"], e["upcoming"]) for e in seminars["events"]] == [
        ("Webinar passato sul digitale", False), ("Webinar sui bandi del 2027", True)]
    assert seminars["events"][1]["start"] == "2027-01-14T15:00:00+01:00"


def test_front_matter_schemas_are_published(built):
    for name, text in schema_files().items():
        assert built[f"dati/schema/{name}"] == text
    assert {"dati/schema/calls.schema.json", "dati/schema/bandi.json.schema.json",
            "dati/schema/storie.json.schema.json", "dati/schema/servizi-eventi.json.schema.json"} <= set(built)
    schema = load(built, "dati/schema/bandi.json.schema.json")
    record = schema["$defs"]["CallRecord"]
    assert record["additionalProperties"] is False
    assert record["properties"]["status"]["$ref"].endswith("CallStatus")
    assert schema["$defs"]["CallStatus"]["x-labels"]["closing_soon"] == "In scadenza"


def test_open_data_needs_site_url(content_tree, fm, now):
    with pytest.raises(SiteUrlMissing, match="site_url"):
        build(content_tree(files(fm)), now, SiteSettings(None))
