"""The layers of extraction on hand-made hard pages (tests/data/pages/layers/): each page
holds one way real pages broke the old readers. Expected values were written from the
page's markup; ``sources`` says which layer must have given each field."""

import re
from pathlib import Path

import lxml.html
import pytest

from spiders.pages import extract_page
from spiders.pages.dates import in_publishers_zone
from spiders.pages.dom import has_name, is_chrome_name, strip_chrome, text_longer_than, text_of
from spiders.pages.metadata import read_metadata

LAYERS = Path(__file__).parent / "data" / "pages" / "layers"
URL = "https://example.org/news/curriculum"
TITLE = "Curriculum framework drafted in Lisbon"


def announced(name: str, url: str = URL):
    page = extract_page((LAYERS / f"{name}.html").read_text(encoding="utf-8"), url, expect="item")
    assert page.kind == "article"
    return page


def classified(name: str, url: str = URL):
    return extract_page((LAYERS / f"{name}.html").read_text(encoding="utf-8"), url)


# --- announced pages are items -------------------------------------------------------
def test_title_in_an_h3_with_a_short_body_and_no_date_is_an_item():
    page = announced("h3_title")
    assert page.item.title == "Volunteers wanted for the autumn campaign"
    assert page.sources["title"] == "heading"
    assert page.item.published is None


def test_the_same_page_unannounced_is_not_taken_for_an_article():
    page = classified("h3_title")
    assert page.kind == "other"
    assert "main text" in page.reason


def test_a_listing_page_announced_as_an_item_still_gives_one():
    html = (Path(__file__).parent / "data" / "pages" / "drupal_listing.html").read_text()
    assert extract_page(html, "https://www.ipsf.org/news").kind == "listing"
    assert extract_page(html, "https://www.ipsf.org/news", expect="item").item.title == "News"


def test_a_page_without_any_title_gives_no_item():
    page = extract_page("<html><body><p>just text</p></body></html>", URL, expect="item")
    assert (page.kind, page.item) == ("other", None)


# --- titles ------------------------------------------------------------------------
def test_a_json_ld_headline_that_is_a_description_does_not_beat_the_h1():
    page = announced("headline_description")
    assert page.item.title == TITLE
    assert page.sources["title"] != "json-ld"  # h1 and og:title agree; og:title's spelling


# --- chrome and body -----------------------------------------------------------------
def test_metadata_spelling_of_the_same_title_is_kept():
    html = (
        '<html><head><script type="application/ld+json">{"@type": "Article", '
        '"headline": "Students\' Day"}</script></head><body><article>'
        "<h1>Students\u2019 Day</h1><p>text</p></article></body></html>"
    )
    page = extract_page(html, URL, expect="item")
    assert (page.item.title, page.sources["title"]) == ("Students' Day", "json-ld")


def test_layout_wrappers_named_sidebar_keep_the_article():
    page = announced("sidebar_wrapper")
    assert page.item.title == TITLE
    assert page.sources["title"] == "h1"
    assert page.item.published.startswith("2025-05-14")
    assert "Students from forty countries" in page.item.content_html
    assert "autumn assembly" in page.item.content_html
    assert "Sidebar teaser" not in page.item.content_html


def test_a_tiny_article_body_container_does_not_win_over_the_real_body():
    page = announced("tiny_article_body")
    assert "Students from forty countries" in page.item.content_html
    assert "autumn assembly" in page.item.content_html
    assert page.sources["text"] != "selector:[itemprop=articleBody]"


@pytest.mark.parametrize(
    ("markup", "chrome"),
    [
        ('<div class="sidebar">', True),
        ('<div class="main-nav">', True),
        ('<div id="site-footer">', True),
        ('<div class="content-sidebar-wrap">', False),
        ('<div class="sidebar-and-content-body">', False),
        ('<div class="navigator-story">', False),  # "nav" inside a word is not a token
        ('<div class="menuitem-photo">', False),
        ('<span class="today">', True),  # the visitor's date, not the page's
    ],
)
def test_chrome_class_names_match_as_tokens(markup, chrome):
    assert is_chrome_name(lxml.html.fragment_fromstring(markup + "</div>")) is chrome


