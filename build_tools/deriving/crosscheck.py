"""Rules that span files: references, the five services, duplicate slugs (story images: the loader)."""

from __future__ import annotations

from collections import Counter

from build_tools.diagnostics import Report
from build_tools.reading.loader import Content, Entry
from build_tools.reading.messages import suggest
from build_tools.reading.models import Service, ServiceKind
from build_tools.reading.registry import CALLS, SERVICES, STORIES

#: File names whose page would take the place of one the site makes (``/bandi/`` is ``bandi/index.md``,
#: the archive ``bandi/archivio.md``, the finder ``bandi/quale-bando.md``, the compare page
#: ``bandi/confronta.md``, the next pages of a list ``…/pagina/<n>/``, the listings by facet
#: ``bandi/per/…``, ``dove``, ``fonte``, ``percorso``, ``stato``); ``tests/test_site.py`` checks
#: the list against what the site makes.
RESERVED_SLUGS = {CALLS.name: ("index", "archivio", "quale-bando", "confronta", "pagina", "per", "dove", "fonte",
                               "percorso", "stato"),
                  STORIES.name: ("index", "pagina"), SERVICES.name: ("index", "pagina")}

_RELATIONS = (
    (CALLS.name, "related_stories", STORIES.name),
    (CALLS.name, "related_services", SERVICES.name),
    (STORIES.name, "related_calls", CALLS.name),
)


def crosscheck(content: Content, report: Report, known_slugs: dict[str, set[str]]) -> None:
    """Report broken references and collection-wide rules.

    ``known_slugs`` holds every file name found per collection, valid or not, so a
    reference to a file that merely has an error of its own is not reported twice.
    """
    for name, entries in content.entries.items():
        check_unique(entries, report)
        for entry in entries:
            if entry.slug in RESERVED_SLUGS.get(name, ()):
                where = f"{entry.collection.url_prefix}/" if entry.slug == "index" else entry.url
                report.error(entry.path, 1, "reserved_slug",
                             f"il nome `{entry.slug}` è riservato: il sito usa già l'indirizzo `/{where}`; "
                             "rinomina il file")
    for source, key, target in _RELATIONS:
        for entry in content[source]:
            for index, slug in enumerate(getattr(entry.item, key)):
                if slug not in known_slugs[target]:
                    hint = suggest(slug, sorted(known_slugs[target]))
                    report.error(entry.path, entry.line_of(key, index), "broken_reference",
                                 f"`{key}`: non esiste `content/{target}/{slug}.md`{hint}")
    _check_services(content[SERVICES.name], report, content)


def _check_services(services: list[Entry], report: Report, content: Content) -> None:
    kinds = Counter(e.item.kind for e in services if isinstance(e.item, Service))
    for entry in services:
        assert isinstance(entry.item, Service)
        if kinds[entry.item.kind] > 1:
            others = [e.path.name for e in services if e is not entry and e.item.kind == entry.item.kind]  # type: ignore[attr-defined]
            report.error(entry.path, entry.line_of("kind"), "duplicate_service_kind",
                         f"il servizio `{entry.item.kind.value}` è già descritto in {', '.join(others)}: ogni tipo una sola volta")
    folder = content.root / SERVICES.folder
    if services or folder.is_dir():
        for kind in ServiceKind:
            if kind not in kinds:
                report.error(folder, 1, "missing_service",
                             f"manca il servizio `kind: {kind.value}` ({kind.label}): i servizi sono esattamente cinque")


def check_unique(entries: list[Entry], report: Report) -> None:
    """Slugs are unique per collection (case-insensitively, for case-insensitive file systems)."""
    seen: dict[str, Entry] = {}
    for entry in entries:
        key = entry.slug.lower()
        if key in seen:
            report.error(entry.path, 1, "duplicate_slug",
                         f"lo slug `{entry.slug}` è già usato da {seen[key].path.name}: rinomina uno dei due file")
        else:
            seen[key] = entry

