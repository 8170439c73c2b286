"""Webflow sites (DTH-Lab): collection feeds are often switched off, so the listing
pages with their ``?<hex>_page=N`` pagination are the usual way in."""

from __future__ import annotations

from urllib.parse import urlsplit

from spiders.base import Family, SourceSpider


class WebflowFamily(Family):
    """Webflow: the shared ways, and item links on the publishing host."""

    name = "webflow"

    def own_item_url(self, url: str) -> str | None:
        """Webflow feeds may link items on the publishing host (``*.webflow.io``): an item
        path there is the same item on the site's own host."""
        parts, source = urlsplit(url), self.spider.source
        if parts.netloc.endswith(".webflow.io") and source.is_item_path(parts.path):
            return source.homepage + parts.path
        return None


class WebflowSpider(SourceSpider):
    name = "webflow"
    family_class = WebflowFamily
