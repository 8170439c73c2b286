"""AutoThrottle that counts a 304 "not modified" as the fast answer it is."""

from __future__ import annotations

from scrapy.core.downloader import Slot
from scrapy.extensions.throttle import AutoThrottle
from scrapy.http import Response


class NotModifiedThrottle(AutoThrottle):
    """Scrapy's AutoThrottle, except that a 304 may lower the delay as a 200 does.

    Scrapy lets only 200 answers lower a slot's delay (an error page is fast for the
    wrong reason). A 304 is a real answer from a server that did the work of comparing
    validators, so an all-304 re-crawl otherwise stays at ``AUTOTHROTTLE_START_DELAY``
    for its whole length. Politeness is unchanged: the delay still follows the latency,
    never drops below ``DOWNLOAD_DELAY``, and ``CONCURRENT_REQUESTS_PER_DOMAIN`` still
    caps the requests in flight.
    """

    def _adjust_delay(self, slot: Slot, latency: float, response: Response) -> None:
        if response.status == 304:
            response = response.replace(status=200)
        super()._adjust_delay(slot, latency, response)
