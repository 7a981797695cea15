"""Python-Markdown, faster, writing the same HTML: its stages skip work a body does not need.

Rendering the bodies of 1,000 generated calls and 105 other pages took 1.07 s; with these,
0.42 s. It is most of what checking a file costs, and the build renders each body once.

**Inline patterns** (1.07 → 0.75 s). Python-Markdown tries each inline pattern (code, escapes,
links, images, autolinks, raw HTML, entities, line breaks, emphasis) on every piece of text, one
regular-expression search per pattern and piece. Each stock pattern needs a given character to
match (``[`` for a link, ``<`` for raw HTML, ``*`` or ``_`` for emphasis), and most sentences
have none: the search is skipped when the text lacks it (:data:`NEEDLES`). A pattern not listed
(an extension's own, or a stock one whose expression has changed) is always tried.

**Block processors** (a quarter off what was left). The block parser likewise asks each of its
processors (headings, quotes, rules, tables, definition lists, link references…) whether it
takes a block, most by searching the whole block: a processor whose needle the block lacks is
passed over (:data:`BLOCK_NEEDLES`).

**Table of contents** (0.07 s). The ``toc`` stage gives headings their ids and permalinks, then
builds a table of contents and serialises it, for every body; only a body with the marker
(``[TOC]``) shows it, so it is built for those alone.

**Stages with nothing to do** (a tenth of what was left). Raw HTML blocks are looked for only in
a text with ``<`` or ``&``, attribute lists only in one with ``{``, backslash escapes restored
only in one with ``\\`` (:class:`TextFacts`): most bodies have none of these.

``tests/test_markdown_speed.py`` renders bodies both ways and compares the HTML, and checks each
needle against its pattern's expression or processor's test.
"""

from __future__ import annotations

from typing import Any

import xml.etree.ElementTree as etree

from markdown import Markdown, blockparser, blockprocessors, inlinepatterns, treeprocessors, util
from markdown.extensions import Extension, attr_list, def_list, md_in_html, tables
from markdown.extensions.toc import TocExtension, TocTreeprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import InlineProcessor

#: A pattern's expression → what a text must contain (one of) for the expression to match in it.
NEEDLES: dict[str, tuple[str, ...]] = {
    inlinepatterns.BACKTICK_RE: ("`",),
    inlinepatterns.ESCAPE_RE: ("\\",),
    inlinepatterns.LINK_RE: ("[",),  # also the reference patterns'
    inlinepatterns.IMAGE_LINK_RE: ("![",),  # also the image reference patterns'
    inlinepatterns.AUTOLINK_RE: ("<",),
    inlinepatterns.AUTOMAIL_RE: ("<",),
    inlinepatterns.HTML_RE: ("<",),
    inlinepatterns.ENTITY_RE: ("&",),
    inlinepatterns.LINE_BREAK_RE: ("  \n",),
}


#: A block processor → what a block must contain (one of) for the processor to take it: its test
#: (for link references, its run) cannot succeed on a block without. Only these exact classes.
BLOCK_NEEDLES: dict[type, tuple[str, ...]] = {
    blockprocessors.HashHeaderProcessor: ("#",),
    blockprocessors.SetextHeaderProcessor: ("\n=", "\n-"),
    blockprocessors.HRProcessor: ("-", "_", "*"),
    blockprocessors.BlockQuoteProcessor: (">",),
    blockprocessors.ReferenceProcessor: ("]:",),
    def_list.DefListProcessor: (":",),
    tables.TableProcessor: ("|",),
}


def needles(pattern: Any) -> tuple[str, ...] | None:
    """What a text needs for ``pattern`` to match in it, or None (always try it)."""
    if type(pattern) is inlinepatterns.DelimiterProcessor:  # emphasis: one of its delimiters
        return tuple(pattern.tokens)
    if not isinstance(pattern, inlinepatterns.InlineProcessor):  # old-style patterns match differently
        return None
    return NEEDLES.get(pattern.pattern)


