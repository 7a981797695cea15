"""Turn pydantic's validation errors into Italian sentences an editor can act on."""

from __future__ import annotations

import difflib
import types
import typing
from enum import Enum
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails


#: Branch tags of the eligibility keys' tagged unions (`any` or a constraint): not keys of the file.
_UNION_TAGS = ("(any)", "(vincolo)")


def clean_loc(loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """An error location as the editor wrote it: without the tags of tagged unions."""
    return tuple(item for item in loc if item not in _UNION_TAGS)


def format_loc(loc: tuple[str | int, ...]) -> str:
    r"""``('windows', 1, 'deadline')`` → ``\`windows\` n. 2 → \`deadline\```."""
    text = ""
    for item in loc:
        if isinstance(item, int):
            text += f" n. {item + 1}"
        else:
            text += (" → " if text else "") + f"`{item}`"
    return text


def annotation_classes(annotation: Any) -> list[Any]:
    """All concrete classes inside Optional/list/Annotated/Union."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return annotation_classes(typing.get_args(annotation)[0])
    if origin in (list, tuple, set, typing.Union, types.UnionType):
        return [c for arg in typing.get_args(annotation) for c in annotation_classes(arg)]
    return [annotation]


def model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The nested model that owns the last key of ``loc`` (to suggest its field names)."""
    current: type[BaseModel] = model
    for item in loc:
        if isinstance(item, int):
            continue
        field = current.model_fields.get(str(item))
        if field is None:
            return None
        nested = [c for c in annotation_classes(field.annotation) if isinstance(c, type) and issubclass(c, BaseModel)]
        if not nested:
            return None
        current = nested[0]
    return current


def enum_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[Enum] | None:
    keys = [k for k in loc if not isinstance(k, int)]
    if not keys:
        return None
    owner = model_at(model, tuple(keys[:-1]))
    field = owner.model_fields.get(str(keys[-1])) if owner else None
    if field is None:
        return None
    enums = [c for c in annotation_classes(field.annotation) if isinstance(c, type) and issubclass(c, Enum)]
    return enums[0] if enums else None


def suggest(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(str(word), options, n=1, cutoff=0.6)
    return f": forse intendevi `{close[0]}`?" if close else ""


def describe(error: ErrorDetails, model: type[BaseModel]) -> str:
    """One Italian sentence for one pydantic error."""
    tagged = tuple(error["loc"])
    loc = clean_loc(tagged)
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    where = format_loc(loc)
    value = error.get("input")
    if kind == "missing":
        return f"manca la chiave obbligatoria {where}"
    if kind == "extra_forbidden":
        owner = model_at(model, loc[:-1])
        options = list(owner.model_fields) if owner else []
        hint = suggest(str(loc[-1]), options)
        return f"chiave sconosciuta {where}{hint or ' (controlla il nome: le chiavi ammesse sono nella guida)'}"
    if kind == "literal_error" and tagged and tagged[-1] == "(any)":
        enum = enum_at(model, loc)
        options = [m.value for m in enum] if enum else []
        hint = suggest(str(value), ["any", *options])
        rest = f"un elenco tra {', '.join(options)}" if options else "un blocco di chiavi (vedi la guida)"
        return (f"valore `{value}` non ammesso per {where}{hint or '.'} Scrivi `any` se il bando non pone "
                f"vincoli, oppure {rest}")
    if kind == "enum":
        enum = enum_at(model, loc)
        options = [m.value for m in enum] if enum else []
        hint = suggest(str(value), options)
        allowed = ", ".join(options) if options else ctx.get("expected", "")
        return f"valore `{value}` non ammesso per {where}{hint or '.'} Valori ammessi: {allowed}"
    if kind in ("string_too_short", "too_short"):
        if kind == "too_short":
            return f"{where} deve avere almeno {ctx.get('min_length', 1)} valore"
        return f"{where} è troppo corto: almeno {ctx.get('min_length')} caratteri (ora {len(str(value))})"
    if kind in ("string_too_long", "too_long"):
        return f"{where} è troppo lungo: al massimo {ctx.get('max_length')} caratteri (ora {len(str(value))})"
    if kind == "list_type" and isinstance(value, str) and value.startswith("-"):
        return (f"{where} deve essere un elenco, ma è un testo che inizia con `-`: dopo ogni trattino serve uno "
                f"spazio (`- valore`, un elemento per riga)")
    if kind == "list_type":
        return f"{where} deve essere un elenco, per esempio `[{value}]` oppure una riga `- valore` per elemento"
    if kind in ("string_type",):
        return f"{where} deve essere un testo (se inizia con un numero o contiene `:`, mettilo tra virgolette)"
    if kind in ("bool_type", "bool_parsing"):
        return f"{where} deve essere `true` o `false`"
    if kind == "finite_number":
        return f"{where} deve essere un numero vero (non `.inf` né `.nan`)"
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type", "int_from_float"):
        return f"{where} deve essere un numero (senza € né punti delle migliaia, es. 150000)"
    if kind in ("greater_than_equal", "greater_than"):
        sign = "≥" if kind == "greater_than_equal" else ">"
        return f"{where} deve essere {sign} {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        sign = "≤" if kind == "less_than_equal" else "<"
        limit = ctx.get("le", ctx.get("lt"))
        if isinstance(limit, (int, float)) and limit >= 1_000_000:
            limit = f"{limit:,.0f}".replace(",", ".")
        return f"{where} deve essere {sign} {limit}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"{where} deve essere un blocco di chiavi (`chiave: valore` rientrate sotto)"
    if kind == "string_pattern_mismatch":
        return f"{where} ha un formato non valido (`{value}`)"
    if kind == "value_error":
        message = str(error["msg"]).removeprefix("Value error, ")
        return f"{where}: {message}"
    return f"{where}: {error['msg']}"
