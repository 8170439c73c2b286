"""Writes every site folder of tests/data/variant_sites/ (run: python tests/data/variant_sites/build.py).

Held-out-style variants of the partner sites, for the end-to-end test that an announced
item is an item (tests/test_e2e_announced.py). Edit this file, never the generated files:
it deletes and rewrites the folders.

- ``dthvariant``: DTH-Lab's Webflow site as another designer would build it: no
  ``w-richtext``/``w-dyn-*`` classes (``rich-text-block``, ``collection-list``), articles
  at ``/insights/<slug>``, the listing at ``/news`` paged by ``?page=2`` links labelled
  "Older posts", and the hard pages: short articles (2-3 sentences), titles in ``<h3>``,
  no visible dates, a page whose only date is a meta tag (with the publisher's -07:00
  offset), a page whose only title is ``<title>``/``og:title``.
- ``wpvariant``: a WordPress block theme (no ``entry-title``/``entry-content``: titles in
  ``<h2 class="wp-block-post-title">``), date permalinks ``/<yyyy>/<mm>/<slug>/``, the
  REST API blocked (401), a feed paged by ``?paged=2`` whose pubDates are UTC while the
  pages say ``+02:00``, short posts and a post titled only in ``<title>``.
- ``iadsvariant``: IADS's single-page application built another way: a module bundle
  whose news, about text and pages are JavaScript object literals (dates computed with
  ``new Date``), no JSON and no API anywhere, other markup (``li.post-tile``, ``<h4>``,
  ``<small>`` dates, ``#app``): only a browser gets its cards.
- ``iadsnext``: the same content as a Next.js-style export: the data is embedded in every
  page as ``__NEXT_DATA__`` under other key names (``headline``, ``publishedAt``,
  ``excerpt``, ``section``, ``path``; no slugs): read without a browser.
- ``untitled``: a sitemap announcing one good article, one page with no title anywhere
  and one PDF: the last two must be recorded (``no_article``, ``not_html``) with their URLs.
"""

import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parents[2]))  # the repository, for tests.sites.iads_app
from tests.sites import iads_app  # noqa: E402

SITES = ("dthvariant", "untitled", "wpvariant", "iadsvariant", "iadsnext")
for _site in SITES:
    shutil.rmtree(ROOT / _site, ignore_errors=True)

VARIANT = "https://dthlab-variant.example"
UNTITLED = "https://untitled.example"
WP = "https://wp-variant.example"
PER_PAGE = 12


def w(path: str, data: str | bytes) -> None:
    p = ROOT / path
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def slugify(title: str) -> str:
    out, dash = [], False
    for ch in title.casefold().replace("'", "").replace("\u2019", ""):
        if ch.isascii() and ch.isalnum():
            out.append(ch)
            dash = False
        elif not dash:
            out.append("-")
            dash = True
    return "".join(out).strip("-")


# (title, visible date or None, layout, sentences); newest first
ARTICLES = [
    ("DTH-Lab and student federations launch a youth data charter", "January 22, 2026", "full", 3),
    ("Regional Youth Champions report on a year of digital health work", None, "h3", 2),
    ("What young people want from health apps", "December 16, 2025", "full", 3),
    ("A short note on our annual meeting", None, "meta_date", 2),
    ("Data solidarity explained in five minutes", None, "title_only", 2),
    ("Youth voices at the World Health Summit side event", "November 14, 2025", "h3", 3),
    ("New members join the consortium's advisory board", None, "h3", 2),
    ("Digital citizenship education across Europe", "November 11, 2025", "full", 3),
    ("Call for artists: being online", None, "h3", 2),
    ("AI governance and the health of young people", "October 31, 2025", "full", 3),
    ("A youth-authored series in a digital health journal", None, "title_only", 2),
    ("Nutrition in the age of digital marketing", "October 22, 2025", "h3", 3),
    ("Putting data solidarity into practice", "September 26, 2025", "full", 2),
    ("Digital gaps threaten the declaration on NCDs", None, "h3", 2),
    ("Regional findings on digital-first health systems", "September 1, 2025", "full", 3),
    ("Rules for engaging with big tech", None, "h3", 2),
    ("Cohort 2025-2026 of the youth champions opens", "August 12, 2025", "full", 3),
    ("Safer digital environments for young people", None, "h3", 2),
    ("Five lessons from our first youth assembly", "July 2, 2025", "full", 2),
    ("Closing the gender gap in digital health", None, "h3", 3),
]
META_DATE = "2025-11-20T17:10:46-07:00"  # evening in the publisher's zone: Nov 21 in UTC
SENTENCES = [
    "DTH-Lab works with young people to shape digital health governance.",
    "The partners met online and agreed on the next steps together.",
    "More details will follow on this page in the coming weeks.",
]


