"""The crawl benchmarks' baseline: fetch a list of URLs with Scrapy, and do nothing with
them, or (``--extract``) read each HTML page with the extraction libraries partnerwire
uses: trafilatura (``bare_extraction(..., with_metadata=True)``) and htmldate
(``find_date``).

Run as ``python bench/bare_spider.py URLS_FILE [--extract] [--concurrency N]`` (one URL a
line); by default the same concurrency as partnerwire's polite crawl (8, 2 per site),
``--concurrency N`` for N in flight, N per site. No robots.txt (its URLs are in the
list), no cache, no delay, no AutoThrottle. With ``--extract`` it prints the HTML pages
read and those where trafilatura found a text and htmldate a date.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import scrapy
from scrapy.crawler import AsyncCrawlerProcess
from scrapy.http import Response, TextResponse

SETTINGS = {
    "CONCURRENT_REQUESTS": 8,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 2,
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "ROBOTSTXT_OBEY": False,
    "COOKIES_ENABLED": False,
    "TELNETCONSOLE_ENABLED": False,
    "RETRY_ENABLED": False,
    "LOG_LEVEL": "WARNING",
    "USER_AGENT": "partnerwire-bench",
}


def read_page(html: str, url: str) -> tuple[bool, bool]:
    """What the bare spider does with an HTML page: trafilatura's text and metadata and
    htmldate's date, as the libraries' documentation calls them. Found (text, date)?"""
    import htmldate
    import trafilatura

    document = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    date = htmldate.find_date(html, url=url, original_date=True)
    return bool(document is not None and document.text), bool(date)


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, urls: list[str], extract: bool = False) -> None:
        super().__init__()
        self.urls = urls
        self.extract = extract
        self.counts: Counter[str] = Counter()

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.urls:
            yield scrapy.Request(url, dont_filter=True, meta={"handle_httpstatus_all": True})

    def parse(self, response: Response) -> None:
        html = isinstance(response, TextResponse) and b"html" in response.headers.get(
            "Content-Type", b""
        )
        if not self.extract or not html:
            return
        text, date = read_page(response.text, response.url)
        self.counts.update(["html pages"] + ["with text"] * text + ["with a date"] * date)

    def closed(self, reason: str) -> None:
        if self.extract:
            print(" ".join(f"{what}={n}" for what, n in sorted(self.counts.items())))


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("urls_file", type=Path)
    parser.add_argument("--extract", action="store_true", help="read each HTML page")
    parser.add_argument("--concurrency", type=int, help="requests in flight (and per site)")
    args = parser.parse_args(argv)
    settings = dict(SETTINGS)
    if args.concurrency:
        settings["CONCURRENT_REQUESTS"] = settings["CONCURRENT_REQUESTS_PER_DOMAIN"] = (
            args.concurrency
        )
    process = AsyncCrawlerProcess(settings)
    process.crawl(BareSpider, urls=args.urls_file.read_text("utf-8").split(), extract=args.extract)
    process.start()


if __name__ == "__main__":
    main(sys.argv[1:])
