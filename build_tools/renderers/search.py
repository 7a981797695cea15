"""The search index: Pagefind over the built site, whatever rendered it (Italian stemming from ``lang``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


#: Never indexed: permalink signs, and the labels of a call's key facts ("Ente finanziatore",
#: "Territorio"…), the same words on every sheet: their values are indexed, the labels would
#: only grow the index a phone downloads (by about a third at 5,000 calls) and find every call.
EXCLUDED = (".headerlink", ".lab-facts dt")


class SearchIndexError(RuntimeError):
    pass


def index_site(site_dir: Path) -> None:
    """Index ``site_dir`` in place (writes ``pagefind/``); Italian message on failure."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent"]
    for selector in EXCLUDED:
        command += ["--exclude-selectors", selector]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SearchIndexError(f"Pagefind non è riuscito a indicizzare il sito:\n{done.stderr or done.stdout}")
