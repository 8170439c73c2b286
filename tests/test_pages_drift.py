"""Configuration drift's pure part: the drift line, and where a page that is gone went."""

from __future__ import annotations

from spiders.pages import drift, parse_listing

HOME = "https://site.example/"
NAV = (
    '<html><body><nav class="menu"><a href="/">Home</a><a href="/wer-wir-sind/">Who we are</a>'
    '<a href="/latest">Latest news</a></nav>'
    '<link rel="alternate" type="application/rss+xml" href="/index.xml"></body></html>'
)


def test_the_drift_line_names_both_paths_or_says_none_was_found():
    assert (
        drift.drift_line("organisation_pages", "/about-ifmsa/", "/about-us/")
        == "organisation page /about-ifmsa/ is gone; found /about-us/"
    )
    assert (
        drift.drift_line("listing", "/news-insights", None, why="has no entries")
        == "listing /news-insights has no entries; no replacement found"
    )


def test_homepage_candidates_per_field():
    assert drift.homepage_candidates("organisation_pages", NAV, HOME)[0] == (
        "https://site.example/wer-wir-sind/"
    )
    assert drift.homepage_candidates("listing", NAV, HOME)[0] == "https://site.example/latest"
    assert drift.homepage_candidates("feed", NAV, HOME) == ["https://site.example/index.xml"]
    assert drift.homepage_candidates("sitemap", NAV, HOME) == []


def test_similar_urls_share_half_their_words_with_the_old_path():
    urls = [
        "https://site.example/news",
        "https://site.example/insights-and-stories/archive/2024",
        "https://site.example/articles/news-from-the-insights-team",
        "https://site.example/contact",
    ]
    assert drift.similar_urls("listing", "https://site.example/news-insights", urls) == [
        "https://site.example/news"
    ]


def test_an_organisation_page_is_replaced_by_an_about_page_not_a_press_release():
    urls = [
        "https://dth.example/articles/dth-lab-announces-a-partnership",
        "https://dth.example/who-we-are/",
        "https://dth.example/about/team/members/",
    ]
    assert drift.similar_urls("organisation_pages", "https://dth.example/about-dth-lab", urls) == [
        "https://dth.example/who-we-are/"
    ]


def test_a_listing_known_only_by_its_linked_headings():
    html = (
        "<html><body><h1>What's new</h1>"
        '<div class="n"><h2><a href="/notes/a">First note</a></h2><small>2026-01-14</small></div>'
        '<div class="n"><h2><a href="/notes/b">Second note</a></h2><small>2025-12-02</small></div>'
        '<p><a href="/whats-new?p=2">Next page</a></p></body></html>'
    )
    entries, next_page = parse_listing(html, "https://hand.example/whats-new")
    assert [(e.url, e.title, e.published) for e in entries] == [
        ("https://hand.example/notes/a", "First note", "2026-01-14"),
        ("https://hand.example/notes/b", "Second note", "2025-12-02"),
    ]
    assert next_page == "https://hand.example/whats-new?p=2"
