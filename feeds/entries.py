"""Archive rows -> ``FeedEntry`` objects, and merging one story's entries into one.

Pure: rows (dicts as ``items`` stores them) in, entries out. Everything that reaches a
feed passes through here, so this is where it is made safe a second time (the
archive already sanitised it; a feed must hold even if it did not): XML-illegal
characters removed, titles capped, HTML cleaned by the archive's own policy
(``spiders.pages.text.sanitise_html``), only http(s) links kept.
Plain-text fields stay text (the writers escape them); only HTML fields are cleaned.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from spiders.pages.dates import aware_datetime
from spiders.pages.text import (
    MAX_TITLE,  # one title cap for the archive and the feeds
    clean_line,
    remove_control_chars,
    sanitise_html,
    truncate,
)

MAX_SUMMARY = 2000
MAX_NAME = 200
TAG_AUTHORITY = "tag:partnerwire,2026:"

_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class SourceInfo:
    """A partner as feeds show it."""

    id: str
    name: str
    acronym: str | None = None
    homepage: str | None = None

    @property
    def label(self) -> str:
        return self.acronym or self.name or self.id


@dataclass(frozen=True)
class AlsoPublished:
    """Another partner's copy of a merged story."""

    source: SourceInfo
    link: str


@dataclass(frozen=True)
class FeedEntry:
    id: str
    title: str
    link: str
    published: datetime
    updated: datetime
    source: SourceInfo
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    content_type: str | None = None
    type: str | None = None
    summary: str | None = None
    content_html: str | None = None
    image: str | None = None
    language: str | None = None
    story_id: str | None = None
    item_ids: tuple[Any, ...] = ()
    also: tuple[AlsoPublished, ...] = field(default=())

    @property
    def sources(self) -> tuple[SourceInfo, ...]:
        return (self.source, *(a.source for a in self.also))


def plain_text(value: Any, limit: int | None = None) -> str:
    """A plain-text field of a row (title, summary, a name), as ``pipeline.normalise``
    stored it: text, not markup, so nothing is decoded or stripped ("the <br> tag" is a
    title). The feed writers escape it; where a format reads text as HTML (RSS
    ``<description>``) ``feeds.build`` escapes it once more. Control characters are
    removed, whitespace collapsed to one line, and it is cut at ``limit`` characters on
    a word boundary (``spiders.pages.text.clean_line`` and ``truncate``)."""
    text = clean_line(str(value or ""))
    return truncate(text, limit) if limit else text


def clean_html(value: str | None, base_url: str | None = None) -> str | None:
    """HTML safe to embed in a feed, by the archive's own policy
    (``spiders.pages.text.sanitise_html``): its allow-list of tags and attributes, only
    http(s)/mailto links, relative ones made absolute against ``base_url`` (the item's
    page) or dropped without one."""
    if not value:
        return None
    return sanitise_html(value, base_url or "") or None


def safe_url(value: Any) -> str | None:
    """An absolute http(s) URL without XML-illegal characters or spaces, else None."""
    url = remove_control_chars(str(value or "")).strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc or re.search(r"\s", url):
        return None
    return url


def slugify(text: str) -> str:
    """``"News & insights"`` -> ``"news-insights"``."""
    return _SLUG.sub("-", plain_text(text).casefold()).strip("-")


def _json_list(value: Any) -> list[str]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            value = [value]
    if not isinstance(value, list | tuple):
        return []
    return [v for v in (plain_text(x, MAX_NAME) for x in value) if v]


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for v in values:
        if v and v.casefold() not in {k.casefold() for k in seen}:
            seen[v] = None
    return tuple(seen)


def entry_from_row(row: Mapping[str, Any], sources: Mapping[str, SourceInfo]) -> FeedEntry | None:
    """One archive row as a feed entry; None when it has no usable http(s) link or date."""
    link = safe_url(row.get("canonical_url")) or safe_url(row.get("url"))
    published = aware_datetime(row.get("published")) or aware_datetime(row.get("first_seen"))
    if not link or not published:
        return None
    updated = max(aware_datetime(row.get("updated")) or published, published)
    source_id = str(row.get("source") or "")
    source = sources.get(source_id) or SourceInfo(id=source_id, name=source_id or "unknown")
    content_type = plain_text(row.get("content_type"), MAX_NAME) or None
    return FeedEntry(
        id=link,
        title=plain_text(row.get("title"), MAX_TITLE) or "(untitled)",
        link=link,
        published=published,
        updated=updated,
        source=source,
        authors=_unique(_json_list(row.get("authors"))),
        categories=_unique([content_type or "", *_json_list(row.get("tags"))]),
        content_type=content_type,
        type=plain_text(row.get("type"), MAX_NAME) or None,
        summary=plain_text(row.get("summary"), MAX_SUMMARY) or None,
        content_html=clean_html(row.get("content_html"), safe_url(row.get("url")) or link),
        image=safe_url(row.get("image")),
        language=plain_text(row.get("language"), 35) or None,
        story_id=plain_text(row.get("story_id"), 100) or None,
        item_ids=(row.get("id"),),
    )


def sort_entries(entries: Iterable[FeedEntry]) -> list[FeedEntry]:
    """Newest published first; ties broken by id so the order is stable."""
    return sorted(entries, key=lambda e: (-e.published.timestamp(), e.id))


def build_entries(
    rows: Iterable[Mapping[str, Any]], sources: Mapping[str, SourceInfo]
) -> list[FeedEntry]:
    """Every usable row as an entry, newest first."""
    return sort_entries(e for row in rows if (e := entry_from_row(row, sources)))


def story_entry_id(story_id: str) -> str:
    return f"{TAG_AUTHORITY}{story_id}"


def merge_stories(entries: Iterable[FeedEntry]) -> list[FeedEntry]:
    """One entry per story for the merged feeds, newest first.

    The earliest-published copy leads (ties: source id); the others become ``also``
    and are named and linked in the summary and content. The merged id is a ``tag:``
    URI of the story id, so it does not change when another partner joins later.
    """
    groups: dict[str, list[FeedEntry]] = {}
    for entry in entries:
        groups.setdefault(entry.story_id or entry.id, []).append(entry)
    merged = []
    for key, members in groups.items():
        members.sort(key=lambda e: (e.published, e.source.id, e.id))
        lead, others = members[0], members[1:]
        also = tuple(AlsoPublished(e.source, e.link) for e in others if e.source != lead.source)
        merged.append(
            replace(
                lead,
                id=story_entry_id(key) if lead.story_id else lead.id,
                updated=max(e.updated for e in members),
                authors=lead.authors,  # the copy we link to; the others are named below
                categories=_unique(c for e in members for c in e.categories),
                image=lead.image or next((e.image for e in others if e.image), None),
                item_ids=tuple(i for e in members for i in e.item_ids),
                summary=_with_also_text(lead.summary, also),
                content_html=_with_also_html(lead.content_html, also),
                also=also,
            )
        )
    return sort_entries(merged)


def also_published_text(also: Iterable[AlsoPublished]) -> str:
    names = ", ".join(_unique(a.source.label for a in also))
    return f"Also published by {names}." if names else ""


def _with_also_text(summary: str | None, also: tuple[AlsoPublished, ...]) -> str | None:
    if not also:
        return summary
    return " ".join(p for p in (summary, also_published_text(also)) if p)


def _with_also_html(content: str | None, also: tuple[AlsoPublished, ...]) -> str | None:
    if not also:
        return content
    links = ", ".join(
        f'<a href="{html.escape(a.link)}">{html.escape(a.source.label)}</a>' for a in also
    )
    return f"{content or ''}<p>Also published by {links}.</p>"
