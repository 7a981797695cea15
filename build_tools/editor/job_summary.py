"""`check --summary FILE`: the result of a check as Markdown, for a GitHub job summary.

The same findings as the terminal output, arranged for the people who act on them: the
errors to fix first, then the deadline report (calls that expired, calls closing soon,
calls whose official source was not re-checked for a while), then any other warning.
The rows come from the diagnostics themselves, so the summary never disagrees with the
annotations; the titles and dates come from the validated calls.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from babel.dates import format_date

from build_tools.reading.models.calls import STALE_VERIFIED_DAYS
from build_tools.pipeline import CheckResult
from build_tools.diagnostics import Diagnostic
from build_tools.reading.loader import Entry
from build_tools.reading.models import Call
from build_tools.reading.models.common import to_rome
from build_tools.reading.registry import CALLS
from build_tools.deriving.status import CallTiming, today_in_rome

#: Builds a link to ``path`` at ``line`` (e.g. the file on GitHub), or None for plain text.
FileLink = Callable[[str, int], str | None]

#: Expired calls older than this are folded away: they are in the archive and need nothing.
RECENT_DAYS = 30
#: A job summary is limited to 1 MiB: list at most this many rows per table.
MAX_ROWS = 300

_DEADLINE_CODES = ("deadline_passed", "closing_soon", "stale_verified")


def github_file_link(env: dict[str, str] | None) -> FileLink | None:
    """Links to the checked commit on GitHub, when running inside GitHub Actions."""
    if not env:
        return None
    server, repo, sha = env.get("GITHUB_SERVER_URL"), env.get("GITHUB_REPOSITORY"), env.get("GITHUB_SHA")
    if not (server and repo and sha):
        return None
    return lambda path, line: f"{server}/{repo}/blob/{sha}/{path}#L{line}"


def write_summary(target: Path, text: str) -> None:
    """Append ``text`` to ``target`` (GitHub gives each step its own, initially empty, file)."""
    with target.open("a", encoding="utf-8") as handle:
        handle.write(text)


def render_summary(result: CheckResult, now: datetime, closing_soon_days: int,
                   link: FileLink | None = None) -> str:
    """The whole summary as Markdown."""
    report = result.report
    diagnostics = report.sorted()
    calls = {report.relpath(e.path): e for e in result.content[CALLS.name]}
    timings = {report.relpath(e.path): result.timings[e.slug] for e in result.content[CALLS.name]}
    files = sum(len(v) for v in result.content.entries.values())
    errors = [d for d in diagnostics if d.is_error]
    warnings = [d for d in diagnostics if not d.is_error]
    by_code = {code: [d for d in warnings if d.code == code and d.path in calls] for code in _DEADLINE_CODES}
    listed = {id(d) for rows in by_code.values() for d in rows}
    others = [d for d in warnings if id(d) not in listed]

    mark = "❌" if errors else "✅"
    out = [
        "## Controllo dei contenuti",
        "",
        f"{mark} Controllo del {format_date(to_rome(now).date(), 'd MMMM y', locale='it')} alle {to_rome(now):%H:%M} "
        f"(ora di Roma): {_count(files, 'file valido', 'file validi')}, {_count(len(errors), 'errore', 'errori')}, "
        f"{_count(len(warnings), 'avviso', 'avvisi')}.",
        "",
    ]
    out += _errors_section(errors, link)
    out += _expired_section(by_code["deadline_passed"], calls, timings, now, link)
    out += _closing_section(by_code["closing_soon"], calls, timings, now, closing_soon_days, link)
    out += _stale_section(by_code["stale_verified"], calls, now, link)
    if others:
        out += [f"### Altri avvisi ({len(others)})", ""]
        out += _diagnostic_table(others, link)
    return "\n".join(out).rstrip("\n") + "\n\n"


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def cell(text: str) -> str:
    """Text that stays inside one Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _where(d: Diagnostic, link: FileLink | None) -> str:
    label = f"`{d.path}:{d.line}`"
    url = link(d.path, d.line) if link else None
    return f"[{label}]({url})" if url else label


def _call_cell(d: Diagnostic, entry: Entry, link: FileLink | None) -> str:
    title = entry.item.title  # type: ignore[attr-defined]
    url = link(d.path, d.line) if link else None
    name = f"[{cell(title)}]({url})" if url else cell(title)
    return f"{name}<br>`{d.path}`"


def _capped(rows: list[str]) -> list[str]:
    if len(rows) <= MAX_ROWS:
        return rows
    return rows[:MAX_ROWS] + ["", f"… e altre {len(rows) - MAX_ROWS} righe: vedi il log del controllo."]


def _diagnostic_table(items: list[Diagnostic], link: FileLink | None) -> list[str]:
    rows = [f"| {_where(d, link)} | {cell(d.message)} |" for d in items]
    return ["| File e riga | Problema |", "|---|---|", *_capped(rows), ""]


