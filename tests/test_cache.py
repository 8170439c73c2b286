"""The HTTP cache policy: a 304 marks the stored response, and an unchanged one is not
stored again. Scrapy's real middleware and filesystem storage, no server needed."""

from __future__ import annotations

from scrapy.downloadermiddlewares.httpcache import HttpCacheMiddleware
from scrapy.http import HtmlResponse, Request, Response
from scrapy.utils.misc import load_object
from scrapy.utils.test import get_crawler

from spiders.cache import is_not_modified

HEADERS = {"ETag": '"abc"', "Last-Modified": "Thu, 22 Jan 2026 10:00:00 GMT"}


def middleware(tmp_path, storage_name="scrapy.extensions.httpcache.FilesystemCacheStorage"):
    crawler = get_crawler(
        settings_dict={
            "HTTPCACHE_ENABLED": True,
            "HTTPCACHE_DIR": str(tmp_path),
            "HTTPCACHE_POLICY": "spiders.cache.RevalidatePolicy",
            "HTTPCACHE_STORAGE": storage_name,
        }
    )
    crawler.spider = crawler._create_spider("test")
    mw = HttpCacheMiddleware.from_crawler(crawler)
    mw.spider_opened(crawler.spider)
    return mw, crawler.stats


def fetch(mw, url, answer):
    """One request through the middleware; ``answer(request)`` is the server."""
    request = Request(url)
    cached = mw.process_request(request)
    assert cached is None  # never fresh: always revalidated
    return request, mw.process_response(request, answer(request))


def test_a_304_marks_the_stored_page_and_is_not_stored_again(tmp_path):
    mw, stats = middleware(tmp_path)
    url = "http://127.0.0.1/a/"
    page = HtmlResponse(url, body=b"<html>A</html>", headers=HEADERS)
    _, first = fetch(mw, url, lambda r: page)
    assert not is_not_modified(first)
    assert stats.get_value("httpcache/store") == 1
    request, again = fetch(mw, url, lambda r: Response(url, status=304, headers=HEADERS))
    assert request.headers[b"If-None-Match"] == b'"abc"'
    assert again.body == b"<html>A</html>"
    assert is_not_modified(again)
    assert "cached" in again.flags
    assert stats.get_value("httpcache/store") == 1  # the cache files were not rewritten
    new_etag = {**HEADERS, "ETag": '"abd"'}
    _, third = fetch(mw, url, lambda r: Response(url, status=304, headers=new_etag))
    assert is_not_modified(third)
    assert stats.get_value("httpcache/store") == 2  # new validators: stored


def test_a_cached_page_reused_after_a_server_error_is_not_marked(tmp_path):
    mw, _ = middleware(tmp_path)
    url = "http://127.0.0.1/b/"
    fetch(mw, url, lambda r: HtmlResponse(url, body=b"<html>B</html>", headers=HEADERS))
    _, again = fetch(mw, url, lambda r: Response(url, status=503))
    assert again.body == b"<html>B</html>"  # Scrapy's policy reuses it
    assert not is_not_modified(again)


def test_a_page_stored_again_on_a_304_is_not_marked_when_reused_later(tmp_path):
    """A 304 with new validators stores the cached page again, after the policy marked
    it ``not_modified``: the mark is that answer's, not the page's."""
    mw, _ = middleware(tmp_path, "spiders.cache.OneFileCacheStorage")
    url = "http://127.0.0.1/e/"
    fetch(mw, url, lambda r: HtmlResponse(url, body=b"<html>E</html>", headers=HEADERS))
    new_etag = {**HEADERS, "ETag": '"abd"'}
    _, revalidated = fetch(mw, url, lambda r: Response(url, status=304, headers=new_etag))
    assert is_not_modified(revalidated)
    _, reused = fetch(mw, url, lambda r: Response(url, status=503))
    assert reused.body == b"<html>E</html>"
    assert not is_not_modified(reused)


def storage(tmp_path, name="spiders.cache.OneFileCacheStorage"):
    crawler = get_crawler(settings_dict={"HTTPCACHE_DIR": str(tmp_path)})
    crawler.spider = crawler._create_spider("test")
    store = load_object(name)(crawler.settings)
    store.open_spider(crawler.spider)
    return store, crawler.spider


def test_one_file_storage_gives_back_what_it_stored_in_one_file(tmp_path):
    store, spider = storage(tmp_path)
    request = Request("http://127.0.0.1/c/")
    assert store.retrieve_response(spider, request) is None
    body = "<html><p>Café</p></html>".encode("latin-1")
    page = HtmlResponse(
        "http://127.0.0.1/c/", body=body, headers=HEADERS, encoding="latin-1", flags=["x"]
    )  # flags are an answer's, not the page's: not stored (Scrapy's own storage neither)
    store.store_response(spider, request, page)
    again = store.retrieve_response(spider, Request("http://127.0.0.1/c/"))
    assert type(again) is HtmlResponse
    assert (again.url, again.status, again.body, again.flags) == (page.url, 200, body, [])
    assert again.text == page.text
    assert again.headers.get("ETag") == b'"abc"'
    assert [p.suffix for p in tmp_path.rglob("*") if p.is_file()] == [".pickle"]


def test_one_file_storage_reads_pages_scrapy_stored_before_it(tmp_path):
    old, spider = storage(tmp_path, "scrapy.extensions.httpcache.FilesystemCacheStorage")
    request = Request("http://127.0.0.1/d/")
    old.store_response(spider, request, HtmlResponse(request.url, body=b"<p>D</p>"))
    store, spider = storage(tmp_path)
    assert store.retrieve_response(spider, request).body == b"<p>D</p>"
