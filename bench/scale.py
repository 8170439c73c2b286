"""scale: one polite crawl of a generated network of partner sites (200 by default), on
one node (``partnerwire crawl``, one process) and on two Scrapyd nodes (``crawl
--scrapyd``, one job per site), and what that projects for 500 sites on N nodes within a
6-hour window. Not a test: ``python bench/run.py scale`` or ``python bench/scale.py
[SITES]``.

The sites are small (about 10 items each, an about page) and mixed: WordPress by feed and
by REST API, Drupal by sitemap, Webflow by listing, a generic site by Atom feed; each on
its own port of 127.0.0.1, all served by threads of this process. The crawl keeps the
project's polite settings (AutoThrottle, a delay, two requests per site at most).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

from bench.common import ROOT, Result, Row

SITES = 200
ITEMS = 10
FAMILIES = ("wordpress-feed", "wordpress-rest", "drupal-sitemap", "webflow-listing", "generic")
WINDOW_HOURS = 6
TARGET_SITES = 500
PYTHON = sys.executable
REAL_SITE_PAGES = 150  # a real partner's crawl: listings, feeds and a year of news items


@dataclass
class Site:
    id: str
    family: str
    pages: dict[str, tuple[str, bytes]]  # path -> (content type, body)

    def toml(self, n: int) -> str:
        platform = self.family.split("-")[0]
        how = {
            "wordpress-feed": 'collect = ["feed"]\nfeed = "/feed/"',
            "wordpress-rest": 'collect = ["rest"]\nrest = "/wp-json/wp/v2/posts"',
            "drupal-sitemap": 'collect = ["sitemap"]\nsitemap = "/sitemap.xml"\n'
            'item_patterns = ["^/node/\\\\d+$"]',
            "webflow-listing": 'collect = ["listing"]\nlistings = ["/news"]\n'
            'item_patterns = ["^/articles/[^/]+$"]',
            "generic": 'collect = ["feed"]\nfeed = "/atom.xml"',
        }[self.family]
        return (
            f'[sources.{self.id}]\nname = "Partner Association {n}"\nacronym = "PA{n}"\n'
            f'homepage = "https://{self.id}.example.org"\nplatform = "{platform}"\n'
            f'language = "en"\n{how}\norganisation_pages = ["/about"]\n'
        )


def article_path(family: str, k: int) -> str:
    return {
        "drupal-sitemap": f"/node/{100 + k}",
        "webflow-listing": f"/articles/story-{k}",
    }.get(family, f"/story-{k}/")


def article_html(site: str, title: str, day: int, k: int) -> str:
    words = " ".join(
        f"{site} worked with students in region {k} on public health." for _ in range(8)
    )
    return (
        f"<!doctype html><html lang='en'><head><title>{title}</title>"
        f"<meta property='og:title' content='{title}'>"
        f"<meta property='article:published_time' content='2026-01-{day:02d}T10:00:00+00:00'>"
        f"</head><body><header><nav><a href='/'>Home</a></nav></header><main><article>"
        f"<h1>{title}</h1><time datetime='2026-01-{day:02d}'>{day} January 2026</time>"
        + "".join(f"<p>{words} Paragraph {p}.</p>" for p in range(4))
        + "</article></main><footer>Footer</footer></body></html>"
    )


def make_site(n: int) -> Site:
    """One generated partner site of family ``FAMILIES[n % 5]``: its every page."""
    family, site_id = FAMILIES[n % len(FAMILIES)], f"partner{n:03d}"
    name = f"Partner Association {n}"
    pages: dict[str, tuple[str, bytes]] = {}
    html = "text/html; charset=utf-8"
    entries = []
    for k in range(ITEMS):
        title, day, path = f"{name} news number {k}", 1 + k, article_path(family, k)
        pages[path] = (html, article_html(name, title, day, k).encode())
        entries.append((title, day, path))
    about = (
        f"<html><head><title>About {name}</title></head><body><main><h1>About us</h1>"
        f"<p>The {name} (PA{n}) is a non-profit student organisation founded in 19{50 + n % 50} "
        f"that represents 10,000 students in {n % 90 + 10} countries.</p></main></body></html>"
    )
    pages["/about"] = (html, about.encode())
    pages["/"] = (
        html,
        f"<html><body><h1>{name}</h1><a href='/about'>About</a></body></html>".encode(),
    )
    base = f"https://{site_id}.example.org"
    if family in ("wordpress-feed", "generic"):
        if family == "generic":
            body = "".join(
                f"<entry><title>{escape(t)}</title><link href='{base}{p}'/><id>{base}{p}</id>"
                f"<updated>2026-01-{d:02d}T10:00:00Z</updated></entry>"
                for t, d, p in entries
            )
            feed = f"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>{name}</title>{body}</feed>"
            pages["/atom.xml"] = ("application/atom+xml", feed.encode())
        else:
            body = "".join(
                f"<item><title>{escape(t)}</title><link>{base}{p}</link><guid>{base}{p}</guid>"
                f"<pubDate>{d:02d} Jan 2026 10:00:00 +0000</pubDate></item>"
                for t, d, p in entries
            )
            feed = (
                f"<?xml version='1.0'?><rss version='2.0'><channel><title>{name}</title>"
                f"{body}</channel></rss>"
            )
            pages["/feed/"] = ("application/rss+xml", feed.encode())
    elif family == "wordpress-rest":
        posts = [
            {
                "id": k,
                "link": f"{base}{p}",
                "date": f"2026-01-{d:02d}T10:00:00",
                "date_gmt": f"2026-01-{d:02d}T10:00:00",
                "title": {"rendered": t},
                "excerpt": {"rendered": f"<p>{t}.</p>"},
                "content": {
                    "rendered": pages[p][1].decode().split("<article>")[1].split("</article>")[0]
                },
            }
            for k, (t, d, p) in enumerate(entries)
        ]
        pages["/wp-json/wp/v2/posts"] = ("application/json", json.dumps(posts).encode())
    elif family == "drupal-sitemap":
        urls = "".join(f"<url><loc>{base}{p}</loc></url>" for _, _, p in entries)
        sitemap = f"<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{urls}</urlset>"
        pages["/sitemap.xml"] = ("application/xml", sitemap.encode())
    else:
        cards = "".join(
            f"<div role='listitem' class='w-dyn-item'><a href='{p}'><h3>{escape(t)}</h3></a></div>"
            for t, _, p in entries
        )
        listing = (
            f"<html><head><meta name='generator' content='Webflow'></head><body><h1>News</h1>"
            f"<div class='w-dyn-list'><div role='list' class='w-dyn-items'>{cards}</div></div>"
            "</body></html>"
        )
        pages["/news"] = (html, listing.encode())
    return Site(site_id, family, pages)


class SiteHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        found = self.server.site.pages.get(path)  # type: ignore[attr-defined]
        if found is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        content_type, body = found
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if path.startswith("/wp-json/"):
            self.send_header("X-WP-Total", str(ITEMS))
            self.send_header("X-WP-TotalPages", "1")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A crawler closing a kept-alive connection is not an error worth printing."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve_network(sites: list[Site]) -> Iterator[dict[str, str]]:
    """Each site on its own port of 127.0.0.1: {site id: base URL}."""
    servers = []
    try:
        for site in sites:
            server = SiteServer(("127.0.0.1", 0), SiteHandler)
            server.site = site  # type: ignore[attr-defined]
            threading.Thread(target=server.serve_forever, daemon=True).start()
            servers.append(server)
        yield {s.site.id: f"http://127.0.0.1:{s.server_address[1]}" for s in servers}  # type: ignore[attr-defined]
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


def crawl(
    archive: Path, sources: Path, base_urls: dict[str, str], *extra: str
) -> tuple[float, str]:
    """``partnerwire crawl`` (polite settings) in a fresh process: wall seconds, stdout."""
    command = [
        PYTHON,
        "-m",
        "pipeline.cli",
        "crawl",
        "--archive",
        str(archive),
        "--sources",
        str(sources),
    ]
    for site_id, url in base_urls.items():
        command += ["--base-url", f"{site_id}={url}"]
    start = time.perf_counter()
    result = subprocess.run(
        [*command, *extra], cwd=ROOT, capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise RuntimeError(result.stderr)
    return wall, result.stdout


def archive_summary(archive: Path) -> dict:
    import sqlite_utils

    db = sqlite_utils.Database(archive)
    try:
        runs = list(db.query("select status, pages, duration_seconds from crawl_runs"))
        return {
            "items": db["items"].count,
            "pages": sum(r["pages"] for r in runs),
            "ok": sum(r["status"] == "ok" for r in runs),
            "runs": len(runs),
            "job_seconds": statistics.median(r["duration_seconds"] for r in runs),
        }
    finally:
        db.close()


def projection(pages_per_node_hour: float, pages_per_site: float) -> list[str]:
    """Hours for TARGET_SITES sites of ``pages_per_site`` pages on 1, 2, 4, 8 nodes."""
    lines = [f"projection for sites of {pages_per_site:.0f} pages:"]
    for nodes in (1, 2, 4, 8):
        hours = TARGET_SITES * pages_per_site / (pages_per_node_hour * nodes)
        fits = "fits" if hours <= WINDOW_HOURS else "does not fit"
        lines.append(
            f"{TARGET_SITES} sites on {nodes} node(s): {hours:.2f} h ({fits} in {WINDOW_HOURS} h)"
        )
    return lines


def measure(count: int) -> Result:
    from tests.scrapyd_nodes import build_egg, scrapyd_nodes

    sites = [make_site(n) for n in range(count)]
    with tempfile.TemporaryDirectory() as tmp, serve_network(sites) as base_urls:
        folder = Path(tmp)
        sources = folder / "sources.toml"
        sources.write_text("\n".join(site.toml(n) for n, site in enumerate(sites)))
        one_wall, _ = crawl(folder / "one.db", sources, base_urls)
        one = archive_summary(folder / "one.db")
        egg = build_egg(folder)
        # the egg carries the project's sources.toml: the nodes read the generated one
        # from their environment (PARTNERWIRE_SOURCES), as a deployment may
        env = {"PARTNERWIRE_SOURCES": str(sources)}
        with scrapyd_nodes(folder / "nodes", egg, count=2, max_proc=4, env=env) as nodes:
            scrapyd = [arg for node in nodes for arg in ("--scrapyd", node)]
            two_wall, _ = crawl(folder / "two.db", sources, base_urls, *scrapyd, "--poll", "1")
        two = archive_summary(folder / "two.db")
    pages_per_node_hour = two["pages"] / (two_wall * 2) * 3600
    pages_per_site = two["pages"] / count
    return Result(
        "scale",
        "the same network crawled in one process on one node",
        [Row(f"{count} sites on 2 Scrapyd nodes vs 1 node", two_wall, one_wall)],
        [
            f"1 node, one process: {one_wall:.1f} s, {one['items']} items, "
            f"{one['ok']}/{one['runs']} ok, "
            f"median {one['job_seconds']:.1f} s per site",
            f"2 Scrapyd nodes (4 jobs each at once): {two_wall:.1f} s, {two['items']} items, "
            f"{two['ok']}/{two['runs']} ok, median {two['job_seconds']:.1f} s per job",
            f"measured on 2 nodes: {pages_per_node_hour:,.0f} pages per node-hour "
            f"({pages_per_node_hour / pages_per_site:,.0f} sites of {pages_per_site:.0f} pages); "
            "both nodes share this machine's CPUs",
            *projection(pages_per_node_hour, pages_per_site),
            *projection(pages_per_node_hour, REAL_SITE_PAGES),
        ],
    )


def run() -> Result:
    return measure(SITES)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    print(measure(int(sys.argv[1]) if len(sys.argv) > 1 else SITES).table())
