"""What a reader, a search engine, a feed reader and Pagefind see of a built site, to compare builds.

Two sites rendered from the same pipeline by different renderers differ in the theme's own
assets and markup; they must not differ in what our pipeline made. :func:`page_facts` keeps,
for one HTML page, exactly that: the title and meta description, the feed links in ``<head>``,
the JSON-LD, the visible text and the link targets of the main content, and every Pagefind
marker. :func:`differences` lists, in plain words, every page or generated file on which two
sites disagree (an empty list means equivalent).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from bs4 import BeautifulSoup

PAGEFIND_ATTRS = ("data-pagefind-body", "data-pagefind-ignore", "data-pagefind-meta", "data-pagefind-filter",
                  "data-pagefind-sort", "data-pagefind-weight")
_SITEMAP_LOC = re.compile(r"<loc>([^<]*)</loc>")


def _text(node) -> str:  # noqa: ANN001 - a bs4 Tag
    return " ".join(node.get_text(" ").split())


def page_facts(html: bytes) -> dict[str, object]:
    """The parts of a page that the pipeline is responsible for, in a comparable form."""
    soup = BeautifulSoup(html, "html.parser")
    head = soup.head
    description = head.find("meta", attrs={"name": "description"}) if head else None
    main = soup.select_one("article.md-content__inner") or soup.body
    for link in main.select("a.headerlink"):  # the theme's permalink anchors (¶) are chrome
        link.decompose()
    return {
        "title": _text(soup.title) if soup.title else None,
        "description": description.get("content") if description else None,
        "feeds": [(link.get("type"), link.get("title"), link.get("href"))
                  for link in (head.find_all("link", rel="alternate") if head else [])],
        "json-ld": [json.loads(script.string or "null")
                    for script in soup.find_all("script", attrs={"type": "application/ld+json"})],
        "text": _text(main),
        "links": sorted({a["href"] for a in main.find_all("a", href=True)}),
        "pagefind": [(tag.name, attr, tag[attr]) for tag in soup.find_all(True)
                     for attr in PAGEFIND_ATTRS if tag.has_attr(attr)],
    }


def generated_files(docs: Path) -> list[str]:
    """Files a staged docs folder holds besides pages: feeds, calendars, data, hand-written assets."""
    return sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file() and p.suffix != ".md")


def html_pages(docs: Path, directory_urls: bool = True) -> list[str]:
    """The HTML file each Markdown page of a staged docs folder becomes, plus ``404.html``."""
    pages = ["404.html"]
    for source in sorted(docs.rglob("*.md")):
        rel = source.relative_to(docs).with_suffix("")
        if rel.name == "index" or not directory_urls:
            pages.append(f"{rel.as_posix()}.html")
        else:
            pages.append(f"{rel.as_posix()}/index.html")
    return sorted(pages)


def sitemap_urls(site: Path) -> list[str]:
    """The sitemap's addresses (its ``lastmod`` dates are the build day's, not ours)."""
    return sorted(_SITEMAP_LOC.findall((site / "sitemap.xml").read_text(encoding="utf-8")))


def pagefind_pages(site: Path) -> int:
    """How many pages Pagefind indexed (its index files themselves differ from build to build)."""
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())


def _first_difference(key: str, expected: object, actual: object) -> str:
    if isinstance(expected, str) and isinstance(actual, str):
        at = next((i for i, (a, b) in enumerate(zip(expected, actual)) if a != b), min(len(expected), len(actual)))
        return f"{key}: …{expected[max(0, at - 40):at + 40]!r}… ≠ …{actual[max(0, at - 40):at + 40]!r}…"
    if isinstance(expected, list) and isinstance(actual, list):
        return f"{key}: only in the first {[x for x in expected if x not in actual][:5]}, " \
               f"only in the second {[x for x in actual if x not in expected][:5]}" \
               + ("" if len(expected) == len(actual) else f" ({len(expected)} ≠ {len(actual)} items)")
    return f"{key}: {expected!r} ≠ {actual!r}"


def differences(reference: Path, other: Path, pages: list[str], files: list[str]) -> list[str]:
    """Every disagreement between two built sites on ``pages`` (HTML) and ``files`` (bytes)."""
    found: list[str] = []
    for rel in pages:
        a, b = reference / rel, other / rel
        if not (a.is_file() and b.is_file()):
            found.append(f"{rel}: missing in {'the first' if not a.is_file() else 'the second'} site")
            continue
        facts_a, facts_b = page_facts(a.read_bytes()), page_facts(b.read_bytes())
        found += [f"{rel}: {_first_difference(key, facts_a[key], facts_b[key])}"
                  for key in facts_a if facts_a[key] != facts_b[key]]
    for rel in files:
        a, b = reference / rel, other / rel
        if not (a.is_file() and b.is_file()):
            found.append(f"{rel}: missing in {'the first' if not a.is_file() else 'the second'} site")
        elif a.read_bytes() != b.read_bytes():
            found.append(f"{rel}: the bytes differ")
    if sitemap_urls(reference) != sitemap_urls(other):
        found.append(f"sitemap.xml: {_first_difference('loc', sitemap_urls(reference), sitemap_urls(other))}")
    if pagefind_pages(reference) != pagefind_pages(other):
        found.append(f"pagefind: {pagefind_pages(reference)} ≠ {pagefind_pages(other)} pages indexed")
    return found
