"""Normalisation: URLs, dates, hostile HTML, text, hashes, language, whole items and profiles."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from pipeline.normalise import (
    InvalidItem,
    content_hash,
    detect_language,
    normalise_for_source,
    normalise_item,
    normalise_profile,
)
from spiders.items import NewsItem, OrganisationProfile
from spiders.pages.dates import normalise_date, parse_date, to_utc_iso
from spiders.pages.text import clean_paragraphs, html_to_text, sanitise_html
from spiders.pages.urls import canonical_url
from spiders.sources import Source

BASE = "https://www.dthlab.org/articles/partnerships"
SPANISH = (
    "Las asociaciones de estudiantes de farmacia de todo el mundo se reúnen cada año para "
    "debatir sobre la salud pública, la educación y el futuro de la profesión farmacéutica "
    "en sus países. Además, organizan intercambios y congresos regionales."
)


def news(**changes):
    base = NewsItem(
        source="dthlab",
        url=BASE,
        title="DTH-Lab announces strategic partnerships",
        published="January 22, 2026",
        content_html="<p>Digital Transformations for Health Lab today announced two partnerships.</p>",
    )
    return replace(base, **changes)


# --- canonical_url ---


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://ifmsa.org/slug/?utm_source=rss&utm_medium=feed", "https://ifmsa.org/slug/"),
        (
            "https://ifmsa.org/slug/?fbclid=abc&gclid=x&mc_cid=1&mc_eid=2&_hsenc=z",
            "https://ifmsa.org/slug/",
        ),
        ("https://ifmsa.org/?s=health&utm_term=x&page=2", "https://ifmsa.org/?s=health&page=2"),
        ("https://ifmsa.org/?z=1&a=2", "https://ifmsa.org/?z=1&a=2"),
        ("https://ifmsa.org/slug/#comments", "https://ifmsa.org/slug/"),
        ("HTTPS://IFMSA.ORG:443/Slug/", "https://ifmsa.org/Slug/"),
        ("http://ifmsa.org:80/slug/", "http://ifmsa.org/slug/"),
        ("http://ifmsa.org:8080/slug/", "http://ifmsa.org:8080/slug/"),
        ("https://ifmsa.org", "https://ifmsa.org/"),
        ("https://www.ipsf.org/news/world-congress", "https://www.ipsf.org/news/world-congress"),
        ("https://example.org/a/index.html", "https://example.org/a/"),
        ("dthlab.org", "https://dthlab.org/"),
    ],
)
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "http://dthlab.org/articles/x",
        "https://dthlab.org/articles/x",
        "https://WWW.DTHLAB.ORG/articles/x#top",
        "http://www.dthlab.org/articles/x?utm_campaign=jan",
    ],
)
def test_canonical_host_rewrites_same_site_variants(url):
    assert canonical_url(url, "www.dthlab.org") == "https://www.dthlab.org/articles/x"


def test_canonical_host_leaves_other_sites_alone():
    assert canonical_url("http://ifmsa.org/x/", "www.dthlab.org") == "http://ifmsa.org/x/"


def test_canonical_url_is_stable():
    once = canonical_url("https://ifmsa.org/slug/?p=1&utm_source=x#f")
    assert canonical_url(once) == once


# --- dates ---


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-01-22T16:40:00+01:00", "2026-01-22T15:40:00+00:00"),
        ("2026-01-22T16:40:00Z", "2026-01-22T16:40:00+00:00"),
        ("2026-01-22T16:40:00.123-05:00", "2026-01-22T21:40:00+00:00"),
        ("2026-01-22 16:40:00", "2026-01-22T16:40:00+00:00"),
        ("2026-01-22 16:40:00 +0100", "2026-01-22T15:40:00+00:00"),
        ("2026-01-22", "2026-01-22T00:00:00+00:00"),
        ("Thu, 22 Jan 2026 16:40:00 +0100", "2026-01-22T15:40:00+00:00"),
        ("Thu, 22 Jan 2026 16:40:00 GMT", "2026-01-22T16:40:00+00:00"),
        ("January 22, 2026", "2026-01-22T00:00:00+00:00"),
        ("22 January 2026", "2026-01-22T00:00:00+00:00"),
    ],
)
def test_to_utc_iso(value, expected):
    assert to_utc_iso(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "   ",
        "not a date",
        "yesterday",
        "3 days ago",
        "January",
        "2026-01-22\x00T25:00",
        42,
    ],
)
def test_to_utc_iso_never_invents(value):
    assert to_utc_iso(value) is None


@pytest.mark.parametrize(
    "value",
    [
        "22 January 2026 16:40 CET",
        "Thu, 01/22/2026 - 16:40",
        "22nd of Jan 2026",
        "2026-01-22 16:40:00 +0100",
    ],
)
def test_to_utc_iso_reads_dates_as_the_parsers_do(value):
    parsed = datetime.fromisoformat(parse_date(value))
    assert to_utc_iso(value) == parsed.astimezone(UTC).isoformat()


def test_to_utc_iso_keeps_a_named_zone():
    assert to_utc_iso("22 January 2026 16:40 CET") == "2026-01-22T15:40:00+00:00"


def test_to_utc_iso_from_datetimes():
    from datetime import date, datetime, timedelta, timezone

    assert to_utc_iso(datetime(2026, 1, 22, 12)) == "2026-01-22T12:00:00+00:00"
    assert (
        to_utc_iso(datetime(2026, 1, 22, 12, tzinfo=timezone(timedelta(hours=5, minutes=30))))
        == "2026-01-22T06:30:00+00:00"
    )
    assert to_utc_iso(date(2026, 1, 22)) == "2026-01-22T00:00:00+00:00"


# --- sanitise_html ---


@pytest.mark.parametrize(
    ("hostile", "forbidden"),
    [
        ("<p>a<script>alert(1)</script></p>", "alert"),
        ('<p><img src="x.png" onerror="alert(1)">a</p>', "onerror"),
        ('<p><a href="javascript:alert(1)">a</a></p>', "javascript"),
        ('<p><a href="JaVaScRiPt:alert(1)">a</a></p>', "alert"),
        ('<p><img src="data:image/png;base64,AAAA">a</p>', "data:"),
        ('<p>a</p><iframe src="https://evil.example/"></iframe>', "evil"),
        ('<p>a</p><object data="x.swf"><embed src="x.swf"></object>', "swf"),
        ("<p>a</p><style>p { display:none }</style>", "display"),
        ('<p style="position:fixed" class="x" id="y">a</p>', "position"),
        ("<p>a</p><form action='/x'><input name=q></form>", "input"),
        ("<p>a\x00\x01\x0b\x1f\x7f</p>", "\x0b"),
    ],
)
def test_sanitise_html_removes_hostile_markup(hostile, forbidden):
    clean = sanitise_html(hostile, BASE)
    assert forbidden not in clean
    assert "a" in clean


def test_sanitise_html_makes_links_absolute_and_safe():
    clean = sanitise_html('<p><a href="/about">About</a> <img src="pic.png" alt="x"></p>', BASE)
    assert '<a href="https://www.dthlab.org/about" rel="noopener noreferrer">About</a>' in clean
    assert 'src="https://www.dthlab.org/articles/pic.png"' in clean


def test_sanitise_html_keeps_mailto_and_structure():
    html = '<h2>Notes</h2><ul><li><a href="mailto:a@b.org">mail</a></li></ul><blockquote><p>“Quote”</p></blockquote>'
    clean = sanitise_html(html, BASE)
    for kept in ("<h2>Notes</h2>", 'href="mailto:a@b.org"', "<blockquote>", "“Quote”"):
        assert kept in clean


def test_sanitise_html_removes_cms_boilerplate_and_empties():
    html = (
        "<p>No items found.</p><p>By -</p><p>Real text.</p><ul><li></li><li> </li></ul>"
        "<p><a href='#'>Share this</a></p><p><strong>Enquire now</strong></p>"
        "<div>Give us a call</div>No items found.<p><br></p>"
    )
    assert sanitise_html(html, BASE) == "<p>Real text.</p>"


def test_sanitise_html_keeps_sentences_that_merely_mention_boilerplate_words():
    html = "<p>By - the way, share this with friends.</p>"
    assert "share this with friends" in sanitise_html(html, BASE)


def test_sanitise_html_empty():
    assert sanitise_html(None, BASE) == ""
    assert sanitise_html("<script>x</script>", BASE) == ""


# --- text ---


def test_html_to_text_keeps_paragraphs():
    html = "<h2>Title</h2><p>One   two\nthree</p><ul><li>a</li><li>b</li></ul><p>x<br>y &amp; z</p>"
    assert html_to_text(html) == "Title\n\nOne two three\n\na\n\nb\n\nx\ny & z"


def test_clean_paragraphs_collapses_whitespace_keeps_quotes():
    assert (
        clean_paragraphs("  “Hello”\t  world \u00a0\n\n\n\nNext\x00 para\x0c ")
        == "“Hello” world\n\nNext para"
    )


def test_clean_paragraphs_keeps_single_line_breaks():
    assert clean_paragraphs("a\r\nb\rc") == "a\nb\nc"


# --- content hash ---


def test_content_hash_ignores_tracking_and_layout():
    a = normalise_item(news())
    b = normalise_item(
        news(
            url=BASE + "?utm_source=x",
            content_html="<div><p>Digital Transformations for Health Lab\n today announced two partnerships.</p></div>",
        )
    )
    assert content_hash(a) == content_hash(b) == a.content_hash


@pytest.mark.parametrize(
    "change",
    [
        {"title": "Another title"},
        {"content_html": "<p>Other words.</p>"},
        {"published": "2026-01-23"},
    ],
)
def test_content_hash_changes_with_title_text_or_date(change):
    assert normalise_item(news(**change)).content_hash != normalise_item(news()).content_hash


# --- language ---


def test_detect_language_needs_enough_text():
    assert detect_language("Hola mundo", "en") == "en"
    assert detect_language(SPANISH, "en") == "es"


def test_declared_language_wins_and_is_primary_subtag():
    assert normalise_item(news(language="en-GB", content_html=f"<p>{SPANISH}</p>")).language == "en"
    assert normalise_item(news(content_html=f"<p>{SPANISH}</p>")).language == "es"
    assert normalise_item(news(), default_language="en").language == "en"


# --- items ---


def test_normalise_item_fields():
    item = normalise_item(
        news(
            url="https://dthlab.org/articles/partnerships?utm_source=li",
            canonical_url="/articles/partnerships",
            title="  DTH-Lab & IFMSA\x07 \n partnership ",
            authors=["By -", "", "-", "Jane Doe", "jane doe", "By John Smith"],
            tags=["Youth", "youth", " Digital health "],
            content_type=" News & insights ",
            image="/images/a.png",
            updated="2026-01-22T18:00:00+01:00",
        ),
        canonical_host="www.dthlab.org",
    )
    assert item.canonical_url == BASE
    assert item.title == "DTH-Lab & IFMSA partnership"
    assert item.authors == ["Jane Doe", "John Smith"]
    assert item.tags == ["Youth", "Digital health"]
    assert item.content_type == "News & insights"
    assert item.image == "https://dthlab.org/images/a.png"
    # the publisher's day and offset are kept (issue 6): a date stays a date
    assert (item.published, item.updated) == (
        "2026-01-22",
        "2026-01-22T18:00:00+01:00",
    )


def test_canonical_on_another_site_is_ignored():
    item = normalise_item(news(canonical_url="https://evil.example/x"))
    assert item.canonical_url == BASE


def test_summary_made_from_text_on_a_word_boundary():
    item = normalise_item(news(content_html="<p>" + "Lorem ipsum dolor sit amet. " * 40 + "</p>"))
    assert len(item.summary) <= 300
    assert item.summary.endswith("…")
    assert item.summary[:-1].split()[-1] in {"Lorem", "ipsum", "dolor", "sit", "amet"}


def test_summary_html_is_cleaned_and_text_falls_back_to_it():
    item = normalise_item(news(content_html=None, summary="<p>Short &amp; <b>sweet</b></p>"))
    assert (item.summary, item.text) == ("Short & sweet", "Short & sweet")


@pytest.mark.parametrize(
    "title",
    ["Using the <br> tag in emails", "AT&T joins the alliance", "AT&amp;T &copy 2026"],
)
def test_plain_text_titles_are_kept_as_written(title):
    # parsers hand over text (lxml already decoded the page's "&lt;br&gt;"): nothing to undo
    item = normalise_item(news(title=title, authors=[title], tags=[title]))
    assert item.title == item.authors[0] == item.tags[0] == title


def test_profile_names_and_descriptions_are_kept_as_written():
    profile = normalise_profile(
        OrganisationProfile(
            name="AT&T <Health> Fund",
            description="We fund the &lt;br&gt; tag & more.",
            source="x",
            url=BASE,
        )
    )
    assert (profile.name, profile.description) == (
        "AT&T <Health> Fund",
        "We fund the &lt;br&gt; tag & more.",
    )


def test_absurd_title_is_truncated():
    item = normalise_item(news(title="word " * 200_000))
    assert len(item.title) <= 500
    assert item.title.endswith("…")


def test_no_date_stays_none():
    item = normalise_item(news(published=None, updated="sometime"))
    assert (item.published, item.updated) == (None, None)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"title": ""}, "no title"),
        ({"title": " \x00 \u200b\n "}, "no title"),
        ({"url": ""}, "no url"),
        ({"url": "javascript:alert(1)"}, "not a web address"),
        ({"url": "http://[::1/evil"}, "not a web address"),
        ({"source": ""}, "no source"),
    ],
)
def test_invalid_items(change, reason):
    with pytest.raises(InvalidItem, match=reason):
        normalise_item(news(**change))


def test_a_card_keeps_its_fragment_as_its_address():
    """An app's news card with no route of its own is the page plus ``#<slug>``: two
    cards of one page stay two items; an ordinary link's fragment still goes."""
    card = "https://www.iads-web.org/#smile-week-2023"
    item = NewsItem(source="iads", url=card, canonical_url=card, title="Smile Week")
    assert normalise_item(item).canonical_url == card
    page = NewsItem(source="x", url="https://x.org/a#comments", title="A")
    assert normalise_item(page).canonical_url == "https://x.org/a"


