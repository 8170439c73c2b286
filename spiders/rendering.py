"""Sources whose pages are JavaScript applications (``render = "browser"``): read the
application's own data first, render in the system's headless Chromium only when none
is found.

For such a source, a listing page or an organisation page is first fetched as plain
HTML. A page with content of its own is read as usual. An empty app shell is read
through the data the application loads (``spiders.pages.app``): JSON embedded in the
page, else the JSON/API URLs its script bundles name on the source's own hosts, each
fetched once per crawl. Only when that data holds no news cards (listing) or no
description (organisation page) is the page rendered: scrapy-playwright drives the
Chromium of the operating system (``BROWSER_EXECUTABLE``, else ``chromium`` or
``chromium-browser`` on PATH), never a downloaded browser, and the rendered HTML goes
through the same pure page objects. Without a browser the source records one
``no_browser`` error saying what to install, and its run is never ``ok``.

The download handler (for the scheme the source is fetched over) and the asyncio reactor
it needs are set only for these sources (in the spider's ``from_crawler``, before Scrapy
reads its settings), and it starts Playwright only when a page is rendered; every other
request still goes through Scrapy's own HTTP handler.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any, Literal, TypeVar
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.http import Response, TextResponse
from scrapy.settings import Settings
from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler

from spiders.items import NewsItem, SeenItem
from spiders.pages import app
from spiders.pages.hashes import content_hash

HANDLER = "spiders.rendering.LazyPlaywrightHandler"
BROWSER_NAMES = ("chromium", "chromium-browser")
BROWSER_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
INSTALL_HINT = "install it: apt-get install chromium (Debian/Ubuntu), or set BROWSER_EXECUTABLE"
# what a rendered page never needs: the crawl fetches pages, not pictures or fonts
SKIPPED_RESOURCES = frozenset({"image", "media", "font"})
# data URLs read per page at most (a polite bound: a bundle may name dozens of endpoints)
MAX_DATA_URLS = 20

PageKind = Literal["listing", "organisation", "item"]
Callback = TypeVar("Callback", bound=Callable[..., Any])


def app_page(kind: PageKind) -> Callable[[Callback], Callback]:
    """Marks a spider callback as the reader of one kind of page (``app_page("listing")``):
    for a rendering source its requests go through ``AppPages.parse_app_page`` first. The
    mark travels with the method, so a renamed callback is still routed."""

    def mark(callback: Callback) -> Callback:
        callback.app_page = kind
        return callback

    return mark


def is_backfill(response: Response) -> bool:
    """Whether a first crawl's sitemap walk asked for this page (``SourceSpider.took_item``);
    a page not fetched by a request (tests) was not."""
    request = response.request
    return request is not None and bool(request.meta.get("backfill"))


def page_kind(callback: Any) -> PageKind | None:
    """The kind of page a callback reads (``app_page``), or None."""
    return getattr(callback, "app_page", None)


def find_browser(configured: str | None) -> str | None:
    """The Chromium to drive: ``configured`` (``BROWSER_EXECUTABLE``) when set (an empty
    value means none), else the first of ``chromium``, ``chromium-browser`` on PATH."""
    if configured is not None:
        path = shutil.which(configured) if configured else None
        return path or (configured if configured and Path(configured).is_file() else None)
    return next((p for name in BROWSER_NAMES if (p := shutil.which(name))), None)


class StayOnHosts:
    """``PLAYWRIGHT_ABORT_REQUEST``: the browser fetches what the page needs from the
    source's own hosts (its scripts and data), nothing from elsewhere, and no images,
    media or fonts."""

    def __init__(self, is_own_url: Any) -> None:
        self.is_own_url = is_own_url

    def __call__(self, request: Any) -> bool:
        return request.resource_type in SKIPPED_RESOURCES or not self.is_own_url(request.url)


class LazyPlaywrightHandler(ScrapyPlaywrightDownloadHandler):
    """scrapy-playwright's download handler, starting Playwright on the first request
    that needs the browser rather than when the engine starts: a source whose data was
    read as JSON starts nothing. Requests without ``meta["playwright"]`` go through
    Scrapy's own HTTP handler, as with the parent class."""

    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        self._start = getattr(self, "_maybe_launch_in_thread", None)
        if self._start is not None:  # the parent would start Playwright with the engine
            crawler.signals.disconnect(self._start, signal=signals.engine_started)
        self._started = self._start is None
        self._start_lock = asyncio.Lock()

    async def download_request(self, request: scrapy.Request) -> Response:
        if request.meta.get("playwright") and not self._started:
            async with self._start_lock:
                if not self._started:
                    await self._start()
                    self._started = True
        return await super().download_request(request)


