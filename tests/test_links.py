"""Every internal link and asset of the built site resolves (a crawler over ``site/``, no browser).

Parses every HTML page with BeautifulSoup and checks ``href``, ``src``, ``srcset``, ``poster``,
``data`` and meta-refresh targets, plus ``url(...)`` in the site's CSS and the ``<loc>`` entries
of ``sitemap.xml``. A link is internal when it is relative, root-relative, or absolute under
the site's own URL (``site_url``, read from the home page's canonical link); those must reach
a file of the output. ``#fragment`` targets must exist as an ``id`` (or ``<a name>``) in the
target page. External ``http(s)`` links (official sites), ``mailto:``, ``tel:`` and ``data:``
URIs are not checked; ``javascript:`` URLs are reported, since the contract forbids them.

The site is built once per session (shared with the browser tests, ``tests/browser/sitebuild.py``).
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import pytest

bs4 = pytest.importorskip("bs4")

_spec = importlib.util.spec_from_file_location("lab_sitebuild", Path(__file__).parent / "browser" / "sitebuild.py")
sitebuild = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sitebuild)  # type: ignore[union-attr]

pytestmark = pytest.mark.slow

# (tag, attribute) pairs that point at another resource
_URL_ATTRS = {
    "a": ("href",), "area": ("href",), "link": ("href",),
    "img": ("src", "srcset"), "source": ("src", "srcset"), "script": ("src",),
    "iframe": ("src",), "embed": ("src",), "track": ("src",), "audio": ("src",),
    "video": ("src", "poster"), "object": ("data",), "form": ("action",),
    "input": ("src",),
}
_SKIP_SCHEMES = ("mailto", "tel", "data", "sms", "geo", "webcal", "feed")
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
_LOCAL = "http://site.invalid"  # a fake origin to resolve relative URLs against


@dataclass(frozen=True)
class Ref:
    source: str  # site-relative path of the file holding the reference
    where: str  # e.g. "a[href]"
    url: str  # as written

    def __str__(self) -> str:
        return f"{self.source}: {self.where}={self.url!r}"


class BuiltSite:
    """The parsed output: pages, their ids, and how to map a URL to a file."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.pages = {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*.html"))}
        self._soups: dict[str, object] = {}
        home = self.soup("index.html")
        canonical = home.find("link", rel="canonical") if home else None
        self.site_url = canonical["href"] if canonical and canonical.get("href", "").startswith("http") else None
        self.base_path = urlsplit(self.site_url).path if self.site_url else "/"
        if not self.base_path.endswith("/"):
            self.base_path += "/"

    def soup(self, rel: str):  # noqa: ANN201 - a BeautifulSoup
        if rel not in self._soups:
            path = self.pages.get(rel)
            self._soups[rel] = bs4.BeautifulSoup(path.read_bytes(), "html.parser") if path else None
        return self._soups[rel]

    def ids(self, rel: str) -> set[str]:
        soup = self.soup(rel)
        found = {t["id"] for t in soup.find_all(id=True)}
        found |= {t["name"] for t in soup.find_all("a", attrs={"name": True})}
        return found

    def page_url(self, rel: str) -> str:
        """The URL a page is served at, under the fake origin and the site's base path."""
        return _LOCAL + self.base_path + rel

    def classify(self, url: str, page_rel: str) -> tuple[str, str | None, str]:
        """→ (kind, site-relative target path or None, fragment). kind: internal/external/skip/bad."""
        url = url.strip()
        if not url:
            return "internal", page_rel, ""
        scheme = urlsplit(url).scheme.lower()
        if scheme == "javascript":
            return "bad", None, ""
        if scheme in _SKIP_SCHEMES:
            return "skip", None, ""
        if scheme in ("http", "https") or url.startswith("//"):
            prefix = (self.site_url or "").rstrip("/")
            if prefix and (url == prefix or url.startswith((prefix + "/", prefix + "#", prefix + "?"))):
                url = self.base_path + url[len(prefix):].lstrip("/")
            else:
                return "external", None, ""
        if page_rel == "404.html" and not url.startswith(("/", "#")):
            # MkDocs writes the 404 page's links relative to the site root
            absolute = urljoin(_LOCAL + self.base_path, url)
        else:
            absolute = urljoin(self.page_url(page_rel), url)
        parts = urlsplit(absolute)
        path = unquote(parts.path)
        if not path.startswith(self.base_path) and path + "/" != self.base_path:
            return "bad", None, parts.fragment
        rel = path[len(self.base_path):] if path.startswith(self.base_path) else ""
        return "internal", rel, unquote(parts.fragment)

    def target_file(self, rel: str) -> Path | None:
        """The output file a site-relative path is served from (``dir/`` → ``dir/index.html``)."""
        clean = str(PurePosixPath("/" + rel)).lstrip("/")
        if ".." in PurePosixPath(clean).parts:
            return None
        candidate = self.root / clean if clean else self.root
        if rel == "" or rel.endswith("/") or candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None

    @cached_property
    def references(self) -> list[Ref]:
        refs: list[Ref] = []
        for rel in self.pages:
            soup = self.soup(rel)
            for tag_name, attrs in _URL_ATTRS.items():
                for tag in soup.find_all(tag_name):
                    for attr in attrs:
                        value = tag.get(attr)
                        if value is None:
                            continue
                        if tag_name == "a" and attr == "href" and value.strip() == "#":
                            continue  # "back to top"/script handles: not a link to a place
                        if attr == "srcset":
                            for candidate in value.split(","):
                                if candidate.strip():
                                    refs.append(Ref(rel, f"{tag_name}[srcset]", candidate.split()[0]))
                        else:
                            refs.append(Ref(rel, f"{tag_name}[{attr}]", value))
            for meta in soup.find_all("meta", attrs={"http-equiv": re.compile("^refresh$", re.I)}):
                match = re.search(r"url\s*=\s*['\"]?([^'\";]+)", meta.get("content", ""), re.I)
                if match:
                    refs.append(Ref(rel, "meta[refresh]", match.group(1)))
        return refs


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return BuiltSite(sitebuild.built_site(tmp_path_factory))


