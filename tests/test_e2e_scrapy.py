"""End to end under plain Scrapy: ``scrapy list``, ``scrapy crawl <source>`` (as
``partnerwire crawl`` does it), a crawl paused and resumed with ``JOBDIR``, and
``scrapy check``, each a real ``scrapy`` process against the snapshot on 127.0.0.1."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.archive.lock import archive_lock
from pipeline.cli.exit_codes import LOCKED, NOTHING_RAN
from tests.helpers import FAST_CRAWL, REPO, base_url_args, configured_sources, run_cli

pytestmark = pytest.mark.e2e

FAMILIES = {"dthlab": "webflow", "ifmsa": "wordpress", "ipsf": "drupal", "ivsa": "wordpress"}


def run_scrapy(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    """``scrapy ARGS`` in a fresh process, in the project (its ``scrapy.cfg``)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("PARTNERWIRE_SOURCES", None)
    return subprocess.run(
        [sys.executable, "-m", "scrapy", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def snapshot_settings(snapshot: dict[str, str], archive_path: Path) -> list[str]:
    """Settings that point every source at the snapshot and the crawl at one archive."""
    return [
        *FAST_CRAWL,
        "-s",
        f"SOURCES_BASE_URLS={json.dumps(snapshot)}",
        "-s",
        f"ARCHIVE_PATH={archive_path}",
    ]


def item_urls(archive_path: Path, source: str) -> set[str]:
    with sqlite3.connect(archive_path) as db:
        return {url for (url,) in db.execute("SELECT url FROM items WHERE source = ?", (source,))}


def runs(archive_path: Path, source: str) -> list[dict]:
    with sqlite3.connect(archive_path) as db:
        db.row_factory = sqlite3.Row
        rows = db.execute("SELECT * FROM crawl_runs WHERE source = ? ORDER BY id", (source,))
        return [dict(row) for row in rows]


@pytest.fixture(scope="module")
def reference(snapshot, tmp_path_factory) -> Path:
    """The archive ``partnerwire crawl`` makes of the snapshot (every source)."""
    archive_path = tmp_path_factory.mktemp("reference") / "archive.db"
    run_cli(
        "crawl", "--archive", str(archive_path), *base_url_args(snapshot), *FAST_CRAWL, check=True
    )
    return archive_path


def test_scrapy_list_names_the_sources_not_the_families() -> None:
    result = run_scrapy("list")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == sorted(configured_sources())


def test_scrapy_crawl_a_source_archives_what_partnerwire_crawl_does(
    snapshot, reference, tmp_path
) -> None:
    archive_path = tmp_path / "archive.db"
    result = run_scrapy("crawl", "ifmsa", *snapshot_settings(snapshot, archive_path))
    assert result.returncode == 0, result.stderr
    assert item_urls(archive_path, "ifmsa") == item_urls(reference, "ifmsa")
    (run,) = runs(archive_path, "ifmsa")
    (expected,) = runs(reference, "ifmsa")
    for column in ("status", "items_new", "profiles_new", "errors", "methods", "platform"):
        assert run[column] == expected[column], column
    # the HTTP cache lives beside the archive, as partnerwire crawl keeps it
    assert (tmp_path / ".archive.db.httpcache").is_dir()


@pytest.mark.parametrize("source", ["dthlab", "ivsa"])
def test_a_paused_crawl_resumes_to_the_archive_of_an_uninterrupted_one(
    snapshot, reference, tmp_path, source
) -> None:
    """dthlab: a Webflow listing; ivsa: its REST API answers 401, so the errback falls
    back to the feed. Paused after three pages (CLOSESPIDER_PAGECOUNT), resumed from the
    same JOBDIR."""
    archive_path, job = tmp_path / "archive.db", ["-s", f"JOBDIR={tmp_path / 'job'}"]
    settings = snapshot_settings(snapshot, archive_path)
    paused = run_scrapy("crawl", source, *settings, *job, "-s", "CLOSESPIDER_PAGECOUNT=3")
    assert paused.returncode == 0, paused.stderr
    assert "Traceback" not in paused.stderr
    (first,) = runs(archive_path, source)
    assert first["status"] != "ok"
    assert "stopped before its end (closespider_pagecount)" in first["error_messages"]
    assert len(item_urls(archive_path, source)) < len(item_urls(reference, source))

    resumed = run_scrapy("crawl", source, *settings, *job)
    assert resumed.returncode == 0, resumed.stderr
    assert "Traceback" not in resumed.stderr
    assert "Resuming crawl" in resumed.stderr
    assert item_urls(archive_path, source) == item_urls(reference, source)
    assert runs(archive_path, source)[-1]["status"] == "ok"


def test_scrapy_crawl_takes_the_archive_lock(snapshot, tmp_path) -> None:
    archive_path = tmp_path / "archive.db"
    with archive_lock(archive_path):
        result = run_scrapy("crawl", "ifmsa", *snapshot_settings(snapshot, archive_path))
    assert result.returncode == LOCKED
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1
    assert errors[0].startswith(
        f"Error: another crawl holds {archive_path}.lock (pid {os.getpid()}, "
    )
    assert not archive_path.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["wordpress"], "Error: spider 'wordpress' needs a source: -a source=<id>"),
        (["wordpress", "-a", "source=nope"], "Error: unknown source 'nope'"),
        (["nope"], "Error: no spider 'nope'"),
        (["ifmsa", "-s", "SOURCES_FILE=/nonexistent.toml"], "Error: /nonexistent.toml"),
    ],
)
def test_a_crawl_that_cannot_run_says_why_in_one_line(args, message, tmp_path) -> None:
    result = run_scrapy("crawl", *args, "-s", f"ARCHIVE_PATH={tmp_path / 'archive.db'}")
    assert result.returncode == NOTHING_RAN
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1
    assert errors[0].startswith(message)


