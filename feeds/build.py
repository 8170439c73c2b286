"""Feed text from entries: Atom and RSS via feedgen, JSON Feed 1.1, OPML, an HTML index.

Pure: ``FeedEntry`` objects and a ``FeedMeta`` in, bytes out; no clock, no files.
The same input always gives the same bytes (the feed's ``updated`` is its newest
entry's, never now), which is what lets ``publish`` skip unchanged files.
"""

from __future__ import annotations

import html
import json
import mimetypes
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem
from lxml import etree

from feeds.entries import FeedEntry, also_published_text, slugify
from spiders.pages.dates import format_http_date

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
"""``updated`` of a feed with no entries: fixed, so an empty feed is byte-stable too."""
GENERATOR = "partnerwire"
FEED_ID_PREFIX = "tag:partnerwire,2026:feed:"
FORMATS = {
    "atom": "application/atom+xml",
    "rss": "application/rss+xml",
    "json": "application/feed+json",
}
ATOM_NS = "http://www.w3.org/2005/Atom"
ICON_NAME = "icon.svg"
ICON_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">'
    b'<rect width="64" height="64" rx="12" fill="#1f5f8b"/>'
    b'<path d="M14 44a6 6 0 1 1 0 .01M12 28a24 24 0 0 1 24 24h-7a17 17 0 0 0-17-17zM12 14'
    b'a38 38 0 0 1 38 38h-7a31 31 0 0 0-31-31z" fill="#fff"/></svg>\n'
)


@dataclass(frozen=True)
class FeedMeta:
    """What a feed says about itself. ``slug`` names its files (``<slug>.atom`` ...)."""

    slug: str
    title: str
    description: str
    base_url: str
    home_page: str | None = None
    language: str = "en"
    hub: str | None = None
    source_feeds: bool = True
    """Link each entry's RSS ``<source url>`` to that partner's own feed here."""
    formats: tuple[str, ...] = tuple(FORMATS)
    """The formats this feed is written in (``organisations.atom`` is Atom only)."""

    def url(self, fmt: str) -> str:
        return urljoin(self.base_url, f"{self.slug}.{fmt}")

    @property
    def feed_id(self) -> str:
        return FEED_ID_PREFIX + self.slug

    @property
    def alternate(self) -> str:
        return self.home_page or urljoin(self.base_url, "index.html")

    @property
    def icon(self) -> str:
        return urljoin(self.base_url, ICON_NAME)


def feed_updated(entries: Iterable[FeedEntry]) -> datetime:
    """The newest entry's ``updated`` (or ``EPOCH`` for an empty feed), never now."""
    return max((e.updated for e in entries), default=EPOCH)


def _image_type(url: str) -> str:
    guessed, _ = mimetypes.guess_type(urlsplit(url).path)
    return guessed if guessed and guessed.startswith("image/") else "image/jpeg"


class _LinksExtension(BaseExtension):
    """Feed side of ``_LinksEntryExtension`` (feedgen wants both halves)."""


class _LinksEntryExtension(BaseEntryExtension):
    """Atom entry links with their attributes.

    feedgen 1.0's ``atom_entry`` drops every attribute but ``href`` from entry links
    (a shadowed loop variable), which turns related/enclosure links into duplicate
    alternates. Entries get their alternate link from feedgen and the rest from here.
    """

    def __init__(self) -> None:
        self.links: list[dict[str, str]] = []
        self.source: AtomSource | None = None

    def extend_atom(self, entry: etree._Element) -> etree._Element:
        for link in self.links:
            xml_elem("link", entry, **link)
        if self.source:
            source = xml_elem("source", entry)
            xml_elem("id", source).text = self.source.id
            xml_elem("title", source).text = self.source.title
            xml_elem("updated", source).text = self.source.updated.isoformat()
            for rel, href, kind in self.source.links:
                xml_elem("link", source, rel=rel, href=href, type=kind)
        return entry


