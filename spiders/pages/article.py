"""One news item out of an item page, in the web-poet manner: a generic article page
whose fields are read in layers (metadata, platform selectors, the visible page, then
trafilatura/htmldate), and one small page class per platform overriding only what its
platform knows, with its selectors as data (``platforms.py``). Each field is its own small
function with its layers in order; ``sources`` says which layer gave each field."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from ..items import NewsItem
from .body import body_elements, body_html
from .byline import (
    BYLINE_START,
    CAPTION,
    ORGANISATION_WORD,
    UPDATE_CAPTION,
    byline_names,
    captioned_as_update,
    labelled_date,
    visible_authors,
    visible_date,
    visible_label,
)
from .content_types import type_of_schema
from .dates import find_date, in_publishers_zone, parse_date, parse_epoch
from .document import HtmlDocument
from .dom import (
    absolute,
    has_name,
    main_region,
    select,
    text_longer_than,
    text_of,
    title_element,
)
from .generic import read_generic
from .metadata import (
    ARTICLE_TYPES,
    ORGANISATION_TYPES,
    PUBLISHED_METAS,
    UPDATED_METAS,
    string,
    types_of,
)
from .platforms import (
    DRUPAL,
    GENERIC,
    WEBFLOW,
    WORDPRESS,
    PlatformSelectors,
    detect_platform,
    drupal_node_type,
)
from .text import clean_line

MAX_SITE_NAME = 40  # characters after " | " in a <title> taken for the site's name
TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ")


Candidate = tuple[str, object]  # (layer, value)
# publication dates marked up in the body: microdata and RDFa (Blogger's abbr, Drupal 7)
PUBLISHED_MARKUP = (
    "[itemprop=datePublished]:not(meta), [property~='dc:date'], [property~='dc:created'], "
    "[property~='schema:datePublished']"
)
# an element whose class/id names it the author (not "author-bio" or "about-the-author")
AUTHOR_TOKENS = frozenset({"author", "byline", "username"})
AUTHOR_PAIRS = frozenset({("user", "name"), ("author", "name"), ("field", "author")})
MAX_AUTHOR = 80
# an attribute holding the item's date: data-published, data-date, data-publish-date,
# data-timestamp, data-pubdate, data-created-at
DATE_ATTRIBUTE = re.compile(
    r"^data-(?:[a-z]+-)*(?:published|publish|pubdate|date|datetime|timestamp|created|posted)"
    r"(?:-[a-z]+)*$"
)
# the author layers where the page presents a name as the byline
BYLINE_LAYERS = frozenset({"microdata", "rel-author", "byline", "data-author", "visible"})
# the date layers that are the page's own markup, not its metadata
PAGE_OWN = frozenset({"app-state", "microdata", "time", "attribute", "platform"})
HAS_OFFSET = re.compile(r"(Z|[+-]\d{2}:?\d{2})$", re.I)
METADATA_FIRST = ("json-ld", "og:title", "h1", "heading", "title", "trafilatura")


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _same_title(one: str, other: str) -> bool:
    """Two titles agree: equal once case and punctuation are set aside, or one is the
    other with something (a site name, a kicker) before or after it."""
    a, b = _key(one), _key(other)
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    return short == long or (len(short) >= 15 and (long.startswith(short) or long.endswith(short)))


class ArticlePage(HtmlDocument):
    """A parsed item page; ``item()`` builds the NewsItem. Input: html + url only.

    The generic article page of any CMS: each field is read in layers, best evidence
    first (the page's metadata, then ``selectors`` of the platform, then the visible page,
    then the libraries' generic reading). Platform pages below override only ``selectors``
    and the fields their platform knows. ``sources`` records which layer gave each field.
    ``body``: the content HTML; ``body_parts``: the cleaned body elements it was made of.
    """

    platform = "unknown"
    selectors: PlatformSelectors = GENERIC

    def __init__(self, html: str | bytes | HtmlElement, url: str, source: str = "") -> None:
        super().__init__(html, url)
        self.source = source
        self.sources: dict[str, str] = {}
        self.article_node = self.meta.node(ARTICLE_TYPES) or {}
        self.generic = read_generic(self.raw, url)
        heading = title_element(self.region)
        self.heading = heading if heading is not None else title_element(self.root)
        self.body, self.body_parts = self._read_body()

    def _first(self, name: str, candidates: Iterable[Candidate]) -> object:
        """The first non-empty candidate's value; its layer is recorded in ``sources``."""
        for layer, value in candidates:
            if callable(value):
                value = value()
            if value:
                self.sources[name] = layer
                return value
        return None

    # --- fields -------------------------------------------------------------------
    def _read_body(self) -> tuple[str | None, list[HtmlElement]]:
        elements, layer = body_elements(
            self.root, (*self.selectors.body, *GENERIC.body), self.generic.paragraph_length
        )
        if not elements and self.generic.body is not None:
            elements, layer = [self.generic.body], "trafilatura"
        html, parts = body_html(elements)
        if html:
            self.sources["text"] = layer
        return html, parts

    def site_names(self) -> set[str]:
        names = {
            self.meta.first("og:site_name", "application-name", "apple-mobile-web-app-title"),
            self.generic.site_name,
        }
        for node in self.meta.jsonld:
            if {"WebSite", *ORGANISATION_TYPES} & types_of(node):
                names.update(self.meta.names(node))
        return {n.casefold() for n in names if n}

    def _is_site(self, text: str) -> bool:
        """``text`` names the site: its og:site_name/JSON-LD name, or its host ("DTH-Lab"
        on dthlab.org)."""
        if text.casefold() in self.site_names():
            return True
        letters = re.sub(r"[\W_]", "", text.casefold())
        host = re.sub(r"[\W_]", "", (urlsplit(self.url).hostname or "").casefold())
        return len(letters) >= 3 and letters in host

    def strip_site(self, title: str | None) -> str | None:
        """``title`` without the site's name before or after a separator ("Title | Site",
        "Site - Title"); after " | " any short last part is taken for the site's name."""
        title = clean_line(title)
        if not title:
            return None
        heading = text_of(self.heading).casefold()
        for separator in TITLE_SEPARATORS:
            if separator not in title:
                continue
            head, _, tail = title.rpartition(separator)
            if self._is_site(tail) or head.casefold() == heading:
                return head.strip()
            if separator == " | " and len(tail) <= MAX_SITE_NAME < len(head):
                return head.strip()
            head, _, tail = title.partition(separator)  # "Site - Title"
            if self._is_site(head) or tail.casefold() == heading:
                return tail.strip()
        return title

    def _subheading(self, others: list[str]) -> str | None:
        """An h2/h3 that is the article's title (pages whose h1 is the site's name or
        none at all): the first one the page's other titles agree with, or the first one
        when the page names no title anywhere else."""
        headings = [text_of(h) for h in self.region.iter("h2", "h3")]
        headings = [h for h in headings if h and len(h) <= 300]
        for heading in headings:
            if any(_same_title(heading, other) for other in others):
                return heading
        return None if others else next(iter(headings), None)

    def title_candidates(self) -> list[Candidate]:
        """Every title the page states, in the order that breaks ties."""
        title_tag = self.raw.find(".//title")
        found: list[Candidate] = [
            ("h1", text_of(title_element(self.region))),
            ("json-ld", clean_line(string(self.article_node.get("headline")))),
            ("og:title", self.strip_site(self.meta.first("og:title", "twitter:title"))),
            ("title", self.strip_site(text_of(title_tag) if title_tag is not None else "")),
            ("trafilatura", self.strip_site(self.generic.title)),
        ]
        found = [(layer, value) for layer, value in found if value]
        subheading = self._subheading([str(value) for _, value in found])
        if subheading:  # a visible heading wins ties, after the h1
            found.insert(1 if found and found[0][0] == "h1" else 0, ("heading", subheading))
        if not found and self.heading is not None:
            found.append(("h1", text_of(self.heading)))  # an h1 outside the main region
        return found

    def title(self) -> str | None:
        """The title most of the page's titles agree with; ties go to the visible h1, then
        metadata. A JSON-LD ``headline`` that is a description agrees with nothing. Among
        titles with the same words, metadata's spelling is kept."""
        return self._title

    @functools.cached_property
    def _title(self) -> str | None:
        """``title()``, read once per page (the page and its item both ask)."""
        candidates = self.title_candidates()
        if not candidates:
            return None
        # trafilatura's title is one of the others read again: it is a candidate, not a voter
        voters = [str(value) for layer, value in candidates if layer != "trafilatura"]
        votes = [
            sum(_same_title(str(value), other) for other in voters) - (layer != "trafilatura")
            for layer, value in candidates
        ]
        best = max(range(len(candidates)), key=lambda index: (votes[index], -index))
        # the same words spelled alike: metadata's spelling first (JSON-LD writes "'"
        # where WordPress's h1 shows "’")
        same = [c for c in candidates if _key(str(c[1])) == _key(str(candidates[best][1]))]
        spelling = min(same, key=lambda c: METADATA_FIRST.index(c[0]))
        return str(self._first("title", [spelling]))

    def published(self) -> str | None:
        candidates: list[Candidate] = [
            ("json-ld", string(self.article_node.get("datePublished"))),
            *(("json-ld", string(n.get("datePublished"))) for n in self.meta.jsonld),
            ("meta", self.meta.first(*PUBLISHED_METAS)),
            ("app-state", self.meta.app_published),
            *(("microdata", _date_of(e)) for e in select(self.raw, PUBLISHED_MARKUP)),
            *(("time", t.get("datetime")) for t in self._times() if not _is_update_time(t)),
            *(("attribute", value) for value in self._date_attributes()),
            *(
                ("platform", _date_of(e))
                for e in self._platform(self.selectors.published, as_published=True)
            ),
        ]
        dates = [(layer, raw, parse_date(raw) or parse_epoch(raw)) for layer, raw in candidates]
        dates = [(layer, raw, value) for layer, raw, value in dates if value]
        if dates:
            layer, value = self._in_publishers_zone(*_with_offset(dates), dates)
            self.sources["published"] = layer
            return value
        return self._first(
            "published",
            [
                ("visible", lambda: visible_date(self.region)),
                ("htmldate", lambda: parse_date(self.generic.published)),
                ("labelled", lambda: labelled_date(self.region)),
            ],
        )

    def _in_publishers_zone(
        self, layer: str, value: str, dates: list[tuple[str, str, str]]
    ) -> tuple[str, str]:
        """Metadata's UTC instant gives way to the page's own reading of it: a
        ``<time datetime>`` or date attribute with the publisher's offset for the same
        instant, or the day shown in the article's header when it is the next or the
        previous day (``dates.in_publishers_zone``)."""
        if len(value) <= 10 or not value.endswith(("+00:00", "Z")):
            return layer, value
        own = [(other_layer, other) for other_layer, _, other in dates if other_layer in PAGE_OWN]
        for other_layer, other in own:
            if len(other) > 10 and (found := in_publishers_zone(value, other)) != value:
                return other_layer, found
        heading = title_element(self.region)
        header = heading.getparent() if heading is not None else None
        shown = [t.get("datetime") for t in header.iter("time")] if header is not None else []
        days = [("time", lambda t=t: parse_date(t)) for t in shown]
        for other_layer, read in [*days, ("visible", lambda: visible_date(self.region))]:
            other = read()
            if other and len(other) == 10 and (found := in_publishers_zone(value, other)) != value:
                return other_layer, found
        return layer, value

    def updated(self) -> str | None:
        candidates: list[Candidate] = [
            ("json-ld", string(self.article_node.get("dateModified"))),
            *(("json-ld", string(n.get("dateModified"))) for n in self.meta.jsonld),
            ("meta", self.meta.first(*UPDATED_METAS)),
            *(("time", t.get("datetime")) for t in self._times() if _is_update_time(t)),
        ]
        return self._first("updated", ((layer, parse_date(v)) for layer, v in candidates))

    def _date_attributes(self) -> list[str]:
        """Dates held in attributes of the article or its header
        (``<article data-published="…">``, ``data-date``, ``data-timestamp``), never an
        update's (``data-modified``)."""
        article = self.raw_region
        holders = [article, *article.iter("article", "header")]
        return [
            value
            for holder in holders
            for name, value in holder.attrib.items()
            if DATE_ATTRIBUTE.match(name) and not UPDATE_CAPTION.search(name.replace("-", " "))
        ]

    @functools.cached_property
    def raw_region(self) -> HtmlElement:
        """The main region of the page as parsed, before chrome removal (found once)."""
        return main_region(self.raw)

    def _times(self) -> list[HtmlElement]:
        """``time[datetime]`` inside the article, the title's block first."""
        heading = title_element(self.region)
        header = heading.getparent() if heading is not None else None
        near = header.xpath(".//time[@datetime]") if header is not None else []
        return near + self.region.xpath(".//time[@datetime]")

    def _platform(self, selectors: tuple[str, ...], *, as_published: bool = False) -> list:
        """The platform's elements in the article (``as_published``: before chrome
        removal, as WordPress keeps the date in the article's ``<footer>``)."""
        article = self.raw_region if as_published else self.region
        return [e for selector in selectors for e in select(article, selector)]

    def platform_type(self) -> str | None:
        """The content type as only the platform knows it (Drupal's node type)."""
        return None

    def content_type(self) -> str | None:
        section = self.article_node.get("articleSection")
        section = string(section[0] if isinstance(section, list) and section else section)
        return self._first(
            "type",
            [
                ("json-ld", clean_line(section)),
                ("meta", self.meta.first("article:section")),
                ("platform", lambda: self.platform_type()),
                *(("platform", text_of(a)) for a in self._platform(self.selectors.content_type)),
                ("visible", lambda: visible_label(self.region)),
            ],
        )

    def schema_type(self) -> str | None:
        """The shared type the page's JSON-LD ``@type`` says (``ScholarlyArticle`` ->
        ``journal-article``, an ``Event`` node -> ``event``), or None."""
        return type_of_schema(t for node in self.meta.jsonld for t in sorted(types_of(node)))

    def _author_candidates(self) -> Iterator[Candidate]:
        yield "json-ld", self.meta.names(self.article_node.get("author", []))
        author = self.meta.first("author", "article:author", "dc.creator", "parsely-author")
        yield "meta", [author] if author and not author.startswith("http") else []
        microdata = select(self.region, "[itemprop~=author]:not(meta)")
        yield "microdata", [text_of(_named(e)) for e in microdata]
        rel = self.region.xpath(".//a[contains(concat(' ', @rel, ' '), ' author ')]")
        yield "rel-author", [_byline_of(a) for a in rel]
        named = [e for e in self.region.iter() if has_name(e, AUTHOR_TOKENS, AUTHOR_PAIRS)]
        yield "byline", [_byline_of(e) for e in named if len(text_of(e)) <= MAX_AUTHOR]
        attributes = self.region.xpath("descendant-or-self::*[@data-author or @data-byline]")
        yield "data-author", [e.get("data-author") or e.get("data-byline") for e in attributes]
        yield "visible", visible_authors(self.region)
        yield "trafilatura", self.generic.authors

    def _publishers(self) -> set[str]:
        """The organisations the page names as its publisher: JSON-LD ``publisher``, metas,
        ``og:site_name``, links to an organisation's page ("From: <a href=/organisations/…>")."""
        names = self.meta.names(self.article_node.get("publisher", []))
        names += [self.meta.first("publisher", "og:site_name") or ""]
        links = self.raw.xpath(
            "//a[contains(@href, '/organisations/') or contains(@href, '/organizations/')]"
        )
        names += [text_of(a) for a in links]
        # an organisation's name only: a personal blog's site name is its author's
        return {_key(name) for name in names if name and ORGANISATION_WORD.search(name)}

    def authors(self) -> list[str]:
        publishers = None
        for layer, names in self._author_candidates():
            out: list[str] = []
            for name in (part for value in names for part in byline_names(value)):
                if layer not in BYLINE_LAYERS:  # a publisher is an author only in a byline
                    publishers = self._publishers() if publishers is None else publishers
                    # the publisher's name, or a piece of it (trafilatura splits on "and")
                    if any(f" {_key(name)} " in f" {known} " for known in publishers):
                        continue
                if re.search(r"[^\W\d_]", name) and name.casefold() != "by" and name not in out:
                    out.append(name)
            if out:
                self.sources["authors"] = layer
                return out
        return []

    def tags(self) -> list[str]:
        keywords = (
            self.article_node.get("keywords") or self.meta.first("keywords", "news_keywords") or []
        )
        if isinstance(keywords, str):
            keywords = keywords.split(",")
        tags = [clean_line(k) for k in keywords if isinstance(k, str) and clean_line(k)]
        tags += [
            clean_line(v) for k, v in self.meta.meta.items() if k == "article:tag" and clean_line(v)
        ]
        if tags:
            self.sources["tags"] = "metadata"
        visible = [text_of(a) for a in self._platform((*self.selectors.tags, *GENERIC.tags))]
        if visible and not tags:
            self.sources["tags"] = "platform"
        return list(dict.fromkeys(t for t in tags + visible if t))

    def _first_paragraph(self) -> str | None:
        paragraphs = [text_of(p) for element in self.body_parts for p in element.iter("p")]
        paragraphs = [p for p in paragraphs if p]
        # a dateline ("Geneva, 22 January 2026") is not a summary
        return next((p for p in paragraphs if len(p) >= 60 or not find_date(p)), None)

    def summary(self) -> str | None:
        return self._first(
            "summary",
            [
                ("meta", self.meta.first("og:description", "description", "twitter:description")),
                ("json-ld", clean_line(string(self.article_node.get("description")))),
                ("body", lambda: self._first_paragraph()),
            ],
        )

    def image(self) -> str | None:
        return self._first(
            "image",
            [
                (
                    "meta",
                    absolute(
                        self.meta.first("og:image", "og:image:url", "twitter:image"), self.base
                    ),
                ),
                ("json-ld", self.meta.image(self.article_node.get("image"), self.base)),
            ],
        )

    def language(self) -> str | None:
        return self._first(
            "language",
            [
                ("html-lang", clean_line(self.raw.get("lang") or self.raw.get("xml:lang"))),
                ("meta", self.meta.first("og:locale", "content-language")),
            ],
        )

    def canonical_url(self) -> str | None:
        return self._first(
            "canonical_url",
            [
                ("link", self.meta.links.get("canonical")),
                ("og:url", absolute(self.meta.first("og:url"), self.base)),
            ],
        )

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
            type=self.schema_type(),
            authors=self.authors(),
            tags=self.tags(),
            summary=self.summary(),
            content_html=self.body,
            image=self.image(),
            language=self.language(),
        )


