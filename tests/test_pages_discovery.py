"""Site discovery (spiders/pages/discovery.py) on small hand-written homepages of many CMSs
and themes, in several languages, with class names and paths the snapshot does not use."""

from __future__ import annotations

from pathlib import Path

import pytest

from spiders.pages import app
from spiders.pages import discovery as d

SITES = Path(__file__).resolve().parent / "sites"


def page(head: str = "", body: str = "", html_attrs: str = 'lang="en"') -> str:
    return f"<!DOCTYPE html><html {html_attrs}><head>{head}</head><body>{body}</body></html>"


# -- the CMS -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "headers", "platform", "why"),
    [
        (page('<meta name="generator" content="Webflow">'), None, "webflow", "generator"),
        (page(html_attrs='data-wf-page="a1" data-wf-site="b2"'), None, "webflow", "data-wf-site"),
        (
            page('<link href="https://cdn.prod.website-files.com/x/css/site.css" rel=stylesheet>'),
            None,
            "webflow",
            "website-files",
        ),
        (page('<meta name="generator" content="WordPress 6.5.2">'), None, "wordpress", "generator"),
        (
            page('<link rel="https://api.w.org/" href="https://example.org/wp-json/">'),
            None,
            "wordpress",
            "api.w.org",
        ),
        (
            page(body='<img src="https://shop.example/wp-content/uploads/2024/01/a.jpg">'),
            None,
            "wordpress",
            "wp-content",
        ),
        (
            page(),
            {"Link": '<https://x.org/wp-json/>; rel="https://api.w.org/"'},
            "wordpress",
            "Link",
        ),
        (page('<meta name="Generator" content="Drupal 9">'), None, "drupal", "generator"),
        (page(), {"X-Generator": "Drupal 10 (https://www.drupal.org)"}, "drupal", "X-Generator"),
        (
            page(body='<script>jQuery.extend(Drupal.settings, {"basePath": "/"});</script>'),
            None,
            "drupal",
            "settings",
        ),
        (
            page(
                body='<script type="application/json" data-drupal-selector="drupal-settings-json">'
                "{}</script>"
            ),
            None,
            "drupal",
            "settings",
        ),
        (
            page('<link rel="shortlink" href="https://www.asso.fr/node/17">'),
            None,
            "drupal",
            "/node/",
        ),
        (page('<meta name="generator" content="Ghost 5.80">'), None, "generic", "no sign"),
        (
            page(body="<p>Squarespace site</p><script src=/static/site.js></script>"),
            None,
            "generic",
            "",
        ),
        (
            page('<meta name="generator" content="Joomla! - Open Source Content Management">'),
            None,
            "generic",
            "",
        ),
    ],
)
def test_detect_platform(html, headers, platform, why):
    found, reason = d.detect_platform(html, "https://example.org/", headers)
    assert found == platform
    assert why.lower() in reason.lower()


def test_detect_platform_on_every_snapshot_homepage():
    expected = {"dthlab": "webflow", "ifmsa": "wordpress", "ipsf": "drupal", "ivsa": "wordpress"}
    for site, platform in expected.items():
        html = (SITES / site / "index.html").read_text("utf-8")
        assert d.detect_platform(html, "https://example.org/")[0] == platform, site


# -- feeds and sitemaps --------------------------------------------------------------------


def test_feed_links_on_site_and_comment_feeds_last():
    html = page(
        '<link rel="alternate" type="application/rss+xml" title="Blog » Comments Feed"'
        ' href="/comments/feed/">'
        '<link rel="alternate" type="application/atom+xml" title="Actualités" href="/fr/atom">'
        '<link rel="alternate" type="application/rss+xml" href="https://other.example/feed">'
        '<link rel="alternate" hreflang="fr" href="/fr/">'
    )
    found = d.feed_links(html, "https://www.asso.example/")
    assert [c.url for c in found] == [
        "https://www.asso.example/fr/atom",
        "https://www.asso.example/comments/feed/",
    ]
    assert "Actualités" in found[0].reason


