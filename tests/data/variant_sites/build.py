"""Writes every site folder of tests/data/variant_sites/ (run: python tests/data/variant_sites/build.py).

Held-out-style variants of the partner sites, for the end-to-end tests that an announced
item is an item (tests/test_e2e_announced.py) and that ``partnerwire add`` finds a site
from its homepage (tests/test_e2e_add.py). Edit this file, never the generated files:
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
  Its homepage links "Who we are" and a "Stories" query loop; core's sitemaps are at
  ``/wp-sitemap.xml``, which no robots.txt names (for ``partnerwire add``).
- ``assovariant``: a French association on Drupal whose paths are nobody's default and
  appear in no ``sources.toml``: news at ``/actualites/<slug>`` (listing ``/actualites``,
  zero-based ``?page=1``, "Suivant ›"), "Qui sommes-nous ?" at ``/qui-sommes-nous``, the
  feed at ``/actualites/flux.xml`` (announced by ``<link rel="alternate">`` only, 5 of the
  7 items), the sitemap at ``/plan-du-site.xml`` (named by robots.txt only), menus named
  ``menu-principal``: what ``partnerwire add`` must find from the homepage alone.
- ``iadsvariant``: IADS's single-page application built another way: a module bundle
  whose news, about text and pages are JavaScript object literals (dates computed with
  ``new Date``), no JSON and no API anywhere, other markup (``li.post-tile``, ``<h4>``,
  ``<small>`` dates, ``#app``): only a browser gets its cards.
- ``iadsnext``: the same content as a Next.js-style export: the data is embedded in every
  page as ``__NEXT_DATA__`` under other key names (``headline``, ``publishedAt``,
  ``excerpt``, ``section``, ``path``; no slugs): read without a browser.
- ``untitled``: a sitemap announcing one good article, one page with no title anywhere
  and one PDF: the last two must be recorded (``no_article``, ``not_html``) with their URLs.
- ``dthmoved``, ``ifmsamoved``: copies of the snapshot's DTH-Lab and IFMSA
  (``tests/sites/``) whose pages moved, as on the real sites: DTH-Lab's listing is
  ``/news`` (``/news-insights`` answers 404), IFMSA's own page is ``/about-us/``
  (``/about-ifmsa/`` answers 404); links, sitemaps and canonical links follow. Crawled
  with the project's own ``sources.toml`` by ``tests/test_e2e_drift.py``.
- ``ghostlike``, ``hugolike``, ``handmade``: three small sites of no family we have, each
  offering one way in: a Ghost-like blog with only a feed (``/rss/``, Atom), a Hugo-like
  site with only a sitemap, a hand-made site with only a listing (``/whats-new``, paged
  by a "Next page" link). Collected from configuration alone (``platform = "auto"`` or
  ``"generic"``) by ``tests/test_e2e_generic.py``.
"""

import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parents[2]))  # the repository, for tests.sites.iads_app
from tests.sites import iads_app  # noqa: E402

SNAPSHOT = ROOT.parent.parent / "sites"
SITES = (
    "assovariant",
    "dthvariant",
    "untitled",
    "wpvariant",
    "dthmoved",
    "ifmsamoved",
    "ghostlike",
    "hugolike",
    "handmade",
    "iadsvariant",
    "iadsnext",
)
for _site in SITES:
    shutil.rmtree(ROOT / _site, ignore_errors=True)

VARIANT = "https://dthlab-variant.example"
UNTITLED = "https://untitled.example"
WP = "https://wp-variant.example"
ASSO = "https://asso-variant.example"
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
    build_wp_variant_pages()
    manifest = {
        "platform": "wordpress",
        "modified": "2025-11-21T10:00:00Z",
        "query_routes": {"/feed/": {"paged": {"1": "feed/index.xml", **routes}}},
        "fixed": {"/wp-json/wp/v2/posts": {"status": 401, "file": "_rest_blocked.json"}},
        "types": {"feed/index.xml": "application/rss+xml"}
        | dict.fromkeys(routes.values(), "application/rss+xml"),
    }
    w("wpvariant/_site.json", json.dumps(manifest, indent=2) + "\n")


