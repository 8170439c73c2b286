"""pipeline.scrapy_pipelines with Scrapy's real crawler and a real archive file: how a
run's status is decided."""

from __future__ import annotations

import json

import pytest
import sqlite_utils
from scrapy import signals
from scrapy.utils.test import get_crawler

from pipeline.normalise import normalise_item
from pipeline.scrapy_pipelines import ArchivePipeline
from spiders.items import NewsItem
from spiders.sources import load_sources
from spiders.webflow import WebflowSpider


@pytest.fixture
def run(tmp_path):
    """A function: (item pages fetched, items to save) -> the stored crawl_runs row."""

    def crawl_run(item_pages: int, urls: list[str], reason: str = "finished") -> dict:
        settings = {"ITEM_PIPELINES": {}, "ARCHIVE_PATH": str(tmp_path / "archive.db")}
        crawler = get_crawler(WebflowSpider, settings)
        crawler.stats.open_spider()
        crawler.spider = WebflowSpider.from_crawler(crawler, source=load_sources()["dthlab"])
        pipeline = ArchivePipeline.from_crawler(crawler)
        pipeline.open_spider()
        crawler.stats.set_value("partnerwire/item_pages", item_pages)
        for url in urls:
            item = NewsItem(source="dthlab", url=url, title="An article")
            pipeline.process_item(normalise_item(item, canonical_host="www.dthlab.org"))
        pipeline.close_spider()
        crawler.signals.send_catch_log(
            signal=signals.spider_closed, spider=crawler.spider, reason=reason
        )
        db = sqlite_utils.Database(tmp_path / "archive.db")
        [row] = db.query("select * from crawl_runs order by id desc limit 1")
        db.close()
        return row

    return crawl_run


def test_every_fetched_item_page_archived_is_ok(run):
    row = run(2, ["https://www.dthlab.org/articles/a", "https://www.dthlab.org/articles/b"])
    assert (row["status"], row["items_new"]) == ("ok", 2)


def test_fewer_items_than_item_pages_is_partial_and_says_so(run):
    row = run(3, ["https://www.dthlab.org/articles/a", "https://www.dthlab.org/articles/b"])
    assert row["status"] == "partial"
    assert json.loads(row["error_messages"]) == [
        "dthlab: 3 announced item pages fetched, 2 items archived"
    ]


def test_two_announced_urls_folding_into_one_item_are_not_partial(run):
    row = run(
        2, ["https://www.dthlab.org/articles/a", "https://dthlab.org/articles/a?utm_source=x"]
    )
    assert (row["status"], row["items_new"], row["items_unchanged"]) == ("ok", 1, 1)


def test_item_pages_fetched_and_nothing_archived_is_failed(run):
    assert run(2, [])["status"] == "failed"


def test_normalise_pipeline_looks_the_source_up_by_item_source():
    from pipeline.scrapy_pipelines import NormalisePipeline

    crawler = get_crawler(WebflowSpider, {"ITEM_PIPELINES": {}})
    crawler.spider = WebflowSpider.from_crawler(crawler, source=load_sources()["dthlab"])
    pipeline = NormalisePipeline.from_crawler(crawler)
    item = NewsItem(source="dthlab", url="http://dthlab.org/articles/a", title="An article")
    assert pipeline.process_item(item).canonical_url == "https://www.dthlab.org/articles/a"
    elsewhere = NewsItem(source="other", url="http://dthlab.org/articles/a", title="An article")
    assert pipeline.process_item(elsewhere).canonical_url == "http://dthlab.org/articles/a"


def test_a_crawl_that_stopped_before_its_end_is_never_ok(run):
    row = run(1, ["https://www.dthlab.org/articles/a"], reason="closespider_pagecount")
    assert (row["status"], row["errors"]) == ("partial", 1)
    assert json.loads(row["errors_by_kind"]) == {"stopped_early": 1}
    assert json.loads(row["error_messages"])[-1] == (
        "dthlab: the crawl stopped before its end (closespider_pagecount)"
    )
    assert run(0, [], reason="shutdown")["status"] == "failed"


@pytest.fixture
def batched(tmp_path):
    """An open ArchivePipeline writing batches of three items, and a reader of its file."""
    settings = {
        "ITEM_PIPELINES": {},
        "ARCHIVE_PATH": str(tmp_path / "archive.db"),
        "ARCHIVE_BATCH_ITEMS": 3,
        "ARCHIVE_BATCH_SECONDS": 3600,
    }
    crawler = get_crawler(WebflowSpider, settings)
    crawler.stats.open_spider()
    crawler.spider = WebflowSpider.from_crawler(crawler, source=load_sources()["dthlab"])
    pipeline = ArchivePipeline.from_crawler(crawler)
    pipeline.open_spider()

    def stored() -> int:  # what another connection sees: only committed batches
        db = sqlite_utils.Database(tmp_path / "archive.db")
        try:
            return db.execute("select count(*) from items").fetchone()[0]
        finally:
            db.close()

    yield pipeline, stored
    if pipeline.db is not None:
        pipeline.db.close()


def article(slug: str, title: str | None = "An article") -> NewsItem:
    item = NewsItem(source="dthlab", url=f"https://www.dthlab.org/articles/{slug}", title=title)
    return normalise_item(item, canonical_host="www.dthlab.org")


def test_items_are_committed_a_batch_at_a_time(batched):
    pipeline, stored = batched
    for slug in "ab":
        pipeline.process_item(article(slug))
    assert stored() == 0
    pipeline.process_item(article("c"))
    assert stored() == 3
    pipeline.process_item(article("d"))
    assert (stored(), pipeline.counts["items_new"]) == (3, 3)
    pipeline.close_spider()  # the open batch is written at the close
    assert stored() == 4
    assert pipeline.counts["items_new"] == 4


def test_outcomes_inside_one_batch_are_counted_exactly(batched):
    pipeline, _ = batched
    pipeline.process_item(article("a"))
    pipeline.process_item(article("a"))  # the same page twice in one batch
    pipeline.process_item(article("a", title="An article, corrected"))
    pipeline.flush()
    assert {k: v for k, v in pipeline.counts.items() if v} == {
        "items_new": 1,
        "items_unchanged": 1,
        "items_updated": 1,
    }


def test_a_refused_item_never_takes_its_batch_with_it(batched):
    pipeline, stored = batched
    pipeline.process_item(article("a"))
    refused = article("b")
    refused.title = None  # normalised, then broken: the archive refuses it
    pipeline.process_item(refused)
    pipeline.process_item(article("c"))
    assert stored() == 2
    spider = pipeline.crawler.spider
    assert pipeline.crawler.stats.get_value("partnerwire/errors/archive_error") == 1
    assert spider.error_messages == [
        "https://www.dthlab.org/articles/b: not saved: "
        "an item needs a url and a title to be archived"
    ]


def test_any_fault_in_a_batch_loses_only_its_own_item(batched, monkeypatch):
    """Not only the archive's refusals: a fault anywhere while a batch is written (here a
    bug in relation finding for one page) costs that page alone, recorded with its URL."""
    from pipeline import scrapy_pipelines

    real = scrapy_pipelines.stated_relations

    def faulty(item, source):
        if item.url.endswith("/b"):
            raise IndexError("list index out of range")
        return real(item, source)

    monkeypatch.setattr(scrapy_pipelines, "stated_relations", faulty)
    pipeline, stored = batched
    for slug in "abc":
        pipeline.process_item(article(slug))
    assert stored() == 2
    assert pipeline.counts["items_new"] == 2
    assert pipeline.crawler.spider.error_messages == [
        "https://www.dthlab.org/articles/b: not saved: list index out of range"
    ]
