"""Which CMS emitted a page, and the few platform facts the readers use (SITES.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass

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
    nodes = root.xpath("//article[contains(@class, 'node--type-')]")
    full = [n for n in nodes if "node--view-mode-full" in n.get("class", "")]
    # teasers in views (listings, front page) are other nodes, not the page's own
    own = full or [
        n
        for n in nodes
        if "view-mode-teaser" not in n.get("class", "")
        and "teaser" not in n.get("class", "").split()
        and not n.xpath(
            "ancestor::*[contains(@class, 'views-row') or contains(@class, 'view-content')]"
        )
    ]
    if not own:
        return None
    match = re.search(r"node--type-([\w-]+)", own[0].get("class", ""))
    return match.group(1) if match else None


def is_webflow_item(root: HtmlElement) -> bool:
    """A Webflow collection *item* page (template page with a bound item)."""
    return root.get("data-wf-item-slug") is not None or root.get("data-wf-collection") is not None


@dataclass(frozen=True)
class PlatformSelectors:
    """What a platform's item pages hold where: CSS selectors, tried in order, per field.
    Data beside the page objects (``article.py``), not branches inside them."""

    body: tuple[str, ...] = ()
    published: tuple[str, ...] = ()  # elements whose ``datetime``/``content``/text is the date
    content_type: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


WEBFLOW = PlatformSelectors(body=(".w-richtext",))
WORDPRESS = PlatformSelectors(
    body=(".entry-content", ".post-content", ".wp-block-post-content"),
    published=("time.entry-date.published[datetime]", "time.entry-date[datetime]"),
    content_type=(".cat-links a", ".post-categories a", "a[rel~=category]"),
    tags=("a[rel~=tag]", ".tags-links a"),
)
DRUPAL = PlatformSelectors(
    body=(".field--name-body", ".node__content"),
    tags=(".field--name-field-tags a",),
)
# any CMS: the usual names of an article's body (schema.org microdata, Ghost, themes) and
# of its date (microformats' h-entry/hAtom); platforms' own selectors are tried first
GENERIC = PlatformSelectors(
    body=(
        "[itemprop=articleBody]",
        ".gh-content",
        ".article-content",
        ".article-body",
        ".post-content",
        ".entry-content",
        ".content-body",
        ".field--name-body",
        ".w-richtext",
        ".node__content",
    ),
    published=(
        "time.published[datetime]",
        "time.dt-published[datetime]",
        "abbr.published[title]",
        ".dt-published",
    ),
    content_type=("a[rel~=category]",),
    tags=("a[rel~=tag]",),
)
