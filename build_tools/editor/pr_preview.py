"""`preview --changed FILE`: each item a pull request adds or changes, as the site will show it.

Reviewers of a content pull request are editors, not developers: rather than a diff of
YAML they need the sheet's key facts as a visitor will read them — title, status, dates,
amounts, who can apply, the official link — plus whatever the check says about that
file, and a link to download the built preview. The facts come from the same functions
the pages use (:func:`build_tools.outputs.facts.call_facts`), so the summary cannot
disagree with the site. The list of changed files comes from ``git diff --name-only``
against the pull request's base (the workflow writes it to a file).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from build_tools.deriving.status import today_in_rome
from build_tools.deriving.site import CallPage, ServicePage, StoryPage, build_site
from build_tools.diagnostics import Diagnostic
from build_tools.outputs.facts import LABELS, Fact, call_facts, story_facts
from build_tools.outputs.italian import format_moment, on_moment
from build_tools.pipeline import CheckResult
from build_tools.reading.loader import Entry
from build_tools.reading.registry import COLLECTIONS

#: At most this many items are described (a job summary is limited to 1 MiB).
MAX_ITEMS = 60


@dataclass(frozen=True)
class Changed:
    path: str  # as git prints it: content/calls/x.md
    exists: bool


def read_changed(list_file: Path, root: Path) -> list[Changed]:
    """The content files named in ``list_file`` (one path per line, as `git diff --name-only` writes)."""
    folders = {f"content/{c.folder}/" for c in COLLECTIONS}
    seen: dict[str, Changed] = {}
    for line in list_file.read_text(encoding="utf-8").splitlines():
        path = line.strip()
        if path.endswith(".md") and any(path.startswith(f) for f in folders) and path not in seen:
            seen[path] = Changed(path, (root / path).is_file())
    return list(seen.values())


def _cell(text: object) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def render_preview(result: CheckResult, now: datetime, changed: list[Changed], artifact_url: str | None = None) -> str:
    """Markdown for the job summary: one block per changed item, then how to open the preview."""
    report = result.report
    site = build_site(result.content, now, timings=result.timings) if result.ok else None
    pages: dict[str, CallPage | StoryPage | ServicePage] = {}
    if site is not None:
        for page in [*site.calls, *site.stories, *site.services]:
            pages[report.relpath(page.entry.path)] = page
    entries = {report.relpath(e.path): e for items in result.content.entries.values() for e in items}
    problems: dict[str, list[Diagnostic]] = {}
    for d in report.sorted():
        problems.setdefault(d.path, []).append(d)

    out = ["## Anteprima delle modifiche", ""]
    if not changed:
        out += ["Questa pull request non cambia nessuna scheda in `content/`.", ""]
    for item in changed[:MAX_ITEMS]:
        out += _item(item, pages.get(item.path), entries.get(item.path), problems.get(item.path, []), now,
                     built=site is not None)
    if len(changed) > MAX_ITEMS:
        out += [f"… e altre {len(changed) - MAX_ITEMS} schede: le trovi nell'anteprima del sito.", ""]
    out += _how_to_open(artifact_url)
    return "\n".join(out).rstrip("\n") + "\n\n"


def _item(item: Changed, page: CallPage | StoryPage | ServicePage | None, entry: Entry | None,
          problems: list[Diagnostic], now: datetime, built: bool) -> list[str]:
    if not item.exists:
        return [f"### 🗑️ `{item.path}`", "", "File eliminato: la scheda non sarà più sul sito.", ""]
    title = getattr(entry.item, "title", None) if entry is not None else None
    out = [f"### {_cell(title) if title else '`' + item.path + '`'}", ""]
    errors = [d for d in problems if d.is_error]
    if entry is None or errors:
        out += ["❌ **Questa scheda ha errori e il sito non può essere costruito finché non sono corretti.**", ""]
    elif _unpublished(entry.item, now):
        out += [_unpublished(entry.item, now), ""]
    elif page is None and not built:
        out += ["⏸️ Nessuna anteprima: altri file hanno errori (vedi il riepilogo del controllo qui sopra).", ""]
    if page is not None:
        rows = _facts(page, now)
        out += ["| | |", "|---|---|", *[f"| **{_cell(f.label)}** | {_cell(f.value)} |" for f in rows], ""]
        out += [f"Sul sito: `/{page.url.lstrip('/')}` · file: `{item.path}`", ""]
    elif entry is not None:
        out += [f"File: `{item.path}`", ""]
    if problems:
        out += ["Il controllo dice:", ""]
        out += [f"- {'❌ errore' if d.is_error else '⚠️ avviso'} alla riga {d.line}: {_cell(d.message)}" for d in problems]
        out += [""]
    return out


def _unpublished(item: object, now: datetime) -> str:
    """Why a valid item will not be on the site yet ("" when it will)."""
    if getattr(item, "draft", False):
        return "📝 **Bozza** (`draft: true`): controllata ma non pubblicata finché non togli la riga."
    published = getattr(item, "published", None)
    if published is not None and published > today_in_rome(now):
        return f"🕒 **Programmata**: uscirà sul sito {on_moment(published)} (`published`)."
    return ""


def _facts(page: CallPage | StoryPage | ServicePage, now: datetime) -> list[Fact]:
    if isinstance(page, CallPage):
        call = page.call
        facts = [Fact("Sintesi", call.summary), *call_facts(page), Fact("Bando ufficiale", call.url)]
        if call.opens is not None and not any(f.label == LABELS["opens"] for f in facts):
            facts.insert(2, Fact(LABELS["opens"], format_moment(call.opens)))
        return facts
    if isinstance(page, StoryPage):
        return [Fact("Sintesi", page.story.summary), *story_facts(page)]
    service = page.service
    facts = [Fact("Sintesi", service.summary), Fact("Servizio", service.kind.label)]
    if service.events:
        facts.append(Fact("Eventi in programma", str(len(page.upcoming_events(now)))))
    return facts


def _how_to_open(artifact_url: str | None) -> list[str]:
    first = (f"1. [Scarica l'anteprima del sito]({artifact_url}) (un file .zip) ed estraila." if artifact_url else
             "1. Scarica l'anteprima del sito dagli *Artifacts* in fondo a questa pagina (un file .zip) ed estraila.")
    return [
        "### Vedere l'anteprima",
        "",
        first,
        "2. Apri con il browser il file `index.html` della cartella estratta: i link tra le pagine funzionano.",
        "3. La ricerca funziona solo sul sito pubblicato: nell'anteprima usa i menu e gli elenchi.",
        "",
    ]
