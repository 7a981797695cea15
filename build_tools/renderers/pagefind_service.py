"""One Pagefind service process, spoken to without Pagefind's Python API.

Pagefind's service mode (the process behind its Node and Python APIs) takes pages one by one
and writes a bundle on request. Its Python API reads one answer per tenth of a second
(``asyncio.sleep(0.1)`` in its polling loop): minutes at 5,000 pages. This client speaks the
same protocol (base64 JSON messages separated by commas) with a reader thread instead.
"""

from __future__ import annotations

import base64
import json
import subprocess
import threading
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # not on Windows: the pipes keep their size
    fcntl = None  # type: ignore[assignment]

from build_tools.renderers.search import EXCLUDED, SearchIndexError, pagefind_environment


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


class PagefindService:
    """One Pagefind service process holding one index: pages go in, a bundle comes out."""

    def __init__(self, pages: int | None = None) -> None:
        """``pages``: how many pages the bundle will hold, when known (:func:`pagefind_environment`)."""
        self._process = subprocess.Popen([_executable(), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=subprocess.DEVNULL, bufsize=_CHUNK, env=pagefind_environment(pages))
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
        except BrokenPipeError:
            raise SearchIndexError("Pagefind si è fermato durante l'indicizzazione") from None
        if flush:
            self.flush()
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

    def write(self, bundle: Path, close: bool = True) -> None:
        """Every page indexed, the bundle written; then (``close``) the process ends and its memory is freed."""
        try:
            self.flush()
            for message_id in self.pending:
                self._wait(message_id)
            self.pending = []
            self._wait(self._send({"type": "WriteFiles", "index_id": self._index, "output_path": str(bundle)}))
        finally:
            if close:
                self.close()

    def close(self) -> None:
        if self._process.stdin and not self._process.stdin.closed:
            self._process.stdin.close()
        self._process.terminate()
        self._process.wait()
