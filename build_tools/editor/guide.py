"""`guide`: the parts of the editor guide (``CONTRIBUTING.md``) that come from the code.

The guide is hand-written Italian prose with generated regions between HTML comments,
``<!-- NAME:inizio -->`` … ``<!-- NAME:fine -->``:

- ``campi``: one table per collection and per nested block — key, Italian name, required or
  not, type and rules, description, allowed values with their Italian labels — read from
  the pydantic models and the vocabularies (:mod:`build_tools.reading.models`);
- ``stati``: the statuses a call can show, from :class:`CallStatus`;
- ``modelli``: ready-to-paste templates, each validated by the checker when generated;
- ``messaggi``: what the check prints for the common mistakes, produced by running the
  checker on broken examples (:mod:`build_tools.editor.guide_examples`), so every quoted message is real.

``python -m build_tools guide`` rewrites the regions; ``--check`` only compares, and the
test suite fails when the committed guide and the models disagree.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable, Iterator
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

from annotated_types import Ge, Gt, Le, Lt, MaxLen, MinLen
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from build_tools.codes import CODES
from build_tools.editor.guide_examples import GuideError, render_messages, render_templates
from build_tools.reading.models import CallStatus
from build_tools.reading.models.common import (
    _check_email, _check_slug, _check_tag, _check_url, _parse_date, _parse_datetime, _parse_moment,
)
from build_tools.reading.models.eligibility_keys import _ateco_code, _istat, _sigla, is_open_to
from build_tools.reading.registry import COLLECTIONS, Collection
from build_tools.deriving.status import ARCHIVED, DEFAULT_CLOSING_SOON_DAYS


def marker(name: str, end: bool = False) -> str:
    return f"<!-- {name}:{'fine' if end else 'inizio'} -->"


# --- field tables ------------------------------------------------------------------------

_VALIDATOR_TEXT: dict[Callable[..., Any], str] = {
    _check_url: "indirizzo web completo, `https://…`",
    _check_slug: "nome di un file senza `.md` (minuscole, cifre, trattini)",
    _check_tag: "parola minuscola, con trattini (es. `economia-sociale`)",
    _check_email: "indirizzo email",
    _parse_moment: "data `AAAA-MM-GG`, oppure data e ora `AAAA-MM-GGTHH:MM` (ora di Roma)",
    _parse_date: "data `AAAA-MM-GG`",
    _sigla: "sigla di una provincia italiana, due lettere maiuscole (`RM`)",
    _istat: "codice ISTAT del comune, sei cifre tra virgolette (`\"058091\"`)",
    _ateco_code: "sezione ATECO (una lettera, `J`) o divisione (due cifre, `62`)",
    _parse_datetime: "data e ora `AAAA-MM-GGTHH:MM` (ora di Roma)",
}


def _expand(items: list[Any]) -> list[Any]:
    """Flatten ``Annotated`` metadata, including the constraints held by nested ``Field()``s."""
    out: list[Any] = []
    for item in items:
        if isinstance(item, FieldInfo):
            out.extend(_expand(list(item.metadata)))
        else:
            out.append(item)
    return out


def _unwrap(annotation: Any, meta: list[Any]) -> tuple[Any, list[Any]]:
    """Strip ``Annotated`` and ``Optional`` layers, collecting their metadata."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            base, *extra = typing.get_args(annotation)
            annotation, meta = base, meta + _expand(extra)
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None) and not _is_any(a)]
            if len(args) != 1:
                return annotation, meta
            annotation = args[0]
        else:
            return annotation, meta


def _is_any(annotation: Any) -> bool:
    """The `"any"` branch of an eligibility key (``open_to``)."""
    if typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation == typing.Literal["any"]


def _constraint(meta: list[Any], kind: type) -> Any:
    for item in meta:
        if isinstance(item, kind):
            return item
    return None


def _text_rule(meta: list[Any]) -> str:
    low, high = _constraint(meta, MinLen), _constraint(meta, MaxLen)
    pattern = next((getattr(m, "pattern", None) for m in meta if getattr(m, "pattern", None)), None)
    if pattern:
        return f"testo nel formato `{pattern}`"
    if low and high:
        return f"testo, da {low.min_length} a {high.max_length} caratteri"
    if high:
        return f"testo, al massimo {high.max_length} caratteri"
    return "testo"