def browser_settings(settings: Settings, executable: str, source: Any) -> None:
    """Route the fetch base's scheme through scrapy-playwright (only requests marked
    ``playwright`` use the browser) with the system Chromium."""
    handlers = dict(settings.getdict("DOWNLOAD_HANDLERS"))
    handlers[urlsplit(source.fetch_base).scheme] = HANDLER
    priority = "spider"
    settings.set("DOWNLOAD_HANDLERS", handlers, priority=priority)
    settings.set("PLAYWRIGHT_BROWSER_TYPE", "chromium", priority=priority)
    settings.set(
        "PLAYWRIGHT_LAUNCH_OPTIONS",
        {"executable_path": executable, "headless": True, "args": BROWSER_ARGS},
        priority=priority,
    )
    settings.set("PLAYWRIGHT_ABORT_REQUEST", StayOnHosts(source.is_own_url), priority=priority)
    # a page that is not rendered (loaded, its network idle) within DOWNLOAD_TIMEOUT gave
    # no answer in time: its render fails (``listing_failed``), as a download would
    timeout_ms = settings.getfloat("DOWNLOAD_TIMEOUT", 30) * 1000
    settings.set("PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT", timeout_ms, priority=priority)
    settings.set("PLAYWRIGHT_MAX_CONTEXTS", 1, priority=priority)
    settings.set("PLAYWRIGHT_MAX_PAGES_PER_CONTEXT", 2, priority=priority)


