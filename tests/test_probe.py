"""The probe (pipeline/probe.py) and the entry it proposes (pipeline/source_entry.py),
against real HTTP servers on 127.0.0.1 whose answers the tests write: a Hugo blog, an
application shell, and a site whose links and redirects lead elsewhere."""

from __future__ import annotations

import tomllib

from pipeline.probe import probe_site
from pipeline.source_entry import build_entry, default_id, entry_toml, write_entry
from spiders.sources import load_sources
from tests.helpers import RecordingServer

HTML = {"Content-Type": "text/html; charset=utf-8"}
XML = {"Content-Type": "application/xml"}
NOT_FOUND = (404, HTML, b"<html><body>Not found</body></html>")
HUGO_POSTS = ["first-steps", "annual-meeting", "new-board"]


def hugo(path: str):
    """A Hugo blog: no CMS markup, posts at /posts/<slug>/, the feed at /index.xml,
    JSON-LD Organization, "Who we are" in a menu named "site-menu", Italian."""
    home = (
        '<!DOCTYPE html><html lang="it-IT"><head><meta name="generator" content="Hugo 0.125">'
        "<title>Rete Studenti Salute</title>"
        '<script type="application/ld+json">{"@context":"https://schema.org",'
        '"@type":"Organization","name":"Rete Italiana Studenti per la Salute",'
        '"alternateName":"RISS","url":"https://riss.example/"}</script></head><body>'
        '<div class="site-menu"><a href="/chi-siamo/">Chi siamo</a>'
        '<a href="/posts/">Notizie</a></div><main><h1>Benvenuti</h1></main></body></html>'
    )
    posts = "".join(
        f'<article><h2><a href="/posts/{slug}/">Post {slug}</a></h2>'
        f"<time datetime='2025-0{i + 1}-10'>10/0{i + 1}/2025</time></article>"
        for i, slug in enumerate(HUGO_POSTS)
    )
    feed = "".join(
        f"<item><title>{slug}</title><link>https://riss.example/posts/{slug}/</link></item>"
        for slug in HUGO_POSTS
    )
    locs = "".join(
        f"<url><loc>https://riss.example{p}</loc></url>"
        for p in ["/", "/chi-siamo/", "/posts/"] + [f"/posts/{s}/" for s in HUGO_POSTS]
    )
    about = "<html><body><h1>Chi siamo</h1><p>" + "La rete riunisce gli studenti. " * 12
    pages = {
        "/": (200, HTML, home),
        "/posts/": (200, HTML, f"<html><body><main>{posts}</main></body></html>"),
        "/index.xml": (
            200,
            {"Content-Type": "application/rss+xml"},
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>{feed}'
            "</channel></rss>",
        ),
        "/sitemap.xml": (
            200,
            XML,
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>',
        ),
        "/chi-siamo/": (200, HTML, about + "</p></body></html>"),
        "/robots.txt": (200, {"Content-Type": "text/plain"}, "User-agent: *\nAllow: /\n"),
    }
    status, headers, body = pages.get(path.split("?")[0], NOT_FOUND)
    return status, headers, body.encode() if isinstance(body, str) else body


def test_a_hugo_blog_is_found_from_its_homepage_alone(tmp_path):
    with RecordingServer(hugo) as server:
        proposal = probe_site("https://riss.example", server.url)
    assert proposal.platform == "generic"
    assert (proposal.name, proposal.acronym) == ("Rete Italiana Studenti per la Salute", "RISS")
    assert proposal.language == "it"
    assert proposal.feed == "/index.xml"
    assert proposal.listings == ["/posts/"]
    assert proposal.sitemap == "/sitemap.xml"
    assert proposal.item_patterns == [r"^(/[a-z]{2})?/posts/[^/]+/$"]
    assert proposal.organisation_pages == ["/chi-siamo/"]
    assert proposal.collect == ["sitemap", "listing", "feed"]
    assert proposal.item_urls["sitemap"] == [f"https://riss.example/posts/{s}/" for s in HUGO_POSTS]
    assert "organisation: Rete Italiana Studenti per la Salute (RISS), from JSON-LD" in "\n".join(
        proposal.findings
    )
    entry = build_entry(proposal)
    assert default_id(proposal) == "riss"
    sources = tmp_path / "sources.toml"
    write_entry(sources, "riss", entry, update=False)
    source = load_sources(sources)["riss"]
    assert source.homepage == "https://riss.example"
    assert source.item_patterns == (r"^(/[a-z]{2})?/posts/[^/]+/$",)
    assert source.is_item_path("/posts/new-board/")
    assert not source.is_item_path("/chi-siamo/")


def app_shell(path: str):
    """A single-page application: every path answers the same empty shell, whose script
    bundle names the client-side routes and the JSON it loads."""
    if path.startswith("/static/js/"):
        bundle = (
            'const routes=[{path:"/"},{path:"/about"},{path:"/news"},{path:"/governance"}];'
            'fetch("/api/news.json").then(r=>r.json());const logo="/static/media/logo.svg";'
        )
        return 200, {"Content-Type": "text/javascript"}, bundle.encode()
    if path == "/robots.txt":
        return NOT_FOUND
    shell = (
        '<!doctype html><html lang="en"><head><title>App</title>'
        '<script defer src="/static/js/main.1a2b.js"></script></head><body>'
        "<noscript>You need to enable JavaScript to run this app.</noscript>"
        '<div id="root"></div></body></html>'
    )
    return 200, HTML, shell.encode()


