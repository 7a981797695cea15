"""A call's changes in plain Italian: the sheet's "Cronologia delle modifiche" and the feeds' notes.

``describe`` turns one :class:`~build_tools.deriving.changes.Change` into a phrase such as
"scadenza prorogata dal 10 al 20 dicembre 2026, ore 17:00" or "documento aggiunto: FAQ";
``history_lines`` gives the sheet's lines, newest first, the first publication last.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any


from build_tools.deriving.changes import KINDS, Change
from build_tools.deriving.site import CallPage
from build_tools.outputs.italian import format_day, format_eur, format_moment, format_percent, on_moment
from build_tools.reading.models.common import ROME, end_of, start_of

REQUIREMENT_NAMES = {"sizes": "dimensione d'impresa", "territory": "territorio", "ateco": "codici ATECO",
                     "company_age": "anzianità dell'impresa", "aid_regime": "regime di aiuto",
                     "selection": "modalità di selezione", "purposes": "finalità"}
_STATUS_SET = {"suspended": "bando sospeso", "funds_exhausted": "fondi esauriti", "cancelled": "bando annullato"}
_STATUS_CLEARED = {"suspended": "sospensione revocata", "funds_exhausted": "fondi di nuovo disponibili",
                   "cancelled": "annullamento revocato"}


@dataclass(frozen=True)
class HistoryLine:
    day: date
    text: str  # "scadenza prorogata dal 10 al 20 dicembre 2026, ore 17:00"

    def __str__(self) -> str:
        return f"{format_day(self.day)} — {self.text}"


# -- words ---------------------------------------------------------------------------------


def _elides(n: int) -> bool:
    """Numbers read with a vowel first (uno, otto, undici, ottanta…): "dall'8", "all'80%"."""
    return n in (1, 8, 11) or 80 <= n <= 89


def _from(n: float) -> str:
    return "dall'" if _elides(int(n)) else "dal "


def _to(n: float) -> str:
    return "all'" if _elides(int(n)) else "al "


def _day_of(moment: date | datetime) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def _local(moment: date | datetime) -> date | datetime:
    return moment.astimezone(ROME) if isinstance(moment, datetime) else moment


def span(old: date | datetime, new: date | datetime) -> str:
    """"dal 10 al 20 dicembre 2026, ore 17:00": shared month, year and hour said once."""
    old, new = _local(old), _local(new)
    o_day, n_day = _day_of(old), _day_of(new)
    same_time = (isinstance(old, datetime) and isinstance(new, datetime) and old.strftime("%H:%M") == new.strftime("%H:%M"))
    if same_time or not (isinstance(old, datetime) or isinstance(new, datetime)):
        if (o_day.year, o_day.month) == (n_day.year, n_day.month):
            first = "1°" if o_day.day == 1 else str(o_day.day)
        elif o_day.year == n_day.year:
            first = format_day(o_day).rsplit(" ", 1)[0]  # "1° luglio": no year
        else:
            first = format_day(o_day)
        text = f"{_from_day(o_day.day)}{first} {_to_day(n_day.day)}{format_day(n_day)}"
        return text + (f", ore {new:%H:%M}" if same_time else "")
    return f"{_from_day(o_day.day)}{format_moment(old)} {_to_day(n_day.day)}{format_moment(new)}"


def _from_day(day: int) -> str:
    """Before a day number: the first of the month is "1°" (primo), so "dal 1°", never "dall'1"."""
    return "dal " if day == 1 else _from(day)


def _to_day(day: int) -> str:
    return "al " if day == 1 else _to(day)


def _moved(what: str, old: date | datetime, new: date | datetime, later: str, earlier: str) -> str:
    if end_of(new) == end_of(old) and start_of(new) == start_of(old):
        return f"{what}: {format_moment(new)}"
    verb = later if end_of(new) > end_of(old) else earlier
    return f"{what} {verb} {span(old, new)}"


def _amount(name: str, old: float | None, new: float | None) -> str:
    end = "a" if name.startswith("dotazione") else "o"  # la dotazione, il contributo
    if old is None:
        return f"{name} indicat{end}: {format_eur(new)}" if new is not None else ""
    if new is None:
        return f"{name} non più indicat{end} (era {format_eur(old)})"
    verb = "aumentat" if new > old else "ridott"
    return f"{name} {verb}{end} da {format_eur(old)} a {format_eur(new)}"


def _labels(values: Any) -> str:
    return ", ".join(v.label for v in values)


def _added_removed(name: str, old: tuple, new: tuple) -> list[str]:
    added = [v for v in new if v not in old]
    removed = [v for v in old if v not in new]
    parts = []
    if added:
        parts.append(f"{name} aggiunti: {_labels(added)}")
    if removed:
        parts.append(f"{name} tolti: {_labels(removed)}")
    return parts


# -- one change ----------------------------------------------------------------------------


def _deadline(before: tuple, after: tuple) -> str:
    (old, old_rolling), (new, new_rolling) = before, after
    if old is not None and new is not None and old != new:
        text = _moved("scadenza", old, new, "prorogata", "anticipata")
    elif new is not None and old is None:
        text = f"scadenza fissata: {format_moment(new)}"
    elif old is not None and new is None:
        text = (f"ora a sportello, senza scadenza (era {on_moment(old)})" if new_rolling
                else f"scadenza tolta (era {on_moment(old)})")
        return text
    else:
        text = ""
    if new_rolling != old_rolling:
        rolling = "ora a sportello, fino a esaurimento dei fondi" if new_rolling else "non più a sportello"
        text = f"{text}; {rolling}" if text else rolling
    return text


def _opening(old: Any, new: Any) -> str:
    if old is not None and new is not None:
        return _moved("apertura", old, new, "rinviata", "anticipata")
    if new is not None:
        return f"apertura fissata: {format_moment(new)}"
    return f"data di apertura tolta (era {on_moment(old)})"


def _windows(before: tuple, after: tuple) -> str:
    parts = []
    for i in range(max(len(before), len(after))):
        old = before[i] if i < len(before) else None
        new = after[i] if i < len(after) else None
        name = f"«{(new or old)[0] or f'finestra {i + 1}'}»"
        if old is None:
            parts.append(f"aggiunta la finestra {name} (scadenza {format_moment(new[2])})")
        elif new is None:
            parts.append(f"tolta la finestra {name}")
        else:
            if old[2] != new[2]:
                parts.append(_moved(f"{name}: scadenza", old[2], new[2], "prorogata", "anticipata"))
            if old[1] != new[1]:
                parts.append(f"{name}: " + _opening(old[1], new[1]))
    return "; ".join(parts) or "finestre aggiornate"


def _status(before: tuple, after: tuple) -> str:
    (old, old_note), (new, new_note) = before, after
    if new is not None and new == old:
        return f"nota sullo stato aggiornata: {new_note}"
    if new is not None:
        return f"{_STATUS_SET[new.value]}: {new_note}"
    return _STATUS_CLEARED[old.value]


def _documents(before: tuple, after: tuple) -> str:
    old_urls, new_urls = {u for _, u in before}, {u for _, u in after}
    added = [t for t, u in after if u not in old_urls]
    removed = [t for t, u in before if u not in new_urls]
    replaced = [t for t in added if t in removed]
    added = [t for t in added if t not in replaced]
    removed = [t for t in removed if t not in replaced]
    parts = []
    for titles, one, many in ((added, "documento aggiunto", "documenti aggiunti"),
                              (replaced, "documento aggiornato", "documenti aggiornati"),
                              (removed, "documento tolto", "documenti tolti")):
        if titles:
            parts.append(f"{one if len(titles) == 1 else many}: {', '.join(titles)}")
    return "; ".join(parts) or "documenti rinominati"


def describe(change: Change) -> str:
    """One change as a phrase that starts in lower case (it follows a date or a colon)."""
    before, after = change.before, change.after
    kind = change.kind
    if kind == "scadenza":
        return _deadline(before, after)
    if kind == "apertura":
        return _opening(before, after)
    if kind == "finestre":
        return _windows(before, after)
    if kind == "stato":
        return _status(before, after)
    if kind == "importi":
        names = ("dotazione complessiva", "contributo minimo", "contributo massimo")
        return "; ".join(p for n, o, a in zip(names, before, after) if o != a for p in [_amount(n, o, a)] if p)
    if kind == "percentuale":
        if before is None:
            return f"intensità dell'aiuto indicata: fino {_to(after)}{format_percent(after)}"
        if after is None:
            return "intensità dell'aiuto non più indicata"
        return f"intensità dell'aiuto cambiata {_from(before)}{format_percent(before)} {_to(after)}{format_percent(after)}"
    if kind == "beneficiari":
        parts = _added_removed("beneficiari", before[0], after[0]) + _added_removed("destinatari prioritari", before[1], after[1])
        return "; ".join(parts)
    if kind == "requisiti":
        changed = [REQUIREMENT_NAMES[k] for (k, o), (_, a) in zip(before, after) if o != a]
        return f"requisiti modificati: {', '.join(changed)} (vedi la scheda)"
    if kind == "documenti":
        return _documents(before, after)
    if kind == "pagina-ufficiale":
        return f"nuovo indirizzo della pagina ufficiale: {after}"
    raise ValueError(f"tipo di modifica sconosciuto: {kind}")


# -- a call's history ----------------------------------------------------------------------


def _ordered(changes: tuple[Change, ...]) -> list[Change]:
    """Newest day first; within a day, in the order of ``KINDS``."""
    return sorted(changes, key=lambda c: (-c.day.toordinal(), KINDS.index(c.kind)))


def history_lines(page: CallPage) -> list[HistoryLine]:
    """The sheet's "Cronologia delle modifiche": newest first, the first publication last."""
    lines = [HistoryLine(c.day, describe(c)) for c in _ordered(page.changes)]
    return lines + [HistoryLine(page.call.published, "prima pubblicazione")]


def latest_changes_note(page: CallPage) -> str | None:
    """"Modificato il 20 novembre 2026: scadenza prorogata …; documento aggiunto: FAQ" (the newest day)."""
    if not page.changes:
        return None
    newest = max(c.day for c in page.changes)
    what = "; ".join(describe(c) for c in _ordered(page.changes) if c.day == newest)
    return f"Modificato {on_moment(newest)}: {what}"