def test_feed_guesses_by_platform():
    webflow = d.feed_guesses("https://x.org/", "webflow", collections=["blog-posts"])
    assert webflow[0].url == "https://x.org/blog-posts/rss.xml"
    assert "collection" in webflow[0].reason
    wordpress = [c.url for c in d.feed_guesses("https://x.org/", "wordpress")]
    assert wordpress[0] == "https://x.org/feed/"
    drupal = [
        c.url for c in d.feed_guesses("https://x.org/", "drupal", known=["https://x.org/feed/"])
    ]
    assert drupal[0] == "https://x.org/rss.xml"
    assert "https://x.org/feed/" not in drupal
    generic = [c.url for c in d.feed_guesses("https://x.org/", "generic")]
    assert {"https://x.org/feed.xml", "https://x.org/atom.xml", "https://x.org/index.xml"} <= set(
        generic
    )


def test_sitemaps_from_robots():
    text = (
        "User-agent: *\nDisallow: /admin/\n\n"
        "Sitemap: https://www.x.org/sitemap_index.xml\n"
        "sitemap:/news-sitemap.xml\n"
        "SITEMAP: https://www.x.org/sitemap_index.xml\n"
    )
    assert d.sitemaps_from_robots(text, "https://www.x.org/robots.txt") == [
        "https://www.x.org/sitemap_index.xml",
        "https://www.x.org/news-sitemap.xml",
    ]
    assert d.sitemaps_from_robots("User-agent: *\nAllow: /\n", "https://x.org/robots.txt") == []
    assert d.sitemap_guesses("https://x.org/", known=["https://x.org/sitemap.xml"]) == [
        "https://x.org/sitemap_index.xml",
        "https://x.org/wp-sitemap.xml",
    ]


# -- navigation ----------------------------------------------------------------------------

FRENCH_DRUPAL = page(
    '<meta name="Generator" content="Drupal 10">',
    '<header class="entete"><ul class="menu-principal">'
    '<li><a href="/fr">Accueil</a></li>'
    '<li><a href="/fr/qui-sommes-nous">Qui sommes-nous ?</a></li>'
    '<li><a href="/fr/actualites">Actualités</a></li>'
    '<li><a href="/fr/contact">Contact</a></li></ul></header>'
    '<div class="bloc"><a href="/fr/actualites/une-nouvelle">Une nouvelle</a></div>',
    'lang="fr"',
)
SPANISH_WORDPRESS = page(
    '<meta name="generator" content="WordPress 6.4">',
    '<div id="cabecera"><div class="menu-principal-container"><ul>'
    '<li><a href="https://www.federacion.example/sobre-nosotros/">Sobre nosotros</a></li>'
    '<li><a href="https://www.federacion.example/noticias/">Noticias</a></li>'
    "</ul></div></div>"
    '<main><a href="https://twitter.com/federacion">Noticias en Twitter</a></main>',
    'lang="es-ES"',
)
GERMAN_GENERIC = page(
    "",
    '<div class="kopf"><div role="navigation">'
    '<a href="/ueber-uns">Über uns</a><a href="/aktuelles">Aktuelles</a></div></div>'
    '<div class="inhalt"><p>Willkommen</p></div>'
    '<footer><a href="/impressum">Impressum</a><a href="/presse">Presse</a></footer>',
    'lang="de"',
)
GHOST_BLOG = page(
    '<meta name="generator" content="Ghost 5.80">',
    '<header class="gh-head"><nav class="gh-head-menu"><ul class="nav">'
    '<li class="nav-home"><a href="https://journal.example/">Home</a></li>'
    '<li class="nav-our-story"><a href="https://journal.example/our-story/">Our story</a></li>'
    "</ul></nav></header>"
    '<main><a class="gh-more" href="https://journal.example/blog/">See all posts →</a>'
    '<a href="/tag/press/">press</a></main>',
)
NESTED_MENU = page(
    "",
    '<nav class="site-menu"><ul><li><a href="#">Organisation</a><ul>'
    '<li><a href="/who-we-are/">Who we are</a></li><li><a href="/our-mission/">Our mission</a></li>'
    '<li><a href="/team/">Team</a></li></ul></li>'
    '<li><a href="/updates/">Updates</a></li><li><a href="/press-releases/">Press releases</a></li>'
    "</ul></nav>"
    '<p>Read <a href="/about-the-network/">about the network</a> in our report.</p>',
)


