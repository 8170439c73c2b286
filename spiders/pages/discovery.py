"""Site discovery: what a homepage (and its robots.txt) says about how to collect a site.

Pure functions, no network: HTML or text + URL in, ranked candidates out, each with a
short reason a person can read. ``partnerwire add`` (``pipeline/probe.py``) fetches the
pages and checks the candidates; the crawl's drift healing asks the same questions.

- the CMS (``detect_platform``: Webflow, WordPress, Drupal, else "generic");
- feeds (``feed_links``: ``<link rel="alternate">``; ``feed_guesses``: the usual paths);
- sitemaps (``sitemaps_from_robots``, ``sitemap_guesses``);
- the news listing (``listing_candidates``) and its next page (``pagination_of``);
- the organisation's own page (``about_candidates``) and its JSON-LD (``organisation_jsonld``);
- the language (``language_of``) (whether pages are built by a script is
  ``spiders.pages.app.is_app_shell``);
- item URL patterns from item URLs found (``item_patterns_for``).

Navigation labels are matched as whole phrases in the partners' languages and many
others; paths are matched as slugs, so markup nobody here wrote works the same.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from .dom import absolute, base_url, has_name, parse_html, select, text_of
from .listing import parse_listing
from .metadata import ORGANISATION_TYPES, read_metadata, string
from .names import is_acronym
from .text import clean_line
from .urls import same_site


@dataclass(frozen=True)
class Candidate:
    """A URL that may be what is looked for, why it may be, and how likely (higher first)."""

    url: str
    reason: str
    score: float


# -- the CMS -------------------------------------------------------------------------------

# (platform, pattern searched in the markup, reason); the first platform with a hit wins,
# after the generator meta and the headers, which say it outright
MARKUP_SIGNS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("webflow", re.compile(r"\bdata-wf-site\s*="), "data-wf-site attribute on <html>"),
    ("webflow", re.compile(r"created in Webflow", re.I), "'created in Webflow' comment"),
    ("webflow", re.compile(r"website-files\.com/"), "assets on Webflow's CDN (website-files.com)"),
    ("wordpress", re.compile(r"api\.w\.org"), "link to the WordPress REST API (api.w.org)"),
    ("wordpress", re.compile(r"/wp-content/|/wp-includes/"), "assets under /wp-content/"),
    ("wordpress", re.compile(r"yoast-schema-graph|optimized with the Yoast SEO"), "Yoast SEO"),
    (
        "wordpress",
        re.compile(r"by Rank Math|Rank Math (?:WordPress )?SEO|rank-math-schema"),
        "Rank Math SEO",
    ),
    ("drupal", re.compile(r"drupal-settings-json|Drupal\.settings"), "Drupal settings script"),
    ("drupal", re.compile(r"\bdata-drupal-"), "data-drupal-* attributes"),
    (
        "drupal",
        re.compile(r"<link[^>]+rel=[\"']shortlink[\"'][^>]+/node/\d+|/node/\d+[^>]+shortlink"),
        "a /node/<nid> shortlink",
    ),
    ("drupal", re.compile(r"/sites/default/files/"), "assets under /sites/default/files/"),
)
GENERATORS = (("webflow", "webflow"), ("wordpress", "wordpress"), ("drupal", "drupal"))


def _generator_platform(value: str | None) -> str | None:
    lowered = (value or "").lower()
    return next((name for name, word in GENERATORS if word in lowered), None)


def detect_platform(
    html: str, url: str, headers: Mapping[str, str] | None = None
) -> tuple[str, str]:
    """("webflow" | "wordpress" | "drupal" | "generic", why) for a page and its headers."""
    head = html[:300_000]
    root = parse_html(head)
    for meta in root.xpath("//meta[translate(@name, 'GENERATOR', 'generator')='generator']"):
        if platform := _generator_platform(meta.get("content")):
            return platform, f"generator meta {clean_line(meta.get('content'))!r}"
    lowered = {key.lower(): value for key, value in (headers or {}).items()}
    if platform := _generator_platform(lowered.get("x-generator")):
        return platform, f"X-Generator header {lowered['x-generator']!r}"
    if "api.w.org" in lowered.get("link", ""):
        return "wordpress", "Link header to the WordPress REST API (api.w.org)"
    if any(key.startswith("x-drupal-") for key in lowered):
        return "drupal", "X-Drupal-* headers"
    for platform, pattern, reason in MARKUP_SIGNS:
        if pattern.search(head):
            return platform, reason
    return "generic", f"no sign of Webflow, WordPress or Drupal on {url}"


# -- feeds and sitemaps --------------------------------------------------------------------

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")
COMMENT_FEED = re.compile(r"comment|kommentar|comentario|commentaire", re.I)
# the usual feed paths, best first, per platform ("generic" for any)
FEED_PATHS = {
    "wordpress": ("/feed/", "/feed/atom/"),
    "drupal": ("/rss.xml",),
    "generic": ("/feed/", "/rss.xml", "/feed.xml", "/atom.xml", "/index.xml", "/rss/"),
}
SITEMAP_PATHS = ("/sitemap.xml", "/sitemap_index.xml", "/wp-sitemap.xml")


def _root(html: str | HtmlElement) -> HtmlElement:
    return parse_html(html) if isinstance(html, (str, bytes)) else html


def feed_links(html: str | HtmlElement, url: str) -> list[Candidate]:
    """The feeds a page announces (``<link rel="alternate" type="application/rss+xml">``),
    on the page's own site, comment feeds last."""
    root = _root(html)
    base = base_url(root, url)
    found: dict[str, Candidate] = {}
    for link in root.xpath("//link[@href and @type]"):
        rels = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        if "alternate" not in rels or kind not in FEED_TYPES:
            continue
        href = absolute(link.get("href"), base)
        if not href or not same_site(href, url) or href in found:
            continue
        title = clean_line(link.get("title"))
        comments = bool(COMMENT_FEED.search(title) or COMMENT_FEED.search(href))
        reason = f"<link rel=alternate type={kind}> {title!r}" if title else f"<link {kind}>"
        found[href] = Candidate(href, reason, 1.0 if comments else 3.0)
    return sorted(found.values(), key=lambda c: -c.score)