def test_a_family_spider_still_crawls_a_named_source(snapshot, reference, tmp_path) -> None:
    archive_path = tmp_path / "archive.db"
    result = run_scrapy(
        "crawl", "drupal", "-a", "source=ipsf", *snapshot_settings(snapshot, archive_path)
    )
    assert result.returncode == 0, result.stderr
    assert item_urls(archive_path, "ipsf") == item_urls(reference, "ipsf")


def test_scrapy_check_runs_each_sources_contracts_on_the_snapshot(snapshot, tmp_path) -> None:
    result = run_scrapy("check", "-v", *snapshot_settings(snapshot, tmp_path / "a.db"))
    assert result.returncode == 0, result.stdout + result.stderr
    passed = [line for line in result.stderr.splitlines() if line.endswith("... ok")]
    for source, family in FAMILIES.items():
        assert any(line.startswith(f"[{source}] ") for line in passed), (source, family)
    assert any("@source_url" in line for line in passed)
    assert "OK" in result.stderr.splitlines()


def test_scrapy_check_fails_on_a_site_that_is_not_the_sources(snapshot, tmp_path) -> None:
    """IFMSA's configuration against IVSA's site: /about-ifmsa/ is not there."""
    wrong = {**snapshot, "ifmsa": snapshot["ivsa"]}
    result = run_scrapy("check", "ifmsa", *snapshot_settings(wrong, tmp_path / "a.db"))
    assert result.returncode == 1
    assert "FAILED" in result.stderr
    assert "the organisation page answered 404" in result.stderr


def test_without_the_archive_items_go_to_the_feed_exports_only(snapshot, reference, tmp_path):
    """``ARCHIVE_ENABLED=False`` (a Scrapyd node): no archive, no lock, the items and
    profiles as JSON lines through Scrapy's feed exports."""
    archive_path, output = tmp_path / "archive.db", tmp_path / "ipsf.jsonl"
    result = run_scrapy(
        "crawl",
        "ipsf",
        *snapshot_settings(snapshot, archive_path),
        "-s",
        "ARCHIVE_ENABLED=False",
        "-O",
        f"{output}:jsonlines",
    )
    assert result.returncode == 0, result.stderr
    assert not archive_path.exists()
    assert not Path(f"{archive_path}.lock").exists()
    exported = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    items = {row["canonical_url"] or row["url"] for row in exported if "title" in row}
    assert items == item_urls(reference, "ipsf")
    assert any("description" in row for row in exported)  # the organisation's profile
