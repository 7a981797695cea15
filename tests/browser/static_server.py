"""A tiny static HTTP server for a built site, on 127.0.0.1 and a free port, in a thread.

Behaves like a static host (GitHub Pages): ``/dir`` redirects to ``/dir/``, ``/dir/`` serves
``index.html``, a missing path answers 404 with the site's ``404.html``. With ``gzip=True`` it
compresses text-like responses on the fly (once per file) when the browser accepts gzip, so
the transfer sizes the browser reports are realistic. Used by the browser tests and by
``benchmarks/run.py``.
"""

from __future__ import annotations

import gzip as gzip_module
import mimetypes
import posixpath
import threading
from contextlib import contextmanager
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote, urlsplit

_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".xml": "application/xml",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".svg": "image/svg+xml",
    ".ics": "text/calendar; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".wasm": "application/wasm",
    ".woff2": "font/woff2",
    ".pagefind": "application/octet-stream",
    ".pf_meta": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".pf_fragment": "application/octet-stream",
    ".pf_filter": "application/octet-stream",
}
# Pagefind's .pf_* files are gzip already; images and fonts are compressed formats.
_COMPRESSIBLE = ("text/", "application/json", "application/manifest+json", "application/xml",
                 "application/rss+xml", "application/atom+xml", "image/svg+xml", "application/wasm")


def content_type(path: Path) -> str:
    return _TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def make_handler(root: Path, use_gzip: bool) -> type[BaseHTTPRequestHandler]:
    root = root.resolve()
    cache: dict[Path, bytes] = {}
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "LabStatic/1"

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
            pass

        def do_HEAD(self) -> None:  # noqa: N802 - stdlib naming
            self._serve(head=True)

        def do_GET(self) -> None:  # noqa: N802
            self._serve(head=False)

        def _resolve(self, url_path: str) -> Path | None:
            clean = posixpath.normpath(unquote(url_path))
            parts = [p for p in clean.split("/") if p and p not in (".", "..")]
            target = root.joinpath(*parts)
            try:
                target.resolve().relative_to(root)
            except ValueError:
                return None
            return target

        def _serve(self, head: bool) -> None:
            url_path = urlsplit(self.path).path
            target = self._resolve(url_path)
            status = HTTPStatus.OK
            if target is not None and target.is_dir():
                if not url_path.endswith("/"):
                    self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                    self.send_header("Location", url_path + "/")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                target = target / "index.html"
            if target is None or not target.is_file():
                status, target = HTTPStatus.NOT_FOUND, root / "404.html"
                if not target.is_file():
                    self.send_error(HTTPStatus.NOT_FOUND)
                    return
            body = target.read_bytes()
            ctype = content_type(target)
            encoded = False
            if use_gzip and "gzip" in self.headers.get("Accept-Encoding", "") and ctype.startswith(_COMPRESSIBLE):
                with lock:
                    if target not in cache:
                        cache[target] = gzip_module.compress(body, compresslevel=9, mtime=0)
                body, encoded = cache[target], True
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=600")  # as GitHub Pages
            if encoded:
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            if not head:
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):  # the browser gave up on it: fine
                    self.close_connection = True

    return Handler


@contextmanager
def serve(root: Path, gzip: bool = False) -> Iterator[str]:
    """Serve ``root``; yields the base URL (``http://127.0.0.1:PORT/``)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(Path(root), gzip))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="lab-static-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
