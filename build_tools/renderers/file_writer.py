"""The generated files (feeds, calendars, data), written straight into the site's folder.

Most of them are named before they are made (:meth:`build_tools.outputs.Output.later`), and
the pages need only their names. So while this process makes the pages and the renderer
wraps them, a forked process makes the files and writes each one once, where it is
published: no copy through a temporary folder, and their text never waits in this process.
Few files, a process running other threads (the live preview) or ``LAB_WORKERS=1`` write
here instead (:func:`build_tools.parallel.workers`); the files are the same either way
(``tests/test_file_writer.py``).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from multiprocessing.connection import Connection
from pathlib import Path

from build_tools.outputs import Output
from build_tools.parallel import workers

#: Below this many files, forking costs more than it saves.
MIN_FILES = 200


class WriteError(RuntimeError):
    """A file could not be made or written; the message is Italian."""


def write_outputs(outputs: list[Output], folder: Path) -> None:
    """Make and write each output under ``folder`` (its folders created as needed)."""
    made: set[Path] = set()
    for output in outputs:
        target = folder / output.path
        try:
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            content = output.make()
            target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        except Exception as exc:  # noqa: BLE001 - which file, then why
            raise WriteError(f"impossibile scrivere `{output.path}` in `{folder}`: {type(exc).__name__}: {exc}") from exc


def _write_and_report(outputs: list[Output], folder: Path, channel: Connection) -> None:
    gc.disable()  # a short life: collections would only copy the parent's pages
    try:
        write_outputs(outputs, folder)
    except BaseException as exc:  # noqa: BLE001 - reported by the parent
        channel.send(str(exc) if isinstance(exc, WriteError) else f"{type(exc).__name__}: {exc}")
        channel.close()
        os._exit(1)
    channel.send(None)
    channel.close()


class FileWriter:
    """Writes outputs into ``folder``: :meth:`start`, then :meth:`wait` before the build ends."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._process: multiprocessing.process.BaseProcess | None = None
        self._channel: Connection | None = None

    def start(self, outputs: list[Output]) -> None:
        if not workers(len(outputs), MIN_FILES):
            write_outputs(outputs, self.folder)
            return
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_write_and_report, args=(outputs, self.folder, sender),
                                        name="lab-files", daemon=True)
        self._process.start()
        sender.close()
        self._channel = receiver

    def wait(self) -> None:
        """Until every file is written; raises :class:`WriteError` if one was not."""
        process, channel = self._process, self._channel
        self._process = self._channel = None
        if process is None or channel is None:
            return
        try:
            failure = channel.recv()
        except EOFError:
            failure = f"impossibile scrivere i file generati in `{self.folder}`: il processo che li scriveva si è fermato"
        finally:
            channel.close()
            process.join()
        if failure is not None:
            raise WriteError(failure)

    def stop(self) -> None:
        """A build that failed: no file is awaited."""
        if self._process is not None:
            self._process.terminate()
            self._process.join()
        if self._channel is not None:
            self._channel.close()
        self._process = self._channel = None
