"""End to end: one writer at a time, readers never blocked, nothing lost to a lock.

Real processes on real files: a slow crawl of the ``many`` hostile site (40 pages, served
on 127.0.0.1) writes the archive while ``publish`` and ``search`` run in a loop beside
it, and while a second crawl tries its luck. Nothing is mocked and no timing is
asserted: overlap is proven by the slow crawl still running when a reader returned.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest

from pipeline.cli.exit_codes import LOCKED
from pipeline.demo import serve_snapshot
from tests.helpers import REPO, run_cli
from tests.test_e2e_robustness import HOSTILE_SITES, crawl_args, write_sources

pytestmark = pytest.mark.e2e

TITLES = {f"Weekly update number {n}" for n in range(1, 41)}
SLOW = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0.5"]  # 40 pages: 20 s or more
ENV = {**os.environ, "PYTHONPATH": str(REPO)}


@pytest.fixture(scope="module")
def many() -> Iterator[str]:
    with serve_snapshot(root=HOSTILE_SITES) as server:
        yield server.base_urls["many"]


def start_crawl(folder: Path, base_url: str, *extra: str) -> subprocess.Popen:
    """A crawl of ``many`` into folder/archive.db, in the background."""
    sources = write_sources(folder, "many")
    args = crawl_args(sources, folder / "archive.db", {"many": base_url})
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", *args, *extra],
        cwd=REPO,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def titles(archive_path: Path) -> set[str]:
    """What the archive holds, read as any SQLite tool would (read-only)."""
    with sqlite3.connect(f"file:{archive_path}?mode=ro", uri=True, timeout=10) as conn:
        return {row[0] for row in conn.execute("select title from items")}


def crawl_runs(archive_path: Path) -> list[dict]:
    with sqlite3.connect(f"file:{archive_path}?mode=ro", uri=True, timeout=10) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute("select * from crawl_runs order by id")]


def wait_for_items(archive_path: Path, crawl: subprocess.Popen, at_least: int = 2) -> None:
    """Until the running crawl has archived a few items (so it holds the lock)."""
    deadline = time.monotonic() + 60
    while True:
        assert crawl.poll() is None, "the crawl ended before the test could overlap it"
        try:
            if len(titles(archive_path)) >= at_least:
                return
        except sqlite3.Error:  # not created yet
            pass
        assert time.monotonic() < deadline, "the crawl archived nothing in 60 s"
        time.sleep(0.05)


def finish(crawl: subprocess.Popen) -> tuple[int, str, str]:
    out, err = crawl.communicate(timeout=240)
    return crawl.returncode, out, err


@pytest.fixture(scope="module")
def overlapping(many, tmp_path_factory) -> dict:
    """One slow crawl, with publish and search run in turn until it ends."""
    folder = tmp_path_factory.mktemp("overlap")
    archive_path, out = folder / "archive.db", folder / "out"
    crawl = start_crawl(folder, many, *SLOW)
    readers = []
    try:
        wait_for_items(archive_path, crawl)
        while crawl.poll() is None:
            for args in (
                ["publish", "--archive", str(archive_path), "--out", str(out)],
                ["search", "update", "--archive", str(archive_path), "--json", "--limit", "100"],
            ):
                result = run_cli(*args)
                readers.append((args[0], result, crawl.poll() is None))
    finally:
        if crawl.poll() is None:
            crawl.kill()
        code, stdout, stderr = finish(crawl)
    return {
        "archive": archive_path,
        "out": out,
        "crawl": (code, stdout, stderr),
        "readers": readers,
    }


def readers_beside_the_crawl(overlapping: dict, kind: str) -> list:
    """The ``kind`` runs of the loop: each succeeded, and one answered while the crawl
    was still running (so it neither waited for the crawl nor made it wait)."""
    runs = [(r, during) for k, r, during in overlapping["readers"] if k == kind]
    assert any(during for _, during in runs), f"no {kind} overlapped the crawl"
    for result, _ in runs:
        assert result.returncode == 0, result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        assert "locked" not in result.stdout + result.stderr
    return [result for result, _ in runs]


def test_publish_during_a_crawl_never_fails(overlapping):
    for result in readers_beside_the_crawl(overlapping, "publish"):
        assert result.stdout.startswith("Published to")


def test_a_crawl_beside_publishes_loses_nothing(overlapping):
    code, stdout, stderr = overlapping["crawl"]
    assert code == 0, stdout + stderr
    assert "not saved" not in stdout + stderr
    assert titles(overlapping["archive"]) == TITLES
    [run] = crawl_runs(overlapping["archive"])
    assert (run["status"], run["errors"], run["items_new"]) == ("ok", 0, 40)


def test_the_feeds_published_during_a_crawl_are_whole(overlapping):
    result = run_cli(
        "publish", "--archive", str(overlapping["archive"]), "--out", str(overlapping["out"])
    )
    assert result.returncode == 0, result.stderr
    feed = feedparser.parse((overlapping["out"] / "all.atom").read_bytes())
    assert feed.bozo == 0
    assert {entry.title for entry in feed.entries} == TITLES


def test_search_during_a_crawl_is_not_blocked(overlapping):
    for result in readers_beside_the_crawl(overlapping, "search"):
        assert {row["title"] for row in json.loads(result.stdout)} <= TITLES


def test_a_second_crawl_exits_3_at_once_or_waits_its_turn(many, tmp_path):
    archive_path = tmp_path / "archive.db"
    first = start_crawl(tmp_path, many, *SLOW)
    queued = None
    try:
        wait_for_items(archive_path, first)
        sources = tmp_path / "sources.toml"
        args = crawl_args(sources, archive_path, {"many": many})

        refused = run_cli(*args, "-s", "DOWNLOAD_DELAY=0")
        assert first.poll() is None, "the second crawl waited for the first to end"
        assert refused.returncode == LOCKED, refused.stdout + refused.stderr
        assert refused.stderr.strip() == (
            f"Error: another crawl holds {archive_path}.lock (pid {first.pid}, since "
            + refused.stderr.split("since ", 1)[1].split(")", 1)[0]
            + "); use --wait to queue"
        )
        assert refused.stdout == ""

        queued = start_crawl(tmp_path, many, "--wait", "-s", "DOWNLOAD_DELAY=0")
        first_code, first_out, first_err = finish(first)
        queued_code, queued_out, queued_err = finish(queued)
    finally:
        for proc in (first, queued):
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait()
    assert first_code == 0, first_out + first_err
    assert queued_code == 0, queued_out + queued_err
    assert "waiting for another crawl (pid" in queued_err
    assert titles(archive_path) == TITLES
    runs = crawl_runs(archive_path)
    assert [run["status"] for run in runs] == ["ok", "ok"]  # the refused one never ran
    assert runs[1]["started"] >= runs[0]["finished"]  # the queued crawl ran after
    assert runs[0]["items_new"] + runs[1]["items_new"] == 40


def can_mount_readonly() -> bool:
    """Whether this machine lets us make a read-only bind mount in our own namespace."""
    if not shutil.which("unshare"):
        return False
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount --bind / /mnt && mount -o remount,ro,bind /mnt"],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


def run_on_readonly_folder(folder: Path, command: str) -> subprocess.CompletedProcess:
    """Run a shell command with ``folder`` mounted read-only (in a mount namespace of its
    own, so nothing outside the command sees the mount)."""
    script = (
        f"mount --bind {folder} {folder} && mount -o remount,ro,bind {folder} {folder} && "
        f"! touch {folder}/probe 2>/dev/null && {command}"
    )
    return subprocess.run(
        ["unshare", "-m", "sh", "-c", script],
        cwd=REPO,
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.mark.skipif(not can_mount_readonly(), reason="needs unshare -m and a bind mount")
def test_publish_works_on_a_readonly_archive(overlapping, tmp_path):
    # The archive and its folder on a read-only mount: root's permission bits would not
    # stop a write, the mount does. No -shm can be created there, so this also takes
    # the immutable=1 path of open_archive_readonly.
    folder = tmp_path / "readonly"
    folder.mkdir()
    # copied as a person would (cp archive.db*): the crawl left the file checkpointed,
    # so an empty -wal at most lies beside it
    for path in overlapping["archive"].parent.glob("archive.db*"):
        if path.suffix != ".lock" and not path.name.endswith("-shm"):
            shutil.copy(path, folder / path.name)
    assert (
        not (folder / "archive.db-wal").exists() or not (folder / "archive.db-wal").stat().st_size
    )
    files = sorted(p.name for p in folder.iterdir())
    before = (folder / "archive.db").read_bytes()
    out = tmp_path / "out"
    publish = f"{sys.executable} -m pipeline.cli publish --archive {folder}/archive.db --out {out}"
    result = run_on_readonly_folder(folder, publish)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Published to" in result.stdout
    feed = feedparser.parse((out / "all.atom").read_bytes())
    assert {entry.title for entry in feed.entries} == TITLES
    assert (folder / "archive.db").read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == files


@pytest.mark.skipif(not can_mount_readonly(), reason="needs unshare -m and a bind mount")
def test_a_readonly_archive_with_unread_wal_changes_is_refused_in_plain_words(tmp_path):
    # archive.db and a -wal holding the newest item, no -shm, on a read-only mount:
    # SQLite could only open it "immutable", which would silently ignore that item.
    from pipeline.archive import open_archive, save_item
    from spiders.items import NewsItem

    folder = tmp_path / "readonly"
    folder.mkdir()
    db = open_archive(tmp_path / "archive.db")
    item = NewsItem(source="many", url="https://many.example/news/x", title="Unread")
    save_item(db, item, now="2026-01-01T00:00:00+00:00")
    for name in ("archive.db", "archive.db-wal"):  # copied while the crawl still runs
        shutil.copy(tmp_path / name, folder / name)
    db.close()
    assert (folder / "archive.db-wal").stat().st_size > 0
    search = f"{sys.executable} -m pipeline.cli search --archive {folder}/archive.db"
    result = run_on_readonly_folder(folder, search)
    assert result.returncode == 2, result.stdout + result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"Error: {folder}/archive.db cannot be read here: its archive.db-wal")


def test_a_scheduled_run_waits_for_the_crawl_holding_the_lock(snapshot, tmp_path):
    from tests.helpers import FAST_CRAWL, base_url_args
    from tests.test_lock import HOLD

    archive_path, out = tmp_path / "archive.db", tmp_path / "out"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(archive_path)],
        cwd=REPO,
        env=ENV,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    schedule = None
    try:
        assert holder.stdout.readline().strip() == "held"
        every_hour_once = ["schedule", "--every", "1h", "--times", "1"]
        files = ["--archive", str(archive_path), "--out", str(out), *base_url_args(snapshot)]
        schedule = subprocess.Popen(
            [sys.executable, "-m", "pipeline.cli", *every_hour_once, *files, *FAST_CRAWL],
            cwd=REPO,
            env=ENV,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        seen = []
        while not any("waiting for another crawl" in line for line in seen):
            line = schedule.stderr.readline()
            assert line, "".join(seen)  # the run ended without waiting
            seen.append(line)
        assert f"(pid {holder.pid}, since " in seen[-1]
        holder.stdin.close()  # the other crawl ends; the scheduled run goes ahead
        stdout, stderr = schedule.communicate(timeout=240)
    finally:
        for proc in (holder, schedule):
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait()
    assert schedule.returncode == 0, stdout + stderr
    assert "trying again next time" not in stdout
    assert feedparser.parse((out / "all.atom").read_bytes()).entries
    assert len(crawl_runs(archive_path)) == len(snapshot)
