"""The offline snapshot server, over real HTTP on 127.0.0.1 (no mocks)."""

from __future__ import annotations

import json
import re
import socket
from collections.abc import Iterator
from urllib.parse import urlsplit

import feedparser
import httpx
import pytest
from lxml import etree, html

from pipeline.demo import SITES_ROOT, SnapshotServer, serve_snapshot

DTH_ANNOUNCEMENT = (
    "/articles/dth-lab-announces-strategic-partnerships-with-ifmsa-and-ipsf-to-strengthen-the-"
    "future-health-workforce"
)
IPSF_ANNOUNCEMENT = "/news/dth-lab-announces-strategic-partnerships-ifmsa-and-ipsf"
HTML, XML, RSS, TEXT = "text/html", "application/xml", "application/rss+xml", "text/plain"

CONTRACT = {
    "dthlab": [
        ("/", HTML),
        ("/robots.txt", TEXT),
        ("/sitemap.xml", XML),
        ("/news-insights", HTML),
        ("/news-insights?4f3a9c1e_page=2", HTML),
        ("/youth", HTML),
        (DTH_ANNOUNCEMENT, HTML),
    ],
    "ifmsa": [
        ("/", HTML),
        ("/robots.txt", TEXT),
        ("/sitemap_index.xml", XML),
        ("/post-sitemap.xml", XML),
        ("/page-sitemap.xml", XML),
        ("/feed/", RSS),
        ("/feed/?paged=2", RSS),
        ("/wp-json/wp/v2/posts?per_page=10&page=1", "application/json"),
        ("/about-ifmsa/", HTML),
        ("/dth-lab-announces-strategic-partnerships-with-ifmsa-and-ipsf/", HTML),
        ("/call-for-applications-regional-youth-champions-cohort-2024-2025/", HTML),
    ],
    "ivsa": [
        ("/", HTML),
        ("/robots.txt", TEXT),
        ("/sitemap_index.xml", XML),
        ("/post-sitemap.xml", XML),
        ("/page-sitemap.xml", XML),
        ("/feed/", RSS),
        ("/faq/", HTML),
        ("/about-us/", HTML),
        ("/covid-19-ivsa-announcement/", HTML),
    ],
    "ipsf": [
        ("/", HTML),
        ("/robots.txt", TEXT),
        ("/sitemap.xml", XML),
        ("/rss.xml", RSS),
        ("/news", HTML),
        ("/news?page=1", HTML),
        (IPSF_ANNOUNCEMENT, HTML),
        ("/node/412", HTML),
        ("/es" + IPSF_ANNOUNCEMENT, HTML),
        ("/about-us", HTML),
        ("/node/4", HTML),
    ],
}


@pytest.fixture(scope="module")
def snapshot() -> Iterator[SnapshotServer]:
    with serve_snapshot() as server:
        yield server


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=10) as http:
        yield http


def get(snapshot, client, site: str, path: str, **kwargs) -> httpx.Response:
    return client.get(snapshot.base_urls[site] + path, **kwargs)


def test_one_server_per_site_folder(snapshot):
    assert set(snapshot.base_urls) == {"dthlab", "iads", "ifmsa", "ipsf", "ivsa"}
    ports = {urlsplit(url).port for url in snapshot.base_urls.values()}
    assert len(ports) == 5
    assert all(url.startswith("http://127.0.0.1:") for url in snapshot.base_urls.values())


@pytest.mark.parametrize("route", ["/", "/about", "/governance", "/projects/smile-week", "/x/"])
def test_a_single_page_app_answers_every_client_route_with_its_shell(snapshot, client, route):
    """IADS's server, like a React app's, sends the same empty shell for every route."""
    response = get(snapshot, client, "iads", route)
    assert response.status_code == 200
    assert '<div id="root"></div>' in response.text
    assert re.search(r'src="/static/js/main\.[0-9a-f]{8}\.js"', response.text)


def test_a_single_page_app_serves_its_files_and_404s_missing_ones(snapshot, client):
    news = get(snapshot, client, "iads", "/api/news.json")
    assert news.headers["content-type"].startswith("application/json")
    assert {"title", "date", "summary"} <= set(news.json()[0])
    assert get(snapshot, client, "iads", "/api/missing.json").status_code == 404
    assert get(snapshot, client, "iads", "/static/js/missing.js").status_code == 404
    assert get(snapshot, client, "iads", "/_site.json").status_code == 404


