"""Every key rule of the contract (§1–§4), as an editor meets it: one file, one message, one line.

Each case writes a file, loads it like ``check`` does, and looks at the diagnostics. The
expected line is found in the file text itself (the line where the key is written), never
copied from the implementation.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from build_tools.diagnostics import Report
from build_tools.reading.loader import load_content
from build_tools.reading.models import Call, Service, Story

# --- helpers ------------------------------------------------------------------------------


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line of the ``nth`` line of ``text`` that contains ``needle``."""
    found = [i for i, line in enumerate(text.split("\n"), start=1) if needle in line]
    assert len(found) >= nth, f"{needle!r} not in the test file"
    return found[nth - 1]


def load_one(content_tree, rel: str, text: str) -> tuple[list, Report]:
    """Load ``text`` as ``content/<rel>``; return (valid entries of that collection, report)."""
    root = content_tree({rel: text})
    report = Report(root.parent)
    content = load_content(root, report)
    return content[rel.split("/")[0]], report


def problems(report: Report) -> list[tuple[int, str, str]]:
    return [(d.line, d.severity.value, d.message) for d in report.sorted()]


def assert_one_error(report: Report, line: int, *fragments: str) -> None:
    found = problems(report)
    assert len(report.errors) == 1, found
    err = report.errors[0]
    assert err.line == line, found
    for fragment in fragments:
        assert fragment in err.message, found


def assert_valid(entries: list, report: Report) -> None:
    assert not report.errors, problems(report)
    assert len(entries) == 1


# --- calls: valid variants ----------------------------------------------------------------

VALID_CALLS = {
    "minimal": {},
    "title-5-chars": {"title": "Bando"},
    "title-200-chars": {"title": "B" * 200},
    "summary-20-chars": {"summary": "s" * 20},
    "summary-400-chars": {"summary": "s" * 400},
    "managing-body": {"managing_body": "Lazio Innova"},
    "pnrr-mission-only": {"funding_source": "pnrr", "pnrr": {"mission": "M7"}},
    "pnrr-full": {"funding_source": "pnrr", "pnrr": {"mission": "M2", "component": "M2C4", "investment": "1.1"}},
    "pnrr-m6c2": {"funding_source": "pnrr", "pnrr": {"mission": "M6", "component": "M6C2"}},
    "every-support-type": {"support_types": ["grant", "soft_loan", "guarantee", "equity", "tax_credit",
                                             "voucher", "services", "prize"]},
    "every-beneficiary": {"beneficiaries": [
        "cooperatives", "social_cooperatives", "social_enterprises", "sme", "large_enterprises", "startups",
        "spin_offs", "enterprise_networks", "public_private_partnerships", "third_sector",
        "universities_research", "public_bodies", "individuals"]},
    "every-target-group": {"target_groups": ["youth", "women", "researchers", "students",
                                             "workers_to_relocate", "disadvantaged"]},
    "both-pathways": {"pathways": ["existing_business", "new_business"]},
    "scope-and-area": {"scope": "local", "area": "Municipio VII di Roma"},
    "opens-and-timed-deadline": {"opens": datetime(2027, 1, 15, 12, 0), "deadline": datetime(2027, 3, 31, 17, 0)},
    "one-day-call": {"opens": date(2027, 1, 15), "deadline": date(2027, 1, 15)},
    "iso-string-with-offset": {"deadline": "2027-03-31T12:00:00+01:00"},
    "iso-string-without-seconds": {"deadline": "2027-03-31T12:00"},
    "extension": {"deadline": date(2027, 4, 30), "deadline_extended_from": date(2027, 3, 31)},
    "rolling-no-deadline": {"deadline": None, "rolling": True},
    "rolling-with-deadline": {"rolling": True},
    "windows": {"deadline": None, "windows": [
        {"label": "Prima finestra", "opens": date(2027, 1, 10), "deadline": date(2027, 1, 31)},
        {"opens": date(2027, 2, 1), "deadline": datetime(2027, 2, 28, 12, 0)},
    ]},
    "override-with-note": {"status_override": "funds_exhausted", "status_note": "Risorse esaurite il 10 novembre."},
    "money": {"budget_total_eur": 5_000_000, "min_grant_eur": 5000, "max_grant_eur": 5000, "funding_rate_pct": 100},
    "rate-decimal": {"funding_rate_pct": 0.5},
    "documents-contact": {"documents": [{"title": "Avviso pubblico", "url": "https://www.legacoop.coop/a.pdf"}],
                          "contact": {"name": "Sportello", "email": "info@legacoop.coop", "phone": "+39 06 000000",
                                      "url": "https://www.legacoop.coop/contatti"}},
    "tags": {"tags": ["economia-sociale", "pnrr", "industria-4-0"]},
    "dates": {"published": date(2026, 10, 1), "updated": date(2026, 10, 1), "verified": date(2026, 11, 20)},
    "future-published": {"published": date(2027, 1, 10)},
    "relations": {"related_stories": ["una-storia"], "related_services": ["orientamento"]},
    "draft": {"draft": True},
}


