"""End to end for the feeds: `partnerwire run` crawls the snapshot and publishes; what a
feed reader sees is checked with feedparser and a real HTTP client against `serve`."""

from __future__ import annotations

import json
import subprocess
import sys

import feedparser
import httpx
import pytest
import sqlite_utils

from tests.helpers import FAST_CRAWL, REPO, base_url_args, configured_sources, run_cli

pytestmark = pytest.mark.e2e

ANNOUNCEMENT = (
    "DTH-Lab announces strategic partnerships with IFMSA and IPSF to strengthen the "
    "future health workforce"
)
FEED_FILES = ["all.atom", "all.rss", "all.json"]


@pytest.fixture(scope="module")
def published(snapshot, tmp_path_factory):
    folder = tmp_path_factory.mktemp("feeds")
    archive_path, out = folder / "archive.db", folder / "out"
    result = run_cli(
        "run",
        "--archive",
        str(archive_path),
        "--out",
        str(out),
        *base_url_args(snapshot),
        *FAST_CRAWL,
        check=True,
    )
    return {"archive": archive_path, "out": out, "result": result, "snapshot": snapshot}


def parse(path):
    feed = feedparser.parse(path.read_bytes())
    assert feed.bozo == 0, (path.name, feed.get("bozo_exception"))
    return feed


def story_count(archive_path) -> int:
    db = sqlite_utils.Database(archive_path)
    try:
        return db.execute("select count(distinct coalesce(story_id, id)) from items").fetchone()[0]
    finally:
        db.close()


def test_run_reports_crawl_and_publish(published):
    out = published["result"].stdout
    assert "Crawled into" in out
    assert "Published to" in out


def test_every_feed_parses(published):
    for path in sorted(published["out"].glob("*.atom")) + sorted(published["out"].glob("*.rss")):
        feed = parse(path)
        assert feed.entries, path.name
        ids = [entry.id for entry in feed.entries]
        assert len(ids) == len(set(ids)), f"duplicate ids in {path.name}"


def test_merged_feeds_hold_one_entry_per_story(published):
    stories = story_count(published["archive"])
    assert parse(published["out"] / "all.atom").entries.__len__() == stories
    assert len(parse(published["out"] / "all.rss").entries) == stories
    assert len(json.loads((published["out"] / "all.json").read_text())["items"]) == stories


def test_per_source_feeds_hold_every_item(published):
    db = sqlite_utils.Database(published["archive"])
    for source in configured_sources():
        count = db.execute("select count(*) from items where source = ?", [source]).fetchone()[0]
        assert len(parse(published["out"] / f"{source}.atom").entries) == count, source
    db.close()


def test_announcement_is_one_merged_entry_naming_every_source(published):
    feed = parse(published["out"] / "all.atom")
    matches = [e for e in feed.entries if e.title.casefold() == ANNOUNCEMENT.casefold()]
    assert len(matches) == 1
    hrefs = {link.href for link in matches[0].links}
    assert any(h.startswith("https://www.dthlab.org/articles/") for h in hrefs)
    assert any(h.startswith("https://ifmsa.org/") for h in hrefs)
    assert any(h.startswith("https://www.ipsf.org/news/") for h in hrefs)
    assert "Also published by" in matches[0].summary
    for source in ("dthlab", "ifmsa", "ipsf"):
        own = parse(published["out"] / f"{source}.atom")
        assert sum(e.title.casefold() == ANNOUNCEMENT.casefold() for e in own.entries) == 1


def test_similar_calls_of_different_years_stay_apart(published):
    titles = [e.title for e in parse(published["out"] / "all.atom").entries]
    calls = [t for t in titles if t.startswith("Call for Applications: Regional Youth Champions")]
    assert len(calls) == 2, calls


def test_newest_first_and_dates_well_formed(published):
    atom = parse(published["out"] / "all.atom")
    published_dates = [e.published_parsed for e in atom.entries]
    assert published_dates == sorted(published_dates, reverse=True)
    rss_text = (published["out"] / "all.rss").read_text()
    assert "<pubDate>Thu, 22 Jan 2026" in rss_text  # RFC 822
    assert "<published>2026-01-22T" in (published["out"] / "all.atom").read_text()  # RFC 3339


def test_recrawl_and_republish_leave_feeds_untouched(published, tmp_path):
    out = published["out"]
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()}
    result = run_cli(
        "run",
        "--archive",
        str(published["archive"]),
        "--out",
        str(out),
        *base_url_args(published["snapshot"]),
        *FAST_CRAWL,
        check=True,
    )
    assert "0 written" in result.stdout
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()}
    assert after == before


def test_serve_answers_a_feed_reader(published):
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pipeline.cli",
            "serve",
            "--port",
            "0",
            "--dir",
            str(published["out"]),
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = server.stdout.readline()
        base = line.split(" on ", 1)[1].split()[0]
        with httpx.Client(base_url=base, timeout=10) as client:
            response = client.get("/all.atom")
            assert response.status_code == 200
            assert response.headers["content-type"].startswith("application/atom+xml")
            again = client.get("/all.atom", headers={"If-None-Match": response.headers["etag"]})
            assert again.status_code == 304
            assert client.get("/feeds.opml").headers["content-type"].startswith("text/x-opml")
            assert client.get("/../archive.db").status_code == 404
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_publish_without_archive_is_one_line(tmp_path):
    result = run_cli(
        "publish", "--archive", str(tmp_path / "none.db"), "--out", str(tmp_path / "o")
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_empty_archive_publishes_valid_empty_feeds(tmp_path):
    from pipeline.archive import open_archive

    open_archive(tmp_path / "archive.db").close()
    run_cli(
        "publish",
        "--archive",
        str(tmp_path / "archive.db"),
        "--out",
        str(tmp_path / "o"),
        check=True,
    )
    for name in ("all.atom", "all.rss"):
        assert parse(tmp_path / "o" / name).entries == []
    assert json.loads((tmp_path / "o" / "all.json").read_text())["items"] == []


def test_schedule_runs_run_with_its_options(snapshot, tmp_path):
    archive_path, out = tmp_path / "archive.db", tmp_path / "out"
    result = run_cli(
        "schedule",
        "--every",
        "1h",
        "--times",
        "1",
        "--archive",
        str(archive_path),
        "--out",
        str(out),
        *base_url_args(snapshot),
        *FAST_CRAWL,
        check=True,
    )
    assert "run 1" in result.stdout
    assert parse(out / "all.atom").entries
    assert sqlite_utils.Database(archive_path)["crawl_runs"].count == len(snapshot)


def test_schedule_refuses_a_hammering_interval():
    result = run_cli("schedule", "--every", "5s")
    assert result.returncode == 2
    assert "at least 1m" in result.stderr
