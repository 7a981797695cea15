"""Eligibility of a call (contract §2b): optional keys with three states.

Omitted means "non indicato" (unknown), the string ``any`` means the call states there is no
constraint, a value or a list is a constraint. ``OpenTo[T]`` is that union: a tagged union
whose tag is chosen from the value, so an editor gets one message about the branch they meant
(the tags are dropped from error locations by :func:`build_tools.reading.messages.clean_loc`).
"""

from __future__ import annotations

import difflib
import types
import typing
from collections import Counter
from typing import Annotated, Any, Literal, Union

from pydantic import BeforeValidator, Discriminator, Field, Tag

from build_tools.reading.models.common import Problem, StrictModel
from build_tools.reading.models.places import (
    ATECO_DIVISIONS, MUNICIPALITY_RE, PROVINCE_REGION, PROVINCES, municipality_province,
)
from build_tools.reading.models.vocab import AtecoVersion, CompanySize, Office, Purpose, Region

ANY = "any"
ANY_TAG = "(any)"  # error-location tags of the two branches: never shown to editors
VALUE_TAG = "(vincolo)"
TAGS = (ANY_TAG, VALUE_TAG)


def _branch(enum_values: frozenset[str]):  # noqa: ANN202
    def pick(value: Any) -> str:
        # a bare enum value (`sizes: small`) is a list written without brackets: say so
        if isinstance(value, str) and value not in enum_values:
            return ANY_TAG
        return VALUE_TAG
    return pick


def open_to(constraint: Any, enum: Any = None) -> Any:
    """``"any"`` or ``constraint``: the type of an eligibility key."""
    values = frozenset(m.value for m in enum) if enum is not None else frozenset()
    return Annotated[
        Union[Annotated[Literal["any"], Tag(ANY_TAG)], Annotated[constraint, Tag(VALUE_TAG)]],
        Discriminator(_branch(values)),
    ]