@pytest.mark.parametrize("overrides", VALID_CALLS.values(), ids=VALID_CALLS.keys())
def test_valid_call(overrides, content_tree, fm):
    entries, report = load_one(content_tree, "calls/x.md", fm.text(fm.call(**overrides)))
    assert_valid(entries, report)
    assert not report.warnings, problems(report)


# --- calls: one broken rule each ----------------------------------------------------------
# (overrides, the text on the offending line or None for line 1, message fragments)

CALL_ERRORS = {
    "title-missing": ({"title": None}, None, ["manca la chiave obbligatoria `title`"]),
    "title-4-chars": ({"title": "Band"}, "title:", ["`title`", "almeno 5"]),
    "title-201-chars": ({"title": "B" * 201}, "title:", ["`title`", "al massimo 200"]),
    "title-number": ({"title": 12345}, "title:", ["`title`", "testo"]),
    "summary-missing": ({"summary": None}, None, ["`summary`"]),
    "summary-19-chars": ({"summary": "s" * 19}, "summary:", ["`summary`", "almeno 20"]),
    "summary-401-chars": ({"summary": "s" * 401}, "summary:", ["`summary`", "al massimo 400"]),
    "funder-missing": ({"funder": None}, None, ["`funder`"]),
    "funding-source-missing": ({"funding_source": None}, None, ["`funding_source`"]),
    "funding-source-unknown": ({"funding_source": "regionale"}, "funding_source:",
                               ["`regionale`", "forse intendevi `regional`", "eu_structural"]),
    "pnrr-block-missing": ({"funding_source": "pnrr"}, "funding_source:", ["`pnrr`", "mission"]),
    "pnrr-block-without-pnrr-source": ({"pnrr": {"mission": "M1"}}, "pnrr:", ["`pnrr`", "funding_source: pnrr"]),
    "pnrr-mission-m8": ({"funding_source": "pnrr", "pnrr": {"mission": "M8"}}, "mission:", ["`M8`", "M7"]),
    "pnrr-component-not-in-plan": ({"funding_source": "pnrr", "pnrr": {"mission": "M2", "component": "M2C5"}},
                                   "component:", ["M2C5", "M2C1, M2C2, M2C3, M2C4"]),
    "pnrr-component-other-mission": ({"funding_source": "pnrr", "pnrr": {"mission": "M1", "component": "M4C1"}},
                                     "component:", ["M4C1", "M1"]),
    "pnrr-m7-has-no-component": ({"funding_source": "pnrr", "pnrr": {"mission": "M7", "component": "M7C1"}},
                                 "component:", ["M7C1", "REPowerEU"]),
    "pnrr-component-format": ({"funding_source": "pnrr", "pnrr": {"mission": "M1", "component": "C2"}},
                              "component:", ["`component`"]),
    "pnrr-investment-as-number": ({"funding_source": "pnrr", "pnrr": {"mission": "M1", "investment": 1.1}},
                                  "investment:", ["`investment`", "virgolette"]),
    "support-types-empty": ({"support_types": []}, "support_types:", ["`support_types`", "almeno 1"]),
    "support-types-not-a-list": ({"support_types": "grant"}, "support_types:", ["`support_types`", "elenco"]),
    "support-type-unknown": ({"support_types": ["grant", "fondo_perduto"]}, "support_types:",
                             ["`fondo_perduto`", "`support_types` n. 2"]),
    "beneficiaries-missing": ({"beneficiaries": None}, None, ["`beneficiaries`"]),
    "beneficiaries-empty": ({"beneficiaries": []}, "beneficiaries:", ["`beneficiaries`"]),
    "beneficiary-unknown": ({"beneficiaries": ["cooperative"]}, "beneficiaries:",
                            ["`cooperative`", "forse intendevi `cooperatives`"]),
    "target-group-unknown": ({"target_groups": ["giovani"]}, "target_groups:", ["`giovani`", "youth"]),
    "pathways-empty": ({"pathways": []}, "pathways:", ["`pathways`"]),
    "pathway-unknown": ({"pathways": ["startup"]}, "pathways:", ["`startup`", "new_business"]),
    "scope-unknown": ({"scope": "regionale"}, "scope:", ["`regionale`", "lazio"]),
    "deadline-missing": ({"deadline": None}, None, ["manca `deadline`", "rolling: true", "windows"]),
    "deadline-not-a-date": ({"deadline": "31/03/2027"}, "deadline:", ["`31/03/2027`", "AAAA-MM-GG"]),
    "deadline-impossible-date": ({"deadline": "2027-02-30"}, "deadline:", ["`2027-02-30`", "non è una data valida"]),
    "deadline-before-opens": ({"opens": date(2027, 4, 1)}, "deadline:", ["`deadline`", "prima dell'apertura"]),
    "timed-deadline-before-opens": ({"opens": datetime(2027, 3, 31, 12, 0), "deadline": datetime(2027, 3, 31, 9, 0)},
                                    "deadline:", ["prima dell'apertura"]),
    "extension-after-deadline": ({"deadline_extended_from": date(2027, 4, 15)}, "deadline_extended_from:",
                                 ["`deadline_extended_from`", "precedente"]),
    "extension-equal-deadline": ({"deadline_extended_from": date(2027, 3, 31)}, "deadline_extended_from:",
                                 ["precedente"]),
    "extension-without-deadline": ({"deadline": None, "rolling": True, "deadline_extended_from": date(2027, 3, 1)},
                                   "deadline_extended_from:", ["`deadline`"]),
    "windows-and-deadline": ({"windows": [{"deadline": date(2027, 1, 31)}]}, "windows:", ["`windows`", "`deadline`"]),
    "rolling-not-bool": ({"rolling": "sì"}, "rolling:", ["`rolling`", "`true` o `false`"]),
    "override-without-note": ({"status_override": "suspended"}, "status_override:", ["`status_note`"]),
    "override-unknown": ({"status_override": "closed", "status_note": "Chiuso."}, "status_override:",
                         ["`closed`", "suspended, funds_exhausted, cancelled"]),
    "budget-negative": ({"budget_total_eur": -1}, "budget_total_eur:", ["`budget_total_eur`", "≥ 0"]),
    "budget-with-euro-sign": ({"budget_total_eur": "5.000.000 €"}, "budget_total_eur:", ["numero"]),
    "min-above-max": ({"min_grant_eur": 50000, "max_grant_eur": 5000}, "min_grant_eur:",
                      ["`min_grant_eur`", "`max_grant_eur`"]),
    "rate-zero": ({"funding_rate_pct": 0}, "funding_rate_pct:", ["`funding_rate_pct`", "> 0"]),
    "rate-above-100": ({"funding_rate_pct": 100.5}, "funding_rate_pct:", ["`funding_rate_pct`", "≤ 100"]),
    "rate-with-percent": ({"funding_rate_pct": "70%"}, "funding_rate_pct:", ["numero"]),
    "url-missing": ({"url": None}, None, ["`url`"]),
    "url-ftp": ({"url": "ftp://example.org/bando"}, "url:", ["`url`", "https://"]),
    "url-without-scheme": ({"url": "www.regione.lazio.it"}, "url:", ["`url`", "https://"]),
    "url-javascript": ({"url": "javascript:alert(1)"}, "url:", ["`url`", "https://"]),
    "document-without-url": ({"documents": [{"title": "Avviso"}]}, "{title: Avviso}", ["`documents` n. 1 → `url`"]),
    "document-bad-url": ({"documents": [{"title": "Avviso", "url": "avviso.pdf"}]}, "url: avviso.pdf",
                         ["`documents` n. 1 → `url`"]),
    "contact-bad-email": ({"contact": {"email": "info(at)example.org"}}, "email:", ["`info(at)example.org`"]),
    "contact-unknown-key": ({"contact": {"telefono": "06 000"}}, "telefono:", ["`telefono`"]),
    "tag-not-kebab": ({"tags": ["Economia Sociale"]}, "tags:", ["`Economia Sociale`", "economia-sociale"]),
    "tag-underscore": ({"tags": ["economia_sociale"]}, "tags:", ["`economia_sociale`"]),
    "published-missing": ({"published": None}, None, ["`published`"]),
    "published-with-time": ({"published": datetime(2026, 10, 1, 9, 0)}, "published:", ["`published`", "senza ora"]),
    "published-after-deadline": ({"published": date(2027, 4, 1)}, "published:", ["`published`", "successiva"]),
    "updated-before-published": ({"updated": date(2026, 9, 30)}, "updated:", ["`updated`", "`published`"]),
    "verified-not-a-date": ({"verified": "ieri"}, "verified:", ["`ieri`"]),
    "related-story-bad-slug": ({"related_stories": ["Una_Storia"]}, "related_stories:", ["`Una_Storia`", "slug"]),
    "draft-not-bool": ({"draft": "si"}, "draft:", ["`draft`"]),
    "draft-is-still-validated": ({"draft": True, "scope": "regione"}, "scope:", ["`regione`"]),
    "unknown-key-with-hint": ({"dealine": date(2027, 3, 31)}, "dealine:",
                              ["chiave sconosciuta `dealine`", "forse intendevi `deadline`"]),
    "unknown-key-without-hint": ({"colore": "rosso"}, "colore:", ["chiave sconosciuta `colore`"]),
    "html-in-summary": ({"summary": "Un bando per tutti <script>alert(1)</script>"}, "summary:", ["<script>"]),
}