def test_a_chrome_named_wrapper_around_the_article_is_kept():
    root = lxml.html.document_fromstring(
        '<html><body><div class="panel-sidebar-right"><article><h1>T</h1><p>text</p>'
        '</article></div><div class="sidebar">teaser</div></body></html>'
    )
    cleaned = text_of(strip_chrome(root))
    assert "text" in cleaned
    assert "teaser" not in cleaned


@pytest.mark.parametrize(
    ("markup", "widget"),
    [
        ('<div class="share-buttons">', True),
        ('<div class="jp-relatedposts">', True),
        ('<div class="you-may-like">', True),
        ('<div class="elementor-widget-container">', False),
        ('<div class="shareholder-report">', False),
    ],
)
def test_widget_class_names_match_as_tokens(markup, widget):
    from spiders.pages.dom import WIDGET_PAIRS, WIDGET_TOKENS

    element = lxml.html.fragment_fromstring(markup + "</div>")
    assert has_name(element, WIDGET_TOKENS, WIDGET_PAIRS) is widget


# --- dates -----------------------------------------------------------------------------
def test_json_ld_inside_cdata_is_read():
    page = announced("cdata_jsonld")
    assert page.item.published == "2025-05-14T18:30:00+02:00"
    assert page.item.authors == ["Inês Moreira"]
    assert page.sources["published"] == "json-ld"


@pytest.mark.parametrize(
    "wrapped",
    [
        '<![CDATA[{"@type": "Article", "headline": "H"}]]>',
        '//<![CDATA[\n{"@type": "Article", "headline": "H"}\n//]]>',
        '/* <![CDATA[ */ {"@type": "Article", "headline": "H"} /* ]]> */',
        '<!-- {"@type": "Article", "headline": "H"} -->',
    ],
)
def test_json_ld_wrappers(wrapped):
    root = lxml.html.document_fromstring(
        f'<html><head><script type="application/ld+json">{wrapped}</script></head></html>'
    )
    assert read_metadata(root, URL).jsonld == [{"@type": "Article", "headline": "H"}]


@pytest.mark.parametrize(
    ("name", "published"),
    [("pdate_meta", "2025-05-14"), ("parsely_date", "2025-05-14T09:30:00-04:00")],
)
def test_date_metas_are_read_with_their_offset(name, published):
    page = announced(name)
    assert page.item.published == published
    assert page.sources["published"] == "meta"


def test_a_date_in_the_body_text_is_never_taken_for_the_publication_date():
    # "Since January 1, 2020" opens the text; htmldate reads it when let loose on the body
    page = announced("undated_since")
    assert page.item.published is None
    assert "published" not in page.sources


def test_a_date_in_the_url_path_is_the_publishers():
    page = announced("undated_since", "https://example.org/2024/05/12/mentoring/")
    assert page.item.published == "2024-05-12"
    assert page.sources["published"] == "htmldate"


# --- provenance ------------------------------------------------------------------------
def test_every_filled_field_says_where_it_came_from():
    page = announced("cdata_jsonld")
    item = page.item
    filled = {
        name
        for name in ("title", "published", "authors", "summary", "language")
        if getattr(item, name)
    }
    assert filled <= set(page.sources)
    assert page.sources["text"]


def test_a_read_also_line_between_paragraphs_is_not_body():
    html = (
        "<html><body><article><h1>Clinic opens</h1><div class='entry-content'>"
        "<p>The student clinic opened its doors on Monday to the first twenty patients.</p>"
        "<p><strong>Lire aussi :</strong> <a href='/other/'>Another story entirely</a></p>"
        "<p>It will open every weekday afternoon until the end of the academic year.</p>"
        "</div></article></body></html>"
    )
    body = extract_page(html, URL, expect="item").item.content_html
    assert "twenty patients" in body
    assert "weekday afternoon" in body
    assert "Another story" not in body


