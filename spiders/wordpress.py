"""WordPress sites (IFMSA, IVSA): the REST API first, then the paged RSS feed, then the
sitemap. A security plugin that blocks the API (401/403, or an HTML page instead of JSON)
simply makes the spider fall back to the feed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response
from w3lib.url import add_or_replace_parameter, add_or_replace_parameters

from spiders.base import Family, SourceSpider, json_or_none
from spiders.pages import wordpress

NOT_POSTS_SITEMAP = re.compile(
    r"/(page|category|post_tag|author|product|attachment)-sitemap\d*\.xml$"
    r"|/wp-sitemap-(posts-page|taxonomies-[\w-]+|users)-\d+\.xml$"
)


class WordPressFamily(Family):
    """WordPress: the posts API ("rest"), the feed paged by ``?paged=N``, and only the
    sitemaps of posts."""

    name = "wordpress"
    methods = Family.methods | {"rest"}

    def method_request(self, method: str, **kwargs: Any) -> scrapy.Request | None:
        """The posts API's first page for "rest"; the shared methods otherwise."""
        if method == "rest":
            return self.spider.request(self.rest_url(1), self.parse_rest, **kwargs)
        return None

    def wants_sitemap(self, url: str) -> bool:
        """Posts only: Yoast's and core's sitemaps of pages, terms and users list no news."""
        return not NOT_POSTS_SITEMAP.search(urlsplit(url).path)

    def next_feed_page(self, feed_url: str, page: int) -> str | None:
        return add_or_replace_parameter(feed_url, "paged", str(page + 1))

    def rest_url(self, page: int) -> str:
        """A page of the posts API; ``_embed`` brings authors, categories, tags and the
        featured image in the same answer."""
        return add_or_replace_parameters(
            self.spider.source.rest,
            {
                "per_page": str(self.spider.settings.getint("WORDPRESS_PER_PAGE", 10)),
                "page": str(page),
                "_embed": "author,wp:term,wp:featuredmedia",
            },
        )

    def parse_rest(self, response: Response, method_index: int, page: int) -> Iterator[Any]:
        spider = self.spider
        data = json_or_none(response)
        if not isinstance(data, list):
            if page == 1:
                yield from spider.fall_back(method_index, "the REST API did not answer with posts")
            return
        bad_urls: list[str] = []
        posts = wordpress.parse_wp_posts(response.text, spider.public(response.url), bad_urls)
        spider.record_bad_urls(spider.public(response.url), bad_urls)
        if not posts and page == 1:
            yield from spider.fall_back(method_index, "the REST API lists no posts")
            return
        if posts:
            spider.used_method(method_index)
        for post in posts:
            yield from spider.follow_item(post.url, post)
        total_pages = _int_header(response, b"X-WP-TotalPages")
        has_next = b'rel="next"' in response.headers.get(b"Link", b"")
        more = page < total_pages if total_pages is not None else has_next
        urls = [post.url for post in posts]
        if more and spider.may_follow_page(response, page, urls, "REST API"):
            yield spider.request(
                self.rest_url(page + 1),
                self.parse_rest,
                errback=spider.end_of_pages,
                method_index=method_index,
                page=page + 1,
            )


class WordPressSpider(SourceSpider):
    name = "wordpress"
    family_class = WordPressFamily


def _int_header(response: Response, name: bytes) -> int | None:
    try:
        return int(response.headers.get(name, b""))
    except ValueError:
        return None