class ScreenedInlineProcessor(InlineProcessor):
    """The stock inline processor; a pattern whose needles a text lacks is passed over as if it
    had not matched (what the stock processor concludes after searching)."""

    def run(self, tree: Any, ancestors: list[str] | None = None) -> Any:
        self._screen = [(pattern, needles(pattern)) for pattern in self.inlinePatterns]
        return super().run(tree, ancestors)

    # Overrides the stock ``__handleInline`` (name-mangled), which the stock code calls on
    # every text and tail, and again inside what a pattern matched: same loop, plus the screen.
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        if isinstance(data, util.AtomicString):
            return data
        apply = self._InlineProcessor__applyPattern  # type: ignore[attr-defined]
        screen = self._screen
        count = len(screen)
        start = 0
        while patternIndex < count:
            pattern, needed = screen[patternIndex]
            if needed is not None:
                for needle in needed:  # a loop, not any(): this runs for every text and pattern
                    if needle in data:
                        break
                else:
                    patternIndex += 1
                    start = 0
                    continue
            data, matched, start = apply(pattern, data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


class ScreenedBlockParser(blockparser.BlockParser):
    """The stock block parser; a processor whose needles a block lacks is passed over as if its
    test had failed. Its processors are read once per call, not once per block."""

    def parseBlocks(self, parent: etree.Element, blocks: list[str]) -> None:  # noqa: N802 - the stock name
        screen = [(processor, BLOCK_NEEDLES.get(type(processor))) for processor in self.blockprocessors]
        while blocks:
            block = blocks[0]
            for processor, needed in screen:
                if needed is not None:
                    for needle in needed:
                        if needle in block:
                            break
                    else:
                        continue
                if processor.test(parent, block) and processor.run(parent, blocks) is not False:
                    break


class TextFacts:
    """What one text holds, noted as the block parser will read it (after ``normalize_whitespace``,
    which may join characters by dropping control characters): the stages below run only where it
    can change something. Everything runs until a text has been looked at."""

    markup = brace = backslash = marker = True

    def note(self, text: str, marker: str) -> None:
        self.markup = "<" in text or "&" in text
        self.brace = "{" in text
        self.backslash = "\\" in text
        self.marker = bool(marker) and marker in text


class _TextSeen(Preprocessor):
    def __init__(self, md: Markdown, facts: TextFacts, marker: str) -> None:
        super().__init__(md)
        self.facts, self.marker = facts, marker

    def run(self, lines: list[str]) -> list[str]:
        self.facts.note("\n".join(lines), self.marker)
        return lines


class MarkupOnlyHtmlBlock(md_in_html.HtmlBlockPreprocessor):
    """``md_in_html``'s raw HTML stage; a text without ``<`` or ``&`` has no tag, comment or
    reference for it to take out, and it would give back the same lines."""

    facts = TextFacts()

    def run(self, lines: list[str]) -> list[str]:
        return super().run(lines) if self.facts.markup else lines


class BraceOnlyAttrList(attr_list.AttrListTreeprocessor):
    """``attr_list``'s stage; every attribute list it reads starts with ``{``."""

    facts = TextFacts()

    def run(self, doc: etree.Element) -> None:
        if self.facts.brace:
            super().run(doc)


class BackslashOnlyUnescape(treeprocessors.UnescapeTreeprocessor):
    """The stock stage that restores backslash-escaped characters; only backslashes make what it restores."""

    facts = TextFacts()

    def run(self, root: etree.Element) -> None:
        if self.facts.backslash:
            super().run(root)


class MarkerOnlyToc(TocTreeprocessor):
    """The stock ``toc`` stage; the table itself is built only when the text has the marker, else
    ``md.toc`` is left empty (no page shows it: the theme's side table is hidden on our pages).

    A paragraph equal to the marker is text the inline stage left untouched, so the marker is in
    the text as written: where it is not, there is nothing to replace."""

    facts = TextFacts()

    def run(self, doc: etree.Element) -> None:
        super().run(doc)
        if not self.facts.marker:
            self.md.toc = ""

    def build_toc_div(self, toc_list: list) -> etree.Element:
        return super().build_toc_div(toc_list) if self.facts.marker else etree.Element("div")

    def replace_marker(self, root: etree.Element, elem: etree.Element) -> None:
        if self.facts.marker:
            super().replace_marker(root, elem)


#: Stage name → (the stock class, the class that stands in for it, the stock priority).
_ONLY_IF = {
    "html_block": (md_in_html.HtmlBlockPreprocessor, MarkupOnlyHtmlBlock, 20),
    "attr_list": (attr_list.AttrListTreeprocessor, BraceOnlyAttrList, 8),
    "unescape": (treeprocessors.UnescapeTreeprocessor, BackslashOnlyUnescape, 0),
}


class SameHtmlFaster(Extension):
    """Puts :class:`ScreenedInlineProcessor`, :class:`ScreenedBlockParser`, :class:`MarkerOnlyToc`
    and the ``…Only…`` stages in the stock stages' places (list it after the other extensions)."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        if type(md.parser) is blockparser.BlockParser:
            # The same object, given the screened method: every processor holds it as its parser.
            md.parser.__class__ = ScreenedBlockParser
        if type(md.treeprocessors["inline"]) is InlineProcessor:  # as every stage: only the stock one
            md.treeprocessors.register(ScreenedInlineProcessor(md), "inline", 20)  # the stock one's priority
        facts = TextFacts()
        toc = next((e for e in md.registeredExtensions if isinstance(e, TocExtension)), None)
        marker = ""
        if toc is not None and type(md.treeprocessors["toc"]) is TocTreeprocessor:
            lean = MarkerOnlyToc(md, toc.getConfigs())
            lean.facts, marker = facts, lean.marker
            md.treeprocessors.register(lean, "toc", 5)  # the stock one's priority
        for name, (stock, faster, priority) in _ONLY_IF.items():
            registry = md.preprocessors if name in md.preprocessors else md.treeprocessors
            if name in registry and type(registry[name]) is stock:
                stage = faster(md)
                stage.facts = facts
                registry.register(stage, name, priority)
        md.preprocessors.register(_TextSeen(md, facts, marker), "text_seen", 25)  # after normalize_whitespace (30)
