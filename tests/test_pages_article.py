"""Fixture tests: saved pages beside their expected fields (``*.expected.json``), one test
per field. Expected values were written by hand from the page, not produced by the code."""

import copy
import json
from pathlib import Path

import lxml.html
import pytest

from spiders.items import NewsItem
from spiders.pages import detect_platform, extract_page, merge_item, parse_article

DATA = Path(__file__).parent / "data" / "pages"
URLS = {
    "webflow_article": "https://www.dthlab.org/articles/dth-lab-announces-strategic-partnerships-with-ifmsa-and-ipsf",
    "webflow_article_nodate": "https://www.dthlab.org/articles/youth-statement-and-call-for-action",
    "wordpress_post": "https://ifmsa.org/ifmsa-and-dth-lab-formalise-partnership/",
    "drupal_news": "https://www.ipsf.org/node/512",
    "foreign_ghost": "https://blog.example.org/students-lead-digital-health/",
    "foreign_plain": "http://alliance.example.net/press/geneva.html",
    "foreign_newsarticle": "https://journal.example.fr/sante/alliance",
}


def read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def cases():
    for name, url in URLS.items():
        expected = json.loads(read(f"{name}.expected.json"))
        for field, value in expected.items():
            yield pytest.param(name, url, field, value, id=f"{name}-{field}")


@pytest.fixture(scope="module")
def items():
    return {
        name: parse_article(read(f"{name}.html"), url, source="test") for name, url in URLS.items()
    }


@pytest.mark.parametrize(("name", "url", "field", "expected"), list(cases()))
def test_field(items, name, url, field, expected):
    assert getattr(items[name], field) == expected


@pytest.mark.parametrize("name", list(URLS))
def test_source_and_url_are_passed_through(items, name):
    assert (items[name].source, items[name].url) == ("test", URLS[name])


@pytest.mark.parametrize(
    ("name", "platform"),
    [
        ("webflow_article", "webflow"),
        ("webflow_listing", "webflow"),
        ("wordpress_post", "wordpress"),
        ("wordpress_page_about", "wordpress"),
        ("drupal_news", "drupal"),
        ("drupal_listing", "drupal"),
        ("foreign_ghost", "unknown"),
        ("foreign_plain", "unknown"),
    ],
)
def test_detect_platform(name, platform):
    assert detect_platform(read(f"{name}.html")) == platform


# --- body -----------------------------------------------------------------------------
def test_webflow_body_keeps_the_text(items):
    assert "formalizing and extending five years" in items["webflow_article"].content_html


@pytest.mark.parametrize(
    "leftover",
    [
        "No items found.",
        "You may also like",
        "DTH-Lab Impact 2025",
        "w-dyn-bind-empty",
        "References",
    ],
)
def test_webflow_body_drops_cms_leftovers_and_related(items, leftover):
    assert leftover not in items["webflow_article"].content_html


def test_webflow_body_keeps_notes_to_editors(items):
    assert (
        "About the International Federation of Medical Students Associations (IFMSA)"
        in items["webflow_article"].content_html
    )


def test_webflow_title_not_in_body(items):
    assert "<h1" not in items["webflow_article"].content_html


@pytest.mark.parametrize(
    "leftover", ["Enquire now", "Share on X", "Related posts", "Recent Posts", "Posted in"]
)
def test_wordpress_body_drops_widgets(items, leftover):
    assert leftover not in items["wordpress_post"].content_html


def test_wordpress_body_keeps_about_paragraph(items):
    assert "About IFMSA" in items["wordpress_post"].content_html


def test_drupal_body_is_the_body_field(items):
    html = items["drupal_news"].content_html
    assert "synergistic partnership" in html
    assert "Recent news" not in html


def test_json_ld_body_drops_share_buttons(items):
    assert "Partager" not in items["foreign_newsarticle"].content_html


# --- dates are never taken from chrome or related lists --------------------------------
def test_nodate_page_ignores_nav_footer_and_related_dates(items):
    # the nav says "January 1, 2020", the footer "March 3, 2024", the related card "December 16, 2025"
    assert items["webflow_article_nodate"].published is None


def test_drupal_visible_date_without_time_element():
    item = parse_article(
        read("drupal_news_notime.html"),
        "https://www.ipsf.org/es/news/ipsf-and-dth-lab-strategic-partnership",
    )
    assert item.published == "2026-01-22T16:40:00+00:00"


def test_drupal_relative_canonical_is_made_absolute():
    item = parse_article(
        read("drupal_news_notime.html"),
        "https://www.ipsf.org/es/news/ipsf-and-dth-lab-strategic-partnership",
    )
    assert item.canonical_url == "https://www.ipsf.org/news/ipsf-and-dth-lab-strategic-partnership"


