"""The crawling logic every site family shares: what to fetch, in which order, and what
to do when a way of collecting is absent. Extraction itself lives in ``spiders.pages``."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import replace
from typing import Any, TypeVar
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import (
    CannotResolveHostError,
    DontCloseSpider,
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
from spiders.cache import is_not_modified
from spiders.items import NewsItem, OrganisationProfile, SeenItem
from spiders.job_input import parse_archived_argument
from spiders.middlewares import RefusedRequest
from spiders.pages import discovery, drift, feeds, sitemaps
from spiders.pages.urls import canonical_url
from spiders.rendering import AppPages, app_page, is_backfill
from spiders.sources import Source, SourceConfigError, load_sources, with_base_urls

MAX_ERROR_MESSAGES = 50
Found = TypeVar("Found", NewsItem, OrganisationProfile)
# Answers that mean "this way of collecting is not offered here": fall back without an error.
ABSENT_STATUSES = {400, 401, 403, 404, 410}
# Answers that mean "this page is gone": look for its replacement (configuration drift).
GONE_STATUSES = {404, 410}
HEAL_SITEMAPS = 10  # sitemaps read, at most, to find where one configured page went
HEAL_TRIES = 3  # candidates that did not answer before giving up on one configured page


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


class Family:
    """How a family of sites is collected, beyond what every site offers: the strategy a
    spider follows, chosen with its class (``scrapy crawl wordpress``) or, for
    ``platform = "auto"``, once the homepage has answered. This base class is the generic
    family: feeds, sitemaps and listings, as configured, nothing platform-specific."""

    name = "generic"
    # the ways of collecting this family offers (``sources.toml``'s ``collect``); a family
    # adds its own (WordPress: "rest") and answers for it in ``method_request``
    methods: frozenset[str] = frozenset({"feed", "sitemap", "listing"})

    def __init__(self, spider: SourceSpider) -> None:
        self.spider = spider

    def method_request(self, method: str, **kwargs: Any) -> scrapy.Request | None:
        """The first request of a method only this family has, else None."""
        return None

    def wants_sitemap(self, url: str) -> bool:
        """Whether a child sitemap may list news items (platforms know their page lists)."""
        return True

    def next_feed_page(self, feed_url: str, page: int) -> str | None:
        """The address of the feed's page ``page + 1``, for platforms that page feeds."""
        return None

    def own_item_url(self, url: str) -> str | None:
        """An item link on a host only this platform uses for the site, as the site's own
        URL (Webflow's publishing host), else None."""
        return None