def feed_guesses(
    url: str, platform: str, collections: Iterable[str] = (), known: Iterable[str] = ()
) -> list[Candidate]:
    """The usual feed addresses of a site of ``platform`` (WordPress ``/feed/``, Drupal
    ``/rss.xml``, any CMS's ``/feed.xml``, ``/atom.xml``, ``/index.xml`` ...), and for
    Webflow each collection's ``/<collection>/rss.xml`` (``collections``: the first path
    segments of item URLs). ``known`` URLs are left out."""
    seen = set(known)
    out: list[Candidate] = []

    def add(path: str, reason: str, score: float) -> None:
        full = absolute(path, url)
        if full and full not in seen:
            seen.add(full)
            out.append(Candidate(full, reason, score))

    if platform == "webflow":
        for collection in collections:
            add(f"/{collection}/rss.xml", f"Webflow's feed of the '{collection}' collection", 2.0)
    for path in FEED_PATHS.get(platform, ()) if platform != "generic" else ():
        add(path, f"{platform}'s usual feed path", 2.0)
    for path in FEED_PATHS["generic"]:
        add(path, "a usual feed path", 1.0)
    return out


def sitemaps_from_robots(text: str, url: str) -> list[str]:
    """The ``Sitemap:`` lines of a robots.txt, absolute, in order, without duplicates."""
    out: dict[str, None] = {}
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip().lower() == "sitemap" and (href := absolute(value.strip(), url)):
            out[href] = None
    return list(out)


def sitemap_guesses(url: str, known: Iterable[str] = ()) -> list[str]:
    """The usual sitemap addresses (``/sitemap.xml``, Yoast's ``/sitemap_index.xml``,
    WordPress core's ``/wp-sitemap.xml``) not in ``known``."""
    seen = set(known)
    return [full for path in SITEMAP_PATHS if (full := absolute(path, url)) not in seen]