@pytest.mark.parametrize(
    ("site", "path", "kind"), [(s, p, k) for s, rows in CONTRACT.items() for p, k in rows]
)
def test_contract_urls_answer(snapshot, client, site, path, kind):
    response = get(snapshot, client, site, path)
    assert response.status_code == 200, path
    content_type = response.headers["content-type"]
    assert content_type.startswith(kind)
    assert "charset=" in content_type.lower()
    assert response.headers["etag"].startswith('"')
    assert response.headers["last-modified"].endswith("GMT")
    if kind == HTML:
        assert html.fromstring(response.content).find(".//title") is not None
    elif kind in (XML, RSS):
        etree.fromstring(response.content)


def test_every_article_in_sitemaps_answers(snapshot, client):
    sitemaps = (
        ("dthlab", "/sitemap.xml"),
        ("ifmsa", "/post-sitemap.xml"),
        ("ivsa", "/post-sitemap.xml"),
    )
    for site, sitemap in sitemaps:
        root = etree.fromstring(get(snapshot, client, site, sitemap).content)
        locs = [el.text for el in root.iter("{*}loc")]
        assert locs
        for loc in locs:
            assert get(snapshot, client, site, urlsplit(loc).path).status_code == 200, loc
    dth = etree.fromstring(get(snapshot, client, "dthlab", "/sitemap.xml").content)
    assert sum("/articles/" in el.text for el in dth.iter("{*}loc")) == 20


def test_webflow_feed_is_switched_off(snapshot, client):
    assert get(snapshot, client, "dthlab", "/articles/rss.xml").status_code == 404


def test_webflow_listing_pages(snapshot, client):
    first = html.fromstring(get(snapshot, client, "dthlab", "/news-insights").content)
    assert len(first.cssselect(".w-dyn-items > .w-dyn-item[role=listitem]")) == 12
    assert first.cssselect("a.w-pagination-next")[0].get("href") == "?4f3a9c1e_page=2"
    second = html.fromstring(
        get(snapshot, client, "dthlab", "/news-insights?4f3a9c1e_page=2").content
    )
    assert len(second.cssselect(".w-dyn-item")) == 8
    assert not second.cssselect("a.w-pagination-next")
    assert second.cssselect("a.w-pagination-previous")
    assert get(snapshot, client, "dthlab", "/news-insights?4f3a9c1e_page=3").status_code == 404


def test_webflow_announcement_markup(snapshot, client):
    page = get(snapshot, client, "dthlab", DTH_ANNOUNCEMENT).text
    doc = html.fromstring(page)
    assert "This site was created in Webflow" in page
    assert "application/ld+json" not in page
    assert "article:published_time" not in page
    assert doc.get("data-wf-domain") == "www.dthlab.org"
    assert doc.cssselect(".article-date")[0].text == "January 22, 2026"
    assert "By -" in doc.cssselect(".article-author")[0].text_content()
    assert len(doc.cssselect(".section-related .w-dyn-item")) == 20
    abouts = [h.text for h in doc.cssselect(".w-richtext h4")]
    assert len([a for a in abouts if a.startswith("About ")]) == 3
    assert "representation of  133 member organizations" in page


def test_wordpress_rest_paging(snapshot, client):
    first = get(snapshot, client, "ifmsa", "/wp-json/wp/v2/posts?per_page=10&page=1")
    assert first.headers["content-type"] == "application/json; charset=UTF-8"
    assert first.headers["x-wp-total"] == "12"
    assert first.headers["x-wp-totalpages"] == "2"
    assert 'rel="next"' in first.headers["link"]
    assert "page=2" in first.headers["link"]
    posts = first.json()
    assert len(posts) == 10
    assert posts[0]["date_gmt"] == "2026-01-22T09:15:00"
    assert posts[0]["date"] == "2026-01-22T10:15:00"
    assert {"id", "slug", "link", "title", "content", "excerpt", "author", "categories"} <= set(
        posts[0]
    )
    second = get(snapshot, client, "ifmsa", "/wp-json/wp/v2/posts?per_page=10&page=2")
    assert len(second.json()) == 2
    assert 'rel="prev"' in second.headers["link"]
    assert 'rel="next"' not in second.headers["link"]
    titles = [p["title"]["rendered"] for p in second.json()]
    assert "Regional Youth Champions &#8211; Cohort 2024-2025" in titles[0]
    assert len(get(snapshot, client, "ifmsa", "/wp-json/wp/v2/posts").json()) == 10
    five = get(snapshot, client, "ifmsa", "/wp-json/wp/v2/posts?per_page=5&page=3")
    assert len(five.json()) == 2
    assert five.headers["x-wp-totalpages"] == "3"
    assert len(get(snapshot, client, "ifmsa", "/wp-json/wp/v2/posts?per_page=100").json()) == 12


