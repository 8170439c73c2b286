"""Probing a partner's site with httpx: what ``partnerwire add URL`` proposes, and why.

``probe_site(homepage)`` fetches the homepage, robots.txt, the candidate feeds, the
WordPress REST API, the sitemaps, the best news listing and its next pages and the about
page; ``spiders.pages.discovery`` says what to try, this module checks that each really
answers and yields item links. Every request has a short timeout, obeys robots.txt and
stays on the site: an off-site link or redirect is never followed. With ``base_url`` the
site is fetched from somewhere else (the offline snapshot, a mirror) while every URL found
keeps its public address, as ``Source.base_url`` does for a crawl.

Network only (``fetch_*``) and the decisions made from what answered; the entry is written
by ``pipeline.source_entry``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

from spiders.pages import app, discovery, parse_feed, parse_sitemap, parse_wp_posts
from spiders.pages.discovery import Candidate
from spiders.pages.dom import parse_html, strip_chrome, text_of
from spiders.pages.urls import same_site
from spiders.settings import USER_AGENT
from spiders.sources import Source

TIMEOUT = 5.0  # seconds, per request
MAX_REDIRECTS = 5
MAX_BYTES = 5_000_000
MAX_LISTING_PAGES = 10  # pages of a listing followed to learn its item URLs
MAX_CANDIDATES = 4  # listing / about links tried, best first
MAX_CHILD_SITEMAPS = 20
MAX_BUNDLES = 3  # script bundles of an application shell read for its routes
ABOUT_TEXT = 200  # characters of text that make an answering page an organisation page
REST_PATH = "/wp-json/wp/v2/posts"
DRUPAL_NODE_PATTERN = r"^(/[a-z]{2})?/node/\d+$"


class ProbeError(Exception):
    """The site cannot be probed at all (its homepage does not answer with HTML)."""


@dataclass
class Answer:
    """One response: its public URL (after same-site redirects), status and text; status
    0 with ``error`` when nothing answered, or the request was refused as off-site."""

    url: str
    status: int
    text: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status == 200

    def why_not(self) -> str:
        return self.error or f"answered {self.status}"


@dataclass
class Proposal:
    """What the probe found: the fields of a ``sources.toml`` entry, and one line per
    finding saying what was tried and why it was taken or left."""

    homepage: str
    platform: str = "generic"
    name: str | None = None
    acronym: str | None = None
    language: str | None = None
    collect: list[str] = field(default_factory=list)
    rest: str | None = None
    feed: str | None = None
    sitemap: str | None = None
    listings: list[str] = field(default_factory=list)
    item_patterns: list[str] = field(default_factory=list)
    organisation_pages: list[str] = field(default_factory=list)
    render: bool = False
    findings: list[str] = field(default_factory=list)
    item_urls: dict[str, list[str]] = field(default_factory=dict)  # method -> item URLs

    def note(self, what: str, line: str) -> None:
        self.findings.append(f"{what}: {line}")


def site_path(url: str) -> str:
    """A URL as the site path the entry keeps (``/feed/``, ``/news?page=1``)."""
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


class SiteFetcher:
    """GETs on one site with httpx: public URLs in, answers with public URLs out."""

    def __init__(self, homepage: str, base_url: str | None = None, timeout: float = TIMEOUT):
        self.site = Source(
            id="probe", name="probe", homepage=homepage.rstrip("/"), platform="webflow",
            collect=(), base_url=base_url.rstrip("/") if base_url else None,
        )  # fmt: skip
        self.client = httpx.Client(
            timeout=timeout, follow_redirects=False, headers={"User-Agent": USER_AGENT}
        )
        self.robots: Protego | None = None
        self.requests = 0  # requests sent, redirects included

    def obey(self, robots_txt: str) -> None:
        """From now on, refuse what this robots.txt disallows (as the crawl does)."""
        self.robots = Protego.parse(robots_txt)

    def close(self) -> None:
        self.client.close()

    def fetch(self, url: str) -> Answer:
        """``url`` (public), following redirects only while they stay on the site."""
        for _ in range(MAX_REDIRECTS + 1):
            if self.site.url_refusal(url):
                return Answer(url, 0, error=f"not on the site ({url}): not followed")
            if self.robots and not self.robots.can_fetch(url, USER_AGENT):
                return Answer(url, 0, error="is disallowed by robots.txt")
            try:
                self.requests += 1
                response = self.client.get(self.site.fetch_url(url))
            except httpx.HTTPError as exc:
                return Answer(url, 0, error=f"did not answer ({type(exc).__name__})")
            if response.is_redirect and (location := response.headers.get("location")):
                url = self.site.public_url(urljoin(str(response.url), location))
                continue
            text = response.content[:MAX_BYTES].decode(response.encoding or "utf-8", "replace")
            return Answer(url, response.status_code, text, dict(response.headers))
        return Answer(url, 0, error="too many redirects")


def probe_site(
    homepage: str,
    base_url: str | None = None,
    timeout: float = TIMEOUT,
    organisation_pages: tuple[str, ...] = (),
) -> Proposal:
    """Probe the site at ``homepage`` (fetched from ``base_url`` when given).
    ``organisation_pages`` already configured (``add --update``) are checked first: those
    that still answer are kept, before the best page found."""
    fetcher = SiteFetcher(homepage, base_url, timeout)
    try:
        return Probe(fetcher, organisation_pages).run()
    finally:
        fetcher.close()


class Probe:
    """One probe of one site: each step fetches, checks and notes what it found."""

    def __init__(self, fetcher: SiteFetcher, organisation_pages: tuple[str, ...] = ()) -> None:
        self.fetcher = fetcher
        self.configured_pages = organisation_pages
        self.home = fetcher.site.homepage + "/"
        self.proposal = Proposal(homepage=fetcher.site.homepage)
        self.routes = ""  # an application shell's client-side routes, as a menu of links

    def run(self) -> Proposal:
        sitemaps = self.read_robots()
        home = self.fetch_homepage()
        self.read_homepage(home)
        if self.proposal.render:
            self.read_app_routes(home)
        if self.proposal.platform == "wordpress":
            self.try_rest()
        self.try_listings(home)
        self.try_feeds(home)
        self.try_homepage_listing(home)
        self.proposal.item_patterns = self.item_patterns()
        self.try_sitemaps(sitemaps)
        self.try_about(home)
        self.choose_collect()
        self.proposal.note("requests", f"{self.fetcher.requests} to the site")
        return self.proposal

    # -- steps -----------------------------------------------------------------------------

    def fetch_homepage(self) -> Answer:
        home = self.fetcher.fetch(self.home)
        if not home.ok or "html" not in home.headers.get("content-type", "html"):
            raise ProbeError(f"the homepage {self.home} {home.why_not()}")
        self.proposal.note(
            "homepage", f"{home.status} from {self.fetcher.site.fetch_url(home.url)}"
        )
        return home

    def read_homepage(self, home: Answer) -> None:
        p = self.proposal
        p.platform, why = discovery.detect_platform(home.text, home.url, home.headers)
        p.note("platform", f"{p.platform} ({why})")
        p.language = discovery.language_of(home.text)
        p.note("language", f"{p.language} (<html lang>)" if p.language else "not declared")
        facts = discovery.organisation_jsonld(home.text, home.url) or (
            discovery.organisation_from_title(home.text, home.url)
        )
        if facts:
            p.name, p.acronym = facts.name, facts.acronym
            named = (
                facts.name
                if facts.acronym in {None, facts.name}
                else f"{facts.name} ({facts.acronym})"
            )
            p.note("organisation", f"{named}, from {facts.reason}")
        p.render = app.is_app_shell(home.text)
        p.note(
            "rendering",
            'needed: an empty application root and a script bundle (render = "browser")'
            if p.render
            else "not needed (the server sends the page's text)",
        )

    def read_robots(self) -> list[str]:
        robots = self.fetcher.fetch(urljoin(self.home, "/robots.txt"))
        if not robots.ok:
            self.proposal.note("robots.txt", robots.why_not())
            return []
        self.fetcher.obey(robots.text)
        sitemaps = discovery.sitemaps_from_robots(robots.text, robots.url)
        self.proposal.note(
            "robots.txt", f"sitemaps {', '.join(sitemaps)}" if sitemaps else "names no sitemap"
        )
        return sitemaps

    def try_rest(self) -> None:
        p = self.proposal
        index = self.fetcher.fetch(urljoin(self.home, "/wp-json/"))
        posts = self.fetcher.fetch(urljoin(self.home, REST_PATH))
        items = parse_wp_posts(posts.text, posts.url) if posts.ok else []
        urls = self.on_site(item.url for item in items)
        if urls:
            p.rest = REST_PATH
            p.item_urls["rest"] = urls
            p.note("rest", f"{REST_PATH} gives {len(urls)} posts (/wp-json/ {index.status})")
        else:
            why = posts.why_not() if not posts.ok else "gives no posts"
            p.note("rest", f"{REST_PATH} {why}: left out (a security plugin may block it)")

    def read_app_routes(self, home: Answer) -> None:
        """An application shell links its pages only from its script: read its routes."""
        routes: list[str] = []
        for url in discovery.script_sources(home.text, home.url)[:MAX_BUNDLES]:
            if (bundle := self.fetcher.fetch(url)).ok:
                routes += discovery.app_routes(bundle.text)
        routes = list(dict.fromkeys(routes))
        self.routes = discovery.route_links(routes)
        self.proposal.note(
            "routes", f"{', '.join(routes[:12]) or 'none'} (named by the application's script)"
        )

    def links_page(self, home: Answer) -> str:
        """Where to look for links: the homepage, or an application shell's routes."""
        return self.routes if self.proposal.render else home.text

    def try_listings(self, home: Answer) -> None:
        p = self.proposal
        if p.render:
            self.propose_unchecked_listing(home)
            return
        for candidate in discovery.listing_candidates(home.text, home.url)[:MAX_CANDIDATES]:
            urls, pages, why = self.read_listing(candidate)
            if not urls:
                p.note("listing", f"{self.shown(candidate.url)} {why}: skipped")
                continue
            p.listings = [self.shown(candidate.url)]
            p.item_urls["listing"] = urls
            p.note(
                "listing",
                f"{self.shown(candidate.url)} gives {len(urls)} items on {pages} page(s) "
                f"({candidate.reason})",
            )
            return
        if not p.listings:
            p.note("listing", "none of the homepage's links is a news listing with items")

    def try_homepage_listing(self, home: Answer) -> None:
        """No listing found: the homepage is one when its cards are all items another way
        announced (or that their pattern matches), so it adds no page that is not news."""
        p = self.proposal
        known = [u for method in ("rest", "feed") for u in p.item_urls.get(method, [])]
        if p.listings or p.render or not known:
            return
        patterns = discovery.item_patterns_for(known, self.home)
        cards = self.on_site(discovery.listing_item_urls(home.text, home.url))
        ours = {u.rstrip("/") for u in known}
        news = [
            u
            for u in cards
            if u.rstrip("/") in ours or any(re.search(r, urlsplit(u).path) for r in patterns)
        ]
        if len(cards) >= 2 and news == cards:
            p.listings = ["/"]
            p.item_urls["listing"] = cards
            p.note("listing", f"/ : the homepage lists {len(cards)} of the items found")
        elif cards:
            p.note("listing", f"/ : {len(cards) - len(news)} of its {len(cards)} cards are no item")

    def propose_unchecked_listing(self, home: Answer) -> None:
        """An application builds its cards in the browser: its news route, else the
        homepage, is proposed as the listing, unchecked (the crawl renders it)."""
        p = self.proposal
        routes = discovery.listing_candidates(self.routes, home.url)
        url, why = (
            (routes[0].url, routes[0].reason)
            if routes
            else (home.url, "no news route: the application builds its cards on the homepage")
        )
        p.listings = [self.shown(url)]
        p.note("listing", f"{self.shown(url)}, not checked: it needs a browser ({why})")

    def read_listing(self, candidate: Candidate) -> tuple[list[str], int, str]:
        """(item URLs over the listing's pages, pages read, why none) of one candidate."""
        urls: dict[str, None] = {}
        url, pages, why = candidate.url, 0, ""
        while url and pages < MAX_LISTING_PAGES:
            answer = self.fetcher.fetch(url)
            if not answer.ok:
                why = answer.why_not()
                break
            found = [
                u
                for u in self.on_site(discovery.listing_item_urls(answer.text, answer.url))
                if u.rstrip("/") != candidate.url.rstrip("/")
            ]
            new = [u for u in found if u not in urls]
            if not new:
                why = why or "lists no items"
                break
            pages += 1
            urls.update(dict.fromkeys(new))
            url = discovery.pagination_of(answer.text, answer.url)
        return list(urls), pages, why

    def try_feeds(self, home: Answer) -> None:
        p = self.proposal
        announced = discovery.feed_links(home.text, home.url)
        collections = discovery.collection_of(u for us in p.item_urls.values() for u in us)
        guesses = discovery.feed_guesses(
            self.home, p.platform, collections[:2], known=[c.url for c in announced]
        )
        for candidate in [*announced, *guesses]:
            answer = self.fetcher.fetch(candidate.url)
            urls = (
                self.on_site(i.url for i in parse_feed(answer.text, answer.url))
                if answer.ok
                else []
            )
            if urls:
                p.feed = self.shown(candidate.url)
                p.item_urls["feed"] = urls
                p.note("feed", f"{p.feed} gives {len(urls)} entries ({candidate.reason})")
                return
            why = answer.why_not() if not answer.ok else "is no feed with entries"
            p.note("feed", f"{self.shown(candidate.url)} {why} ({candidate.reason})")

    def item_patterns(self) -> list[str]:
        p = self.proposal
        found = list(dict.fromkeys(u for us in p.item_urls.values() for u in us))
        patterns = discovery.item_patterns_for(found, self.home)
        if patterns and p.platform == "drupal":
            patterns.append(DRUPAL_NODE_PATTERN)  # nodes without an alias answer at /node/<nid>
        if patterns:
            p.note("item_patterns", f"{', '.join(patterns)} (from {len(found)} item URLs)")
        elif found:
            p.note("item_patterns", "none: the items are at the site's root (/<slug>)")
        return patterns

    def try_sitemaps(self, from_robots: list[str]) -> None:
        p = self.proposal
        for url in [*from_robots, *discovery.sitemap_guesses(self.home, known=from_robots)]:
            pages, read, why = self.read_sitemap(url)
            if not pages:
                p.note("sitemap", f"{self.shown(url)} {why}")
                continue
            items = self.sitemap_items(pages)
            if not items:
                p.note(
                    "sitemap", f"{self.shown(url)} lists {len(pages)} pages, none an item: left out"
                )
                return
            p.sitemap = self.shown(url)
            p.item_urls["sitemap"] = items
            p.note(
                "sitemap",
                f"{p.sitemap} lists {len(pages)} pages in {read} sitemap(s), "
                f"{len(items)} of them items",
            )
            return

    def read_sitemap(self, url: str) -> tuple[list[str], int, str]:
        """(page URLs, sitemaps read, why none) of a sitemap and its child sitemaps."""
        answer = self.fetcher.fetch(url)
        if not answer.ok:
            return [], 0, answer.why_not()
        pages, children = parse_sitemap(answer.text, answer.url)
        read = 1
        for child in children[:MAX_CHILD_SITEMAPS]:
            sub = self.fetcher.fetch(child)
            if sub.ok:
                pages += parse_sitemap(sub.text, sub.url)[0]
                read += 1
        pages = self.on_site(pages)
        return pages, read, "" if pages else "lists no pages"

    def sitemap_items(self, pages: list[str]) -> list[str]:
        """The sitemap's pages that are items: those the item patterns match, or (without
        patterns, items at the root) those another way of collecting announced."""
        p = self.proposal
        if p.item_patterns:
            return [
                u
                for u in pages
                if any(re.search(pattern, urlsplit(u).path) for pattern in p.item_patterns)
            ]
        known = {u.rstrip("/") for us in p.item_urls.values() for u in us}
        return [u for u in pages if u.rstrip("/") in known]

    def try_about(self, home: Answer) -> None:
        p = self.proposal
        for path in self.configured_pages:
            answer = self.fetcher.fetch(urljoin(self.home, path))
            if answer.ok:
                p.organisation_pages.append(self.shown(answer.url))
                p.note("about", f"{path} (configured) answers: kept")
            else:
                p.note("about", f"{path} (configured) {answer.why_not()}: dropped")
        candidates = discovery.about_candidates(self.links_page(home), home.url)
        for candidate in candidates[:MAX_CANDIDATES]:
            if (found := self.about_page(candidate)) is None:
                continue
            if found not in p.organisation_pages:
                p.organisation_pages.append(found)
            return
        if not candidates:
            p.note("about", "none of the homepage's links is a page about the organisation")

    def about_page(self, candidate: Candidate) -> str | None:
        """The candidate's path when it is the organisation's own page, noting why or why not."""
        p = self.proposal
        answer = self.fetcher.fetch(candidate.url)
        if not answer.ok:
            p.note("about", f"{self.shown(candidate.url)} {answer.why_not()}: skipped")
            return None
        found = self.shown(answer.url)
        if p.render:  # its text is built in the browser: the route answering is all we see
            p.note("about", f"{found}, text not checked ({candidate.reason})")
            return found
        root = parse_html(answer.text)
        text = text_of(strip_chrome(root).find(".//body"))
        heading = discovery.about_heading(root)
        if len(text) < ABOUT_TEXT and not heading:
            p.note("about", f"{found} has {len(text)} characters: skipped")
            return None
        titled = f", headed {heading!r}" if heading else ""
        p.note("about", f"{found} gives {len(text)} characters{titled} ({candidate.reason})")
        return found

    def choose_collect(self) -> None:
        p = self.proposal
        works = {
            "rest": bool(p.rest),
            "feed": bool(p.feed),
            # a sitemap without patterns would announce every page, except on WordPress,
            # whose family reads only the posts' sitemaps
            "sitemap": bool(p.sitemap) and (bool(p.item_patterns) or p.platform == "wordpress"),
            "listing": bool(p.listings),
        }
        unchecked = " (the listing unchecked: it needs a browser)" if p.render else ""
        if p.platform == "wordpress":
            order, why = ("rest", "feed", "sitemap", "listing"), "WordPress: REST API first"
        else:
            order, why = ("sitemap", "listing", "feed"), "a sitemap first: it lists the history"
            if p.listings == ["/"]:  # the homepage shows only the latest: after the feed
                order = ("sitemap", "feed", "listing")
        p.collect = [method for method in order if works[method]]
        if not works["sitemap"]:
            p.sitemap = None
        p.note("collect", f"{', '.join(p.collect) or 'nothing answered'} ({why}){unchecked}")

    # -- helpers ---------------------------------------------------------------------------

    def shown(self, url: str) -> str:
        """A URL as the entry writes it: its path on the site, else the whole URL."""
        return site_path(url) if same_site(url, self.home) else url

    def on_site(self, urls) -> list[str]:
        """Unique URLs on the site (its homepage's host), the homepage left out."""
        return [
            u
            for u in dict.fromkeys(urls)
            if same_site(u, self.home) and u.rstrip("/") != self.home.rstrip("/")
        ]
