"""HTTP cache policy for re-crawls: always ask the server, reuse the body on 304."""

from __future__ import annotations

from scrapy.extensions.httpcache import RFC2616Policy
from scrapy.http import Request, Response


class RevalidatePolicy(RFC2616Policy):
    """Treat every stored response as stale, so each crawl sends a conditional request
    (If-None-Match / If-Modified-Since) and a 304 answer reuses the stored body.

    News pages change without warning, so we never trust a heuristic freshness
    lifetime; but we never download an unchanged page twice either.
    """

    def is_cached_response_fresh(self, cachedresponse: Response, request: Request) -> bool:
        self._set_conditional_validators(request, cachedresponse)
        return False