def test_title_site_suffix_is_stripped_only_when_it_is_the_site():
    # "Shaping our health futures - Regional ..." must keep its own " - "
    html = (
        '<html><head><meta property="og:site_name" content="DTH-Lab">'
        '<meta property="og:title" content="Shaping our health futures - Regional Youth Champions Impact Report | DTH-Lab">'
        "</head><body><p>x</p></body></html>"
    )
    item = parse_article(html, "https://www.dthlab.org/articles/x")
    assert item.title == "Shaping our health futures - Regional Youth Champions Impact Report"


def test_page_without_any_title_gives_none():
    assert parse_article("<html><body><p>just text</p></body></html>", "https://x.example/") is None


def test_by_dash_is_not_an_author():
    html = "<html><body><article><h1>T</h1><div>By -</div><p>Body text that is long enough to be the body of this item.</p></article></body></html>"
    assert parse_article(html, "https://x.example/a").authors == []


# --- extract_page decides the kind ------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "url", "kind"),
    [
        ("webflow_article", URLS["webflow_article"], "article"),
        ("webflow_article_nodate", URLS["webflow_article_nodate"], "article"),
        ("wordpress_post", URLS["wordpress_post"], "article"),
        ("drupal_news", URLS["drupal_news"], "article"),
        ("foreign_ghost", URLS["foreign_ghost"], "article"),
        ("foreign_plain", URLS["foreign_plain"], "article"),
        ("foreign_newsarticle", URLS["foreign_newsarticle"], "article"),
        ("webflow_listing", "https://www.dthlab.org/news-insights", "listing"),
        ("webflow_empty_list", "https://www.dthlab.org/events", "listing"),
        ("drupal_listing", "https://www.ipsf.org/news", "listing"),
        ("wordpress_page_about", "https://ifmsa.org/about-ifmsa/", "organisation"),
    ],
)
def test_extract_page_kind(name, url, kind):
    assert extract_page(read(f"{name}.html"), url).kind == kind


def test_extract_page_empty_list_has_no_item_and_no_entries():
    page = extract_page(read("webflow_empty_list.html"), "https://www.dthlab.org/events")
    assert (page.item, page.listing, page.next_page) == (None, [], None)


def test_extract_page_article_carries_about_sections():
    page = extract_page(read("webflow_article.html"), URLS["webflow_article"], source="dthlab")
    assert [o.acronym for o in page.organisations] == ["DTH-Lab", "IFMSA", "IPSF"]


def test_extract_page_article_lists_related_links_but_not_itself():
    page = extract_page(read("webflow_article.html"), URLS["webflow_article"])
    assert [e.url for e in page.listing] == [
        "https://www.dthlab.org/articles/shaping-our-health-futures-ryc-impact-report-2024-2025",
        "https://www.dthlab.org/articles/dth-lab-impact-2025",
    ]


def test_extract_page_other():
    html = '<html><head><meta name="generator" content="WordPress 6.7"></head><body><main><h1>Contact</h1><p>Write to us.</p></main></body></html>'
    assert extract_page(html, "https://ifmsa.org/contact/").kind == "other"


PLAIN_PAGE = (
    "<html><body><main><h1>{heading}</h1><p>"
    + "The federation brings together student associations from eighty countries. " * 5
    + "</p></main></body></html>"
)


@pytest.mark.parametrize(
    "path", ["/about", "/about-us", "/who-we-are", "/about-ifmsa/", "/fr/about-us.html"]
)
def test_about_address_makes_an_organisation_page(path):
    html = PLAIN_PAGE.format(heading="Our federation")
    assert extract_page(html, f"https://x.example{path}").kind == "organisation"


@pytest.mark.parametrize(
    "path",
    ["/news/what-we-know-about-digital-health/", "/about-us/exco/", "/articles/about-time-we-talk"],
)
def test_about_inside_an_address_is_not_an_organisation_page(path):
    html = PLAIN_PAGE.format(heading="Our federation")
    assert extract_page(html, f"https://x.example{path}").kind != "organisation"


def test_drupal_news_about_something_is_an_article():
    html = read("drupal_news.html").replace("<h1", "<h1>About the campaign</h1><h1", 1)
    page = extract_page(html, "https://www.ipsf.org/news/what-students-say-about-pharmacy")
    assert page.kind == "article"


def test_expect_organisation_reads_the_organisation_page():
    page = extract_page(
        read("webflow_article.html"), URLS["webflow_article"], expect="organisation"
    )
    assert (page.kind, page.item) == ("organisation", None)


def test_expect_item_never_gives_an_organisation():
    url = "https://ifmsa.org/about-ifmsa/"
    page = extract_page(read("wordpress_page_about.html"), url, expect="item")
    assert page.kind == "article"
    assert page.item.url == url


