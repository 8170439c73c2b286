"""The content hash of a news item: what a reader would call its content, so that a
crawl can tell a changed item from one seen again (``items.content_hash``). Pure; used
by the archive (``pipeline.normalise``) and by the spiders, which compare what they read
with what the archive holds (a JavaScript application's cards, ``spiders.rendering``)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from .dates import to_utc_iso
from .text import clean_paragraphs, html_to_text


def _field(item: Any, name: str) -> Any:
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)


def content_hash(item: Any) -> str:
    """sha256 (hex) over title, text (whitespace collapsed) and published date of an item
    or a row (dict). Text falls back to the content HTML, then the summary."""
    text = (
        _field(item, "text")
        or html_to_text(_field(item, "content_html"))
        or clean_paragraphs(_field(item, "summary"))
    )
    payload = [
        " ".join((_field(item, "title") or "").split()),
        " ".join((text or "").split()),
        to_utc_iso(_field(item, "published")) or "",  # the instant: a new format is no change
    ]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode("utf-8")).hexdigest()
