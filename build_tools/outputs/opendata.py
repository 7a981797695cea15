"""Open data under /dati/: stable file names, a JSON Schema for each file, a spreadsheet-ready CSV.

- ``dati/bandi.json`` and ``dati/bandi.csv``: every published call (current and archived)
  with its status and derived fields at ``generated_at`` (= the build's "now");
- ``dati/storie.json``, ``dati/servizi-eventi.json``;
- ``dati/schema/*.schema.json``: the editors' front-matter schemas (``build_tools.outputs.schema``)
  and ``dati/schema/<file>.schema.json`` for each data file, generated from ``records``.

The CSV is for Italian spreadsheets: UTF-8 with BOM, ``;`` separator, decimal comma, no
thousands separator, lists joined with `` | ``, yes/no as ``sì``/``no``. The requirements
(contract §2b) keep their three states: an empty cell is "non indicato", ``any`` is "no
constraint", a block is written ``key=value; key=value`` (``provinces=RM | LT; office=operating``).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from functools import cache, partial
from typing import Any

from pydantic import BaseModel

from build_tools.reading.models.common import end_of
from build_tools.outputs.schema import SCHEMA_BASE, schema_files
from build_tools.deriving.site import CallPage, ServicePage, Site, StoryPage
from build_tools.outputs import Output, SiteSettings
from build_tools.outputs.calendar import call_has_ics, call_ics_path
from build_tools.outputs.links import absolute, base_url
from build_tools.outputs.records import (
    CallRecord, CallsDocument, Envelope, EventRecord, ServiceRecord, ServicesDocument, StoryRecord,
    StoriesDocument, WindowRecord,
)
from build_tools.outputs.facts import current_deadline

LICENSE = "CC-BY-4.0"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/deed.it"
CSV_SEPARATOR = ";"
LIST_SEPARATOR = " | "

#: data file → (document model, title)
DATASETS: dict[str, tuple[type[Envelope], str]] = {
    "dati/bandi.json": (CallsDocument, "Bandi e finanziamenti"),
    "dati/storie.json": (StoriesDocument, "Storie di cooperative innovative"),
    "dati/servizi-eventi.json": (ServicesDocument, "Servizi ed eventi del Laboratorio"),
}


def data_schema_path(data_path: str) -> str:
    """``dati/bandi.json`` → ``dati/schema/bandi.json.schema.json``."""
    return f"dati/schema/{data_path.rsplit('/', 1)[-1]}.schema.json"


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def call_record(page: CallPage, site: Site, base: str) -> CallRecord:
    call, timing = page.call, page.timing
    current = current_deadline(page)
    upcoming = timing.deadline_at is not None and timing.deadline_at >= site.now
    return CallRecord(
        slug=page.slug, url=absolute(base, page.url), title=call.title, summary=call.summary,
        funder=call.funder, managing_body=call.managing_body,
        funding_source=call.funding_source, funding_source_label=call.funding_source.label,
        pnrr_mission=call.pnrr.mission if call.pnrr else None,
        pnrr_mission_label=call.pnrr.mission.label if call.pnrr else None,
        pnrr_component=call.pnrr.component if call.pnrr else None,
        pnrr_investment=call.pnrr.investment if call.pnrr else None,
        support_types=call.support_types, beneficiaries=call.beneficiaries, target_groups=call.target_groups,
        pathways=call.pathways, scope=call.scope, scope_label=call.scope.label, area=call.area,
        opens=timing.opens_at, deadline=timing.deadline_at,
        deadline_has_time=current.has_time if current else None,
        deadline_extended_from=end_of(call.deadline_extended_from) if call.deadline_extended_from else None,
        windows=[WindowRecord(label=w.label, opens=o, deadline=d)
                 for w, (o, d) in zip(call.windows, call.deadlines() if call.windows else [])],
        rolling=call.rolling, status=timing.status, status_label=timing.status.label,
        status_note=call.status_note,
        days_left=timing.days_left(site.now) if upcoming else None,
        budget_total_eur=_number(call.budget_total_eur), min_grant_eur=_number(call.min_grant_eur),
        max_grant_eur=_number(call.max_grant_eur), funding_rate_pct=_number(call.funding_rate_pct),
        sizes=call.sizes, territory=call.territory, ateco=call.ateco, company_age=call.company_age,
        aid_regime=call.aid_regime, aid_regime_label=call.aid_regime.label if call.aid_regime else None,
        selection=call.selection, selection_label=call.selection.label if call.selection else None,
        purposes=call.purposes,
        official_url=call.url, calendar_url=absolute(base, call_ics_path(page)) if call_has_ics(page) else None,
        published=call.published, updated=call.updated, verified=call.verified, tags=call.tags,
    )


def story_record(page: StoryPage, base: str) -> StoryRecord:
    story = page.story
    return StoryRecord(
        slug=page.slug, url=absolute(base, page.url), title=story.title, summary=story.summary,
        cooperative=story.cooperative, cooperative_url=story.cooperative_url,
        sector=story.sector, sector_label=story.sector.label, regions=story.regions,
        technologies=story.technologies, pathway=story.pathway,
        pathway_label=story.pathway.label if story.pathway else None, published=story.published,
        source_name=story.source.name if story.source else None, source_url=story.source.url if story.source else None,
        related_calls=[c.slug for c in page.calls], tags=story.tags,
    )


def service_record(page: ServicePage, site: Site, base: str) -> ServiceRecord:
    service = page.service
    events = [EventRecord(title=e.title, start=e.start, end=e.end, location=e.location, online_url=e.online_url,
                          registration_url=e.registration_url, description=e.description,
                          upcoming=(e.end or e.start) >= site.now)
              for e in sorted(service.events, key=lambda e: e.start)]
    return ServiceRecord(
        slug=page.slug, url=absolute(base, page.url), title=service.title, summary=service.summary,
        kind=service.kind, kind_label=service.kind.label, order=service.order, format=service.format,
        audience=service.audience, how_to_access=service.how_to_access, events=events,
    )


def _document(path: str, items: list[Any], site: Site, settings: SiteSettings, base: str) -> BaseModel:
    model, title = DATASETS[path]
    return model(title=f"{title} – {settings.site_name}", generated_at=site.now, source=base,
                 schema_url=absolute(base, data_schema_path(path)), license=LICENSE, license_url=LICENSE_URL,
                 demo=settings.demo, count=len(items), items=items)


def to_json(model: BaseModel) -> str:
    """Stable key order (the model's), real UTF-8, one trailing newline.

    The same text as ``json.dumps(model.model_dump(mode="json"), ensure_ascii=False, indent=2)``,
    written by pydantic's serialiser (the standard library's indenting encoder is pure Python).
    A NaN or an infinity never reaches the file: the content models refuse them, and so do the
    records (``Number``), so none can turn into ``null`` on the way.
    """
    return model.model_dump_json(indent=2) + "\n"


#: A cell starting with one of these is a formula to Excel and LibreOffice (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """OWASP's advice: a text cell that a spreadsheet would run as a formula starts with ``'`` instead."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def _cell(value: Any) -> str:
    """A JSON value as an Italian spreadsheet cell (text that looks like a formula is neutralised)."""
    return neutralise(_text(value)) if isinstance(value, (str, list, dict)) else _text(value)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "sì" if value else "no"
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    if isinstance(value, list):
        return LIST_SEPARATOR.join(_text(v) for v in value)
    if isinstance(value, dict) and "deadline" not in value:  # a requirement: "provinces=RM | LT; office=operating"
        return "; ".join(f"{k}={_text(v)}" for k, v in value.items() if v is not None)
    if isinstance(value, dict):  # a window: "Prima finestra: 2026-03-02T12:00:00+01:00/2026-05-29T17:00:00+02:00"
        span = "/".join(str(value[k]) for k in ("opens", "deadline") if value.get(k))
        return f"{value['label']}: {span}" if value.get("label") else span
    return str(value)


