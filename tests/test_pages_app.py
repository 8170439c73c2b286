"""JavaScript applications (spiders/pages/app.py): finding an app's data, reading news
cards and the organisation's description from JSON of any common shape, and the same
cards from a rendered page. Every input here is written by hand in the shapes other
frameworks and headless CMSs produce, not only our snapshot's."""

import json

import pytest

from spiders.pages import app

HOME = "https://students.example/"


def test_an_empty_root_with_a_bundle_is_an_app_shell():
    shell = (
        '<html><head><script defer src="/static/js/main.1a2b3c4d.js"></script></head>'
        "<body><noscript>You need to enable JavaScript to run this app.</noscript>"
        '<div id="root"></div></body></html>'
    )
    assert app.is_app_shell(shell)
    assert app.script_urls(shell, HOME) == ["https://students.example/static/js/main.1a2b3c4d.js"]


def test_a_page_with_its_own_text_is_no_shell():
    text = "<p>" + "Dental students met in Geneva to discuss oral health. " * 8 + "</p>"
    page = f'<html><body><div id="root">{text}</div><script src="/app.js"></script></body></html>'
    assert not app.is_app_shell(page)


def test_embedded_state_of_several_frameworks():
    page = """<html><body><div id="__next"></div>
    <script id="__NEXT_DATA__" type="application/json">{"props": {"pageProps": {"a": 1}}}</script>
    <script>window.__INITIAL_STATE__ = {"news": [{"title": "A"}]};var x = 1;</script>
    <script>window.__NUXT__=(function(a){return {data:[a]}}("x"));</script>
    <script type="application/ld+json">{"@type": "Organization"}</script>
    </body></html>"""
    assert app.embedded_state(page) == [
        {"props": {"pageProps": {"a": 1}}},
        {"news": [{"title": "A"}]},
    ]


def test_data_urls_named_in_a_bundle():
    bundle = """
    const API = "/api/v1/posts?limit=20";
    fetch("/data/news.json").then(r => r.json());
    axios.get('https://students.example/wp-json/wp/v2/posts');
    const img = "/static/media/logo.svg", route = "/projects";
    fetch(`/api/items/${id}.json`);
    """
    assert app.data_urls_in_script(bundle, HOME) == [
        "https://students.example/api/v1/posts?limit=20",
        "https://students.example/data/news.json",
        "https://students.example/wp-json/wp/v2/posts",
    ]


def test_chunks_a_bundle_loads_by_name():
    bundle = 'const About = lazy(() => import("./About-4f2a9c.js")); const x = "/app.css";'
    assert app.chunk_urls_in_script(bundle, "https://students.example/assets/index-1.js") == [
        "https://students.example/assets/About-4f2a9c.js"
    ]


def test_an_undated_card_in_a_list_of_news_is_still_a_card():
    data = [
        {"title": "A", "date": "2025-01-02"},
        {"title": "B", "date": "2025-01-01"},
        {"title": "C"},
    ]
    assert [(i.title, i.published) for i in app.read_news([data], HOME)] == [
        ("A", "2025-01-02"),
        ("B", "2025-01-01"),
        ("C", None),
    ]


def test_news_from_a_plain_list_day_first():
    data = [
        {"title": "Exchange call", "date": "1/12/2025", "summary": "Apply now.", "link": "/x"},
        {"title": "Smile Week", "date": "1/5/2023", "summary": "Schools.", "link": None},
    ]
    items = app.read_news([data], HOME, day_first=True)
    assert [(i.title, i.published, i.url) for i in items] == [
        ("Exchange call", "2025-12-01", "https://students.example/x"),
        ("Smile Week", "2023-05-01", "https://students.example/#smile-week"),
    ]
    assert items[1].canonical_url == items[1].url
    assert items[0].content_html == "<p>Apply now.</p>"


def test_month_first_when_the_source_says_so():
    data = [{"title": "Smile Week", "date": "1/5/2023"}]
    assert app.read_news([data], HOME, day_first=False)[0].published == "2023-01-05"


def test_news_from_a_headless_cms_shape():
    """Strapi: records wrapped in ``attributes``, camelCase keys, ISO instants."""
    data = {
        "data": [
            {
                "id": 4,
                "attributes": {
                    "headline": "Congress outcomes",
                    "publishedAt": "2025-09-14T08:30:00.000Z",
                    "excerpt": "Delegates elected a new board.",
                    "slug": "congress-outcomes",
                    "body": "First paragraph.\n\nSecond paragraph.",
                    "category": {"name": "Meeting"},
                    "cover": {"url": "/uploads/congress.jpg"},
                },
            }
        ],
        "meta": {"pagination": {"page": 1, "total": 1}},
    }
    [item] = app.read_news([data], HOME)
    assert item.title == "Congress outcomes"
    assert item.published.startswith("2025-09-14T08:30:00")
    assert item.url == "https://students.example/#congress-outcomes"
    assert item.content_type == "Meeting"
    assert item.summary == "Delegates elected a new board."
    assert item.content_html == "<p>First paragraph.</p><p>Second paragraph.</p>"
    assert item.image == "https://students.example/uploads/congress.jpg"


def test_news_from_rendered_fields_and_epoch_milliseconds():
    """WordPress-like ``{"rendered": ...}`` values; Next.js props with epoch dates and paths."""
    wordpress = [
        {
            "title": {"rendered": "World Health Assembly"},
            "date_gmt": None,
            "published_at": "2025-05-28",
            "link": "https://students.example/news/wha/",
        }
    ]
    nextjs = {
        "props": {
            "pageProps": {
                "posts": [
                    {"name": "Research award", "createdAt": 1714521600000, "path": "/news/award"}
                ]
            }
        }
    }
    items = app.read_news([wordpress, nextjs], HOME)
    assert [(i.title, i.published, i.url) for i in items] == [
        ("World Health Assembly", "2025-05-28", "https://students.example/news/wha/"),
        ("Research award", "2024-05-01T00:00:00+00:00", "https://students.example/news/award"),
    ]


