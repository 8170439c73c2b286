"""Listing pages: one entry per card (Webflow ``.w-dyn-item``, Drupal views rows, generic
``article`` cards, list items with a link, ``role="listitem"`` cards), and the next page
link (by markup, else by its words: "Older posts", "Next page")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml.html import HtmlElement

from .byline import is_label
from .dates import find_date
from .dom import (
    HEADING_TAGS,
    absolute,
    base_url,
    drop_all,
    parse_html,
    select,
    strip_chrome,
    text_of,
)

# "[role=listitem]" last: any CMS's accessible list of cards (a Webflow collection built
# with other class names), taken only when nothing more specific matched
CARD_SELECTORS = (
    ".w-dyn-item",
    ".views-row",
    ".view-content > .item-list li",
    "article",
    "li",
    "[role=listitem]",
)
NEXT_SELECTORS = (
    "a.w-pagination-next",
    "a[rel~=next]",
    "link[rel~=next]",
    ".pager__item--next a",
    "a.next.page-numbers",
    ".nav-previous a",
    ".pagination .next a",
)
# a pager link known only by its words ("Older posts", "Next page ›"), when no markup says next
NEXT_LABEL = re.compile(r"^(?:older(?: posts| entries| articles| news)?|next(?: page)?)\W*$", re.I)
TITLE_CLASS = re.compile(r"title|heading|headline|name", re.I)


@dataclass
class ListingEntry:
    url: str
    title: str
    published: str | None = None
    content_type: str | None = None


def _card_title(card: HtmlElement, link: HtmlElement) -> str:
    for heading in card.iter(*HEADING_TAGS):
        if text := text_of(heading):
            return text
    for element in card.iter():
        if not isinstance(element.tag, str) or not TITLE_CLASS.search(element.get("class", "")):
            continue
        if (text := text_of(element)) and not find_date(text):
            return text
    texts = [text_of(a) for a in card.xpath(".//a[@href]")]
    return max(texts, key=len, default="") or text_of(link)


def _card_label(card: HtmlElement, title: str) -> str | None:
    for element in card.iter():
        if not isinstance(element.tag, str) or any(isinstance(c.tag, str) for c in element):
            continue
        if element.tag in ("a", "time") or not (text := text_of(element)):
            continue
        if is_label(text, title):
            return text
    return None


def _entry(card: HtmlElement, base: str, bad_urls: list[str] | None) -> ListingEntry | None:
    links = [
        a for a in ([card] if card.tag == "a" else []) + card.xpath(".//a[@href]") if a.get("href")
    ]
    if not links:
        return None
    url = next((u for a in links if (u := absolute(a.get("href"), base, bad_urls))), None)
    title = _card_title(card, links[0])
    if not url or not title:
        return None
    published = None
    for time in card.xpath(".//time"):
        published = find_date(time.get("datetime")) or find_date(text_of(time))
        if published:
            break
    if published is None:
        for element in card.iter():
            text = text_of(element) if isinstance(element.tag, str) and len(element) == 0 else ""
            if text and len(text) <= 80 and (published := find_date(text)):
                break
    if published is None and len(text_of(card)) <= 200:
        published = find_date(text_of(card))
    return ListingEntry(
        url=url, title=title, published=published, content_type=_card_label(card, title)
    )


def _heading_cards(root: HtmlElement) -> list[HtmlElement]:
    """Cards known by their shape alone, when no card markup matched: headings (below
    ``<h1>``) holding a link, each with the block around it when that block holds no other
    such heading (a hand-made ``<div><h2><a>..</a></h2><small>date</small></div>``).
    Two at least: one linked heading is no listing."""
    headings = [h for h in root.iter("h2", "h3", "h4") if h.xpath(".//a[@href]") and text_of(h)]
    if len(headings) < 2:
        return []
    cards = []
    for heading in headings:
        parent = heading.getparent()
        alone = parent is not None and sum(h in headings for h in parent.iter()) == 1
        cards.append(parent if alone else heading)
    return cards


def _next_page(raw: HtmlElement, base: str, bad_urls: list[str] | None) -> str | None:
    for selector in NEXT_SELECTORS:
        for element in select(raw, selector):
            if "w-condition-invisible" in element.get("class", ""):
                continue
            if href := absolute(element.get("href"), base, bad_urls):
                return href
    for element in raw.iter("a"):
        if NEXT_LABEL.match(text_of(element)) and (href := absolute(element.get("href"), base)):
            return href
    return None


def parse_listing(
    html: str | HtmlElement, url: str, bad_urls: list[str] | None = None
) -> tuple[list[ListingEntry], str | None]:
    """(entries in page order, absolute URL of the next page or None). A link that is no
    readable URL is skipped (and added to ``bad_urls`` when given)."""
    raw = parse_html(html) if isinstance(html, (str, bytes)) else html
    return listing_in(strip_chrome(raw), raw, base_url(raw, url), bad_urls, by_shape=True)


def listing_in(
    root: HtmlElement,
    raw: HtmlElement,
    base: str,
    bad_urls: list[str] | None = None,
    *,
    by_shape: bool = False,
) -> tuple[list[ListingEntry], str | None]:
    """``parse_listing`` on a page already parsed: ``root`` is a copy of ``raw`` without
    its chrome (``dom.strip_chrome``), and is changed here. ``by_shape``: when no card
    markup matches, take linked headings as cards (for a page known to be a listing; the
    classifier does not, so an article's related links never make it a listing)."""
    drop_all(
        root, ".w-dyn-empty, .w-condition-invisible, .pager, .pagination, .w-pagination-wrapper"
    )
    entries: list[ListingEntry] = []
    for selector in CARD_SELECTORS:
        cards = [
            c
            for c in select(root, selector)
            if not c.xpath("ancestor::*[self::li or @class='w-dyn-item']")
        ]
        cards = [c for c in cards if not c.xpath(".//h1")]
        if selector == "li":
            cards = [c for c in cards if c.xpath(".//a[@href]") and find_date(text_of(c))]
        if selector == "article" and len(cards) < 2:
            continue
        found = [entry for card in cards if (entry := _entry(card, base, bad_urls))]
        if found:
            entries = found
            break
    if not entries and by_shape:
        cards = _heading_cards(root)
        entries = [entry for card in cards if (entry := _entry(card, base, bad_urls))]
    unique = {}
    for entry in entries:
        unique.setdefault(entry.url.split("#")[0], entry)
    return list(unique.values()), _next_page(raw, base, bad_urls)
