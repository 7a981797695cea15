"""The search index built while the renderer writes the site: Pagefind fed page by page.

Run after the build (:func:`build_tools.renderers.search.index_site`), Pagefind waits for the
last page and then reads every file back from disk; on a 2-core machine it is a fifth of the
build. Pagefind's service mode (the process behind its Node and Python APIs) takes pages as
they come, so the MkDocs adapter hands it each finished page and Pagefind parses it on the
other core while MkDocs renders the next one; only writing the index waits for the end.

Pagefind's Python API reads one answer per tenth of a second (``asyncio.sleep(0.1)`` in its
polling loop): minutes at 5,000 pages. This client speaks the same protocol (base64 JSON
messages separated by commas) with a reader thread instead. ``tests/test_search_stream.py``
proves the index equal to the one the command line writes from the finished site. As there,
each year of the archive has an index of its own (``pagefind/archivio/<anno>/``, see
:mod:`build_tools.renderers.search`), written by a Pagefind process of its own: writing an index
is when Pagefind needs the most memory, and the archive's years are written one after the other.
"""

from __future__ import annotations

import base64
import json
import queue
import subprocess
import threading
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # not on Windows: the pipes keep their size
    fcntl = None  # type: ignore[assignment]

from build_tools.outputs import unpack
from build_tools.renderers.search import (
    BODY_MARKER,
    EXCLUDED,
    SearchIndexError,
    bundle_of,
    keep_data,
    normalise_apostrophes,
)


#: Bytes sent to Pagefind at a time, and the size asked for its pipes (Linux allows 1 MB).
_CHUNK = 1 << 20
#: Between two reads of Pagefind's answers.
_PAUSE = 0.02


def _widen(pipe: object) -> None:
    """A pipe that holds a megabyte, where the system allows it (else it keeps its 64 KB)."""
    try:
        fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, _CHUNK)  # type: ignore[union-attr, attr-defined]
    except (AttributeError, OSError, ValueError):
        pass


def _executable() -> str:
    from pagefind.service import get_executable  # the binary that `python -m pagefind` runs

    found = get_executable()
    if found is None:
        raise SearchIndexError("Pagefind non è installato: esegui `make serve` o `pip install -r requirements/site.txt`")
    return str(found)


