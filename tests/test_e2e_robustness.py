"""End to end: bad input gets a clear error, and nothing is lost.

A broken page, a missing field, a dead site, a bad config line or a killed process never
corrupts the archive, never writes a half feed, never crashes the whole crawl; it is
recorded and reported in plain words. Every test runs the real command line in a fresh
process against real servers on 127.0.0.1 (the hostile sites of
``tests/data/hostile_sites/``, served by ``serve_snapshot``), a real SQLite archive and
real feed files read back with feedparser. Nothing is mocked.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import feedparser
import pytest
import sqlite_utils

from pipeline.archive import open_archive
from pipeline.demo import serve_snapshot
from tests.helpers import FAST_CRAWL, REPO, RecordingServer, run_cli

pytestmark = pytest.mark.e2e

HOSTILE_SITES = REPO / "tests" / "data" / "hostile_sites"
SOURCES = {
    "hostile": """
        name = "Hostile Partner"
        homepage = "https://hostile.example"
        platform = "wordpress"
        language = "en"
        collect = ["rest"]
        rest = "/wp-json/wp/v2/posts"
    """,
    "brokenwp": """
        name = "Broken Partner"
        homepage = "https://broken.example"
        platform = "wordpress"
        language = "en"
        collect = ["rest", "feed"]
        rest = "/wp-json/wp/v2/posts"
        feed = "/feed/"
    """,
    "notafeed": """
        name = "Partner Without A Feed"
        homepage = "https://notafeed.example"
        platform = "wordpress"
        language = "en"
        collect = ["feed", "sitemap"]
        feed = "/rss.xml"
        sitemap = "/sitemap.xml"
        item_patterns = ["^/news/"]
    """,
    "down": """
        name = "Partner Whose Server Is Down"
        homepage = "https://down.example"
        platform = "wordpress"
        language = "en"
        collect = ["feed"]
        feed = "/feed/"
    """,
    "many": """
        name = "Partner With Many Pages"
        homepage = "https://many.example"
        platform = "wordpress"
        language = "en"
        collect = ["sitemap"]
        sitemap = "/sitemap.xml"
        item_patterns = ["^/news/"]
    """,
}
# What the hostile post carries; none of it may survive into the archive or a feed.
HOSTILE_MARKERS = (
    "pwned",  # every script, handler and link target of the hostile post calls pwned…()
    "onerror",
    "onclick",
    "javascript:",
    "data:text",
    "evil.example",
    "<script",
    "<iframe",
)
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
FEED_SUFFIXES = (".atom", ".rss", ".json")


def write_sources(folder: Path, *ids: str, extra: str = "") -> Path:
    path = folder / "sources.toml"
    tables = [
        f"[sources.{sid}]\n" + "\n".join(s.strip() for s in SOURCES[sid].splitlines())
        for sid in ids
    ]
    path.write_text("\n".join(tables) + extra, encoding="utf-8")
    return path


def crawl_args(sources: Path, archive_path: Path, base_urls: dict[str, str]) -> list[str]:
    """``partnerwire crawl`` arguments for a sources file, an archive and base URLs."""
    bases = [arg for sid, url in base_urls.items() for arg in ("--base-url", f"{sid}={url}")]
    return ["crawl", "--sources", str(sources), "--archive", str(archive_path), *bases]


def crawl(folder: Path, base_urls: dict[str, str], *extra: str) -> subprocess.CompletedProcess:
    sources = write_sources(folder, *base_urls)
    args = crawl_args(sources, folder / "archive.db", base_urls)
    return run_cli(*args, *FAST_CRAWL, *extra)


def feed_files(out: Path) -> list[Path]:
    return sorted(p for p in out.iterdir() if p.suffix in FEED_SUFFIXES)


def read_feed(path: Path) -> list[tuple[str, str]]:
    """(title, content) of every entry; Atom and RSS must parse with feedparser's
    ``bozo == 0``, JSON Feed (which feedparser 6.0 does not read) with ``json``."""
    if path.suffix == ".json":
        feed = json.loads(path.read_bytes())
        assert feed["version"].startswith("https://jsonfeed.org/version/1"), path.name
        return [
            (item.get("title", ""), item.get("content_html", "") + item.get("summary", ""))
            for item in feed["items"]
        ]
    parsed = feedparser.parse(path.read_bytes())
    assert parsed.bozo == 0, f"{path.name}: {parsed.get('bozo_exception')!r}"
    assert parsed.version, f"{path.name} is not a feed"
    return [
        (
            entry.get("title", ""),
            " ".join(c.value for c in entry.get("content", [])) + entry.get("summary", ""),
        )
        for entry in parsed.entries
    ]


class CountingServer(RecordingServer):
    """Answers every request with ``status`` and remembers the paths asked for
    (serve_snapshot cannot answer 500 nor count requests)."""

    def __init__(self, status: int) -> None:
        body = f"<html><body><h1>{status}</h1></body></html>".encode()
        super().__init__(lambda path: (status, {"Content-Type": "text/html; charset=utf-8"}, body))


@pytest.fixture(scope="module")
def sites() -> Iterator[dict[str, str]]:
    with serve_snapshot(root=HOSTILE_SITES) as server:
        yield server.base_urls


# -- 1. hostile content ------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(sites, tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    crawled = crawl(folder, {"hostile": sites["hostile"]})
    assert crawled.returncode == 0, crawled.stdout + crawled.stderr
    out = folder / "out"
    published = run_cli("publish", "--archive", str(folder / "archive.db"), "--out", str(out))
    assert published.returncode == 0, published.stdout + published.stderr
    db = sqlite_utils.Database(folder / "archive.db")
    rows = list(db.query("select * from items order by published desc"))
    db.close()
    return {"folder": folder, "out": out, "rows": rows, "crawl": crawled}


def test_hostile_items_are_archived(hostile):
    titles = [row["title"] for row in hostile["rows"]]
    assert len(titles) == 3, titles
    assert titles[0].startswith("Vaccine")
    assert titles[0].endswith("supply meeting")
    assert titles[1].startswith("Overlong headline")
    assert titles[2] == "A calm post about training workshops"
    assert "Partners met to discuss vaccine supply." in hostile["rows"][0]["text"]
    assert "Traceback" not in hostile["crawl"].stderr


def test_hostile_markup_never_reaches_the_archive(hostile):
    for row in hostile["rows"]:
        for column in ("title", "summary", "content_html", "text"):
            value = row[column] or ""
            assert not XML_ILLEGAL.search(value), (column, row["canonical_url"])
            for marker in HOSTILE_MARKERS:
                assert marker not in value.lower(), (marker, column, row["canonical_url"])
        assert len(row["title"]) <= 500, f"a {len(row['title'])}-character title was archived"


def test_hostile_markup_never_reaches_a_feed(hostile):
    files = [*feed_files(hostile["out"]), hostile["out"] / "index.html"]
    names = {p.name for p in files}
    assert {
        "all.atom",
        "all.rss",
        "all.json",
        "hostile.atom",
        "hostile.rss",
        "hostile.json",
    } <= names
    for path in files:
        data = path.read_bytes().decode("utf-8")
        assert not XML_ILLEGAL.search(data), path.name
        assert "ABCDEFGHIJ" * 60 not in data, f"{path.name} holds the overlong title"
        lowered = data.lower()
        for marker in HOSTILE_MARKERS[:6]:  # '<' is escaped inside XML; the words are not
            assert marker not in lowered, (marker, path.name)


def test_every_hostile_feed_parses_cleanly(hostile):
    for path in feed_files(hostile["out"]):
        entries = read_feed(path)
        if path.name == "organisations.atom":  # changed organisation facts: none here
            assert entries == []
            continue
        assert len(entries) == 3, path.name
        for title, content in entries:
            assert title, path.name
            for marker in HOSTILE_MARKERS:
                assert marker not in (title + content).lower(), (marker, path.name)


def test_a_nul_byte_leaves_no_replacement_character(hostile):
    assert hostile["rows"][0]["title"] == "Vaccine supply meeting"


# -- 2. broken pages, a broken feed, a blocked API, a server that answers 500 -----------


@pytest.fixture(scope="module")
def broken(sites, tmp_path_factory):
    folder = tmp_path_factory.mktemp("broken")
    down = CountingServer(500)
    try:
        result = crawl(
            folder,
            {"brokenwp": sites["brokenwp"], "notafeed": sites["notafeed"], "down": down.url},
            "-s",
            "DOWNLOAD_MAXSIZE=300000",
            "-s",
            "RETRY_TIMES=2",
        )
    finally:
        down.close()
    db = sqlite_utils.Database(folder / "archive.db")
    items = {row["title"]: row for row in db.query("select * from items")}
    runs = {row["source"]: row for row in db.query("select * from crawl_runs")}
    db.close()
    for run in runs.values():
        run["errors_by_kind"] = json.loads(run["errors_by_kind"] or "{}")
        run["error_messages"] = json.loads(run["error_messages"] or "[]")
    return {"result": result, "items": items, "runs": runs, "down_requests": down.requests}


def test_broken_crawl_finishes_and_exits_1(broken):
    result = broken["result"]
    assert result.returncode == 1, result.stdout + result.stderr  # some sources failed
    assert "Traceback" not in result.stderr + result.stdout
    assert set(broken["runs"]) == {"brokenwp", "notafeed", "down"}


def test_good_items_survive_their_broken_neighbours(broken):
    items = broken["items"]
    # the REST API answered a security plugin's HTML page: the feed was used instead
    assert items["Good news survives"]["canonical_url"] == "https://broken.example/good-news/"
    # truncated HTML: what arrived is kept
    assert "first paragraph arrived intact" in items["Truncated page survives"]["text"]
    # no title on the page: the feed's title fills the gap
    assert items["Title only the feed knew"]["canonical_url"] == "https://broken.example/no-title/"
    # a PDF linked as an item: kept with what the feed said, never parsed as HTML
    pdf = items["Annual report 2025 (PDF)"]
    assert pdf["canonical_url"].endswith("/files/annual-report-2025.pdf")
    assert "%PDF" not in (pdf["text"] or "") + (pdf["content_html"] or "")
    # the feed was not XML: the sitemap was used instead
    assert items["Found through the sitemap"]["published"].startswith("2026-01-20")
    # no date anywhere: kept, with an empty date (never invented)
    assert not items["A page with no date"]["published"]
    for row in items.values():
        assert row["title"], row
        assert row["canonical_url"], row


def test_what_went_wrong_is_recorded_in_plain_words(broken):
    runs = broken["runs"]
    wp = runs["brokenwp"]
    assert wp["status"] == "partial"
    assert wp["errors_by_kind"].get("http_404") == 1, wp["errors_by_kind"]
    messages = "\n".join(wp["error_messages"])
    assert "https://broken.example/gone/" in messages
    assert "https://broken.example/big-page/" in messages
    assert "page size cap" in messages  # the size cap, said as such
    assert runs["notafeed"]["status"] in {"ok", "partial"}


def test_a_500_is_retried_then_recorded(broken):
    down = broken["runs"]["down"]
    assert down["status"] == "failed"
    assert down["errors_by_kind"].get("http_500") == 1, down["errors_by_kind"]
    assert "https://down.example/feed/" in "\n".join(down["error_messages"])
    assert broken["down_requests"].count("/feed/") == 3  # the first try and RETRY_TIMES=2


def test_the_summary_shows_each_source_and_its_errors(broken):
    lines = broken["result"].stdout.splitlines()
    by_source = {
        sid: next(line for line in lines if line.split()[:1] == [sid]) for sid in broken["runs"]
    }
    assert "failed" in by_source["down"]
    assert "partial" in by_source["brokenwp"]
    assert "2 errors" in by_source["brokenwp"]
    shown = "\n".join(line for line in lines if line.strip().startswith("!"))
    assert "https://broken.example/gone/" in shown
    assert "https://down.example/feed/" in shown


def test_the_summary_says_which_status_the_server_answered(broken):
    shown = [line for line in broken["result"].stdout.splitlines() if "down.example" in line]
    assert any("500" in line for line in shown), shown


def test_the_size_cap_has_a_plain_error_kind(broken):
    kinds = broken["runs"]["brokenwp"]["errors_by_kind"]
    assert not any(kind[:1].isupper() for kind in kinds), kinds


def test_an_article_without_a_title_is_recorded(broken):
    notafeed = broken["runs"]["notafeed"]
    assert "https://notafeed.example/news/untitled" in "\n".join(notafeed["error_messages"])


# -- 3. a crawl killed mid-way ---------------------------------------------------------


def item_count(path: Path) -> int:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("select count(*) from items").fetchone()[0]
    except sqlite3.Error:
        return 0


def kill_when(proc: subprocess.Popen, ready: Callable[[], bool], seconds: float) -> None:
    """SIGKILL ``proc`` as soon as ``ready()``; fail if it ends first or ``seconds`` pass."""
    try:
        deadline = time.monotonic() + seconds
        while not ready() and proc.poll() is None:
            assert time.monotonic() < deadline, f"not ready to be killed after {seconds} s"
            time.sleep(0.02)
        assert proc.poll() is None, "the crawl ended before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=10) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def whole_item_count(path: Path) -> int:
    """The items of an archive a killed process left, after checking the file is whole."""
    with sqlite3.connect(path) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        return conn.execute("select count(*) from items").fetchone()[0]


def crawl_again(args: list[str], env: dict[str, str]) -> None:
    """Run the crawl to its end; it must exit 0 with no traceback."""
    again = subprocess.run(args, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Traceback" not in again.stderr


def many_crawl(sites: dict[str, str], folder: Path) -> tuple[list[str], dict[str, str]]:
    """The command line (and environment) of a crawl of the 40-post site into
    ``folder/archive.db``, in a process of its own."""
    sources = write_sources(folder, "many")
    args = [
        sys.executable,
        "-m",
        "pipeline.cli",
        *crawl_args(sources, folder / "archive.db", {"many": sites["many"]}),
        "-s",
        "AUTOTHROTTLE_ENABLED=False",
    ]
    return args, {**os.environ, "PYTHONPATH": str(REPO)}


def test_a_killed_crawl_loses_nothing(sites, tmp_path):
    archive_path = tmp_path / "archive.db"
    args, env = many_crawl(sites, tmp_path)
    slow = subprocess.Popen(
        [*args, "-s", "DOWNLOAD_DELAY=0.3"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    kill_when(slow, lambda: item_count(archive_path) >= 3, 30)
    half = whole_item_count(archive_path)
    assert 3 <= half < 40
    db = open_archive(archive_path)
    assert db.execute(
        "select count(*) from items where title is null or title = '' or canonical_url is null"
    ).fetchone() == (0,)
    db.close()

    crawl_again([*args, "-s", "DOWNLOAD_DELAY=0"], env)
    db = open_archive(archive_path)
    try:
        assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
        titles = {row["title"] for row in db.query("select title from items")}
        assert titles == {f"Weekly update number {n}" for n in range(1, 41)}
        assert db.execute(
            "select count(*) from items where title = '' or canonical_url is null or content_hash is null"
        ).fetchone() == (0,)
        last = next(db.query("select * from crawl_runs order by id desc limit 1"))
        assert last["status"] == "ok", last["error_messages"]
    finally:
        db.close()


def test_a_crawl_killed_mid_batch_loses_only_that_batch_and_the_next_recovers_it(sites, tmp_path):
    """Batches of 7 items (and no timer): the kill comes after items the spider handed to
    the archive's pipeline were announced (``-v``) but before their batch was written."""
    archive_path = tmp_path / "archive.db"
    args, env = many_crawl(sites, tmp_path)
    batch = ["-s", "ARCHIVE_BATCH_ITEMS=7", "-s", "ARCHIVE_BATCH_SECONDS=3600"]
    log = tmp_path / "verbose.log"
    with log.open("w", encoding="utf-8") as stderr:
        slow = subprocess.Popen(
            [*args, *batch, "-s", "DOWNLOAD_DELAY=0.2", "-v"],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )

        def inside_a_batch() -> bool:
            stored = item_count(archive_path)
            handed = log.read_text(encoding="utf-8").count("-> item:")
            return stored >= 7 and 2 <= handed - stored <= 4  # well inside the next batch

        kill_when(slow, inside_a_batch, 60)

    handed = log.read_text(encoding="utf-8").count("-> item:")
    stored = whole_item_count(archive_path)
    assert stored % 7 == 0, "only whole batches are written"
    assert 7 <= stored < handed < 40, (stored, handed)

    crawl_again([*args, *batch, "-s", "DOWNLOAD_DELAY=0"], env)
    db = open_archive(archive_path)
    try:
        titles = {row["title"] for row in db.query("select title from items")}
        assert titles == {f"Weekly update number {n}" for n in range(1, 41)}
        last = next(db.query("select * from crawl_runs order by id desc limit 1"))
        assert last["status"] == "ok", last["error_messages"]
        # exact counts: what the killed run lost is new now, what it wrote is unchanged
        assert (last["items_new"], last["items_unchanged"]) == (40 - stored, stored)
        # the lost pages were in the HTTP cache, so they answered 304 too: a 304 is taken as
        # "unchanged" only for a page the archive holds, the others are read from the cache
        assert last["pages_not_modified"] >= handed, (last["pages_not_modified"], handed)
    finally:
        db.close()


