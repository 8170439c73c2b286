"""RSS 2.0 / Atom entries -> NewsItems (feedparser). content:encoded wins over description;
dc:creator -> authors; categories -> tags; media:content / enclosure -> image."""

from __future__ import annotations

from urllib.parse import urljoin

import feedparser

from ..items import NewsItem
from .dates import parse_date
from .dom import clean_text, html_text


def _image(entry: dict, url: str) -> str | None:
    for media in (*entry.get("media_content", []), *entry.get("media_thumbnail", [])):
        if media.get("url") and media.get("medium", "image") == "image":
            return urljoin(url, media["url"])
    for link in (*entry.get("enclosures", []), *entry.get("links", [])):
        if link.get("rel", "enclosure") == "enclosure" and str(link.get("type", "")).startswith(
            "image/"
        ):
            return urljoin(url, link.get("href") or link.get("url"))
    return None


def _item(entry: dict, url: str) -> NewsItem | None:
    link = entry.get("link") or (
        entry.get("id") if str(entry.get("id", "")).startswith("http") else None
    )
    title = clean_text(entry.get("title"))
    if not link or not title:
        return None
    content = next((c.get("value") for c in entry.get("content", []) if c.get("value")), None)
    summary = entry.get("summary")
    updated = dict.get(entry, "updated")  # not feedparser's fallback from `published`
    authors = [
        clean_text(a.get("name")) for a in entry.get("authors", []) if clean_text(a.get("name"))
    ]
    if not authors and clean_text(entry.get("author")):
        authors = [clean_text(entry.get("author"))]
    return NewsItem(
        source="",
        url=urljoin(url, link),
        title=title,
        published=parse_date(entry.get("published")) or parse_date(updated),
        updated=parse_date(updated),
        authors=authors,
        tags=list(
            dict.fromkeys(
                clean_text(t.get("term"))
                for t in entry.get("tags", [])
                if clean_text(t.get("term"))
            )
        ),
        summary=(html_text(summary) or None) if summary != content else None,
        content_html=content or summary or None,
        image=_image(entry, url),
    )


def parse_feed(text: str | bytes, url: str) -> list[NewsItem]:
    """Every entry with a link and a title, in feed order; an unreadable feed gives []."""
    parsed = feedparser.parse(text, response_headers={"content-location": url})
    return [item for entry in parsed.entries if (item := _item(entry, url))]
