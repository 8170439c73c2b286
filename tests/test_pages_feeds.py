import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from spiders.pages import parse_feed, parse_sitemap, parse_wp_posts

DATA = Path(__file__).parent / "data" / "pages"


def read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


# --- RSS 2.0 (WordPress) -------------------------------------------------------------------
@pytest.fixture(scope="module")
def rss():
    return parse_feed(read("wordpress_feed.xml"), "https://ifmsa.org/feed/")


def test_rss_item_count(rss):
    assert len(rss) == 2


def test_rss_title_and_url(rss):
    assert (rss[0].title, rss[0].url) == (
        "IFMSA and DTH-Lab formalise partnership on digital health",
        "https://ifmsa.org/ifmsa-and-dth-lab-formalise-partnership/",
    )


def test_rss_entities_in_title_are_unescaped(rss):
    assert rss[1].title == "General Assembly March Meeting 2025 – call for hosts"


def test_rss_published_is_iso(rss):
    assert rss[0].published == "2026-01-22T15:30:00+00:00"


def test_rss_dc_creator_is_author(rss):
    assert rss[0].authors == ["Kana Halić Kordić"]


def test_rss_categories_are_tags(rss):
    assert rss[0].tags == ["External Affairs", "News", "Digital Health"]


def test_rss_content_encoded_wins_over_description(rss):
    assert rss[0].content_html.startswith(
        "<p>IFMSA is proud to announce a strategic partnership with the Digital"
    )


def test_rss_description_is_summary_text(rss):
    assert (
        rss[0].summary
        == "IFMSA is proud to announce a strategic partnership with DTH-Lab … Read more"
    )


def test_rss_description_is_content_when_no_content_encoded(rss):
    assert (
        rss[1].content_html
        == "National Member Organizations can now apply to host the March Meeting."
    )


def test_rss_media_content_is_image(rss):
    assert rss[0].image == "https://ifmsa.org/wp-content/uploads/2026/01/dthlab-partnership.jpg"


def test_rss_image_enclosure_is_image(rss):
    assert rss[1].image == "https://ifmsa.org/wp-content/uploads/2025/01/ga.png"


def test_rss_source_is_left_empty(rss):
    assert rss[0].source == ""


# --- Atom ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def atom():
    return parse_feed(read("atom_feed.xml"), "https://blog.example.org/atom.xml")


def test_atom_relative_link_is_absolute(atom):
    assert atom[0].url == "https://blog.example.org/students-lead-digital-health/"


def test_atom_dates_keep_their_offset(atom):
    assert (atom[0].published, atom[0].updated) == (
        "2025-11-03T10:00:00+01:00",
        "2025-11-04T09:00:00+01:00",
    )


def test_atom_authors(atom):
    assert atom[0].authors == ["Maria Okafor", "Li Wei"]


def test_atom_content(atom):
    assert (
        atom[0].content_html
        == "<p>Medical and pharmacy students from three federations met this month.</p>"
    )


def test_atom_entry_without_date_has_none(atom):
    assert atom[1].published is None


def test_unreadable_feed_is_empty():
    assert parse_feed("<html><body>not a feed</body></html>", "https://x.example/feed/") == []


# --- WordPress REST -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def posts():
    return parse_wp_posts(
        read("wp_posts.json"), "https://ifmsa.org/wp-json/wp/v2/posts?per_page=10&page=1"
    )


def test_rest_title_unescaped(posts):
    assert posts[0].title == "IFMSA and DTH-Lab formalise partnership – students’ digital health"


def test_rest_date_is_local_with_the_offset_date_gmt_gives(posts):
    # date 16:30 local, date_gmt 15:30: the publisher's time keeps its +01:00 (issue 6)
    assert posts[0].published == "2026-01-22T16:30:00+01:00"
    assert datetime.fromisoformat(posts[0].published) == datetime(2026, 1, 22, 15, 30, tzinfo=UTC)


def test_rest_modified_with_its_offset(posts):
    assert posts[0].updated == "2026-01-23T10:12:44+01:00"


