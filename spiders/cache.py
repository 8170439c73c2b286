"""HTTP cache policy for re-crawls: always ask the server, reuse the body on 304, and
mark such an answer so the spider can skip work the archive has already done; and the
cache's storage: one file per page."""

from __future__ import annotations

import pickle
from pathlib import Path
from time import time

from scrapy import Spider
from scrapy.extensions.httpcache import FilesystemCacheStorage, RFC2616Policy
from scrapy.http import Request, Response
from scrapy.utils.response import response_from_dict

# The flag a cached response carries when the server has just answered 304 for it
# (besides Scrapy's own "cached"): the spider reads ``is_not_modified(response)``.
NOT_MODIFIED = "not_modified"
VALIDATORS = (b"ETag", b"Last-Modified")
_UNCHANGED_META = "_partnerwire_validators_unchanged"


def is_not_modified(response: Response) -> bool:
    """Whether ``response`` is the stored copy of a page the server just answered 304 for
    (a cached page served after a 5xx is not: Scrapy's policy reuses it then too)."""
    return NOT_MODIFIED in response.flags


class RevalidatePolicy(RFC2616Policy):
    """Treat every stored response as stale, so each crawl sends a conditional request
    (If-None-Match / If-Modified-Since) and a 304 answer reuses the stored body.

    News pages change without warning, so we never trust a heuristic freshness
    lifetime; but we never download an unchanged page twice either. A 304 marks the
    stored response ``not_modified``; when its validators (ETag, Last-Modified) are the
    stored ones, the cache files are not rewritten (Scrapy rewrites them on every 304 to
    freshen headers nobody here reads).
    """

    def is_cached_response_fresh(self, cachedresponse: Response, request: Request) -> bool:
        self._set_conditional_validators(request, cachedresponse)
        return False

    def is_cached_response_valid(
        self, cachedresponse: Response, response: Response, request: Request
    ) -> bool:
        if response.status == 304:
            cachedresponse.flags.append(NOT_MODIFIED)
            request.meta[_UNCHANGED_META] = all(
                response.headers.get(name) in (None, cachedresponse.headers.get(name))
                for name in VALIDATORS
            )
        return super().is_cached_response_valid(cachedresponse, response, request)

    def should_cache_response(self, response: Response, request: Request) -> bool:
        if request.meta.pop(_UNCHANGED_META, False):
            return False  # the stored copy already says all a 304 said that matters
        return super().should_cache_response(response, request)


class OneFileCacheStorage(FilesystemCacheStorage):
    """Scrapy's filesystem cache with each response in one file (``<fingerprint>.pickle``
    beside the folder Scrapy would make for it, holding what Scrapy spreads over seven
    files, less the request's headers and body, which nothing reads back). Creating a
    file or folder is the slow part of storing a page (over a millisecond each on some
    disks, in the crawl's only thread), so a first crawl makes one a page instead of eight.
    Entries in Scrapy's own layout are still read."""

    def _file(self, spider: Spider, request: Request) -> Path:
        return Path(self._get_request_path(spider, request) + ".pickle")

    def retrieve_response(self, spider: Spider, request: Request) -> Response | None:
        path = self._file(spider, request)
        if not path.exists():
            return super().retrieve_response(spider, request)  # Scrapy's layout, or None
        if 0 < self.expiration_secs < time() - path.stat().st_mtime:
            return None  # expired
        with self._open(path, "rb") as f:
            stored = pickle.load(f)  # noqa: S301  (our own cache, as Scrapy's storage)
        request.meta["cache_timestamp"] = stored["timestamp"]
        return response_from_dict(stored["response"])

    def store_response(self, spider: Spider, request: Request, response: Response) -> None:
        path = self._file(spider, request)
        path.parent.mkdir(parents=True, exist_ok=True)  # one of 256, made once
        # without Scrapy's flags: a 304's ``not_modified`` mark belongs to that answer, and a
        # page reused later (after a 5xx, offline) must not come back marked unchanged
        page = {k: v for k, v in response.to_dict().items() if k != "flags"}
        stored = {"timestamp": time(), "response": page}
        with self._open(path, "wb") as f:
            pickle.dump(stored, f, protocol=4)