class _Service:
    """One Pagefind service process holding one index: pages go in, a bundle comes out."""

    def __init__(self) -> None:
        self._process = subprocess.Popen([_executable(), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=subprocess.DEVNULL, bufsize=_CHUNK)
        for pipe in (self._process.stdin, self._process.stdout):
            _widen(pipe)
        self._answers: dict[int, dict] = {}
        self._arrived = threading.Condition()
        self._last_id = 0
        self.pending: list[int] = []
        self._reader = threading.Thread(target=self._read, name="pagefind-answers", daemon=True)
        self._reader.start()
        answer = self._wait(self._send({"type": "NewIndex", "config": {"exclude_selectors": list(EXCLUDED)}}))
        self._index: int = answer["index_id"]

    def _send(self, payload: dict, flush: bool = True) -> int:
        self._last_id += 1
        message = json.dumps({"message_id": self._last_id, "payload": payload}).encode("utf-8")
        assert self._process.stdin is not None
        try:
            self._process.stdin.write(base64.b64encode(message) + b",")
            if flush:
                self._process.stdin.flush()
        except BrokenPipeError:
            raise SearchIndexError("Pagefind si è fermato durante l'indicizzazione") from None
        return self._last_id

    def flush(self) -> None:
        """Send what is buffered (pages go out a megabyte at a time: each write wakes this
        process's other threads, which then wait for the renderer's)."""
        assert self._process.stdin is not None
        try:
            self._process.stdin.flush()
        except BrokenPipeError:
            raise SearchIndexError("Pagefind si è fermato durante l'indicizzazione") from None

    def _read(self) -> None:
        assert self._process.stdout is not None
        buffer = b""
        while chunk := self._process.stdout.read1(_CHUNK):
            buffer += chunk
            *messages, buffer = buffer.split(b",")
            for message in messages:
                answer = json.loads(base64.b64decode(message))
                with self._arrived:
                    self._answers[answer.get("message_id") or 0] = answer["payload"]
                    self._arrived.notify_all()
            time.sleep(_PAUSE)  # answers come one per page: read them by the hundred
        with self._arrived:  # the process ended: wake whoever waits
            self._answers[-1] = {"type": "Error", "message": "Pagefind si è chiuso"}
            self._arrived.notify_all()

    def _wait(self, message_id: int) -> dict:
        with self._arrived:
            self._arrived.wait_for(lambda: message_id in self._answers or -1 in self._answers)
            answer = self._answers.pop(message_id, None) or self._answers[-1]
        if answer.get("type") == "Error":
            raise SearchIndexError(f"Pagefind non è riuscito a indicizzare il sito: {answer.get('message')}")
        return answer

    def add(self, path: str, html: str) -> None:
        self.pending.append(self._send({"type": "AddFile", "index_id": self._index, "file_path": path, "url": None,
                                        "file_contents": html}, flush=False))

    def write(self, bundle: Path) -> None:
        """Every page indexed, the bundle written; then the process ends and its memory is freed."""
        try:
            self.flush()
            for message_id in self.pending:
                self._wait(message_id)
            self._wait(self._send({"type": "WriteFiles", "index_id": self._index, "output_path": str(bundle)}))
        finally:
            self.close()

    def close(self) -> None:
        if self._process.stdin and not self._process.stdin.closed:
            self._process.stdin.close()
        self._process.terminate()
        self._process.wait()


class StreamingIndex:
    """The site's bundles for one build (``add`` each page, then ``finish``). The first bundle's
    Pagefind process takes its pages as they come; the archive's sheets wait, as the text the
    renderer holds anyway, until :meth:`write_archive` (else :meth:`finish`): then each year of
    the archive is indexed and written by a Pagefind process of its own, one after the other,
    while the renderer goes on."""

    def __init__(self) -> None:
        self._paths: set[str] = set()
        self._failure: SearchIndexError | None = None
        self._stopped = False
        self._index = _Service()
        #: The archive's sheets by bundle (``archivio/2025``), as given: packed pages stay packed.
        self._archive: dict[str, list[_Waiting]] = {}
        self._archive_service: _Service | None = None
        #: Pages waiting to be sent: writing to Pagefind waits while it is busy, the renderer need not.
        #: A ``Path`` in the queue: every archived page is in, write the archive's bundles there.
        self._outbox: queue.Queue[_Waiting | Path | None] = queue.Queue()
        self._archive_writer: threading.Thread | None = None
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

    def write_archive(self, root: Path) -> None:
        """Every archived sheet has been added (the pipeline makes them all; the renderer adds
        none): the archive's bundles are written into ``root`` (``pagefind/``) now, while the
        renderer goes on."""
        self._outbox.put(root)

    def _send_pages(self) -> None:
        while (page := self._outbox.get()) is not None:
            if isinstance(page, Path):
                self._archive_writer = threading.Thread(target=self._write_archive, args=(page,),
                                                        name="pagefind-archive", daemon=True)
                self._archive_writer.start()
                continue
            try:
                html = _document(page)
                if html is None:  # a listing
                    continue
                bundle = bundle_of(html)
                if not bundle:
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

    def _write_archive(self, root: Path) -> None:
        """One year after the other: one Pagefind process's memory at a time."""
        try:
            for bundle in sorted(self._archive):
                if self._stopped:
                    return
                service = self._archive_service = _Service()
                for page in self._archive.pop(bundle):
                    service.add(page[0], normalise_apostrophes(_document(page) or ""))
                service.write(root / bundle)
                keep_data(root / bundle)
        except SearchIndexError as exc:
            self._failure = exc

    def finish(self, site_dir: Path) -> None:
        """Add the HTML files the renderer wrote without showing them, then write ``pagefind/``."""
        try:
            for page in sorted(site_dir.rglob("*.html")):
                path = page.relative_to(site_dir).as_posix()
                if path not in self._paths and not path.startswith("pagefind/"):
                    self.add(path, page.read_text(encoding="utf-8", errors="replace"))
            self._outbox.put(None)
            self._sender.join()
            if self._failure is not None:
                raise self._failure
            root = site_dir.resolve() / "pagefind"
            if self._archive_writer is None:  # not written yet: now, before the first (less memory at once)
                self._write_archive(root)
            self._index.write(root)
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
        for service in (self._index, self._archive_service):
            if service is not None:
                service.close()


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