SQUARESPACE = page(
    "<!-- This is Squarespace. -->",
    '<header class="Header"><div class="header-nav-item header-nav-item--collection">'
    '<a href="/journal" data-animation-role="header-element">Journal</a></div>'
    '<div class="header-nav-item header-nav-item--folder"><a href="/la-mision">'
    "Nuestra misión</a></div>"
    '<div class="header-nav-item"><a href="/blog">Blog</a></div></header>',
    'lang="es"',
)
WIX = page(
    '<meta name="generator" content="Wix.com Website Builder">',
    '<div id="SITE_HEADER"><ul class="wixui-dropdown-menu">'
    '<li><a data-testid="linkElement" href="https://www.rede.example/quem-somos">'
    '<p class="wixui-dropdown-menu__item">Quem somos</p></a></li>'
    '<li><a data-testid="linkElement" href="https://www.rede.example/novidades">'
    '<p class="wixui-dropdown-menu__item">Novidades</p></a></li></ul></div>',
    'lang="pt"',
)
JOOMLA = page(
    '<meta name="generator" content="Joomla! - Open Source Content Management">',
    '<div class="container-header"><ul class="mod-menu mod-list nav">'
    '<li class="nav-item item-101"><a href="/index.php">Home</a></li>'
    '<li class="nav-item item-102"><a href="/index.php/chi-siamo">Chi siamo</a></li>'
    '<li class="nav-item item-103"><a href="/index.php/notizie">Notizie</a></li></ul></div>',
    'lang="it-it"',
)


@pytest.mark.parametrize(
    ("html", "url", "listing", "about"),
    [
        (
            SQUARESPACE,
            "https://red.example/",
            "https://red.example/blog",
            "https://red.example/la-mision",
        ),
        (
            WIX,
            "https://www.rede.example/",
            "https://www.rede.example/novidades",
            "https://www.rede.example/quem-somos",
        ),
        (
            JOOMLA,
            "https://assoc.example/",
            "https://assoc.example/index.php/notizie",
            "https://assoc.example/index.php/chi-siamo",
        ),
        (
            FRENCH_DRUPAL,
            "https://www.asso.example/fr",
            "https://www.asso.example/fr/actualites",
            "https://www.asso.example/fr/qui-sommes-nous",
        ),
        (
            SPANISH_WORDPRESS,
            "https://www.federacion.example/",
            "https://www.federacion.example/noticias/",
            "https://www.federacion.example/sobre-nosotros/",
        ),
        (
            GERMAN_GENERIC,
            "https://verband.example/",
            "https://verband.example/aktuelles",
            "https://verband.example/ueber-uns",
        ),
        (GHOST_BLOG, "https://journal.example/", None, "https://journal.example/our-story/"),
        (
            NESTED_MENU,
            "https://net.example/",
            "https://net.example/updates/",
            "https://net.example/who-we-are/",
        ),
    ],
)
def test_listing_and_about_candidates(html, url, listing, about):
    listings = d.listing_candidates(html, url)
    abouts = d.about_candidates(html, url)
    if listing:
        assert listings[0].url == listing, listings
        assert "navigation" in listings[0].reason
    assert abouts[0].url == about, abouts
    assert all(c.url.startswith(url.split("/")[0] + "//" + url.split("/")[2]) for c in listings)


