"""Re-crawls: a 304 is nearly free, paging stops at what is known, and a first crawl
backfills the history from the sitemap. Real crawls (fresh processes) against real
servers on 127.0.0.1: the offline snapshot, and generated WordPress-like blogs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import sqlite_utils

from bench.blog_site import HOMEPAGE, blog_source, post_url, sitemap_xml, write_blog
from pipeline.demo import serve_snapshot
from tests.helpers import FAST_CRAWL, run_cli

POSTS = 45  # five feed pages of ten


def crawl(folder: Path, base_url: str, *extra: str, source: str = "blog"):
    """``partnerwire crawl -v`` of the blog source in ``folder``'s sources.toml."""
    return run_cli(
        "crawl",
        "--sources",
        str(folder / "sources.toml"),
        "--archive",
        str(folder / "archive.db"),
        "--base-url",
        f"{source}={base_url}",
        "--json",
        "-v",
        *FAST_CRAWL,
        *extra,
    )


def last_run(result) -> dict:
    return json.loads(result.stdout)["sources"][0]


def fetched(result, path: str) -> list[str]:
    """The page lines (``-v``) of the crawl for URLs under ``path``."""
    return [line for line in result.stderr.splitlines() if f"{HOMEPAGE}{path}" in line]


@pytest.fixture
def blog(tmp_path):
    """A served blog of ``POSTS`` posts whose feed is configured and whose sitemap only
    robots.txt names; yields (folder, base URL)."""
    site = write_blog(tmp_path / "sites" / "blog", POSTS)
    (tmp_path / "sources.toml").write_text(blog_source(), encoding="utf-8")
    with serve_snapshot(tmp_path / "sites") as server:
        yield tmp_path, server.base_urls["blog"], site


def test_first_crawl_backfills_from_the_sitemap_and_max_pages_is_recorded(blog):
    folder, base, _ = blog
    result = crawl(folder, base, "-s", "MAX_PAGES=2")
    run = last_run(result)
    assert run["items_new"] == POSTS  # 20 from the feed's two pages, the rest from the sitemap
    assert run["methods"] == ["feed", "sitemap"]
    assert run["errors_by_kind"] == {"max_pages": 1}  # said once, with the feed's page
    assert any("MAX_PAGES" in m for m in run["error_messages"])
    assert run["status"] == "ok"  # the sitemap listed what the cap left out
    assert len(fetched(result, "/feed/")) == 2


def test_max_pages_without_a_sitemap_is_partial(tmp_path):
    write_blog(tmp_path / "sites" / "blog", POSTS, sitemap=False)
    (tmp_path / "sources.toml").write_text(blog_source(), encoding="utf-8")
    with serve_snapshot(tmp_path / "sites") as server:
        run = last_run(crawl(tmp_path, server.base_urls["blog"], "-s", "MAX_PAGES=2"))
    assert run["items_new"] == 20
    assert run["errors_by_kind"] == {"max_pages": 1}
    assert run["status"] == "partial"  # the history behind the cap was not read


def test_a_backfill_that_archives_nothing_does_not_excuse_max_pages(tmp_path):
    """The sitemap robots.txt names lists only a page that is no article: the backfill
    walks it and archives nothing, so the feed stopped by MAX_PAGES leaves the run
    partial (the sitemap is no way that worked)."""
    site = write_blog(tmp_path / "sites" / "blog", POSTS)
    (site / "about").mkdir()
    (site / "about" / "index.html").write_text(
        "<!DOCTYPE html><html><head><title>About the blog</title></head><body>"
        "<h1>About the blog</h1><p>We write about students and health.</p></body></html>",
        encoding="utf-8",
    )
    only_about = sitemap_xml([f"{HOMEPAGE}/about/"])
    (site / "wp-sitemap-posts-post-1.xml").write_text(only_about, encoding="utf-8")
    (tmp_path / "sources.toml").write_text(blog_source(), encoding="utf-8")
    with serve_snapshot(tmp_path / "sites") as server:
        result = crawl(tmp_path, server.base_urls["blog"], "-s", "MAX_PAGES=2")
    run = last_run(result)
    assert fetched(result, "/about/")  # the backfill did walk the sitemap
    assert run["items_new"] == 20
    assert run["methods"] == ["feed"]
    assert run["errors_by_kind"] == {"max_pages": 1}
    assert run["status"] == "partial"


def test_unchanged_recrawl_stops_at_the_feed_page_that_answered_304(blog):
    folder, base, _ = blog
    crawl(folder, base)
    again = crawl(folder, base, "--log-file", str(folder / "crawl.log"))
    run = last_run(again)
    assert run["status"] == "ok", run["error_messages"]
    feed_lines = fetched(again, "/feed/")
    assert len(feed_lines) == 1  # no page 2
    assert "(not modified)" in feed_lines[0]
    assert not fetched(again, "/wp-sitemap")  # not a first crawl: no backfill
    assert (run["items_new"], run["items_updated"]) == (0, 0)
    assert run["items_unchanged"] == 10  # the entries of the unchanged page were still seen
    stats = (folder / "crawl.log").read_text(encoding="utf-8")
    assert re.search(r"'partnerwire/item_pages_not_modified': 10\b", stats)


