"""The search index built while the renderer writes the site: Pagefind fed page by page.

Run after the build (:func:`build_tools.renderers.search.index_site`), Pagefind waits for the
last page and then reads every file back from disk; on a 2-core machine it is a fifth of the
build. Pagefind's service mode (:mod:`build_tools.renderers.pagefind_service`) takes pages as
they come, so the MkDocs adapter hands it each finished page and Pagefind parses it on the
other core while MkDocs renders the next one. ``tests/test_search_stream.py`` proves the index
equal to the one the command line writes from the finished site. As there, each year of the
archive has an index of its own (``pagefind/archivio/<anno>/``, see
:mod:`build_tools.renderers.search`), written by a Pagefind process of its own: writing an index
is when Pagefind needs the most memory, so no process holds more than a year of calls. Two years
are written at a time (:data:`ARCHIVE_WRITERS`): one at a time left a core idle for the last
second of a 1,000-call build; two took 8.5% off its time, and 12.5% off a 5,000-call build's.

Writing the first bundle need not wait for the last page either: the pipeline's pages are all
sent before the renderer starts, and the renderer's own pages (the hand-written ones) come
first. Once the adapter has seen them (:meth:`StreamingIndex.write_first`), Pagefind writes
while the renderer wraps the rest. On two cores that is a tenth of the build at 1,000 calls; at
5,000 little, as the archive's bundles already keep the second core busy then.
"""

from __future__ import annotations

import queue
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

from build_tools.outputs import unpack
from build_tools.renderers.pagefind_service import PagefindService
from build_tools.renderers.search import (
    ARCHIVE_BUNDLE,
    BODY_MARKER,
    SearchIndexError,
    bundle_of,
    keep_data,
    normalise_apostrophes,
)


#: Archive years written at once. Each is a Pagefind process of its own (writing a year of
#: calls needs as much memory as the current pages' index): two keep both cores of a small
#: build machine busy once the renderer is done, where one left a core idle for the last second.
ARCHIVE_WRITERS = 2


