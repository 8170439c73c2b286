"""``scrapy check`` on the configured sites: the ``@source_url`` spider contract.

Scrapy's ``@url`` names one fixed address, but one callback serves every source of its
family. ``@source_url <way>`` asks for the page the spider's own source configures for
that way (``feed``, ``sitemap``, ``listing``, ``organisation``), fetched where the crawl
would fetch it (``SOURCES_BASE_URLS``: the offline snapshot, a mirror), with the
callback's arguments as the crawl gives them. A source that configures no such page has
no such check, nor has a source whose pages are a JavaScript application (``render``:
read through ``parse_app_page``, tested by ``tests/test_e2e_app.py``).
Then, for a way of collecting: a page that answers must lead on to item
pages (or its own next page, or child sitemaps); one that answers "absent" (401, 403,
404, 410) must make the spider fall back to something, as it does in a crawl."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import scrapy
from scrapy.contracts import Contract
from scrapy.exceptions import ContractFail
from scrapy.http import Response

from spiders.base import ABSENT_STATUSES


class SourceUrlContract(Contract):
    """``@source_url feed``: the request is the source's configured feed (or sitemap,
    first listing, first organisation page)."""

    name = "source_url"

    def __init__(self, method: Callable[..., Any], *args: Any) -> None:
        super().__init__(method, *args)
        self.spider = method.__self__
        self.callback_name = method.__name__
        self.absent_status: int | None = None

    @property
    def way(self) -> str:
        return self.args[0]

    def adjust_request_args(self, args: dict[str, Any]) -> dict[str, Any]:
        source, way = self.spider.source, self.way
        if self.spider.renders:
            # a JavaScript application's pages are read by ``parse_app_page`` (its data, or
            # the browser), not by the callback this contract names: no check of them here
            return args
        if way == "organisation":
            path, cb_kwargs = next(iter(source.organisation_pages), None), {}
        elif way in source.collect:
            first_listing = source.listings[0] if source.listings else None
            path = first_listing if way == "listing" else getattr(source, way, None)
            cb_kwargs = {"method_index": source.collect.index(way), "page": 1}
            if way == "listing":
                cb_kwargs["listing"] = 0
        else:
            path = None
        if path is None:
            return args  # not configured here: without a URL Scrapy makes no request
        args["url"] = source.fetch_url(path)
        args["cb_kwargs"] = cb_kwargs
        args["meta"] = {"handle_httpstatus_list": sorted(ABSENT_STATUSES)}
        return args

    def pre_process(self, response: Response) -> None:
        # each way is checked alone: the source's other contracts run in the same spider,
        # and the one answered first (the listing, say) must not have claimed the item
        # pages this way leads to (the feed's would then lead "to no item page")
        self.spider.requested_item_pages.clear()
        self.absent_status = response.status if response.status in ABSENT_STATUSES else None
        if self.absent_status is not None and self.way == "organisation":
            raise ContractFail(f"the organisation page answered {response.status}")

    def post_process(self, output: list[Any]) -> None:
        if self.way == "organisation":
            return
        requests = [r for r in output if isinstance(r, scrapy.Request)]
        if self.absent_status is not None:
            if not requests:
                raise ContractFail(
                    f"the {self.way} answered {self.absent_status} and the "
                    "spider did not fall back to anything"
                )
            return
        onward = {"parse_item_page", self.callback_name}
        if not any(getattr(r.callback, "__name__", None) in onward for r in requests):
            raise ContractFail(f"the {self.way} answered but led to no item page")
