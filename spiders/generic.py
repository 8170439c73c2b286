"""Any other site (Ghost, Hugo, a hand-made site ...): collected from its configuration
alone, by the ways every site may offer: a feed, a sitemap, listing pages."""

from __future__ import annotations

from spiders.base import Family, SourceSpider


class GenericSpider(SourceSpider):
    name = "generic"
    family_class = Family