def calls_csv(records: list[CallRecord]) -> bytes:
    """``dati/bandi.csv``: same columns and order as the JSON records."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_SEPARATOR, lineterminator="\r\n")
    writer.writerow(list(CallRecord.model_fields))
    for record in records:
        writer.writerow([_cell(v) for v in record.model_dump(mode="json").values()])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def data_schema(path: str, base: str) -> str:
    """JSON Schema of one data file, generated from its pydantic model."""
    model, title = DATASETS[path]
    schema = model.model_json_schema(mode="serialization")
    schema = {"$schema": SCHEMA_BASE, "$id": absolute(base, data_schema_path(path)), **schema,
              "title": f"{title} – {path}"}
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False) + "\n"


def _json_document(path: str, items: Callable[[], list[Any]], site: Site, settings: SiteSettings, base: str) -> str:
    return to_json(_document(path, items(), site, settings, base))


def build_opendata(site: Site, settings: SiteSettings) -> list[Output]:
    """JSON, CSV and their schemas; needs ``site_url`` (records carry absolute URLs)."""
    base = base_url(settings, "i dati aperti")
    calls = cache(lambda: [call_record(p, site, base) for p in site.calls])
    documents = {
        "dati/bandi.json": calls,
        "dati/storie.json": lambda: [story_record(p, base) for p in site.stories],
        "dati/servizi-eventi.json": lambda: [service_record(p, site, base) for p in site.services],
    }
    outputs = [Output.later(path, partial(_json_document, path, items, site, settings, base), "application/json")
               for path, items in documents.items()]
    outputs.append(Output.later("dati/bandi.csv", lambda: calls_csv(calls()), "text/csv"))
    outputs += [Output(data_schema_path(path), data_schema(path, base), "application/schema+json") for path in DATASETS]
    outputs += [Output(f"dati/schema/{name}", text, "application/schema+json") for name, text in schema_files().items()]
    return outputs
