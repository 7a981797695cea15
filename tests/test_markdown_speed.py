"""Python-Markdown with :class:`SameHtmlFaster` writes the same HTML as without, and each needle
the inline stage screens by is one its pattern's expression cannot match without."""

from __future__ import annotations

import random
import re

import markdown
import markdown.extensions.attr_list
import markdown.extensions.md_in_html
import markdown.extensions.toc
import pytest
import xml.etree.ElementTree as etree

from markdown import blockparser, inlinepatterns

from build_tools.reading.markdown_speed import (
    BLOCK_NEEDLES,
    NEEDLES,
    BackslashOnlyUnescape,
    BraceOnlyAttrList,
    MarkerOnlyToc,
    MarkupOnlyHtmlBlock,
    _TextSeen,
    ScreenedBlockParser,
    ScreenedInlineProcessor,
    needles,
)
from build_tools.reading.markdown import EXTENSION_CONFIGS, EXTENSIONS, _converter, render_markdown
from test_body_links import corpus

INLINE = [
    "*em* **strong** ***both*** _em_ __strong__ ___both___ *a **b** c* **a *b* c** *a _b_ c*",
    "snake_case_word e 2*3*4 e * sola * e ** due ** e _ sotto _ e un_ e _un",
    "`codice *non em*` ``doppio ` dentro`` \\`non codice\\` \\\\`codice dopo barre`",
    "\\*non em\\* \\[non link\\](x) \\<non html\\> \\& \\_ \\# \\!",
    "[link *em*](https://e.org \"titolo\") **[in grassetto](x.md)** [rif][r] [rif breve] ![img](a.png)",
    "![rif immagine][i] ![breve] [annidato [dentro]](x) [vuoto]() [r]: no\n\n[r]: https://e.org\n[i]: a.png",
    "<https://e.org/a_b_c> <mailto:a@b.it> <a@b.it> <span>*em* dentro</span> <!-- nota --> a < b > c",
    "&amp; &copy; &#169; &#xA9; & da solo &nonentity; AT&T",
    "riga con a capo  \nsegue, riga senza\nsegue, tre spazi   \nfine",
    "!![doppio punto esclamativo](x) ![](vuota.png) !non immagine [!non immagine]",
    "* voce *em*\n* voce **strong** con `code`\n\n1. uno [a](b)\n2. due <b>b</b>",
    "> citazione *em* e [link](x)\n\n| a *b* | `c` |\n|---|---|\n| **d** | [e](f) |",
    "!!! note \"Titolo *em*\"\n    Testo **strong** e [link](x).\n\nTermine\n:   Definizione _em_",
    "## Titolo *em* {: #ancora }\n\nParagrafo {: .note }",
    "\x02 \x03 testo con i caratteri che Python-Markdown usa da segnaposto \x0201\x03",
    "parole*intere*attaccate e parole_intere_attaccate e **non chiuso e *neanche",
]
BLOCKS = [
    "Titolo\n======\n\nSottotitolo\n---\n\nTesto\n-\n\nTesto\n=  \n",
    "# Uno\n## Due ##\n###### Sei\n####### Sette\n\\# non titolo\n\nTesto # con cancelletto",
    "---\n\n* * *\n\n___\n\n - - -\n\n**\n\n-- \n\n*** testo",
    "> citazione\n> > annidata\n\n   > rientrata\n\n    > codice\n\ntesto > non citazione",
    "[a]: https://e.org\n[b]: <https://e.org/b> \"titolo\"\n  [c]: x.md (titolo)\n\n[a] [b] [c] [d]: no",
    "Termine\n:   Definizione\n\nAltro\n: uno\n:  due\n\nnon termine: no\n\n: sola",
    "| a | b |\n|---|:-:|\n| 1 | 2 |\n\na | b\n--|--\n1 | 2\n\n| sola |\n|---|\n| x |\n\n`|` non tabella",
    "| a |\n| b |\n\na|b\n\n|a|\n|-|\n\n    | codice | x |\n    |---|---|",
    "- uno\n- due\n    - tre\n\n1. uno\n2) due\n\n* a\n\n+ b\n\n    codice # | > ]: :\n",
    "Testo\n---\ncon trattini\n\n- a\n---\n\n> a\n---",
    "!!! warning\n    ## Titolo\n    > citazione\n    | a | b |\n    |---|---|\n\n??? non ammesso",
]
#: Stages that run only when the text holds `<` or `&`, `{`, `\\`: texts with and without, one after the other.
ONLY_IF = [
    "Testo semplice.", "<div>\nblocco *grezzo*\n</div>\n\ntesto", "Testo semplice.", "AT&T e &amp; e &#8217;",
    "Testo.", "## Titolo {: #ancora .note }\n\nParagrafo\n{: .warning }", "Testo.", "\\*non em\\* e \\\\ e \\`",
    "Testo.", "<!-- commento -->\n\ntesto", "- voce {: .note }\n- voce", "`\\` in codice", "Testo {senza chiusura",
]
#: The table of contents is built only where the marker is: here, and where it only seems to be.
TOC = [
    "[TOC]\n\n## Uno\n\n### Due\n\n## Tre",
    "## Uno\n\n  [TOC]  \n\n## Due",
    "## Uno\n\n[TO\x02C]\n\n## Due",
    "!!! note\n    [TOC]\n\n## Uno",
    "<div markdown=\"1\">\n[TOC]\n</div>\n\n## Uno",
    "- [TOC]\n\n## Uno",
    "[TOC] {: .note }\n\n## Uno",
    "Testo [TOC] in mezzo\n\n## Uno",
    "\\[TOC]\n\n## Uno",
    "&#91;TOC]\n\n## Uno",
    "`[TOC]`\n\n## Uno",
    "    [TOC]\n\n## Uno",
    "## [TOC]\n\n## Uno",
]