@pytest.mark.parametrize("overrides, needle, fragments", CALL_ERRORS.values(), ids=CALL_ERRORS.keys())
def test_call_rule(overrides, needle, fragments, content_tree, fm):
    text = fm.text(fm.call(**overrides))
    entries, report = load_one(content_tree, "calls/x.md", text)
    assert entries == []  # a file with an error is never published
    assert_one_error(report, line_of(text, needle) if needle else 1, *fragments)
    assert report.errors[0].path == "content/calls/x.md"


# --- calls: nested keys and windows, written out so the lines are plain to see --------------

WINDOWS_TEXT = """\
---
title: Bando a finestre
summary: Un bando con due finestre di presentazione delle domande.
funder: Regione Lazio
funding_source: regional
support_types: [grant]
beneficiaries: [cooperatives]
pathways: [existing_business]
scope: lazio
url: https://www.legacoop.coop/bando
published: 2026-10-01
windows:
  - label: Prima finestra
    opens: 2027-01-10
    deadline: 2027-01-31
  - label: Seconda finestra
    opens: {opens2}
    {key2}: {deadline2}
---
Testo.
"""


def test_unknown_nested_key_points_at_its_line_with_hint(content_tree):
    text = WINDOWS_TEXT.format(opens2="2027-02-01", key2="dealine", deadline2="2027-02-28")
    _, report = load_one(content_tree, "calls/x.md", text)
    messages = problems(report)
    assert (18, "error", "chiave sconosciuta `windows` n. 2 → `dealine`: forse intendevi `deadline`?") in messages
    # the window without its deadline is reported too, at the window's first line
    assert (16, "error", "manca la chiave obbligatoria `windows` n. 2 → `deadline`") in messages
    assert len(messages) == 2