def is_open_to(annotation: Any) -> bool:
    """True for an ``open_to(...)`` type, optional or not (the guide and the skeleton describe it)."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) not in (Union, types.UnionType):
        return False
    for arg in typing.get_args(annotation):
        inner = typing.get_args(arg)[0] if typing.get_origin(arg) is typing.Annotated else arg
        if inner == Literal["any"] or (inner is not arg and is_open_to(arg)):
            return True
    return False


# --- field types -----------------------------------------------------------------------------

def _sigla(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    text = value.strip().upper()
    if text in PROVINCE_REGION:
        return text
    names = {name.upper(): s for provinces in PROVINCES.values() for s, name in provinces.items()}
    if text in names:
        raise ValueError(f"`{value}`: scrivi la sigla della provincia, `{names[text]}`")
    close = difflib.get_close_matches(text, list(PROVINCE_REGION), n=1, cutoff=0.5)
    hint = f": forse intendevi `{close[0]}`?" if close else ""
    raise ValueError(f"`{value}` non è la sigla di una provincia italiana{hint} (due lettere, es. `RM`, `FR`, `LT`)")


def _istat(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        raise ValueError(f"scrivi il codice ISTAT tra virgolette, con le sue sei cifre (es. \"058091\" per Roma): "
                         f"senza virgolette `{value}` perde gli zeri iniziali")
    if isinstance(value, str) and not MUNICIPALITY_RE.match(value.strip()):
        raise ValueError(f"`{value}` non è un codice ISTAT di comune: sei cifre tra virgolette, es. \"058091\" (Roma)")
    return value.strip() if isinstance(value, str) else value


def _ateco_code(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        value = f"{value:02d}"
    if isinstance(value, str):
        text = value.strip().upper()
        if len(text) == 1 and text.isalpha() or len(text) == 2 and text.isdigit():
            return text
    raise ValueError(f"`{value}` non è una sezione ATECO (una lettera, es. `J`) né una divisione (due cifre, es. `62`)")


def _text(value: Any) -> Any:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Sigla = Annotated[str, BeforeValidator(_sigla), Field(json_schema_extra={"pattern": "^[A-Z]{2}$"})]
IstatCode = Annotated[str, BeforeValidator(_istat), Field(json_schema_extra={"pattern": MUNICIPALITY_RE.pattern})]
AtecoCode = Annotated[str, BeforeValidator(_ateco_code), Field(json_schema_extra={"pattern": "^([A-Z]|[0-9]{2})$"})]


class Territory(StrictModel):
    """Where an applicant must be (`territory`); `scope: lazio` already implies the region."""

    regions: list[Region] | None = Field(None, min_length=1, title="Regioni")
    provinces: list[Sigla] | None = Field(None, min_length=1, title="Province (sigle)", description="es. RM, FR, LT, RI, VT")
    municipalities: list[IstatCode] | None = Field(
        None, min_length=1, title="Comuni (codici ISTAT)", description='sei cifre tra virgolette, es. "058091" = Roma')
    office: Office | None = Field(None, title="Sede richiesta nel territorio",
                                  description="se il bando chiede una sede nel territorio; se manca, il bando non precisa quale sede")


class Ateco(StrictModel):
    """Economic activities admitted or excluded (`ateco`)."""

    version: Annotated[AtecoVersion, BeforeValidator(_text)] = Field(
        title="Versione ATECO", description='"2007" o "2025" (la 2025 vale dal 1° aprile 2025)')
    include: list[AtecoCode] | None = Field(None, min_length=1, title="Attività ammesse",
                                            description="sezioni (una lettera) o divisioni (due cifre): solo queste possono partecipare")
    exclude: list[AtecoCode] | None = Field(None, min_length=1, title="Attività escluse", description=(
        "sezioni (una lettera) o divisioni (due cifre) escluse; una divisione non può stare anche in `include`"))


class CompanyAge(StrictModel):
    """How old the applicant company may be (`company_age`)."""

    min_years: int | None = Field(None, ge=0, title="Anni di attività, almeno")
    max_years: int | None = Field(None, ge=0, title="Anni di attività, al massimo", description="es. 5 per «costituite da non più di 5 anni»")
    to_be_founded: bool | None = Field(None, title="Aperto a chi deve ancora costituire l'impresa", description=(
        "`true` se può fare domanda anche chi deve ancora costituire l'impresa (es. una cooperativa costituenda)"))


Sizes = open_to(list[CompanySize], CompanySize)
TerritoryOrAny = open_to(Territory)
AtecoOrAny = open_to(Ateco)
CompanyAgeOrAny = open_to(CompanyAge)
Purposes = open_to(list[Purpose], Purpose)


# --- rules a schema cannot express -------------------------------------------------------------

def _duplicates(values: list[Any]) -> list[str]:
    return [str(v) for v, n in Counter(values).items() if n > 1]


def eligibility_problems(call: Any) -> list[Problem]:
    """Cross-field rules of §2b (lists without duplicates, consistent places, ATECO codes)."""
    out: list[Problem] = []

    def bad(loc: tuple[str | int, ...], code: str, message: str) -> None:
        out.append(Problem(loc=loc, code=code, message=message))

    lists: list[tuple[tuple[str, ...], Any]] = [(("sizes",), call.sizes), (("purposes",), call.purposes)]
    territory, ateco, age = call.territory, call.ateco, call.company_age
    if isinstance(territory, Territory):
        lists += [(("territory", k), getattr(territory, k)) for k in ("regions", "provinces", "municipalities")]
    if isinstance(ateco, Ateco):
        lists += [(("ateco", k), getattr(ateco, k)) for k in ("include", "exclude")]
    for loc, values in lists:
        if isinstance(values, list) and _duplicates(values):
            bad(loc, "duplicate_value", f"valori ripetuti: {', '.join(_duplicates(values))} (scrivi ogni valore una volta)")
    if isinstance(territory, Territory):
        _territory_problems(call.scope.value, territory, bad)
    if isinstance(ateco, Ateco):
        _ateco_problems(ateco, bad)
    if isinstance(age, CompanyAge):
        if age.min_years is None and age.max_years is None and age.to_be_founded is None:
            bad(("company_age",), "company_age_empty",
                "`company_age` è vuoto: indica `min_years`, `max_years` o `to_be_founded`, oppure scrivi `company_age: any`")
        if age.min_years is not None and age.max_years is not None and age.min_years > age.max_years:
            bad(("company_age", "min_years"), "company_age_range", "`min_years` è maggiore di `max_years`")
        if age.to_be_founded and age.min_years:
            bad(("company_age", "to_be_founded"), "company_age_founded",
                "`to_be_founded: true` non si concilia con `min_years`: chi non ha ancora costituito l'impresa non ha anni di attività")
    return out


def _territory_problems(scope: str, territory: Territory, bad: Any) -> None:
    places = territory.regions or territory.provinces or territory.municipalities
    if not places and scope == "local":
        bad(("territory",), "territory_empty",
            "con `scope: local` indica dove: `regions`, `provinces` o `municipalities` dentro `territory`")
    regions = {r.value for r in territory.regions or []}
    if scope == "lazio" and regions - {"lazio"}:
        bad(("territory", "regions"), "territory_scope",
            "con `scope: lazio` il territorio è nel Lazio: togli le altre regioni o cambia `scope`")
    allowed = regions or ({"lazio"} if scope == "lazio" else set())
    for province in territory.provinces or []:
        if allowed and PROVINCE_REGION[province] not in allowed:
            bad(("territory", "provinces"), "territory_province",
                f"la provincia `{province}` non è in {', '.join(sorted(allowed))}")
    sigle = set(territory.provinces or [])
    for code in territory.municipalities or []:
        province = municipality_province(code)
        if province is None:
            continue
        if sigle and province not in sigle or allowed and PROVINCE_REGION[province] not in allowed:
            bad(("territory", "municipalities"), "territory_municipality",
                f"il comune `{code}` è in provincia di {province}, fuori dal territorio indicato")


def _ateco_problems(ateco: Ateco, bad: Any) -> None:
    version = ateco.version.value
    divisions = ATECO_DIVISIONS[version]
    sections = set(divisions.values())
    if not ateco.include and not ateco.exclude:
        bad(("ateco",), "ateco_empty", "`ateco` deve avere almeno `include` o `exclude` (oppure scrivi `ateco: any`)")
    for key in ("include", "exclude"):
        for code in getattr(ateco, key) or []:
            if code not in divisions and code not in sections:
                kind = "sezione" if code.isalpha() else "divisione"
                bad(("ateco", key), "ateco_code", f"la {kind} `{code}` non esiste in ATECO {version}")
    both = set(ateco.include or []) & set(ateco.exclude or [])
    if both:
        bad(("ateco", "exclude"), "ateco_both",
            f"{', '.join(sorted(both))} è sia in `include` sia in `exclude`: tienilo in una lista sola")
