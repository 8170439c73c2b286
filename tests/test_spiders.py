"""What the spiders decide without crawling: which links to follow, and how they name
what went wrong (one error per failure, by kind, in plain words). Uses Scrapy's real
crawler, requests and signals."""

from __future__ import annotations

from dataclasses import replace

import pytest
from scrapy import Request, signals
from scrapy.exceptions import DropItem
from scrapy.http import XmlResponse
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from pipeline.scrapy_pipelines import NotSaved
from spiders.app import AppSpider
from spiders.items import NewsItem
from spiders.middlewares import RefusedRequest, SourceHostsMiddleware
from spiders.rendering import app_page
from spiders.sources import load_sources
from spiders.wordpress import WordPressSpider


def make_spider(**settings):
    """IFMSA's spider on a real crawler (with ``settings``), ready to record errors."""
    crawler = get_crawler(WordPressSpider, {"ITEM_PIPELINES": {}, **settings})
    crawler.stats.open_spider()
    spider = WordPressSpider.from_crawler(crawler, source=load_sources()["ifmsa"])
    crawler.spider = spider
    return spider


@pytest.fixture
def spider():
    return make_spider()


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


# -- the crawl goes only where the source lives -------------------------------------------


def refused_kind(spider, request: Request) -> str | None:
    """The error kind the downloader middleware records for ``request`` (None: let through)."""
    before = errors(spider)
    try:
        SourceHostsMiddleware.from_crawler(spider.crawler).process_request(request)
    except RefusedRequest:
        (kind,) = [k for k, v in errors(spider).items() if v != before.get(k)]
        return kind
    assert errors(spider) == before
    return None


def test_only_http_on_the_sources_own_hosts_is_requested(spider):
    assert refused_kind(spider, Request("https://ifmsa.org/a-post/")) is None
    assert refused_kind(spider, Request("https://www.ifmsa.org/a-post/")) is None
    assert refused_kind(spider, Request("file:///etc/passwd")) == "not_http"
    assert refused_kind(spider, Request("ftp://ifmsa.org/x")) == "not_http"
    sitemap = Request("https://elsewhere.org/sitemap.xml", callback=spider.parse_sitemap)
    assert refused_kind(spider, sitemap) == "offsite_sitemap"
    assert refused_kind(spider, Request("https://elsewhere.org/page/2")) == "offsite_page"
    assert refused_kind(spider, Request("https://ifmsa.org.elsewhere.org/")) == "offsite_page"
    assert refused_kind(spider, Request("https://ifmsa.org@elsewhere.org/")) == "offsite_page"


def test_a_redirect_off_site_is_refused_naming_both_urls(spider):
    redirected = Request(
        "https://elsewhere.org/taken-over/", meta={"redirect_urls": ["https://ifmsa.org/moved/"]}
    )
    assert refused_kind(spider, redirected) == "offsite_redirect"
    assert spider.error_messages[-1].startswith("https://ifmsa.org/moved/ redirects to ")
    assert "https://elsewhere.org/taken-over/" in spider.error_messages[-1]
    to_a_file = Request("file:///etc/passwd", meta={"redirect_urls": ["https://ifmsa.org/x/"]})
    assert refused_kind(spider, to_a_file) == "offsite_redirect"
    assert "redirects to file:///etc/passwd" in spider.error_messages[-1]


def test_the_base_url_host_is_own_but_not_its_neighbours():
    source = replace(load_sources()["ifmsa"], base_url="http://127.0.0.1:8001")
    assert source.url_refusal("http://127.0.0.1:8001/feed/") is None
    assert source.url_refusal("http://127.0.0.1:8002/feed/") == "offsite"
    assert source.url_refusal("file:///dev/zero") == "not_http"
    assert source.url_refusal("http://[::1/evil") == "bad_url"


def sitemap_response(url: str, children: list[str] = (), pages: list[str] = ()) -> XmlResponse:
    if children:
        body = "<sitemapindex>" + "".join(f"<sitemap><loc>{u}</loc></sitemap>" for u in children)
        body += "</sitemapindex>"
    else:
        body = "<urlset>" + "".join(f"<url><loc>{u}</loc></url>" for u in pages) + "</urlset>"
    return XmlResponse(url, body=body.encode(), encoding="utf-8")


def followed(spider, response: XmlResponse) -> list[str]:
    return [r.url for r in spider.parse_sitemap(response, method_index=0, page=1)]


def test_child_sitemaps_are_capped_once_and_never_requested_twice():
    spider = make_spider(MAX_SITEMAPS=2)
    children = [f"https://ifmsa.org/post-sitemap{n}.xml" for n in range(1, 5)]
    index = sitemap_response("https://ifmsa.org/sitemap_index.xml", children=children)
    assert followed(spider, index) == children[:2]
    assert followed(spider, index) == []  # asked again: nothing new, the cap said once
    assert errors(spider) == {"sitemap_cap": 1}
    assert "MAX_SITEMAPS" in spider.error_messages[0]


def test_a_local_file_or_another_host_is_never_a_child_sitemap(spider):
    index = sitemap_response(
        "https://ifmsa.org/sitemap_index.xml",
        children=["file:///etc/passwd", "https://elsewhere.org/post-sitemap.xml"],
    )
    assert followed(spider, index) == []
    assert followed(spider, index) == []  # listed again: refused once
    assert errors(spider) == {"not_http": 1, "offsite_sitemap": 1}