# (snapshot site, variant folder, old path, new path, old file, new file)
MOVES = (
    ("dthlab", "dthmoved", "/news-insights", "/news", "news-insights.html", "news.html"),
    ("ifmsa", "ifmsamoved", "/about-ifmsa/", "/about-us/", "about-ifmsa", "about-us"),
)


def build_moved() -> None:
    """Copy a snapshot site and move one page: every mention of its path (links, sitemaps,
    canonical links, the manifest) follows; the old path answers 404."""
    for site, folder, old, new, old_file, new_file in MOVES:
        shutil.copytree(SNAPSHOT / site, ROOT / folder)
        (ROOT / folder / old_file).rename(ROOT / folder / new_file)
        # the path as a whole: "/news-insights" but not "/news-insights-page-2.html"
        mention = re.compile(re.escape(old) + (r"(?![\w-])" if not old.endswith("/") else ""))
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in {".html", ".xml", ".json", ".txt", ""}:
                text = path.read_text("utf-8")
                moved = mention.sub(new, text).replace(f'"{old_file}"', f'"{new_file}"')
                moved = moved.replace(f'"{old_file}/', f'"{new_file}/')
                if moved != text:
                    path.write_text(moved, "utf-8")


# (title, date with offset); newest first: the posts of each small generic site
SMALL_POSTS = [
    ("Spring school on community health opens applications", "2026-01-14T09:30:00+01:00"),
    ("Our volunteers mapped forty clinics this winter", "2025-12-02T17:45:00+01:00"),
    ("A new partnership with the regional nursing council", "2025-10-21T08:00:00+02:00"),
    ("What we learned from the autumn vaccination drive", "2025-09-09T12:15:00+02:00"),
    ("Annual meeting: minutes and decisions", "2025-06-30T19:00:00+02:00"),
]
GHOST = "https://ghostlike.example"
HUGO = "https://hugolike.example"
HANDMADE = "https://handmade.example"


def small_page(generator: str | None, title: str, body: str, canonical: str) -> str:
    meta = f'<meta name="generator" content="{generator}">' if generator else ""
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n{meta}\n"
        f'<link rel="canonical" href="{canonical}">\n</head>\n<body>\n'
        '<header class="site-head"><a class="site-logo" href="/">Clinic Friends</a>'
        '<nav class="site-nav"><a href="/">Home</a><a href="/about/">About</a></nav>'
        f"</header>\n<main>\n{body}\n</main>\n"
        '<footer class="site-foot">Clinic Friends, a small association</footer>\n'
        "</body>\n</html>\n"
    )


def small_text(title: str) -> str:
    return (
        f"<p>{title}. " + " ".join(SENTENCES) + "</p><p>Members can write to the secretariat "
        "for the full documents, and the board will answer questions at the next meeting.</p>"
    )


def build_ghostlike() -> None:
    """Ghost: posts at /<slug>/, an Atom-like RSS feed at /rss/, no sitemap, no listing."""
    entries = []
    for title, when in SMALL_POSTS:
        url = f"{GHOST}/{slugify(title)}/"
        body = (
            f'<article class="gh-article post"><header class="gh-article-header">'
            f'<h1 class="gh-article-title">{title}</h1><time class="gh-article-meta-date" '
            f'datetime="{when[:10]}">{when[:10]}</time></header>'
            f'<section class="gh-content gh-canvas">{small_text(title)}</section></article>'
        )
        w(f"ghostlike/{slugify(title)}/index.html", small_page("Ghost 5.82", title, body, url))
        entries.append(
            f'<entry><title>{title}</title><link href="{url}"/><id>{url}</id>'
            f"<updated>{when}</updated><published>{when}</published></entry>"
        )
    w(
        "ghostlike/rss/index.xml",
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Clinic Friends</title><id>{GHOST}/</id><updated>{SMALL_POSTS[0][1]}</updated>"
        + "".join(entries)
        + "</feed>\n",
    )
    w("ghostlike/index.html", small_page("Ghost 5.82", "Clinic Friends", "<h1>Hello</h1>", GHOST))
    manifest = {
        "modified": "2026-01-14T10:00:00Z",
        "types": {"rss/index.xml": "application/atom+xml"},
    }
    w("ghostlike/_site.json", json.dumps(manifest, indent=2) + "\n")


