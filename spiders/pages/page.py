"""``extract_page``: decide what a page is (article, listing, organisation, other) and run
the matching readers. ``merge_item``: page values win, a feed/REST hint fills the gaps."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

from ..items import NewsItem, OrganisationProfile
from .article import ArticlePage
from .dom import select, text_of, title_element
from .listing import ListingEntry
from .organisations import read_about_sections, read_organisation_page
from .platforms import detect_platform, drupal_node_type, is_webflow_item

# the page's own address is about the organisation: the *last* path segment is "about",
# "about-us", "about-ifmsa", "who-we-are"...; "…-about-…" inside a news slug is not
ABOUT_SEGMENT = re.compile(
    r"^(about(?:[-_][a-z0-9]+){0,2}|who-we-are|in-short|our-organi[sz]ation)(?:\.\w+)?$", re.I
)
Expect = Literal["item", "organisation"]


@dataclass
class Page:
    kind: str  # "article" | "listing" | "organisation" | "other"
    platform: str
    item: NewsItem | None = None
    organisations: list[OrganisationProfile] = field(default_factory=list)
    listing: list[ListingEntry] = field(default_factory=list)
    next_page: str | None = None


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


def _looks_like_article(page: ArticlePage) -> bool:
    """An unknown CMS: a title, a date near it and a body make an item page."""
    if drupal_node_type(page.raw) == "page":
        return False
    body = page.body
    return bool(
        title_element(page.region) is not None
        and (page.published() or page.updated())
        and body
        and len(body) > 300
    )


def _organisation(page: ArticlePage, platform: str) -> Page:
    profile = read_organisation_page(page, page.source)
    return Page("organisation", platform, organisations=[profile] if profile else [])


def extract_page(html: str, url: str, *, source: str = "", expect: Expect | None = None) -> Page:
    """What the page is, with what it holds. ``expect`` is what the caller was told the page
    is: "organisation" reads it as the organisation's page; "item" never gives an
    organisation (an article with "About" sections, or an "about" slug, stays an article)."""
    page = ArticlePage(html, url, source)
    platform = detect_platform(html)
    if expect == "organisation":
        return _organisation(page, platform)
    says_article = _says_article(page)
    about = not says_article and _is_about(page)
    if about and expect != "item":
        return _organisation(page, platform)
    if (says_article or about or _looks_like_article(page)) and (item := page.item()) is not None:
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
        )
    entries, next_page = page.listing
    is_list = bool(select(page.raw, ".w-dyn-list, .view-content, .views-element-container"))
    if entries or is_list:
        return Page("listing", platform, listing=entries, next_page=next_page)
    return Page("other", platform)


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
