"""normalise: ``normalise_item`` on the extracted items vs. bare ``nh3.clean`` of their HTML."""

from __future__ import annotations

from urllib.parse import urlsplit

import nh3

from bench.common import Result, Row, extracted_items, median_seconds
from pipeline.normalise import normalise_item
from spiders.sources import load_sources


def run() -> Result:
    items = extracted_items()
    sources = load_sources()
    hosts = {sid: (urlsplit(s.homepage).netloc, s.language) for sid, s in sources.items()}

    def ours() -> None:
        for item in items:
            host, language = hosts[item.source]
            normalise_item(item, canonical_host=host, default_language=language)

    def bare() -> None:
        for item in items:
            nh3.clean(item.content_html or "")

    ours()
    row = Row(
        "normalise_item", median_seconds(ours, 5), median_seconds(bare, 5), len(items), "items"
    )
    return Result("normalise", "nh3.clean(content_html)", [row])