def test_a_menu_of_routes_is_not_news():
    menu = {"nav": [{"title": "About", "url": "/about"}, {"title": "Meetings", "url": "/meetings"}]}
    assert app.read_news([menu], HOME) == []


def test_a_card_address_is_its_own_route_else_the_page_and_its_slug():
    assert app.card_url(HOME, "a", "https://students.example/p/a", False).endswith("/p/a")
    # a route two cards share, another site, the page itself, no link: page + #slug
    assert app.card_url(HOME, "a", "https://students.example/meetings", True) == HOME + "#a"
    assert app.card_url(HOME, "a", "https://www.who.int/x", False) == HOME + "#a"
    assert app.card_url(HOME, "a", HOME, False) == HOME + "#a"
    assert app.card_url(HOME + "#top", "a", None, False) == HOME + "#a"


def test_two_cards_linking_the_same_route_stay_two_items():
    data = [
        {"title": "Mid-Year Meeting", "date": "7/4/2025", "url": "/meetings"},
        {"title": "World Congress", "date": "14/9/2025", "url": "/meetings"},
    ]
    urls = [i.url for i in app.read_news([data], HOME)]
    assert urls == [HOME + "#mid-year-meeting", HOME + "#world-congress"]


def test_profile_from_json_with_other_key_names():
    data = {
        "page": {
            "heading": "About ADS",
            "content": "<p>The Association of Dental Students (ADS) was founded in 1951 and "
            "brings dental students together across borders.</p><p>It is a member of the "
            "World Health Students' Alliance, with IFMSA, IPSF and IVSA, and works for oral "
            "health in global health policy.</p>",
            "goals": ["To represent dental students", "To support exchanges"],
        },
        "news": [{"title": "x", "date": "2025-01-01"}],
    }
    profile = app.read_profile([data], "https://students.example/about")
    assert profile is not None
    assert profile.acronym == "ADS"
    assert "founded in 1951" in profile.description
    assert profile.objectives == ["To represent dental students", "To support exchanges"]


def test_the_route_s_own_document_is_tried_first():
    documents = {
        "https://students.example/api/news.json": [],
        "https://students.example/api/pages/about.json": {},
    }
    ordered = app.documents_for_route(
        {url: url for url in documents}, "https://students.example/about"
    )
    assert ordered[0].endswith("/about.json")


RENDERED = """<html><body>
<header><nav><a href="/">Home</a><a href="/about">About</a></nav></header>
<main><h1>Students</h1>
<div class="grid"><h2>Latest</h2>
  <div class="tile" id="smile-week"><div class="pill">Campaign</div>
    <h5>Smile Week</h5><p><time datetime="2023-05-01">1 May</time></p>
    <p>Schools visited.</p><img src="/img/smile.png"></div>
  <div class="tile"><h5>World Congress</h5><span>14/9/2025</span><p>New board.</p>
    <a href="/meetings">More</a></div>
  <div class="tile"><h5>Mid-Year Meeting</h5><span>7/4/2025</span><p>Workshops.</p>
    <a href="/meetings">More</a></div>
  <div class="tile"><h5>Exchange</h5><span>1/12/2025</span><p>Apply.</p>
    <a href="/projects/exchange">More</a></div>
</div></main><footer><h4>Contact</h4><p>1/1/2020</p></footer></body></html>"""


def test_cards_of_a_rendered_page_whatever_their_classes():
    items = app.read_cards(RENDERED, HOME, day_first=True)
    assert [(i.title, i.published, i.url) for i in items] == [
        ("Smile Week", "2023-05-01", HOME + "#smile-week"),
        ("World Congress", "2025-09-14", HOME + "#world-congress"),
        ("Mid-Year Meeting", "2025-04-07", HOME + "#mid-year-meeting"),
        ("Exchange", "2025-12-01", "https://students.example/projects/exchange"),
    ]
    assert items[0].content_type == "Campaign"
    assert items[0].summary == "Schools visited."
    assert items[0].image == "https://students.example/img/smile.png"


def test_cards_without_headings_are_found_by_their_title_elements():
    html = """<html><body><div id="app"><div class="feed">
      <div class="post"><a class="post-title" href="/news/a"><span class="title-text">A</span>
        </a><span>14/9/2025</span><div class="post-body">First.</div></div>
      <div class="post"><a class="post-title" href="/news/b">B</a><span>7/4/2025</span></div>
    </div></div></body></html>"""
    items = app.read_cards(html, HOME)
    assert [(i.title, i.published, i.url) for i in items] == [
        ("A", "2025-09-14", "https://students.example/news/a"),
        ("B", "2025-04-07", "https://students.example/news/b"),
    ]


@pytest.mark.parametrize("day_first", [True, False])
def test_cards_and_json_agree_on_the_date_order(day_first):
    html = "<html><body><ul><li><h3>A</h3><small>3/11/2025</small></li></ul></body></html>"
    data = [{"title": "A", "date": "3/11/2025"}]
    from_page = app.read_cards(html, HOME, day_first=day_first)[0].published
    from_json = app.read_news([json.loads(json.dumps(data))], HOME, day_first=day_first)
    assert from_page == from_json[0].published == ("2025-11-03" if day_first else "2025-03-11")