def test_bad_date_in_second_window_points_at_windows_1_deadline(content_tree):
    text = WINDOWS_TEXT.format(opens2="2027-02-01", key2="deadline", deadline2="2027-02-30")
    _, report = load_one(content_tree, "calls/x.md", text)
    assert_one_error(report, 18, "`windows` n. 2 → `deadline`", "`2027-02-30`")


def test_window_deadline_before_its_opening(content_tree):
    text = WINDOWS_TEXT.format(opens2="2027-03-01", key2="deadline", deadline2="2027-02-28")
    _, report = load_one(content_tree, "calls/x.md", text)
    assert_one_error(report, 18, "finestra 2", "prima dell'apertura")


def test_overlapping_windows(content_tree):
    text = WINDOWS_TEXT.format(opens2="2027-01-31", key2="deadline", deadline2="2027-02-28")
    _, report = load_one(content_tree, "calls/x.md", text)
    assert_one_error(report, 16, "finestra 2", "dopo la scadenza della finestra precedente")


def test_windows_out_of_order(content_tree):
    text = WINDOWS_TEXT.format(opens2="2026-12-01", key2="deadline", deadline2="2026-12-20")
    _, report = load_one(content_tree, "calls/x.md", text)
    assert_one_error(report, 16, "finestra 2", "in ordine")


def test_window_list_item_missing_deadline_without_label(content_tree, fm):
    text = fm.text(fm.call(deadline=None, windows=[{"deadline": date(2027, 1, 31)}, {"opens": date(2027, 2, 1)}]))
    _, report = load_one(content_tree, "calls/x.md", text)
    assert_one_error(report, line_of(text, "{opens: 2027-02-01}"), "`windows` n. 2 → `deadline`")