@dataclass(frozen=True)
class AtomSource:
    """An Atom entry's ``<source>`` (RFC 4287 4.2.11): the partner's own feed here, with
    the four children the W3C validator asks for: id, title, updated and links."""

    id: str
    title: str
    updated: datetime
    links: tuple[tuple[str, str, str], ...]
    """(rel, href, type) of each link."""


def atom_source(entry: FeedEntry, meta: FeedMeta) -> AtomSource:
    """The entry's partner as the feed it came from: the id of its feed here, its name,
    links to that feed and to the partner's homepage. ``updated`` is the entry's own:
    the partner's feed was at least that new when the entry was taken from it, and a
    merged or type feed whose entries did not change stays byte-identical when the
    partner publishes something else."""
    source = entry.source
    slug = slugify(source.id) or "unknown"
    links = []
    if meta.source_feeds:
        links.append(("self", urljoin(meta.base_url, f"{slug}.atom"), FORMATS["atom"]))
    links.append(("alternate", source.homepage or entry.link, "text/html"))
    return AtomSource(
        id=FEED_ID_PREFIX + slug,
        title=source.name,
        updated=entry.updated,
        links=tuple(links),
    )


def _generator(entries: Sequence[FeedEntry], meta: FeedMeta, fmt: str) -> FeedGenerator:
    fg = FeedGenerator()
    fg.load_extension("media")
    fg.register_extension("links", _LinksExtension, _LinksEntryExtension, atom=True, rss=False)
    fg.id(meta.feed_id)
    fg.title(meta.title)
    fg.description(meta.description)
    fg.language(meta.language)
    fg.generator(GENERATOR)
    fg.icon(meta.icon)
    fg.updated(feed_updated(entries))
    fg.link(href=meta.url(fmt), rel="self", type=FORMATS[fmt])
    if meta.hub:
        fg.link(href=meta.hub, rel="hub")
    fg.link(href=meta.alternate, rel="alternate", type="text/html")  # last: RSS <link>
    return fg


def _add_entries(fg: FeedGenerator, entries: Sequence[FeedEntry], meta: FeedMeta, fmt: str) -> None:
    for entry in entries:
        fe = fg.add_entry(order="append")
        fe.guid(entry.id, permalink=entry.id == entry.link)
        fe.title(entry.title)
        fe.link(href=entry.link, rel="alternate", type="text/html")
        for also in entry.also:
            fe.links.links.append(
                {
                    "href": also.link,
                    "rel": "related",
                    "type": "text/html",
                    "title": also.source.label,
                }
            )
        fe.published(entry.published)
        fe.updated(entry.updated)
        if fmt == "atom":
            people = [{"name": a} for a in entry.authors]
            fe.author(people or [{"name": entry.source.name, "uri": entry.source.homepage}])
        else:
            for author in entry.authors:
                fe.dc.dc_creator(author)
        for category in entry.categories:
            fe.category(term=category, label=category)
        description = entry.summary or also_published_text(entry.also) or entry.title
        if fmt == "atom":
            if entry.summary:
                fe.summary(entry.summary)
        else:
            fe.description(html.escape(description, quote=False))  # RSS reads it as HTML
        if entry.content_html:
            fe.content(entry.content_html, type="html" if fmt == "atom" else None)
        if entry.image and fmt == "atom":
            fe.links.links.append(
                {"href": entry.image, "rel": "enclosure", "type": _image_type(entry.image)}
            )
        elif entry.image:
            fe.enclosure(entry.image, "0", _image_type(entry.image))
        if entry.image:
            fe.media.content(
                {"url": entry.image, "medium": "image", "type": _image_type(entry.image)},
                group=None,
            )
        if fmt == "atom":
            fe.links.source = atom_source(entry, meta)
            continue
        source_url = entry.source.homepage or entry.link
        if meta.source_feeds:
            source_url = urljoin(meta.base_url, f"{entry.source.id}.rss")
        fe.source(url=source_url, title=entry.source.name)