class WebflowArticlePage(ArticlePage):
    """A Webflow CMS item: the rich-text block is the body."""

    platform = "webflow"
    selectors = WEBFLOW


class WordPressArticlePage(ArticlePage):
    """A WordPress post: ``.entry-content``, ``time.entry-date``, category links."""

    platform = "wordpress"
    selectors = WORDPRESS


class DrupalArticlePage(ArticlePage):
    """A Drupal node: the body field, and the node type as the content type."""

    platform = "drupal"
    selectors = DRUPAL

    def platform_type(self) -> str | None:
        node_type = drupal_node_type(self.raw)
        if not node_type or node_type == "page":
            return None
        return node_type.replace("_", " ").replace("-", " ").capitalize()


PAGE_CLASSES: dict[str, type[ArticlePage]] = {
    page.platform: page
    for page in (ArticlePage, WebflowArticlePage, WordPressArticlePage, DrupalArticlePage)
}


def article_page(html: str | bytes | HtmlElement, url: str, source: str = "") -> ArticlePage:
    """The page object for ``html``'s platform (the generic article page for any other)."""
    return PAGE_CLASSES.get(detect_platform(html), ArticlePage)(html, url, source)


def _named(element: HtmlElement) -> HtmlElement:
    """A microdata person's ``itemprop=name`` element, or the element itself."""
    found = select(element, "[itemprop~=name]")
    return found[0] if found else element


