"""Field types and small blocks shared by the three collections."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timezone
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

ROME = ZoneInfo("Europe/Rome")

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SLUG_MAX = 80
TAG_RE = SLUG_RE
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$")
#: Invisible characters that crash feed writers (C0/C1 controls, DEL) or disguise text: bidi
#: overrides and isolates, zero-width characters, line/paragraph separators.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_DISGUISE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u2028\u2029\u00ad]")
#: Years a content date may carry: anything else is a typo (and 9999 or 0001 with an offset
#: cannot even be converted to UTC).
YEAR_MIN, YEAR_MAX = 2000, 2100
#: An amount above a thousand billion euros is a typo.
MONEY_MAX = 1_000_000_000_000


class StrictModel(BaseModel):
    """Unknown keys are errors (the loader turns them into "did you mean" hints)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


def _check_plain(value: str) -> str:
    """Any front-matter text: no control character (a tab or a line end in a longer text is fine)."""
    match = _CONTROL.search(value)
    if match:
        raise ValueError(f"contiene un carattere di controllo invisibile (U+{ord(match.group()):04X}): "
                         "riscrivi il testo a mano (spesso arriva da un copia-incolla)")
    return value


def _check_line(value: str) -> str:
    """Titles, names and summaries: also no bidi override, zero-width or line-separator character."""
    _check_plain(value)
    match = _DISGUISE.search(value)
    if match:
        raise ValueError(f"contiene un carattere invisibile (U+{ord(match.group()):04X}) che può cambiare come il testo "
                         "appare: riscrivi il testo a mano")
    if "\t" in value or "\n" in value:
        raise ValueError("deve stare su una riga sola (niente a capo né tabulazioni)")
    return value


def _check_url(value: str) -> str:
    if not isinstance(value, str) or not _URL_RE.match(value) or _CONTROL.search(value) or _DISGUISE.search(value):
        raise ValueError("indirizzo web non valido: deve iniziare con https:// (per esempio https://www.regione.lazio.it/)")
    return value


def _check_slug(value: str) -> str:
    if not SLUG_RE.match(value) or len(value) > SLUG_MAX:
        raise ValueError(
            f"`{value}` non è uno slug valido: solo lettere minuscole, cifre e trattini, massimo {SLUG_MAX} caratteri"
        )
    return value


def _check_tag(value: str) -> str:
    if not TAG_RE.match(value):
        raise ValueError(f"`{value}` non è un'etichetta valida: usa parole minuscole unite da trattini (es. `economia-sociale`)")
    return value


def _check_email(value: str) -> str:
    if not EMAIL_RE.match(value):
        raise ValueError(f"`{value}` non è un indirizzo email valido")
    return value


def _parse_moment(value: Any) -> Any:
    """Accept a YAML date/datetime or an ISO string; a naive date-time is Europe/Rome."""
    if isinstance(value, str):
        text = value.strip()
        try:
            value = date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text.replace(" ", "T", 1))
        except ValueError:
            raise ValueError(
                f"`{text}` non è una data valida: usa AAAA-MM-GG (es. 2027-03-31) "
                "o AAAA-MM-GGTHH:MM (es. 2027-03-31T12:00)"
            ) from None
    if isinstance(value, date) and not YEAR_MIN <= value.year <= YEAR_MAX:
        raise ValueError(f"l'anno {value.year} non è plausibile: usa un anno tra {YEAR_MIN} e {YEAR_MAX}")
    if isinstance(value, datetime):
        return value.replace(tzinfo=ROME) if value.tzinfo is None else value
    if isinstance(value, date):
        return value
    raise ValueError("serve una data nel formato AAAA-MM-GG")


def _parse_date(value: Any) -> Any:
    value = _parse_moment(value)
    if isinstance(value, datetime):
        raise ValueError("qui serve solo la data (AAAA-MM-GG), senza ora")
    return value


def _parse_datetime(value: Any) -> Any:
    value = _parse_moment(value)
    if not isinstance(value, datetime):
        raise ValueError("qui serve data e ora (AAAA-MM-GGTHH:MM, es. 2027-01-20T15:00)")
    return value