class AppPages:
    """The part of ``SourceSpider`` that reads JavaScript applications (mixed in)."""

    source: Any
    crawler: Any
    logger: Any
    browser: str | None = None
    browser_looked_for = ""
    no_browser_said = False
    _app_lock: asyncio.Lock | None = None
    _scripts: dict[str, tuple[list[str], list[str]]]  # script URL -> (data URLs, chunks)
    _documents: dict[str, Any]  # data URL -> parsed JSON, or None when it was none

    @property
    def renders(self) -> bool:
        return self.source.render == "browser"

    @property
    def day_first(self) -> bool:
        return self.source.day_first

    def setup_rendering(self, crawler: Any) -> None:
        """Called in ``from_crawler``: find the browser and route requests through it."""
        if not self.renders:
            return
        configured = crawler.settings.get("BROWSER_EXECUTABLE")
        self.browser = find_browser(configured)
        self.browser_looked_for = (
            f"looked for {' and '.join(BROWSER_NAMES)} on PATH"
            if configured is None
            else f"BROWSER_EXECUTABLE is {configured!r}"
        )
        if self.browser is not None:
            browser_settings(crawler.settings, self.browser, self.source)

    def app_request(self, callback: Any, cb_kwargs: dict[str, Any]) -> tuple[Any, dict]:
        """(callback, cb_kwargs) for a request: listing, organisation and item pages of a
        rendering source (callbacks marked ``app_page``) go through ``parse_app_page``
        first; ``then`` names the callback (plain data, for ``JOBDIR``)."""
        if self.renders and page_kind(callback) is not None:
            return self.parse_app_page, {"then": callback.__name__, **cb_kwargs}
        return callback, cb_kwargs

    def then_kind(self, then: str) -> PageKind:
        """The kind of page the callback ``then`` reads."""
        kind = page_kind(getattr(self, then))
        if kind is None:
            raise ValueError(f"{then} is no callback marked app_page")
        return kind

    async def parse_app_page(
        self, response: Response, then: str, **kwargs: Any
    ) -> AsyncIterator[Any]:
        """A page of a JavaScript application: its own content when it has some, else
        the application's data (listing and organisation pages), else the page rendered
        in the browser (an item page's shell is rendered at once)."""
        html = response.text if isinstance(response, TextResponse) else ""
        kind = self.then_kind(then)
        if not html or not app.is_app_shell(html):
            for found in getattr(self, then)(response, **kwargs):
                yield found
            return
        if kind == "item":
            for found in self.render(response.url, then, kwargs, backfill=is_backfill(response)):
                yield found
            return
        page_url = self.public(response.url)
        documents = app.documents_for_route(await self.app_data(response), page_url)
        documents = app.embedded_state(html) + documents
        if kind == "listing":
            items = app.read_news(documents, page_url, day_first=self.day_first)
            for found in self.app_items(items, kwargs["method_index"]):
                yield found
            if items:
                for found in self.after_listing(**kwargs):
                    yield found
        else:
            profile = app.read_profile(documents, page_url)
            items = [profile] if profile is not None else []
            for found in items:
                yield self.emit(found)
        if items:
            return
        self.logger.info("%s: no application data for %s, rendering it", self.source.id, page_url)
        for found in self.render(response.url, then, kwargs):
            yield found

    def app_items(self, items: list[NewsItem], method_index: int) -> Iterator[NewsItem | SeenItem]:
        """News cards read from an application (its data or its rendered page): each is
        an item as the card shows it; a card is its own announcement, no page to fetch.
        A card whose content hash is the archived one is only a sighting (``SeenItem``,
        counted in ``partnerwire/cards_unchanged``), as an item page answering 304 is."""
        if items:
            self.used_method(method_index)
        self.listing_entries += len(items)
        for item in items:
            archived = self.archived_url(item.url)
            if archived is not None and self.known_items[archived] == content_hash(item):
                self.crawler.stats.inc_value("partnerwire/cards_unchanged")
                yield SeenItem(source=self.source.id, url=archived)
            else:
                yield self.emit(item)

    async def app_data(self, response: Response) -> dict[str, Any]:
        """{URL: parsed JSON} of every data URL named by the page's scripts (and the
        chunks they load by name) on the source's own hosts. Each script and each data
        URL is fetched once per crawl: the routes of one app share them."""
        if self._app_lock is None:
            self._app_lock, self._scripts, self._documents = asyncio.Lock(), {}, {}
        page_url = self.public(response.url)
        async with self._app_lock:
            data_urls: list[str] = []
            for script_url in app.script_urls(response.text, page_url):
                data_urls += await self._data_urls(script_url, page_url, chunks=True)
            data_urls = list(dict.fromkeys(data_urls))
            if len(data_urls) > MAX_DATA_URLS:  # a big bundle names many endpoints
                self.logger.info(
                    "%s: %d data URLs named, the first %d read",
                    self.source.id,
                    len(data_urls),
                    MAX_DATA_URLS,
                )
                data_urls = data_urls[:MAX_DATA_URLS]
            for url in data_urls:
                if url not in self._documents:
                    fetched = await self.fetch_text(url)
                    self._documents[url] = app.parse_json(fetched[1]) if fetched else None
            return {u: self._documents[u] for u in data_urls if self._documents[u] is not None}

    async def _data_urls(self, script_url: str, page_url: str, *, chunks: bool) -> list[str]:
        """The data URLs a script on the source's hosts names (fetched once), with those
        of the chunks it loads by name (one level deep)."""
        if not self.source.is_own_url(script_url):
            return []
        if script_url not in self._scripts:
            fetched = await self.fetch_text(script_url)
            script = fetched[1] if fetched else ""
            self._scripts[script_url] = (
                [u for u in app.data_urls_in_script(script, page_url) if self.source.is_own_url(u)],
                app.chunk_urls_in_script(script, script_url) if chunks else [],
            )
        data_urls, chunk_urls = self._scripts[script_url]
        for chunk in chunk_urls:
            data_urls = data_urls + await self._data_urls(chunk, page_url, chunks=False)
        return data_urls

    def render(
        self, url: str, then: str, kwargs: dict[str, Any], *, backfill: bool = False
    ) -> Iterator[Any]:
        """A request for ``url`` rendered in the browser, or, with no browser, the one
        line that says what is missing (a listing then goes on to the next listing, after
        the last to the next way). A listing whose render fails does the same
        (``listing_failed``)."""
        kind = self.then_kind(then)
        if self.browser is None:
            if not self.no_browser_said:
                self.no_browser_said = True
                self.record_error(
                    "no_browser",
                    f"{self.public(url)}: a JavaScript application that needs a browser to "
                    f"render, and no Chromium was found ({self.browser_looked_for}); "
                    f"{INSTALL_HINT}",
                )
            if kind == "listing":
                yield from self.after_listing(**kwargs, why="no browser to render it", said=True)
            if kind == "item":
                yield from self.unrendered_item(url, kwargs.get("hint"))
            return
        from scrapy_playwright.page import PageMethod

        errbacks = {"item": self.item_page_failed, "listing": self.listing_failed}
        yield scrapy.Request(
            url,
            callback=self.parse_rendered,
            errback=errbacks.get(kind, self.on_request_error),
            cb_kwargs={"then": then, **kwargs},
            dont_filter=True,
            meta={
                "playwright": True,
                "dont_cache": True,  # the rendered DOM is no HTTP answer to revalidate
                "backfill": backfill,  # a page a first crawl's sitemap walk found (took_item)
                "playwright_page_methods": [PageMethod("wait_for_load_state", "networkidle")],
            },
        )

    def unrendered_item(self, url: str, hint: NewsItem | None) -> Iterator[NewsItem]:
        """An announced item page that could not be rendered: what its announcer said of
        it when that has a title, else an error naming it (never nothing)."""
        self.crawler.stats.inc_value("partnerwire/item_pages")
        if hint is not None and hint.title:
            yield self.emit(hint)
        else:
            self.record_error(
                "not_rendered", f"{self.public(url)}: needs a browser to render; not archived"
            )

    def parse_rendered(self, response: Response, then: str, **kwargs: Any) -> Iterator[Any]:
        """The page as the browser rendered it, read by the usual page objects."""
        if self.then_kind(then) != "listing":
            yield from getattr(self, then)(response, **kwargs)
            return
        page_url = self.public(response.url)
        items = app.read_cards(response.text, page_url, day_first=self.day_first)
        yield from self.app_items(items, kwargs["method_index"])
        yield from self.after_listing(**kwargs, why="the rendered page has no cards")
