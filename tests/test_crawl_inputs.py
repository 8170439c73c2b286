"""spiders.crawl_inputs: -s values read as the type of their default, URLs checked."""

from __future__ import annotations

import pytest

from spiders.crawl_inputs import (
    CrawlInputError,
    parse_base_urls,
    parse_setting,
    parse_setting_overrides,
)


@pytest.mark.parametrize(
    ("name", "text", "value"),
    [
        ("DOWNLOAD_DELAY", "0.3", 0.3),  # ours is a float
        ("DOWNLOAD_TIMEOUT", "2.5", 2.5),  # a whole-number default, but seconds
        ("RETRY_TIMES", "0", 0),
        ("AUTOTHROTTLE_ENABLED", "False", False),
        ("ROBOTSTXT_OBEY", "yes", True),
        ("ITEM_PIPELINES", "{}", {}),
        (
            "ITEM_PIPELINES",
            '{"pipeline.scrapy_pipelines.ArchivePipeline": 800}',
            {"pipeline.scrapy_pipelines.ArchivePipeline": 800},
        ),
        ("RETRY_HTTP_CODES", "500, 502", ["500", "502"]),
        ("RETRY_HTTP_CODES", "[500, 502]", [500, 502]),
        ("HTTPCACHE_POLICY", "spiders.cache.RevalidatePolicy", "spiders.cache.RevalidatePolicy"),
        ("DEPTH_PRIORITY", "-1", -1),  # a default that may be negative
        ("LOG_LEVEL", "debug", "DEBUG"),
        ("USER_AGENT", "partnerwire-test", "partnerwire-test"),
        ("DOWNLOAD_MAXSIZE", "0", 0),  # 0 is Scrapy's "no cap"
    ],
)
def test_good_values_are_read_as_their_defaults_type(name, text, value):
    assert parse_setting(name, text) == value


def test_overrides_keep_every_name():
    assert parse_setting_overrides(["DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False"]) == {
        "DOWNLOAD_DELAY": 0.0,
        "AUTOTHROTTLE_ENABLED": False,
    }


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("DOWNLOAD_TIMEOUT=abc", "expected a number"),
        ("ITEM_PIPELINES=garbage", "expected a JSON dict"),
        ("CONCURRENT_REQUESTS=0", "must be more than 0"),
        ("ARCHIVE_PATH=x.db", "use --archive"),
    ],
)
def test_bad_values_say_what_is_expected(value, message):
    with pytest.raises(CrawlInputError, match=message):
        parse_setting_overrides([value])


def test_base_urls():
    assert parse_base_urls(["ifmsa=http://127.0.0.1:8001/"]) == {"ifmsa": "http://127.0.0.1:8001/"}
    with pytest.raises(CrawlInputError, match="not a valid URL"):
        parse_base_urls(["ifmsa=http://[::1"])
