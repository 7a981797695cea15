"""The search index: Pagefind over the built site, whatever rendered it (Italian stemming from ``lang``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class SearchIndexError(RuntimeError):
    pass


def index_site(site_dir: Path) -> None:
    """Index ``site_dir`` in place (writes ``pagefind/``); Italian message on failure."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent",
               "--exclude-selectors", ".headerlink"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SearchIndexError(f"Pagefind non è riuscito a indicizzare il sito:\n{done.stderr or done.stdout}")