def test_wordpress_rest_past_the_end(snapshot, client):
    response = get(snapshot, client, "ifmsa", "/wp-json/wp/v2/posts?per_page=10&page=3")
    assert response.status_code == 400
    assert response.json() == {
        "code": "rest_post_invalid_page_number",
        "message": "The page number requested is larger than the number of pages available.",
        "data": {"status": 400},
    }
    bad = get(snapshot, client, "ifmsa", "/wp-json/wp/v2/posts?per_page=101")
    assert bad.status_code == 400
    assert bad.json()["code"] == "rest_invalid_param"


def test_wordpress_rest_matches_feed(snapshot, client):
    posts = get(snapshot, client, "ifmsa", "/wp-json/wp/v2/posts?per_page=100").json()
    feed = feedparser.parse(get(snapshot, client, "ifmsa", "/feed/").content)
    assert [e.link for e in feed.entries] == [p["link"] for p in posts[:10]]


REST_FORBIDDEN = {
    "code": "rest_forbidden",
    "message": "Sorry, you are not allowed to do that.",
    "data": {"status": 401},
}


def test_blocked_wordpress_rest_api(snapshot, client):
    """IVSA: a security plugin answers the REST API with 401; the feed still works."""
    for path in ("/wp-json/wp/v2/posts?per_page=10&page=1", "/wp-json/wp/v2/posts", "/wp-json/"):
        response = get(snapshot, client, "ivsa", path)
        assert response.status_code == 401, path
        assert response.headers["content-type"].startswith("application/json")
        assert response.json() == REST_FORBIDDEN
        again = get(
            snapshot, client, "ivsa", path, headers={"If-None-Match": response.headers["etag"]}
        )
        assert again.status_code == 401  # an error is never "not modified"
    assert get(snapshot, client, "ivsa", "/_rest_forbidden.json").status_code == 404
    feed = feedparser.parse(get(snapshot, client, "ivsa", "/feed/").content)
    assert feed.bozo == 0
    assert len(feed.entries) == 5
    assert feed.entries[-1].link == "https://www.ivsa.org/covid-19-ivsa-announcement/"
    assert get(snapshot, client, "ivsa", "/feed/?paged=2").status_code == 404


def test_fixed_answer_from_the_manifest(tmp_path, client):
    site = tmp_path / "site"
    site.mkdir()
    (site / "_gone.json").write_text('{"gone": true}', "utf-8")
    (site / "_site.json").write_text(
        json.dumps({"fixed": {"/api/": {"status": 410, "file": "_gone.json"}}}), "utf-8"
    )
    with serve_snapshot(root=tmp_path) as server:
        response = client.get(server.base_urls["site"] + "/api/?q=1")
        assert response.status_code == 410
        assert response.json() == {"gone": True}
        assert response.headers["content-type"] == "application/json; charset=utf-8"
        assert client.get(server.base_urls["site"] + "/api/other").status_code == 404


def test_feed_paging(snapshot, client):
    first = feedparser.parse(get(snapshot, client, "ifmsa", "/feed/").content)
    assert first.bozo == 0
    assert len(first.entries) == 10
    entry = first.entries[0]
    assert entry.published == "Thu, 22 Jan 2026 09:15:00 +0000"
    assert entry.id == "https://ifmsa.org/?p=31874"
    assert entry.author == "IFMSA Communications"
    assert len(entry.tags) >= 2
    assert "Kana Halić Kordić" in entry.content[0].value
    second = feedparser.parse(get(snapshot, client, "ifmsa", "/feed/?paged=2").content)
    assert second.bozo == 0
    assert len(second.entries) == 2
    assert get(snapshot, client, "ifmsa", "/feed/?paged=3").status_code == 404


