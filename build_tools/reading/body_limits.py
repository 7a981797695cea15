"""Bodies that would stall Python-Markdown are refused before it sees them.

Python-Markdown is super-linear on a few shapes of input (measured with the site's extensions,
see ``benchmarks/markdown_limits.py``): every ``<`` followed by a letter that no ``>`` closes
makes its HTML parser read the rest of the whole text again (5,000 of them in 25 KB: 5 s, in
50 KB: 35 s); every ``[`` that no ``]`` closes makes its link parser read the rest of its
paragraph again (200 per paragraph: 38 ms a paragraph); deep list nesting grows faster than
its size. These rules bound each of those, plus the size of a body and of a line, with one
linear pass, and say in Italian what to change. Real sheets are far below every limit (the
longest demo body is 3 KB, its longest line 543 characters).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

#: A sheet is a page, not a book: 50,000 characters is ~7,500 words (the demo's longest: 3,000 characters);
#: Python-Markdown renders ordinary text at ~100,000 characters a second on the CI machine.
MAX_BODY_CHARS = 50_000
#: One line (a paragraph written on one line counts as one).
MAX_LINE_CHARS = 5_000
#: ``<`` + letter, ``/``, ``!`` or ``?`` with no ``>`` before the next ``<``: each costs a pass over the text.
MAX_UNCLOSED_TAGS = 20
#: ``[`` never closed by ``]`` in the same paragraph: each costs a pass over the paragraph.
MAX_UNCLOSED_BRACKETS = 10
#: Nesting of lists (4 spaces or a tab per level) and of quotes (``>``).
MAX_NESTING = 10

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_TAG_START = re.compile(r"<[A-Za-z/!?]")
_BLANK = re.compile(r"\n[ \t]*\n")
_QUOTES = re.compile(r"^[ \t]*(?:>[ \t]?)+", re.MULTILINE)
_INDENT = re.compile(r"^[ \t]+(?=\S)", re.MULTILINE)


class LineIndex:
    """Line offset of a character position, by bisection over the line starts (linear to build)."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def __call__(self, position: int) -> int:
        return bisect.bisect_right(self.starts, position) - 1


def control_characters(body: str, line_of: LineIndex | None = None) -> Iterator[tuple[int, str]]:
    """(line offset, message) for each line with an invisible control character (tab and line end are fine)."""
    line_of = line_of or LineIndex(body)
    last = -1
    for match in _CONTROL.finditer(body):
        line = line_of(match.start())
        if line != last:
            last = line
            yield line, (f"carattere di controllo invisibile U+{ord(match.group()):04X} nel testo: toglilo "
                         "(spesso arriva da un copia-incolla da PDF o da Word)")


def _unclosed_tags(body: str) -> list[int]:
    """Positions of tag openings with no ``>`` before the next ``<`` (or the end), in one pass."""
    out = []
    find = body.find
    close = -1
    for match in _TAG_START.finditer(body):
        start = match.start()
        if close < start:  # the next `>` is found again only once passed: linear overall
            close = find(">", start)
            if close < 0:
                close = len(body)
        after = find("<", start + 1)
        if close == len(body) or (0 <= after < close):
            out.append(start)
    return out


def _unclosed_brackets(body: str) -> Iterator[tuple[int, int]]:
    """(position of the first, count) of ``[`` with no matching ``]``, per paragraph (blank-line separated)."""
    start = 0
    for end in [m.start() for m in _BLANK.finditer(body)] + [len(body)]:
        if body.count("[", start, end) > MAX_UNCLOSED_BRACKETS:  # most paragraphs: no need to pair them
            opened: list[int] = []
            for index in range(start, end):
                char = body[index]
                if char == "[":
                    opened.append(index)
                elif char == "]" and opened:
                    opened.pop()
            if opened:
                yield opened[0], len(opened)
        start = end


def _nesting(body: str) -> Iterator[tuple[int, int, str]]:
    """(position, depth, kind) of lines nested deeper than :data:`MAX_NESTING`."""
    for match in _QUOTES.finditer(body):
        depth = match.group().count(">")
        if depth > MAX_NESTING:
            yield match.start(), depth, "citazioni (`>`)"
    for match in _INDENT.finditer(body):
        width = len(match.group().expandtabs(4))
        if width // 4 > MAX_NESTING:
            yield match.start(), width // 4, "rientri (elenchi dentro elenchi)"


def _n(number: int) -> str:
    """12345 → ``12.345`` (Italian thousands)."""
    return f"{number:,}".replace(",", ".")


def limit_problems(body: str) -> Iterator[tuple[int, str]]:
    """(line offset, message) for every limit ``body`` exceeds; nothing for a body Markdown renders in time."""
    if len(body) > MAX_BODY_CHARS:
        yield 0, (f"il testo è troppo lungo ({_n(len(body))} caratteri, al massimo {_n(MAX_BODY_CHARS)}): "
                  "dividilo in più schede o mettilo in un documento allegato")
        return
    line_of = LineIndex(body)
    for number, line in enumerate(body.split("\n")):
        if len(line) > MAX_LINE_CHARS:
            yield number, (f"riga troppo lunga ({_n(len(line))} caratteri, al massimo {_n(MAX_LINE_CHARS)}): "
                           "vai a capo o lascia una riga vuota tra i paragrafi")
    unclosed = _unclosed_tags(body)
    if len(unclosed) > MAX_UNCLOSED_TAGS:
        yield line_of(unclosed[MAX_UNCLOSED_TAGS]), (
            f"troppi `<` non chiusi da `>` ({len(unclosed)}, al massimo {MAX_UNCLOSED_TAGS}): "
            "se intendi «minore di» scrivi `&lt;` oppure lascia uno spazio dopo `<`")
    for position, count in _unclosed_brackets(body):
        if count > MAX_UNCLOSED_BRACKETS:
            yield line_of(position), (
                f"troppe parentesi quadre `[` non chiuse da `]` nello stesso paragrafo ({count}, al massimo "
                f"{MAX_UNCLOSED_BRACKETS}): chiudile o scrivi `\\[`")
    for position, depth, kind in _nesting(body):
        yield line_of(position), (
            f"troppi livelli di {kind}: {depth}, al massimo {MAX_NESTING}: semplifica la struttura")
        break