def test_an_application_shell_is_proposed_for_the_browser():
    with RecordingServer(app_shell) as server:
        proposal = probe_site("https://app.example", server.url)
        asked = list(server.requests)
    assert proposal.render
    assert proposal.listings == ["/news"]
    assert proposal.organisation_pages == ["/about"]
    assert proposal.collect == ["listing"]
    assert "/static/js/main.1a2b.js" in asked
    assert "/api/news.json" not in asked  # read by the crawl, not the probe
    findings = "\n".join(proposal.findings)
    assert "routes: /about, /news, /governance" in findings
    assert "/news, not checked: it needs a browser" in findings
    printed = entry_toml("app", build_entry(proposal))
    assert 'render = "browser"' in printed  # as a field, or as a comment until accepted


def elsewhere(path: str):
    """Links and redirects that leave the site, and a robots.txt naming another host's sitemap."""
    pages = {
        "/": (
            200,
            HTML,
            b'<html lang="en"><body><nav><a href="/news">News</a><a href="/about-us">About us'
            b'</a></nav><link rel="alternate" type="application/rss+xml" href="/feed.rss">'
            b"</body></html>",
        ),
        "/news": (302, {"Location": "https://other.example/news"}, b""),
        "/about-us": (301, {"Location": "/who-we-are"}, b""),
        "/who-we-are": (200, HTML, b"<html><body><h1>Who we are</h1><p>Us.</p></body></html>"),
        "/robots.txt": (
            200,
            {"Content-Type": "text/plain"},
            b"Sitemap: https://other.example/sitemap.xml\n",
        ),
    }
    return pages.get(path, NOT_FOUND)


def test_the_probe_never_leaves_the_site():
    with RecordingServer(elsewhere) as server:
        proposal = probe_site("https://home.example", server.url)
    findings = "\n".join(proposal.findings)
    assert "listing: /news not on the site (https://other.example/news): not followed" in findings
    assert "sitemap: https://other.example/sitemap.xml not on the site" in findings
    assert "sitemap: /sitemap.xml answered 404" in findings
    assert proposal.listings == []
    assert proposal.organisation_pages == ["/who-we-are"]  # a redirect on the site is followed
    assert proposal.collect == []


def test_update_keeps_what_a_person_wrote(tmp_path):
    with RecordingServer(hugo) as server:
        proposal = probe_site("https://riss.example", server.url)
    sources = tmp_path / "sources.toml"
    sources.write_text(
        "[sources.riss]\n"
        'name = "RISS network"   # our name for them\n'
        'homepage = "https://riss.example"\n'
        'platform = "webflow"\n'
        'hosts = ["feeds.riss.example"]\n'
        'collect = ["feed"]\n'
        'feed = "/rss.xml"\n',
        encoding="utf-8",
    )
    write_entry(sources, "riss", build_entry(proposal), update=True)
    text = sources.read_text("utf-8")
    assert 'name = "RISS network"   # our name for them' in text
    entry = tomllib.loads(text)["sources"]["riss"]
    assert entry["hosts"] == ["feeds.riss.example"]
    assert entry["feed"] == "/index.xml"
    assert "acronym" in entry  # not there before: added
    assert load_sources(sources)["riss"].collect == ("sitemap", "listing", "feed")


def test_configured_organisation_pages_are_checked_again():
    """``add --update``: a configured page that still answers is kept, a gone one is
    dropped and said so, and the page found is added once."""
    with RecordingServer(hugo) as server:
        proposal = probe_site(
            "https://riss.example", server.url, organisation_pages=("/old-about/", "/chi-siamo/")
        )
    assert proposal.organisation_pages == ["/chi-siamo/"]
    findings = "\n".join(proposal.findings)
    assert "about: /old-about/ (configured) answered 404: dropped" in findings
    assert "about: /chi-siamo/ (configured) answers: kept" in findings


def test_the_probe_obeys_robots_txt():
    def answer(path: str):
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /posts/\n"
        return hugo(path)

    with RecordingServer(answer) as server:
        proposal = probe_site("https://riss.example", server.url)
        asked = list(server.requests)
    assert "listing: /posts/ is disallowed by robots.txt: skipped" in "\n".join(proposal.findings)
    assert not any(path.startswith("/posts/") for path in asked)
    assert proposal.listings == []
    assert "listing" not in proposal.collect


def homepage_cards(extra_card: str):
    """A site with a feed and no listing link, whose homepage shows cards."""
    cards = "".join(
        f'<article><h2><a href="/{slug}/">Post {slug}</a></h2></article>'
        for slug in ("a-post", "b-post")
    )

    def answer(path: str):
        if path == "/":
            home = (
                '<html lang="en"><head><link rel="alternate" type="application/rss+xml"'
                f' href="/feed/"></head><body><main>{cards}{extra_card}</main></body></html>'
            )
            return 200, HTML, home.encode()
        if path == "/feed/":
            items = "".join(
                f"<item><title>{s}</title><link>https://cards.example/{s}/</link></item>"
                for s in ("a-post", "b-post", "c-post")
            )
            rss = f'<rss version="2.0"><channel><title>x</title>{items}</channel></rss>'
            return 200, {"Content-Type": "application/rss+xml"}, rss.encode()
        return NOT_FOUND

    return answer


def test_the_homepage_is_the_listing_only_when_its_cards_are_all_items():
    with RecordingServer(homepage_cards("")) as server:
        proposal = probe_site("https://cards.example", server.url)
    assert proposal.listings == ["/"]
    assert proposal.collect == ["feed", "listing"]
    project = '<article><h2><a href="/projects/clinic/">Our clinic project</a></h2></article>'
    with RecordingServer(homepage_cards(project)) as server:
        proposal = probe_site("https://cards.example", server.url)
    assert proposal.listings == []
    assert "/ : 1 of its 3 cards are no item" in "\n".join(proposal.findings)
