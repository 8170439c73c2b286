"""The crawl goes only where the source lives: one downloader middleware that every
request passes, redirects included (Scrapy sends a redirect's new request back through
``process_request``), before robots.txt is asked for it."""

from __future__ import annotations

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest


class RefusedRequest(IgnoreRequest):
    """A request the crawl may not make; the spider has already recorded why."""


class SourceHostsMiddleware:
    """Refuses every request that is not http(s) or not on the spider's source's own hosts
    (``homepage``, ``hosts``, the ``--base-url`` it is fetched from). The spider says why
    (``SourceSpider.refusal``) and records it; the request is never sent. Spiders that
    have no ``refusal`` are left alone."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SourceHostsMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        spider = self.crawler.spider
        refusal = getattr(spider, "refusal", None)  # a SourceSpider's; others pass
        if refusal is None:
            return
        redirects = request.meta.get("redirect_urls") or [None]
        refused = refusal(
            request.url,
            sitemap=getattr(request.callback, "__name__", "") == "parse_sitemap",
            redirected_from=redirects[0],
        )
        if refused is not None:
            spider.record_error(*refused)
            raise RefusedRequest(refused[1])