# -- 4. publishing that fails midway leaves every feed whole ------------------------------


def test_a_publish_that_fails_midway_leaves_whole_feeds(hostile, tmp_path):
    archive_path = tmp_path / "archive.db"
    archive_path.write_bytes((hostile["folder"] / "archive.db").read_bytes())
    out = tmp_path / "out"
    run_cli("publish", "--archive", str(archive_path), "--out", str(out), check=True)
    before = {p.name: p.read_bytes() for p in feed_files(out)}
    # the archive changes (a re-crawl), and one target name is now taken by a folder
    db = sqlite_utils.Database(archive_path)
    db.execute("update items set title = 'A calm post, retitled' where title like 'A calm post%'")
    db.conn.commit()
    db.close()
    (out / "hostile.rss").unlink()
    (out / "hostile.rss").mkdir()

    result = run_cli("publish", "--archive", str(archive_path), "--out", str(out))

    leftovers = [p.name for p in out.iterdir() if p.name.startswith(".") or p.suffix == ".tmp"]
    assert not leftovers, leftovers
    for path in feed_files(out):
        if path.is_dir():
            continue
        expected = 0 if path.name == "organisations.atom" else 3  # no organisation facts
        assert len(read_feed(path)) == expected, path.name
        assert (
            path.read_bytes() == before[path.name] or b"A calm post, retitled" in path.read_bytes()
        )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    message = result.stderr.strip().splitlines()
    assert len(message) == 1, message
    assert "hostile.rss" in message[0], message


