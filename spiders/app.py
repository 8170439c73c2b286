"""JavaScript single-page applications (IADS, a React app): no CMS markup to go by; the
listing and organisation pages are read through the application's own data, or rendered
in the browser (``render = "browser"``, ``spiders/rendering.py``)."""

from __future__ import annotations

from spiders.base import SourceSpider


class AppSpider(SourceSpider):
    name = "app"
    platform = "app"
