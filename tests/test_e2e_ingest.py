"""End to end: crawls run as a Scrapyd node runs them (plain ``scrapy crawl``, archive
off, items as JSON lines through the feed exports), then ``partnerwire ingest`` loads
their output; the archive must equal the one a local crawl of the same snapshot makes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

from tests.helpers import (
    FAST_CRAWL,
    REPO,
    archive_contents,
    configured_sources,
    run_cli,
)

pytestmark = pytest.mark.e2e


def crawl_as_job(source_id: str, base_urls: dict[str, str], output: Path) -> None:
    """One source crawled as a Scrapyd job crawls it: ``scrapy crawl <source>`` with the
    archive off and its output as JSON lines in ``output``."""
    feeds = {output.as_uri(): {"format": "jsonlines"}}
    settings = {
        "ARCHIVE_ENABLED": "False",
        "FEEDS": json.dumps(feeds),
        "SOURCES_BASE_URLS": json.dumps(base_urls),
        "HTTPCACHE_ENABLED": "False",
        **dict(arg.split("=", 1) for arg in FAST_CRAWL[1::2]),
    }
    command = [sys.executable, "-m", "scrapy", "crawl", source_id]
    for name, value in settings.items():
        command += ["-s", f"{name}={value}"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        command, cwd=REPO, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.fixture(scope="module")
def job_output(snapshot, tmp_path_factory):
    """A folder of JSON-lines files, one per source, as Scrapyd jobs leave them."""
    folder = tmp_path_factory.mktemp("jobs")
    for source_id in configured_sources():
        crawl_as_job(source_id, snapshot, folder / f"{source_id}.jsonl")
    return folder


def test_ingested_archive_equals_a_local_crawl(local_crawl_archive, job_output, tmp_path):
    archive_path = tmp_path / "archive.db"
    result = run_cli("ingest", str(job_output), "--archive", str(archive_path), check=True)
    local, ingested = archive_contents(local_crawl_archive), archive_contents(archive_path)
    assert ingested["items"] == local["items"]
    assert len(local["items"]) > 20
    assert ingested == local
    assert {run["status"] for run in ingested["runs"].values()} == {"ok"}
    for source_id in configured_sources():
        assert f"{source_id}.jsonl" in result.stdout


def test_ingesting_twice_changes_nothing(job_output, tmp_path):
    archive_path = tmp_path / "archive.db"
    run_cli("ingest", str(job_output), "--archive", str(archive_path), check=True)
    first = archive_contents(archive_path)
    db = sqlite_utils.Database(archive_path)
    rows_before = {name: db[name].count for name in db.table_names()}
    last_seen = list(db.query("select canonical_url, last_seen from items order by 1"))
    db.close()
    again = run_cli("ingest", str(job_output), "--archive", str(archive_path), check=True)
    assert archive_contents(archive_path) == first
    db = sqlite_utils.Database(archive_path)
    assert {name: db[name].count for name in db.table_names()} == rows_before
    assert list(db.query("select canonical_url, last_seen from items order by 1")) == last_seen
    db.close()
    assert " 0 lines" in again.stdout
    assert "Runs recorded" not in again.stdout


def test_a_half_written_file_is_read_to_its_last_whole_line_then_the_rest(
    local_crawl_archive, job_output, tmp_path
):
    whole = (job_output / "ifmsa.jsonl").read_bytes()
    lines = whole.splitlines(keepends=True)
    growing = tmp_path / "jobs" / "ifmsa.jsonl"
    growing.parent.mkdir()
    cut = len(b"".join(lines[:5])) + len(lines[5]) // 2  # five lines and half a sixth
    growing.write_bytes(whole[:cut])
    archive_path = tmp_path / "archive.db"

    first = run_cli("ingest", str(growing), "--archive", str(archive_path), check=True)
    assert " 5 lines" in first.stdout
    assert "not written yet" in first.stdout
    db = sqlite_utils.Database(archive_path)
    assert db["items"].count + db["org_observations"].count == 5
    assert db["crawl_runs"].count == 0  # the run record is the last line, still to come
    db.close()

    with growing.open("ab") as file:
        file.write(whole[cut:])
    second = run_cli("ingest", str(growing), "--archive", str(archive_path), check=True)
    assert f" {len(lines) - 5} lines" in second.stdout
    ingested, local = archive_contents(archive_path), archive_contents(local_crawl_archive)
    local_ifmsa = {url: item for url, item in local["items"].items() if item[0] == "ifmsa"}
    assert ingested["items"] == local_ifmsa
    assert ingested["runs"]["ifmsa"] == local["runs"]["ifmsa"]  # counts span both ingests


def test_a_file_rewritten_under_the_same_name_is_read_again(job_output, tmp_path):
    path = tmp_path / "job.jsonl"
    shutil.copy(job_output / "ivsa.jsonl", path)
    archive_path = tmp_path / "archive.db"
    run_cli("ingest", str(path), "--archive", str(archive_path), check=True)
    shutil.copy(job_output / "ipsf.jsonl", path)  # another job's output, same name
    run_cli("ingest", str(path), "--archive", str(archive_path), check=True)
    runs = archive_contents(archive_path)["runs"]
    assert set(runs) == {"ivsa", "ipsf"}


def test_unreadable_lines_are_reported_and_the_rest_is_kept(job_output, tmp_path):
    path = tmp_path / "job.jsonl"
    good = (job_output / "ivsa.jsonl").read_bytes()
    path.write_bytes(b'{"not": "an item"}\nnot json at all\n' + good)
    archive_path = tmp_path / "archive.db"
    result = run_cli("ingest", str(path), "--archive", str(archive_path))
    assert result.returncode == 1
    assert f"{path}:1: neither an item" in result.stdout
    assert f"{path}:2: not JSON" in result.stdout
    run = archive_contents(archive_path)["runs"]["ivsa"]
    assert run["status"] == "partial"  # its items are kept, but the run lost two lines
    assert json.loads(run["errors_by_kind"])["unreadable_line"] == 2


def test_a_missing_path_is_one_line_and_exit_2(tmp_path):
    result = run_cli("ingest", str(tmp_path / "nowhere"), "--archive", str(tmp_path / "a.db"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"Error: {tmp_path / 'nowhere'}: no such file or folder"