def test_a_short_article_keeps_its_container_when_trafilatura_reads_more_than_the_body():
    # trafilatura adds the share box and the related links of a short post to its text;
    # the post's own container must still win over trafilatura's wider reading
    related = "".join(f"<li><a href='/n/{i}/'>Related story number {i}</a></li>" for i in range(8))
    html = (
        "<html><body><div class='wrap'><h1>Helpline launched</h1>"
        "<div class='post-content'><p>A free helpline for students went live today.</p>"
        "<p>It is open every evening from six until midnight.</p></div>"
        "<div class='fusion-sharing-box'>Share this story Facebook LinkedIn Email</div>"
        f"<div class='related-posts'><h4>Related Posts</h4><ul>{related}</ul></div>"
        "</div></body></html>"
    )
    page = extract_page(html, URL, expect="item")
    assert page.sources["text"] == "selector:.post-content"
    assert "Share this story" not in page.item.content_html


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        # microdata: the person's itemprop=name
        (
            '<p>by <span itemprop="author"><span itemprop="name">Rachel Nguyen</span></span></p>',
            ["Rachel Nguyen"],
        ),
        # a byline element named by its class, two people joined by "y"
        (
            '<span class="entry-author">Javier Ortega y Lucía Navarro</span>',
            ["Javier Ortega", "Lucía Navarro"],
        ),
        # a byline running on into the date and the category
        (
            '<p class="byline">By Communications Team | Aug 25, 2025 | News</p>',
            ["Communications Team"],
        ),
    ],
)
def test_authors_from_the_article_markup(byline, authors):
    html = (
        f"<html><body><article><h1>Clinic opens</h1>{byline}"
        "<p>The student clinic opened its doors on Monday to the first patients.</p>"
        "</article></body></html>"
    )
    assert extract_page(html, URL, expect="item").item.authors == authors


def test_paragraphs_spread_over_page_builder_blocks_are_all_kept():
    # five paragraphs in one widget, three more in widgets of their own (Elementor): the
    # densest block holds five of eight; trafilatura's text is the body
    paragraphs = [
        f"<p>Paragraph {number} of the report tells what the federation's assembly decided "
        "about exchanges, with enough words to count as the article's own text.</p>"
        for number in range(8)
    ]
    blocks = ["".join(paragraphs[:5]), *paragraphs[5:]]
    widgets = "".join(
        "<section class='elementor-section'><div class='elementor-widget-container'>"
        f"{block}</div></section>"
        for block in blocks
    )
    html = (
        "<html><body><div class='elementor'><section><div class='elementor-widget-container'>"
        f"<h1>Assembly report</h1></div></section>{widgets}</div></body></html>"
    )
    page = extract_page(html, URL, expect="item")
    assert all(f"Paragraph {number} " in page.item.content_html for number in range(8))
    assert page.sources["text"] == "trafilatura"


def test_a_readers_comment_date_is_never_the_articles():
    html = (
        "<html><body><article><h1>Clinic opens</h1><p>The student clinic opened its doors "
        "on Monday to the first twenty patients of the term.</p>"
        "<div id='comments' class='comments-area'><ol class='comment-list'><li class='comment'>"
        "<div class='comment-meta'><b>Ana</b> <time datetime='2026-02-21T10:00:00+00:00'>"
        "February 21, 2026</time></div><p>Great news!</p></li></ol></div>"
        "</article></body></html>"
    )
    item = extract_page(html, URL, expect="item").item
    assert item.published is None
    assert "Great news" not in item.content_html


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("<p>Published on 12 May 2024</p>", "2024-05-12"),
        ("<p><em>Publicado el 3 de julio de 2025</em></p>", "2025-07-03"),
        ("<p>Last updated 12 May 2024</p>", None),  # a change, not the publication
        ("<p>Dates for your diary: 12 May 2024</p>", None),
    ],
)
def test_a_labelled_publication_date_anywhere_in_the_article(line, published):
    body = "<p>" + "The student clinic opened its doors on Monday. " * 12 + "</p>"
    html = f"<html><body><article><h1>Clinic opens</h1>{body}{line}</article></body></html>"
    item = extract_page(html, URL, expect="item").item
    assert (item.published or "")[:10] == (published or "")