# -- navigation: the listing and the about page --------------------------------------------

# whole labels (case and accents folded, trailing punctuation dropped)
LISTING_LABELS = re.compile(
    r"^(?:all |latest |our |recent |the )?(?:"
    r"news(?: (?:and|&) (?:insights|events|updates|stories|media|press))?|newsroom|blog|"
    r"updates|press(?: releases?| room)?|media(?: centre| center)?|insights|stories|"
    r"articles|publications and news|news and publications|announcements|"
    r"actualites?|nouvelles|communiques?(?: de presse)?|"
    r"noticias|novedades|actualidad|prensa|"
    r"noticias|novidades|"
    r"nachrichten|aktuelles|neuigkeiten|presse|"
    r"notizie|novita|"
    r"nieuws|actueel|"
    r"aktualnosci|wiadomosci|"
    r"novosti|"
    r"haberler|"
    r"akhbar|اخبار|الأخبار|"
    r"新闻|ニュース"
    r")(?: (?:and|&) (?:events|insights|updates|stories|press))?$"
)
LISTING_SLUGS = re.compile(
    r"^(?:news|newsroom|blog|blogs|updates|press|press-releases|media|insights|stories|"
    r"articles|announcements|actualites|actualite|nouvelles|noticias|novedades|actualidad|"
    r"novidades|nachrichten|aktuelles|neuigkeiten|notizie|nieuws|aktualnosci|haberler|"
    r"news-[a-z-]+|[a-z-]+-news)$"
)
ABOUT_LABELS = re.compile(
    r"^(?:"
    r"about|about us|about the [\w' -]{2,40}|about [\w'-]{2,20}|who we are|our mission|"
    r"mission|our story|our history|history|our organi[sz]ation|the organi[sz]ation|"
    r"organi[sz]ation|our vision|mission and vision|vision and mission|our work|what we do|"
    r"a propos|a propos de nous|qui sommes[- ]nous|notre mission|notre histoire|"
    r"quienes somos|sobre nosotros|acerca de|acerca de nosotros|nuestra mision|"
    r"quem somos|sobre nos|nossa missao|"
    r"uber uns|wir uber uns|unsere mission|"
    r"chi siamo|la nostra missione|"
    r"over ons|wie zijn wij|"
    r"o nas|"
    r"hakkimizda|"
    r"من نحن|عن|عنا"
    r")$"
)
ABOUT_SLUGS = re.compile(
    r"^(?:about|about-us|about-[a-z0-9-]+|who-we-are|our-mission|mission|our-story|"
    r"history|our-history|organisation|organization|a-propos|qui-sommes-nous|"
    r"quienes-somos|sobre-nosotros|acerca-de|quem-somos|sobre-nos|ueber-uns|uber-uns|"
    r"chi-siamo|over-ons|o-nas|hakkimizda)$"
)
# where navigation lives: links there are the site's own menu (elements, roles, and
# class/id names read as tokens: "menu-principal-container", "gh-head-menu", "masthead")
NAV = "nav, header, [role=navigation], [role=banner]"
NAV_TOKENS = frozenset({"nav", "navbar", "navigation", "menu", "menubar", "masthead", "header"})
FOOTER = "footer, [role=contentinfo]"
FOOTER_TOKENS = frozenset({"footer", "colophon"})
# a link under a tag, category or author archive names a topic, not the news listing
TAXONOMY = frozenset({"tag", "tags", "category", "categories", "categorie", "categoria", "author"})
FILE_LINK = re.compile(r"\.(?:xml|rss|atom|json|pdf|jpe?g|png|gif|svg|zip|docx?)$", re.I)


