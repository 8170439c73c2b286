"""Which spider collects which platform (``sources.toml``'s ``platform``)."""

from __future__ import annotations

from spiders.app import AppSpider
from spiders.auto import AutoSpider
from spiders.base import SourceSpider
from spiders.drupal import DrupalSpider
from spiders.generic import GenericSpider
from spiders.webflow import WebflowSpider
from spiders.wordpress import WordPressSpider

SPIDERS: dict[str, type[SourceSpider]] = {
    "webflow": WebflowSpider,
    "wordpress": WordPressSpider,
    "drupal": DrupalSpider,
    "generic": GenericSpider,
    "app": AppSpider,
    "auto": AutoSpider,
}
