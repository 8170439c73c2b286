"""``read_announced_item``: a page that a feed, REST API, sitemap or listing announced as
news is an item, whatever the page looks like. Pure: HTML + URL (+ the announcer's hint)
in, item out."""

from __future__ import annotations

from ..items import NewsItem, OrganisationProfile
from .article import ArticlePage
from .dates import in_publishers_zone
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
    Either way a date keeps the publisher's offset when one side has it
    (``in_publishers_zone``).
    """
    page = extract_page(html, url, source=source, expect="item")
    if page.item is not None and page.item.title:
        item, other = page.item, hint
        if hint is not None:
            item = merge_item(page.item, hint)
    else:
        other = ArticlePage(html, url, source).item()
        if hint is not None and hint.title:
            item = merge_item(hint, other) if other is not None else merge_item(None, hint)
        elif other is not None and hint is not None:
            item, other = merge_item(other, hint), hint
        else:
            item = other
    if item is None or not item.title:
        return None, page.organisations
    if other is not None:
        item.published = in_publishers_zone(item.published, other.published)
        item.updated = in_publishers_zone(item.updated, other.updated)
    return item, page.organisations
