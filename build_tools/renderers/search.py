"""The search index: Pagefind over the built site, whatever rendered it (Italian stemming from ``lang``).

One bundle per part of the site: ``pagefind/`` indexes every page but the archived calls'
sheets, and each year of the archive has its own, ``pagefind/archivio/<anno>/`` (the year a
sheet is filed under, which it carries as ``data-lab-search-bundle``: :func:`bundle_of`). A
visitor's first search downloads the list of pages and the index chunks of the first bundle
only — the archive grows every year, the current calls do not — and ``assets/lab-search.js``
merges the archive's years (Pagefind's ``mergeIndex``; the search page lists them) when the
visitor goes past the current results, or when there are fewer of them than one page of
results. Writing a bundle is when Pagefind needs the most memory, about 0.2 MB per page: one
bundle per year keeps that bounded by a year of calls as the archive grows. The archive's
bundles keep only their data files: the first bundle's script and WebAssembly search them all.

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
from collections import Counter
from pathlib import Path

#: What reads as an apostrophe: ’ ‘ ʼ ′ and their HTML entities.
_APOSTROPHES = re.compile(r"[\u2019\u2018\u02bc\u2032]|&(?:rsquo|lsquo|#8217|#x2019|#8216|#x2018);")


#: Never indexed: permalink signs, and the labels of a call's key facts ("Ente finanziatore",
#: "Territorio"…), the same words on every sheet: their values are indexed, the labels would
#: only grow the index a phone downloads (by about a third at 5,000 calls) and find every call.
EXCLUDED = (".headerlink", ".lab-facts dt")
#: The folder of the archive's bundles, inside ``pagefind/`` (assets/lab-search.js asks for the same).
ARCHIVE_BUNDLE = "archivio"
#: What puts an archived call's sheet in its year's bundle (``CallView.search_bundle``).
_BUNDLE_MARK = re.compile(r'data-lab-search-bundle="(\d{4})"')
#: What every page to index carries (every sheet, story and service; ``overrides/main.html``
#: gives it to hand-written pages); listings have none, so Pagefind leaves them out.
BODY_MARKER = "data-pagefind-body"
#: What a merged bundle needs: its entry file, page list, index chunks, fragments and filters.
_DATA = ("pagefind-entry.json", "index", "fragment", "filter")


#: Pagefind's allocator (jemalloc, which reads ``_RJEM_MALLOC_CONF``) keeps the pages it frees
#: for ten seconds, in each of its arenas (four per core): writing a bundle frees and allocates
#: in bursts, so Pagefind's resident size climbs well past what it holds at once. Given back at
#: once, its peak over a bundle of 1,300 pages falls from about 255 to 210 MiB, below the
#: build's own process, for about 3% more build time (``make bench`` prints Pagefind's peak).
ALLOCATOR = {"_RJEM_MALLOC_CONF": "dirty_decay_ms:0"}
#: Bundles smaller than this keep Pagefind's default: giving freed pages back at once costs
#: about a sixth of the time Pagefind takes to write a bundle, and a small bundle's peak stays
#: well below the build's own process without it (1,000 calls: bundles of 230 to 270 pages,
#: 57 to 69 MiB where the build's process peaks at 96; 45 to 51 MiB with :data:`ALLOCATOR`).
LARGE_BUNDLE = 400


class SearchIndexError(RuntimeError):
    pass


def pagefind_environment(pages: int | None = None) -> dict[str, str]:
    """This process's environment, with :data:`ALLOCATOR` for a bundle of at least
    :data:`LARGE_BUNDLE` pages (``pages`` None: not known, given), unless the caller set its own."""
    allocator = ALLOCATOR if pages is None or pages >= LARGE_BUNDLE else {}
    return {**allocator, **os.environ}


def normalise_apostrophes(text: str) -> str:
    """``dell’impresa`` → ``dell'impresa``: the form Pagefind splits into two words."""
    return _APOSTROPHES.sub("'", text)


def bundle_of(html: str) -> str:
    """Where a page is indexed, inside ``pagefind/``: ``""`` (the first bundle), or ``archivio/<anno>``."""
    found = _BUNDLE_MARK.search(html)
    return f"{ARCHIVE_BUNDLE}/{found[1]}" if found else ""


def _stage(site_dir: Path, stage: Path) -> Counter[str]:
    """The pages Pagefind reads, one folder per bundle (:func:`bundle_of`; ``attuali`` for the
    first): normalised where needed, else hard links (or copies). Returns each folder's pages."""
    pages: Counter[str] = Counter()
    for page in site_dir.rglob("*.html"):
        relative = page.relative_to(site_dir)
        if relative.parts[0] == "pagefind":
            continue
        text = page.read_text(encoding="utf-8", errors="replace")
        folder = bundle_of(text) or "attuali"
        pages[folder] += 1
        target = stage / folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        normal = normalise_apostrophes(text)
        if normal != text:
            target.write_text(normal, encoding="utf-8")
            continue
        try:
            os.link(page, target)
        except OSError:
            shutil.copyfile(page, target)
    return pages


def _pagefind(stage: Path, output: Path, pages: int) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", str(stage), "--silent", "--output-path", str(output)]
    for selector in EXCLUDED:
        command += ["--exclude-selectors", selector]
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=pagefind_environment(pages))
    if done.returncode != 0:
        raise SearchIndexError(f"Pagefind non è riuscito a indicizzare il sito:\n{done.stderr or done.stdout}")


def keep_data(bundle: Path) -> None:
    """A merged bundle without the script, WebAssembly and UI files the first bundle serves."""
    for path in bundle.iterdir():
        if path.name not in _DATA and not path.name.endswith(".pf_meta"):
            shutil.rmtree(path) if path.is_dir() else path.unlink()


def index_site(site_dir: Path) -> None:
    """Index ``site_dir`` in place (writes ``pagefind/`` and the archive's ``pagefind/archivio/<anno>/``);
    Italian message on failure."""
    site_dir = site_dir.resolve()
    with tempfile.TemporaryDirectory(prefix=".lab-search-", dir=site_dir.parent) as tmp:
        (Path(tmp) / "attuali").mkdir()
        pages = _stage(site_dir, Path(tmp))
        _pagefind(Path(tmp) / "attuali", site_dir / "pagefind", pages["attuali"])
        for bundle in sorted(pages.keys() - {"attuali"}):
            _pagefind(Path(tmp) / bundle, site_dir / "pagefind" / bundle, pages[bundle])
            keep_data(site_dir / "pagefind" / bundle)
