"""Which CMS emitted a page, and the few platform facts the readers use (SITES.md)."""

from __future__ import annotations

import re

import lxml.html
from lxml.html import HtmlElement

_WEBFLOW = re.compile(
    r"data-wf-(page|site)=|created in Webflow|content=\"Webflow\"|website-files\.com"
)
_WORDPRESS = re.compile(
    r"/wp-content/|/wp-includes/|api\.w\.org|content=\"WordPress|yoast-schema-graph"
)
_DRUPAL = re.compile(
    r"content=\"Drupal|data-drupal-|/sites/default/files/|drupal-settings-json|node--type-", re.I
)


def detect_platform(html: str | HtmlElement) -> str:
    """ "webflow", "wordpress", "drupal" or "unknown", from the markup alone."""
    if not isinstance(html, str):
        html = lxml.html.tostring(html, encoding="unicode")
    head = html[:200_000]
    for name, pattern in (("webflow", _WEBFLOW), ("wordpress", _WORDPRESS), ("drupal", _DRUPAL)):
        if pattern.search(head):
            return name
    return "unknown"


def drupal_node_type(root: HtmlElement) -> str | None:
    """The node bundle of the page's own node (``node--type-news`` -> "news")."""
    for article in root.xpath("//article[contains(@class, 'node--type-')]"):
        if "node--view-mode-full" in article.get("class", "") or not article.xpath(
            "ancestor::article"
        ):
            match = re.search(r"node--type-([\w-]+)", article.get("class", ""))
            if match:
                return match.group(1)
    return None


def is_webflow_item(root: HtmlElement) -> bool:
    """A Webflow collection *item* page (template page with a bound item)."""
    return root.get("data-wf-item-slug") is not None or root.get("data-wf-collection") is not None
