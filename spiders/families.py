"""Which spider collects which platform."""

from __future__ import annotations

from spiders.app import AppSpider
from spiders.base import SourceSpider
from spiders.drupal import DrupalSpider
from spiders.webflow import WebflowSpider
from spiders.wordpress import WordPressSpider

SPIDERS: dict[str, type[SourceSpider]] = {
    "webflow": WebflowSpider,
    "wordpress": WordPressSpider,
    "drupal": DrupalSpider,
    "app": AppSpider,
}