def _errors_section(errors: list[Diagnostic], link: FileLink | None) -> list[str]:
    if not errors:
        return ["### Errori", "", "Nessun errore: i contenuti possono essere pubblicati.", ""]
    return [
        f"### ❌ Errori da correggere ({len(errors)})",
        "",
        "Il sito non si pubblica finché c'è anche un solo errore. "
        "La guida `CONTRIBUTING.md` spiega i messaggi più comuni.",
        "",
        *_diagnostic_table(errors, link),
    ]


def _deadline_text(call: Call, moment: datetime) -> str:
    rome = to_rome(moment)
    day = format_date(rome.date(), "d MMMM y", locale="it")
    return f"{day}, ore {rome:%H:%M}" if call.is_timed or call.windows else day


def _expired_section(items: list[Diagnostic], calls: dict[str, Entry], timings: dict[str, CallTiming],
                     now: datetime, link: FileLink | None) -> list[str]:
    out = [f"### Scadenze passate ({len(items)})", ""]
    if not items:
        return out + ["Nessun bando con la scadenza passata.", ""]
    today = today_in_rome(now)
    rows: list[tuple[int, str]] = []
    for d in items:
        entry = calls[d.path]
        call = entry.item
        assert isinstance(call, Call)
        deadline = timings[d.path].deadline_at
        if deadline is None:  # pragma: no cover - a passed deadline always exists
            continue
        ago = (today - to_rome(deadline).date()).days
        rows.append((ago, f"| {_call_cell(d, entry, link)} | {_deadline_text(call, deadline)} | {_ago(ago)} |"))
    rows.sort(key=lambda r: r[0])
    recent = [row for ago, row in rows if ago <= RECENT_DAYS]
    older = [row for ago, row in rows if ago > RECENT_DAYS]
    out += ["Questi bandi sono ora nell'archivio del sito. Se l'ente ha concesso una proroga, "
            "aggiorna `deadline` e scrivi la vecchia data in `deadline_extended_from`; altrimenti non serve fare nulla.",
            ""]
    header = ["| Bando | Scadenza | Scaduto |", "|---|---|---|"]
    if recent:
        out += [*header, *_capped(recent), ""]
    if older:
        out += [f"<details><summary>Scaduti da più di {RECENT_DAYS} giorni ({len(older)})</summary>", "",
                *header, *_capped(older), "", "</details>", ""]
    return out


def _ago(days: int) -> str:
    return "oggi" if days == 0 else ("ieri" if days == 1 else f"{days} giorni fa")


def _closing_section(items: list[Diagnostic], calls: dict[str, Entry], timings: dict[str, CallTiming],
                     now: datetime, days: int, link: FileLink | None) -> list[str]:
    out = [f"### In scadenza entro {days} giorni ({len(items)})", ""]
    if not items:
        return out + ["Nessun bando in scadenza.", ""]
    rows: list[tuple[int, str]] = []
    for d in items:
        entry = calls[d.path]
        call = entry.item
        assert isinstance(call, Call)
        timing = timings[d.path]
        if timing.deadline_at is None:  # pragma: no cover - closing soon implies a deadline
            continue
        left = timing.days_left(now) or 0
        when = "oggi" if left == 0 else ("domani" if left == 1 else f"tra {left} giorni")
        rows.append((left, f"| {_call_cell(d, entry, link)} | {_deadline_text(call, timing.deadline_at)} | {when} |"))
    rows.sort(key=lambda r: r[0])
    return out + ["| Bando | Scadenza | Scade |", "|---|---|---|", *_capped([r for _, r in rows]), ""]


def _stale_section(items: list[Diagnostic], calls: dict[str, Entry], now: datetime,
                   link: FileLink | None) -> list[str]:
    out = [f"### Fonte da ricontrollare ({len(items)})", ""]
    if not items:
        return out + [f"Tutte le fonti dei bandi aperti sono state verificate negli ultimi {STALE_VERIFIED_DAYS} giorni "
                      "(o non hanno una data `verified`).", ""]
    today = today_in_rome(now)
    rows: list[tuple[int, str]] = []
    for d in items:
        entry = calls[d.path]
        call = entry.item
        assert isinstance(call, Call) and call.verified is not None
        age = (today - call.verified).days
        day = format_date(call.verified, "d MMMM y", locale="it")
        rows.append((-age, f"| {_call_cell(d, entry, link)} | {day} | {age} giorni fa |"))
    rows.sort(key=lambda r: r[0])
    return out + [
        f"Ricontrolla la pagina ufficiale di questi bandi e aggiorna `verified` (più di {STALE_VERIFIED_DAYS} giorni).",
        "",
        "| Bando | Ultima verifica | Da quanto |",
        "|---|---|---|",
        *_capped([r for _, r in rows]),
        "",
    ]
