"""``HtmlDocument``: one HTML page parsed and cleaned once, shared by every reader of it
(the article, its "About" sections, the organisation page, the listing it holds)."""

from __future__ import annotations

import copy
import functools

from lxml.html import HtmlElement

from .body import body_elements
from .dom import base_url, main_region, parse_html, strip_chrome, strip_hidden, strip_related
from .listing import ListingEntry, listing_in
from .metadata import Metadata, read_metadata


class HtmlDocument:
    """``raw``: the parsed page; ``root``: a cleaned copy holding only what could be the
    page's own content (no chrome, hidden CMS leftovers or related lists); ``region``: its
    main content element; ``containers``: the body element(s) in ``root``, as found (not
    cleaned of widgets)."""

    def __init__(self, html: str | bytes | HtmlElement, url: str) -> None:
        self.raw = parse_html(html) if isinstance(html, (str, bytes)) else html
        self.url = url
        self.base = base_url(self.raw, url)
        self.meta: Metadata = read_metadata(self.raw, self.base)
        # chrome is stripped once: the listing reads it as it is, the content root after
        # removing hidden blocks and related lists (which the listing wants)
        self._without_chrome = strip_chrome(self.raw)
        self.root = copy.deepcopy(self._without_chrome)
        strip_hidden(self.root)
        strip_related(self.root)
        self.region = main_region(self.root)

    @functools.cached_property
    def containers(self) -> list[HtmlElement]:
        """The body element(s) in ``root`` (computed once, when a reader asks)."""
        return body_elements(self.root)[0]

    @functools.cached_property
    def listing(self) -> tuple[list[ListingEntry], str | None]:
        """(entries, next page) as ``parse_listing`` reads them, computed once."""
        return listing_in(self._without_chrome, self.raw, self.base)
