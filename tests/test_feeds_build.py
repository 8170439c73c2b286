"""feeds.entries + feeds.build: pure, byte-stable, safe; checked against golden files."""

from __future__ import annotations

import html
import json
import os
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from feeds.build import EPOCH, FeedMeta, build_atom, build_json, build_rss
from feeds.entries import (
    SourceInfo,
    build_entries,
    clean_html,
    merge_stories,
    plain_text,
    safe_url,
    slugify,
)
from pipeline.archive.stories import cluster_items
from pipeline.normalise import normalise_item
from spiders.items import NewsItem
from spiders.pages.dates import aware_datetime
from spiders.pages.text import sanitise_html

DATA = Path(__file__).parent / "data" / "feeds"
FIRST_SEEN = "2026-02-01T00:00:00+00:00"
META = FeedMeta("all", "partnerwire", "News from every partner.", "http://127.0.0.1:8080/")


def fixed_entries():
    data = json.loads((DATA / "archive_items.json").read_text())
    sources = {
        s["id"]: SourceInfo(s["id"], s["name"], s["acronym"], s["homepage"])
        for s in data["sources"]
    }
    rows = [{**item, "id": n, "first_seen": FIRST_SEEN} for n, item in enumerate(data["items"], 1)]
    stories = cluster_items(rows)
    rows = [{**row, "story_id": stories[row["id"]]} for row in rows]
    return build_entries(rows, sources)


@pytest.mark.parametrize(
    ("name", "builder"),
    [("all.atom", build_atom), ("all.rss", build_rss), ("all.json", build_json)],
)
def test_golden_merged_feeds(name, builder):
    """Regenerate with PARTNERWIRE_UPDATE_GOLDEN=1 after a deliberate change; review the diff."""
    produced = builder(merge_stories(fixed_entries()), META)
    golden = DATA / name
    if os.environ.get("PARTNERWIRE_UPDATE_GOLDEN"):
        golden.write_bytes(produced)
    assert produced == golden.read_bytes()


def test_building_twice_gives_the_same_bytes():
    entries = merge_stories(fixed_entries())
    for builder in (build_atom, build_rss, build_json):
        assert builder(entries, META) == builder(list(entries), META)


def test_entries_keep_the_given_order_newest_first():
    entries = merge_stories(fixed_entries())
    parsed = feedparser.parse(build_atom(entries, META))
    assert [e.id for e in parsed.entries] == [e.id for e in entries]
    dates = [e.published for e in entries]
    assert dates == sorted(dates, reverse=True)


def test_an_empty_feed_is_dated_epoch_not_now():
    for builder in (build_atom, build_rss):
        parsed = feedparser.parse(builder([], META))
        assert parsed.bozo == 0
        assert parsed.entries == []
    assert b"<updated>1970-01-01T00:00:00+00:00</updated>" in build_atom([], META)
    assert EPOCH.tzinfo is UTC


def test_merged_lead_is_the_earliest_copy():
    entries = fixed_entries()
    merged = merge_stories(entries)
    story = next(e for e in merged if e.also)
    assert story.source.id == "dthlab"
    assert [a.source.id for a in story.also] == ["ifmsa", "ipsf"]
    assert story.updated == datetime(2026, 1, 23, 10, tzinfo=UTC)
    assert story.summary.endswith("Also published by IFMSA, IPSF.")
    assert len(story.item_ids) == 3
    assert len(merged) == len(entries) - 2


def test_plain_text_keeps_text_drops_controls_and_caps_length():
    # the archive holds text: a title about a tag is not markup, an entity is not decoded
    assert plain_text("Using the <br> tag\x00\x1f in  emails") == "Using the <br> tag in emails"
    assert plain_text("AT&T &copy") == "AT&T &copy"
    assert plain_text("A < B and C > D") == "A < B and C > D"
    capped = plain_text("x" * 1_000_000, 300)
    assert len(capped) == 300
    assert capped.endswith("…")


def test_titles_are_capped_as_the_archive_caps_them():
    title = "Partnership news \u200b" + "word " * 200  # zero-width junk, then 1,000 characters
    row = {"id": 1, "source": "x", "url": "https://x.org/a", "published": FIRST_SEEN}
    [entry] = build_entries([{**row, "title": title}], {})
    assert entry.title == normalise_item(NewsItem(source="x", url=row["url"], title=title)).title
    assert 300 < len(entry.title) <= 500
    assert entry.title.endswith("word…")


def test_clean_html_drops_scripts_handlers_and_javascript_links():
    cleaned = clean_html(
        '<p onclick="x()">a<script>bad()</script><a href="javascript:x()">l</a><img src="https://e.org/i.png" onerror="x()"></p>'
    )
    assert "script" not in cleaned
    assert "onclick" not in cleaned
    assert "onerror" not in cleaned
    assert "javascript" not in cleaned
    assert 'src="https://e.org/i.png"' in cleaned


