"""The crawl benchmark's baseline: fetch a list of URLs with Scrapy, do nothing with them.

Run as ``python bench/bare_spider.py URLS_FILE`` (one URL a line); same concurrency as
partnerwire's crawl of the snapshot, no robots.txt (its URLs are in the list), no cache.
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path

import scrapy
from scrapy.crawler import AsyncCrawlerProcess
from scrapy.http import Response

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


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, urls: list[str]) -> None:
        super().__init__()
        self.urls = urls

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.urls:
            yield scrapy.Request(url, dont_filter=True, meta={"handle_httpstatus_all": True})

    def parse(self, response: Response) -> None:
        return None


def main() -> None:
    urls = Path(sys.argv[1]).read_text("utf-8").split()
    process = AsyncCrawlerProcess(SETTINGS)
    process.crawl(BareSpider, urls=urls)
    process.start()


if __name__ == "__main__":
    main()