def _report(problems: list[str], what: str) -> str:
    shown = "\n  ".join(problems[:80])
    more = f"\n  … and {len(problems) - 80} more" if len(problems) > 80 else ""
    return f"{len(problems)} {what}:\n  {shown}{more}"


def test_site_has_pages(site: BuiltSite) -> None:
    assert "index.html" in site.pages
    assert "404.html" in site.pages
    assert len(site.pages) >= 20, sorted(site.pages)
    assert site.references, "no link found at all: is the crawler parsing the pages?"


def test_no_javascript_urls(site: BuiltSite) -> None:
    bad = [str(r) for r in site.references if urlsplit(r.url.strip()).scheme.lower() == "javascript"]
    assert not bad, _report(bad, "javascript: URLs")


def test_internal_links_and_assets_resolve(site: BuiltSite) -> None:
    broken: list[str] = []
    for ref in site.references:
        kind, target, _ = site.classify(ref.url, ref.source)
        if kind == "bad" and urlsplit(ref.url.strip()).scheme.lower() != "javascript":
            broken.append(f"{ref}  → outside the site")
        elif kind == "internal" and site.target_file(target) is None:
            broken.append(f"{ref}  → no file for /{target}")
    assert not broken, _report(sorted(set(broken)), "broken internal links or assets")