def test_clean_html_is_the_archive_policy_with_links_against_the_item_page():
    row = {
        "id": 1,
        "source": "x",
        "url": "https://ifmsa.org/news/x/",
        "published": FIRST_SEEN,
        "title": "t",
        "content_html": '<div><span>Hi</span></div><p><a href="../about/">About</a>'
        '<img src="pic.png" alt=""></p>',
    }
    [entry] = build_entries([row], {})
    assert entry.content_html == sanitise_html(row["content_html"], row["url"])
    assert "<div" not in entry.content_html
    assert "<span" not in entry.content_html
    assert 'href="https://ifmsa.org/news/about/"' in entry.content_html
    assert 'src="https://ifmsa.org/news/x/pic.png"' in entry.content_html
    assert clean_html('<p><a href="/about/">About</a></p>') == "<p>About</p>"  # no base: no link


def test_safe_url_keeps_only_absolute_http():
    assert safe_url("https://ifmsa.org/x/") == "https://ifmsa.org/x/"
    for bad in (
        "javascript:alert(1)",
        "/relative",
        "data:text/html,x",
        "https://",
        "http://a b/",
        None,
        "",
    ):
        assert safe_url(bad) is None


def test_dates_and_slugs():
    assert aware_datetime("2026-01-22T16:40:00Z") == datetime(2026, 1, 22, 16, 40, tzinfo=UTC)
    assert aware_datetime("2026-01-22T17:40:00+01:00") == datetime(2026, 1, 22, 16, 40, tzinfo=UTC)
    assert aware_datetime("2026-01-22") == datetime(2026, 1, 22, tzinfo=UTC)
    assert aware_datetime("January 22") is None
    assert slugify("News & insights") == "news-insights"
    assert slugify("Journal article") == "journal-article"


def test_entries_without_a_link_or_any_date_are_left_out():
    sources = {}
    rows = [
        {
            "id": 1,
            "source": "x",
            "title": "no link",
            "url": "javascript:x",
            "published": FIRST_SEEN,
        },
        {"id": 2, "source": "x", "title": "no date", "url": "https://x.org/2"},
        {"id": 3, "source": "x", "title": "", "url": "https://x.org/3", "first_seen": FIRST_SEEN},
    ]
    entries = build_entries(rows, sources)
    assert [e.title for e in entries] == ["(untitled)"]
    assert entries[0].source.name == "x"


def test_plain_text_fields_reach_every_format_as_text():
    row = {
        "id": 1,
        "source": "x",
        "url": "https://x.org/br",
        "published": FIRST_SEEN,
        "title": "Using the <br> tag in emails",
        "summary": "AT&T <b>bold</b> claims",
    }
    [entry] = build_entries([row], {})
    atom = etree.fromstring(build_atom([entry], META))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert atom.findtext("a:entry/a:title", namespaces=ns) == row["title"]
    assert atom.findtext("a:entry/a:summary", namespaces=ns) == row["summary"]
    rss = etree.fromstring(build_rss([entry], META))
    assert rss.findtext("channel/item/title") == row["title"]
    # RSS readers take <description> as HTML: the text is escaped so it shows as written
    assert html.unescape(rss.findtext("channel/item/description")) == row["summary"]
    assert "<b>" not in rss.findtext("channel/item/description")
    [item] = json.loads(build_json([entry], META))["items"]
    assert (item["title"], item["content_text"]) == (row["title"], row["summary"])


def test_feed_dates_keep_the_publishers_offset():
    rows = [
        {
            "id": 1,
            "source": "x",
            "title": "Evening in Seattle",
            "url": "https://x.org/1",
            "published": "2020-04-07T17:10:46-07:00",
        },
        {
            "id": 2,
            "source": "x",
            "title": "A date only",
            "url": "https://x.org/2",
            "published": "2020-04-06",
        },
    ]
    entries = build_entries(rows, {})
    assert [e.title for e in entries] == ["Evening in Seattle", "A date only"]
    atom = etree.fromstring(build_atom(entries, META))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert atom.findtext("a:entry/a:published", namespaces=ns) == "2020-04-07T17:10:46-07:00"
    # a date-only value is written as midnight of that day in UTC
    assert atom.findall("a:entry/a:published", namespaces=ns)[1].text == (
        "2020-04-06T00:00:00+00:00"
    )
    rss = etree.fromstring(build_rss(entries, META))
    assert rss.findtext("channel/item/pubDate") == "Tue, 07 Apr 2020 17:10:46 -0700"
    [first, second] = json.loads(build_json(entries, META))["items"]
    assert first["date_published"] == "2020-04-07T17:10:46-07:00"
    assert second["date_published"] == "2020-04-06T00:00:00+00:00"
    for builder in (build_atom, build_rss):
        parsed = feedparser.parse(builder(entries, META))
        # feedparser reads the offset: the instant is right (April 8, 00:10 UTC)
        assert tuple(parsed.entries[0].published_parsed)[:6] == (2020, 4, 8, 0, 10, 46)
        assert "-07:00" in parsed.entries[0].published or "-0700" in parsed.entries[0].published
