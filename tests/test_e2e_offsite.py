"""End to end: the crawl goes only where the source lives.

Two hostile partners are served on 127.0.0.1 by one server, and a second server on
another port plays "another host": it answers everything attractively (a sitemap, an
article) and counts every request, and it must see none. The sitemap partner's index
lists ``file:///etc/passwd``, ``file:///dev/zero``, a sitemap on the other host, an
endless ``index.xml?n=N+1`` chain and an unreadable ``<loc>``; its news sitemap lists
good pages, an unreadable URL, an item on the other host and an item that redirects
there. The feed partner's feed has one unreadable enclosure among good entries and an
entry whose page redirects to the other host. The real command line crawls both into
a real archive, in a fresh process, and must end by itself.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
import sqlite_utils

from tests.helpers import FAST_CRAWL, Answer, RecordingServer, run_cli

pytestmark = pytest.mark.e2e

SITEMAP_HOME = "https://offsite.example"
FEED_HOME = "https://offsitefeed.example"
BAD = "http://[::1/evil"
SOURCES = f"""
[sources.hostilemap]
name = "Partner With A Hostile Sitemap"
homepage = "{SITEMAP_HOME}"
platform = "drupal"
collect = ["sitemap"]
sitemap = "/sitemap_index.xml"
item_patterns = ["^/news/"]