def test_second_crawl_stops_at_the_first_page_of_known_items(blog):
    folder, base, site = blog
    crawl(folder, base)
    write_blog(site, POSTS + 5)  # five new posts: page 1 has 5 new and 5 known entries
    again = crawl(folder, base)
    run = last_run(again)
    assert run["items_new"] == 5
    feed_pages = fetched(again, "/feed/")
    assert len(feed_pages) == 2  # page 2 holds only archived entries: the paging ends there
    db = sqlite_utils.Database(folder / "archive.db")
    assert db["items"].count == POSTS + 5
    assert db["items"].count_where("url = ?", [post_url(POSTS + 5)]) == 1


@pytest.fixture(scope="module")
def snapshot_recrawled(snapshot, tmp_path_factory):
    """The snapshot crawled twice with nothing changed in between (every page answers 304
    to the second crawl); the item rows before and after, the second run, its log."""
    folder = tmp_path_factory.mktemp("recrawl")
    archive = folder / "archive.db"
    bases = [a for sid, url in snapshot.items() for a in ("--base-url", f"{sid}={url}")]
    args = ["crawl", *snapshot, "--archive", str(archive), *bases, *FAST_CRAWL]
    run_cli(*args, check=True)
    before = {r["id"]: r for r in sqlite_utils.Database(archive)["items"].rows}
    log = folder / "second.log"
    second = run_cli(*args, "--json", "-v", "--log-file", str(log), check=True)
    db = sqlite_utils.Database(archive)
    after = {r["id"]: r for r in db["items"].rows}
    versions = db["item_versions"].count
    return before, after, json.loads(second.stdout), log.read_text("utf-8"), versions, second


def test_an_all_304_recrawl_only_notes_what_it_saw(snapshot_recrawled):
    before, after, summary, log, versions, second = snapshot_recrawled
    assert summary["exit_code"] == 0
    runs = summary["sources"]
    assert runs
    assert all(run["status"] == "ok" for run in runs), runs
    assert all((run["items_new"], run["items_updated"]) == (0, 0) for run in runs)
    unchanged = sum(run["items_unchanged"] for run in runs)
    assert unchanged > 0
    # every item page answered 304 and every app card's content is archived: skipped, no
    # normalise, no save (one stats dump per source's spider)
    skipped = sum(
        map(
            int,
            re.findall(r"'partnerwire/(?:item_pages_not_modified|cards_unchanged)': (\d+)", log),
        )
    )
    read_again = re.findall(r"-> item: (\S+)", second.stderr)
    seen_urls = re.findall(r"-> item \(not modified[^:]*: (\S+)", second.stderr)
    assert skipped == len(seen_urls) > 0
    assert skipped + len(read_again) == unchanged
    archived_urls = {u for row in before.values() for u in (row["url"], row["canonical_url"])}
    # only a page the archive knows under another URL is read again (IPSF's /es/ copy,
    # folded into its canonical page); it is saved unchanged. IADS's items are cards of
    # its application's data: a card whose content is archived is a sighting too
    assert read_again == [u for u in read_again if u not in archived_urls]
    assert any(u.startswith("https://www.iads-web.org/") for u in seen_urls)
    assert versions == 0
    seen = [i for i in after if after[i]["last_seen"] != before[i]["last_seen"]]
    # last_seen moved for each item seen (two announced URLs may be one row)
    assert 0 < len(seen) <= unchanged
    for item_id, row in after.items():  # nothing else of any row changed
        assert {**row, "last_seen": None} == {**before[item_id], "last_seen": None}


def test_sightings_the_archive_refuses_are_recorded_not_a_crashed_close(blog):
    """Every item page answers 304, and the archive refuses to move their ``last_seen``
    (as a full disk would): the run is recorded, not ``ok``, each refused sighting an
    ``archive_error`` naming its URL."""
    folder, base, _ = blog
    crawl(folder, base)
    db = sqlite_utils.Database(folder / "archive.db")
    db.execute(
        "CREATE TRIGGER refuse_sightings BEFORE UPDATE OF last_seen ON items "
        "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
    )
    db.close()
    run = last_run(crawl(folder, base))
    assert "did_not_run" not in run["errors_by_kind"], run["error_messages"]
    assert run["status"] != "ok"
    assert run["errors_by_kind"].get("archive_error", 0) >= 1
    assert any(
        m.startswith(post_url(POSTS)) and "refused by the test" in m for m in run["error_messages"]
    ), run["error_messages"]
    assert run["items_unchanged"] == 0  # nothing seen was noted
