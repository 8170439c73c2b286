"""``read_announced_item``: a page that a feed, REST API, sitemap or listing announced as
news is an item, whatever the page looks like. Pure: HTML + URL (+ the announcer's hint)
in, item out."""

from __future__ import annotations

from ..items import NewsItem, OrganisationProfile
from .article import ArticlePage
from .page import extract_page, merge_item


def read_announced_item(
    html: str, url: str, *, source: str = "", hint: NewsItem | None = None
) -> tuple[NewsItem | None, list[OrganisationProfile]]:
    """The item an announced page gives, and any organisation observations on it.

    In order: the page's item merged with the announcer's ``hint`` (the page's values
    win, the hint fills the gaps); the hint alone when the page gives no item; when
    neither has a title, the page read as an article anyway, which takes its title from
    og:title or ``<title>``. None when nothing gives a title (a ``no_article`` page).
    """
    page = extract_page(html, url, source=source, expect="item")
    item = page.item
    if item is not None and item.title:
        item = merge_item(item, hint) if hint is not None else item
    elif hint is not None and hint.title:
        item = merge_item(None, hint)
    else:
        item = ArticlePage(html, url, source).item()
        if item is not None and hint is not None:
            item = merge_item(item, hint)
    if item is not None and not item.title:
        item = None
    return item, page.organisations