def test_drupal_feed_and_pager(snapshot, client):
    feed = feedparser.parse(get(snapshot, client, "ipsf", "/rss.xml").content)
    assert feed.bozo == 0
    assert len(feed.entries) == 6
    assert feed.entries[0].id == "412 at https://www.ipsf.org"
    first = html.fromstring(get(snapshot, client, "ipsf", "/news").content)
    assert len(first.cssselect(".views-row")) == 4
    assert first.cssselect("nav.pager a[rel=next]")[0].get("href") == "?page=1"
    second = html.fromstring(get(snapshot, client, "ipsf", "/news?page=1").content)
    assert len(second.cssselect(".views-row")) == 2
    assert not second.cssselect("a[rel=next]")


def test_drupal_aliases_fold_by_canonical(snapshot, client):
    alias = get(snapshot, client, "ipsf", IPSF_ANNOUNCEMENT)
    node = get(snapshot, client, "ipsf", "/node/412")
    assert alias.content == node.content
    spanish = html.fromstring(get(snapshot, client, "ipsf", "/es" + IPSF_ANNOUNCEMENT).content)
    assert spanish.get("lang") == "es"
    canonical = spanish.cssselect("link[rel=canonical]")[0].get("href")
    assert canonical == "https://www.ipsf.org" + IPSF_ANNOUNCEMENT
    doc = html.fromstring(alias.content)
    assert doc.cssselect("time")[0].get("datetime") == "2026-01-23T15:40:00Z"
    assert doc.cssselect("time")[0].text == "Fri, 01/23/2026 - 16:40"


def test_conditional_requests(snapshot, client):
    for site, path in (("dthlab", DTH_ANNOUNCEMENT), ("ifmsa", "/feed/"), ("ipsf", "/rss.xml")):
        first = get(snapshot, client, site, path)
        etag, modified = first.headers["etag"], first.headers["last-modified"]
        again = get(snapshot, client, site, path, headers={"If-None-Match": etag})
        assert again.status_code == 304
        assert again.content == b""
        since = get(snapshot, client, site, path, headers={"If-Modified-Since": modified})
        assert since.status_code == 304
        stale = get(snapshot, client, site, path, headers={"If-None-Match": '"other"'})
        assert stale.status_code == 200
        older = "Mon, 01 Jan 2001 00:00:00 GMT"
        assert get(snapshot, client, site, path, headers={"If-Modified-Since": older}).status_code
        assert get(snapshot, client, site, path).headers["etag"] == etag


def test_last_modified_is_the_page_date_not_the_checkout(snapshot, client):
    response = get(snapshot, client, "dthlab", "/articles/dth-lab-impact-2025")
    assert response.headers["last-modified"] == "Tue, 16 Dec 2025 10:02:11 GMT"


def test_head(snapshot, client):
    full = get(snapshot, client, "ipsf", "/about-us")
    head = client.head(snapshot.base_urls["ipsf"] + "/about-us")
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-length"] == str(len(full.content))
    assert head.headers["etag"] == full.headers["etag"]


def raw_get(base_url: str, target: str) -> int:
    """Send the request line as written (httpx would normalise the dot segments away)."""
    parts = urlsplit(base_url)
    with socket.create_connection((parts.hostname, parts.port), timeout=5) as sock:
        sock.sendall(f"GET {target} HTTP/1.0\r\nHost: {parts.netloc}\r\n\r\n".encode())
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
        return int(reply.split()[1])


@pytest.mark.parametrize(
    "target",
    [
        "/../ifmsa/robots.txt",
        "/articles/../../ifmsa/robots.txt",
        "/%2e%2e/ifmsa/robots.txt",
        "/articles/%2E%2E/%2E%2E/build.py",
        "/..%2f..%2fetc/passwd",
        "/_site.json",
        "/_query/news-insights-page-2.html",
        "/index.html",
        "/articles/",
        "/no/such/page",
    ],
)
def test_traversal_and_private_files_404(snapshot, target):
    assert raw_get(snapshot.base_urls["dthlab"], target) == 404


def test_not_found_page_is_html(snapshot, client):
    response = get(snapshot, client, "ipsf", "/no-such-page")
    assert response.status_code == 404
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert html.fromstring(response.content).find(".//h1").text == "Not Found"


def test_all_html_and_xml_files_parse():
    for path in SITES_ROOT.rglob("*"):
        if path.suffix == ".html":
            assert html.fromstring(path.read_bytes()).find(".//body") is not None, path
        elif path.suffix == ".xml":
            etree.fromstring(path.read_bytes())
        elif path.suffix == ".json":
            json.loads(path.read_text("utf-8"))