def test_fragments_exist(site: BuiltSite) -> None:
    missing: list[str] = []
    for ref in site.references:
        kind, target, fragment = site.classify(ref.url, ref.source)
        if kind != "internal" or not fragment or ref.where.startswith(("script", "img", "link")):
            continue
        file = site.target_file(target)
        if file is None or file.suffix != ".html":
            continue
        rel = file.relative_to(site.root).as_posix()
        if fragment not in site.ids(rel) and fragment.lower() not in ("top", ""):
            missing.append(f"{ref}  → no id {fragment!r} in {rel}")
    assert not missing, _report(sorted(set(missing)), "links to missing #fragments")


def test_css_urls_resolve(site: BuiltSite) -> None:
    broken: list[str] = []
    for css in sorted(site.root.rglob("*.css")):
        rel = css.relative_to(site.root).as_posix()
        text = css.read_text(encoding="utf-8", errors="replace")
        text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
        for match in _CSS_URL.finditer(text):
            url = match.group(2).strip()
            if url.startswith(("data:", "#", "http://", "https://", "//")):
                continue
            target = unquote(urlsplit(urljoin(f"{_LOCAL}/{rel}", url)).path).lstrip("/")
            if not (site.root / target).is_file():
                broken.append(f"{rel}: url({url})  → no file /{target}")
    assert not broken, _report(sorted(set(broken)), "broken url() references in CSS")


def test_sitemap_entries_resolve(site: BuiltSite) -> None:
    sitemap = site.root / "sitemap.xml"
    if not sitemap.is_file():
        pytest.skip("the build writes no sitemap.xml")
    locs = re.findall(r"<loc>\s*([^<]+?)\s*</loc>", sitemap.read_text(encoding="utf-8"))
    broken: list[str] = []
    for loc in locs:
        kind, target, _ = site.classify(loc, "index.html")
        if kind != "internal" or site.target_file(target) is None:
            broken.append(f"sitemap.xml: {loc}  → {'not under site_url' if kind != 'internal' else 'no file'}")
    assert not broken, _report(broken, "sitemap entries that do not resolve")


def test_every_page_is_linked(site: BuiltSite) -> None:
    """No orphan: each HTML page but the 404 is the target of at least one link (or the sitemap)."""
    linked: set[str] = {"index.html", "404.html"}
    for ref in site.references:
        kind, target, _ = site.classify(ref.url, ref.source)
        if kind == "internal" and (file := site.target_file(target)) is not None:
            linked.add(file.relative_to(site.root).as_posix())
    orphans = sorted(rel for rel in site.pages if rel not in linked and not rel.startswith(("pagefind/", "assets/")))
    assert not orphans, _report(orphans, "pages no other page links to")


_ABSOLUTE_URL = re.compile(r"""https?://[^\s"'<>\\)\];,]+""")


def test_urls_in_feeds_calendars_and_data_resolve(site: BuiltSite) -> None:
    """Feeds, calendars and open data name pages by absolute URL under ``site_url``: those pages exist."""
    if not site.site_url:
        pytest.skip("no site_url: absolute URLs cannot be told apart")
    broken: list[str] = []
    checked = 0
    for path in sorted(site.root.rglob("*")):
        if path.suffix not in (".xml", ".atom", ".rss", ".ics", ".json", ".csv") or path.name.startswith("sitemap"):
            continue
        rel = path.relative_to(site.root).as_posix()
        if rel.startswith("pagefind/"):
            continue
        text = path.read_text(encoding="utf-8-sig", errors="replace")
        text = text.replace("\r\n ", "").replace("\n ", "").replace("\\/", "/")  # unfold iCalendar lines
        for url in set(_ABSOLUTE_URL.findall(text)):
            url = url.rstrip(".,;&")
            if url.endswith("&quot"):
                url = url[: -len("&quot")]
            kind, target, _ = site.classify(url, "index.html")
            if kind != "internal":
                continue
            checked += 1
            if site.target_file(target) is None:
                broken.append(f"{rel}: {url}  → no file /{target}")
    assert checked, "no absolute URL under site_url found in feeds, calendars or data"
    assert not broken, _report(sorted(set(broken)), "URLs in feeds, calendars or data that do not resolve")