@pytest.mark.parametrize(
    ("title_tag", "url", "title"),
    [
        # the site's name is its host's ("DTH-Lab" on dthlab.org), though no meta says so
        ("Data solidarity explained | DTH-Lab", "https://www.dthlab.org/insights/x", None),
        ("DTH-Lab - Data solidarity explained", "https://www.dthlab.org/insights/x", None),
        # after " | " a short last part is the site's name
        ("Data solidarity explained | Youth Health Hub", URL, None),
        # a " - " inside a title is kept unless the other side names the site
        ("COVID-19 - what students should know", URL, "COVID-19 - what students should know"),
    ],
)
def test_the_site_name_leaves_a_title_tag(title_tag, url, title):
    html = f"<html><head><title>{title_tag}</title></head><body><p>Two sentences.</p></body></html>"
    page = extract_page(html, url, expect="item")
    assert page.item.title == (title or "Data solidarity explained")


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        # a date run on after the name, month first or day first
        ('<p class="byline">Tomás Aguirre April 2, 2024</p>', ["Tomás Aguirre"]),
        ('<div class="author">Wanjiru Kamau 5 Jan 2025</div>', ["Wanjiru Kamau"]),
        # "Posted by", and "Posted on <date> by" a desk
        ("<p>Posted by Henrik Dahl</p>", ["Henrik Dahl"]),
        ("<p>Posted on 2 June 2025 by Press and Outreach</p>", ["Press and Outreach"]),
        # a trailing separator, a role after a comma
        ('<span class="author-name">Priya Raman ·</span>', ["Priya Raman"]),
        ('<span class="author-name">Priya Raman -</span>', ["Priya Raman"]),
        ('<p class="byline">Lena Vogt, senior correspondent</p>', ["Lena Vogt"]),
        # two people, only the first marked as the author
        (
            '<p>By <a rel="author" href="/p/1">Lena Vogt</a> and <a href="/p/2">Henrik Dahl</a></p>',
            ["Lena Vogt", "Henrik Dahl"],
        ),
        # the author as an attribute of the article's header
        ('<header data-author="Wanjiru Kamau"></header>', ["Wanjiru Kamau"]),
    ],
)
def test_bylines_are_cleaned_to_the_people(byline, authors):
    html = (LAYERS / "byline_variants.html").read_text(encoding="utf-8")
    page = extract_page(html.replace("<!--BYLINE-->", byline), URL, expect="item")
    assert page.item.authors == authors


def test_an_update_date_shown_before_the_publication_date_is_not_the_publication_date():
    page = announced("updated_before_published")
    assert page.item.published == "2025-10-06T16:20:00+00:00"
    assert page.item.updated == "2025-10-09T08:45:00+00:00"


@pytest.mark.parametrize(
    "dates",
    [
        "<p>Updated: 9 October 2025, 08:45 | Published: 6 October 2025, 16:20</p>",
        "<p><span>Actualizado 9 octubre 2025</span> <span>Publicado 6 octubre 2025</span></p>",
    ],
)
def test_a_line_showing_both_dates_gives_the_published_one(dates):
    html = (
        f"<html><body><article><h1>Night shuttle extended</h1>{dates}"
        "<p>The night shuttle for hospital staff will keep running through the winter.</p>"
        "</article></body></html>"
    )
    assert extract_page(html, URL, expect="item").item.published == "2025-10-06"


@pytest.mark.parametrize(
    ("holder", "published"),
    [
        ("", "2025-11-20T21:40:00+05:30"),  # data-published on the <article>, not data-modified
        ('<header data-date="2025-11-20">', "2025-11-20"),
        ('<header data-timestamp="1763655000">', "2025-11-20T16:10:00+00:00"),
    ],
)
def test_a_date_held_in_an_attribute_of_the_article_or_its_header(holder, published):
    html = (LAYERS / "date_attribute.html").read_text(encoding="utf-8")
    if holder:
        html = re.sub(r" data-(published|modified)=\"[^\"]*\"", "", html)
        html = html.replace("<h1>", f"{holder}<h1>").replace("</h1>", "</h1></header>")
    page = extract_page(html, URL, expect="item")
    assert page.item.published == published
    assert page.sources["published"] == "attribute"


def test_the_day_the_publisher_shows_beats_metadatas_utc_instant_of_the_next_day():
    # metadata says 03:20 UTC on the 12th; the header shows the 11th: the publisher's day
    page = announced("utc_meta_local_day")
    assert page.item.published == "2025-02-11"
    assert page.sources["published"] == "time"


def test_the_same_instant_with_the_publishers_offset_beats_utc_metadata():
    page = announced("utc_meta_local_time")
    assert page.item.published == "2025-06-04T00:15:00+03:00"
    assert page.sources["published"] == "time"