class StreamingIndex:
    """The bundles of the site in ``site_dir``, for one build (``add`` each page, then ``finish``);
    they are written into its ``pagefind/`` folder. The first bundle's
    Pagefind process takes its pages as they come; the archive's sheets wait, as the text the
    renderer holds anyway, until :meth:`write_archive` (else :meth:`finish`): then each year of
    the archive is indexed and written by a Pagefind process of its own, the largest years
    first and two at a time, while the renderer goes on."""

    def __init__(self, site_dir: Path, first_bundle: int | None = None) -> None:
        """``first_bundle``: at most how many pages the first bundle will hold, when known
        (how Pagefind's allocator is set: :func:`~build_tools.renderers.search.pagefind_environment`)."""
        self._site_dir = site_dir.resolve()
        self._root = self._site_dir / "pagefind"
        self._paths: set[str] = set()
        self._failure: SearchIndexError | None = None
        self._stopped = False
        self._index = PagefindService(first_bundle)
        #: The archive's sheets by bundle (``archivio/2025``), as given: packed pages stay packed.
        self._archive: dict[str, list[_Waiting]] = {}
        self._archive_services: list[PagefindService] = []
        #: Pages waiting to be sent: writing to Pagefind waits while it is busy, the renderer need not.
        self._outbox: queue.Queue[_Waiting | _Write | None] = queue.Queue()
        self._archive_writer: threading.Thread | None = None
        self._first_writer: threading.Thread | None = None
        #: A page of the first bundle came after it was written: it is written again at the end.
        self._late = False
        self._sender = threading.Thread(target=self._send_pages, name="pagefind-pages", daemon=True)
        self._sender.start()

    def add(self, path: str, html: str) -> None:
        """A finished page, at its path in the site (``bandi/x/index.html``): indexed as Pagefind
        would read it from disk, apostrophes normalised (:mod:`build_tools.renderers.search`), in
        its bundle (:func:`bundle_of`)."""
        self._paths.add(path)
        self._outbox.put((path, html, None))

    def add_body(self, path: str, body: str | bytes, language: str) -> None:
        """A page the pipeline made (its HTML, or that HTML packed: :func:`build_tools.outputs.pack`),
        before the renderer wraps it: Pagefind reads only what is inside ``data-pagefind-body`` and
        the page's language, so the theme around it is left out (half the bytes to send and parse).
        A page with no ``data-pagefind-body`` (a listing) is not sent at all: once some page has
        one, Pagefind drops the others only when it writes the index, after holding them in memory.
        ``tests/test_search_stream.py`` compares the index with the one Pagefind makes from the
        finished pages."""
        self._paths.add(path)
        self._outbox.put((path, body, language))

    def write_archive(self) -> None:
        """Every archived sheet has been added (the pipeline makes them all; the renderer adds
        none): the archive's bundles are written now, while the renderer goes on."""
        self._outbox.put(_Write(archive=True))

    def write_first(self) -> None:
        """Every page of the first bundle has been added as far as the renderer knows: it is
        written now, while the renderer goes on. A page with ``data-pagefind-body`` that
        :meth:`finish` still finds has it written again."""
        self._outbox.put(_Write(archive=False))

    def _send_pages(self) -> None:
        while (page := self._outbox.get()) is not None:
            if isinstance(page, _Write):
                writer = threading.Thread(target=self._write_archive if page.archive else self._write_first,
                                          name="pagefind-write", daemon=True)
                if page.archive:
                    self._archive_writer = writer
                else:
                    self._first_writer = writer
                writer.start()
                continue
            try:
                html = _document(page)
                if html is None:  # a listing
                    continue
                bundle = bundle_of(html)
                if not bundle:
                    if self._first_writer is not None:  # already written
                        if BODY_MARKER not in html:  # Pagefind drops it anyway (some page has one)
                            continue
                        self._first_writer.join()
                        self._late = True
                    self._index.add(page[0], normalise_apostrophes(html))
                    if self._outbox.empty():
                        self._index.flush()
                elif self._archive_writer is not None:
                    raise SearchIndexError(f"`{page[0]}` è una pagina d'archivio arrivata dopo la chiusura dell'archivio")
                else:
                    self._archive.setdefault(bundle, []).append(page)
            except SearchIndexError as exc:
                self._failure = exc
                return

    def _write_first(self) -> None:
        """The process stays: a late page is added to the same index, written again."""
        try:
            self._index.write(self._root, close=False)
        except SearchIndexError as exc:
            self._failure = exc

    def _write_archive(self) -> None:
        """The largest years first, :data:`ARCHIVE_WRITERS` at a time, each by a process of its own."""
        years: queue.SimpleQueue[str] = queue.SimpleQueue()
        for bundle in sorted(self._archive, key=lambda bundle: (-len(self._archive[bundle]), bundle)):
            years.put(bundle)
        writers = [threading.Thread(target=self._write_years, args=(years,), name="pagefind-archive", daemon=True)
                   for _ in range(min(ARCHIVE_WRITERS, years.qsize()))]
        for writer in writers:
            writer.start()
        for writer in writers:
            writer.join()

    def _write_years(self, years: queue.SimpleQueue[str]) -> None:
        try:
            while not self._stopped:
                try:
                    bundle = years.get_nowait()
                except queue.Empty:
                    return
                pages = self._archive.pop(bundle)
                service = PagefindService(len(pages))
                self._archive_services.append(service)
                for page in pages:
                    service.add(page[0], normalise_apostrophes(_document(page) or ""))
                service.write(self._root / bundle)
                keep_data(self._root / bundle)
        except SearchIndexError as exc:
            self._failure = exc

    def finish(self) -> None:
        """Add the HTML files the renderer wrote without showing them, then write ``pagefind/``."""
        try:
            for page in sorted(self._site_dir.rglob("*.html")):
                path = page.relative_to(self._site_dir).as_posix()
                if path not in self._paths and not path.startswith("pagefind/"):
                    self.add(path, page.read_text(encoding="utf-8", errors="replace"))
            self._outbox.put(None)
            self._sender.join()
            if self._failure is not None:
                raise self._failure
            if self._archive_writer is None:  # not written yet: now, before the first (less memory at once)
                self._write_archive()
            if self._late:  # written again: the first files' names (hashes) are gone from the new ones
                for old in self._root.iterdir():
                    if old.name != ARCHIVE_BUNDLE:
                        shutil.rmtree(old) if old.is_dir() else old.unlink()
            if self._first_writer is None or self._late:
                self._index.write(self._root)
            else:
                self._first_writer.join()
                self._index.close()
            if self._archive_writer is not None:
                self._archive_writer.join()
            if self._failure is not None:
                raise self._failure
        finally:
            self.close()

    def stop(self) -> None:
        """A failed build: the processes end, nothing is written."""
        self.close()

    def close(self) -> None:
        self._stopped = True
        self._outbox.put(None)
        for service in (self._index, *self._archive_services):
            service.close()


@dataclass(frozen=True)
class _Write:
    """In the queue, after the pages of a bundle (the first one, or the archive's): write it."""

    archive: bool


#: A page waiting for Pagefind: its path, and its HTML with no language (a finished page) or the
#: body the pipeline made with the page's language (:meth:`StreamingIndex.add_body`).
_Waiting = tuple[str, str | bytes, str | None]


def _document(page: _Waiting) -> str | None:
    """The HTML Pagefind reads for a waiting page; None for a body without ``data-pagefind-body``."""
    _path, html, language = page
    text = unpack(html) if isinstance(html, bytes) else html
    if language is None:
        return text
    if BODY_MARKER not in text:
        return None
    return f'<!DOCTYPE html><html lang="{language}"><head></head><body>{text}</body></html>'