def build_atom(entries: Sequence[FeedEntry], meta: FeedMeta) -> bytes:
    """Atom 1.0, entries in the given order (sort them first)."""
    fg = _generator(entries, meta, "atom")
    _add_entries(fg, entries, meta, "atom")
    return fg.atom_str(pretty=True)


def build_rss(entries: Sequence[FeedEntry], meta: FeedMeta) -> bytes:
    """RSS 2.0 with ``content:encoded``, ``dc:creator``, ``<source url>``, enclosures."""
    fg = _generator(entries, meta, "rss")
    fg.load_extension("dc", atom=False, rss=True)
    _add_entries(fg, entries, meta, "rss")
    text = fg.rss_str(pretty=True)
    if not meta.hub:
        return text
    # feedgen writes only rel="self" into RSS; WebSub needs rel="hub" there too.
    root = etree.fromstring(text)
    channel = root.find("channel")
    self_link = channel.find(f"{{{ATOM_NS}}}link")
    hub = etree.Element(f"{{{ATOM_NS}}}link", href=meta.hub, rel="hub")
    self_link.addnext(hub)
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _json_item(entry: FeedEntry, meta: FeedMeta) -> dict:
    sources = [
        {"id": s.id, "name": s.name, "acronym": s.acronym, "url": s.homepage} for s in entry.sources
    ]
    item: dict = {"id": entry.id, "url": entry.link, "title": entry.title}
    if entry.content_html:
        item["content_html"] = entry.content_html
    else:
        item["content_text"] = entry.summary or entry.title
    if entry.summary:
        item["summary"] = entry.summary
    if entry.image:
        item["image"] = entry.image
    item["date_published"] = entry.published.isoformat()
    item["date_modified"] = entry.updated.isoformat()
    item["authors"] = [{"name": a} for a in entry.authors] + [
        {"name": s.name, "url": s.homepage} if s.homepage else {"name": s.name}
        for s in entry.sources
    ]
    if entry.categories:
        item["tags"] = list(entry.categories)
    if entry.language:
        item["language"] = entry.language
    item["_partnerwire"] = {
        "about": meta.alternate,
        "source": entry.source.id,
        "sources": sources,
        "also_published": [{"source": a.source.id, "url": a.link} for a in entry.also],
        "story_id": entry.story_id,
        "content_type": entry.content_type,
        "type": entry.type,
    }
    return item


def build_json(entries: Sequence[FeedEntry], meta: FeedMeta) -> bytes:
    """JSON Feed 1.1 from the same entries (feedgen has no JSON Feed)."""
    feed: dict = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": meta.title,
        "home_page_url": meta.alternate,
        "feed_url": meta.url("json"),
        "description": meta.description,
        "icon": meta.icon,
        "favicon": meta.icon,
        "language": meta.language,
        "authors": [{"name": GENERATOR, "url": urljoin(meta.base_url, "index.html")}],
    }
    if meta.hub:
        feed["hubs"] = [{"type": "WebSub", "url": meta.hub}]
    feed["items"] = [_json_item(e, meta) for e in entries]
    return (json.dumps(feed, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


BUILDERS = {"atom": build_atom, "rss": build_rss, "json": build_json}


@dataclass(frozen=True)
class FeedGroup:
    """A heading in the OPML list and the index page, and the feeds under it."""

    title: str
    feeds: tuple[FeedMeta, ...]


def build_opml(groups: Sequence[FeedGroup], title: str, updated: datetime = EPOCH) -> bytes:
    """OPML 2.0 listing every feed in every format, grouped as given."""
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    etree.SubElement(head, "dateModified").text = format_http_date(updated)
    body = etree.SubElement(root, "body")
    for group in groups:
        outline = etree.SubElement(body, "outline", text=group.title, title=group.title)
        for meta in group.feeds:
            for fmt in meta.formats:
                etree.SubElement(
                    outline,
                    "outline",
                    type="rss",
                    text=f"{meta.title} ({fmt.upper()})",
                    title=f"{meta.title} ({fmt.upper()})",
                    xmlUrl=meta.url(fmt),
                    htmlUrl=meta.alternate,
                    language=meta.language,
                )
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