def test_normalise_item_returns_a_new_object():
    original = news(title="  spaced  ")
    normalise_item(original)
    assert original.title == "  spaced  "


# --- profiles ---


def test_normalise_profile_fills_facts_and_website():
    profile = normalise_profile(
        OrganisationProfile(
            name=" Digital Transformations for Health Lab ",
            acronym="(DTH-Lab)",
            description="DTH-Lab is a global consortium of partners based in Switzerland, Nigeria and India.  ",
            source="dthlab",
            url=BASE,
            website="dthlab.org",
            observed="January 22, 2026",
            kind="press_release",
        )
    )
    assert (profile.name, profile.acronym, profile.website) == (
        "Digital Transformations for Health Lab",
        "DTH-Lab",
        "https://dthlab.org/",
    )
    assert profile.based_in == ["Switzerland", "Nigeria", "India"]
    assert profile.facts["based_in"]["value"] == ["Switzerland", "Nigeria", "India"]
    assert profile.observed == "2026-01-22"  # a page's date stays the date it wrote


def test_normalise_profile_http_website_becomes_https():
    profile = normalise_profile(
        OrganisationProfile(
            name="IPSF", description="x", source="ipsf", url=BASE, website="http://www.ipsf.org"
        )
    )
    assert profile.website == "https://www.ipsf.org/"


