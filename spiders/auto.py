"""``platform = "auto"``: the family is detected per site when its homepage answers
(``discovery.detect_platform``), then the source is collected as that family would."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import scrapy
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from spiders.base import Family, SourceSpider
from spiders.drupal import DrupalFamily
from spiders.pages import discovery
from spiders.webflow import WebflowFamily
from spiders.wordpress import WordPressFamily

FAMILIES: dict[str, type[Family]] = {
    "webflow": WebflowFamily,
    "wordpress": WordPressFamily,
    "drupal": DrupalFamily,
    "generic": Family,
}


class AutoSpider(SourceSpider):
    """Asks for the homepage first; its answer chooses the family (the strategy the rest
    of the crawl follows). A homepage that does not answer leaves the generic family."""

    name = "auto"
    family_class = None

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.detected_because = ""

    async def start(self) -> AsyncIterator[scrapy.Request]:
        detected = getattr(self, "state", {}).get("family")  # a paused crawl (JOBDIR) resumes
        if detected is not None:
            self.use_family(detected, getattr(self, "state", {}).get("detected_because", ""))
            return
        yield self.request("/", self.choose_family, errback=self.homepage_failed, dont_filter=True)

    def choose_family(self, response: Response) -> Iterator[scrapy.Request]:
        html = response.text if isinstance(response, TextResponse) else ""
        public_url = self.public(response.url)
        headers = {
            key.decode("latin-1"): b", ".join(values).decode("latin-1")
            for key, values in response.headers.items()
        }
        platform, why = discovery.detect_platform(html, public_url, headers)
        if html:
            self.homepage_html = (public_url, html)
        self.use_family(platform, why)
        yield from self.first_requests()

    def homepage_failed(self, failure: Failure) -> Iterator[scrapy.Request]:
        self.on_request_error(failure)
        self.use_family("generic", "the homepage did not answer")
        yield from self.first_requests()

    def use_family(self, platform: str, why: str) -> None:
        self.family = FAMILIES.get(platform, Family)(self)
        self.detected_because = why
        if hasattr(self, "state"):  # kept in JOBDIR for the crawl's resumption
            self.state.update(family=platform, detected_because=why)
        self.logger.info("%s: collected as %s (%s)", self.source.id, self.family.name, why)