class SourceSpider(AppPages, scrapy.Spider):
    """Collects one source of ``sources.toml``.

    Start with ``scrapy crawl <family> -a source=<id>`` or from ``partnerwire crawl``.
    The ways of collecting (``collect``) are tried in order: when one is absent (404, not
    a feed, no items) the next is used. Organisation pages are always visited. A source
    with ``render = "browser"`` reads its listing and organisation pages as a JavaScript
    application (``AppPages``, ``spiders/rendering.py``).
    """

    name = "source"
    family_class: type[Family] | None = Family  # None: chosen when the homepage answers
    source_id: str | None = None  # set on the per-source spiders of ``spiders.loader``

    def __init__(
        self,
        source: Source | str | None = None,
        *args: Any,
        archived: str | None = None,
        **kwargs: Any,
    ) -> None:
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
        self.family: Family | None = None
        self.drift: list[str] = []  # crawl_runs.drift: pages gone, and what replaced them
        self.healing: set[str] = set()  # configured paths a replacement was looked for
        self.homepage_html: tuple[str, str] | None = None  # (public URL, HTML), once fetched
        # what the archive holds of this source ({URL: content hash}), given by the
        # archive pipeline when the crawl opens (``know_archived``), or to a job away from
        # the archive by its ``archived`` argument (URLs only); empty: a first crawl
        self.known_items: dict[str, str] = {}
        if archived is not None:  # a job away from the archive (``spiders.job_input``)
            self.know_archived(dict.fromkeys(parse_archived_argument(archived), ""))
        self.backfill_started = False  # a first crawl's sitemap walk (``backfill_sitemap``)
        self.capped_ways: set[str] = set()  # ways of collecting whose paging hit MAX_PAGES

    @classmethod
    def from_crawler(cls, crawler: scrapy.crawler.Crawler, *args: Any, **kwargs: Any):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.source = spider._resolve_source(crawler.settings)
        if spider.family_class is not None:
            spider.family = spider.family_class(spider)
        spider.setup_rendering(crawler)
        crawler.signals.connect(spider._on_spider_error, signal=signals.spider_error)
        crawler.signals.connect(spider._on_item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(spider._on_item_error, signal=signals.item_error)
        crawler.signals.connect(spider._on_idle, signal=signals.spider_idle)
        return spider

    # -- what the archive already holds --------------------------------------------------

    def know_archived(self, hashes: dict[str, str]) -> None:
        """The archive's {URL: content hash} of this source's items (read once per crawl
        by the archive pipeline; the spider never opens the archive itself)."""
        self.known_items = hashes

    @property
    def first_crawl(self) -> bool:
        """No item of this source is archived yet: the crawl walks its whole history."""
        return not self.known_items

    def archived_url(self, url: str) -> str | None:
        """The URL under which the archive holds the item at ``url``, or None."""
        if url in self.known_items:
            return url
        canonical = canonical_url(url)
        return canonical if canonical in self.known_items else None

    def paging_ends(self, response: Response, urls: list[str]) -> bool:
        """Whether a feed, REST or listing page ends the paging on a crawl after the first:
        it answered 304 (nothing new behind it) or every entry on it is archived."""
        if self.first_crawl:
            return False
        return is_not_modified(response) or all(self.archived_url(url) for url in urls)

    def may_follow_page(self, response: Response, page: int, urls: list[str], way: str) -> bool:
        """Whether to request the page after ``page`` of a paged way of collecting: not
        when the paging ends (``paging_ends``), nor past ``MAX_PAGES`` (recorded once per
        way: ``max_pages``)."""
        if self.paging_ends(response, urls):
            self.crawler.stats.inc_value("partnerwire/paging_stopped_at_known")
            return False
        cap = self.settings.getint("MAX_PAGES", 50)
        if page < cap:
            return True
        if way not in self.capped_ways:
            self.capped_ways.add(way)
            self.record_error(
                "max_pages",
                f"{self.public(response.url)}: {cap} pages of the {way} followed (MAX_PAGES); "
                "the older pages after it are not",
            )
        return False

    def errors_not_failing(self) -> set[str]:
        """Error kinds that do not make this run ``partial``: a feed or listing capped by
        ``MAX_PAGES`` when the sitemap was walked in the same crawl (it lists the rest)."""
        return {"max_pages"} if "sitemap" in self.methods_used else set()

    # -- a first crawl backfills from the sitemap ---------------------------------------

    def _on_idle(self, spider: scrapy.Spider) -> None:
        if spider is not self or self.backfill_started or not self.first_crawl:
            return
        self.backfill_started = True
        request = self.backfill_request()
        if request is not None:
            self.crawler.engine.crawl(request)
            raise DontCloseSpider

    def backfill_request(self) -> scrapy.Request | None:
        """A first crawl also walks everything the source's sitemap lists (configured, or
        named in robots.txt), once the configured ways are done and one of them yielded
        entries: feed and listing paging stop at ``MAX_PAGES``, and a feed that answers is
        otherwise all that is read. A site where every way failed is not asked again."""
        if not self.methods_used or "sitemap" in self.methods_used:
            return None  # no way of collecting worked (said already), or already walked
        if self.source.sitemap:
            if self.source.fetch_url(self.source.sitemap) in self.sitemaps_seen:
                return None
            return self.request(
                self.source.sitemap,
                self.parse_sitemap,
                errback=self.backfill_failed,
                dont_filter=True,
                method_index=None,
                page=1,
            )
        return self.request(
            "/robots.txt", self.backfill_from_robots, errback=self.backfill_failed, dont_filter=True
        )

    def backfill_from_robots(self, response: Response) -> Iterator[scrapy.Request]:
        """The sitemaps robots.txt names, walked as a configured sitemap would be."""
        text = response.text if isinstance(response, TextResponse) else ""
        for url in discovery.sitemaps_from_robots(text, self.public(response.url)):
            if self.may_follow_sitemap(url, self.public(response.url)):
                yield self.request(url, self.parse_sitemap, method_index=None, page=1)

    def backfill_failed(self, failure: Failure) -> None:
        """A sitemap (or robots.txt) that is not there is no error: nothing to backfill."""
        if failure.check(HttpError) and failure.value.response.status in ABSENT_STATUSES:
            return
        self.on_request_error(failure)

    def _resolve_source(self, settings: scrapy.settings.Settings) -> Source:
        arg = self._source_arg or self.source_id
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
        meta: dict[str, Any] | None = None,
        **cb_kwargs: Any,
    ) -> scrapy.Request:
        """A request for a public URL or site path, fetched from the source's base URL.

        Callbacks and errbacks are this spider's methods and ``cb_kwargs``/``meta`` plain
        data, so the request can be written to disk (``JOBDIR``, a paused crawl); a
        callback of the family is reached through ``parse_by_family``."""
        callback, cb_kwargs = self.app_request(callback, cb_kwargs)
        if self.family is not None and getattr(callback, "__self__", None) is self.family:
            cb_kwargs["family_callback"] = callback.__name__
            callback = self.parse_by_family
        return scrapy.Request(
            self.source.fetch_url(url_or_path),
            callback=callback,
            errback=errback or self.on_request_error,
            cb_kwargs=cb_kwargs,
            meta=meta,
            dont_filter=dont_filter,
        )

    def parse_by_family(self, response: Response, family_callback: str, **kwargs: Any) -> Any:
        """A response for one of the family's callbacks (WordPress's ``parse_rest``)."""
        return getattr(self.family, family_callback)(response, **kwargs)

    @property
    def platform(self) -> str:
        """The family collecting this source (for ``auto``, the one detected)."""
        return self.family.name if self.family is not None else self.source.platform

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for request in self.first_requests():
            yield request

    def first_requests(self) -> Iterator[scrapy.Request]:
        """The organisation pages, then the first way of collecting."""
        for path in self.source.organisation_pages:
            yield self.organisation_request(path)
        first = self.collect_request(0)
        if first is not None:
            yield first

    def organisation_request(self, path: str) -> scrapy.Request:
        """A configured organisation page; one that is gone is looked for elsewhere."""
        return self.request(
            path,
            self.parse_organisation,
            errback=self.organisation_page_failed,
            meta={"configured_path": path},
        )

    def organisation_page_failed(self, failure: Failure) -> AsyncIterator[scrapy.Request]:
        path = failure.request.meta["configured_path"]
        return self.heal_or_report(failure, "organisation_pages", path, self.organisation_request)

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
        if method not in self.family.methods:
            self.record_error(
                "unsupported_method",
                f"{self.source.id}: the {self.platform} family cannot collect by {method}",
            )
            return self.collect_request(index + 1)
        return self.method_request(method, errback=self.collect_failed, method_index=index, page=1)

    async def collect_failed(self, failure: Failure) -> AsyncIterator[scrapy.Request]:
        """The errback of a way of collecting's first request (its ``method_index``): a
        configured feed, sitemap or listing that is gone is looked for elsewhere
        (configuration drift); an absent way (401, 403, a gone feed with no replacement)
        falls back to the next way."""
        index = failure.request.cb_kwargs["method_index"]
        method = self.source.collect[index]
        status = failure.value.response.status if failure.check(HttpError) else None
        configured = self.configured_path(method)
        if status in GONE_STATUSES and configured and configured not in self.healing:
            found = await self.find_replacement(method, configured)
            if found is not None:
                self.heal(method, configured, found)
                yield self.method_request(
                    method, errback=self.collect_failed, method_index=index, page=1
                )
                return
            if method == "listing":  # a page the site had, not a feature it switched off
                self.record_drift(method, configured, None)
        if status in ABSENT_STATUSES:
            why = f"{method} answered {status}"
        else:  # a server error or a dead site is worth reporting even when we fall back
            self.on_request_error(failure)
            why = f"{method} failed"
        # the first listing failed: the other listings, then the next way
        more = self.after_listing(index, 1, 0, why) if method == "listing" else None
        for request in more or self.fall_back(index, why):
            yield request

    def method_request(self, method: str, **kwargs: Any) -> scrapy.Request:
        """The first request of ``method`` (one of the family's ``methods``); ``kwargs``
        go to ``request``."""
        if (request := self.family.method_request(method, **kwargs)) is not None:
            return request
        if method == "feed":
            return self.request(self.source.feed, self.parse_feed, **kwargs)
        if method == "sitemap":
            return self.request(self.source.sitemap, self.parse_sitemap, **kwargs)
        return self.request(self.source.listings[0], self.parse_listing, listing=0, **kwargs)

    def used_method(self, index: int | None) -> None:
        """The ``index``-th way of collecting yielded entries (recorded in crawl_runs);
        None: the sitemap, walked to backfill a first crawl."""
        method = self.source.collect[index] if index is not None else "sitemap"
        if method not in self.methods_used:
            self.methods_used.append(method)

    def fall_back(self, index: int, why: str) -> Iterator[scrapy.Request]:
        nxt = index + 1
        if nxt < len(self.source.collect):
            self.logger.info("%s: %s, trying %s", self.source.id, why, self.source.collect[nxt])
        request = self.collect_request(nxt)
        if request is not None:
            yield request

    # -- configuration drift -------------------------------------------------------------

    def empty_way(self, index: int, why: str) -> Iterator[scrapy.Request]:
        """A configured feed or listing answered but gave no entries: look for its
        replacement (from the homepage) before falling back to the next way."""
        method = self.source.collect[index]
        configured = self.configured_path(method)
        if method in {"feed", "listing"} and configured and configured not in self.healing:
            yield self.request(
                "/",
                self.heal_empty_way,
                errback=self.homepage_failed_healing,
                dont_filter=True,
                method_index=index,
                why=why,
            )
        else:
            yield from self.fall_back(index, f"the {method} {why}")

    def homepage_failed_healing(self, failure: Failure) -> Iterator[scrapy.Request]:
        """The homepage did not answer while looking for an empty way's replacement."""
        index, why = failure.request.cb_kwargs["method_index"], failure.request.cb_kwargs["why"]
        yield from self.fall_back(index, f"the {self.source.collect[index]} {why}")

    async def heal_empty_way(
        self, response: Response, method_index: int, why: str
    ) -> AsyncIterator[scrapy.Request]:
        """The homepage answered: find where the empty feed or listing went, or fall back."""
        if self.homepage_html is None and isinstance(response, TextResponse):
            self.homepage_html = (self.public(response.url), response.text)
        method = self.source.collect[method_index]
        configured = self.configured_path(method)
        found = await self.find_replacement(method, configured)
        if found is not None:
            self.heal(method, configured, found, why=why)
            yield self.method_request(
                method,
                errback=self.collect_failed,
                method_index=method_index,
                page=1,
            )
            return
        for request in self.fall_back(method_index, f"the {method} {why}"):
            yield request

    def configured_path(self, field_name: str) -> str | None:
        """The configured path a way of collecting starts from (its first listing)."""
        if field_name == "listing":
            return self.source.listings[0] if self.source.listings else None
        return getattr(self.source, field_name, None) if field_name in {"feed", "sitemap"} else None

    async def heal_or_report(
        self,
        failure: Failure,
        field_name: str,
        path: str,
        retry: Callable[[str], scrapy.Request],
    ) -> AsyncIterator[scrapy.Request]:
        """A configured page failed: when it is gone (404/410), look for its replacement,
        use it for this run (``retry``) and record the drift; otherwise report the failure."""
        status = failure.value.response.status if failure.check(HttpError) else None
        if status not in GONE_STATUSES or path in self.healing:
            self.on_request_error(failure)
            return
        found = await self.find_replacement(field_name, path)
        if found is None:
            self.record_drift(field_name, path, None)
            return
        self.heal(field_name, path, found)
        yield retry(found)

    async def find_replacement(self, field_name: str, path: str) -> str | None:
        """Where a configured page that is gone went, found the way ``partnerwire add``
        finds pages: the homepage's links (navigation, ``<link rel=alternate>``), then
        robots.txt and the sitemaps (a page whose path looks like the old one). Each
        configured path is looked for once per crawl."""
        if path in self.healing:
            return None
        self.healing.add(path)
        old_url = self.source.homepage + path if path.startswith("/") else path
        taken = {self.source.fetch_url(p) for p in self.source.organisation_pages}
        homepage = await self.fetch_homepage()
        candidates = drift.homepage_candidates(field_name, *homepage[::-1]) if homepage else []
        if field_name == "sitemap" or (field_name != "feed" and not candidates):
            robots = await self.fetch_text("/robots.txt")
            sitemap_urls = discovery.sitemaps_from_robots(robots[1], robots[0]) if robots else []
            if field_name == "sitemap":
                candidates = sitemap_urls
            else:  # a page the homepage does not link: one like it in the sitemaps
                page_urls = await self.sitemap_page_urls([*sitemap_urls, self.source.sitemap])
                candidates = drift.similar_urls(field_name, old_url, page_urls)
        tried = 0
        for url in candidates:
            if not self.is_replacement(url, old_url, taken):
                continue
            if await self.fetch_text(url) is not None:  # it answers: it may replace
                return url
            tried += 1
            if tried >= HEAL_TRIES:
                break
        return None

    def is_replacement(self, url: str, old_url: str, taken: set[str]) -> bool:
        """A candidate may replace ``old_url``: on the source's hosts, not the old page
        itself, the homepage or a page already configured for something else."""
        if self.source.url_refusal(url) is not None:
            return False
        path = urlsplit(url).path.rstrip("/")
        gone_path = urlsplit(old_url).path.rstrip("/")
        return path not in {gone_path, ""} and self.source.fetch_url(url) not in taken

    def heal(self, field_name: str, path: str, found: str, why: str = "is gone") -> None:
        """Use ``found`` instead of the configured ``path`` for the rest of this crawl
        (the pipelines read the spider's source too), and record the drift."""
        parts = urlsplit(found)
        new = parts.path + (f"?{parts.query}" if parts.query else "")
        if field_name in {"organisation_pages", "listing"}:  # one page of a list
            key = "listings" if field_name == "listing" else field_name
            values = tuple(new if value == path else value for value in getattr(self.source, key))
            self.source = replace(self.source, **{key: values})
        else:
            self.source = replace(self.source, **{field_name: new})
        self.healing.add(new)
        self.record_drift(field_name, path, new, why=why)

    def record_drift(
        self, field_name: str, path: str, found: str | None, why: str = "is gone"
    ) -> None:
        """One ``config_drift`` line: the configured page is gone, and what replaced it."""
        line = drift.drift_line(field_name, path, found, why=why)
        self.drift.append(line)
        self.record_error(
            "config_drift",
            f"config_drift: {line} (rewrite the entry: partnerwire add "
            f"{self.source.homepage} --update {self.source.id})",
        )

    async def fetch_homepage(self) -> tuple[str, str] | None:
        """(public URL, HTML) of the homepage, fetched once per crawl."""
        if self.homepage_html is None:
            self.homepage_html = await self.fetch_text("/")
        return self.homepage_html

    async def fetch_text(self, path: str) -> tuple[str, str] | None:
        """(public URL, text) of a page, script or data file of the source fetched outside
        the crawl's queue (downloader middlewares apply: hosts, robots.txt, cache), or
        None when it does not answer 200; a body Scrapy does not take for text is decoded
        as UTF-8."""
        request = scrapy.Request(self.source.fetch_url(path), dont_filter=True)
        try:
            response = await self.crawler.engine.download_async(request)
        except Exception as exc:  # a page that cannot be fetched is no candidate, no data
            self.logger.info("%s: %s could not be fetched: %r", self.source.id, path, exc)
            return None
        if response.status != 200:
            return None
        if isinstance(response, TextResponse):
            return self.public(response.url), response.text
        return self.public(response.url), response.body.decode("utf-8", "replace")

    async def sitemap_page_urls(self, sitemap_urls: list[str | None]) -> list[str]:
        """The page URLs of these sitemaps and their child sitemaps (a few, for healing)."""
        queue = [u for u in dict.fromkeys(sitemap_urls) if u]
        seen: set[str] = set()
        found: list[str] = []
        while queue and len(seen) < HEAL_SITEMAPS:
            url = queue.pop(0)
            if url in seen:
                continue
            seen.add(url)
            fetched = await self.fetch_text(url)
            if fetched is None:
                continue
            page_urls, children = sitemaps.parse_sitemap(fetched[1], fetched[0], [])
            found += page_urls
            queue += children
        return found

    def follow_item(
        self,
        url: str,
        hint: NewsItem | None = None,
        *,
        classify: bool = False,
        backfill: bool = False,
    ) -> Iterator[Any]:
        """A request for a news item's page (``hint`` = what a feed/API/listing said of it;
        ``classify``: a backfill's page, an item only when it reads as an article;
        ``backfill``: found by a first crawl's sitemap walk, see ``took_item``).

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
            meta = {"backfill": True} if backfill else None
            if classify:
                yield self.request(own, self.parse_backfill_page, dont_filter=True, meta=meta)
                return
            yield self.request(
                own,
                self.parse_item_page,
                errback=self.item_page_failed,
                dont_filter=True,
                meta=meta,
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
        own = self.source.own_url(url)
        return own if own is not None else self.family.own_item_url(url)

    # -- the ways of collecting ------------------------------------------------------

    def parse_feed(self, response: Response, method_index: int, page: int) -> Iterator[Any]:
        """A page of the feed: its entries' pages, then its next page; or the fallback.

        @source_url feed
        """
        bad_urls: list[str] = []
        entries = (
            feeds.parse_feed(response.text, self.public(response.url), bad_urls)
            if isinstance(response, TextResponse)
            else []
        )
        self.record_bad_urls(self.public(response.url), bad_urls)
        if not entries:
            if page == 1:
                yield from self.empty_way(method_index, "has no entries")
            return
        new_urls = {entry.url for entry in entries} - self.seen_item_urls
        if page > 1 and not new_urls:
            return  # a cache that ignores the page parameter answers page 1 again: stop
        self.seen_item_urls |= new_urls
        self.used_method(method_index)
        for entry in entries:
            yield from self.follow_item(entry.url, entry)
        next_url = self.family.next_feed_page(self.public(response.url), page)
        urls = [entry.url for entry in entries]
        if next_url and self.may_follow_page(response, page, urls, "feed"):
            yield self.request(
                next_url,
                self.parse_feed,
                errback=self.end_of_pages,
                method_index=method_index,
                page=page + 1,
            )

    def end_of_pages(self, failure: Failure) -> None:
        """A 404 past the last page of a paged feed is the normal end, not an error."""
        if failure.check(HttpError) and failure.value.response.status in {400, 404}:
            return
        self.on_request_error(failure)

    def parse_sitemap(
        self, response: Response, method_index: int | None, page: int
    ) -> Iterator[Any]:
        """A sitemap or sitemap index (``method_index`` None: a first crawl's backfill).
        A sitemap has no next page: one that answered 304 is still read whole (WordPress
        core's index gives no dates, so a child may change behind an unchanged index),
        its item pages answering 304 in turn.

        @source_url sitemap
        """
        sitemap_url, bad_urls = self.public(response.url), []
        page_urls, child_sitemaps = sitemaps.parse_sitemap(response.text, sitemap_url, bad_urls)
        self.record_bad_urls(sitemap_url, bad_urls)
        self.sitemaps_seen.add(sitemap_url)
        if not page_urls and not child_sitemaps:
            if page == 1 and method_index is not None:
                yield from self.fall_back(method_index, "the sitemap lists nothing")
            return
        for child in child_sitemaps:
            if self.wants_sitemap(child) and self.may_follow_sitemap(child, sitemap_url):
                yield self.request(
                    child, self.parse_sitemap, method_index=method_index, page=page + 1
                )
        backfill = method_index is None
        if page_urls and not backfill:
            self.used_method(method_index)
        # a first crawl's backfill walks a sitemap nobody configured as a way of
        # collecting: without item_patterns its pages are classified, not taken as news;
        # it counts as a way used only once one of its pages gave an item (``took_item``)
        classify = backfill and not self.source.item_patterns
        for url in self.take_sitemap_urls(page_urls, sitemap_url):
            if self.is_item_candidate(url):
                yield from self.follow_item(url, classify=classify, backfill=backfill)

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
        """Whether a child sitemap may list news items (the family decides)."""
        return self.family.wants_sitemap(url)

    def is_item_candidate(self, url: str) -> bool:
        """Whether a sitemap URL may be a news item (the page parser has the last word):
        never the homepage or a configured organisation page; with ``item_patterns``, only
        the paths they match."""
        path = urlsplit(url).path or "/"
        if path == "/" or path in self.source.organisation_pages:
            return False
        return not self.source.item_patterns or self.source.is_item_path(path)

    @app_page("listing")
    def parse_listing(
        self, response: Response, method_index: int, page: int, listing: int
    ) -> Iterator[Any]:
        """One page of the ``listing``-th listing: its entries, its next page, and (from
        its first page) the next listing. Falls back when no listing had any entry.

        @source_url listing
        """
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
        urls = [entry.url for entry in entries]
        if entries and next_page and self.may_follow_page(response, page, urls, "listing"):
            yield self.request(
                next_page,
                self.parse_listing,
                method_index=method_index,
                page=page + 1,
                listing=listing,
            )
        yield from self.after_listing(method_index, page, listing)

    def after_listing(
        self, method_index: int, page: int, listing: int, why: str | None = None, said: bool = False
    ) -> Iterator[Any]:
        """What follows the first page of the ``listing``-th listing: the next listing;
        after the last, when no listing had an entry, the way's replacement (``why`` None)
        or the next way (``why``; ``said``: the failure is recorded already, so only
        when there is a next way)."""
        if page > 1:
            return
        if listing + 1 < len(self.source.listings):
            yield self.request(
                self.source.listings[listing + 1],
                self.parse_listing,
                errback=self.listing_failed,
                method_index=method_index,
                page=1,
                listing=listing + 1,
            )
        elif self.listing_entries:
            return
        elif why is None:
            yield from self.empty_way(method_index, "has no entries")
        elif not said or method_index + 1 < len(self.source.collect):
            yield from self.fall_back(method_index, why)

    def listing_failed(self, failure: Failure) -> Iterator[Any]:
        """A listing (after the first) or a listing's render failed: recorded (one line
        with its URL), then the other listings, then the other ways are read."""
        self.on_request_error(failure)
        kwargs = failure.request.cb_kwargs
        yield from self.after_listing(
            kwargs["method_index"], kwargs["page"], kwargs["listing"], "failed", said=True
        )

    # -- pages -------------------------------------------------------------------------

    @app_page("item")
    def parse_item_page(self, response: Response, hint: NewsItem | None = None) -> Iterator[Any]:
        """An announced item page (a feed, API, sitemap or listing named it): it becomes
        an item, or an error with its URL; never nothing. Each fetched page is counted
        (``partnerwire/item_pages``) so a run that archived fewer is not ``ok``."""
        self.crawler.stats.inc_value("partnerwire/item_pages")
        page_url = self.public(response.url)
        archived = self.archived_url(page_url) if is_not_modified(response) else None
        if archived is not None:  # 304, and archived: nothing to read or store again
            self.crawler.stats.inc_value("partnerwire/item_pages_not_modified")
            yield SeenItem(source=self.source.id, url=archived)
            return
        if not is_html(response):
            if hint is not None and hint.title:
                yield self.emit(hint)  # the feed/listing's description is all there is
            else:
                self.record_error("not_html", f"{page_url}: not an HTML page; not archived")
            return
        item, profiles = pages.read_announced_item(response.text, page_url, hint=hint)
        if item is not None:
            self.took_item(response)
            yield self.emit(item)
        else:
            self.record_error(
                "no_article", f"{page_url}: announced as news but no title found; not archived"
            )
        for profile in profiles:
            yield self.emit(profile)

    def parse_backfill_page(self, response: Response) -> Iterator[NewsItem]:
        """A page only a first crawl's backfill found (a sitemap that is not a configured
        way of collecting, and no ``item_patterns``): an item when it reads as an article
        (``pages.read_unannounced_item``); a listing or an about page is not news, and is
        only counted (``partnerwire/backfill_not_articles``)."""
        item = None
        if is_html(response):
            item = pages.read_unannounced_item(response.text, self.public(response.url))
        if item is None:
            self.crawler.stats.inc_value("partnerwire/backfill_not_articles")
            return
        self.took_item(response)
        yield self.emit(item)

    def took_item(self, response: Response) -> None:
        """An item was read from ``response``: when a first crawl's sitemap walk found
        the page, the sitemap is a way of collecting that worked (``methods_used``; it
        then excuses a feed or listing capped by ``MAX_PAGES``, ``errors_not_failing``)."""
        if is_backfill(response):
            self.used_method(None)

    @app_page("organisation")
    def parse_organisation(self, response: Response) -> Iterator[Any]:
        """A page describing the organisation itself: one profile.

        @source_url organisation
        @returns items 1 1
        @returns requests 0 0
        @scrapes name description url
        """
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
