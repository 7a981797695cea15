"""The search index: Pagefind over the built site, whatever rendered it (Italian stemming from ``lang``).

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


class SearchIndexError(RuntimeError):
    pass


def normalise_apostrophes(text: str) -> str:
    """``dell’impresa`` → ``dell'impresa``: the form Pagefind splits into two words."""
    return _APOSTROPHES.sub("'", text)


def _stage(site_dir: Path, stage: Path) -> None:
    """The pages Pagefind reads: normalised where needed, else hard links (or copies)."""
    for page in site_dir.rglob("*.html"):
        relative = page.relative_to(site_dir)
        if relative.parts[0] == "pagefind":
            continue
        target = stage / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        text = page.read_text(encoding="utf-8", errors="replace")
        normal = normalise_apostrophes(text)
        if normal != text:
            target.write_text(normal, encoding="utf-8")
            continue
        try:
            os.link(page, target)
        except OSError:
            shutil.copyfile(page, target)


def index_site(site_dir: Path) -> None:
    """Index ``site_dir`` in place (writes ``pagefind/``); Italian message on failure."""
    site_dir = site_dir.resolve()
    with tempfile.TemporaryDirectory(prefix=".lab-search-", dir=site_dir.parent) as tmp:
        stage = Path(tmp)
        _stage(site_dir, stage)
        command = [sys.executable, "-m", "pagefind", "--site", str(stage), "--silent",
                   "--output-path", str(site_dir / "pagefind")]
        for selector in EXCLUDED:
            command += ["--exclude-selectors", selector]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SearchIndexError(f"Pagefind non è riuscito a indicizzare il sito:\n{done.stderr or done.stdout}")