def test_urls_taken_from_sitemaps_are_capped():
    spider = make_spider(MAX_SITEMAP_URLS=3)
    pages = [f"https://ifmsa.org/post-{n}/" for n in range(1, 6)]
    first = sitemap_response("https://ifmsa.org/post-sitemap.xml", pages=pages[:2])
    second = sitemap_response("https://ifmsa.org/post-sitemap2.xml", pages=pages[2:])
    assert followed(spider, first) + followed(spider, second) == pages[:3]
    assert errors(spider) == {"sitemap_cap": 1}
    assert "MAX_SITEMAP_URLS" in spider.error_messages[0]


def test_a_non_http_item_link_is_recorded_never_requested(spider):
    hint = NewsItem(source="ifmsa", url="file:///etc/passwd", title="Local file")
    assert list(spider.follow_item(hint.url, hint)) == []
    assert errors(spider) == {"not_http": 1}


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


def test_rest_is_offered_by_wordpress_only():
    """The base spider asks its family which ways of collecting it has: WordPress asks
    the posts API first; a family without "rest" says so and goes on to the next way."""
    from spiders.webflow import WebflowSpider

    first = make_spider().collect_request(0)
    assert "/wp-json/" in first.url
    # the family's callback, reached through the spider (a request must pickle: JOBDIR)
    assert first.callback.__name__ == "parse_by_family"
    assert first.cb_kwargs["family_callback"] == "parse_rest"
    crawler = get_crawler(WebflowSpider, {"ITEM_PIPELINES": {}})
    crawler.stats.open_spider()
    ifmsa = load_sources()["ifmsa"]
    webflow = WebflowSpider.from_crawler(crawler, source=replace(ifmsa, platform="webflow"))
    crawler.spider = webflow
    request = webflow.collect_request(0)
    assert errors(webflow) == {"unsupported_method": 1}
    assert request.callback.__name__ == f"parse_{ifmsa.collect[1]}"


def test_what_a_spider_yields_carries_its_source(spider):
    hint = NewsItem(source="", url="https://elsewhere.org/x/", title="Elsewhere")
    assert [item.source for item in spider.follow_item(hint.url, hint)] == ["ifmsa"]


def test_an_announced_page_is_asked_for_once_and_never_left_to_the_duplicate_filter(spider):
    # the organisation page was requested at start; a feed that also announces it as news
    # must still have it read as an item (Scrapy's duplicate filter drops without a word)
    hint = NewsItem(source="ifmsa", url="https://ifmsa.org/about-ifmsa/", title="About us, news")
    [request] = spider.follow_item(hint.url, hint)
    assert request.dont_filter
    assert request.callback == spider.parse_item_page
    assert list(spider.follow_item(hint.url, hint)) == []  # announced twice: read once
    assert errors(spider) == {}


def test_every_request_a_spider_makes_can_be_paused_to_disk(spider):
    """JOBDIR writes pending requests to disk: callbacks and errbacks must be the spider's
    own methods (no closures) and their arguments picklable, the item hint included; a
    family's callback (WordPress's REST API) is reached through the spider."""
    import pickle

    from scrapy.utils.request import request_from_dict

    hint = NewsItem(source="", url="https://ifmsa.org/a-post/", title="A post", tags=["x"])
    requests = [
        spider.organisation_request("/about-ifmsa/"),
        spider.collect_request(0),  # rest: a callback of the WordPress family
        spider.collect_request(1),  # feed
        *spider.follow_item("https://ifmsa.org/a-post/", hint),
        *spider.empty_way(1, "has no entries"),  # the homepage, to heal the feed
    ]
    assert len(requests) == 5
    for request in requests:
        restored = request_from_dict(
            pickle.loads(pickle.dumps(request.to_dict(spider=spider))), spider=spider
        )
        assert restored.url == request.url
        assert restored.callback == request.callback
        assert restored.errback == request.errback
        assert restored.cb_kwargs == request.cb_kwargs
    assert requests[1].callback == spider.parse_by_family
    assert requests[1].cb_kwargs["family_callback"] == "parse_rest"
    assert requests[3].cb_kwargs["hint"] == hint


def test_a_rendering_source_s_pages_are_routed_by_the_callback_not_its_name():
    """``app_request`` knows a page callback by its mark (``app_page``): a callback under
    another name still reads the application, an unmarked one is left alone."""

    class RenamedAppSpider(AppSpider):
        @app_page("listing")
        def read_news_listing(self, response, **kwargs):
            yield from self.parse_listing(response, **kwargs)

    crawler = get_crawler(RenamedAppSpider, {"ITEM_PIPELINES": {}, "BROWSER_EXECUTABLE": ""})
    spider = RenamedAppSpider.from_crawler(crawler, source=load_sources()["iads"])
    request = spider.request("/", spider.read_news_listing, method_index=0, page=1, listing=0)
    assert request.callback == spider.parse_app_page
    assert request.cb_kwargs == {
        "then": "read_news_listing",
        "method_index": 0,
        "page": 1,
        "listing": 0,
    }
    assert spider.then_kind("read_news_listing") == "listing"
    assert spider.then_kind("parse_organisation") == "organisation"
    sitemap = spider.request("/sitemap.xml", spider.parse_sitemap, method_index=0, page=1)
    assert sitemap.callback == spider.parse_sitemap
