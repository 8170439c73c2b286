"""spiders.pages.announced: an announced page is an item, whatever it looks like."""

from __future__ import annotations

from spiders.items import NewsItem
from spiders.pages import read_announced_item

URL = "https://www.dthlab.org/insights/a-short-note"
HINT = NewsItem(
    source="dthlab",
    url=URL,
    title="A short note (from the listing)",
    published="2026-01-22",
    summary="What the listing said.",
)


def page(head: str = "", body: str = "") -> str:
    return f"<html><head>{head}</head><body><div class='section'>{body}</div></body></html>"


SHORT = "<div class='rich-text-block'><p>Two sentences. That is all.</p></div>"


ARTICLE = page(
    '<meta property="og:type" content="article">'
    '<meta property="article:published_time" content="2026-01-21T17:00:00-07:00">',
    f"<article><h1>A short note</h1>{SHORT}</article>",
)


def test_page_values_win_and_the_hint_fills_the_gaps():
    item, _ = read_announced_item(ARTICLE, URL, source="dthlab", hint=HINT)
    assert (item.title, item.published) == ("A short note", "2026-01-21T17:00:00-07:00")
    assert "Two sentences" in (item.content_html or "")


def test_a_page_that_reads_as_no_item_keeps_the_hint_and_gives_its_body():
    html = page("<title>A short note | DTH-Lab</title>", f"<h3>A short note</h3>{SHORT}")
    item, _ = read_announced_item(html, URL, source="dthlab", hint=HINT)
    # since w6-extract an announced page with any title is an item: its <h3> title (which
    # its <title> agrees with) wins as every page value does; the hint fills the date
    assert (item.title, item.published) == ("A short note", HINT.published)
    assert "Two sentences" in (item.content_html or "")


def test_the_hint_alone_when_the_page_names_nothing():
    item, _ = read_announced_item(page(body=SHORT), URL, source="dthlab", hint=HINT)
    assert item.title == HINT.title


def test_the_pages_title_tag_when_neither_has_a_title():
    html = page('<meta property="og:title" content="Only in og:title">', SHORT)
    item, _ = read_announced_item(html, URL, source="dthlab")
    assert item.title == "Only in og:title"
    untitled_hint = NewsItem(source="dthlab", url=URL, title="", published="2026-01-22")
    item, _ = read_announced_item(
        page("<title>Only in title</title>", SHORT), URL, hint=untitled_hint
    )
    assert (item.title, item.published) == ("Only in title", "2026-01-22")


def test_nothing_with_a_title_is_none():
    assert read_announced_item(page(body=SHORT), URL, source="dthlab") == (None, [])


def test_the_pages_offset_wins_for_the_same_instant_as_the_feeds_utc():
    html = page(
        '<title>A short note</title><meta property="article:published_time" '
        'content="2025-11-20T23:30:00+02:00">',
        f"<h3>A short note</h3>{SHORT}",
    )
    same = NewsItem(
        source="x", url=URL, title="A short note", published="2025-11-20T21:30:00+00:00"
    )
    item, _ = read_announced_item(html, URL, hint=same)
    assert item.published == "2025-11-20T23:30:00+02:00"  # the publisher's Nov 20
    other = NewsItem(
        source="x", url=URL, title="A short note", published="2025-11-19T10:00:00+00:00"
    )
    item, _ = read_announced_item(html, URL, hint=other)
    # another instant: the page's own metadata wins, as on any page that reads as an item
    # (since w6-extract this <h3> page does)
    assert item.published == "2025-11-20T23:30:00+02:00"


def test_the_rest_apis_offset_wins_over_a_utc_meta_for_the_same_instant():
    # Yoast writes article:published_time in UTC; the REST API gives the site's +01:00
    rest = NewsItem(
        source="x", url=URL, title="A short note", published="2026-01-22T10:15:00+01:00"
    )
    yoast = ARTICLE.replace("2026-01-21T17:00:00-07:00", "2026-01-22T09:15:00+00:00")
    item, _ = read_announced_item(yoast, URL, hint=rest)
    assert item.published == "2026-01-22T10:15:00+01:00"
    later = NewsItem(
        source="x", url=URL, title="A short note", published="2026-01-23T10:15:00+01:00"
    )
    item, _ = read_announced_item(yoast, URL, hint=later)
    assert item.published == "2026-01-22T09:15:00+00:00"  # another instant: the page's