def build_hugolike() -> None:
    """Hugo: posts at /posts/<slug>/, a sitemap of every page, no feed, no listing."""
    urls = [f"{HUGO}/", f"{HUGO}/about/"]
    for title, when in SMALL_POSTS:
        url = f"{HUGO}/posts/{slugify(title)}/"
        body = (
            f'<div class="post"><h1 class="post-title">{title}</h1>'
            f'<div class="post-meta">Posted on <time datetime="{when}">{when[:10]}</time></div>'
            f'<div class="post-content">{small_text(title)}</div></div>'
        )
        w(
            f"hugolike/posts/{slugify(title)}/index.html",
            small_page("Hugo 0.125.4", title, body, url),
        )
        urls.append(url)
    w("hugolike/index.html", small_page("Hugo 0.125.4", "Clinic Friends", "<h1>Hi</h1>", HUGO))
    about = "<h1>About us</h1><p>Clinic Friends is a small association of volunteers.</p>"
    w("hugolike/about/index.html", small_page("Hugo 0.125.4", "About", about, f"{HUGO}/about/"))
    w("hugolike/sitemap.xml", sitemap(urls))
    w("hugolike/_site.json", json.dumps({"modified": "2026-01-14T10:00:00Z"}, indent=2) + "\n")


def build_handmade() -> None:
    """A hand-made site: notes at /notes/<slug>, a listing /whats-new paged by "Next page"."""
    per_page = 3
    chunks = [SMALL_POSTS[i : i + per_page] for i in range(0, len(SMALL_POSTS), per_page)]
    for title, when in SMALL_POSTS:
        url = f"{HANDMADE}/notes/{slugify(title)}"
        day = when[:10]
        body = f"<h1>{title}</h1><p><i>{day}</i></p>{small_text(title)}"
        w(f"handmade/notes/{slugify(title)}.html", small_page(None, title, body, url))
    routes = {}
    for n, chunk in enumerate(chunks, 1):
        cards = "".join(
            f'<div class="note"><h2><a href="/notes/{slugify(t)}">{t}</a></h2>'
            f"<small>{when[:10]}</small></div>"
            for t, when in chunk
        )
        pager = f'<p><a href="/whats-new?p={n + 1}">Next page</a></p>' if n < len(chunks) else ""
        page = small_page(None, "What's new", f"<h1>What's new</h1>{cards}{pager}", HANDMADE)
        name = "whats-new.html" if n == 1 else f"_query/whats-new-{n}.html"
        w(f"handmade/{name}", page)
        routes[str(n)] = name
    w("handmade/index.html", small_page(None, "Clinic Friends", "<h1>Welcome</h1>", HANDMADE))
    manifest = {"modified": "2026-01-14T10:00:00Z", "query_routes": {"/whats-new": {"p": routes}}}
    w("handmade/_site.json", json.dumps(manifest, indent=2) + "\n")


def wp_page(title: str, path: str, main: str) -> str:
    """A page of the block theme, with its navigation and the feed links WordPress adds."""
    return (
        '<!DOCTYPE html>\n<html lang="en-US">\n<head>\n<meta charset="UTF-8">\n'
        f"<title>{title} &#8211; Wire Partner</title>\n"
        f'<link rel="canonical" href="{WP}{path}" />\n'
        '<link rel="alternate" type="application/rss+xml" title="Wire Partner &raquo; Feed"'
        f' href="{WP}/feed/" />\n'
        '<link rel="alternate" type="application/rss+xml" title="Wire Partner &raquo; Comments'
        f' Feed" href="{WP}/comments/feed/" />\n'
        '<meta name="generator" content="WordPress 6.7.1" />\n</head>\n'
        '<body class="wp-site-blocks">\n<header class="wp-block-template-part">'
        '<a href="/">Wire Partner</a><nav class="wp-block-navigation">'
        '<a class="wp-block-navigation-item__content" href="/who-we-are/">Who we are</a>'
        '<a class="wp-block-navigation-item__content" href="/stories/">Stories</a>'
        '<a class="wp-block-navigation-item__content" href="/join/">Join</a></nav></header>\n'
        f'<main class="wp-block-group">\n{main}\n</main>\n<footer>Wire Partner</footer>\n'
        "</body>\n</html>\n"
    )


