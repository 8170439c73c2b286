"""RSS 2.0 / Atom entries -> NewsItems (feedparser). content:encoded wins over description;
dc:creator -> authors; categories -> tags; media:content / enclosure -> image."""

from __future__ import annotations

import feedparser

from ..items import NewsItem
from .dates import parse_date
from .dom import html_text
from .text import clean_line
from .urls import join_url


def _image(entry: dict, url: str, bad_urls: list[str] | None) -> str | None:
    for media in (*entry.get("media_content", []), *entry.get("media_thumbnail", [])):
        if media.get("medium", "image") == "image" and (
            image := join_url(url, media.get("url"), bad_urls)
        ):
            return image
    for link in (*entry.get("enclosures", []), *entry.get("links", [])):
        if (
            link.get("rel", "enclosure") == "enclosure"
            and str(link.get("type", "")).startswith("image/")
            and (image := join_url(url, link.get("href") or link.get("url"), bad_urls))
        ):
            return image
    return None


def _item(entry: dict, url: str, bad_urls: list[str] | None) -> NewsItem | None:
    link = entry.get("link") or (
        entry.get("id") if str(entry.get("id", "")).startswith("http") else None
    )
    title = clean_line(entry.get("title"))
    if title and not link and bad_urls is not None:  # feedparser empties unreadable links
        bad_urls.append(f"(the link of the entry {title!r})")
    if not link or not title or not (link := join_url(url, link, bad_urls)):
        return None
    content = next((c.get("value") for c in entry.get("content", []) if c.get("value")), None)
    summary = entry.get("summary")
    updated = dict.get(entry, "updated")  # not feedparser's fallback from `published`
    authors = [
        clean_line(a.get("name")) for a in entry.get("authors", []) if clean_line(a.get("name"))
    ]
    if not authors and clean_line(entry.get("author")):
        authors = [clean_line(entry.get("author"))]
    return NewsItem(
        source="",
        url=link,
        title=title,
        published=parse_date(entry.get("published")) or parse_date(updated),
        updated=parse_date(updated),
        authors=authors,
        tags=list(
            dict.fromkeys(
                clean_line(t.get("term"))
                for t in entry.get("tags", [])
                if clean_line(t.get("term"))
            )
        ),
        summary=(html_text(summary) or None) if summary != content else None,
        content_html=content or summary or None,
        image=_image(entry, url, bad_urls),
    )


def parse_feed(text: str | bytes, url: str, bad_urls: list[str] | None = None) -> list[NewsItem]:
    """Every entry with a link and a title, in feed order; an unreadable feed gives []. A
    link or image that is no readable URL costs only itself (its entry, or the image) and
    is added to ``bad_urls`` when given."""
    parsed = feedparser.parse(text, response_headers={"content-location": url})
    return [item for entry in parsed.entries if (item := _item(entry, url, bad_urls))]