def _number_rule(word: str, meta: list[Any]) -> str:
    parts = []
    for kind, sign, attr in ((Gt, ">", "gt"), (Ge, "≥", "ge"), (Lt, "<", "lt"), (Le, "≤", "le")):
        found = _constraint(meta, kind)
        if found is not None:
            value = getattr(found, attr)
            parts.append(f"{sign} {int(value) if float(value).is_integer() else value}")
    return word + (", " + " e ".join(parts) if parts else "")


def model_of(annotation: Any) -> type[BaseModel] | None:
    base, _ = _unwrap(annotation, [])
    if typing.get_origin(base) is list:
        base, _ = _unwrap(typing.get_args(base)[0], [])
    return base if isinstance(base, type) and issubclass(base, BaseModel) else None


def enum_of(annotation: Any) -> type[Enum] | None:
    base, _ = _unwrap(annotation, [])
    if typing.get_origin(base) is list:
        base, _ = _unwrap(typing.get_args(base)[0], [])
    return base if isinstance(base, type) and issubclass(base, Enum) else None


def rule(annotation: Any, meta: list[Any]) -> str:
    """Type and constraints of a field, in Italian."""
    if is_open_to(annotation):
        return "`any` (nessun vincolo) oppure " + rule(_unwrap(annotation, [])[0], meta)
    base, meta = _unwrap(annotation, _expand(meta))
    if typing.get_origin(base) is list:
        inner = rule(typing.get_args(base)[0], [])
        low = _constraint(meta, MinLen)
        least = f" (almeno {low.min_length})" if low and low.min_length else ""
        return f"elenco{least}; ogni elemento: {inner}"
    for item in meta:
        func = getattr(item, "func", None)
        if func in _VALIDATOR_TEXT:
            return _VALIDATOR_TEXT[func]
    if isinstance(base, type) and issubclass(base, Enum):
        return "uno dei valori ammessi"
    if isinstance(base, type) and issubclass(base, BaseModel):
        return "blocco di chiavi rientrate (tabella sotto)"
    if base is bool:
        return "`true` oppure `false`"
    if base is int:
        return _number_rule("numero intero", meta)
    if base is float:
        return _number_rule("numero", meta)
    if base is str:
        return _text_rule(meta)
    if base in (date, datetime):  # pragma: no cover - dates always carry a parser above
        return "data `AAAA-MM-GG`"
    return str(base)


def required_text(model: type[BaseModel], name: str, info: FieldInfo) -> str:
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    if extra.get("required_when"):
        return str(extra["required_when"])
    if not info.is_required():
        return "no"
    low = _constraint(list(info.metadata), MinLen)
    if typing.get_origin(_unwrap(info.annotation, [])[0]) is list and low and low.min_length:
        return f"**sì** (almeno {low.min_length})"
    return "**sì**"


def values_text(enum: type[Enum] | None) -> str:
    if enum is None:
        return ""
    return "<br>".join(f"`{m.value}` {getattr(m, 'label', '')}".rstrip() for m in enum)


def cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def describe_field(model: type[BaseModel], name: str, info: FieldInfo) -> str:
    text = info.description or ""
    if info.annotation is bool and info.default is False:
        text = (text + "; " if text else "") + "se manca vale `false`"
    return text


def field_rows(model: type[BaseModel]) -> list[str]:
    rows = ["| Chiave | Nome | Obbligatoria | Tipo e regole | Descrizione | Valori ammessi |",
            "|---|---|---|---|---|---|"]
    for name, info in model.model_fields.items():
        cells = [f"`{name}`", info.title or "", required_text(model, name, info),
                 rule(info.annotation, list(info.metadata)), describe_field(model, name, info),
                 values_text(enum_of(info.annotation))]
        rows.append("| " + " | ".join(cell(c) for c in cells) + " |")
    return rows


def nested_blocks(model: type[BaseModel]) -> Iterator[tuple[str, FieldInfo, type[BaseModel]]]:
    """(key, field, nested model) for every block inside ``model``, depth first."""
    for name, info in model.model_fields.items():
        nested = model_of(info.annotation)
        if nested is not None:
            yield name, info, nested
            yield from nested_blocks(nested)