def build_wp_variant_pages() -> None:
    """The homepage, "Who we are", the "Stories" query loop and core's sitemaps
    (``/wp-sitemap.xml``, not named by a robots.txt: the site has none)."""
    loop = "".join(
        f'<li class="wp-block-post"><h2 class="wp-block-post-title"><a href="'
        f'{wp_url(title, when)}">{title}</a></h2><div class="wp-block-post-date"><time '
        f'datetime="{when}">{when[:10]}</time></div></li>'
        for title, when, _, _ in WP_POSTS
    )
    stories = f'<h1>Stories</h1><ul class="wp-block-post-template">{loop}</ul>'
    w("wpvariant/stories/index.html", wp_page("Stories", "/stories/", stories))
    who = (
        "<h1>Who we are</h1><p>Wire Partner is a network of student associations working"
        " on public health in eleven countries. We train peer educators, run vaccination"
        " weeks and speak for students at regional health meetings.</p>"
    )
    w("wpvariant/who-we-are/index.html", wp_page("Who we are", "/who-we-are/", who))
    w("wpvariant/index.html", wp_page("Wire Partner", "/", "<h1>Wire Partner</h1>"))
    index = "".join(
        f"<sitemap><loc>{WP}/wp-sitemap-posts-{kind}-1.xml</loc></sitemap>"
        for kind in ("post", "page")
    )
    w(
        "wpvariant/wp-sitemap.xml",
        '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex'
        f' xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{index}</sitemapindex>\n',
    )
    w(
        "wpvariant/wp-sitemap-posts-post-1.xml",
        sitemap([wp_url(t, when) for t, when, _, _ in WP_POSTS]),
    )
    w(
        "wpvariant/wp-sitemap-posts-page-1.xml",
        sitemap([f"{WP}/", f"{WP}/who-we-are/", f"{WP}/stories/"]),
    )


# (title, created, teaser); newest first
ASSO_NEWS = [
    ("Assemblée générale 2026 : le nouveau bureau est élu", "2026-01-18T15:00:00+01:00"),
    ("Semaine de la vaccination : nos étudiants mobilisés", "2025-12-04T09:30:00+01:00"),
    ("Journée mondiale du diabète dans nos facultés", "2025-11-14T10:00:00+01:00"),
    ("Partenariat avec la fédération internationale", "2025-10-21T11:15:00+02:00"),
    ("Rentrée 2025 : appel à bénévoles", "2025-09-08T08:00:00+02:00"),
    ("Retour sur le congrès national de Lyon", "2025-06-30T17:45:00+02:00"),
    ("Lancement du groupe de travail santé numérique", "2025-05-12T12:00:00+02:00"),
]
ASSO_PER_PAGE = 4
ASSO_FEED_ITEMS = 5


def asso_shell(title: str, canonical: str, body: str, extra_head: str = "") -> str:
    return (
        '<!DOCTYPE html>\n<html lang="fr" dir="ltr">\n<head>\n<meta charset="utf-8" />\n'
        f"<title>{title} | Association des Étudiants en Santé</title>\n"
        f'<link rel="canonical" href="{canonical}" />\n'
        '<meta name="Generator" content="Drupal 10 (https://www.drupal.org)" />\n'
        '<link rel="alternate" type="application/rss+xml" title="Actualités de l\'AES"'
        ' href="/actualites/flux.xml" />\n'
        f"{extra_head}</head>\n<body>\n"
        '<div id="entete" class="region-entete"><a href="/" class="logo">AES</a>'
        '<ul class="menu-principal"><li><a href="/">Accueil</a></li>'
        '<li><a href="/qui-sommes-nous">Qui sommes-nous ?</a></li>'
        '<li><a href="/actualites">Actualités</a></li>'
        '<li><a href="/adherer">Adhérer</a></li></ul></div>\n'
        f'<div id="contenu" class="region-contenu">\n{body}\n</div>\n'
        '<div id="pied" class="region-pied"><a href="/mentions-legales">Mentions légales</a>'
        "</div>\n</body>\n</html>\n"
    )


def asso_url(title: str) -> str:
    return f"{ASSO}/actualites/{slugify(title.replace('é', 'e').replace('è', 'e'))}"


def asso_teaser(title: str, when: str) -> str:
    path = asso_url(title).removeprefix(ASSO)
    return (
        '<div class="views-row"><article class="node node--type-article node--view-mode-teaser">'
        f'<h2><a href="{path}">{title}</a></h2>'
        f'<time datetime="{when}">{when[8:10]}/{when[5:7]}/{when[:4]}</time>'
        f"<p>{SENTENCES[0]}</p></article></div>"
    )


