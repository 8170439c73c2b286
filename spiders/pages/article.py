"""One news item out of an item page: metadata first (JSON-LD, OpenGraph/article meta),
then ``time[datetime]`` and platform selectors inside the article, then visible text near
the title. Each field is its own small function with its fallbacks in order."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from ..items import NewsItem
from .body import body_html
from .byline import visible_authors, visible_date, visible_label
from .dates import find_date, parse_date
from .document import HtmlDocument
from .dom import (
    absolute,
    clean_text,
    select,
    text_of,
    title_element,
)
from .metadata import (
    ARTICLE_TYPES,
    ORGANISATION_TYPES,
    string,
    types_of,
)
from .platforms import drupal_node_type

TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ")
# a date captioned like this is when the page changed, not when it was published
UPDATE_CAPTION = re.compile(r"\b(updated|revised|modified|edited)\b", re.I)


class ArticlePage(HtmlDocument):
    """A parsed item page; ``item()`` builds the NewsItem. Input: html + url only.

    ``body``: the content HTML; ``body_parts``: the cleaned body elements it was made of.
    """

    def __init__(self, html: str | bytes | HtmlElement, url: str, source: str = "") -> None:
        super().__init__(html, url)
        self.source = source
        self.article_node = self.meta.node(ARTICLE_TYPES) or {}
        self.body, self.body_parts = body_html(self.containers)
        heading = title_element(self.region)
        self.heading = heading if heading is not None else title_element(self.root)

    # --- fields -------------------------------------------------------------------
    def site_names(self) -> set[str]:
        names = {self.meta.first("og:site_name", "application-name", "apple-mobile-web-app-title")}
        for node in self.meta.jsonld:
            if {"WebSite", *ORGANISATION_TYPES} & types_of(node):
                names.update(self.meta.names(node))
        return {n.casefold() for n in names if n}

    def strip_site(self, title: str | None) -> str | None:
        title = clean_text(title)
        if not title:
            return None
        sites = self.site_names()
        heading = text_of(self.heading).casefold()
        for separator in TITLE_SEPARATORS:
            if separator not in title:
                continue
            head, _, tail = title.rpartition(separator)
            if tail.casefold() in sites or head.casefold() == heading:
                return head.strip()
        return title

    def title(self) -> str | None:
        return (
            clean_text(string(self.article_node.get("headline")))
            or self.strip_site(self.meta.first("og:title", "twitter:title"))
            or text_of(self.heading)
            or self.strip_site(text_of(self.raw.find(".//title")))
            or None
        )

    def published(self) -> str | None:
        candidates = [
            string(self.article_node.get("datePublished")),
            *(string(n.get("datePublished")) for n in self.meta.jsonld),
            self.meta.first(
                "article:published_time", "datePublished", "date", "dc.date", "dcterms.date"
            ),
            *(t.get("datetime") for t in self._times() if not _is_update_time(t)),
        ]
        for value in candidates:
            if parsed := parse_date(value):
                return parsed
        return visible_date(self.region)

    def updated(self) -> str | None:
        for value in (
            string(self.article_node.get("dateModified")),
            *(string(n.get("dateModified")) for n in self.meta.jsonld),
            self.meta.first("article:modified_time", "og:updated_time", "dateModified"),
            *(t.get("datetime") for t in self._times() if _is_update_time(t)),
        ):
            if parsed := parse_date(value):
                return parsed
        return None

    def _times(self) -> list[HtmlElement]:
        """``time[datetime]`` inside the article, the title's block first."""
        heading = title_element(self.region)
        header = heading.getparent() if heading is not None else None
        near = header.xpath(".//time[@datetime]") if header is not None else []
        return near + self.region.xpath(".//time[@datetime]")

    def content_type(self) -> str | None:
        section = self.article_node.get("articleSection")
        if section := clean_text(
            string(section[0] if isinstance(section, list) and section else section)
        ):
            return section
        if section := self.meta.first("article:section"):
            return section
        if node_type := drupal_node_type(self.raw):
            return (
                None
                if node_type == "page"
                else node_type.replace("_", " ").replace("-", " ").capitalize()
            )
        for link in select(self.region, ".cat-links a, a[rel~=category], .post-categories a"):
            if text := text_of(link):
                return text
        return visible_label(self.region)

    def authors(self) -> list[str]:
        names = self.meta.names(self.article_node.get("author", []))
        if not names and (author := self.meta.first("author", "article:author", "dc.creator")):
            names = [author] if not author.startswith("http") else []
        if not names:
            names = [
                text_of(a)
                for a in self.raw.xpath("//a[contains(concat(' ', @rel, ' '), ' author ')]")
            ]
        if not names:
            names = visible_authors(self.region)
        out: list[str] = []
        for name in names:
            name = clean_text(re.sub(r"^by\s+", "", name, flags=re.I))
            if re.search(r"[A-Za-z]", name) and name not in out:
                out.append(name)
        return out

    def tags(self) -> list[str]:
        keywords = (
            self.article_node.get("keywords") or self.meta.first("keywords", "news_keywords") or []
        )
        if isinstance(keywords, str):
            keywords = keywords.split(",")
        tags = [clean_text(k) for k in keywords if isinstance(k, str) and clean_text(k)]
        tags += [
            clean_text(v) for k, v in self.meta.meta.items() if k == "article:tag" and clean_text(v)
        ]
        tags += [
            text_of(a)
            for a in select(self.region, "a[rel~=tag], .tags-links a, .field--name-field-tags a")
        ]
        return list(dict.fromkeys(t for t in tags if t))

    def summary(self) -> str | None:
        if summary := self.meta.first("og:description", "description", "twitter:description"):
            return summary
        if description := clean_text(string(self.article_node.get("description"))):
            return description
        paragraphs = [text_of(p) for element in self.body_parts for p in element.iter("p")]
        paragraphs = [p for p in paragraphs if p]
        # a dateline ("Geneva, 22 January 2026") is not a summary
        return next((p for p in paragraphs if len(p) >= 60 or not find_date(p)), None)

    def image(self) -> str | None:
        if image := absolute(
            self.meta.first("og:image", "og:image:url", "twitter:image"), self.base
        ):
            return image
        return self.meta.image(self.article_node.get("image"), self.base)

    def language(self) -> str | None:
        return clean_text(self.raw.get("lang") or self.raw.get("xml:lang")) or self.meta.first(
            "og:locale", "content-language"
        )

    def canonical_url(self) -> str | None:
        return self.meta.links.get("canonical") or absolute(self.meta.first("og:url"), self.base)

    def item(self) -> NewsItem | None:
        title = self.title()
        if not title:
            return None
        return NewsItem(
            source=self.source,
            url=self.url,
            title=title,
            canonical_url=self.canonical_url(),
            published=self.published(),
            updated=self.updated(),
            content_type=self.content_type(),
            authors=self.authors(),
            tags=self.tags(),
            summary=self.summary(),
            content_html=self.body,
            image=self.image(),
            language=self.language(),
        )


def _is_update_time(time: HtmlElement) -> bool:
    """``<time class="updated">``, or a time under a short caption like "Last Revised"."""
    if UPDATE_CAPTION.search(time.get("class", "")):
        return True
    for ancestor in list(time.iterancestors())[:2]:
        text = text_of(ancestor)
        if len(text) <= 80 and UPDATE_CAPTION.search(text):
            return True
    return False


def parse_article(html: str, url: str, source: str = "") -> NewsItem | None:
    """The page's news item, or None when it has no title at all. Never invents a date."""
    return ArticlePage(html, url, source).item()