def test_bad_value_in_block_list_points_at_the_item(content_tree, fm):
    text = fm.text(fm.call()).replace("support_types: [grant]", "support_types:\n  - grant\n  - voucher\n  - prestito")
    _, report = load_one(content_tree, "calls/x.md", text)
    assert_one_error(report, line_of(text, "- prestito"), "`prestito`", "`support_types` n. 3")


def test_all_schema_errors_of_one_file_are_reported(content_tree, fm):
    text = fm.text(fm.call(title="Ba", scope="regione", dealine="2027-01-01", url="ftp://x", funding_rate_pct=0))
    _, report = load_one(content_tree, "calls/x.md", text)
    lines = sorted(d.line for d in report.errors)
    assert lines == sorted(line_of(text, k) for k in ("title:", "scope:", "dealine:", "url:", "funding_rate_pct:"))


def test_naive_date_time_is_rome_and_offset_is_kept(fm):
    call = Call.model_validate(fm.call(opens="2027-01-15T12:00:00", deadline="2027-07-15T17:00:00+00:00"))
    assert call.opens.utcoffset() == timedelta(hours=1)  # CET in January
    assert call.opens.astimezone(timezone.utc).hour == 11
    assert call.deadline.astimezone(timezone.utc).hour == 17


def test_bare_deadline_is_the_last_second_of_the_day_in_rome(fm):
    call = Call.model_validate(fm.call(deadline=date(2027, 7, 15)))
    assert call.last_deadline().astimezone(timezone.utc) == datetime(2027, 7, 15, 21, 59, 59, tzinfo=timezone.utc)


# --- stories ----------------------------------------------------------------------------------

ALL_REGIONS = ["abruzzo", "basilicata", "calabria", "campania", "emilia-romagna", "friuli-venezia-giulia", "lazio",
               "liguria", "lombardia", "marche", "molise", "piemonte", "puglia", "sardegna", "sicilia", "toscana",
               "trentino-alto-adige", "umbria", "valle-d-aosta", "veneto"]

VALID_STORIES = {
    "minimal": {},
    "all-twenty-regions": {"regions": ALL_REGIONS},
    "everything": {"cooperative_url": "https://example.coop", "technologies": ["ai", "cloud", "e-commerce"],
                   "pathway": "new_business", "source": {"name": "Fondazione Pico", "url": "https://www.legacoop.coop"},
                   "image": "content/images/foto.png", "image_alt": "Soci della cooperativa nel campo",
                   "related_calls": ["un-bando"], "tags": ["filiera-corta"], "draft": False},
}


@pytest.mark.parametrize("overrides", VALID_STORIES.values(), ids=VALID_STORIES.keys())
def test_valid_story(overrides, content_tree, fm):
    from content_factory import tiny_png

    content_tree({"images/foto.png": tiny_png()})
    entries, report = load_one(content_tree, "stories/x.md", fm.text(fm.story(**overrides)))
    assert_valid(entries, report)


STORY_ERRORS = {
    "cooperative-missing": ({"cooperative": None}, None, ["`cooperative`"]),
    "sector-unknown": ({"sector": "agricoltura"}, "sector:", ["`agricoltura`", "agrifood"]),
    "regions-empty": ({"regions": []}, "regions:", ["`regions`"]),
    "region-not-a-region": ({"regions": ["lazio", "roma"]}, "regions:", ["`roma`", "`regions` n. 2"]),
    "region-misspelt": ({"regions": ["emilia-romagnia"]}, "regions:", ["forse intendevi `emilia-romagna`"]),
    "technology-not-kebab": ({"technologies": ["Intelligenza Artificiale"]}, "technologies:", ["etichetta"]),
    "pathway-unknown": ({"pathway": "startup"}, "pathway:", ["`startup`"]),
    "source-without-name": ({"source": {"url": "https://www.legacoop.coop"}}, "source:", ["`source` → `name`"]),
    "image-without-alt": ({"image": "img/foto.jpg"}, "image:", ["`image_alt`"]),
    "cooperative-url-bad": ({"cooperative_url": "example.coop"}, "cooperative_url:", ["https://"]),
    "related-call-bad-slug": ({"related_calls": ["Bando Lazio"]}, "related_calls:", ["`Bando Lazio`"]),
    "unknown-key": ({"settore": "agrifood"}, "settore:", ["`settore`", "forse intendevi `sector`"]),
    "published-impossible": ({"published": "2026-13-01"}, "published:", ["`2026-13-01`"]),
}