@pytest.mark.parametrize(
    ("local", "gmt", "expected"),
    [
        ("2020-04-07T17:10:46", "2020-04-08T00:10:46", "2020-04-07T17:10:46-07:00"),
        ("2026-01-22T16:30:00", "2026-01-22T16:30:00", "2026-01-22T16:30:00+00:00"),
        ("2026-01-22T16:30:00", "2026-01-20T16:30:00", "2026-01-20T16:30:00+00:00"),  # nonsense
        ("2026-01-22T16:30:07", "2026-01-22T15:30:00", "2026-01-22T15:30:00+00:00"),  # odd offset
        ("2026-01-22T16:30:00", None, "2026-01-22T16:30:00+00:00"),  # no gmt: naive is UTC
    ],
)
def test_rest_offset_from_date_and_date_gmt(local, gmt, expected):
    post = {"link": "https://x.org/p/", "title": {"rendered": "P"}, "date": local}
    if gmt:
        post["date_gmt"] = gmt
    [item] = parse_wp_posts(json.dumps([post]), "https://x.org/wp-json/wp/v2/posts")
    assert item.published == expected


def test_rest_link_is_url(posts):
    assert posts[0].url == "https://ifmsa.org/ifmsa-and-dth-lab-formalise-partnership/"


def test_rest_content_rendered(posts):
    assert posts[0].content_html.startswith("<p>IFMSA is proud")


def test_rest_excerpt_is_plain_text(posts):
    assert posts[0].summary == "IFMSA is proud to announce a strategic partnership with DTH-Lab …"


def test_rest_embedded_author(posts):
    assert posts[0].authors == ["Kana Halić Kordić"]


def test_rest_embedded_terms(posts):
    assert (posts[0].content_type, posts[0].tags) == (
        "External Affairs",
        ["External Affairs", "News & Updates", "Digital Health"],
    )


def test_rest_featured_media(posts):
    assert posts[0].image == "https://ifmsa.org/wp-content/uploads/2026/01/dthlab-partnership.jpg"


def test_rest_without_embed(posts):
    assert (posts[1].authors, posts[1].summary, posts[1].published) == (
        [],
        None,
        "2025-01-06T09:00:00+01:00",
    )


@pytest.mark.parametrize(
    "body",
    [
        '{"code":"rest_post_invalid_page_number","message":"x","data":{"status":400}}',
        "not json",
        "[]",
    ],
)
def test_rest_error_or_empty_is_no_items(body):
    assert parse_wp_posts(body, "https://ifmsa.org/wp-json/wp/v2/posts?page=9") == []


# --- sitemaps -------------------------------------------------------------------------------------
def test_sitemap_index():
    assert parse_sitemap(read("sitemap_index.xml"), "https://ifmsa.org/sitemap_index.xml") == (
        [],
        ["https://ifmsa.org/post-sitemap.xml", "https://ifmsa.org/page-sitemap.xml"],
    )


def test_sitemap_urlset_dedupes_and_ignores_hreflang():
    assert parse_sitemap(read("sitemap_urlset.xml"), "https://www.ipsf.org/sitemap.xml") == (
        [
            "https://www.ipsf.org/news/ipsf-and-dth-lab-strategic-partnership",
            "https://www.ipsf.org/about-us",
        ],
        [],
    )


def test_sitemap_garbage_is_empty():
    assert parse_sitemap("", "https://x.example/sitemap.xml") == ([], [])


# --- the same post through REST and the feed ------------------------------------------------
# WordPress writes the rendered title into both; the feed's XML decodes it once, as the
# REST reader must (a title typed as "5 &lt; 6" stays that, not "5 < 6")
@pytest.mark.parametrize(
    ("rendered", "title"),
    [
        ("5 &amp;lt; 6", "5 &lt; 6"),
        ("Tom &#038; Jerry", "Tom & Jerry"),
        ("Students&#8217; voices &#8211; 2026", "Students’ voices – 2026"),
        ("a &lt;b&gt; c", "a <b> c"),
    ],
)
def test_rest_and_feed_give_the_same_title(rendered, title):
    link = "https://ifmsa.org/a-post/"
    rest = parse_wp_posts(f'[{{"link": "{link}", "title": {{"rendered": "{rendered}"}}}}]', link)
    feed = parse_feed(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>IFMSA</title><item>'
        f"<title>{rendered}</title><link>{link}</link></item></channel></rss>",
        "https://ifmsa.org/feed/",
    )
    assert (rest[0].title, feed[0].title) == (title, title)


