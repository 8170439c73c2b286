"""extract: ``extract_page`` over every snapshot page vs. bare lxml parsing + <title>."""

from __future__ import annotations

import lxml.html

from bench.common import Result, Row, median_seconds, snapshot_pages
from spiders.pages import extract_page


def run() -> Result:
    pages = snapshot_pages()

    def ours() -> None:
        for page in pages:
            extract_page(page.html, page.url, source=page.source)

    def bare() -> None:
        for page in pages:
            lxml.html.fromstring(page.html).findtext(".//title")

    ours()  # warm caches (imports, compiled regexes) outside the timing
    row = Row("extract_page", median_seconds(ours, 5), median_seconds(bare, 5), len(pages), "pages")
    return Result("extract", "lxml.html.fromstring + <title>", [row])