def test_an_unreadable_url_costs_only_its_field():
    item = normalise_item(news(canonical_url="http://[::1/evil", image="http://[::1/evil.png"))
    assert (item.canonical_url, item.image) == (canonical_url(item.url), None)
    profile = normalise_profile(
        OrganisationProfile(
            name="IPSF", description="x", source="ipsf", url=BASE, website="http://[::1/evil"
        )
    )
    assert profile.website is None


def test_profile_without_description_is_invalid():
    with pytest.raises(InvalidItem, match="no description"):
        normalise_profile(
            OrganisationProfile(name="IPSF", description=" ", source="ipsf", url=BASE)
        )


# --- normalise_for_source ---

IFMSA = Source(
    id="ifmsa",
    name="International Federation of Medical Students' Associations",
    acronym="IFMSA",
    homepage="https://www.ifmsa.org",
    platform="wordpress",
    collect=("feed",),
    language="es",
)


def test_items_take_the_source_host_and_language():
    item = normalise_for_source(
        news(source="ifmsa", url="http://ifmsa.org/x/?utm_source=a", content_html="<p>Hola.</p>"),
        IFMSA,
    )
    assert (item.canonical_url, item.language) == ("https://www.ifmsa.org/x/", "es")


def test_items_without_a_source_are_normalised_plainly():
    item = normalise_for_source(news(url="http://ifmsa.org/x/"), None)
    assert (item.canonical_url, item.language) == ("http://ifmsa.org/x/", None)