def build_asso_variant() -> None:
    for number, (title, when) in enumerate(ASSO_NEWS):
        url = asso_url(title)
        body = (
            f'<article class="node node--type-article node--view-mode-full"><h1>{title}</h1>'
            f'<time datetime="{when}">{when[8:10]}/{when[5:7]}/{when[:4]}</time>'
            '<div class="field--name-body">'
            + "".join(f"<p>{s}</p>" for s in SENTENCES)
            + "</div></article>"
        )
        short = f'<link rel="shortlink" href="{ASSO}/node/{700 - number}" />\n'
        w(
            f"assovariant/actualites/{url.rsplit('/', 1)[1]}.html",
            asso_shell(title, url, body, short),
        )
    pages = -(-len(ASSO_NEWS) // ASSO_PER_PAGE)
    for page in range(pages):
        rows = ASSO_NEWS[page * ASSO_PER_PAGE : (page + 1) * ASSO_PER_PAGE]
        pager = (
            f'<nav class="pager"><a href="?page={page + 1}" rel="next">Suivant ›</a></nav>'
            if page + 1 < pages
            else ""
        )
        body = (
            '<h1>Actualités</h1><div class="view-content">'
            + "".join(asso_teaser(t, when) for t, when in rows)
            + f"</div>{pager}"
        )
        name = "actualites.html" if page == 0 else f"_query/actualites-page-{page}.html"
        w(f"assovariant/{name}", asso_shell("Actualités", f"{ASSO}/actualites", body))
    about = (
        "<h1>Qui sommes-nous ?</h1>"
        "<p>L'Association des Étudiants en Santé (AES) rassemble depuis 1987 les étudiants"
        " en médecine, pharmacie et soins infirmiers de douze universités. Elle représente"
        " plus de 30 000 étudiants auprès des pouvoirs publics et des fédérations"
        " internationales.</p><p>Notre mission : former des professionnels de santé engagés,"
        " promouvoir la santé publique et défendre les intérêts des étudiants.</p>"
    )
    w(
        "assovariant/qui-sommes-nous.html",
        asso_shell("Qui sommes-nous ?", f"{ASSO}/qui-sommes-nous", about),
    )
    home = "<h1>Association des Étudiants en Santé</h1>" + "".join(
        asso_teaser(t, when) for t, when in ASSO_NEWS[:3]
    )
    w("assovariant/index.html", asso_shell("Accueil", f"{ASSO}/", home))
    items = "".join(
        f"<item><title>{t}</title><link>{asso_url(t)}</link>"
        f'<description>{SENTENCES[0]}</description><guid isPermaLink="false">{700 - n} at'
        f" {ASSO}</guid></item>"
        for n, (t, _) in enumerate(ASSO_NEWS[:ASSO_FEED_ITEMS])
    )
    w(
        "assovariant/actualites/flux.xml",
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>Actualités de l'AES</title><link>{ASSO}/actualites</link>"
        f"<description>Actualités</description>{items}</channel></rss>\n",
    )
    w(
        "assovariant/robots.txt",
        f"User-agent: *\nDisallow: /admin/\n\nSitemap: {ASSO}/plan-du-site.xml\n",
    )
    urls = [f"{ASSO}/", f"{ASSO}/actualites", f"{ASSO}/qui-sommes-nous"]
    w("assovariant/plan-du-site.xml", sitemap(urls + [asso_url(t) for t, _ in ASSO_NEWS]))
    manifest = {
        "platform": "drupal",
        "modified": "2026-01-18T14:00:00Z",
        "types": {"actualites/flux.xml": "application/rss+xml"},
        "query_routes": {
            "/actualites": {
                "page": {
                    str(n): "actualites.html" if n == 0 else f"_query/actualites-page-{n}.html"
                    for n in range(pages)
                }
            }
        },
    }
    w("assovariant/_site.json", json.dumps(manifest, indent=2) + "\n")


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
    build_asso_variant()
    build_ghostlike()
    build_hugolike()
    build_handmade()
    build_iads_variant()
    build_variant()
    build_untitled()
    build_wp_variant()
    build_moved()
