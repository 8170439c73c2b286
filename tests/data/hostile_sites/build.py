"""Writes every site folder of tests/data/hostile_sites/ (run: python tests/data/hostile_sites/build.py).

Edit this file, never the generated files: it deletes and rewrites the folders."""

import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent
for _site in ("hostile", "brokenwp", "notafeed", "many"):
    shutil.rmtree(ROOT / _site, ignore_errors=True)
CTRL = "".join(chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])


def w(path, data):
    p = ROOT / path
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    p.write_bytes(data)


def page(title, body, *, published=None, head_title=None, host="https://hostile.example", path="/"):
    meta = ""
    if published:
        meta = f'<meta property="article:published_time" content="{published}" />\n'
    ht = head_title if head_title is not None else title
    title_tag = f"<title>{ht}</title>\n" if ht else ""
    h1 = f'<h1 class="entry-title">{title}</h1>\n' if title else ""
    return (
        '<!DOCTYPE html>\n<html lang="en-US">\n<head>\n<meta charset="UTF-8">\n'
        f"{title_tag}"
        f'<link rel="canonical" href="{host}{path}" />\n'
        '<meta property="og:type" content="article" />\n'
        f"{meta}"
        '<meta name="generator" content="WordPress 6.7.1" />\n'
        '</head>\n<body class="post-template-default single single-post">\n'
        '<article class="post type-post status-publish">\n<header class="entry-header">\n'
        f'{h1}</header>\n<div class="entry-content">\n{body}\n</div>\n</article>\n</body>\n</html>\n'
    )


# ---------------------------------------------------------------- hostile: WordPress REST
H = "https://hostile.example"
hostile_body = (
    "<p>Partners met to discuss vaccine supply.</p>\n"
    "<script>window.pwnedScript()</script>\n"
    '<p><img src="/pic.png" onerror="pwnedOnerror()" alt="pic"> A photo.</p>\n'
    '<p><a href="#" onclick="pwnedOnclick()">Click here</a> for the agenda.</p>\n'
    '<p><a href="javascript:pwnedJavascript()">Read the report</a></p>\n'
    '<p><a href="data:text/html;base64,PHNjcmlwdD5wd25lZERhdGEoKTwvc2NyaXB0Pg==">Download the data</a></p>\n'
    '<iframe src="https://evil.example/pwnedIframe"></iframe>\n'
    "<svg><script>pwnedSvg()</script></svg>\n"
    f"<p>Bell{CTRL}end of the control characters.</p>\n"
)
hostile_title = f"Vaccine{CTRL} supply meeting"
long_title = "Overlong headline " + "ABCDEFGHIJ" * 100_000  # about 1 MB

posts = [
    {
        "id": 3,
        "date": "2026-02-03T10:00:00",
        "date_gmt": "2026-02-03T09:00:00",
        "modified_gmt": "2026-02-03T09:00:00",
        "slug": "vaccine-supply-meeting",
        "link": f"{H}/vaccine-supply-meeting/",
        "title": {"rendered": hostile_title + "<script>pwnedTitle()</script>"},
        "content": {"rendered": hostile_body},
        "excerpt": {"rendered": f"<p>Partners met{CTRL}.</p><script>pwnedExcerpt()</script>"},
    },
    {
        "id": 2,
        "date": "2026-02-02T10:00:00",
        "date_gmt": "2026-02-02T09:00:00",
        "modified_gmt": "2026-02-02T09:00:00",
        "slug": "overlong-headline",
        "link": f"{H}/overlong-headline/",
        "title": {"rendered": "Overlong headline"},
        "content": {"rendered": "<p>A CMS bug pasted the whole report into the headline.</p>"},
    },
    {
        "id": 1,
        "date": "2026-02-01T10:00:00",
        "date_gmt": "2026-02-01T09:00:00",
        "modified_gmt": "2026-02-01T09:00:00",
        "slug": "a-calm-post",
        "link": f"{H}/a-calm-post/",
        "title": {"rendered": "A calm post about training workshops"},
        "content": {"rendered": "<p>Nothing strange here: a workshop on health data.</p>"},
    },
]
w("hostile/_posts.json", json.dumps(posts, indent=1))
w(
    "hostile/_site.json",
    json.dumps(
        {
            "platform": "wordpress",
            "modified": "2026-02-03T09:00:00Z",
            "wp_rest": {
                "path": "/wp-json/wp/v2/posts",
                "public": f"{H}/wp-json/wp/v2/posts",
                "data": "_posts.json",
            },
            "server": "nginx",
        },
        indent=1,
    ),
)
w(
    "hostile/vaccine-supply-meeting/index.html",
    page(
        hostile_title + "<script>pwnedH1()</script>",
        hostile_body,
        published="2026-02-03T09:00:00+00:00",
        head_title=hostile_title,
        path="/vaccine-supply-meeting/",
    ),
)
w(
    "hostile/overlong-headline/index.html",
    page(
        long_title,
        "<p>A CMS bug pasted the whole report into the headline.</p>",
        published="2026-02-02T09:00:00+00:00",
        path="/overlong-headline/",
    ),
)
w(
    "hostile/a-calm-post/index.html",
    page(
        "A calm post about training workshops",
        "<p>Nothing strange here: a workshop on health data.</p>",
        published="2026-02-01T09:00:00+00:00",
        path="/a-calm-post/",
    ),
)

