"""The throttle: a 304 lowers the delay as a 200 does; politeness limits stay."""

from __future__ import annotations

from scrapy.core.downloader import Slot
from scrapy.extensions.throttle import AutoThrottle
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from spiders import settings as project_settings
from spiders.throttle import NotModifiedThrottle


def delay_after(throttle_class, status: int, answers: int = 5) -> float:
    crawler = get_crawler(settings_dict={"AUTOTHROTTLE_ENABLED": True, "DOWNLOAD_DELAY": 0.5})
    throttle = throttle_class(crawler)
    throttle.mindelay, throttle.maxdelay = throttle._min_delay(), throttle._max_delay()
    slot = Slot(concurrency=2, delay=1.0, jitter=0)
    for _ in range(answers):
        throttle._adjust_delay(slot, 0.01, Response("http://127.0.0.1/", status=status))
    return slot.delay


def test_a_304_lowers_the_delay_down_to_download_delay():
    assert delay_after(AutoThrottle, 304) == 1.0  # Scrapy's: stuck at the start delay
    assert delay_after(NotModifiedThrottle, 304) == delay_after(NotModifiedThrottle, 200)
    assert delay_after(NotModifiedThrottle, 304, answers=20) == 0.5  # never below DOWNLOAD_DELAY


def test_errors_still_never_lower_it():
    assert delay_after(NotModifiedThrottle, 503) == 1.0


def test_the_project_uses_it_in_place_of_scrapys():
    assert project_settings.EXTENSIONS["scrapy.extensions.throttle.AutoThrottle"] is None
    assert project_settings.EXTENSIONS["spiders.throttle.NotModifiedThrottle"] == 0
    assert project_settings.CONCURRENT_REQUESTS_PER_DOMAIN == 2
