"""``read_announced_item``: a page that a feed, REST API, sitemap or listing announced as
news is an item, whatever the page looks like. Pure: HTML + URL (+ the announcer's hint)
in, item out."""

from __future__ import annotations

from datetime import datetime

from ..items import NewsItem, OrganisationProfile
from .article import ArticlePage
from .page import extract_page, merge_item


def read_announced_item(
    html: str, url: str, *, source: str = "", hint: NewsItem | None = None
) -> tuple[NewsItem | None, list[OrganisationProfile]]:
    """The item an announced page gives, and any organisation observations on it.

    When the page reads as an item (``extract_page``), its values win and the
    announcer's ``hint`` fills the gaps. When it does not (a short page, a title in an
    ``<h3>``, unknown markup), the announcer's values win and the page read as an article
    anyway fills the gaps (body, date, image); with no hint title, that reading takes its
    title from og:title or ``<title>``. None when nothing gives a title (``no_article``).
    """
    page = extract_page(html, url, source=source, expect="item")
    if page.item is not None and page.item.title:
        item = merge_item(page.item, hint) if hint is not None else page.item
        return item, page.organisations
    fallback = ArticlePage(html, url, source).item()
    if hint is not None and hint.title:
        item = merge_item(hint, fallback) if fallback is not None else merge_item(None, hint)
        if fallback is not None:
            item.published = _with_offset(item.published, fallback.published)
            item.updated = _with_offset(item.updated, fallback.updated)
    elif fallback is not None and hint is not None:
        item = merge_item(fallback, hint)
    else:
        item = fallback
    return (item if item is not None and item.title else None), page.organisations


def _with_offset(announced: str | None, on_page: str | None) -> str | None:
    """The page's writing of the announcer's date when both are the same instant: a feed
    gives UTC, the page the publisher's offset, and so the publisher's day."""
    if not announced or not on_page or len(announced) == 10 or len(on_page) == 10:
        return announced or on_page
    try:
        same = datetime.fromisoformat(announced) == datetime.fromisoformat(on_page)
    except (TypeError, ValueError):
        return announced
    return on_page if same else announced