def test_candidates_rank_navigation_over_page_and_footer():
    nested = [c.url for c in d.about_candidates(NESTED_MENU, "https://net.example/")]
    assert nested[:2] == ["https://net.example/who-we-are/", "https://net.example/our-mission/"]
    assert "https://net.example/about-the-network/" in nested[2:]
    german = [c.url for c in d.listing_candidates(GERMAN_GENERIC, "https://verband.example/")]
    assert german == ["https://verband.example/aktuelles", "https://verband.example/presse"]
    ghost = d.listing_candidates(GHOST_BLOG, "https://journal.example/")
    assert [c.url for c in ghost][:1] == ["https://journal.example/blog/"]


def test_candidates_never_the_homepage_offsite_or_files():
    html = page(
        body='<nav><a href="/">News</a><a href="https://news.other.example/">News</a>'
        '<a href="/news.xml">News</a><a href="#news">News</a><a href="/about.pdf">About</a></nav>'
    )
    assert d.listing_candidates(html, "https://x.org/") == []
    assert d.about_candidates(html, "https://x.org/") == []


def test_pagination_and_listing_items():
    html = page(
        body='<div class="posts">'
        + "".join(
            f'<article><h2><a href="/blog/post-{i}">Post {i}</a></h2></article>' for i in range(3)
        )
        + '</div><a class="next" rel="next" href="/blog?pg=2">Older</a>'
        '<article><h2><a href="https://elsewhere.example/x">Elsewhere</a></h2></article>'
    )
    assert d.pagination_of(html, "https://x.org/blog") == "https://x.org/blog?pg=2"
    assert d.listing_item_urls(html, "https://x.org/blog") == [
        "https://x.org/blog/post-0",
        "https://x.org/blog/post-1",
        "https://x.org/blog/post-2",
    ]


# -- the organisation, language, rendering -------------------------------------------------


def test_organisation_jsonld():
    html = page(
        '<script type="application/ld+json">{"@context":"https://schema.org","@graph":['
        '{"@type":"WebSite","name":"Site"},'
        '{"@type":"NGO","name":"Fédération Internationale des Étudiants",'
        '"alternateName":["FIE","Fed"],"url":"https://fie.example/"}]}</script>'
    )
    facts = d.organisation_jsonld(html, "https://fie.example/")
    assert (facts.name, facts.acronym, facts.url) == (
        "Fédération Internationale des Étudiants",
        "FIE",
        "https://fie.example/",
    )
    assert d.organisation_jsonld(page("<title>x</title>"), "https://x.org/") is None


def test_organisation_from_title():
    facts = d.organisation_from_title(
        page("<title>DTH-Lab | Digital Transformations for Health Lab</title>")
    )
    assert (facts.name, facts.acronym) == ("Digital Transformations for Health Lab", "DTH-Lab")
    facts = d.organisation_from_title(page("<title>Home | IPSF</title>"))
    assert (facts.name, facts.acronym) == ("IPSF", "IPSF")
    facts = d.organisation_from_title(
        page(
            '<meta property="og:site_name" content="Wire Partner"><title>Accueil – Wire Partner</title>'
        )
    )
    assert (facts.name, facts.acronym) == ("Wire Partner", None)


@pytest.mark.parametrize(
    ("attrs", "head", "lang"),
    [
        ('lang="en-US"', "", "en"),
        ('lang="pt_BR"', "", "pt"),
        ('xml:lang="ar"', "", "ar"),
        ("", '<meta http-equiv="Content-Language" content="fr-FR">', "fr"),
        ("", "", None),
        ('lang="x-klingon-1"', "", None),
    ],
)
def test_language_of(attrs, head, lang):
    assert d.language_of(page(head, "<p>x</p>", attrs)) == lang


