"""How the spiders name what went wrong: one error per failure, by kind, in plain words.
Uses Scrapy's real crawler and signals (no crawl needed)."""

from __future__ import annotations

import pytest
from scrapy import signals
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from pipeline.scrapy_pipelines import NotSaved
from spiders.items import NewsItem
from spiders.sources import load_sources
from spiders.wordpress import WordPressSpider


@pytest.fixture
def spider():
    crawler = get_crawler(WordPressSpider, {"ITEM_PIPELINES": {}})
    crawler.stats.open_spider()
    spider = WordPressSpider.from_crawler(crawler, source=load_sources()["ifmsa"])
    crawler.spider = spider
    return spider


def errors(spider) -> dict:
    stats = spider.crawler.stats.get_stats()
    return {k.rsplit("/", 1)[1]: v for k, v in stats.items() if k.startswith("partnerwire/errors/")}


ITEM = NewsItem(source="ifmsa", url="https://ifmsa.org/x/", title="X")


def send(spider, signal, **kwargs):
    spider.crawler.signals.send_catch_log(
        signal=signal, item=ITEM, response=None, spider=spider, **kwargs
    )


def test_archive_refusal_counts_once_under_its_kind(spider):
    send(spider, signals.item_dropped, exception=NotSaved("not saved: database or disk is full"))
    assert errors(spider) == {"archive_error": 1}
    assert spider.error_messages == ["https://ifmsa.org/x/: not saved: database or disk is full"]


def test_unusable_item(spider):
    send(spider, signals.item_dropped, exception=DropItem("no title"))
    assert errors(spider) == {"invalid_item": 1}


def test_unexpected_pipeline_failure_is_recorded(spider):
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        failure = Failure()
    send(spider, signals.item_error, failure=failure)
    assert errors(spider) == {"item_error": 1}
    assert "boom" in spider.error_messages[0]