# -- 5. a bad config line stops everything before the first request ---------------------


@pytest.mark.parametrize(
    ("bad_entry", "field"),
    [
        ('platform = "joomla"', "platform"),
        ('collect = ["rest"]', "rest"),
        ('feeed = "/feed/"', "feeed"),
    ],
)
def test_a_bad_sources_line_refuses_before_fetching(tmp_path, bad_entry, field):
    extra = (
        "\n[sources.badly]\n"
        'name = "Badly Configured Partner"\n'
        'homepage = "https://badly.example"\n'
        f"{bad_entry}\n"
    )
    if "platform" not in bad_entry:
        extra += 'platform = "wordpress"\n'
    if "collect" not in bad_entry:
        extra += 'collect = ["feed"]\nfeed = "/feed/"\n'
    sources = write_sources(tmp_path, "brokenwp", extra=extra)
    archive_path = tmp_path / "archive.db"
    counter = CountingServer(200)
    try:
        bases = {"brokenwp": counter.url, "badly": counter.url}
        result = run_cli(*crawl_args(sources, archive_path, bases), *FAST_CRAWL)
    finally:
        counter.close()
    assert result.returncode != 0
    assert counter.requests == [], "the crawl fetched before checking its sources"
    assert not archive_path.exists()
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "badly" in lines[0], lines[0]
    assert field in lines[0], lines[0]