def fold(text: str) -> str:
    """A label as compared: lower case, accents dropped, punctuation at the ends dropped."""
    decomposed = unicodedata.normalize("NFKD", clean_line(text).casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", bare.replace("\u2019", "'")).strip(" .:!?¿¡«»‹›<>→·-|/")


def _slugs(url: str) -> list[str]:
    return [s.lower() for s in urlsplit(url).path.split("/") if s]


def _language_prefix(slugs: list[str]) -> list[str]:
    """Path segments without a leading language code (``/es/noticias`` -> ``noticias``)."""
    return slugs[1:] if slugs and re.fullmatch(r"[a-z]{2}(?:-[a-z]{2})?", slugs[0]) else slugs


def _regions(root: HtmlElement, selector: str, tokens: frozenset[str]) -> set[HtmlElement]:
    """The links inside elements that ``selector`` or a class/id token marks."""
    regions = select(root, selector) + [
        el for el in root.iter() if isinstance(el.tag, str) and has_name(el, tokens)
    ]
    return {a for region in regions for a in region.iter("a")}


def _nav_links(root: HtmlElement) -> tuple[set[HtmlElement], set[HtmlElement]]:
    footer = _regions(root, FOOTER, FOOTER_TOKENS)
    nav = _regions(root, NAV, NAV_TOKENS) - footer
    return nav, footer


def _ranked(
    html: str | HtmlElement,
    url: str,
    labels: re.Pattern[str],
    slugs: re.Pattern[str],
    what: str,
) -> list[Candidate]:
    """On-site links whose words (label or ``title``) or last path segment say ``what``;
    in the navigation first, then in the page, then in the footer; the words before
    the path. The homepage itself, fragments and files are never candidates."""
    root = _root(html)
    base = base_url(root, url)
    nav, footer = _nav_links(root)
    home = urlsplit(url)._replace(path="/", query="", fragment="").geturl()
    best: dict[str, Candidate] = {}
    for order, link in enumerate(root.iter("a")):
        href = absolute(link.get("href"), base)
        if not href or not same_site(href, url) or FILE_LINK.search(urlsplit(href).path):
            continue
        href = href.split("#")[0]
        if href.rstrip("/") == home.rstrip("/") or not _slugs(href):
            continue
        label = fold(text_of(link) or link.get("title") or link.get("aria-label") or "")
        path_slugs = _language_prefix(_slugs(href))
        last = path_slugs[-1] if path_slugs else ""
        where, place = (
            (3.0, "in the navigation")
            if link in nav
            else (1.0, "in the footer")
            if link in footer
            else (2.0, "on the page")
        )
        if labels.match(label):
            score, reason = where + 3.0, f"{what} link {text_of(link)!r} {place}"
        elif slugs.match(last):
            score, reason = where + 1.5, f"{what} path /{'/'.join(path_slugs)} {place}"
        else:
            continue
        score -= 0.5 * (len(path_slugs) - 1) + order * 1e-4  # shallower, earlier first
        if TAXONOMY & set(path_slugs[:-1]):
            score, reason = score - 3.0, reason + " (a tag or category archive)"
        if href not in best or best[href].score < score:
            best[href] = Candidate(href, reason, round(score, 4))
    return sorted(best.values(), key=lambda c: -c.score)


def listing_candidates(html: str | HtmlElement, url: str) -> list[Candidate]:
    """Links to the site's news listing ("News", "Blog", "Press", "Insights", "Actualités",
    "Noticias", "Aktuelles" ..., or such a path), best first."""
    return _ranked(html, url, LISTING_LABELS, LISTING_SLUGS, "news")


def about_candidates(html: str | HtmlElement, url: str) -> list[Candidate]:
    """Links to the organisation's own page ("About", "About us", "Who we are", "Our
    mission", "Our story", "Qui sommes-nous", "Quiénes somos", "Über uns" ..., or such a
    path), navigation first."""
    return _ranked(html, url, ABOUT_LABELS, ABOUT_SLUGS, "about")


def about_heading(html: str | HtmlElement) -> str | None:
    """The page's ``<h1>`` when it says the page is about the organisation ("About
    DTH-Lab", "Qui sommes-nous ?"): such a page is its own page however short."""
    for heading in _root(html).iter("h1"):
        if (text := text_of(heading)) and ABOUT_LABELS.match(fold(text)):
            return text
    return None


def pagination_of(html: str | HtmlElement, url: str) -> str | None:
    """The next page of a listing (``listing.parse_listing``'s reading), or None."""
    return parse_listing(html, url)[1]


def listing_item_urls(html: str | HtmlElement, url: str) -> list[str]:
    """The on-site entries of a listing page, in page order (``listing.parse_listing``)."""
    entries, _ = parse_listing(html, url)
    home = url.split("#")[0]
    return [e.url for e in entries if same_site(e.url, url) and e.url != home]


# -- the organisation, the language, rendering ---------------------------------------------


@dataclass(frozen=True)
class OrganisationFacts:
    """What a page's JSON-LD ``Organization`` (or its title) says the site's owner is."""

    name: str | None
    acronym: str | None
    url: str | None
    reason: str


def acronym_from_host(name: str, url: str) -> str | None:
    """The host's name in capitals when it is the initials of ``name``'s capitalised words
    ("International Federation of Medical Students for Global Health" on ifmsgh.org ->
    "IFMSGH"): a check of the two against each other, never a guess."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    label = host.split(".")[0] if "." in host else ""
    initials = "".join(w[0] for w in re.findall(r"[^\W\d_][\w'’-]*", name) if w[0].isupper())
    return label.upper() if len(label) >= 2 and fold(initials) == label.lower() else None


def organisation_jsonld(html: str | HtmlElement, url: str = "") -> OrganisationFacts | None:
    """The JSON-LD ``Organization`` (or NGO, EducationalOrganization ...) of a page: its
    name, acronym (``alternateName``, or a name in capitals) and url; None without one."""
    meta = read_metadata(_root(html), url)
    node = meta.node(ORGANISATION_TYPES)
    if not node or not (name := clean_line(string(node.get("name")))):
        return None
    alternate = node.get("alternateName")
    alternates = alternate if isinstance(alternate, list) else [alternate]
    acronym = next(
        (clean_line(a) for a in alternates if isinstance(a, str) and clean_line(a)), None
    )
    if acronym is None and is_acronym(name):
        acronym = name
    acronym = acronym or acronym_from_host(name, url)
    return OrganisationFacts(
        name, acronym, string(node.get("url")), "JSON-LD Organization on the homepage"
    )


TITLE_SEPARATORS = re.compile(r"\s+[|\u2013\u2014·:-]\s+")
HOME_WORDS = re.compile(r"^(home|homepage|accueil|inicio|startseite|welcome|bienvenue)$", re.I)


def organisation_from_title(html: str | HtmlElement, url: str = "") -> OrganisationFacts | None:
    """The owner's name and acronym from ``og:site_name`` and the homepage's ``<title>``
    ("DTH-Lab | Digital Transformations for Health Lab"; "Home | IPSF"), when there is no
    JSON-LD ``Organization``."""
    root = _root(html)
    meta = read_metadata(root, url)
    titles = [meta.first("og:site_name") or "", text_of(root.find(".//title"))]
    parts = [
        p.strip()
        for title in titles
        for p in TITLE_SEPARATORS.split(title)
        if p.strip() and not HOME_WORDS.match(p.strip())
    ]
    if not parts:
        return None
    acronym = next((p for p in parts if is_acronym(p)), None)
    name = max((p for p in parts if p != acronym), key=len, default=acronym)
    acronym = acronym or acronym_from_host(name, url)
    return OrganisationFacts(name, acronym, None, "the homepage's <title> and og:site_name")


def language_of(html: str | HtmlElement) -> str | None:
    """The page's declared language (``<html lang="en-US">`` -> "en"), or None."""
    root = _root(html)
    lang = (root.get("lang") or root.get("xml:lang") or "").strip().lower()
    if not lang:
        for meta in root.xpath("//meta[translate(@http-equiv, 'CONTENTLAGU', 'contentlagu')]"):
            if (meta.get("http-equiv") or "").lower() == "content-language":
                lang = (meta.get("content") or "").strip().lower()
    primary = re.split(r"[-_]", lang)[0] if lang else ""
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


# a path literal in a script bundle: a client-side route ("/about", "/projects/smile-week")
ROUTE_LITERAL = re.compile(r"""["'`](/[a-z][a-z0-9_-]*(?:/[a-z0-9][a-z0-9_-]*)*/?)["'`]""")
NOT_ROUTES = re.compile(r"^/(?:api|static|assets|_next|build|dist|js|css|img|images|fonts)(?:/|$)")


def app_routes(script: str) -> list[str]:
    """The client-side routes a script bundle names, in order: path literals that are
    neither files nor API or asset folders. An application shell links its pages only
    from there."""
    found = dict.fromkeys(
        path for path in ROUTE_LITERAL.findall(script) if path != "/" and not NOT_ROUTES.match(path)
    )
    return list(found)


def route_links(routes: Iterable[str]) -> str:
    """Routes as a navigation menu, each labelled by its last segment ("/about" ->
    "about"), so ``listing_candidates`` and ``about_candidates`` rank them like links."""
    links = "".join(
        f'<a href="{route}">{route.rstrip("/").rsplit("/", 1)[-1].replace("-", " ")}</a>'
        for route in routes
    )
    return f"<html><body><nav>{links}</nav></body></html>"


def script_sources(html: str | HtmlElement, url: str) -> list[str]:
    """The page's script bundles on its own site (``<script src>``), in order."""
    root = _root(html)
    base = base_url(root, url)
    found = (absolute(s.get("src"), base) for s in root.xpath("//script[@src]"))
    return list(dict.fromkeys(u for u in found if u and same_site(u, url)))


# -- item URL patterns ---------------------------------------------------------------------

LANGUAGE_SEGMENT = re.compile(r"^[a-z]{2}(?:-[a-z]{2})?$")


def _segment_pattern(values: list[str]) -> str:
    if len(set(values)) == 1 and not values[0].isdigit():
        return re.escape(values[0])
    if all(v.isdigit() for v in values):
        lengths = {len(v) for v in values}
        return rf"\d{{{lengths.pop()}}}" if len(lengths) == 1 else r"\d+"
    return "[^/]+"


def item_patterns_for(urls: Iterable[str], site: str) -> list[str]:
    """Path regexes (``item_patterns``) that match the item URLs found and little else:
    the segments all items share stay literal (``/articles/``), number segments become
    ``\\d{4}`` (date permalinks), the rest ``[^/]+``; a leading language code becomes
    optional (``(/[a-z]{2})?``). Items at the root (``/<slug>/``) give no pattern: one
    would match every page of the site. Only URLs on ``site`` count."""
    by_shape: dict[tuple[int, bool, str], list[list[str]]] = {}
    for url in urls:
        if not same_site(url, site):
            continue
        path = urlsplit(url).path
        segments = [s for s in path.split("/") if s]
        if segments and LANGUAGE_SEGMENT.match(segments[0]) and len(segments) > 1:
            segments = segments[1:]
        if segments:  # one shape per depth, trailing slash and first segment (or "a number")
            first = "\\d" if segments[0].isdigit() else segments[0]
            by_shape.setdefault((len(segments), path.endswith("/"), first), []).append(segments)
    patterns: list[str] = []
    for (length, slash, _), group in sorted(by_shape.items(), key=lambda kv: -len(kv[1])):
        if length < 2:
            continue  # root-level slugs: a pattern would take every page
        parts = [_segment_pattern([g[i] for g in group]) for i in range(length - 1)]
        if all(p == "[^/]+" for p in parts):
            continue
        pattern = "^(/[a-z]{2})?/" + "/".join([*parts, "[^/]+"]) + ("/$" if slash else "$")
        if pattern not in patterns:
            patterns.append(pattern)
    return patterns


def collection_of(urls: Iterable[str]) -> list[str]:
    """The first path segments shared by item URLs (Webflow's collection slugs), most
    frequent first: ``/articles/<slug>`` -> "articles"."""
    counts: dict[str, int] = {}
    for url in urls:
        segments = _language_prefix(_slugs(url))
        if len(segments) >= 2:
            counts[segments[0]] = counts.get(segments[0], 0) + 1
    return sorted(counts, key=lambda k: -counts[k])