@pytest.mark.parametrize(
    ("name", "url", "kind"),
    [
        ("webflow_article", URLS["webflow_article"], "article"),
        ("wordpress_page_about", "https://ifmsa.org/about-ifmsa/", "organisation"),
        ("drupal_listing", "https://www.ipsf.org/news", "listing"),
    ],
)
def test_extract_page_parses_and_cleans_the_page_once(monkeypatch, name, url, kind):
    """The article, its About sections, the organisation and the listing readers share one
    parse and one clean-up (the page was parsed three times and copied whole three times)."""
    parses, whole_copies = [], []
    parse, deepcopy = lxml.html.document_fromstring, copy.deepcopy

    def counting_parse(*args, **kwargs):
        parses.append(1)
        return parse(*args, **kwargs)

    def counting_deepcopy(value, *args):
        if getattr(value, "tag", None) == "html":
            whole_copies.append(1)
        return deepcopy(value, *args)

    monkeypatch.setattr(lxml.html, "document_fromstring", counting_parse)
    monkeypatch.setattr(copy, "deepcopy", counting_deepcopy)
    page = extract_page(read(f"{name}.html"), url, source="test")
    # one copy to strip the chrome, one to strip hidden blocks and related lists
    assert (page.kind, len(parses), len(whole_copies)) == (kind, 1, 2)


# --- merge_item ---------------------------------------------------------------------------
def test_merge_item_page_wins_hint_fills_gaps():
    page = NewsItem(
        source="dthlab", url="https://x/a", title="Page title", published=None, authors=[]
    )
    hint = NewsItem(
        source="",
        url="https://x/a?utm=1",
        title="Feed title",
        published="2026-01-22T00:00:00+00:00",
        authors=["A"],
    )
    merged = merge_item(page, hint)
    assert (merged.title, merged.url, merged.source, merged.published, merged.authors) == (
        "Page title",
        "https://x/a",
        "dthlab",
        "2026-01-22T00:00:00+00:00",
        ["A"],
    )


def test_merge_item_returns_a_new_object():
    page = NewsItem(source="s", url="u", title="t")
    assert merge_item(page, NewsItem(source="", url="u", title="h")) is not page


def test_drupal_teaser_nodes_make_a_listing_not_an_article():
    teaser = '<article class="node node--type-news node--view-mode-teaser teaser"><h2><a href="/news/{0}">{0}</a></h2><div class="node__meta"><time datetime="2025-0{1}-01T10:00:00Z">x</time></div><p>Teaser text of the node that is long enough to look like a body paragraph for a generic reader.</p></article>'
    html = (
        '<html><head><meta name="Generator" content="Drupal 10 (https://www.drupal.org)"></head><body><main><h1>News</h1><div class="view-content">'
        + "".join(teaser.format(n, i) for i, n in enumerate(["one", "two"], 1))
        + "</div></main></body></html>"
    )
    page = extract_page(html, "https://www.ipsf.org/news")
    assert (page.kind, [e.url for e in page.listing]) == (
        "listing",
        ["https://www.ipsf.org/news/one", "https://www.ipsf.org/news/two"],
    )


def test_byline_with_and_is_one_author():
    html = '<html><body><article><h1>T</h1><div class="node__meta">By <span>IPSF Media and Publications</span>,</div><p>Body text that is long enough to be the body of this item.</p></article></body></html>'
    assert parse_article(html, "https://x.example/a").authors == ["IPSF Media and Publications"]


REVISED_ONLY = """<html><body><main>
<div class="c-page-title__meta">Cybersecurity Advisory</div>
<h1>Publicly available tools seen in incidents</h1>
<div class="c-field"><div class="c-field__label">Last Revised</div>
<div class="c-field__content"><time datetime="2020-06-30T12:00:00Z">June 30, 2020</time></div></div>
<div class="c-field"><div class="c-field__label">Alert Code</div>
<div class="c-field__content">AA18-284A</div></div>
<p>{body}</p></main></body></html>""".format(body="An advisory text. " * 30)


def test_a_revision_date_is_not_the_published_date():
    """A date captioned "Last Revised" (cisa.gov, Drupal 10) is an update, never publication."""
    page = extract_page(REVISED_ONLY, "https://example.gov/advisories/aa18-284a")
    assert page.kind == "article"
    assert page.item.published is None
    assert page.item.updated == "2020-06-30T12:00:00+00:00"


def test_field_captions_are_not_type_labels():
    item = parse_article(REVISED_ONLY, "https://example.gov/advisories/aa18-284a")
    assert item.content_type == "Cybersecurity Advisory"


def test_an_updated_line_under_the_title_is_not_the_published_date():
    html = (
        "<html><body><article><h1>Alliance statement</h1><p>Updated 3 March 2026</p>"
        "<p>Published 1 March 2026</p><div class='entry-content'><p>"
        + "Text. " * 80
        + "</p></div></article></body></html>"
    )
    assert parse_article(html, "https://example.org/x").published == "2026-03-01"
