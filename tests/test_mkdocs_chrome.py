"""The theme's chrome made once per kind of page gives the site MkDocs renders page by page, byte for byte.

:mod:`build_tools.renderers.mkdocs_chrome` renders Material's templates once per shape of
generated page and puts each page's values in; ``LAB_CHROME=0`` lets MkDocs render every page
itself. The demo content, plus calls whose titles and descriptions carry what escaping and
theme filters could treat differently (``&``, ``<``, quotes, apostrophes, the euro sign), must
give the same files with the same bytes either way; the search indexes, which Pagefind does not
write byte for byte alike even from one process, must hold the same pages, words, filters and
sorts (decoded as in ``tests/test_search_stream.py``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from content_factory import call_data, front_matter
from test_plugin import copy_project
from test_search_stream import decoded_index

TODAY = "2026-11-25"
TRICKY = {  # slug: (title, summary)
    "bando-a-b": ('Bando "A & B" <per> l’impresa', "Fino a 50.000 € – per cooperative & reti <di> imprese"),
    "bando-quote": ("L'innovazione dell'8 gennaio", 'Il "Fondo" dell’anno & altro'),
}


def _build(project: Path, out: str, chrome: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("LAB_NOW", "LAB_TODAY", "SITE_URL")}
    env["LAB_CHROME"] = chrome
    done = subprocess.run([sys.executable, "-m", "build_tools", "build", "--today", TODAY, "--",
                           "-f", str(project / "mkdocs.yml"), "-d", str(project / out)],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stderr


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and not p.relative_to(site).as_posix().startswith("pagefind/")}


def test_pages_in_the_chrome_made_once_are_the_pages_mkdocs_renders(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    for slug, (title, summary) in TRICKY.items():
        (project / "content" / "calls" / f"{slug}.md").write_text(front_matter(call_data(title=title, summary=summary)),
                                                                    encoding="utf-8")
    once_log = _build(project, "once", "1")
    alone_log = _build(project, "alone", "0")
    assert "nella cornice del tema" in once_log and "nella cornice del tema" not in alone_log
    once, alone = _files(project / "once"), _files(project / "alone")
    assert sorted(once) == sorted(alone) and len(alone) > 200
    different = [path for path in alone if alone[path] != once[path]]
    assert not different, different[:10]
    sheet = once["bandi/bando-a-b/index.html"].decode("utf-8")
    assert "<title>Bando &#34;A &amp; B&#34; &lt;per&gt; l’impresa - " in sheet or \
        "<title>Bando &quot;A &amp; B&quot; &lt;per&gt; l’impresa - " in sheet, sheet[:2000]
    years = [f"pagefind/archivio/{p.name}" for p in (project / "alone" / "pagefind" / "archivio").iterdir()]
    assert years
    for bundle in ("pagefind", *years):
        assert decoded_index(project / "once", bundle) == decoded_index(project / "alone", bundle), bundle