# ---------------------------------------------------------------- brokenwp: REST blocked, feed ok
B = "https://broken.example"
w(
    "brokenwp/_blocked.html",
    "<!DOCTYPE html><html><head><title>Access denied</title></head><body>"
    "<h1>A security plugin blocked this request</h1><p>Your access to this site has been limited "
    "by the site owner.</p></body></html>\n",
)


def item(title, path, date=None):
    t = f"\t\t<title>{title}</title>\n" if title else ""
    d = f"\t\t<pubDate>{date}</pubDate>\n" if date else ""
    return f"\t<item>\n{t}\t\t<link>{B}{path}</link>\n{d}\t\t<guid>{B}{path}</guid>\n\t</item>\n"


feed = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n<channel>\n'
    f"\t<title>Broken Partner</title>\n\t<link>{B}</link>\n\t<description>News</description>\n"
    + item("Good news survives", "/good-news/", "Wed, 04 Feb 2026 09:00:00 +0000")
    + item("Truncated page survives", "/truncated/", "Tue, 03 Feb 2026 09:00:00 +0000")
    + item(
        "Annual report 2025 (PDF)",
        "/files/annual-report-2025.pdf",
        "Mon, 02 Feb 2026 09:00:00 +0000",
    )
    + item("A page far too big", "/big-page/", "Sun, 01 Feb 2026 09:00:00 +0000")
    + item("A page that is gone", "/gone/", "Sat, 31 Jan 2026 09:00:00 +0000")
    + item("Title only the feed knew", "/no-title/", "Fri, 30 Jan 2026 09:00:00 +0000")
    + "</channel>\n</rss>\n"
)
w("brokenwp/feed/index.xml", feed)
w(
    "brokenwp/good-news/index.html",
    page(
        "Good news survives",
        "<p>Everything on this page is fine.</p>",
        published="2026-02-04T09:00:00+00:00",
        host=B,
        path="/good-news/",
    ),
)
trunc = page(
    "Truncated page survives",
    "<p>The first paragraph arrived intact.</p><p>The second one was cut",
    published="2026-02-03T09:00:00+00:00",
    host=B,
    path="/truncated/",
)
w(
    "brokenwp/truncated/index.html",
    trunc[: trunc.index("was cut") + len("was cut")] + '<a href="/x" cla',
)
pdf = (
    b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    + bytes(range(256)) * 8
    + b"\n%%EOF\n"
)
w(
    "brokenwp/no-title/index.html",
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"></head>\n<body>\n'
    "<p>This page has a body but no title: no title element, no heading, no metadata.</p>\n"
    "</body></html>\n",
)
w("brokenwp/files/annual-report-2025.pdf", pdf)
w(
    "brokenwp/big-page/index.html",
    page(
        "A page far too big",
        "<p>" + "Padding. " * 70_000 + "</p>",
        published="2026-02-01T09:00:00+00:00",
        host=B,
        path="/big-page/",
    ),
)
w(
    "brokenwp/_site.json",
    json.dumps(
        {
            "platform": "wordpress",
            "modified": "2026-02-04T09:00:00Z",
            "routes": {"/wp-json/wp/v2/posts": "_blocked.html"},
            "query_routes": {"/feed/": {"paged": {"1": "feed/index.xml"}}},
            "types": {
                "feed/index.xml": "application/rss+xml",
                "files/annual-report-2025.pdf": "application/pdf",
            },
            "not_found": ["/gone/"],
            "server": "nginx",
        },
        indent=1,
    ),
)

