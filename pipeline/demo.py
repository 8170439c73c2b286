"""The demo: the bundled offline snapshot of the partner sites (``tests/sites/<id>/``),
served over HTTP on 127.0.0.1 for ``partnerwire demo`` and the end-to-end tests.

One ``ThreadingHTTPServer`` per site folder, each on a free port of 127.0.0.1. Static files
answer by convention (``/a/b/`` -> ``a/b/index.html``; ``/a/b`` -> ``a/b``, ``a/b.html`` or
``a/b/index.html``). What files cannot do comes from the site's ``_site.json`` (written by
``tests/sites/build.py``): query-string routes, aliases, explicit 404s, content types,
per-file Last-Modified dates, extra headers, fixed answers (``fixed``: a path, whatever its
query, answers a status such as 401 with a file as its body), the WordPress REST API
computed from ``_posts.json``, and a single-page application's fallback (``spa_fallback``:
every other path without a file extension, a client-side route such as ``/about``,
answers that file, as such apps' servers do). Files and folders whose name starts with
``_`` or ``.`` are never served.

Run by hand: ``python -m pipeline.demo [--port-base N]``.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import logging
import math
import sys
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

from feeds.http_validators import is_not_modified
from spiders.pages.dates import aware_datetime, format_http_date

log = logging.getLogger(__name__)
SITES_ROOT = Path(__file__).resolve().parent.parent / "tests" / "sites"
TYPES = {
    ".html": "text/html",
    ".xml": "application/xml",
    ".rss": "application/rss+xml",
    ".json": "application/json",
    ".txt": "text/plain",
    ".css": "text/css",
    ".js": "text/javascript",
    ".jpg": "image/jpeg",
    ".png": "image/png",
}
NOT_FOUND = (
    b'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>404 Not Found</title>'
    b"</head><body><h1>Not Found</h1><p>The requested URL was not found on this server.</p>"
    b"</body></html>\n"
)
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass
class Response:
    status: int
    body: bytes
    content_type: str
    modified: datetime = EPOCH
    headers: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Site:
    """One site folder and its ``_site.json`` manifest."""

    root: Path
    manifest: dict[str, Any]

    @classmethod
    def load(cls, root: Path) -> Site:
        path = root / "_site.json"
        manifest = json.loads(path.read_text("utf-8")) if path.is_file() else {}
        return cls(root.resolve(), manifest)

    def respond(self, target: str) -> Response:
        parts = urlsplit(target)
        path, query = unquote(parts.path), parse_qs(parts.query, keep_blank_values=True)
        segments = path.split("/")[1:]
        if (
            not path.startswith("/")
            or "\\" in path
            or "\x00" in path
            or any(s.startswith((".", "_")) for s in segments)
            or path.endswith((".html", "/index.xml"))
            or path in self.manifest.get("not_found", [])
        ):
            return self.not_found()
        if fixed := self.manifest.get("fixed", {}).get(path):
            response = self.file(fixed["file"])  # e.g. a security plugin's 401 JSON
            if response.status == 200:
                response.status = fixed["status"]
            return response
        rest = self.manifest.get("wp_rest", {})
        if path == rest.get("path"):
            return self.wp_posts(query, rest)
        name = self.manifest.get("routes", {}).get(path) or self.find(path)
        for param, pages in self.manifest.get("query_routes", {}).get(path, {}).items():
            if param in query:
                name = pages.get(query[param][-1])
        if name is None and "." not in segments[-1]:
            name = self.manifest.get("spa_fallback")
        return self.file(name) if name else self.not_found()

    def find(self, path: str) -> str | None:
        rel = path.strip("/")
        if path.endswith("/"):
            candidates = [f"{rel}/index.html", f"{rel}/index.xml"]
        else:
            candidates = [rel, f"{rel}.html", f"{rel}/index.html"]
        for name in candidates:
            name = name.lstrip("/")
            full = (self.root / name).resolve()
            if full.is_file() and full.is_relative_to(self.root):
                return name
        return None

    def file(self, name: str) -> Response:
        full = (self.root / name).resolve()
        if not full.is_relative_to(self.root) or not full.is_file():
            return self.not_found()
        kind = self.manifest.get("types", {}).get(name) or TYPES.get(full.suffix, "text/plain")
        stamp = self.manifest.get("last_modified", {}).get(name) or self.manifest.get("modified")
        if not kind.startswith("image/"):
            kind = f"{kind}; charset=utf-8"
        return Response(200, full.read_bytes(), kind, _when(stamp), self.headers_for(name))

    def headers_for(self, name: str) -> list[tuple[str, str]]:
        headers = list(self.manifest.get("headers", {}).items())
        if name.endswith(".html"):
            headers += self.manifest.get("html_headers", {}).items()
        return headers

    def not_found(self) -> Response:
        return Response(404, NOT_FOUND, "text/html; charset=utf-8", _when(None))

    def wp_posts(self, query: dict[str, list[str]], rest: dict[str, Any]) -> Response:
        """``/wp-json/wp/v2/posts`` as WordPress computes it: per_page, page, paging headers."""
        posts = json.loads((self.root / rest["data"]).read_text("utf-8"))
        args = {key: values[-1] for key, values in query.items()}
        try:
            per_page, page = int(args.get("per_page", "10")), int(args.get("page", "1"))
        except ValueError:
            per_page = page = 0
        if not 1 <= per_page <= 100 or page < 1:
            error = {
                "code": "rest_invalid_param",
                "message": "Invalid parameter(s): per_page, page",
                "data": {"status": 400, "params": {"per_page": "between 1 and 100"}},
            }
            return _wp_json(400, error, [])
        total = len(posts)
        pages = math.ceil(total / per_page)
        if page > pages and total:
            error = {
                "code": "rest_post_invalid_page_number",
                "message": "The page number requested is larger than the number of pages "
                "available.",
                "data": {"status": 400},
            }
            return _wp_json(400, error, [])
        chosen = posts[(page - 1) * per_page : page * per_page]
        base = rest["public"]
        headers = [("X-WP-Total", str(total)), ("X-WP-TotalPages", str(pages))]
        for rel, number in (("prev", min(page - 1, pages)), ("next", page + 1)):
            if 1 <= number <= pages and number != page:
                link = f"{base}?{urlencode({**args, 'page': number})}"
                headers.append(("Link", f'<{link}>; rel="{rel}"'))
        response = _wp_json(200, chosen, headers)
        response.modified = max((_when(p["modified_gmt"] + "Z") for p in chosen), default=EPOCH)
        return response


def _wp_json(status: int, data: object, headers: list[tuple[str, str]]) -> Response:
    body = json.dumps(data, separators=(",", ":")).replace("/", "\\/").encode()
    return Response(status, body, "application/json; charset=UTF-8", EPOCH, headers)


def _when(stamp: str | None) -> datetime:
    return aware_datetime(stamp) or EPOCH


class SnapshotHandler(BaseHTTPRequestHandler):
    server: SiteServer

    def version_string(self) -> str:
        return self.server.site.manifest.get("server", "snapshot")

    def do_GET(self) -> None:
        self.answer(with_body=True)

    def do_HEAD(self) -> None:
        self.answer(with_body=False)

    def answer(self, *, with_body: bool) -> None:
        response = self.server.site.respond(self.path)
        etag = '"' + hashlib.sha256(response.body).hexdigest()[:20] + '"'
        status = response.status
        if status == 200 and self.not_modified(etag, response.modified):
            status = 304
        self.send_response(status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", format_http_date(response.modified))
        for name, value in response.headers:
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if with_body and status != 304:
            self.wfile.write(response.body)

    def not_modified(self, etag: str, modified: datetime) -> bool:
        return is_not_modified(
            self.headers.get("If-None-Match"),
            self.headers.get("If-Modified-Since"),
            {etag},
            modified.timestamp(),
        )

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: no line on stderr per request."""


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], site: Site) -> None:
        self.site = site
        super().__init__(address, SnapshotHandler)

    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        """A client that hangs up early is normal; anything else goes to the log, not stderr."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            log.exception("snapshot: error answering %s", client_address)


class SnapshotServer:
    """The running snapshot: one server per site; a context manager."""

    def __init__(self, root: Path = SITES_ROOT, host: str = "127.0.0.1", port_base: int = 0):
        folders = sorted(p for p in Path(root).iterdir() if p.is_dir() and p.name[0] not in "._")
        self.servers: dict[str, SiteServer] = {}
        for number, folder in enumerate(folders):
            port = port_base + number if port_base else 0
            self.servers[folder.name] = SiteServer((host, port), Site.load(folder))
        self.base_urls: dict[str, str] = {
            name: f"http://{host}:{server.server_address[1]}"
            for name, server in self.servers.items()
        }
        for server in self.servers.values():
            threading.Thread(target=server.serve_forever, daemon=True).start()

    def close(self) -> None:
        for server in self.servers.values():
            server.shutdown()
            server.server_close()

    def __enter__(self) -> SnapshotServer:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def serve_snapshot(
    root: Path = SITES_ROOT, host: str = "127.0.0.1", port_base: int = 0
) -> SnapshotServer:
    """Start serving every site folder under ``root``; use as ``with serve_snapshot() as s:``."""
    return SnapshotServer(root, host, port_base)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the offline snapshot of the partner sites.")
    parser.add_argument("--root", type=Path, default=SITES_ROOT)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port-base", type=int, default=0, help="first port (default: free)")
    args = parser.parse_args(argv)
    with serve_snapshot(args.root, args.host, args.port_base) as snapshot:
        for name, url in snapshot.base_urls.items():
            print(f"{name:10} {url}")
        print("Ctrl-C to stop.")
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
