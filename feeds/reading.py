"""The reading page: ``index.html`` and one static page per partner and per shared type.

Pure: the site's name, the feed groups and each feed's entries in, ``(file name, bytes)``
out; no clock (the "last updated" time is the newest entry's), no files. Pages use
relative links only, so the folder can be served under any address; they need no
JavaScript; every value is escaped (entries were already sanitised by ``feeds.entries``).
Accessible by construction: ``lang``, landmarks (header, nav, main, footer), a skip
link, one ``h1`` and ordered headings, visible focus, contrast above 7:1, a fluid layout
that fits a 375 px phone.
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from feeds.build import FORMATS, ICON_NAME, FeedGroup, FeedMeta, feed_updated
from feeds.entries import FeedEntry, also_published_text, slugify
from spiders.pages.content_types import type_title

PARTNERS_DIR = "partners"
TYPES_DIR = "types"
TYPE_PREFIX = "type-"

_STYLE = (
    "*{box-sizing:border-box}"
    "body{margin:0;font:1rem/1.55 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
    "color:#1b1b1b;background:#fff;overflow-wrap:break-word}"
    ".wrap{max-width:52rem;margin:0 auto;padding:0 1rem}"
    "a{color:#0a4f8a}a:hover{color:#06325a}"
    "a:focus-visible{outline:3px solid #b3400a;outline-offset:2px;border-radius:2px}"
    ".skip{position:absolute;left:-100vw}.skip:focus{left:1rem;top:1rem;background:#fff;"
    "padding:.5rem;z-index:1}"
    ".site{background:#0b3d62;color:#fff;padding:1.25rem 0}.site a{color:#fff}"
    ".site h1{margin:0 0 .25rem;font-size:1.6rem;line-height:1.2}.site p{margin:.25rem 0}"
    ".updated{font-size:.9rem}"
    "nav{border-bottom:1px solid #c9d1d9;padding:.5rem 0}"
    "nav h2{font-size:.95rem;margin:.25rem 0}"
    "nav ul{list-style:none;margin:0 0 .5rem;padding:0;display:flex;flex-wrap:wrap;"
    "gap:.25rem 1rem}"
    "main h2{font-size:1.3rem;margin:1.25rem 0 .25rem}"
    ".entry{padding:1rem 0;border-bottom:1px solid #d0d7de;display:grid;gap:.5rem 1rem}"
    "@media (min-width:40rem){.entry.with-image{grid-template-columns:11rem 1fr}}"
    ".entry img{display:block;width:100%;max-width:100%;height:auto;aspect-ratio:16/9;"
    "object-fit:cover;border-radius:4px;background:#e8eef3}"
    ".entry h3{margin:0;font-size:1.1rem;line-height:1.3}"
    ".meta,.also{margin:.25rem 0;color:#444;font-size:.9rem}.summary{margin:.25rem 0}"
    ".feeds ul{padding-left:1.2rem}"
    "footer{margin:2rem 0;color:#444;font-size:.9rem}"
)


@dataclass(frozen=True)
class Site:
    """The network's name and one-line description (``[site]`` in sources.toml)."""

    title: str
    description: str


def partner_page(meta: FeedMeta) -> str:
    return f"{PARTNERS_DIR}/{meta.slug}.html"


def type_page(meta: FeedMeta) -> str:
    return f"{TYPES_DIR}/{meta.slug.removeprefix(TYPE_PREFIX)}.html"


def build_reading_pages(
    site: Site,
    groups: Sequence[FeedGroup],
    feeds: Sequence[tuple[FeedMeta, Sequence[FeedEntry]]],
) -> Iterator[tuple[str, bytes]]:
    """``index.html`` (the merged feed's entries), then ``partners/<source>.html`` and
    ``types/<type>.html``, one per feed of the "By partner" and "By type" groups.
    ``groups`` is ``[all, by partner, by type]`` as ``feeds.publish.read_feeds`` gives."""
    entries = {meta.slug: list(items) for meta, items in feeds}
    merged, partners, types = (list(g.feeds) for g in groups[:3])
    links = _Links(
        partners={m.slug: partner_page(m) for m in partners},
        types={m.slug.removeprefix(TYPE_PREFIX): type_page(m) for m in types},
    )
    home = merged[0]
    yield (
        "index.html",
        _page(site, links, groups, home, entries[home.slug], heading=None, depth=0),
    )
    for meta in partners:
        yield (
            partner_page(meta),
            _page(
                site, links, groups, meta, entries[meta.slug], heading=_label(meta, site), depth=1
            ),
        )
    for meta in types:
        yield (
            type_page(meta),
            _page(
                site, links, groups, meta, entries[meta.slug], heading=_label(meta, site), depth=1
            ),
        )


@dataclass(frozen=True)
class _Links:
    partners: Mapping[str, str]
    """Source slug -> page (relative to the output folder)."""
    types: Mapping[str, str]
    """Shared type slug -> page."""


def _label(meta: FeedMeta, site: Site) -> str:
    """A feed's title without the site's name in front ("IFMSA", "Publications")."""
    return meta.title.removeprefix(f"{site.title}: ")


