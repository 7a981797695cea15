"""`report --issue-body FILE`: the nightly list of what editors must look at, as an issue body.

A job summary is read by nobody; an open issue notifies the people who watch the
repository. The nightly run writes this body and opens, updates or closes one issue,
"Scadenze e fonti da ricontrollare" (the workflow does the GitHub side: this module only
writes Markdown, so it is tested without GitHub). Three lists, each row with a link that
opens the file in GitHub's web editor:

- calls whose deadline has passed and that nobody has looked at since: an editor either
  records an extension (*proroga*) or confirms the call is over by writing today's date in
  ``verified`` — a ``verified`` on or after the deadline takes the call off the list;
- calls closing within a week;
- calls still open whose official source was last verified more than 90 days ago.

The rows come from the checker's own warnings (``deadline_passed``, ``closing_soon``,
``stale_verified``), so the issue and the check never disagree. Nothing to list gives an
empty body: the workflow then closes the issue.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from babel.dates import format_date

from build_tools.deriving.deadlines import STALE_VERIFIED_DAYS
from build_tools.deriving.status import CallTiming, today_in_rome
from build_tools.diagnostics import Diagnostic
from build_tools.pipeline import CheckResult
from build_tools.reading.loader import Entry
from build_tools.reading.models import Call
from build_tools.reading.models.common import to_rome
from build_tools.reading.registry import CALLS

ISSUE_TITLE = "Scadenze e fonti da ricontrollare"
#: "This week": calls closing within this many days are listed.
WEEK_DAYS = 7
#: GitHub refuses an issue body over 65,536 characters: at most this many rows per list.
MAX_ROWS = 150
#: Links that open a file (``content/calls/x.md``) in GitHub's web editor, or None for plain paths.
EditLink = Callable[[str], str | None]


def github_edit_link(env: dict[str, str]) -> EditLink | None:
    """Links to the web editor on the branch that was checked (the default branch, at night)."""
    server, repo = env.get("GITHUB_SERVER_URL"), env.get("GITHUB_REPOSITORY")
    branch = env.get("GITHUB_REF_NAME") or "main"
    if not (server and repo):
        return None
    return lambda path: f"{server}/{repo}/edit/{branch}/{path}"


def render_issue_body(result: CheckResult, now: datetime, edit: EditLink | None = None) -> str:
    """The issue body, or ``""`` when there is nothing to look at. Run the check with ``WEEK_DAYS``."""
    report = result.report
    calls = {report.relpath(e.path): e for e in result.content[CALLS.name]}
    by_code: dict[str, list[tuple[Diagnostic, Entry]]] = {"deadline_passed": [], "closing_soon": [], "stale_verified": []}
    for d in report.sorted():
        if d.code in by_code and d.path in calls:
            by_code[d.code].append((d, calls[d.path]))
    timings = result.timings
    expired = [(d, e) for d, e in by_code["deadline_passed"] if _unconfirmed(e, timings[e.slug])]
    sections = [
        _expired(expired, now, timings, edit),
        _closing(by_code["closing_soon"], now, timings, edit),
        _stale(by_code["stale_verified"], now, edit),
    ]
    if not any(sections):
        return ""
    day = format_date(to_rome(now).date(), "d MMMM y", locale="it")
    head = [
        f"Elenco aggiornato ogni notte dalla pubblicazione del sito (ultimo aggiornamento: {day}, ora di Roma). "
        "Ogni voce ha un link **Modifica** che apre il file nell'editor di GitHub; quando tutte le voci sono "
        "sistemate, questa segnalazione si chiude da sola.",
        "",
    ]
    return "\n".join(head + [line for section in sections for line in section]).rstrip("\n") + "\n"


def _unconfirmed(entry: Entry, timing: CallTiming) -> bool:
    """True until an editor has looked at the call after its deadline (``verified`` on or after it)."""
    call = entry.item
    assert isinstance(call, Call)
    deadline = timing.deadline_at
    return call.verified is None or deadline is None or call.verified < to_rome(deadline).date()


def _row(d: Diagnostic, entry: Entry, edit: EditLink | None, *cells: str) -> str:
    title = " ".join(str(entry.item.title).split()).replace("|", "\\|")  # type: ignore[attr-defined]
    url = edit(d.path) if edit else None
    where = f"[Modifica]({url}) `{d.path}`" if url else f"`{d.path}`"
    return "| " + " | ".join([title, *cells, where]) + " |"


def _capped(rows: list[str]) -> list[str]:
    if len(rows) <= MAX_ROWS:
        return rows
    return rows[:MAX_ROWS] + ["", f"… e altre {len(rows) - MAX_ROWS} voci: `python -m build_tools check` le elenca tutte."]


def _day(moment: datetime) -> str:
    return format_date(to_rome(moment).date(), "d MMMM y", locale="it")


def _expired(items: list[tuple[Diagnostic, Entry]], now: datetime, timings: dict[str, CallTiming],
             edit: EditLink | None) -> list[str]:
    if not items:
        return []
    today = today_in_rome(now)
    rows = []
    for d, entry in items:
        deadline = timings[entry.slug].deadline_at
        assert deadline is not None
        ago = (today - to_rome(deadline).date()).days
        rows.append((-ago, _row(d, entry, edit, _day(deadline), "oggi" if ago == 0 else f"{ago} giorni fa")))
    return [
        f"### Bandi scaduti da archiviare o aggiornare ({len(items)})",
        "",
        "Sul sito sono già nell'archivio. Controlla la pagina ufficiale: se c'è una proroga, scrivi la nuova data in "
        "`deadline` e quella vecchia in `deadline_extended_from`; se il bando è davvero chiuso, scrivi la data di oggi "
        "in `verified` e la voce sparisce da qui.",
        "",
        "| Bando | Scadenza | Scaduto | File |",
        "|---|---|---|---|",
        *_capped([row for _, row in sorted(rows)]),
        "",
    ]


def _closing(items: list[tuple[Diagnostic, Entry]], now: datetime, timings: dict[str, CallTiming],
             edit: EditLink | None) -> list[str]:
    if not items:
        return []
    rows = []
    for d, entry in items:
        timing = timings[entry.slug]
        assert timing.deadline_at is not None
        left = timing.days_left(now) or 0
        when = "oggi" if left == 0 else ("domani" if left == 1 else f"tra {left} giorni")
        rows.append((left, _row(d, entry, edit, _day(timing.deadline_at), when)))
    return [
        f"### In scadenza questa settimana ({len(items)})",
        "",
        "Da ricordare nei canali del Laboratorio; se l'ente ha prorogato, aggiorna `deadline`.",
        "",
        "| Bando | Scadenza | Scade | File |",
        "|---|---|---|---|",
        *_capped([row for _, row in sorted(rows)]),
        "",
    ]


def _stale(items: list[tuple[Diagnostic, Entry]], now: datetime, edit: EditLink | None) -> list[str]:
    if not items:
        return []
    today = today_in_rome(now)
    rows = []
    for d, entry in items:
        verified = entry.item.verified  # type: ignore[attr-defined]
        age = (today - verified).days
        rows.append((-age, _row(d, entry, edit, format_date(verified, "d MMMM y", locale="it"), f"{age} giorni fa")))
    return [
        f"### Fonti da ricontrollare ({len(items)})",
        "",
        f"Bandi ancora aperti la cui pagina ufficiale non è stata ricontrollata da più di {STALE_VERIFIED_DAYS} "
        "giorni: controlla date e importi, correggi quello che è cambiato e scrivi la data di oggi in `verified`.",
        "",
        "| Bando | Ultima verifica | Da quanto | File |",
        "|---|---|---|---|",
        *_capped([row for _, row in sorted(rows)]),
        "",
    ]