# ---------------------------------------------------------------- notafeed: feed not XML -> sitemap
N = "https://notafeed.example"
w("notafeed/rss.xml", "<html><body><h1>Under maintenance</h1><p>Back soon & <b>unclosed\n")
w(
    "notafeed/sitemap.xml",
    '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
    + "".join(
        f"<url><loc>{N}/news/{s}</loc></url>\n" for s in ("from-the-sitemap", "untitled", "undated")
    )
    + "</urlset>\n",
)
w(
    "notafeed/news/from-the-sitemap.html",
    page(
        "Found through the sitemap",
        "<p>The feed was broken, the sitemap was not.</p>",
        published="2026-01-20T09:00:00+00:00",
        host=N,
        path="/news/from-the-sitemap",
    ),
)
w(
    "notafeed/_site.json",
    json.dumps(
        {
            "platform": "wordpress",
            "modified": "2026-01-20T09:00:00Z",
            "types": {"rss.xml": "application/rss+xml", "sitemap.xml": "application/xml"},
        },
        indent=1,
    ),
)


def ld(d):
    return (
        '<script type="application/ld+json">'
        + json.dumps({"@context": "https://schema.org", "@graph": [d]})
        + "</script>\n"
    )


w(
    "notafeed/news/untitled.html",
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
    f'<link rel="canonical" href="{N}/news/untitled" />\n'
    '<meta name="generator" content="WordPress 6.7.1" />\n'
    + ld(
        {
            "@type": "Article",
            "@id": f"{N}/news/untitled#article",
            "datePublished": "2026-01-18T09:00:00+00:00",
        }
    )
    + '</head><body class="single single-post">\n<article class="post type-post"><div class="entry-content">\n'
    "<p>This post has a body and a date but no title anywhere: no title element, no heading, no metadata.</p>\n"
    "</div></article></body></html>\n",
)
w(
    "notafeed/news/undated.html",
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n<title>A page with no date</title>\n'
    f'<link rel="canonical" href="{N}/news/undated" />\n'
    '<meta property="og:type" content="article" />\n'
    '<meta name="generator" content="WordPress 6.7.1" />\n'
    + ld(
        {"@type": "Article", "@id": f"{N}/news/undated#article", "headline": "A page with no date"}
    )
    + '</head><body class="single single-post">\n<article class="post type-post"><header class="entry-header">'
    '<h1 class="entry-title">A page with no date</h1></header><div class="entry-content">\n'
    "<p>Nobody said when this was written, and nothing on the page tells.</p>\n"
    "</div></article></body></html>\n",
)

# ---------------------------------------------------------------- many: a slow site of 40 pages
M = "https://many.example"
slugs = [f"update-{n:02d}" for n in range(1, 41)]
w(
    "many/sitemap.xml",
    '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
    + "".join(f"<url><loc>{M}/news/{s}</loc></url>\n" for s in slugs)
    + "</urlset>\n",
)
for n, s in enumerate(slugs, 1):
    w(
        f"many/news/{s}.html",
        page(
            f"Weekly update number {n}",
            f"<p>This is weekly update {n} of the network.</p>",
            published=f"2025-{(n - 1) // 4 + 1:02d}-{(n - 1) % 4 * 7 + 1:02d}T09:00:00+00:00",
            host=M,
            path=f"/news/{s}",
        ),
    )
w(
    "many/_site.json",
    json.dumps({"platform": "wordpress", "modified": "2025-12-01T09:00:00Z"}, indent=1),
)
