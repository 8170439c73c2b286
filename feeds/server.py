"""A small read-only HTTP server for the feed folder (stdlib only).

GET and HEAD only (anything else: 405); the right media types with ``charset=utf-8``;
strong ``ETag`` (content hash) and ``Last-Modified`` with 304 answers; gzip when the
client asks; ``Cache-Control`` with a short max-age; 404 for anything that is not a
regular, non-hidden file inside the folder (``..``, encoded traversal, symlinks that
lead out). Feeds are replaced atomically by ``publish``, so a file is read whole.

For real clients: a listen backlog of ``LISTEN_BACKLOG`` (bursts of feed readers polling
at once are queued, not refused) and an idle timeout (a keep-alive connection that sends
nothing for ``IDLE_TIMEOUT`` seconds is closed, so idle clients don't hold threads). In
production, put nginx or Caddy in front.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from feeds.http_validators import is_not_modified
from spiders.pages.dates import format_http_date

logger = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080
MAX_AGE = 300
CONTENT_TYPES = {
    ".atom": "application/atom+xml; charset=utf-8",
    ".rss": "application/rss+xml; charset=utf-8",
    ".json": "application/feed+json; charset=utf-8",
    ".opml": "text/x-opml; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml; charset=utf-8",
    ".png": "image/png",
    ".ico": "image/x-icon",
}
ALLOWED = "GET, HEAD"
LISTEN_BACKLOG = 128
IDLE_TIMEOUT = 30.0
GZIP_SUFFIX = "-gzip"


def gzip_etag(etag: str) -> str:
    """The gzip variant's tag: the identity tag with a ``-gzip`` suffix inside the quotes."""
    return etag[:-1] + GZIP_SUFFIX + '"'


class FeedHTTPServer(ThreadingHTTPServer):
    """A threading server with a listen backlog fit for many clients at once."""

    request_queue_size = LISTEN_BACKLOG
    daemon_threads = True


class _File:
    """A served file's bytes and validators, cached by (mtime, size)."""

    def __init__(self, path: Path, stat: Any) -> None:
        self.key = (stat.st_mtime_ns, stat.st_size)
        self.data = path.read_bytes()
        self.mtime = int(stat.st_mtime)
        self.etag = '"' + hashlib.sha256(self.data).hexdigest()[:32] + '"'
        self._gzipped: bytes | None = None

    @property
    def gzipped(self) -> bytes:
        if self._gzipped is None:
            self._gzipped = gzip.compress(self.data, mtime=0)
        return self._gzipped


class FeedRequestHandler(BaseHTTPRequestHandler):
    server_version = "partnerwire"
    sys_version = ""
    protocol_version = "HTTP/1.1"
    timeout = IDLE_TIMEOUT  # seconds a connection may stay silent; set by make_server
    directory: Path  # set by make_server on a subclass
    cache: dict[Path, _File]
    cache_lock: threading.Lock

    def do_GET(self) -> None:
        self._serve(body=True)

    def do_HEAD(self) -> None:
        self._serve(body=False)

    def __getattr__(self, name: str) -> Any:
        # Any other method (POST, PUT, DELETE, PROPFIND, ...): 405, not the stdlib's 501.
        if name.startswith("do_"):
            return self._not_allowed
        raise AttributeError(name)

    def _not_allowed(self) -> None:
        self.close_connection = True  # the request body (if any) is never read
        self._plain(HTTPStatus.METHOD_NOT_ALLOWED, "405 Method Not Allowed", {"Allow": ALLOWED})

    def _plain(self, status: HTTPStatus, text: str, headers: dict[str, str] | None = None) -> None:
        body = (text + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def resolve(self, raw_path: str) -> Path | None:
        """The file a request path names, or None if it is not one we may serve."""
        path = unquote(urlsplit(raw_path).path, errors="strict")
        if "\x00" in path or "\\" in path:
            return None
        parts = [p for p in path.split("/") if p]
        if any(p in {".", ".."} or p.startswith(".") for p in parts):
            return None
        root = self.directory
        target = root.joinpath(*parts) if parts else root
        try:
            target = target.resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        if target.is_dir() and target.is_relative_to(root):
            target = target / "index.html"
        if not target.is_relative_to(root) or not target.is_file():
            return None
        return target

    def _load(self, path: Path) -> _File | None:
        try:
            stat = path.stat()
            with self.cache_lock:
                cached = self.cache.get(path)
                if cached is None or cached.key != (stat.st_mtime_ns, stat.st_size):
                    cached = self.cache[path] = _File(path, stat)
            return cached
        except OSError:
            return None

    def _serve(self, *, body: bool) -> None:
        try:
            path = self.resolve(self.path)
        except UnicodeDecodeError:
            path = None
        file = path and self._load(path)
        if not path or not file:
            self._plain(HTTPStatus.NOT_FOUND, "404 Not Found")
            return
        gzipped = _accepts_gzip(self.headers.get("Accept-Encoding", ""))
        etag = gzip_etag(file.etag) if gzipped else file.etag
        headers = {
            "ETag": etag,
            "Last-Modified": format_http_date(file.mtime),
            "Cache-Control": f"public, max-age={MAX_AGE}",
            "Vary": "Accept-Encoding",
        }
        if self._not_modified(file):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            return
        data = file.gzipped if gzipped else file.data
        self.send_response(HTTPStatus.OK)
        self.send_header(
            "Content-Type", CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")
        )
        self.send_header("Content-Length", str(len(data)))
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _not_modified(self, file: _File) -> bool:
        # either variant's tag validates either variant: they are the same file
        return is_not_modified(
            self.headers.get("If-None-Match"),
            self.headers.get("If-Modified-Since"),
            {file.etag, gzip_etag(file.etag)},
            file.mtime,
        )

    def log_message(self, format: str, *args: Any) -> None:
        logger.info("%s %s", self.address_string(), format % args)


def _accepts_gzip(accept_encoding: str) -> bool:
    for part in accept_encoding.split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip().lower() in {"gzip", "x-gzip", "*"}:
            q = (
                params.strip().removeprefix("q=").strip()
                if params.strip().startswith("q=")
                else "1"
            )
            try:
                return float(q) > 0
            except ValueError:
                return False
    return False


def make_server(
    directory: str | Path = "out",
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    *,
    idle_timeout: float = IDLE_TIMEOUT,
) -> FeedHTTPServer:
    """A server for ``directory`` bound to host:port (port 0 picks a free one);
    call ``serve_forever()`` on it (or use ``serve``). The folder must exist. A
    connection silent for ``idle_timeout`` seconds is closed."""
    root = Path(directory).resolve(strict=True)
    if not root.is_dir():
        raise NotADirectoryError(f"not a folder: {directory}")
    handler = type(
        "BoundFeedRequestHandler",
        (FeedRequestHandler,),
        {
            "directory": root,
            "cache": {},
            "cache_lock": threading.Lock(),
            "timeout": idle_timeout,
        },
    )
    return FeedHTTPServer((host, port), handler)


def run_server(server: FeedHTTPServer) -> None:
    """Serve until interrupted (Ctrl-C), then close the socket."""
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
