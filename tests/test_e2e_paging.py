"""A cache in front of a WordPress site that ignores ?paged= answers page 1 for every
page: the crawl must notice and stop, not walk pages forever."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import sqlite_utils

from tests.helpers import FAST_CRAWL, run_cli

pytestmark = pytest.mark.e2e

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Cached</title><link>https://cached.example/</link>
<item><title>First post</title><link>https://cached.example/first/</link>
<pubDate>Mon, 05 Jan 2026 10:00:00 +0000</pubDate><description>One.</description></item>
<item><title>Second post</title><link>https://cached.example/second/</link>
<pubDate>Tue, 06 Jan 2026 10:00:00 +0000</pubDate><description>Two.</description></item>
</channel></rss>"""

PAGE = """<!DOCTYPE html><html lang="en"><head><title>{title}</title>
<meta property="og:type" content="article">
<meta property="article:published_time" content="2026-01-05T10:00:00+00:00"></head>
<body><article><h1>{title}</h1><div class="entry-content"><p>{title} body text.</p></div>
</article></body></html>"""


@pytest.fixture
def cached_site():
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            path = self.path.split("?", 1)[0]
            if path == "/feed/":  # whatever the query: the cache's copy of page 1
                body, kind = FEED.encode(), "application/rss+xml; charset=utf-8"
            elif path in {"/first/", "/second/"}:
                body = PAGE.format(title=path.strip("/").title()).encode()
                kind = "text/html; charset=utf-8"
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", requests
    server.shutdown()
    server.server_close()


def test_a_feed_that_repeats_itself_stops_paging(cached_site, tmp_path):
    base_url, requests = cached_site
    sources = tmp_path / "sources.toml"
    sources.write_text(
        '[sources.cached]\nname = "Cached"\nhomepage = "https://cached.example"\n'
        'platform = "wordpress"\ncollect = ["feed"]\nfeed = "/feed/"\n'
    )
    archive_path = tmp_path / "archive.db"
    result = run_cli(
        "crawl",
        "--sources",
        str(sources),
        "--archive",
        str(archive_path),
        "--base-url",
        f"cached={base_url}",
        *FAST_CRAWL,
        check=True,
    )
    feed_requests = [r for r in requests if r.startswith("/feed/")]
    assert feed_requests == ["/feed/", "/feed/?paged=2"], feed_requests
    db = sqlite_utils.Database(archive_path)
    assert db["items"].count == 2
    assert "cached   ok" in result.stdout
