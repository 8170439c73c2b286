"""The crawling logic every site family shares: what to fetch, in which order, and what
to do when a way of collecting is absent. Extraction itself lives in ``spiders.pages``."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from typing import Any, TypeVar
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
)
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import (
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure

from spiders import pages
from spiders.items import NewsItem, OrganisationProfile
from spiders.middlewares import RefusedRequest
from spiders.pages import feeds, sitemaps
from spiders.rendering import AppPages
from spiders.sources import Source, SourceConfigError, load_sources, with_base_urls

MAX_ERROR_MESSAGES = 50
Found = TypeVar("Found", NewsItem, OrganisationProfile)
# Answers that mean "this way of collecting is not offered here": fall back without an error.
ABSENT_STATUSES = {400, 401, 403, 404, 410}


def error_kind(failure: Failure) -> str:
    """A short, stable name for why a request failed (used in crawl_runs.errors_by_kind)."""
    if failure.check(HttpError):
        return f"http_{failure.value.response.status}"
    if failure.check(DNSLookupError, CannotResolveHostError):
        return "dns_lookup_failed"
    if failure.check(ConnectionRefusedError, DownloadConnectionRefusedError):
        return "connection_refused"
    if failure.check(TimeoutError, TCPTimedOutError, DownloadTimeoutError):
        return "timeout"
    if failure.check(DownloadCancelledError):
        return "too_large"  # the only reason Scrapy cancels a download is DOWNLOAD_MAXSIZE
    if failure.check(IgnoreRequest):
        return "ignored_request"
    return failure.type.__name__ if failure.type else "unknown"


def error_message(failure: Failure, url: str) -> str:
    """Why a request for ``url`` (its public address) failed, in plain words."""
    if failure.check(HttpError):
        return f"{url}: the server answered HTTP {failure.value.response.status}"
    if failure.check(DownloadCancelledError):
        return f"{url}: larger than the page size cap (DOWNLOAD_MAXSIZE), not downloaded"
    if failure.check(DNSLookupError, CannotResolveHostError):
        return f"{url}: the host name does not resolve"
    if failure.check(ConnectionRefusedError, DownloadConnectionRefusedError):
        return f"{url}: the server refused the connection (is the site down?)"
    if failure.check(TimeoutError, TCPTimedOutError, DownloadTimeoutError):
        return f"{url}: no answer in time"
    return f"{url}: {failure.getErrorMessage()}"


class SourceSpider(AppPages, scrapy.Spider):
    """Collects one source of ``sources.toml``.

    Start with ``scrapy crawl <family> -a source=<id>`` or from ``partnerwire crawl``.
    The ways of collecting (``collect``) are tried in order: when one is absent (404, not
    a feed, no items) the next is used. Organisation pages are always visited. A source
    with ``render = "browser"`` reads its listing and organisation pages as a JavaScript
    application (``AppPages``, ``spiders/rendering.py``).
    """

    name = "source"
    platform = ""
    # the ways of collecting this family offers (``sources.toml``'s ``collect``); a family
    # adds its own (WordPress: "rest") with ``method_request`` for its first request
    methods: frozenset[str] = frozenset({"feed", "sitemap", "listing"})

    def __init__(self, source: Source | str | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._source_arg = source
        self.error_messages: list[str] = []
        self.listing_entries = 0
        self.methods_used: list[str] = []  # crawl_runs.methods: the ways that yielded entries
        self.seen_item_urls: set[str] = set()
        self.requested_item_pages: set[str] = set()  # item pages asked for (each once)
        self.sitemaps_seen: set[str] = set()  # every sitemap met, followed or not
        self.child_sitemaps_followed = 0
        self.sitemap_urls_taken = 0
        self.caps_reached: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: scrapy.crawler.Crawler, *args: Any, **kwargs: Any):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.source = spider._resolve_source(crawler.settings)
        spider.setup_rendering(crawler)
        crawler.signals.connect(spider._on_spider_error, signal=signals.spider_error)
        crawler.signals.connect(spider._on_item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(spider._on_item_error, signal=signals.item_error)
        return spider

    def _resolve_source(self, settings: scrapy.settings.Settings) -> Source:
        arg = self._source_arg
        if isinstance(arg, Source):
            return arg
        if not arg:
            raise SourceConfigError(f"spider '{self.name}' needs a source: -a source=<id>")
        sources = with_base_urls(
            load_sources(settings.get("SOURCES_FILE")), settings.getdict("SOURCES_BASE_URLS")
        )
        if arg not in sources:
            raise SourceConfigError(f"unknown source '{arg}' (known: {', '.join(sources)})")
        return sources[arg]

    # -- bookkeeping -------------------------------------------------------------------

    def record_error(self, kind: str, message: str) -> None:
        self.crawler.stats.inc_value(f"partnerwire/errors/{kind}")
        if len(self.error_messages) < MAX_ERROR_MESSAGES:
            self.error_messages.append(message)
        self.logger.warning("%s: %s", kind, message)

    def _on_spider_error(self, failure: Failure, response: Response, spider: scrapy.Spider):
        if spider is self:
            self.record_error("parse_error", f"{self.public(response.url)}: {failure.value!r}")

    def _on_item_dropped(self, item: Any, response: Any, exception: Exception, spider: Any):
        if spider is self:
            # a pipeline may say why it dropped the item (``kind``); otherwise it was unusable
            kind = getattr(exception, "kind", "invalid_item")
            self.record_error(kind, f"{getattr(item, 'url', '?')}: {exception}")

    def _on_item_error(self, item: Any, response: Any, spider: Any, failure: Failure):
        if spider is self:  # a pipeline failed unexpectedly: the item is lost, say so
            self.record_error("item_error", f"{getattr(item, 'url', '?')}: {failure.value!r}")

    def record_bad_urls(self, document_url: str, bad_urls: list[str]) -> None:
        """Each URL text of a document that could not be read (skipped, the rest kept)."""
        for text in dict.fromkeys(bad_urls):
            self.record_error("bad_url", f"{document_url}: cannot read the URL {text[:200]!r}")

    def record_sitemap_cap(self, setting: str, message: str) -> None:
        """A sitemap cap was reached: said once per crawl, however often it stops something."""
        if setting not in self.caps_reached:
            self.caps_reached.add(setting)
            self.record_error("sitemap_cap", message)

    def on_request_error(self, failure: Failure) -> None:
        if failure.check(RefusedRequest):
            return  # refused before it was sent, and recorded then
        self.record_error(
            error_kind(failure), error_message(failure, self.public(failure.request.url))
        )

    # -- requests ----------------------------------------------------------------------

    def public(self, url: str) -> str:
        return self.source.public_url(url)

    def refusal(
        self, url: str, *, sitemap: bool = False, redirected_from: str | None = None
    ) -> tuple[str, str] | None:
        """(error kind, message) when the crawl may not go to ``url``, else None: only
        http(s), only the source's own hosts (``spiders/middlewares.py`` asks this of
        every request, redirects included)."""
        problem = self.source.url_refusal(url)
        if problem is None:
            return None
        if problem == "bad_url":
            return "bad_url", f"cannot read the URL {url[:200]!r}; not fetched"
        shown = self.public(url)
        if redirected_from is not None:
            return (
                "offsite_redirect",
                f"{self.public(redirected_from)} redirects to {shown}, "
                f"not on {self.source.homepage}; not followed",
            )
        if problem == "not_http":
            return "not_http", f"{shown}: only http and https URLs are fetched"
        kind = "offsite_sitemap" if sitemap else "offsite_page"
        return kind, f"{shown}: not on {self.source.homepage}; not fetched"

    def request(
        self,
        url_or_path: str,
        callback: Any,
        *,
        errback: Any = None,
        dont_filter: bool = False,
        **cb_kwargs: Any,
    ) -> scrapy.Request:
        """A request for a public URL or site path, fetched from the source's base URL."""
        callback, cb_kwargs = self.app_request(callback, cb_kwargs)
        return scrapy.Request(
            self.source.fetch_url(url_or_path),
            callback=callback,
            errback=errback or self.on_request_error,
            cb_kwargs=cb_kwargs,
            dont_filter=dont_filter,
        )

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for path in self.source.organisation_pages:
            yield self.request(path, self.parse_organisation)
        first = self.collect_request(0)
        if first is not None:
            yield first

    def collect_request(self, index: int) -> scrapy.Request | None:
        """The first request of the ``index``-th way of collecting, or None when none is left."""
        methods = self.source.collect
        if index >= len(methods):
            if methods:
                self.record_error(
                    "no_collection_method",
                    f"{self.source.id}: every way of collecting failed ({', '.join(methods)})",
                )
            return None
        method = methods[index]

        def fall_back(failure: Failure) -> Iterator[scrapy.Request]:
            if failure.check(HttpError) and failure.value.response.status in ABSENT_STATUSES:
                why = f"{method} answered {failure.value.response.status}"
            else:  # a server error or a dead site is worth reporting even when we fall back
                self.on_request_error(failure)
                why = f"{method} failed"
            yield from self.fall_back(index, why)

        if method not in self.methods:
            self.record_error(
                "unsupported_method",
                f"{self.source.id}: the {self.name} spider cannot collect by {method}",
            )
            return self.collect_request(index + 1)
        return self.method_request(method, errback=fall_back, method_index=index, page=1)

    def method_request(self, method: str, **kwargs: Any) -> scrapy.Request:
        """The first request of ``method`` (one of ``methods``); ``kwargs`` go to
        ``request``. Families that add a method answer for it and call this for the rest."""
        if method == "feed":
            return self.request(self.source.feed, self.parse_feed, **kwargs)
        if method == "sitemap":
            return self.request(self.source.sitemap, self.parse_sitemap, **kwargs)
        return self.request(self.source.listings[0], self.parse_listing, listing=0, **kwargs)

    def used_method(self, index: int) -> None:
        """The ``index``-th way of collecting yielded entries (recorded in crawl_runs)."""
        method = self.source.collect[index]
        if method not in self.methods_used:
            self.methods_used.append(method)

    def fall_back(self, index: int, why: str) -> Iterator[scrapy.Request]:
        nxt = index + 1
        if nxt < len(self.source.collect):
            self.logger.info("%s: %s, trying %s", self.source.id, why, self.source.collect[nxt])
        request = self.collect_request(nxt)
        if request is not None:
            yield request

    def follow_item(self, url: str, hint: NewsItem | None = None) -> Iterator[Any]:
        """A request for a news item's page (``hint`` = what a feed/API/listing said of it).

        An item the feed/API places on another site is kept as the feed describes it;
        a bare off-site link is recorded, never dropped silently.
        """
        if self.source.url_refusal(url) in {"bad_url", "not_http"}:
            self.record_error(*self.refusal(url))
            return
        own = self.own_item_url(url)
        if own is not None:
            if own in self.requested_item_pages:
                return  # the same page is already being read as an item: once is enough
            self.requested_item_pages.add(own)
            # never left to Scrapy's duplicate filter, which drops a request without a word
            # (an item page that is also an organisation page, or one that redirects to a
            # page already fetched, would vanish): each announced page is read as an item
            yield self.request(
                own,
                self.parse_item_page,
                errback=self.item_page_failed,
                dont_filter=True,
                hint=hint,
            )
        elif hint is not None and hint.title:
            yield self.emit(hint)
        else:
            self.record_error("offsite_item", f"{url}: not on {self.source.homepage}; skipped")

    def item_page_failed(self, failure: Failure) -> Iterator[NewsItem]:
        """The item's page failed: record why, and keep what the feed/API said of it."""
        self.on_request_error(failure)
        hint = failure.request.cb_kwargs.get("hint")
        if hint is not None and hint.title:
            yield self.emit(hint)

    def emit(self, found: Found) -> Found:
        """``found`` as this spider yields it: the one place an item's or profile's
        ``source`` is set (to this spider's source; the pipelines look it up by it)."""
        found.source = self.source.id
        return found

    def own_item_url(self, url: str) -> str | None:
        """The URL to fetch for an item link, or None when it is not on this site."""
        return self.source.own_url(url)

    # -- the ways of collecting ------------------------------------------------------

    def parse_feed(self, response: Response, method_index: int, page: int) -> Iterator[Any]:
        bad_urls: list[str] = []
        entries = (
            feeds.parse_feed(response.text, self.public(response.url), bad_urls)
            if isinstance(response, TextResponse)
            else []
        )
        self.record_bad_urls(self.public(response.url), bad_urls)
        if not entries:
            if page == 1:
                yield from self.fall_back(method_index, "the feed has no entries")
            return
        new_urls = {entry.url for entry in entries} - self.seen_item_urls
        if page > 1 and not new_urls:
            return  # a cache that ignores the page parameter answers page 1 again: stop
        self.seen_item_urls |= new_urls
        self.used_method(method_index)
        for entry in entries:
            yield from self.follow_item(entry.url, entry)
        next_url = self.next_feed_page(page)
        if next_url and page < self.settings.getint("MAX_PAGES", 50):
            yield self.request(
                next_url,
                self.parse_feed,
                errback=self.end_of_pages,
                method_index=method_index,
                page=page + 1,
            )

    def next_feed_page(self, page: int) -> str | None:
        """The feed's next page, for platforms that page their feeds."""
        return None

    def end_of_pages(self, failure: Failure) -> None:
        """A 404 past the last page of a paged feed is the normal end, not an error."""
        if failure.check(HttpError) and failure.value.response.status in {400, 404}:
            return
        self.on_request_error(failure)

    def parse_sitemap(self, response: Response, method_index: int, page: int) -> Iterator[Any]:
        sitemap_url, bad_urls = self.public(response.url), []
        page_urls, child_sitemaps = sitemaps.parse_sitemap(response.text, sitemap_url, bad_urls)
        self.record_bad_urls(sitemap_url, bad_urls)
        self.sitemaps_seen.add(sitemap_url)
        if not page_urls and not child_sitemaps:
            if page == 1:
                yield from self.fall_back(method_index, "the sitemap lists nothing")
            return
        for child in child_sitemaps:
            if self.wants_sitemap(child) and self.may_follow_sitemap(child, sitemap_url):
                yield self.request(
                    child, self.parse_sitemap, method_index=method_index, page=page + 1
                )
        if page_urls:
            self.used_method(method_index)
        for url in self.take_sitemap_urls(page_urls, sitemap_url):
            if self.is_item_candidate(url):
                yield from self.follow_item(url)

    def may_follow_sitemap(self, url: str, listed_in: str) -> bool:
        """Whether to request a child sitemap: never twice (nor refuse it twice), never off
        the source's hosts or outside http(s), and no more than ``MAX_SITEMAPS`` per source."""
        if url in self.sitemaps_seen:
            return False
        self.sitemaps_seen.add(url)
        if (refused := self.refusal(url, sitemap=True)) is not None:
            self.record_error(*refused)
            return False
        cap = self.settings.getint("MAX_SITEMAPS", 100)
        if self.child_sitemaps_followed >= cap:
            self.record_sitemap_cap(
                "MAX_SITEMAPS",
                f"{listed_in}: {cap} child sitemaps followed (MAX_SITEMAPS); "
                f"{url} and any further ones are not",
            )
            return False
        self.child_sitemaps_followed += 1
        return True

    def take_sitemap_urls(self, urls: list[str], listed_in: str) -> list[str]:
        """The page URLs of a sitemap still under ``MAX_SITEMAP_URLS`` for this source."""
        cap = self.settings.getint("MAX_SITEMAP_URLS", 50_000)
        room = max(cap - self.sitemap_urls_taken, 0)
        if len(urls) > room:
            self.record_sitemap_cap(
                "MAX_SITEMAP_URLS",
                f"{listed_in}: {cap} URLs taken from sitemaps (MAX_SITEMAP_URLS); "
                f"{len(urls) - room} more from here on are not",
            )
            urls = urls[:room]
        self.sitemap_urls_taken += len(urls)
        return urls

    def wants_sitemap(self, url: str) -> bool:
        """Whether a child sitemap may list news items (platforms know their page lists)."""
        return True

    def is_item_candidate(self, url: str) -> bool:
        """Whether a sitemap URL may be a news item (the page parser has the last word):
        never the homepage or a configured organisation page; with ``item_patterns``, only
        the paths they match."""
        path = urlsplit(url).path or "/"
        if path == "/" or path in self.source.organisation_pages:
            return False
        return not self.source.item_patterns or self.source.is_item_path(path)

    def parse_listing(
        self, response: Response, method_index: int, page: int, listing: int
    ) -> Iterator[Any]:
        """One page of the ``listing``-th listing: its entries, its next page, and (from
        its first page) the next listing. Falls back when no listing had any entry."""
        listing_url, bad_urls = self.public(response.url), []
        entries, next_page = pages.parse_listing(response.text, listing_url, bad_urls)
        self.record_bad_urls(listing_url, bad_urls)
        self.listing_entries += len(entries)
        if entries:
            self.used_method(method_index)
        for entry in entries:
            hint = NewsItem(
                source="",  # set by ``emit``
                url=entry.url,
                title=entry.title or "",
                published=entry.published,
                content_type=entry.content_type,
            )
            yield from self.follow_item(entry.url, hint)
        if entries and next_page and page < self.settings.getint("MAX_PAGES", 50):
            yield self.request(
                next_page,
                self.parse_listing,
                method_index=method_index,
                page=page + 1,
                listing=listing,
            )
        if page > 1:
            return
        if listing + 1 < len(self.source.listings):
            yield self.request(
                self.source.listings[listing + 1],
                self.parse_listing,
                method_index=method_index,
                page=1,
                listing=listing + 1,
            )
        elif not self.listing_entries:
            yield from self.fall_back(method_index, "the listings have no entries")

    # -- pages -------------------------------------------------------------------------

    def parse_item_page(self, response: Response, hint: NewsItem | None = None) -> Iterator[Any]:
        """An announced item page (a feed, API, sitemap or listing named it): it becomes
        an item, or an error with its URL; never nothing. Each fetched page is counted
        (``partnerwire/item_pages``) so a run that archived fewer is not ``ok``."""
        self.crawler.stats.inc_value("partnerwire/item_pages")
        page_url = self.public(response.url)
        if not is_html(response):
            if hint is not None and hint.title:
                yield self.emit(hint)  # the feed/listing's description is all there is
            else:
                self.record_error("not_html", f"{page_url}: not an HTML page; not archived")
            return
        item, profiles = pages.read_announced_item(response.text, page_url, hint=hint)
        if item is not None:
            yield self.emit(item)
        else:
            self.record_error(
                "no_article", f"{page_url}: announced as news but no title found; not archived"
            )
        for profile in profiles:
            yield self.emit(profile)

    def parse_organisation(self, response: Response) -> Iterator[Any]:
        if not isinstance(response, TextResponse):
            self.record_error("not_html", f"{self.public(response.url)}: not an HTML page")
            return
        public_url = self.public(response.url)
        profile = pages.read_organisation_page(pages.HtmlDocument(response.text, public_url))
        if profile is None:
            self.record_error("no_description", f"{public_url}: no organisation description found")
            return
        yield self.emit(profile)


def is_html(response: Response) -> bool:
    """Whether a response is an HTML page (a PDF or an image announced as news is not):
    text, and a Content-Type that says HTML/XHTML, or none at all."""
    if not isinstance(response, TextResponse):
        return False
    content_type = (response.headers.get("Content-Type") or b"").decode("latin-1").lower()
    return not content_type or "html" in content_type


def json_or_none(response: Response) -> Any:
    """The response's JSON, or None when it is not JSON (a security plugin's HTML page)."""
    try:
        return json.loads(response.text)
    except (ValueError, AttributeError):
        return None
