"""``read_announced_item``: a page that a feed, REST API, sitemap or listing announced as
news is an item, whatever the page looks like. Pure: HTML + URL (+ the announcer's hint)
in, item out."""

from __future__ import annotations

from ..items import NewsItem, OrganisationProfile
from .dates import in_publishers_zone
from .page import extract_page, merge_item


def read_announced_item(
    html: str, url: str, *, source: str = "", hint: NewsItem | None = None
) -> tuple[NewsItem | None, list[OrganisationProfile]]:
    """The item an announced page gives, and any organisation observations on it.

    ``extract_page(expect="item")`` gives an item whenever the page has any title (its
    headings, og:title, ``<title>``, trafilatura's): then the page's values win and the
    announcer's ``hint`` fills the gaps. A page with no title at all gives the hint alone
    when the hint has a title, else None (``no_article``).
    Either way a date keeps the publisher's offset when one side has it
    (``in_publishers_zone``).
    """
    page = extract_page(html, url, source=source, expect="item")
    if page.item is not None and page.item.title:
        item, other = page.item, hint
        if hint is not None:
            item = merge_item(page.item, hint)
    else:  # the page has no title anywhere: only the announcer can name the item
        item = merge_item(None, hint) if hint is not None and hint.title else None
        other = None
    if item is None or not item.title:
        return None, page.organisations
    if other is not None:
        item.published = in_publishers_zone(item.published, other.published)
        item.updated = in_publishers_zone(item.updated, other.updated)
    return item, page.organisations


def read_unannounced_item(html: str, url: str, *, source: str = "") -> NewsItem | None:
    """The item a page nobody announced as news gives when it is classified as an article
    (``extract_page`` without ``expect``: conservative), else None."""
    page = extract_page(html, url, source=source)
    return page.item if page.kind == "article" else None
