"""A body's relative links, resolved on its sanitised HTML, equal resolving them in Markdown's tree.

The pages reuse the HTML the checker rendered and sanitised, and resolve relative links on it
with a regular expression (:mod:`build_tools.outputs.html.body_links`) instead of rendering
each body a second time. This proves the shortcut equal to the library's own way, a
``Treeprocessor`` that rewrites the element tree before Markdown serialises it, on every body
we have: the demo content, the hostile cases and generated bodies, plus links written to trip
a regular expression.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from xml.etree.ElementTree import Element

import markdown
import pytest
from markdown.treeprocessors import Treeprocessor
from test_hostile import BODY_ERRORS, BODY_WARNINGS

from build_tools.outputs.html.body_links import resolve, resolve_links
from build_tools.outputs.html.urls import Linker
from build_tools.reading import frontmatter
from build_tools.reading.markdown import EXTENSION_CONFIGS, EXTENSIONS, render_markdown
from build_tools.reading.sanitize import sanitize_html

REPO = Path(__file__).resolve().parents[1]
FOLDER, URL = "bandi", "bandi/voucher/"
LINKER = Linker(["bandi/voucher.md", "servizi/orientamento.md", "storie/coop.md", "index.md"])


def link(target: str) -> str:
    return LINKER.relative(target, URL)


class _TreeLinks(Treeprocessor):
    """The reference: relative ``href``/``src`` rewritten in the element tree."""

    def run(self, root: Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None:
                    element.set(attribute, resolve(value, FOLDER, link))


def by_the_tree(body: str) -> str:
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
    md.treeprocessors.register(_TreeLinks(md), "links", 0)
    return sanitize_html(md.convert(body))


def by_the_pages(body: str) -> str:
    return resolve_links(sanitize_html(render_markdown(body)), FOLDER, link)


TRICKY = [
    "[orientamento](../servizi/orientamento.md) e [sezione](voucher.md#come-partecipare)",
    "[home](../index.md), [elenco](./), [bandi](../bandi/), [su](..), [fuori](../../x.md)",
    "![logo](../images/logo.png) ![assoluta](/images/a.png) ![remota](https://example.org/a.png)",
    "[query](../storie/coop.md?a=1&b=2#parte) [spazi](<../storie/coop.md> \"titolo\")",
    '[titolo trappola](../storie/coop.md "src=\\"x.md\\" href=x.md") dopo',
    "[](../storie/coop.md) [vuoto]() [ancora](#sopra) [posta](mailto:a@b.it) [tel](tel:+3906)",
    "`[codice](x.md)` e ```<a href=\"x.md\">```\n\n    [indentato](x.md)\n",
    "Testo con href=\"x.md\" scritto come testo, e src=\"y.md\" pure.",
    "| a | b |\n|---|---|\n| [c](../servizi/orientamento.md) | ![d](img.png) |\n",
    "[a&amp;b](x.md?q=a&amp;b) [nbsp](x.md#a\u00a0b) [virgolette](x.md#a%22b)",
    "## Titolo {: #sezione }\n\n[su](#sezione) [rif][r]\n\n[r]: ../servizi/orientamento.md",
]


def corpus() -> list[str]:
    bodies = list(TRICKY)
    for path in sorted((REPO / "content").rglob("*.md")):
        bodies.append(frontmatter.parse(path.read_bytes()).body)
    bodies += [case[0] for case in BODY_ERRORS.values()]
    bodies += [case[0] for case in BODY_WARNINGS.values()]
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import generate
    finally:
        sys.path.pop(0)
    rng = generate.random.Random(7)
    bodies += [generate.call_body(rng, "https://example.org/bando") for _ in range(20)]
    bodies += [generate.story_body(rng) for _ in range(10)]
    return bodies


def raw_html_links(body: str) -> bool:
    """Raw HTML with a link: the tree never sees it (see the last test), so it left it as written."""
    return re.search(r"<[a-zA-Z][^>]*(?:href|src)\s*=", body, re.IGNORECASE) is not None


@pytest.mark.parametrize("body", [b for b in corpus() if not raw_html_links(b)])
def test_links_resolved_on_sanitised_html_equal_the_tree(body: str) -> None:
    assert by_the_pages(body) == by_the_tree(body)


def test_the_corpus_has_links_that_change() -> None:
    changed = [b for b in corpus() if by_the_pages(b) != sanitize_html(render_markdown(b))]
    assert len(changed) >= 8


def test_relative_links_written_in_raw_html_are_resolved_too() -> None:
    """Python-Markdown keeps raw HTML out of its tree: the tree left such links as written."""
    html = by_the_pages('<p><a href="../servizi/orientamento.md">orientamento</a></p>')
    assert 'href="../../servizi/orientamento/"' in html
