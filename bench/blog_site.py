"""A generated WordPress-like blog of N posts, written as a site folder that
``pipeline.demo``'s server serves (ETag / Last-Modified, 304 on conditional requests).

It has what a WordPress site offers a crawler: the homepage, RSS at ``/feed/`` paged by
``?paged=N`` (``per_page`` posts a page, newest first), the core sitemap index
``/wp-sitemap.xml`` with one child of posts per 2,000 and robots.txt naming it (both
optional), and one Yoast-style post page per post at ``/<yyyy>/<mm>/<slug>/``. Used by
``bench/recrawl.py`` (2,000 posts, under ``bench/.data/``) and by the re-crawl tests.
"""

from __future__ import annotations

import json
import math
import shutil
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

HOMEPAGE = "https://blog.example"
FIRST_POST = datetime(2019, 1, 7, 9, 30, tzinfo=UTC)
URLS_PER_SITEMAP = 2000  # WordPress core's page size
WORDS = [
    "students",
    "health",
    "network",
    "partners",
    "clinic",
    "vaccine",
    "research",
    "training",
    "policy",
    "youth",
    "community",
    "access",
    "medicine",
    "digital",
    "care",
    "members",
    "assembly",
    "country",
    "campaign",
    "report",
]


def post_url(number: int) -> str:
    """The public URL of post ``number`` (1 is the oldest)."""
    when = FIRST_POST + timedelta(hours=31 * number)
    return f"{HOMEPAGE}/{when:%Y/%m}/post-{number:05d}/"


def post_date(number: int) -> datetime:
    return FIRST_POST + timedelta(hours=31 * number)


def post_title(number: int) -> str:
    return f"Post {number}: {WORDS[number % len(WORDS)]} and {WORDS[(number * 7) % len(WORDS)]}"


def post_html(number: int) -> str:
    """A post page as WordPress + Yoast write it: JSON-LD Article, article metas, h1."""
    title, when = escape(post_title(number)), post_date(number).isoformat()
    body = "".join(
        "<p>"
        + " ".join(WORDS[(number + i * 3 + j) % len(WORDS)] for j in range(40)).capitalize()
        + ".</p>"
        for i in range(5)
    )
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "Article",
                "headline": post_title(number),
                "datePublished": when,
                "author": {"@type": "Person", "name": "Blog Editor"},
            }
        ],
    }
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{title} - Blog</title>"
        '<meta name="generator" content="WordPress 6.5">'
        '<meta property="og:type" content="article">'
        f'<meta property="article:published_time" content="{when}">'
        '<script type="application/ld+json" class="yoast-schema-graph">'
        f"{json.dumps(graph)}</script></head><body>"
        f'<article class="post type-post"><h1 class="entry-title">{title}</h1>'
        f'<time class="entry-date" datetime="{when}">{post_date(number):%B %d, %Y}</time>'
        f'<div class="entry-content">{body}</div></article></body></html>'
    )


def feed_xml(numbers: list[int]) -> str:
    items = "".join(
        f"<item><title>{escape(post_title(n))}</title><link>{post_url(n)}</link>"
        f'<guid isPermaLink="false">{HOMEPAGE}/?p={n}</guid>'
        f"<pubDate>{format_datetime(post_date(n))}</pubDate>"
        f"<description>{escape(post_title(n))}.</description></item>"
        for n in numbers
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Blog</title><link>{HOMEPAGE}</link><description>A blog</description>"
        f"{items}</channel></rss>"
    )


def sitemap_xml(urls: list[str], index: bool = False) -> str:
    tag, entry = ("sitemapindex", "sitemap") if index else ("urlset", "url")
    entries = "".join(f"<{entry}><loc>{escape(url)}</loc></{entry}>" for url in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<{tag} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</{tag}>'
    )


def write_blog(root: Path, posts: int, *, per_page: int = 10, sitemap: bool = True) -> Path:
    """Write the blog of ``posts`` posts into ``root`` (replaced); returns ``root``."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    (root / "index.html").write_text(
        '<!DOCTYPE html><html><head><meta name="generator" content="WordPress 6.5">'
        "<title>Blog</title></head><body><h1>Blog</h1></body></html>",
        encoding="utf-8",
    )
    newest_first = list(range(posts, 0, -1))
    pages = max(math.ceil(posts / per_page), 1)
    (root / "feed").mkdir()
    (root / "_query").mkdir()
    routes = {}
    for page in range(1, pages + 1):
        xml = feed_xml(newest_first[(page - 1) * per_page : page * per_page])
        name = "feed/index.xml" if page == 1 else f"_query/feed-{page}.xml"
        (root / name).write_text(xml, encoding="utf-8")
        routes[str(page)] = name
    for number in range(1, posts + 1):
        folder = root / post_url(number).removeprefix(HOMEPAGE + "/")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(post_html(number), encoding="utf-8")
    robots = "User-agent: *\nDisallow: /wp-admin/\n"
    if sitemap:
        children = []
        for start in range(0, posts, URLS_PER_SITEMAP):
            name = f"wp-sitemap-posts-post-{start // URLS_PER_SITEMAP + 1}.xml"
            urls = [post_url(n) for n in range(start + 1, min(start + URLS_PER_SITEMAP, posts) + 1)]
            (root / name).write_text(sitemap_xml(urls), encoding="utf-8")
            children.append(f"{HOMEPAGE}/{name}")
        (root / "wp-sitemap.xml").write_text(sitemap_xml(children, index=True), encoding="utf-8")
        robots += f"\nSitemap: {HOMEPAGE}/wp-sitemap.xml\n"
    (root / "robots.txt").write_text(robots, encoding="utf-8")
    manifest = {
        "platform": "wordpress",
        "modified": "2026-01-18T14:00:00Z",
        "types": {"feed/index.xml": "application/rss+xml"},
        "query_routes": {"/feed/": {"paged": routes}},
    }
    (root / "_site.json").write_text(json.dumps(manifest), encoding="utf-8")
    return root


def blog_source(source_id: str = "blog", *, sitemap: bool = False) -> str:
    """The ``sources.toml`` table of the blog: the feed only (the sitemap, when the site
    has one, is found in robots.txt by a first crawl), or also the configured sitemap."""
    lines = [
        f"[sources.{source_id}]",
        'name = "A generated blog"',
        f'homepage = "{HOMEPAGE}"',
        'platform = "wordpress"',
        'collect = ["feed", "sitemap"]' if sitemap else 'collect = ["feed"]',
        'feed = "/feed/"',
    ]
    if sitemap:
        lines.append('sitemap = "/wp-sitemap.xml"')
    return "\n".join(lines) + "\n"