[sources.hostilefeed]
name = "Partner With A Hostile Feed"
homepage = "{FEED_HOME}"
platform = "drupal"
collect = ["feed"]
feed = "/feed.xml"
"""
GOOD_PAGES = {
    "/news/good-one": "Good news from the sitemap",
    "/news/good-two": "More good news from the sitemap",
    "/feed-news/one": "Feed news one",
    "/feed-news/two": "Feed news with an unreadable picture",
    "/feed-news/three": "Feed news three",
}


def article(title: str, url: str) -> bytes:
    return (
        f'<!DOCTYPE html><html lang="en"><head><title>{title}</title>'
        f'<link rel="canonical" href="{url}"><meta property="og:type" content="article">'
        '<meta property="article:published_time" content="2026-02-01T09:00:00+00:00">'
        f'</head><body><article><h1>{title}</h1><div class="content"><p>{title}: the '
        "partners met and agreed on next steps.</p></div></article></body></html>"
    ).encode()


def sitemap(root: str, entry: str, *locs: str) -> bytes:
    """A sitemap document: ``sitemapindex``/``sitemap`` or ``urlset``/``url`` entries."""
    entries = "".join(f"<{entry}><loc>{loc}</loc></{entry}>" for loc in locs)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<{root} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</{root}>'
    ).encode()


def sitemap_index(*locs: str) -> bytes:
    return sitemap("sitemapindex", "sitemap", *locs)


def urlset(*locs: str) -> bytes:
    return sitemap("urlset", "url", *locs)


def feed(entries: list[tuple[str, str, str]]) -> bytes:
    """RSS with (title, path, enclosure URL) entries."""
    items = "".join(
        f"<item><title>{title}</title><link>{FEED_HOME}{path}</link>"
        "<pubDate>Sun, 01 Feb 2026 09:00:00 +0000</pubDate>"
        f'<enclosure url="{picture}" type="image/png" length="1000"/></item>'
        for title, path, picture in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        f"<title>Hostile feed</title><link>{FEED_HOME}</link>{items}</channel></rss>"
    ).encode()


XML = {"Content-Type": "application/xml; charset=utf-8"}
HTML = {"Content-Type": "text/html; charset=utf-8"}


def other_host(path: str) -> Answer:
    """Another host: everything it answers would be worth following, were it followed."""
    if "sitemap" in path:
        return 200, XML, urlset(*(f"{SITEMAP_HOME}/news/planted-{n}" for n in range(3)))
    return 200, HTML, article("Planted by another host", f"http://127.0.0.1{path}")


def hostile_sites(other: str) -> Callable[[str], Answer]:
    """Both hostile partners' answers; ``other`` is the other host's base URL."""

    def hostile(target: str) -> Answer:
        path, _, query = target.partition("?")
        if path == "/sitemap_index.xml":
            return (
                200,
                XML,
                sitemap_index(
                    "file:///etc/passwd",
                    "file:///dev/zero",
                    f"{other}/sitemap.xml",
                    f"{SITEMAP_HOME}/index.xml?n=1",
                    BAD,
                    f"{SITEMAP_HOME}/news-sitemap.xml",
                ),
            )
        if path == "/index.xml":  # a sitemap index that never ends
            n = int(query.removeprefix("n="))
            return 200, XML, sitemap_index(f"{SITEMAP_HOME}/index.xml?n={n + 1}")
        if path == "/news-sitemap.xml":
            return (
                200,
                XML,
                urlset(
                    f"{SITEMAP_HOME}/news/good-one",
                    BAD,
                    f"{SITEMAP_HOME}/news/moved",
                    f"{other}/news/elsewhere",
                    f"{SITEMAP_HOME}/news/good-two",
                ),
            )
        if path == "/feed.xml":
            return (
                200,
                {"Content-Type": "application/rss+xml"},
                feed(
                    [
                        ("Feed news one", "/feed-news/one", f"{FEED_HOME}/one.png"),
                        (GOOD_PAGES["/feed-news/two"], "/feed-news/two", f"{BAD}.png"),
                        ("Feed news that moved", "/feed-news/moved", f"{FEED_HOME}/m.png"),
                        ("Feed news three", "/feed-news/three", f"{FEED_HOME}/three.png"),
                    ]
                ),
            )
        if path in {"/news/moved", "/feed-news/moved"}:
            return 302, {"Location": f"{other}{path}"}, b""
        if path in GOOD_PAGES:
            home = FEED_HOME if path.startswith("/feed-news/") else SITEMAP_HOME
            return 200, HTML, article(GOOD_PAGES[path], home + path)
        return 404, HTML, b"<h1>Not found</h1>"

    return hostile


@pytest.fixture(scope="module")
def crawled(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("offsite")
    with RecordingServer(other_host) as other:
        with RecordingServer(hostile_sites(other.url)) as site:
            sources = folder / "sources.toml"
            sources.write_text(SOURCES, encoding="utf-8")
            result = run_cli(
                "crawl",
                "--sources",
                str(sources),
                "--archive",
                str(folder / "archive.db"),
                "--base-url",
                f"hostilemap={site.url}",
                "--base-url",
                f"hostilefeed={site.url}",
                *FAST_CRAWL,
            )
            site_requests = list(site.requests)
        other_requests = list(other.requests)
    db = sqlite_utils.Database(folder / "archive.db")
    runs = {row["source"]: row for row in db.query("select * from crawl_runs")}
    for run in runs.values():
        run["errors_by_kind"] = json.loads(run["errors_by_kind"] or "{}")
        run["messages"] = "\n".join(json.loads(run["error_messages"] or "[]"))
    tables = {name: list(db[name].rows) for name in db.table_names() if not name.endswith("_fts")}
    db.close()
    return {
        "result": result,
        "runs": runs,
        "tables": tables,
        "items": {row["title"]: row for row in tables["items"]},
        "site_requests": site_requests,
        "other_requests": other_requests,
        "other_url": other.url,
    }


def test_the_crawl_ends_by_itself_without_a_traceback(crawled):
    result = crawled["result"]
    assert "Traceback" not in result.stdout + result.stderr, result.stderr[-3000:]
    assert set(crawled["runs"]) == {"hostilemap", "hostilefeed"}, result.stdout + result.stderr


def test_the_other_host_saw_no_request(crawled):
    assert crawled["other_requests"] == []


def test_the_endless_sitemap_chain_is_capped(crawled):
    chain = [p for p in crawled["site_requests"] if p.startswith("/index.xml?")]
    assert 0 < len(chain) <= 100  # MAX_SITEMAPS: 100 child sitemaps per source
    runs = crawled["runs"]["hostilemap"]
    assert runs["errors_by_kind"]["sitemap_cap"] == 1
    assert "MAX_SITEMAPS" in runs["messages"]


def test_the_good_urls_are_archived(crawled):
    items = crawled["items"]
    assert set(GOOD_PAGES.values()) <= set(items)
    assert items["Feed news one"]["image"] == f"{FEED_HOME}/one.png"
    assert items[GOOD_PAGES["/feed-news/two"]]["image"] is None
    assert items["Feed news three"]["image"] == f"{FEED_HOME}/three.png"


def test_an_item_that_redirects_off_site_keeps_only_what_its_own_feed_said(crawled):
    moved = crawled["items"]["Feed news that moved"]
    assert moved["source"] == "hostilefeed"
    assert moved["canonical_url"] == f"{FEED_HOME}/feed-news/moved"
    assert "Planted" not in (moved["text"] or "")


def test_every_refusal_is_recorded_by_kind(crawled):
    sitemap = crawled["runs"]["hostilemap"]
    other = crawled["other_url"]
    assert sitemap["status"] == "partial"
    assert sitemap["errors_by_kind"] == {
        "not_http": 2,
        "offsite_sitemap": 1,
        "bad_url": 2,
        "offsite_redirect": 1,
        "offsite_item": 1,
        "sitemap_cap": 1,
    }
    for said in (
        "file:///etc/passwd",
        "file:///dev/zero",
        f"{other}/sitemap.xml",
        BAD,
        f"{SITEMAP_HOME}/news/moved redirects to {other}/news/moved",
        f"{other}/news/elsewhere",
    ):
        assert said in sitemap["messages"], said
    feed = crawled["runs"]["hostilefeed"]
    assert feed["status"] == "partial"
    assert feed["errors_by_kind"] == {"bad_url": 1, "offsite_redirect": 1}
    assert f"{BAD}.png" in feed["messages"]
    assert f"{FEED_HOME}/feed-news/moved redirects to {other}/feed-news/moved" in feed["messages"]


def test_nothing_of_the_other_host_is_in_the_archive(crawled):
    other = crawled["other_url"].removeprefix("http://")
    assert {row["id"] for row in crawled["tables"]["sources"]} == {"hostilemap", "hostilefeed"}
    assert {row["source"] for row in crawled["tables"]["items"]} <= {"hostilemap", "hostilefeed"}
    for name, rows in crawled["tables"].items():
        if name == "crawl_runs":
            continue  # the refusals name the other host, as they should
        for row in rows:
            assert other not in json.dumps(row, default=str), (name, row)
            assert "Planted" not in json.dumps(row, default=str), (name, row)
