"""Drupal sites (IPSF): the sitemap is the complete list (the front-page feed holds only
the newest ten); the same node answers under its alias, ``/node/<nid>`` and language
prefixes, which the archive folds by the page's canonical link."""

from __future__ import annotations

from spiders.base import Family, SourceSpider


class DrupalFamily(Family):
    """Drupal: the shared ways; its page object does the rest."""

    name = "drupal"


class DrupalSpider(SourceSpider):
    name = "drupal"
    family_class = DrupalFamily
