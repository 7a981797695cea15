"""Long lists split into static pages: ``/bandi/`` shows the first calls, ``/bandi/pagina/2/``… the rest.

A phone should not download thousands of cards before the first tap, and a visitor without
JavaScript must still reach every current call: the first page of a list keeps its address,
the next ones live under ``<list>/pagina/<n>/`` and a pager (Italian, ``rel="prev"``/``"next"``,
"Pagina 2 di 20") links them. The explorer on ``/bandi/`` filters and sorts the complete list
from ``bandi/elenco.json`` (:mod:`build_tools.outputs.html.explorer`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Sequence, TypeVar

T = TypeVar("T")

#: Cards on each page of /bandi/: a few screenfuls on a phone, a light first page at any size.
CALLS_PER_PAGE = 30
#: Compact rows on each page of a static listing (/bandi/per/cooperative/…).
ROWS_PER_PAGE = 100
#: Page numbers shown on each side of the current one (the first and the last are always shown).
_AROUND = 2


def page_source(first: str, number: int) -> str:
    """``bandi/index.md``, 3 → ``bandi/pagina/3.md``; ``bandi/per/pmi.md``, 2 → ``bandi/per/pmi/pagina/2.md``."""
    if number == 1:
        return first
    folder = first[: -len("/index.md")] if first.endswith("/index.md") else first[: -len(".md")]
    return f"{folder}/pagina/{number}.md"


def page_count(total: int, size: int) -> int:
    return max(1, -(-total // size))


@dataclass(frozen=True)
class Pager(Generic[T]):
    """Page ``number`` (from 1) of ``items`` cut ``size`` at a time; ``first`` is page 1's source."""

    first: str
    items: Sequence[T]
    size: int
    number: int = 1

    @property
    def count(self) -> int:
        return page_count(len(self.items), self.size)

    @property
    def start(self) -> int:
        """Index of this page's first item in the whole list."""
        return (self.number - 1) * self.size

    @property
    def shown(self) -> Sequence[T]:
        return self.items[self.start: self.start + self.size]

    @property
    def source(self) -> str:
        return page_source(self.first, self.number)

    def url(self, number: int) -> str:
        """Site-relative target of page ``number`` (for the ``url`` filter)."""
        source = page_source(self.first, number)
        return source[: -len("index.md")] if source.endswith("index.md") else source[:-3] + "/"

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.count else None

    def numbers(self) -> list[int | None]:
        """The page numbers the pager lists: first, last and those around this one; None = a gap."""
        keep = {1, self.count, *range(self.number - _AROUND, self.number + _AROUND + 1)}
        out: list[int | None] = []
        for n in sorted(k for k in keep if 1 <= k <= self.count):
            if out and n - (out[-1] or 0) > 1:
                out.append(None)
            out.append(n)
        return out

    def page_of(self, index: int) -> int:
        """The page that shows the item at ``index`` of the whole list."""
        return index // self.size + 1

    def pages(self) -> list["Pager[T]"]:
        """Every page of the list, this one's settings."""
        return [Pager(self.first, self.items, self.size, n) for n in range(1, self.count + 1)]

    def sources(self) -> list[str]:
        return [page_source(self.first, n) for n in range(1, self.count + 1)]
