"""What a page of the built site costs a visitor before any interaction, in compressed bytes.

No browser: the page's HTML is parsed and every resource it loads by itself is resolved in the
site folder — stylesheets, scripts (deferred or not: they all load before the visitor can do
anything), images that are not lazy, the favicon, and what the loaded CSS pulls in with
``url()`` or ``@import``. Each file counts once, gzip-compressed as a static host serves it
(Pagefind's ``.pf_*`` files, images and fonts are already compressed and count as they are).
Used by ``tests/test_page_weight.py`` (the byte budget) and ``benchmarks/run.py``.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

KB = 1000
#: The byte budget per page type (compressed, before any interaction): tests/test_page_weight.py
#: asserts it on the demo site, benchmarks/run.py prints it at every size.
BUDGETS = {"call": 50 * KB, "story": 50 * KB, "listing": 80 * KB}

_COMPRESSED = (".png", ".jpg", ".jpeg", ".webp", ".avif", ".gif", ".woff", ".woff2", ".pf_meta",
               ".pf_index", ".pf_fragment", ".pf_filter", ".pagefind")
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


def compressed_size(path: Path) -> int:
    data = path.read_bytes()
    if path.suffix.lower() in _COMPRESSED:
        return len(data)
    return len(gzip.compress(data, compresslevel=9, mtime=0))


class _Loads(HTMLParser):
    """The URLs a page asks for while it loads."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        rel = set(a.get("rel", "").lower().split())
        if tag == "link" and rel & {"stylesheet", "icon", "preload", "modulepreload"} and a.get("href"):
            self.urls.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.urls.append(a["src"])
        elif tag in ("img", "source") and a.get("loading") != "lazy":
            for key in ("src", "srcset"):
                for candidate in (a.get(key) or "").split(","):
                    if candidate.strip():
                        self.urls.append(candidate.strip().split()[0])


@dataclass
class Weight:
    page: str
    html: int
    resources: dict[str, int] = field(default_factory=dict)  # site path -> compressed bytes

    @property
    def total(self) -> int:
        return self.html + sum(self.resources.values())


def _local(site: Path, base: PurePosixPath, url: str) -> str | None:
    """``url`` as a path under ``site``, or None when it is external or a data: URI."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    target = PurePosixPath(unquote(parts.path))
    joined = target if parts.path.startswith("/") else base / target
    normal: list[str] = []
    for piece in joined.parts:
        if piece in ("", "/", "."):
            continue
        if piece == "..":
            if normal:
                normal.pop()
            continue
        normal.append(piece)
    rel = "/".join(normal)
    if (site / rel).is_dir():
        rel = f"{rel}/index.html".lstrip("/")
    return rel if (site / rel).is_file() else None


def page_weight(site: Path, page: str) -> Weight:
    """Compressed bytes of ``page`` (a path under ``site``, e.g. ``bandi/index.html``) and all it loads."""
    html_path = site / page
    parser = _Loads()
    parser.feed(html_path.read_text(encoding="utf-8"))
    weight = Weight(page, compressed_size(html_path))
    queue = [(PurePosixPath(page).parent, url) for url in parser.urls]
    while queue:
        base, url = queue.pop(0)
        rel = _local(site, base, url)
        if rel is None or rel in weight.resources:
            continue
        path = site / rel
        weight.resources[rel] = compressed_size(path)
        if path.suffix == ".css":
            text = path.read_text(encoding="utf-8", errors="replace")
            queue += [(PurePosixPath(rel).parent, a or b) for a, b in _CSS_URL.findall(text)]
    return weight