def head(title: str | None, canonical: str, extra: str = "") -> str:
    parts = ['<meta charset="utf-8">']
    if title is not None:
        parts += [
            f"<title>{title} | DTH-Lab</title>",
            f'<meta content="{title} | DTH-Lab" property="og:title">',
        ]
    parts += [
        f'<link href="{canonical}" rel="canonical">',
        '<meta content="width=device-width, initial-scale=1" name="viewport">',
        '<meta content="Webflow" name="generator">',
        extra,
    ]
    return "\n".join(p for p in parts if p)


def shell(head_html: str, body: str) -> str:
    return (
        "<!DOCTYPE html><!-- Last Published: Thu Jan 22 2026 -->\n"
        '<html data-wf-domain="dthlab-variant.example" data-wf-page="65a1" lang="en">\n'
        f"<head>\n{head_html}\n</head>\n<body>\n"
        '<div class="navbar"><a class="brand" href="/">DTH-Lab</a>'
        '<nav class="nav-menu"><a class="nav-link" href="/news">News</a>'
        '<a class="nav-link" href="/about">About</a></nav></div>\n'
        f'<div class="section"><div class="container">\n{body}\n</div></div>\n'
        '<div class="footer"><div class="footer-text">© 2026 DTH-Lab. All rights reserved.</div>'
        "</div>\n</body>\n</html>\n"
    )


def article_page(n: int, title: str, date: str | None, layout: str, sentences: int) -> str:
    url = f"{VARIANT}/insights/{slugify(title)}"
    text = " ".join(SENTENCES[:sentences])
    body_text = f'<div class="rich-text-block"><p>{text}</p></div>'
    meta = f'<div class="insight-meta"><div class="date-text">{date}</div></div>' if date else ""
    extra = ""
    if layout == "full":
        heading = f'<h1 class="heading-xl">{title}</h1>'
    elif layout in ("h3", "meta_date"):
        heading = f'<h3 class="insight-title">{title}</h3>'
    else:  # title_only: no heading at all
        heading = ""
    if layout == "meta_date":
        extra = f'<meta content="{META_DATE}" property="article:published_time">'
    return shell(head(title, url, extra), f'<div class="insight">{heading}{meta}{body_text}</div>')


def card(title: str, date: str | None) -> str:
    date_html = f'<div class="card-date">{date}</div>' if date else ""
    return (
        '<div role="listitem" class="collection-item">'
        f'<a href="/insights/{slugify(title)}" class="card-link">'
        f'<h3 class="card-heading">{title}</h3></a>{date_html}</div>'
    )


def listing_page(page: int, pages: int) -> str:
    chunk = ARTICLES[(page - 1) * PER_PAGE : page * PER_PAGE]
    cards = "\n".join(card(title, date) for title, date, _, _ in chunk)
    pager = []
    if page > 1:
        pager.append(f'<a href="?page={page - 1}" class="pager-link">Newer posts</a>')
    if page < pages:
        pager.append(f'<a href="?page={page + 1}" class="pager-link">Older posts</a>')
    body = (
        '<h1 class="heading-xl">News</h1>\n'
        f'<div class="collection-wrapper"><div role="list" class="collection-list">\n{cards}\n'
        f'</div><div class="pager-wrap">{"".join(pager)}</div></div>'
    )
    return shell(head("News", f"{VARIANT}/news"), body)


