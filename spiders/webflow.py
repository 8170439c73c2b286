"""Webflow sites (DTH-Lab): collection feeds are often switched off, so the listing
pages with their ``?<hex>_page=N`` pagination are the usual way in."""

from __future__ import annotations

from urllib.parse import urlsplit

from spiders.base import SourceSpider


class WebflowSpider(SourceSpider):
    name = "webflow"
    platform = "webflow"

    def own_item_url(self, url: str) -> str | None:
        """Webflow feeds may link items on the publishing host (``*.webflow.io``): an item
        path there is the same item on the site's own host."""
        if (own := super().own_item_url(url)) is not None:
            return own
        parts = urlsplit(url)
        if parts.netloc.endswith(".webflow.io") and self.source.is_item_path(parts.path):
            return self.source.homepage + parts.path
        return None