@pytest.mark.parametrize("overrides, needle, fragments", STORY_ERRORS.values(), ids=STORY_ERRORS.keys())
def test_story_rule(overrides, needle, fragments, content_tree, fm):
    text = fm.text(fm.story(**overrides))
    entries, report = load_one(content_tree, "stories/x.md", text)
    assert entries == []
    assert_one_error(report, line_of(text, needle) if needle else 1, *fragments)


# --- services ---------------------------------------------------------------------------------

EVENTS = [
    {"title": "Webinar sull'intelligenza artificiale", "start": datetime(2027, 1, 14, 15, 0),
     "end": datetime(2027, 1, 14, 17, 0), "location": "Online", "online_url": "https://www.legacoop.coop/live",
     "registration_url": "https://www.legacoop.coop/iscrizioni", "description": "Usi concreti nelle cooperative."},
    {"title": "Open day del Laboratorio", "start": "2027-02-18T10:00:00+01:00"},
]

VALID_SERVICES = {
    "minimal": {},
    "everything": {"audience": ["existing_business", "new_business", "cooperatives", "third_sector"],
                   "format": "hybrid", "how_to_access": "Scrivi al Laboratorio.",
                   "contact": {"email": "lab@legacoop.coop"}, "events": EVENTS},
}


@pytest.mark.parametrize("overrides", VALID_SERVICES.values(), ids=VALID_SERVICES.keys())
def test_valid_service(overrides, content_tree, fm):
    entries, report = load_one(content_tree, "services/x.md", fm.text(fm.service("seminars", **overrides)))
    assert_valid(entries, report)


SERVICE_ERRORS = {
    "kind-unknown": ({"kind": "mentoring"}, "kind:", ["`mentoring`", "coaching"]),
    "order-missing": ({"order": None}, None, ["`order`"]),
    "order-not-a-number": ({"order": "primo"}, "order:", ["`order`", "numero"]),
    "audience-unknown": ({"audience": ["sme", "giovani"]}, "audience:", ["`giovani`", "`audience` n. 2"]),
    "format-unknown": ({"format": "misto"}, "format:", ["`misto`", "hybrid"]),
    "event-start-without-time": ({"events": [{"title": "Open day del Laboratorio", "start": date(2027, 2, 18)}]},
                                 "start:", ["`events` n. 1 → `start`", "data e ora"]),
    "event-end-before-start": ({"events": [{"title": "Open day del Laboratorio", "start": datetime(2027, 2, 18, 10),
                                            "end": datetime(2027, 2, 18, 9)}]}, "end:", ["evento 1", "`end`"]),
    "event-end-equals-start": ({"events": [{"title": "Open day del Laboratorio", "start": datetime(2027, 2, 18, 10),
                                            "end": datetime(2027, 2, 18, 10)}]}, "end:", ["`end`"]),
    "event-unknown-key": ({"events": [{"title": "Open day del Laboratorio", "start": datetime(2027, 2, 18, 10),
                                       "locaton": "Roma"}]}, "locaton:", ["`locaton`", "forse intendevi `location`"]),
    "event-bad-registration-url": ({"events": [{"title": "Open day del Laboratorio",
                                                "start": datetime(2027, 2, 18, 10),
                                                "registration_url": "iscrizioni.html"}]},
                                   "registration_url:", ["`registration_url`"]),
}


@pytest.mark.parametrize("overrides, needle, fragments", SERVICE_ERRORS.values(), ids=SERVICE_ERRORS.keys())
def test_service_rule(overrides, needle, fragments, content_tree, fm):
    text = fm.text(fm.service(**{"kind": "seminars", **overrides}))
    entries, report = load_one(content_tree, "services/x.md", text)
    assert entries == []
    assert_one_error(report, line_of(text, needle) if needle else 1, *fragments)


def test_models_reject_unknown_keys_directly(fm):
    """The models themselves (used by the schema and by other tools) forbid extra keys."""
    for model, data in ((Call, fm.call()), (Story, fm.story()), (Service, fm.service())):
        with pytest.raises(ValidationError, match="colore"):
            model.model_validate({**data, "colore": "rosso"})


def test_paths_are_reported_relative_to_the_repository(content_tree, fm):
    _, report = load_one(content_tree, "calls/x.md", fm.text(fm.call(title="Ba")))
    assert report.sorted()[0].format().startswith("content/calls/x.md:2: error: ")
