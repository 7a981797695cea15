"""The search index: Pagefind over the built site, whatever rendered it (Italian stemming from ``lang``).

Two bundles: ``pagefind/`` indexes every page but the archived calls' sheets, and
``pagefind/archivio/`` (:data:`ARCHIVE_BUNDLE`) indexes those alone. A visitor's first search
downloads the list of pages and the index chunks of the first bundle only — the archive grows
every year, the current calls do not — and ``assets/lab-search.js`` merges the archive's
(Pagefind's ``mergeIndex``) when the visitor goes past the current results, or when there are
fewer of them than one page of results. The archive's bundle keeps only its data files: the
first bundle's script and WebAssembly search both.

Pagefind splits words on ASCII punctuation only: on a page that says "dell’impresa" (U+2019,
what word processors and official PDFs write) "impresa" would find nothing. So Pagefind
reads a copy of the pages in which typographic apostrophes are plain ones (the published
pages keep theirs); ``assets/lab-search.js`` does the same to what a visitor types. Pages
without an apostrophe to change are hard-linked into the copy, not copied.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

#: What reads as an apostrophe: ’ ‘ ʼ ′ and their HTML entities.
_APOSTROPHES = re.compile(r"[\u2019\u2018\u02bc\u2032]|&(?:rsquo|lsquo|#8217|#x2019|#8216|#x2018);")


#: Never indexed: permalink signs, and the labels of a call's key facts ("Ente finanziatore",
#: "Territorio"…), the same words on every sheet: their values are indexed, the labels would
#: only grow the index a phone downloads (by about a third at 5,000 calls) and find every call.
EXCLUDED = (".headerlink", ".lab-facts dt")
#: The archive's bundle, inside ``pagefind/`` (assets/lab-search.js asks for the same folder).
ARCHIVE_BUNDLE = "archivio"
#: What marks an archived call's sheet: the Pagefind filter ``CallView.search_filters`` gives it.
ARCHIVE_MARKER = 'data-pagefind-filter="archivio:sì"'
#: What every page to index carries (every sheet, story and service; ``overrides/main.html``
#: gives it to hand-written pages); listings have none, so Pagefind leaves them out.
BODY_MARKER = "data-pagefind-body"
#: What a merged bundle needs: its entry file, page list, index chunks, fragments and filters.
_DATA = ("pagefind-entry.json", "index", "fragment", "filter")


class SearchIndexError(RuntimeError):
    pass


def normalise_apostrophes(text: str) -> str:
    """``dell’impresa`` → ``dell'impresa``: the form Pagefind splits into two words."""
    return _APOSTROPHES.sub("'", text)


def _stage(site_dir: Path, current: Path, archive: Path) -> int:
    """The pages Pagefind reads, archived sheets apart: normalised where needed, else hard links
    (or copies). Returns how many archived sheets there are."""
    archived = 0
    for page in site_dir.rglob("*.html"):
        relative = page.relative_to(site_dir)
        if relative.parts[0] == "pagefind":
            continue
        text = page.read_text(encoding="utf-8", errors="replace")
        in_archive = ARCHIVE_MARKER in text
        archived += in_archive
        target = (archive if in_archive else current) / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        normal = normalise_apostrophes(text)
        if normal != text:
            target.write_text(normal, encoding="utf-8")
            continue
        try:
            os.link(page, target)
        except OSError:
            shutil.copyfile(page, target)
    return archived


def _pagefind(stage: Path, output: Path) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", str(stage), "--silent", "--output-path", str(output)]
    for selector in EXCLUDED:
        command += ["--exclude-selectors", selector]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SearchIndexError(f"Pagefind non è riuscito a indicizzare il sito:\n{done.stderr or done.stdout}")


def keep_data(bundle: Path) -> None:
    """A merged bundle without the script, WebAssembly and UI files the first bundle serves."""
    for path in bundle.iterdir():
        if path.name not in _DATA and not path.name.endswith(".pf_meta"):
            shutil.rmtree(path) if path.is_dir() else path.unlink()


def index_site(site_dir: Path) -> None:
    """Index ``site_dir`` in place (writes ``pagefind/`` and ``pagefind/archivio/``); Italian message on failure."""
    site_dir = site_dir.resolve()
    with tempfile.TemporaryDirectory(prefix=".lab-search-", dir=site_dir.parent) as tmp:
        current, archive = Path(tmp) / "attuali", Path(tmp) / "archivio"
        current.mkdir()
        archived = _stage(site_dir, current, archive)
        _pagefind(current, site_dir / "pagefind")
        if archived:
            _pagefind(archive, site_dir / "pagefind" / ARCHIVE_BUNDLE)
            keep_data(site_dir / "pagefind" / ARCHIVE_BUNDLE)
