"""What a page says about itself in its head: JSON-LD (Yoast's ``@graph`` included),
OpenGraph/``article:*``/name meta tags and ``<link rel>``. A small reader, no network."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from lxml.html import HtmlElement

from .dom import absolute
from .text import clean_line

ARTICLE_TYPES = {
    "Article",
    "NewsArticle",
    "BlogPosting",
    "Report",
    "ScholarlyArticle",
    "PressRelease",
    "AnalysisNewsArticle",
    "ReportageNewsArticle",
    "OpinionNewsArticle",
    "TechArticle",
}
ORGANISATION_TYPES = {
    "Organization",
    "NGO",
    "EducationalOrganization",
    "Corporation",
    "NewsMediaOrganization",
}


# meta names that hold an item's publication date (name/property/itemprop, lower case),
# the most specific first; "date" and Dublin Core last, as sites also use them for the
# page's last change
PUBLISHED_METAS = (
    "article:published_time",
    "og:published_time",
    "published_time",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "pdate",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "article.published",
    "citation_publication_date",
    "citation_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "date",
    "dc.date",
    "dcterms.date",
)
UPDATED_METAS = ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified")


def types_of(node: dict) -> set[str]:
    """A node's ``@type`` names; a value that is not a name (null, a number, an object)
    is ignored, as pages write anything there."""
    value = node.get("@type")
    return {v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)}


def string(value: object) -> str | None:
    """A JSON-LD value where a string is expected: lists and objects give None."""
    return value if isinstance(value, str) else None


# what CMSs wrap JSON-LD in: HTML comments, CDATA sections (also behind "//" or "/* */")
_WRAPPERS = re.compile(
    r"^\s*(?://|/\*)?\s*(?:<!--|<!\[CDATA\[)\s*(?:\*/)?"
    r"|(?://|/\*)?\s*(?:-->|\]\]>)\s*(?:\*/)?\s*$"
)


def _loads(text: str) -> object:
    text = _WRAPPERS.sub("", _WRAPPERS.sub("", text.strip())).strip().rstrip(";")
    try:
        return json.loads(text, strict=False)
    except ValueError:
        return None


def _flatten(data: object) -> list[dict]:
    if isinstance(data, list):
        return [node for item in data for node in _flatten(item)]
    if not isinstance(data, dict):
        return []
    nodes = [data] if "@type" in data else []
    return nodes + _flatten(data.get("@graph", []))


# the publication date's key in a JavaScript app's page state (Next.js ``__NEXT_DATA__``,
# Nuxt), as headless CMSs (Sanity, Contentful, Strapi, Ghost's API) name it
APP_PUBLISHED_KEYS = (
    "datePublished",
    "publishedAt",
    "published_at",
    "publishedDate",
    "publishDate",
    "publicationDate",
    "firstPublishedAt",
)
APP_STATE = "//script[@id='__NEXT_DATA__' or @id='__NUXT_DATA__' or @id='__NUXT__']"


def _app_published(data: object) -> str | None:
    """The publication date of the page's own entry in an app's state: the shallowest
    object holding one, objects outside lists first (a list holds related posts)."""
    found: list[tuple[int, int, int, str]] = []
    stack: list[tuple[object, int, int]] = [(data, 0, 0)]
    while stack:
        node, lists, depth = stack.pop()
        if isinstance(node, dict):
            for key in APP_PUBLISHED_KEYS:
                if isinstance(value := node.get(key), str) and value:
                    found.append((lists, depth, len(found), value))
                    break
            stack.extend((child, lists, depth + 1) for child in reversed(node.values()))
        elif isinstance(node, list):
            stack.extend((child, lists + 1, depth + 1) for child in reversed(node))
    return min(found)[3] if found else None


@dataclass
class Metadata:
    jsonld: list[dict] = field(default_factory=list)
    app_published: str | None = None  # the publication date in a JavaScript app's state
    meta: dict[str, str] = field(
        default_factory=dict
    )  # first value per property/name, lower-case key
    links: dict[str, str] = field(default_factory=dict)  # rel -> absolute href

    def first(self, *names: str) -> str | None:
        for name in names:
            if value := clean_line(self.meta.get(name.lower())):
                return value
        return None

    def node(self, types: set[str]) -> dict | None:
        return next((node for node in self.jsonld if types_of(node) & types), None)

    def resolve(self, value: object) -> object:
        """Follow a ``{"@id": ...}`` reference inside the graph."""
        if isinstance(value, dict) and set(value) == {"@id"}:
            return next((n for n in self.jsonld if n.get("@id") == value["@id"]), value)
        return value

    def names(self, value: object) -> list[str]:
        """Names out of a person/organisation value: str, dict, reference or list of them."""
        values = value if isinstance(value, list) else [value]
        out = []
        for item in values:
            item = self.resolve(item)
            name = item.get("name") if isinstance(item, dict) else item
            if isinstance(name, str) and (name := clean_line(name)) and re.search(r"\w", name):
                out.append(name)
        return out

    def image(self, value: object, base: str) -> str | None:
        value = self.resolve(value[0] if isinstance(value, list) and value else value)
        if isinstance(value, dict):
            value = value.get("url") or value.get("contentUrl")
        return absolute(value, base) if isinstance(value, str) else None


def read_metadata(root: HtmlElement, url: str) -> Metadata:
    data = Metadata()
    for script in root.xpath("//script[@type='application/ld+json']"):
        data.jsonld.extend(_flatten(_loads(script.text or "")))
    for meta in root.xpath("//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key and key not in data.meta:
            data.meta[key] = meta.get("content", "")
    for script in root.xpath(APP_STATE):
        data.app_published = data.app_published or _app_published(_loads(script.text or ""))
    for link in root.xpath("//link[@rel and @href]"):
        for rel in link.get("rel", "").lower().split():
            if rel not in data.links and (href := absolute(link.get("href"), url)):
                data.links[rel] = href
    return data