def sitemap(urls: list[str]) -> str:
    rows = "".join(
        f"<url><loc>{u}</loc><lastmod>2026-01-22T10:00:00+00:00</lastmod></url>" for u in urls
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</urlset>\n'
    )


def build_variant() -> None:
    pages = -(-len(ARTICLES) // PER_PAGE)
    w("dthvariant/index.html", shell(head("DTH-Lab", f"{VARIANT}/"), "<h1>DTH-Lab</h1>"))
    w(
        "dthvariant/about.html",
        shell(head("About", f"{VARIANT}/about"), "<h1>About DTH-Lab</h1><p>A consortium.</p>"),
    )
    w("dthvariant/news.html", listing_page(1, pages))
    for page in range(2, pages + 1):
        w(f"dthvariant/_query/news-page-{page}.html", listing_page(page, pages))
    for n, (title, date, layout, sentences) in enumerate(ARTICLES):
        w(
            f"dthvariant/insights/{slugify(title)}.html",
            article_page(n, title, date, layout, sentences),
        )
    urls = [f"{VARIANT}/", f"{VARIANT}/news", f"{VARIANT}/about"]
    urls += [f"{VARIANT}/insights/{slugify(a[0])}" for a in ARTICLES]
    w("dthvariant/sitemap.xml", sitemap(urls))
    w("dthvariant/robots.txt", f"User-agent: *\nAllow: /\nSitemap: {VARIANT}/sitemap.xml\n")
    routes = {str(p): f"_query/news-page-{p}.html" for p in range(2, pages + 1)}
    manifest = {
        "platform": "webflow",
        "modified": "2026-01-22T10:00:00Z",
        "query_routes": {"/news": {"page": {"1": "news.html", **routes}}},
    }
    w("dthvariant/_site.json", json.dumps(manifest, indent=2) + "\n")


def build_untitled() -> None:
    good = f"{UNTITLED}/news/a-good-article"
    w(
        "untitled/news/a-good-article.html",
        shell(
            head("A good article", good),
            '<h1>A good article</h1><div class="date-text">January 5, 2026</div>'
            '<div class="rich-text-block"><p>It has a title, a date and a body.</p></div>',
        ),
    )
    # no <title>, no og:title, no heading, no JSON-LD: nothing names this page
    w(
        "untitled/news/no-title-anywhere.html",
        shell(
            head(None, f"{UNTITLED}/news/no-title-anywhere"),
            '<div class="rich-text-block"><p>Text that nothing names.</p></div>',
        ),
    )
    w(
        "untitled/news/annual-report.pdf",
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>stream\n\x00\x01\x02endstream\n%%EOF\n",
    )
    urls = [good, f"{UNTITLED}/news/no-title-anywhere", f"{UNTITLED}/news/annual-report.pdf"]
    w("untitled/sitemap.xml", sitemap(urls))
    manifest = {
        "platform": "webflow",
        "modified": "2026-01-22T10:00:00Z",
        "types": {"news/annual-report.pdf": "application/pdf"},
    }
    w("untitled/_site.json", json.dumps(manifest, indent=2) + "\n")


# (title, local time with offset, layout, sentences); newest first
WP_POSTS = [
    ("Members vote on the new strategic plan", "2025-11-20T23:30:00+02:00", "h2", 3),
    ("A short word from the president", "2025-11-12T09:00:00+02:00", "h2", 1),
    ("Regional meeting in Nairobi", "2025-10-30T18:45:00+02:00", "title_only", 2),
    ("Vaccination week toolkit", "2025-10-02T08:00:00+02:00", "h2", 2),
    ("Call for reviewers", "2025-09-15T12:00:00+02:00", "h2", 1),
    ("Annual report 2024-2025 published", "2025-08-28T16:20:00+02:00", "h2", 3),
]
WP_PER_FEED_PAGE = 4


def wp_url(title: str, when: str) -> str:
    return f"{WP}/{when[:4]}/{when[5:7]}/{slugify(title)}/"


def wp_post(title: str, when: str, layout: str, sentences: int) -> str:
    url = wp_url(title, when)
    heading = f'<h2 class="wp-block-post-title">{title}</h2>' if layout == "h2" else ""
    text = " ".join(SENTENCES[:sentences])
    head_html = "\n".join(
        [
            '<meta charset="UTF-8">',
            f"<title>{title} &#8211; Wire Partner</title>",
            f'<link rel="canonical" href="{url}" />',
            f'<meta property="article:published_time" content="{when}" />',
            '<meta name="generator" content="WordPress 6.7.1" />',
        ]
    )
    return (
        f'<!DOCTYPE html>\n<html lang="en-US">\n<head>\n{head_html}\n</head>\n'
        '<body class="wp-site-blocks">\n<header class="wp-block-template-part">'
        '<a href="/">Wire Partner</a></header>\n<main class="wp-block-group">\n'
        f"{heading}"
        f'<div class="wp-block-post-date"><time datetime="{when}">{when[:10]}</time></div>\n'
        f'<div class="wp-block-post-content"><p>{text}</p></div>\n'
        "</main>\n<footer>Wire Partner</footer>\n</body>\n</html>\n"
    )


def wp_feed(posts: list[tuple[str, str, str, int]]) -> str:
    from datetime import UTC, datetime
    from email.utils import format_datetime

    items = "".join(
        f"<item><title>{title}</title><link>{wp_url(title, when)}</link>"
        f"<pubDate>{format_datetime(datetime.fromisoformat(when).astimezone(UTC))}</pubDate>"
        f'<guid isPermaLink="false">{wp_url(title, when)}</guid></item>'
        for title, when, _, _ in posts
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        f"<title>Wire Partner</title><link>{WP}</link><description>News</description>"
        f"{items}</channel></rss>\n"
    )


def build_wp_variant() -> None:
    for title, when, layout, sentences in WP_POSTS:
        path = wp_url(title, when).removeprefix(WP)
        w(f"wpvariant{path}index.html", wp_post(title, when, layout, sentences))
    pages = [WP_POSTS[i : i + WP_PER_FEED_PAGE] for i in range(0, len(WP_POSTS), WP_PER_FEED_PAGE)]
    w("wpvariant/feed/index.xml", wp_feed(pages[0]))
    routes = {}
    for n, chunk in enumerate(pages[1:], 2):
        w(f"wpvariant/_query/feed-{n}.xml", wp_feed(chunk))
        routes[str(n)] = f"_query/feed-{n}.xml"
    w("wpvariant/_rest_blocked.json", '{"code":"rest_forbidden","data":{"status":401}}\n')
    manifest = {
        "platform": "wordpress",
        "modified": "2025-11-21T10:00:00Z",
        "query_routes": {"/feed/": {"paged": {"1": "feed/index.xml", **routes}}},
        "fixed": {"/wp-json/wp/v2/posts": {"status": 401, "file": "_rest_blocked.json"}},
        "types": {"feed/index.xml": "application/rss+xml"}
        | dict.fromkeys(routes.values(), "application/rss+xml"),
    }
    w("wpvariant/_site.json", json.dumps(manifest, indent=2) + "\n")


def build_iads_variant() -> None:
    """IADS built another way: a Vite-style module bundle with the data compiled in."""
    for name, text in iads_app.variant_files().items():
        w(f"iadsvariant/{name}", text)
    manifest = {**iads_app.MANIFEST, "platform": "vue"}
    w("iadsvariant/_site.json", json.dumps(manifest, indent=2) + "\n")
    for name, text in iads_app.next_variant_files().items():
        w(f"iadsnext/{name}", text)
    manifest = {**iads_app.MANIFEST, "platform": "next.js"}
    w("iadsnext/_site.json", json.dumps(manifest, indent=2) + "\n")


if __name__ == "__main__":
    build_iads_variant()
    build_variant()
    build_untitled()
    build_wp_variant()
