from pathlib import Path

import pytest

from spiders.pages import ListingEntry, parse_listing

DATA = Path(__file__).parent / "data" / "pages"


def listing(name: str, url: str):
    return parse_listing((DATA / name).read_text(encoding="utf-8"), url)


@pytest.fixture(scope="module")
def webflow():
    return listing("webflow_listing.html", "https://www.dthlab.org/news-insights")


def test_webflow_cards(webflow):
    assert webflow[0] == [
        ListingEntry(
            "https://www.dthlab.org/articles/dth-lab-announces-strategic-partnerships-with-ifmsa-and-ipsf",
            "DTH-Lab announces strategic partnerships with IFMSA and IPSF to strengthen the future health workforce",
            "2026-01-22",
            "News & insights",
        ),
        ListingEntry(
            "https://www.dthlab.org/articles/shaping-our-health-futures-ryc-impact-report-2024-2025",
            "Shaping our health futures - Regional Youth Champions Impact Report 2024-2025",
            "2026-01-15",
            "Publication",
        ),
        ListingEntry(
            "https://www.dthlab.org/articles/new-rules-are-required-for-whos-engagement-with-big-tech",
            "New rules are required for WHO’s engagement with Big Tech",
            "2025-08-15",
            "Journal article",
        ),
    ]


def test_webflow_next_page_joins_query_onto_listing_url(webflow):
    assert webflow[1] == "https://www.dthlab.org/news-insights?4f3a9c1e_page=2"


def test_webflow_menu_links_are_not_entries(webflow):
    assert "https://www.dthlab.org/articles/pinned-in-menu" not in [e.url for e in webflow[0]]


def test_empty_webflow_list():
    assert listing("webflow_empty_list.html", "https://www.dthlab.org/events") == ([], None)


def test_drupal_views_rows_and_pager():
    entries, next_page = listing("drupal_listing.html", "https://www.ipsf.org/news")
    assert [(e.url, e.title, e.published) for e in entries] == [
        (
            "https://www.ipsf.org/news/ipsf-and-dth-lab-strategic-partnership",
            "IPSF and DTH-Lab sign strategic partnership",
            "2026-01-22T16:40:00+00:00",
        ),
        (
            "https://www.ipsf.org/news/world-congress-2025",
            "IPSF World Congress 2025",
            "2025-08-01T10:00:00+00:00",
        ),
    ]
    assert next_page == "https://www.ipsf.org/news?page=1"


def test_drupal_next_page_from_second_page():
    _, next_page = listing("drupal_listing.html", "https://www.ipsf.org/news?page=0")
    assert next_page == "https://www.ipsf.org/news?page=1"


def test_generic_article_cards_and_link_rel_next():
    html = """<html><head><link rel="next" href="/blog/page/2/"></head><body><main>
    <article class="card"><h2><a href="/blog/one/">One</a></h2><p>Posted 3 Nov 2025</p><span class="category">Opinion</span></article>
    <article class="card"><h2><a href="/blog/two/">Two</a></h2><time datetime="2025-10-01T12:00:00Z">1 Oct</time></article>
    </main></body></html>"""
    entries, next_page = parse_listing(html, "https://blog.example.org/blog/")
    assert [(e.url, e.title, e.published, e.content_type) for e in entries] == [
        ("https://blog.example.org/blog/one/", "One", "2025-11-03", "Opinion"),
        ("https://blog.example.org/blog/two/", "Two", "2025-10-01T12:00:00+00:00", None),
    ]
    assert next_page == "https://blog.example.org/blog/page/2/"


def test_list_items_with_dates():
    html = '<html><body><div id="content"><ul><li><a href="a.html">Alliance founded</a> 4 June 2015</li><li><a href="b.html">Geneva meeting</a> 22 January 2026</li></ul></div></body></html>'
    entries, _ = parse_listing(html, "http://alliance.example.net/press/")
    assert [(e.url, e.published) for e in entries] == [
        ("http://alliance.example.net/press/a.html", "2015-06-04"),
        ("http://alliance.example.net/press/b.html", "2026-01-22"),
    ]


def test_a_bad_link_costs_only_its_card():
    html = (
        "<html><body><main>"
        '<div class="views-row"><h3><a href="http://[::1/evil">Lost</a></h3>'
        "<time datetime='2026-01-02'>2 Jan 2026</time></div>"
        '<div class="views-row"><h3><a href="/news/kept">Kept</a></h3>'
        "<time datetime='2026-01-01'>1 Jan 2026</time></div>"
        '<a rel="next" href="http://x:99999/page/2">Next</a>'
        "</main></body></html>"
    )
    bad: list[str] = []
    entries, next_page = parse_listing(html, "https://x.example/news", bad)
    assert [(e.title, e.url) for e in entries] == [("Kept", "https://x.example/news/kept")]
    assert next_page is None
    assert bad == ["http://[::1/evil", "http://x:99999/page/2"]


def test_role_listitem_cards_and_an_older_posts_link():
    html = (
        '<html><body><div role="list" class="collection-list">'
        '<div role="listitem" class="collection-item"><a href="/insights/a">'
        '<h3 class="card-heading">First</h3></a><div class="card-date">January 22, 2026</div></div>'
        '<div role="listitem" class="collection-item"><a href="/insights/b">'
        '<h3 class="card-heading">Second</h3></a></div></div>'
        '<div class="pager-wrap"><a href="?page=1" class="pager-link">Newer posts</a>'
        '<a href="?page=3" class="pager-link">Older posts</a></div></body></html>'
    )
    entries, next_page = parse_listing(html, "https://x.example/news?page=2")
    assert [(e.url, e.title, e.published) for e in entries] == [
        ("https://x.example/insights/a", "First", "2026-01-22"),
        ("https://x.example/insights/b", "Second", None),
    ]
    assert next_page == "https://x.example/news?page=3"
