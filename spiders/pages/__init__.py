"""Pure page parsers: HTML/XML/JSON text + URL in, plain items out.

No Scrapy engine, no SQLite, no clock, no network. One concern per module:
``dates`` (reading, converting and writing dates, for everyone), ``text`` (text and
HTML cleaning, shared with the archive and the feeds), ``dom`` (the parsed tree),
``metadata`` (JSON-LD/meta),
``platforms`` (which CMS), ``byline`` (visible date/label/author near the title),
``body`` (the content block), ``document`` (a page parsed and cleaned once), ``article``,
``listing``, ``organisations``, ``feeds``,
``wordpress`` (REST), ``sitemaps``, ``page`` (``extract_page``, ``merge_item``),
``announced`` (an announced page is an item), ``urls`` (URLs and host names, shared
with the sources and the archive), ``discovery`` (what a homepage says about how to
collect its site: CMS, feeds, sitemaps, listing, about page; for ``partnerwire add``).
"""

from .announced import read_announced_item, read_unannounced_item
from .article import parse_article
from .dates import parse_date
from .document import HtmlDocument
from .feeds import parse_feed
from .listing import ListingEntry, parse_listing
from .organisations import (
    read_about_sections,
    read_organisation_page,
)
from .page import Page, extract_page, merge_item
from .platforms import detect_platform
from .sitemaps import parse_sitemap
from .wordpress import parse_wp_posts

__all__ = [
    "HtmlDocument",
    "ListingEntry",
    "Page",
    "detect_platform",
    "extract_page",
    "merge_item",
    "parse_article",
    "parse_date",
    "parse_feed",
    "parse_listing",
    "parse_sitemap",
    "parse_wp_posts",
    "read_about_sections",
    "read_announced_item",
    "read_organisation_page",
    "read_unannounced_item",
]