def _byline_of(element: HtmlElement) -> str:
    """The whole "By ..." line an author element stands in, so that the people named
    beside it are read too ("By <a rel=author>A</a> and <a>B</a>"); else its own text."""
    parent = element.getparent()
    line = text_of(parent) if parent is not None else ""
    if len(line) <= MAX_AUTHOR and BYLINE_START.match(line) and text_of(element) in line:
        return line
    return text_of(element)


def _date_of(element: HtmlElement) -> str | None:
    return (
        element.get("datetime")
        or element.get("content")
        or element.get("title")
        or text_of(element)
    )


def _with_offset(dates: list[tuple[str, str, str]]) -> tuple[str, str]:
    """(layer, date) of the first date; when it was written without an offset and a later
    one gives the same wall-clock time with one (``sailthru.date`` "2025-07-08 06:00:00"
    and ``<time datetime="2025-07-08T06:00:00-07:00">``), the later one: the offset is the
    publisher's."""
    layer, raw, value = dates[0]
    if not HAS_OFFSET.search(raw.strip()):
        for other_layer, other_raw, other in dates[1:]:
            if HAS_OFFSET.search(other_raw.strip()) and other[:16] == value[:16]:
                return other_layer, other
    return layer, value


def _is_update_time(time: HtmlElement) -> bool:
    """``<time class="updated">``, or a time under a short caption like "Last Revised"."""
    if UPDATE_CAPTION.search(time.get("class", "")):
        return True
    own = text_of(time)
    for ancestor in list(time.iterancestors())[:2]:
        if text_longer_than(ancestor, 80):
            continue  # an article or a section, not a caption's line
        text = text_of(ancestor)
        if len(text) <= 80 and UPDATE_CAPTION.search(text):
            # the caption nearest before the time decides ("Updated: … Published: <time>")
            before = text[: text.index(own)] if own and own in text else text
            return captioned_as_update(before) or not CAPTION.search(before)
    return False


def parse_article(html: str, url: str, source: str = "") -> NewsItem | None:
    """The page's news item, or None when it has no title at all. Never invents a date."""
    return article_page(html, url, source).item()