def profile(**changes):
    base = OrganisationProfile(
        name="FAQ", acronym=None, description="We were founded in 1951.", source="ifmsa", url=BASE
    )
    return replace(base, **changes)


@pytest.mark.parametrize("acronym", [None, "FAQ", "WHO"])
def test_an_organisation_page_is_filed_under_its_source(acronym):
    found = normalise_for_source(profile(acronym=acronym), IFMSA, organisation_page=True)
    assert (found.name, found.acronym, found.founded_year) == (IFMSA.name, "IFMSA", 1951)


def test_an_organisation_page_with_the_source_acronym_keeps_its_name():
    found = normalise_for_source(
        profile(name="IFMSA Official", acronym="(ifmsa)"), IFMSA, organisation_page=True
    )
    assert (found.name, found.acronym) == ("IFMSA Official", "ifmsa")


@pytest.mark.parametrize(("source", "organisation_page"), [(IFMSA, False), (None, True)])
def test_other_profiles_keep_the_organisation_they_name(source, organisation_page):
    found = normalise_for_source(
        profile(name="World Health Organization", acronym="WHO"),
        source,
        organisation_page=organisation_page,
    )
    assert (found.name, found.acronym) == ("World Health Organization", "WHO")


# --- dates keep the publisher's day ---


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-04-07T17:10:46-07:00", "2020-04-07T17:10:46-07:00"),  # not April 8 in UTC
        ("2026-01-22T23:30:00.123+05:30", "2026-01-22T23:30:00+05:30"),
        ("2026-01-22T10:00:00Z", "2026-01-22T10:00:00+00:00"),
        ("Tue, 07 Apr 2020 17:10:46 -0700", "2020-04-07T17:10:46-07:00"),
        ("2026-01-22T10:00:00", "2026-01-22T10:00:00+00:00"),  # naive: UTC assumed
        ("2026-01-22", "2026-01-22"),
        ("January 22, 2026", "2026-01-22"),
        ("22.01.2026", "2026-01-22"),
        ("not a date", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_date_keeps_offset_and_bare_dates(value, expected):
    assert normalise_date(value) == expected


def test_normalise_date_from_datetimes_and_dates():
    pacific = timezone(timedelta(hours=-7))
    assert normalise_date(datetime(2020, 4, 7, 17, 10, 46, 5, tzinfo=pacific)) == (
        "2020-04-07T17:10:46-07:00"
    )
    assert normalise_date(datetime(2026, 1, 22, 12)) == "2026-01-22T12:00:00+00:00"
    assert normalise_date(date(2026, 1, 22)) == "2026-01-22"


def test_utc_sort_key_of_a_kept_offset():
    kept = normalise_date("2020-04-07T17:10:46-07:00")
    assert to_utc_iso(kept) == "2020-04-08T00:10:46+00:00"
    assert to_utc_iso(normalise_date("2026-01-22")) == "2026-01-22T00:00:00+00:00"


def test_normalised_item_keeps_the_publishers_day():
    item = normalise_item(news(published="2020-04-07T17:10:46-07:00"))
    assert item.published == "2020-04-07T17:10:46-07:00"
    assert item.published[:10] == "2020-04-07"


def test_content_hash_ignores_how_the_same_instant_is_written():
    utc = normalise_item(news(published="2020-04-08T00:10:46+00:00"))
    pacific = normalise_item(news(published="2020-04-07T17:10:46-07:00"))
    assert utc.content_hash == pacific.content_hash
    assert normalise_item(news(published="2020-04-07T17:10:47-07:00")).content_hash != (
        pacific.content_hash
    )
