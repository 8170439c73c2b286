"""``extract_page``: decide what a page is (article, listing, organisation, other) and run
the matching readers. ``merge_item``: page values win, a feed/REST hint fills the gaps."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

from ..items import NewsItem, OrganisationProfile
from .article import ArticlePage, article_page
from .dom import select, text_of, title_element
from .listing import ListingEntry
from .organisations import read_about_sections, read_organisation_page
from .platforms import drupal_node_type, is_webflow_item

# the page's own address is about the organisation: the *last* path segment is "about",
# "about-us", "about-ifmsa", "who-we-are"...; "…-about-…" inside a news slug is not
ABOUT_SEGMENT = re.compile(
    r"^(about(?:[-_][a-z0-9]+){0,2}|who-we-are|in-short|our-organi[sz]ation)(?:\.\w+)?$", re.I
)
# the last path segment of pages every site has that are never news
NOT_ARTICLE_SEGMENT = re.compile(
    r"^(contact(?:[-_]us)?|search|privacy(?:[-_]policy)?|terms(?:[-_]\w+)?|imprint|impressum|"
    r"legal|cookies?(?:[-_]policy)?|donate|login|register|sitemap|faq)(?:\.\w+)?$",
    re.I,
)
Expect = Literal["item", "organisation"]
# a page nobody announced is an article only with this much main text...
MIN_ARTICLE_TEXT = 300
# ...and, without a date or og:type=article saying so, this much
MIN_UNDATED_ARTICLE_TEXT = 1000
# a page linking to entries holds a listing unless its own text is this long per entry
# (an article followed by a few "related" links)
TEXT_PER_ENTRY = 400


@dataclass
class Page:
    kind: str  # "article" | "listing" | "organisation" | "other"
    platform: str
    item: NewsItem | None = None
    organisations: list[OrganisationProfile] = field(default_factory=list)
    listing: list[ListingEntry] = field(default_factory=list)
    next_page: str | None = None
    sources: dict[str, str] = field(default_factory=dict)  # item field -> layer that gave it
    reason: str = ""  # why the page is of this kind, in plain words


def _says_article(page: ArticlePage) -> bool:
    """The platform or the page's own metadata says it is an item page (not a guess)."""
    if page.article_node or is_webflow_item(page.raw):
        return True
    # Yoast writes og:type=article on pages too; only posts get a published time
    if page.meta.first("og:type") == "article" and page.meta.first("article:published_time"):
        return True
    node_type = drupal_node_type(page.raw)
    return bool(node_type) and node_type != "page"


def _is_about(page: ArticlePage) -> bool:
    """Guesses that a page describes the organisation; only asked when nothing says article."""
    if any("AboutPage" in str(node.get("@type")) for node in page.meta.jsonld):
        return True
    segments = [s for s in urlsplit(page.url).path.split("/") if s]
    if segments and ABOUT_SEGMENT.match(segments[-1]):
        return True
    return text_of(title_element(page.region)).startswith("About ")


def _has_list(page: ArticlePage) -> bool:
    """A CMS list block (Webflow collection list, Drupal view) is on the page."""
    return bool(select(page.raw, ".w-dyn-list, .view-content, .views-element-container"))


def _not_an_article(page: ArticlePage, title: str | None) -> str:
    """Why a page nobody announced is not taken for an article ("" when it is one).
    Any title will do (h1, h2/h3, metadata) and a date is not required, but homepages,
    listings and short pages stay out."""
    path = urlsplit(page.url).path
    text_length = len(page.generic.text) or len(text_of(page.region))
    dated = page.published() or page.updated() or page.meta.first("og:type") == "article"
    if drupal_node_type(page.raw) == "page":
        return "a Drupal basic page"
    if path.strip("/") in ("", "index.html", "index.php", "home"):
        return "the site's homepage"
    if not title:
        return "no title"
    if NOT_ARTICLE_SEGMENT.match(path.rstrip("/").rsplit("/", 1)[-1]):
        return "a site page by its address (contact, search, legal, ...)"
    if page.meta.first("og:type") == "website" and not page.published():
        return "og:type says website, and it has no publication date"
    entries, next_page = page.listing
    if entries and (next_page or text_length < TEXT_PER_ENTRY * len(entries)):
        return f"a listing of {len(entries)} entries"
    if text_length < MIN_ARTICLE_TEXT:
        return f"main text of {text_length} characters (an article has {MIN_ARTICLE_TEXT}+)"
    if not dated and text_length < MIN_UNDATED_ARTICLE_TEXT:
        return f"no date and {text_length} characters of main text"
    return ""


def _organisation(page: ArticlePage, platform: str) -> Page:
    profile = read_organisation_page(page, page.source)
    return Page(
        "organisation",
        platform,
        organisations=[profile] if profile else [],
        reason="an organisation page",
    )


def extract_page(html: str, url: str, *, source: str = "", expect: Expect | None = None) -> Page:
    """What the page is, with what it holds. ``expect`` is what the caller was told the page
    is: "organisation" reads it as the organisation's page; "item" (a feed, API, sitemap or
    listing announced it) gives an item whenever the page has any title at all, never an
    organisation. Without ``expect`` the page is classified, conservatively."""
    page = article_page(html, url, source)
    platform = page.platform
    if expect == "organisation":
        return _organisation(page, platform)
    title = page.title()
    says_article = _says_article(page)
    about = not says_article and _is_about(page)
    if about and expect != "item":
        return _organisation(page, platform)
    if expect == "item":
        reason = "announced as an item" if title else "announced, but the page has no title"
    elif says_article:
        reason = "its metadata or platform says it is an item page"
    else:
        reason = _not_an_article(page, title) or "a titled page with a main text"
        if reason != "a titled page with a main text":
            title = None
    if title and (item := page.item()) is not None:
        own = {url, item.canonical_url}
        related, _ = page.listing
        return Page(
            "article",
            platform,
            item=item,
            # observations are recorded under the page's canonical address (a Drupal node
            # answering under /node/<nid> or /es/… is one page)
            organisations=read_about_sections(
                page, item.canonical_url or url, source, observed=item.published
            ),
            listing=[entry for entry in related if entry.url not in own],
            sources=dict(page.sources),
            reason=reason,
        )
    entries, next_page = page.listing
    if entries or _has_list(page):
        return Page("listing", platform, listing=entries, next_page=next_page, reason=reason)
    return Page("other", platform, reason=reason)


def _empty(value: object) -> bool:
    return value is None or value == "" or value == []


def merge_item(page_item: NewsItem | None, hint: NewsItem) -> NewsItem:
    """A new item: the page's values, with gaps filled from the feed/REST ``hint``."""
    if page_item is None:
        return dataclasses.replace(hint)
    values = {
        f.name: getattr(hint, f.name)
        if _empty(getattr(page_item, f.name))
        else getattr(page_item, f.name)
        for f in dataclasses.fields(NewsItem)
    }
    return NewsItem(**values)
