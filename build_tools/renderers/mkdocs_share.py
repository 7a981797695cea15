"""MkDocs wraps the generated pages in two processes: this one and a forked helper.

MkDocs renders its pages one after the other, in one process; wrapping thousands of pages in
the theme is a third of a large build, and a build machine has two cores. Once MkDocs has read
every page and made its navigation and theme environment, a forked helper renders every
second generated page with MkDocs's own page builder (same configuration, navigation and
plugin events) and writes it, then sends back the class names its pages carry (for the
theme-CSS purge); this process skips those pages. What the helper logs is logged here again,
so ``--strict`` still stops on its warnings. The live preview (threads: forking is unsafe),
``--dirty``, small sites and ``LAB_WORKERS=1`` render everything here; the site is the same
either way (``tests/test_mkdocs_share.py``).

MkDocs 1.6 has no hook to hand a page to another process, so the page loop's
``mkdocs.commands.build._build_page`` is wrapped while the helper runs (MkDocs is pinned).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from multiprocessing.connection import Connection
from typing import Any

from mkdocs.commands import build as mkdocs_build

from build_tools.parallel import workers

#: Below this many generated pages a helper costs more than it saves.
MIN_PAGES = 200

_BUILD_PAGE = mkdocs_build._build_page


class ShareError(RuntimeError):
    """The helper could not render one of its pages (its message says which)."""


class _Forward(logging.Handler):
    """In the helper: every record of MkDocs's loggers goes to the main process instead of the terminal."""

    def __init__(self, channel: Connection) -> None:
        super().__init__(logging.INFO)
        self.channel = channel

    def emit(self, record: logging.LogRecord) -> None:
        self.channel.send(("log", record.name, record.levelno, record.getMessage()))


def _render(pages: list[Any], build_args: tuple, plugin: Any, channel: Connection) -> None:
    """The helper's whole life: render ``pages``, report the class names they carry, exit."""
    logger = logging.getLogger("mkdocs")
    logger.handlers = [_Forward(channel)]
    logger.propagate = False
    plugin.search = None  # the search index has every generated page already
    plugin.classes.names.clear()
    try:
        for page in pages:
            _BUILD_PAGE(page, *build_args)
        channel.send(("done", plugin.classes.names))
    except BaseException as exc:  # noqa: BLE001 - reported by the main process
        channel.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        channel.close()
        os._exit(0)


class PageShare:
    """The helper for one build: :meth:`start` in ``on_env``, :meth:`wait` in ``on_post_build``."""

    def __init__(self) -> None:
        self._process: multiprocessing.process.BaseProcess | None = None
        self._reader: threading.Thread | None = None
        self._names: set[str] = set()
        self._records: list[tuple[str, int, str]] = []
        self._failure: str | None = None
        self._done = False

    @staticmethod
    def wanted(generated: int) -> bool:
        return bool(workers(generated, MIN_PAGES))

    def start(self, pages: list[Any], build_args: tuple, plugin: Any) -> None:
        """Fork the helper for ``pages`` (MkDocs pages, ``build_args`` as ``_build_page`` takes them
        after the page; ``plugin`` the adapter, whose page events the helper runs) and let MkDocs
        skip them here."""
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_render, args=(pages, build_args, plugin, sender),
                                        name="lab-pages", daemon=True)
        self._process.start()
        sender.close()
        given = {id(page) for page in pages}

        def build_page(page: Any, *args: Any, **kwargs: Any) -> None:
            if id(page) not in given:
                _BUILD_PAGE(page, *args, **kwargs)

        mkdocs_build._build_page = build_page
        self._reader = threading.Thread(target=self._read, args=(receiver,), name="lab-pages-reader",
                                        daemon=True)
        self._reader.start()

    def _read(self, channel: Connection) -> None:
        try:
            while True:
                message = channel.recv()
                kind = message[0]
                if kind == "log":
                    self._records.append(message[1:])
                elif kind == "done":
                    self._names, self._done = message[1], True
                else:
                    self._failure = message[1]
        except EOFError:
            pass
        finally:
            channel.close()

    def wait(self) -> set[str]:
        """Until the helper is done; its log records are logged here. Returns the class names its
        pages carry; raises :class:`ShareError` if a page failed."""
        mkdocs_build._build_page = _BUILD_PAGE
        process, reader = self._process, self._reader
        self._process = self._reader = None
        if process is None or reader is None:
            return set()
        reader.join()
        process.join()
        for name, level, message in self._records:
            logging.getLogger(name).log(level, message)
        if self._failure is None and not self._done:
            self._failure = f"il processo si è fermato (codice {process.exitcode})"
        if self._failure is not None:
            raise ShareError(f"impaginazione in un secondo processo non riuscita: {self._failure}")
        return self._names

    def stop(self) -> None:
        """A failed build: MkDocs builds its own pages again, the helper is stopped."""
        mkdocs_build._build_page = _BUILD_PAGE
        process, self._process, self._reader = self._process, None, None
        if process is not None:
            process.terminate()
            process.join()
