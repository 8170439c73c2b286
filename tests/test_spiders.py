"""What the spiders decide without crawling: which links to follow, and how they name
what went wrong (one error per failure, by kind, in plain words). Uses Scrapy's real
crawler, requests and signals."""

from __future__ import annotations

import pytest
from scrapy import Request, signals
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


def test_wordpress_follows_post_sitemaps_only(spider):
    assert spider.wants_sitemap("https://ifmsa.org/post-sitemap.xml")
    assert spider.wants_sitemap("https://ifmsa.org/wp-sitemap-posts-post-1.xml")
    assert not spider.wants_sitemap("https://ifmsa.org/page-sitemap.xml")
    assert not spider.wants_sitemap("https://ifmsa.org/wp-sitemap-taxonomies-category-1.xml")


def test_homepage_and_organisation_pages_are_not_items(spider):
    assert not spider.is_item_candidate("https://ifmsa.org/")
    assert not spider.is_item_candidate("https://ifmsa.org/about-ifmsa/")
    assert spider.is_item_candidate("https://ifmsa.org/world-health-day-2025/")


def test_own_item_is_fetched_offsite_hint_is_kept_bare_link_recorded(spider):
    (request,) = spider.follow_item("https://ifmsa.org/a-post/")
    assert isinstance(request, Request)
    hint = NewsItem(source="ifmsa", url="https://medium.com/@ifmsa/post", title="On Medium")
    assert list(spider.follow_item(hint.url, hint)) == [hint]
    assert list(spider.follow_item("https://elsewhere.org/x")) == []
    assert errors(spider) == {"offsite_item": 1}


# -- an announced item page is an item, or an error with its URL --------------------------


def page_response(body: str | bytes, content_type: str = "text/html; charset=utf-8"):
    from scrapy.http import HtmlResponse, Response

    url = "https://ifmsa.org/announced/"
    headers = {"Content-Type": content_type}
    if "html" in content_type:
        return HtmlResponse(url, body=body, headers=headers, encoding="utf-8")
    return Response(url, body=body, headers=headers)


LISTING_LIKE = (
    "<html><head></head><body><div class='collection-list'><p>Two short sentences. "
    "Nothing else.</p></div></body></html>"
)


def item_pages(spider) -> int:
    return spider.crawler.stats.get_value("partnerwire/item_pages", 0)


def test_an_announced_page_without_title_keeps_the_hint(spider):
    hint = NewsItem(source="ifmsa", url="https://ifmsa.org/announced/", title="From the feed")
    [item] = spider.parse_item_page(page_response(LISTING_LIKE), hint=hint)
    assert (item.title, item.url) == ("From the feed", "https://ifmsa.org/announced/")
    assert item_pages(spider) == 1
    assert errors(spider) == {}


def test_an_announced_page_with_nothing_is_a_no_article_with_its_url(spider):
    assert list(spider.parse_item_page(page_response(LISTING_LIKE))) == []
    assert errors(spider) == {"no_article": 1}
    assert spider.error_messages[0].startswith("https://ifmsa.org/announced/: ")


def test_an_announced_page_that_is_not_html_is_recorded(spider):
    pdf = page_response(b"%PDF-1.4\n\x00\x01", "application/pdf")
    assert list(spider.parse_item_page(pdf)) == []
    text = page_response(b"just text", "text/plain; charset=utf-8")
    assert list(spider.parse_item_page(text)) == []
    assert errors(spider) == {"not_html": 2}
    hint = NewsItem(source="ifmsa", url="https://ifmsa.org/announced/", title="The report")
    assert list(spider.parse_item_page(pdf, hint=hint)) == [hint]
    assert item_pages(spider) == 3