# --- a URL that cannot be read costs only itself ----------------------------------------------
BAD = "http://[::1/evil"


def test_a_bad_loc_costs_only_itself():
    xml = (
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>/news/a</loc></url><url><loc>{BAD}</loc></url>"
        "<url><loc>https://x.example/news/b</loc></url><url><loc>http://x:99999/c</loc></url>"
        "</urlset>"
    )
    bad: list[str] = []
    pages, children = parse_sitemap(xml, "https://x.example/sitemap.xml", bad)
    assert pages == ["https://x.example/news/a", "https://x.example/news/b"]
    assert children == []
    assert bad == [BAD, "http://x:99999/c"]


def test_a_bad_child_sitemap_costs_only_itself():
    xml = (
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{BAD}</loc></sitemap><sitemap><loc>/post-sitemap.xml</loc></sitemap>"
        "</sitemapindex>"
    )
    bad: list[str] = []
    assert parse_sitemap(xml, "https://x.example/sitemap.xml", bad) == (
        [],
        ["https://x.example/post-sitemap.xml"],
    )
    assert bad == [BAD]


def test_a_bad_line_of_a_text_sitemap_costs_only_itself():
    bad: list[str] = []
    text = f"https://x.example/a\n{BAD}\nhttps://x.example/b\n"
    assert parse_sitemap(text, "https://x.example/sitemap.txt", bad) == (
        ["https://x.example/a", "https://x.example/b"],
        [],
    )
    assert bad == [BAD]


def rss_of(*items: str) -> str:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>X</title>'
        + "".join(f"<item>{item}</item>" for item in items)
        + "</channel></rss>"
    )


def test_a_bad_enclosure_costs_only_the_image():
    feed = rss_of(
        "<title>First</title><link>https://x.example/a</link>"
        f'<enclosure url="{BAD}.png" type="image/png" length="1"/>',
        '<title>Second</title><link>/b</link><enclosure url="/b.png" type="image/png" length="1"/>',
    )
    bad: list[str] = []
    items = parse_feed(feed, "https://x.example/feed/", bad)
    assert [(i.title, i.url, i.image) for i in items] == [
        ("First", "https://x.example/a", None),
        ("Second", "https://x.example/b", "https://x.example/b.png"),
    ]
    assert set(bad) == {f"{BAD}.png"}


def test_a_bad_entry_link_costs_only_its_entry():
    feed = rss_of(
        f"<title>Lost link</title><link>{BAD}</link>",
        "<title>Port out of range</title><link>http://x:99999/p</link>",
        "<title>Kept</title><link>https://x.example/kept</link>",
    )
    bad: list[str] = []
    assert [i.title for i in parse_feed(feed, "https://x.example/feed/", bad)] == ["Kept"]
    assert bad == ["(the link of the entry 'Lost link')", "http://x:99999/p"]


def test_a_bad_rest_link_costs_only_its_post():
    posts = [
        {"link": BAD, "title": {"rendered": "Lost"}},
        {
            "link": "https://x.example/kept/",
            "title": {"rendered": "Kept"},
            "yoast_head_json": {"canonical": BAD, "og_image": [{"url": f"{BAD}.png"}]},
        },
    ]
    bad: list[str] = []
    items = parse_wp_posts(json.dumps(posts), "https://x.example/wp-json/wp/v2/posts", bad)
    assert [(i.title, i.url, i.canonical_url, i.image) for i in items] == [
        ("Kept", "https://x.example/kept/", None, None)
    ]
    assert sorted(bad) == [BAD, BAD, f"{BAD}.png"]