def stock() -> markdown.Markdown:
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)


@pytest.fixture(scope="module")
def reference() -> markdown.Markdown:
    return stock()


@pytest.mark.parametrize("body", INLINE + BLOCKS + ONLY_IF + TOC + corpus())
def test_same_html_as_stock_python_markdown(body: str, reference: markdown.Markdown) -> None:
    assert render_markdown(body) == reference.reset().convert(body)


@pytest.mark.parametrize("body", TOC)
def test_the_table_of_contents_is_the_stock_one_where_the_marker_is(body: str, reference: markdown.Markdown) -> None:
    html = reference.reset().convert(body)
    ours = _converter()
    assert ours.reset().convert(body) == html
    if 'class="toc"' in html:
        assert ours.toc == reference.toc
    assert ours.toc_tokens == reference.toc_tokens


def test_same_stages_in_the_same_order() -> None:
    faster = {markdown.treeprocessors.InlineProcessor: ScreenedInlineProcessor,
              markdown.extensions.toc.TocTreeprocessor: MarkerOnlyToc,
              markdown.extensions.attr_list.AttrListTreeprocessor: BraceOnlyAttrList,
              markdown.treeprocessors.UnescapeTreeprocessor: BackslashOnlyUnescape,
              markdown.extensions.md_in_html.HtmlBlockPreprocessor: MarkupOnlyHtmlBlock}
    ours, theirs = _converter().treeprocessors, stock().treeprocessors
    assert [type(p) for p in ours] == [faster.get(type(p), type(p)) for p in theirs]
    ours, theirs = _converter().preprocessors, stock().preprocessors
    assert [type(p) for p in ours if type(p) is not _TextSeen] == [faster.get(type(p), type(p)) for p in theirs]
    assert type(_converter().parser) is ScreenedBlockParser and type(stock().parser) is blockparser.BlockParser
    assert [type(p) for p in _converter().parser.blockprocessors] == [type(p) for p in stock().parser.blockprocessors]
    assert [n for n in (i.name for i in _converter().preprocessors._priority) if n != "text_seen"] == \
        [i.name for i in stock().preprocessors._priority]


def test_every_inline_pattern_of_the_site_is_screened() -> None:
    """A Markdown upgrade that changes an expression keeps the right HTML (that pattern is always
    tried) but loses the speed: this says so."""
    unscreened = [name for name, pattern in zip((item.name for item in _converter().inlinePatterns._priority),
                                                _converter().inlinePatterns) if needles(pattern) is None]
    assert unscreened == []


def _random_texts(needed: tuple[str, ...], count: int) -> list[str]:
    """Texts rich in what inline and block patterns look for, none containing any of ``needed``."""
    rng = random.Random(2026)
    pieces = list("`\\[]()!<>&;#*_:/@\"' \n\t\x02\x03aZ09.-+=?%|") + [
        "  \n", "http://", "mailto:", "&amp;", "<a ", "![", "[x]", "](y)", "<!--", "-->", "<?", "?>", "\n   ", "\n",
        "---", "***", "___", "\n===", "\n---", "| a | b |\n|---|---|", ": ", "]: ", "> ", "## ", "    "]
    texts: list[str] = []
    while len(texts) < count:
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        if not any(needle in text for needle in needed):
            texts.append(text)
    return texts


@pytest.mark.parametrize("expression", NEEDLES, ids=[repr(k)[:30] for k in NEEDLES])
def test_an_expression_never_matches_a_text_without_its_needle(expression: str) -> None:
    compiled = re.compile(expression, re.DOTALL | re.UNICODE)  # as InlineProcessor compiles it
    needed = NEEDLES[expression]
    for text in _random_texts(needed, 4000):
        assert compiled.search(text) is None, (needed, text)
    with_needle = next(t for t in ("`a`", "\\*", "[a](b)", "![a](b)", "<https://e.org>", "<a@b.it>", "<b>",
                                   "&amp;", "a  \nb") if compiled.search(t))
    assert any(needle in with_needle for needle in needed)


def test_emphasis_is_screened_by_its_delimiters() -> None:
    emphasis = next(p for p in _converter().inlinePatterns if type(p) is inlinepatterns.DelimiterProcessor)
    assert set(needles(emphasis)) == {"*", "_"}
    for text in _random_texts(("*", "_"), 4000):
        assert emphasis.compiled_re.search(text) is None, text


def _takes(processor, block: str) -> bool:  # noqa: ANN001
    """Whether the stock parser would let ``processor`` take ``block`` (test, then run)."""
    parent = etree.Element("div")
    blocks = [block]
    return bool(processor.test(parent, block)) and processor.run(parent, blocks) is not False


@pytest.mark.parametrize("kind", BLOCK_NEEDLES, ids=lambda kind: kind.__name__)
def test_a_block_processor_never_takes_a_block_without_its_needle(kind: type) -> None:
    processor = next(p for p in stock().parser.blockprocessors if type(p) is kind)
    needed = BLOCK_NEEDLES[kind]
    for text in _random_texts(needed, 3000):
        assert not _takes(processor, text), (kind.__name__, text)
    examples = ["## Titolo", "Titolo\n===", "---", "> citazione", "[a]: https://e.org", "Termine\n:   definizione",
                "| a | b |\n|---|---|\n| 1 | 2 |"]
    taken = [text for text in examples if _takes(next(p for p in stock().parser.blockprocessors if type(p) is kind), text)]
    assert taken and all(any(needle in text for needle in needed) for text in taken)