@pytest.mark.parametrize(
    ("body", "rendered"),
    [
        ('<div id="root"></div><script src="/static/js/main.3f2a.js"></script>', True),
        ('<app-root></app-root><script src="main.js" type="module"></script>', True),
        (
            '<noscript>You need to enable JavaScript to run this app.</noscript><div id="app">'
            '</div><script type="module" src="/assets/index-4f1c.js"></script>',
            True,
        ),
        (
            '<div id="__next"><main><h1>Server rendered</h1><p>' + "Text. " * 100 + "</p></main>"
            '</div><script src="/_next/static/chunks/main.js"></script>',
            False,
        ),
        ("<main><p>" + "A plain page. " * 50 + "</p></main>", False),
        ('<div id="root"></div>', False),  # no script: nothing would ever build it
    ],
)
def test_a_page_a_script_builds_is_an_app_shell(body, rendered):
    assert app.is_app_shell(page("<title>App</title>", body)) is rendered


# -- item patterns -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paths", "patterns"),
    [
        (["/articles/a", "/articles/b-c"], [r"^(/[a-z]{2})?/articles/[^/]+$"]),
        (["/2024/05/a/", "/2025/11/b/"], [r"^(/[a-z]{2})?/\d{4}/\d{2}/[^/]+/$"]),
        (["/a/", "/b/"], []),  # WordPress posts at the root: no pattern would be safe
        (["/news/a", "/es/news/b", "/fr/news/c"], [r"^(/[a-z]{2})?/news/[^/]+$"]),
        (
            ["/actualites/x", "/actualites/y", "/blog/z"],
            [
                r"^(/[a-z]{2})?/actualites/[^/]+$",
                r"^(/[a-z]{2})?/blog/[^/]+$",
            ],
        ),
    ],
)
def test_item_patterns_for(paths, patterns):
    urls = [f"https://x.org{p}" for p in paths] + ["https://other.example/zzz/q"]
    assert d.item_patterns_for(urls, "https://www.x.org/") == patterns


def test_collection_of():
    urls = ["https://x.org/posts/a", "https://x.org/posts/b", "https://x.org/events/c"]
    assert d.collection_of(urls) == ["posts", "events"]


@pytest.mark.parametrize(
    ("body", "heading"),
    [
        ("<h1>About DTH-Lab</h1><p>A consortium.</p>", "About DTH-Lab"),
        ("<h1>Qui sommes-nous ?</h1>", "Qui sommes-nous ?"),
        ("<h1>¿Quiénes somos?</h1>", "¿Quiénes somos?"),
        ("<h1>World Health Day 2025</h1><h2>About us</h2>", None),
    ],
)
def test_about_heading(body, heading):
    assert d.about_heading(page(body=body)) == heading


def test_app_routes_and_script_sources():
    bundle = (
        'e.createElement(Route,{path:"/about"}),{path:"/projects/smile-week"},'
        "fetch('/api/news.json'),'/static/media/logo.svg',`/committees/`,\"/\",\"/About\""
    )
    assert d.app_routes(bundle) == ["/about", "/projects/smile-week", "/committees/"]
    menu = d.route_links(["/about", "/news-and-events"])
    assert [c.url for c in d.about_candidates(menu, "https://app.example/")] == [
        "https://app.example/about"
    ]
    assert [c.url for c in d.listing_candidates(menu, "https://app.example/")] == [
        "https://app.example/news-and-events"
    ]
    html = page(
        '<script src="/static/js/main.js"></script><script src="https://cdn.other.example/x.js">'
        "</script><script>inline()</script>"
    )
    assert d.script_sources(html, "https://app.example/") == [
        "https://app.example/static/js/main.js"
    ]


@pytest.mark.parametrize(
    ("name", "url", "acronym"),
    [
        (
            "International Federation of Medical Students for Global Health",
            "https://www.ifmsgh.org/",
            "IFMSGH",
        ),
        ("Association des Étudiants en Santé", "https://aes.example/", "AES"),
        ("International Veterinary Students' Association", "https://www.ivsa.org", "IVSA"),
        ("Wire Partner", "https://wirepartner.example/", None),
        ("Wire Partner", "https://localhost/", None),
    ],
)
def test_acronym_from_host(name, url, acronym):
    assert d.acronym_from_host(name, url) == acronym
    html = page(f'<meta property="og:site_name" content="{name}"><title>Home</title>')
    assert d.organisation_from_title(html, url).acronym == acronym
