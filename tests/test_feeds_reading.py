"""feeds.reading: the index and the per-partner and per-type pages, built pure."""

from __future__ import annotations

from datetime import UTC, datetime

from feeds.build import FeedGroup, FeedMeta
from feeds.entries import AlsoPublished, FeedEntry, SourceInfo, merge_stories
from feeds.reading import Site, build_reading_pages

BASE = "http://wire.example/"
DTHLAB = SourceInfo("dthlab", "Digital Transformations for Health Lab", "DTH-Lab")
IFMSA = SourceInfo("ifmsa", "IFMSA full name", "IFMSA", "https://ifmsa.org")
SITE = Site("Test <Wire>", 'News & "more"')


def entry(n: int, source: SourceInfo, kind: str = "news", **changes) -> FeedEntry:
    when = datetime(2026, 1, n, 9, tzinfo=UTC)
    values = {
        "id": f"https://x.org/{source.id}/{n}",
        "title": f"Post {n}",
        "link": f"https://x.org/{source.id}/{n}",
        "published": when,
        "updated": when,
        "source": source,
        "type": kind,
        "content_type": "News & insights",
        "summary": f"Summary {n}.",
        **changes,
    }
    return FeedEntry(**values)


def pages(entries: list[FeedEntry]) -> dict[str, str]:
    def meta(slug, title):
        return FeedMeta(slug, title, f"About {title}.", BASE)

    merged = meta("all", SITE.title)
    partners = [meta(s.id, f"{SITE.title}: {s.label}") for s in (DTHLAB, IFMSA)]
    types = [meta("type-news", f"{SITE.title}: News"), meta("type-call", f"{SITE.title}: Calls")]
    groups = [
        FeedGroup("All partners", (merged,)),
        FeedGroup("By partner", tuple(partners)),
        FeedGroup("By type", tuple(types)),
    ]
    feeds = [
        (merged, merge_stories(entries)),
        *((m, [e for e in entries if e.source.id == m.slug]) for m in partners),
        *((m, [e for e in entries if f"type-{e.type}" == m.slug]) for m in types),
    ]
    return {name: data.decode() for name, data in build_reading_pages(SITE, groups, feeds)}


def test_one_index_and_a_page_per_partner_and_type():
    built = pages([entry(1, DTHLAB), entry(2, IFMSA, "call")])
    assert set(built) == {
        "index.html",
        "partners/dthlab.html",
        "partners/ifmsa.html",
        "types/news.html",
        "types/call.html",
    }
    assert "Post 2" in built["partners/ifmsa.html"]
    assert "Post 1" not in built["partners/ifmsa.html"]
    assert "Post 2" in built["types/call.html"]
    assert "Post 1" not in built["types/call.html"]


def test_pages_are_accessible_and_link_relatively():
    built = pages([entry(1, DTHLAB, image="https://x.org/a.jpg")])
    index, partner = built["index.html"], built["partners/dthlab.html"]
    for page in (index, partner):
        assert '<html lang="en">' in page
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
        for landmark in ("<header", "<nav", "<main", "<footer"):
            assert landmark in page
        assert page.count("<h1>") == 1
        assert "<script" not in page
        assert ":focus-visible{outline" in page
    assert '<img src="https://x.org/a.jpg" alt=""' in index
    assert 'href="all.atom"' in index
    assert 'href="partners/dthlab.html"' in index
    assert 'href="../all.atom"' in partner
    assert 'href="../index.html"' in partner
    assert 'href="../dthlab.rss"' in partner  # its own feeds


def test_every_value_is_escaped():
    hostile = entry(
        1,
        DTHLAB,
        title="<script>alert(1)</script>",
        summary='"><img src=x onerror=alert(2)>',
        content_type="<b>label</b>",
        link='https://x.org/"onmouseover="alert(3)',
    )
    index = pages([hostile])["index.html"]
    assert "<script>alert" not in index
    assert "<img src=x" not in index
    assert "<b>label" not in index
    assert '"onmouseover' not in index
    assert "Test &lt;Wire&gt;" in index
    assert "News &amp; &quot;more&quot;" in index


def test_also_published_by_is_named_once_with_links():
    story = [
        entry(1, DTHLAB, story_id="s1", id="a"),
        entry(2, IFMSA, story_id="s1", id="b", link="https://ifmsa.org/p/"),
    ]
    index = pages(story)["index.html"]
    assert index.count("Also published by") == 1
    assert 'Also published by <a href="https://ifmsa.org/p/">IFMSA</a>' in index
    assert "Summary 1.</p>" in index  # the story's text, without the appended sentence
    assert isinstance(merge_stories(story)[0].also[0], AlsoPublished)


def test_last_updated_is_the_newest_entry_never_now():
    built = pages([entry(3, DTHLAB), entry(1, IFMSA)])
    assert '<time datetime="2026-01-03T09:00:00+00:00">3 January 2026</time>' in built["index.html"]
    assert pages([entry(3, DTHLAB), entry(1, IFMSA)]) == built