@pytest.mark.parametrize(
    ("chosen", "other", "kept"),
    [
        ("2025-02-12T03:20:00+00:00", "2025-02-11", "2025-02-11"),  # west of UTC
        ("2025-02-11T22:00:00+00:00", "2025-02-12", "2025-02-12"),  # east of UTC
        ("2025-02-12T03:20:00+00:00", "2025-02-12", "2025-02-12T03:20:00+00:00"),  # same day
        ("2025-02-12T20:00:00+00:00", "2025-02-11", "2025-02-12T20:00:00+00:00"),  # no offset
        ("2025-02-12T03:20:00+01:00", "2025-02-11", "2025-02-12T03:20:00+01:00"),  # not UTC
    ],
)
def test_in_publishers_zone_takes_an_adjacent_day_only_when_an_offset_allows_it(
    chosen, other, kept
):
    assert in_publishers_zone(chosen, other) == kept


def test_a_date_in_a_next_js_page_state_keeps_its_offset():
    # the page's own entry, not the related post in a list; the day alone is not enough
    page = announced("next_data_date")
    assert page.item.published == "2025-09-18T19:30:00-05:00"
    assert page.sources["published"] == "app-state"


def test_ad_labels_newsletter_prompts_and_back_links_are_not_body():
    page = announced("in_body_promos")
    body = page.item.content_html
    assert "dental chair" in body
    assert "a dozen people each evening" in body
    assert "newsletter of the dental school" in body  # a paragraph that mentions one stays
    assert "Advertisement" not in body
    assert "Campus Health newsletter" not in body
    assert "Back to news" not in body


def test_a_body_split_into_sibling_content_blocks_is_read_whole():
    # text block, quote block, text block (Squarespace 7.1): all three are the body
    page = announced("sibling_blocks")
    body = page.item.content_html
    assert "take-back point" in body
    assert "did not end up in the river" in body
    assert "licensed disposal service" in body


def test_the_publishing_organisation_is_not_an_author():
    # the meta author is the ministry the page shows as its publisher ("From: <link>")
    page = announced("publisher_not_author")
    assert page.item.authors == []


def test_an_organisation_in_a_byline_is_the_author_and_stays_one_name():
    html = (
        (LAYERS / "publisher_not_author.html")
        .read_text(encoding="utf-8")
        .replace(
            '<div class="govspeak">',
            '<p class="byline">By Ministry of Education and Public Health</p><div class="govspeak">',
        )
    )
    page = extract_page(html, URL, expect="item")
    assert page.item.authors == ["Ministry of Education and Public Health"]


def test_a_personal_site_named_after_its_author_keeps_the_author():
    html = (
        '<html><head><meta name="author" content="Noor Haddad">'
        '<meta property="og:site_name" content="Noor Haddad"></head><body><article>'
        "<h1>Notes from a rural placement</h1><p>Six weeks in a district clinic taught me "
        "more about primary care than a year of lectures did.</p></article></body></html>"
    )
    assert extract_page(html, URL, expect="item").item.authors == ["Noor Haddad"]


def test_an_old_table_layout_gives_its_content_cell_only():
    # a menu row, a partner-list column and the story's cell with a back link
    page = announced("table_layout", "https://example.org/news/assembly")
    assert page.sources["text"] == "densest-block"
    body = page.item.content_html
    assert body.startswith("<div")
    assert "elected a new board" in body
    assert "member associations that could not send delegates" in body
    assert "Health Students Alliance" not in body
    assert "Back to news" not in body
    assert "Contact" not in body


@pytest.mark.parametrize(
    "markup",
    [
        "<div>Last revised: <time>3 May 2025</time></div>",
        "<div>  a  <b>b</b>\n\n c <script>var longer_than_the_limit = 1234567890;</script></div>",
        "<div><!-- a comment that is long enough to pass the limit -->x</div>",
        "<article><h1>A title</h1><p>" + "words " * 40 + "</p><p>more</p></article>",
        "<div>" + "<i>é</i> " * 30 + "</div>",
        "<div>" + ". " * 60 + "</div>",
    ],
)
@pytest.mark.parametrize("limit", [0, 5, 20, 80])
def test_text_longer_than_is_never_wrong_about_text_of(markup, limit):
    element = lxml.html.fragment_fromstring(markup)
    length = len(text_of(element))
    if text_longer_than(element, limit):
        assert length > limit
    elif limit < length:  # it may only miss text made of spaces and punctuation
        assert len(re.sub(r"\W", "", text_of(element))) <= limit
