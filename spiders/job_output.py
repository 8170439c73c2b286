"""A crawl's record of itself (``CrawlRecord``), and the extension that writes it as the
last line of a job's item output.

A crawl on a Scrapyd node runs with ``ARCHIVE_ENABLED = False`` and writes its items and
profiles as JSON lines through Scrapy's feed exports (``FEEDS``); ``CrawlRecordExport``
then adds one line saying what the crawl did (pages, errors by kind, methods, why it
closed), so ``partnerwire ingest`` can write the run's ``crawl_runs`` row as a local crawl
would. A local crawl builds the same record in its archive pipeline.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from spiders.items import CrawlRecord
from spiders.pages.dates import format_run_id, to_utc_iso


def crawl_record(
    crawler: Crawler, *, run_id: str, started: str, duration: float, reason: str | None
) -> CrawlRecord:
    """What the crawl of ``crawler``'s spider (one source) did, from its stats and its
    spider's bookkeeping."""
    spider = crawler.spider
    stats = crawler.stats.get_stats()
    return CrawlRecord(
        run_id=run_id,
        source=spider.source.id,
        started=started,
        finished=to_utc_iso(datetime.now(UTC)),
        duration_seconds=round(duration, 3),
        pages=stats.get("response_received_count", 0),
        pages_not_modified=stats.get("httpcache/revalidate", 0),
        item_pages=stats.get("partnerwire/item_pages", 0),
        errors_by_kind={
            key.removeprefix("partnerwire/errors/"): value
            for key, value in stats.items()
            if key.startswith("partnerwire/errors/")
        },
        error_messages=list(spider.error_messages),
        methods=list(spider.methods_used),
        platform=spider.platform,
        drift=list(spider.drift),
        errors_not_failing=sorted(spider.errors_not_failing()),
        finish_reason=reason,
    )


def run_id_setting(crawler: Crawler) -> str:
    """The run this crawl belongs to: ``CRAWL_RUN_ID`` (one id for every source of a
    ``partnerwire crawl``), else the crawl's own start."""
    return crawler.settings.get("CRAWL_RUN_ID") or format_run_id(datetime.now(UTC))


class CrawlRecordExport:
    """Writes the crawl's ``CrawlRecord`` through the feed exports, as their last item,
    when the archive is off (``ARCHIVE_ENABLED = False``: a Scrapyd job).

    It is an extension, not a pipeline, because only the ``spider_closed`` signal says
    why the crawl closed; it is loaded before Scrapy's ``FeedExporter`` (a lower order in
    ``EXTENSIONS``), so its handler runs while the feed files are still open."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.run_id = run_id_setting(crawler)
        self.started = ""
        self.started_clock = 0.0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlRecordExport:
        if crawler.settings.getbool("ARCHIVE_ENABLED", True):
            raise NotConfigured("the archive pipeline records the run")
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider: Any) -> None:
        self.started = to_utc_iso(datetime.now(UTC))
        self.started_clock = time.monotonic()

    def spider_closed(self, spider: Any, reason: str) -> None:
        record = crawl_record(
            self.crawler,
            run_id=self.run_id,
            started=self.started,
            duration=time.monotonic() - self.started_clock,
            reason=reason,
        )
        self.crawler.signals.send_catch_log(
            signal=signals.item_scraped, item=record, response=None, spider=spider
        )