def _page(
    site: Site,
    links: _Links,
    groups: Sequence[FeedGroup],
    meta: FeedMeta,
    entries: Sequence[FeedEntry],
    *,
    heading: str | None,
    depth: int,
) -> bytes:
    esc = html.escape
    up = "../" * depth
    title = f"{heading} · {site.title}" if heading else site.title
    newest = feed_updated(entries)
    updated = (
        f'<p class="updated">Last updated <time datetime="{newest.isoformat()}">'
        f"{esc(_day(newest))}</time></p>"
        if entries
        else ""
    )
    home_link = f'<a href="{up}index.html">{esc(site.title)}</a>' if depth else esc(site.title)
    intro = esc(meta.description) if heading else esc(site.description)
    body = "\n".join(_entry(e, links, up) for e in entries) or "<p>No entries yet.</p>"
    feed_links = " · ".join(
        f'<a href="{up}{esc(meta.slug)}.{fmt}" type="{FORMATS[fmt]}">{fmt.upper()}</a>'
        for fmt in meta.formats
    )
    alternates = "".join(
        f'<link rel="alternate" type="{FORMATS[fmt]}" title="{esc(meta.title)}" '
        f'href="{up}{esc(meta.slug)}.{fmt}">\n'
        for fmt in meta.formats
    )
    page = (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n"
        f'<meta name="description" content="{intro}">\n{alternates}'
        f'<link rel="icon" href="{up}{ICON_NAME}">\n'
        f'<link rel="outline" type="text/x-opml" title="All feeds" href="{up}feeds.opml">\n'
        f"<style>{_STYLE}</style>\n</head>\n<body>\n"
        '<a class="skip" href="#main">Skip to the entries</a>\n'
        f'<header class="site"><div class="wrap">\n<h1>{home_link}'
        + (f": {esc(heading)}" if heading else "")
        + f"</h1>\n<p>{intro}</p>\n{updated}\n</div></header>\n"
        + _nav(groups, links, up)
        + f'<main id="main" class="wrap">\n<h2>Latest entries</h2>\n'
        f"<p>Subscribe to this page: {feed_links}</p>\n{body}\n"
        + _feed_lists(groups, up)
        + "</main>\n"
        '<footer class="wrap"><p>Collected from the partners\' own websites by '
        "partnerwire. Every feed is listed in "
        f'<a href="{up}feeds.opml">feeds.opml</a>.</p></footer>\n'
        "</body>\n</html>\n"
    )
    return page.encode("utf-8")


def _day(when: datetime) -> str:
    """``1 December 2025``: the publisher's day, in words."""
    return f"{when.day} {when:%B %Y}"


def _nav(groups: Sequence[FeedGroup], links: _Links, up: str) -> str:
    esc = html.escape
    parts = ['<nav class="wrap" aria-label="Partners and types">']
    for heading, metas, pages, page_of in (
        ("Partners", groups[1].feeds, links.partners, partner_page),
        ("Types", groups[2].feeds, links.types, type_page),
    ):
        items = "".join(
            f'<li><a href="{up}{esc(page_of(meta))}">{esc(_short(meta))}</a></li>'
            for meta in metas
            if page_of(meta) in pages.values()
        )
        parts.append(f"<h2>{heading}</h2>\n<ul>{items}</ul>")
    parts.append("</nav>\n")
    return "\n".join(parts)


def _short(meta: FeedMeta) -> str:
    return meta.title.rsplit(": ", 1)[-1]


def _feed_lists(groups: Sequence[FeedGroup], up: str) -> str:
    esc = html.escape
    sections = []
    for group in groups:
        items = "".join(
            f"<li>{esc(meta.title)}: "
            + " · ".join(
                f'<a href="{up}{esc(meta.slug)}.{fmt}">{fmt.upper()}</a>' for fmt in meta.formats
            )
            + "</li>"
            for meta in group.feeds
        )
        sections.append(f"<h3>{esc(group.title)}</h3>\n<ul>{items}</ul>")
    return '<section class="feeds">\n<h2>Feeds</h2>\n' + "\n".join(sections) + "\n</section>\n"


def _entry(entry: FeedEntry, links: _Links, up: str) -> str:
    esc = html.escape
    summary = entry.summary or ""
    also_text = also_published_text(entry.also)
    if also_text and summary.endswith(also_text):  # merged entries carry it in the summary
        summary = summary.removesuffix(also_text).strip()
    source_slug = slugify(entry.source.id)
    source = esc(entry.source.label)
    if source_slug in links.partners:
        source = f'<a href="{up}{esc(links.partners[source_slug])}">{source}</a>'
    meta = [
        source,
        f'<time datetime="{esc(entry.published.isoformat())}">{esc(_day(entry.published))}</time>',
    ]
    if entry.type:
        kind = esc(type_title(entry.type))
        page = links.types.get(slugify(entry.type))
        meta.append(f'<a href="{up}{esc(page)}">{kind}</a>' if page else kind)
    if entry.content_type:
        meta.append(f"“{esc(entry.content_type)}”")
    image = (
        f'<img src="{esc(entry.image)}" alt="" loading="lazy" decoding="async">'
        if entry.image
        else ""
    )
    also = ""
    if entry.also:
        names = ", ".join(f'<a href="{esc(a.link)}">{esc(a.source.label)}</a>' for a in entry.also)
        also = f'<p class="also">Also published by {names}</p>'
    return (
        f'<article class="entry{" with-image" if image else ""}">{image}<div>\n'
        f'<h3><a href="{esc(entry.link)}">{esc(entry.title)}</a></h3>\n'
        f'<p class="meta">{" · ".join(meta)}</p>\n'
        + (f'<p class="summary">{esc(summary)}</p>\n' if summary else "")
        + f"{also}</div></article>"
    )
