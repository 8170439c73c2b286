"""Drupal sites (IPSF): the sitemap is the complete list (the front-page feed holds only
the newest ten); the same node answers under its alias, ``/node/<nid>`` and language
prefixes, which the archive folds by the page's canonical link."""

from __future__ import annotations

from spiders.base import SourceSpider


class DrupalSpider(SourceSpider):
    name = "drupal"
    platform = "drupal"
