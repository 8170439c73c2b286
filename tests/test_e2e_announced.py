"""End to end: an announced item is an item, on sites the parsers were not written for.

``tests/data/variant_sites/`` holds held-out-style variants (other class names, other
paths, other pagination, short articles, titles in ``<h3>``, no visible dates, a date only
in a meta tag), served by ``serve_snapshot``. Each test runs the real command line in a
fresh process, crawls for real into a real SQLite archive, and checks that every URL the
sitemap and the listing announced is archived or recorded with its URL, and that the run
is ``ok`` only when all were archived. Nothing is mocked.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
import sqlite_utils
from lxml import etree

from pipeline.demo import serve_snapshot
from tests.helpers import FAST_CRAWL, REPO, run_cli

pytestmark = pytest.mark.e2e

VARIANT_SITES = REPO / "tests" / "data" / "variant_sites"
SOURCES = {
    "dthvariant": """
        name = "Digital Transformations for Health Lab (variant)"
        acronym = "DTH-Lab"
        homepage = "https://dthlab-variant.example"
        platform = "webflow"
        language = "en"
        collect = ["listing", "sitemap"]
        listings = ["/news"]
        sitemap = "/sitemap.xml"
        item_patterns = ["^/insights/[^/]+$"]
    """,
    "dthvariant_listing": """
        name = "Digital Transformations for Health Lab (variant, listing only)"
        acronym = "DTH-Lab"
        homepage = "https://dthlab-variant.example"
        platform = "webflow"
        language = "en"
        collect = ["listing"]
        listings = ["/news"]
        item_patterns = ["^/insights/[^/]+$"]
    """,
    "wpvariant": """
        name = "Wire Partner"
        homepage = "https://wp-variant.example"
        platform = "wordpress"
        language = "en"
        collect = ["rest", "feed"]
        rest = "/wp-json/wp/v2/posts"
        feed = "/feed/"
    """,
    "untitled": """
        name = "Untitled Partner"
        homepage = "https://untitled.example"
        platform = "webflow"
        language = "en"
        collect = ["sitemap"]
        sitemap = "/sitemap.xml"
        item_patterns = ["^/news/"]
    """,
}
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(scope="module")
def sites() -> Iterator[dict[str, str]]:
    with serve_snapshot(root=VARIANT_SITES) as server:
        yield server.base_urls


def crawl(folder: Path, source: str, base_url: str) -> dict:
    """Crawl one source of SOURCES (its base URL given) into a new archive in ``folder``."""
    sources = folder / "sources.toml"
    body = "\n".join(line.strip() for line in SOURCES[source].splitlines())
    sources.write_text(f"[sources.{source}]\n{body}\n", encoding="utf-8")
    archive = folder / "archive.db"
    result = run_cli(
        "crawl",
        "--sources",
        str(sources),
        "--archive",
        str(archive),
        "--base-url",
        f"{source}={base_url}",
        *FAST_CRAWL,
    )
    db = sqlite_utils.Database(archive)
    rows = list(db.query("select * from items"))
    [run] = list(db.query("select * from crawl_runs"))
    db.close()
    return {"result": result, "rows": rows, "run": run}


def announced(site: str, pattern: str) -> set[str]:
    """Every item URL the site's sitemap and listing pages announce (read from its files,
    not by our parsers), in its public form."""
    root = VARIANT_SITES / site
    homepage = re.search(r'homepage = "([^"]+)"', SOURCES[site])[1]
    tree = etree.parse(str(root / "sitemap.xml"))
    urls = {loc.text.strip() for loc in tree.iterfind(".//s:loc", SITEMAP_NS)}
    for listing in [root / "news.html", *sorted(root.glob("_query/news-page-*.html"))]:
        if listing.is_file():
            hrefs = re.findall(r'href="([^"]+)"', listing.read_text("utf-8"))
            urls |= {urljoin(homepage + "/news", h) for h in hrefs}
    return {u for u in urls if re.search(pattern, u.removeprefix(homepage))}


@pytest.fixture(scope="module")
def variant(sites, tmp_path_factory):
    return crawl(tmp_path_factory.mktemp("variant"), "dthvariant", sites["dthvariant"])


def test_every_announced_url_is_archived_or_recorded(variant):
    urls = announced("dthvariant", r"^/insights/[^/]+$")
    assert len(urls) == 20
    archived = {r["url"] for r in variant["rows"]} | {r["canonical_url"] for r in variant["rows"]}
    messages = " ".join(json.loads(variant["run"]["error_messages"]))
    lost = sorted(u for u in urls if u not in archived and u not in messages)
    assert not lost, f"announced but neither archived nor recorded: {lost}"
    missing = urls - archived
    status = variant["run"]["status"]
    assert (status == "ok") == (not missing), (status, sorted(missing), messages)


def test_the_held_out_variant_is_archived_in_full(variant):
    """The hard pages (short, ``<h3>`` titles, no visible date, title only in <title>)
    are all items: the run archives all 20 and is ``ok``."""
    assert variant["result"].returncode == 0, variant["result"].stdout + variant["result"].stderr
    assert variant["run"]["status"] == "ok", variant["run"]["error_messages"]
    assert len(variant["rows"]) == 20
    by_slug = {r["url"].rsplit("/", 1)[1]: r["title"] for r in variant["rows"]}
    # only in <title>/og:title (whose " | DTH-Lab" suffix nothing on the page names as the
    # site's, so it may stay), and only in an <h3>
    assert by_slug["data-solidarity-explained-in-five-minutes"].startswith(
        "Data solidarity explained in five minutes"
    )
    assert by_slug["regional-youth-champions-report-on-a-year-of-digital-health-work"].startswith(
        "Regional Youth Champions report on a year of digital health work"
    )


def test_nothing_is_archived_twice(variant):
    rows = variant["rows"]
    assert len({r["canonical_url"] for r in rows}) == len(rows)
    assert len({r["url"].rstrip("/") for r in rows}) == len(rows)
    assert len({r["title"] for r in rows}) == len(rows)


def test_a_date_only_in_a_meta_tag_keeps_the_publishers_day(variant):
    [row] = [r for r in variant["rows"] if r["url"].endswith("/a-short-note-on-our-annual-meeting")]
    assert row["published"] == "2025-11-20T17:10:46-07:00"  # the publisher's Nov 20
    assert row["published_utc"] == "2025-11-21T00:10:46+00:00"


def test_undated_short_pages_are_kept_undated(variant):
    [row] = [r for r in variant["rows"] if r["url"].endswith("/call-for-artists-being-online")]
    assert row["published"] is None
    assert row["text"].count(".") == 2  # the two sentences, nothing invented


def test_an_announced_page_with_no_title_is_a_recorded_no_article(sites, tmp_path):
    crawled = crawl(tmp_path, "untitled", sites["untitled"])
    run = crawled["run"]
    messages = json.loads(run["error_messages"])
    assert [r["url"] for r in crawled["rows"]] == ["https://untitled.example/news/a-good-article"]
    assert run["status"] == "partial"
    kinds = json.loads(run["errors_by_kind"])
    assert kinds == {"no_article": 1, "not_html": 1}
    assert any("https://untitled.example/news/no-title-anywhere" in m for m in messages)
    assert any("https://untitled.example/news/annual-report.pdf" in m for m in messages)


def feed_links(site: str) -> set[str]:
    """Every item link the site's feed pages announce (read from its files)."""
    root = VARIANT_SITES / site
    links = set()
    for feed in [root / "feed" / "index.xml", *sorted(root.glob("_query/feed-*.xml"))]:
        links |= {link.text for link in etree.parse(str(feed)).iterfind(".//item/link")}
    return links