def render_fields() -> str:
    out: list[str] = []
    for collection in COLLECTIONS:
        out += _collection_fields(collection)
    return "\n".join(out).rstrip("\n")


def _collection_fields(collection: Collection) -> list[str]:
    model = collection.model
    out = [f"### {collection.label} — `content/{collection.folder}/`", "",
           f"Un file per {collection.singular}; l'indirizzo pubblico è `/{collection.url_prefix}/<nome-del-file>/`.", "",
           *field_rows(model), ""]
    for key, info, nested in nested_blocks(model):
        is_list = typing.get_origin(_unwrap(info.annotation, [])[0]) is list
        shape = (f"un elenco di blocchi rientrati sotto `{key}:`; ogni blocco inizia con `- `" if is_list
                 else f"un blocco: le sue chiavi vanno rientrate di due spazi sotto `{key}:`")
        out += [f"#### {collection.label}: `{key}` ({info.title})", "",
                f"`{key}` è {shape}.", "", *field_rows(nested), ""]
    return out


# --- statuses ----------------------------------------------------------------------------

def status_rules(days: int = DEFAULT_CLOSING_SOON_DAYS) -> dict[CallStatus, str]:
    """When a call shows each status (contract §5). A missing status fails the guide."""
    return {
        CallStatus.OPEN: f"si può presentare la domanda e alla scadenza mancano più di {days} giorni",
        CallStatus.CLOSING_SOON: f"aperto, e la scadenza cade entro {days} giorni",
        CallStatus.FORTHCOMING: "prima della data `opens`, oppure tra due finestre (`windows`)",
        CallStatus.ROLLING: "`rolling: true` (a sportello, fino a esaurimento fondi) e nessuna scadenza passata",
        CallStatus.CLOSED: "l'ultima scadenza è passata (una data senza ora vale fino alle 23:59:59 di quel giorno)",
        CallStatus.SUSPENDED: "`status_override: suspended`, con `status_note`",
        CallStatus.FUNDS_EXHAUSTED: "`status_override: funds_exhausted`, con `status_note`",
        CallStatus.CANCELLED: "`status_override: cancelled`, con `status_note`",
    }


def render_statuses() -> str:
    rules = status_rules()
    rows = ["| Etichetta sul sito | Valore | Quando | Dove compare |", "|---|---|---|---|"]
    for status in CallStatus:
        where = "archivio (`/bandi/archivio/`)" if status in ARCHIVED else "elenchi dei bandi"
        rows.append(f"| **{status.label}** | `{status.value}` | {cell(rules[status])} | {where} |")
    return "\n".join(rows)


# --- the file ----------------------------------------------------------------------------

def render_codes() -> str:
    """Every diagnostic code with its Italian title and what to do (from :mod:`build_tools.codes`)."""
    rows = ["| Titolo nella pull request | Che cosa significa | Che cosa fare |", "|---|---|---|"]
    rows += [f"| `{code}` | {cell(entry.title)} | {cell(entry.hint)} |" for code, entry in CODES.items()]
    return "\n".join(rows)


def regions() -> dict[str, Callable[[], str]]:
    return {"codici": render_codes, "campi": render_fields, "stati": render_statuses, "modelli": render_templates, "messaggi": render_messages}


def update_text(text: str, rendered: dict[str, str] | None = None) -> str:
    """``text`` with every generated region rewritten."""
    if rendered is None:
        rendered = {name: render() for name, render in regions().items()}
    for name, body in rendered.items():
        start, end = marker(name), marker(name, end=True)
        pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
        if len(pattern.findall(text)) != 1:
            raise GuideError(f"nella guida servono i segnaposto `{start}` e `{end}`, una volta sola")
        note = "<!-- Parte generata da `python -m build_tools guide`: non modificarla a mano. -->"
        text = pattern.sub(lambda _m: f"{start}\n{note}\n\n{body}\n\n{end}", text)
    return text


def update_guide(path: Path, write: bool = True) -> bool:
    """Rewrite the generated regions of ``path``; True if anything changed (or would change)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise GuideError(f"impossibile leggere {path.as_posix()}: {exc.strerror}") from None
    updated = update_text(text)
    if updated != text and write:
        path.write_text(updated, encoding="utf-8")
    return updated != text