Url = Annotated[str, AfterValidator(_check_url), Field(json_schema_extra={"format": "uri", "pattern": "^https?://"})]
# the pattern sits in json_schema_extra: as a Field constraint after the validator it never reaches the schema
Slug = Annotated[
    str, AfterValidator(_check_slug), Field(max_length=SLUG_MAX, json_schema_extra={"pattern": SLUG_RE.pattern})
]
Tag = Annotated[str, AfterValidator(_check_tag), Field(json_schema_extra={"pattern": TAG_RE.pattern})]
Email = Annotated[str, AfterValidator(_check_email), Field(json_schema_extra={"format": "email"})]
# length constraints first: after a validator they would lose their own error type (and message)
Title = Annotated[str, Field(min_length=5, max_length=200), AfterValidator(_check_line)]
Summary = Annotated[str, Field(min_length=20, max_length=400), AfterValidator(_check_line)]
Text = Annotated[str, Field(min_length=1), AfterValidator(_check_plain)]
#: A name or a label shown on one line (funder, cooperative, contact, window, place).
Name = Annotated[str, Field(min_length=1), AfterValidator(_check_line)]
Money = Annotated[float, Field(ge=0, le=MONEY_MAX, allow_inf_nan=False)]
#: A date, or a date-time (Europe/Rome when written without offset).
Moment = Annotated[datetime | date, BeforeValidator(_parse_moment)]
Day = Annotated[date, BeforeValidator(_parse_date)]
Instant = Annotated[datetime, BeforeValidator(_parse_datetime)]


def start_of(moment: date | datetime) -> datetime:
    """When a bare date begins, in Rome (e.g. `opens: 2027-01-15`)."""
    if isinstance(moment, datetime):
        return moment
    return datetime.combine(moment, time(0, 0, 0), ROME)


def end_of(moment: date | datetime) -> datetime:
    """When a bare date ends, in Rome: a bare `deadline` is 23:59:59 that day (contract §1)."""
    if isinstance(moment, datetime):
        return moment
    return datetime.combine(moment, time(23, 59, 59), ROME)


def to_rome(moment: datetime) -> datetime:
    return moment.astimezone(ROME)


class Link(StrictModel):
    """A document attached to a call (`documents`)."""

    title: Name = Field(title="Titolo del documento")
    url: Url = Field(title="Indirizzo del documento")


class Contact(StrictModel):
    """Who to ask (`contact`)."""

    name: Name | None = Field(None, title="Nome o ufficio")
    email: Email | None = Field(None, title="Email")
    phone: Name | None = Field(None, title="Telefono")
    url: Url | None = Field(None, title="Pagina dei contatti")


class Source(StrictModel):
    """Who told a story (`source`)."""

    name: Name = Field(title="Fonte")
    url: Url | None = Field(None, title="Link alla fonte")


def dst_note(moment: date | datetime | None) -> str | None:
    """A warning when a Rome time written without offset falls in the spring gap or the autumn repeated hour."""
    if not isinstance(moment, datetime) or moment.tzinfo is not ROME:
        return None
    first, second = moment.replace(fold=0), moment.replace(fold=1)
    if first.utcoffset() == second.utcoffset():
        return None
    real = to_rome(first.astimezone(timezone.utc))
    written = moment.strftime("%H:%M del %d/%m/%Y")
    if real.replace(tzinfo=None) != moment.replace(tzinfo=None):  # the hour skipped in spring
        return (f"alle {written} l'ora di Roma non esiste (passaggio all'ora legale): vale come "
                f"{real.strftime('%H:%M')} ora legale ({real.isoformat()}); scrivi l'ora giusta")
    later = to_rome(second.astimezone(timezone.utc))
    return (f"alle {written} l'ora di Roma si ripete (ritorno all'ora solare): vale la prima volta, "
            f"{real.isoformat()}; per la seconda scrivi {later.isoformat()}")


class Problem(BaseModel):
    """A cross-field rule broken by an item, located at a key path."""

    loc: tuple[str | int, ...]
    message: str
    code: str
    warning: bool = False