def test_the_wordpress_variant_is_archived_in_full_with_the_publishers_day(sites, tmp_path):
    crawled = crawl(tmp_path, "wpvariant", sites["wpvariant"])
    urls = feed_links("wpvariant")
    assert len(urls) == 6
    archived = {r["url"] for r in crawled["rows"]}
    assert archived == urls, crawled["run"]["error_messages"]
    assert crawled["run"]["status"] == "ok"
    by_slug = {r["url"].rstrip("/").rsplit("/", 1)[1]: r for r in crawled["rows"]}
    # the feed says Thu 20 Nov 21:30 UTC; the page says 23:30 +02:00: its day is kept
    vote = by_slug["members-vote-on-the-new-strategic-plan"]
    assert (vote["title"], vote["published"]) == (
        "Members vote on the new strategic plan",
        "2025-11-20T23:30:00+02:00",
    )
    assert vote["published_utc"] == "2025-11-20T21:30:00+00:00"
    # titled only in <title> ("… – Wire Partner"): the feed's title is the item's
    assert by_slug["regional-meeting-in-nairobi"]["title"].startswith("Regional meeting in Nairobi")
    assert "The partners met online" in by_slug["regional-meeting-in-nairobi"]["text"]


def test_the_listing_alone_with_older_posts_paging_announces_every_article(sites, tmp_path):
    crawled = crawl(tmp_path, "dthvariant_listing", sites["dthvariant"])
    urls = announced("dthvariant", r"^/insights/[^/]+$")
    assert {r["url"] for r in crawled["rows"]} == urls, crawled["run"]["error_messages"]
    assert crawled["run"]["status"] == "ok"
    by_slug = {r["url"].rsplit("/", 1)[1]: r for r in crawled["rows"]}
    # the listing's clean title, where the page names itself only "… | DTH-Lab" in <title>
    assert by_slug["data-solidarity-explained-in-five-minutes"]["title"] == (
        "Data solidarity explained in five minutes"
    )
