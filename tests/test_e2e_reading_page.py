"""The reading page in a real browser: the snapshot crawled and published for real, the
output served by ``feeds.server`` on 127.0.0.1, and ``index.html`` rendered by headless
Chromium (playwright driving the system's Chromium).

Images live on the partners' hosts (and DTH-Lab's Webflow CDN); with no network, the
browser's requests to those hosts are answered by the snapshot server that holds their
files, over real HTTP (``tests/sites/images.py`` wrote them and routes the browser).
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path
from urllib.parse import urljoin

import httpx
import pytest
import sqlite_utils

from tests.helpers import FAST_CRAWL, base_url_args, run_cli
from tests.sites.images import CHROMIUM_ARGS, answer_from_snapshot

pytestmark = pytest.mark.e2e

PHONE = {"width": 375, "height": 740}


def chromium_path() -> str | None:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None


@pytest.fixture(scope="module")
def chromium():
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set but no Chromium was found (install Debian's chromium)")
        pytest.skip("no Chromium on this machine (install chromium; CI=true makes this fail)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def published(snapshot, tmp_path_factory) -> Path:
    """The snapshot crawled and published for real: the folder with archive.db and out/."""
    folder = tmp_path_factory.mktemp("reading")
    run_cli(
        "run",
        "--archive",
        str(folder / "archive.db"),
        "--out",
        str(folder / "out"),
        *base_url_args(snapshot),
        *FAST_CRAWL,
        check=True,
    )
    return folder


@pytest.fixture(scope="module")
def site(published):
    """The published output served by feeds.server: its base URL."""
    from feeds.server import make_server

    server = make_server(published / "out", "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_the_partners_labels_map_to_the_shared_types(published):
    db = sqlite_utils.Database(published / "archive.db")
    kinds = {}
    for row in db.query("SELECT source, content_type, type, title FROM items"):
        kinds.setdefault((row["source"], row["content_type"]), set()).add(row["type"])
    calls = {
        r["title"]
        for r in db.query("SELECT title FROM items WHERE type = 'call' AND source != 'iads'")
    }
    db.close()
    assert kinds[("dthlab", "Publication")] == {"publication"}
    assert kinds[("dthlab", "Multimedia")] == {"multimedia"}
    assert kinds[("dthlab", "Journal article")] == {"journal-article"}
    assert kinds[("dthlab", "News & insights")] == {"news", "call"}
    assert kinds[("ifmsa", "Statements")] == {"statement"}
    assert kinds[("ivsa", "Statements")] == {"statement"}
    assert kinds[("ipsf", "News")] == {"news"}
    assert kinds[("iads", "Call")] == {"call"}  # IADS's cards carry their own label
    # IFMSA files its calls under "News" and DTH-Lab under "News & insights": the URL
    # and title say what they are; a title that only mentions a call is not one
    assert len(calls) == 3
    assert all(
        t.casefold().startswith(("call for applications", "applications open")) for t in calls
    )
    assert "World AIDS Day 2025: IFMSA's call to end inequalities" not in calls


@pytest.fixture
def page(chromium, snapshot):
    context = chromium.new_context()

    answer_from_snapshot(context, snapshot)
    page = context.new_page()
    yield page
    context.close()


def same_site_links(page, base: str) -> set[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    return {h.split("#")[0] for h in hrefs if h.startswith(base)}


def test_every_page_and_feed_link_resolves(page, site):
    response = page.goto(site + "index.html")
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").count() == 1
    assert page.locator("main").count() == 1
    assert page.locator("nav").count() == 1
    links = same_site_links(page, site)
    pages = {u for u in links if u.endswith(".html")}
    partner_pages = {u for u in pages if "/partners/" in u}
    type_pages = {u for u in pages if "/types/" in u}
    assert len(partner_pages) == 5  # DTH-Lab and the four WHSA members
    assert urljoin(site, "types/publication.html") in type_pages
    feeds = {u for u in links if u.endswith((".atom", ".rss", ".json", ".opml"))}
    assert urljoin(site, "all.atom") in feeds
    assert urljoin(site, "type-call.rss") in feeds
    for sub in sorted(partner_pages | type_pages):  # follow every page, and its links too
        assert page.goto(sub).status == 200, sub
        assert page.locator("h1").count() == 1
        links |= same_site_links(page, site)
    for url in sorted(links):
        assert httpx.get(url).status_code == 200, url


def test_entry_images_load(page, site):
    page.goto(site + "index.html")
    images = page.locator("article.entry img")
    assert images.count() >= 10
    for n in range(images.count()):
        image = images.nth(n)
        image.scroll_into_view_if_needed()  # they load lazily
        page.wait_for_function("img => img.complete", arg=image.element_handle())
        assert image.evaluate("img => img.naturalWidth") > 0, image.get_attribute("src")
        assert image.get_attribute("alt") is not None


def test_a_partner_page_lists_only_that_partner(page, site):
    page.goto(site + "partners/ifmsa.html")
    sources = page.locator("article.entry .meta a[href*='partners/']").all_inner_texts()
    assert len(sources) == page.locator("article.entry").count() >= 5
    assert set(sources) == {"IFMSA"}
    page.goto(site + "types/call.html")
    types = page.locator("article.entry .meta a[href*='types/']").all_inner_texts()
    assert set(types) == {"Calls for applications"}


def test_also_published_by_names_the_other_partners(page, site):
    page.goto(site + "index.html")
    also = page.locator("article.entry .also").all_inner_texts()
    assert any("IFMSA" in text and "IPSF" in text for text in also)


@pytest.mark.parametrize("path", ["index.html", "partners/dthlab.html", "types/publication.html"])
def test_the_page_fits_a_phone(page, site, path):
    page.set_viewport_size(PHONE)
    page.goto(site + path)
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1] == PHONE["width"]


def test_focus_is_visible(page, site):
    page.goto(site + "index.html")
    page.keyboard.press("Tab")  # the skip link comes first and shows itself
    focused = page.evaluate(
        "() => { const e = document.activeElement; const s = getComputedStyle(e);"
        " return [e.textContent, s.outlineStyle, e.getBoundingClientRect().left]; }"
    )
    assert focused[0] == "Skip to the entries"
    assert focused[1] != "none"
    assert focused[2] >= 0
