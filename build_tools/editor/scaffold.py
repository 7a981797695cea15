"""`new`: a skeleton file for a call, story or service, generated from the model.

Required keys get a valid placeholder, optional keys are listed commented out with their
Italian title and allowed values, so the editor sees every field in one place. Calls and
stories start as ``draft: true``: they pass the check but are not published until an
editor removes the line — and then every placeholder left ("Da completare", example.org
addresses, the invented deadline marked ``# DA COMPLETARE``) is an error
(:mod:`build_tools.reading.placeholders`).
"""

from __future__ import annotations

import re
import typing
import unicodedata
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from build_tools.reading.messages import annotation_classes
from build_tools.reading.models.common import SLUG_MAX
from build_tools.reading.models.eligibility_keys import is_open_to
from build_tools.reading.registry import Collection


def slugify(title: str) -> str:
    """``"Città & Innovazione 2027!"`` → ``citta-innovazione-2027`` (accents folded, ≤80 chars)."""
    # drop only the accents: any other sign (’ – «) separates words, as a space would
    folded = "".join(c for c in unicodedata.normalize("NFKD", title) if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9]+", "-", folded.casefold()).strip("-")
    if len(slug) > SLUG_MAX:
        slug = slug[:SLUG_MAX].rsplit("-", 1)[0]
    return slug


def _enum_of(info: FieldInfo) -> type[Enum] | None:
    enums = [c for c in annotation_classes(info.annotation) if isinstance(c, type) and issubclass(c, Enum)]
    return enums[0] if enums else None


def _is_list(info: FieldInfo) -> bool:
    annotation = info.annotation
    return typing.get_origin(annotation) is list


#: The comment that marks a value `new` had to invent (the check refuses it once `draft` is removed).
PLACEHOLDER_MARK = "DA COMPLETARE"
_MARKED = {
    "deadline": "scrivi la scadenza del bando ufficiale (con l'ora, se c'è) e togli «DA COMPLETARE»",
    "order": "scegli la posizione nei menu e togli «DA COMPLETARE»",
}
_CHOOSE = "scegli tra i valori elencati e togli «DA COMPLETARE»"


def _placeholder(name: str, info: FieldInfo, title: str, today: date) -> Any:
    """A valid value for a required field."""
    special: dict[str, Any] = {
        "title": title,
        "summary": "Da completare: una o due frasi semplici su cosa finanzia e per chi.",
        "published": today,
        "deadline": today + timedelta(days=60),
        "order": 9,
        "url": "https://www.example.org/da-completare",
    }
    if name in special:
        return special[name]
    enum = _enum_of(info)
    if enum is not None:
        values = [m.value for m in enum]
        choice = "other" if "other" in values else values[0]  # "other" never needs extra keys (pnrr does)
        return [choice] if _is_list(info) else choice
    if _is_list(info):
        return ["da-completare"]
    return "Da completare"


def _yaml_value(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_yaml_value(v) for v in value) + "]"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    if re.search(r"[:#\[\]{},&*!|>'\"%@`]", text) or text != text.strip():
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


def _comment(info: FieldInfo) -> str:
    parts = [info.title or ""]
    if is_open_to(info.annotation):
        parts.append("se manca: «non indicato dal bando»; `any`: nessun vincolo")
    if info.description:
        parts.append(info.description)
    enum = _enum_of(info)
    if enum is not None:
        parts.append("valori: " + ", ".join(m.value for m in enum))
    return " — ".join(p for p in parts if p)


def _block_fields(info: FieldInfo) -> list[tuple[str, FieldInfo]]:
    """The keys of an eligibility block (`territory`, `ateco`, `company_age`), shown indented."""
    if not is_open_to(info.annotation):
        return []
    blocks = [c for c in annotation_classes(info.annotation) if isinstance(c, type) and issubclass(c, BaseModel)]
    return list(blocks[0].model_fields.items()) if blocks else []


def skeleton(collection: Collection, title: str, today: date) -> str:
    """The text of a new file for ``collection`` titled ``title``."""
    model: type[BaseModel] = collection.model
    lines = ["---"]
    for name, info in model.model_fields.items():
        if name == "draft":
            continue
        if info.is_required() or name == "deadline":
            value = _placeholder(name, info, title, today)
            note = _comment(info)
            todo = _MARKED.get(name) or (_CHOOSE if _enum_of(info) is not None else None)
            if todo:  # a valid value that looks real: marked, so it cannot be published unchanged
                note = f"{PLACEHOLDER_MARK}: {todo} — {note}"
            lines.append(f"{name}: {_yaml_value(value)}  # {note}")
        else:
            lines.append(f"# {name}:  # {_comment(info)}")
            lines.extend(f"#   {key}:  # {_comment(sub)}" for key, sub in _block_fields(info))
    if "draft" in model.model_fields:
        lines.append("draft: true  # togli questa riga per pubblicare")
    lines.append("---")
    lines.append("")
    lines.extend(_BODIES.get(collection.name, ["Testo da completare."]))
    return "\n".join(lines) + "\n"


_BODIES = {
    "calls": ["## Cosa finanzia", "", "Da completare.", "", "## Chi può partecipare", "", "Da completare.", "",
              "## Come partecipare", "", "Da completare.", "", "## Come ti accompagna il Laboratorio", "",
              "Da completare."],
    "stories": ["Da completare: la cooperativa, il problema, la soluzione digitale, i risultati."],
    "services": ["Da completare: a chi serve il servizio e come funziona."],
}
