"""What a crawl prints, for cron and for a person at a terminal: real crawls of the
offline snapshot in fresh processes (quiet stderr, --json, --log-file, -v, the live
progress on a terminal, exit codes, sources that did not run)."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys

import sqlite_utils

from tests.helpers import FAST_CRAWL, REPO, free_port, run_cli


def crawl_args(archive_path, base_urls: dict[str, str], *extra: str) -> list[str]:
    args = ["crawl", *base_urls, "--archive", str(archive_path), *FAST_CRAWL, *extra]
    for source_id, url in base_urls.items():
        args += ["--base-url", f"{source_id}={url}"]
    return args


def test_json_summary_log_file_and_a_quiet_stderr(snapshot, tmp_path):
    log = tmp_path / "crawl.log"
    bases = {"ivsa": snapshot["ivsa"], "ipsf": f"http://127.0.0.1:{free_port()}"}
    result = run_cli(
        *crawl_args(tmp_path / "archive.db", bases, "-s", "RETRY_TIMES=0"),
        "--json",
        "--log-file",
        str(log),
    )
    assert result.returncode == 1  # ipsf failed
    assert result.stderr == ""  # off a terminal: no progress, no log, no tracebacks
    summary = json.loads(result.stdout)  # stdout is one JSON document and nothing else
    assert summary["exit_code"] == 1
    runs = {run["source"]: run for run in summary["sources"]}
    assert runs["ivsa"]["status"] == "ok"
    # the REST API answers 401: the feed was used; a first crawl also walks the sitemap,
    # which lists only the feed's posts: it gave no item, so it is no way used
    assert runs["ivsa"]["methods"] == ["feed"]
    assert runs["ivsa"]["items_new"] > 0
    assert runs["ipsf"]["status"] == "failed"
    assert runs["ipsf"]["errors_by_kind"]["connection_refused"] > 0
    assert any("refused the connection" in m for m in runs["ipsf"]["error_messages"])
    text = log.read_text(encoding="utf-8")
    assert "Spider opened" in text  # Scrapy's log, at INFO, went to the file
    db = sqlite_utils.Database(tmp_path / "archive.db")
    stored = {r["source"]: json.loads(r["methods"]) for r in db.query("select * from crawl_runs")}
    assert stored == {"ivsa": ["feed"], "ipsf": []}


def test_a_recrawl_shows_not_modified_and_verbose_page_lines(snapshot, tmp_path):
    archive_path = tmp_path / "archive.db"
    run_cli(*crawl_args(archive_path, {"ifmsa": snapshot["ifmsa"]}), check=True)
    again = run_cli(*crawl_args(archive_path, {"ifmsa": snapshot["ifmsa"]}, "-v"), check=True)
    (line,) = [line for line in again.stdout.splitlines() if line.strip().startswith("ifmsa")]
    not_modified = int(re.search(r"\((\d+) not modified\)", line).group(1))
    assert not_modified > 0, line
    assert "via rest" in line
    pages = again.stderr.strip().splitlines()
    assert all(page.startswith("ifmsa ") for page in pages), pages
    assert any(" 200 https://ifmsa.org/wp-json/wp/v2/posts" in page for page in pages)
    assert sum("(not modified)" in page for page in pages) == not_modified
    # an item whose page answered 304 is seen, not read again (README: re-crawls)
    assert any("-> item (not modified, not read again): https://ifmsa.org/" in p for p in pages)
    assert "Traceback" not in again.stderr
    assert "Overridden settings" not in again.stderr  # no walls of Scrapy settings


def test_a_terminal_gets_a_live_progress_per_source(snapshot, tmp_path):
    args = crawl_args(tmp_path / "archive.db", {"ivsa": snapshot["ivsa"]})
    pid, fd = pty.fork()
    if pid == 0:  # the child: partnerwire with its stdout and stderr on a terminal
        os.chdir(REPO)
        os.environ["PYTHONPATH"] = str(REPO)
        os.execv(sys.executable, [sys.executable, "-m", "pipeline.cli", *args])
    screen = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        screen += chunk
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, screen[-2000:]
    frames = re.findall(rb"ivsa +(\d+) pages \((\d+) not modified\) +(\d+) new", screen)
    assert frames, screen[-2000:]
    assert max(int(pages) for pages, _, _ in frames) > 0  # it moved while the crawl ran
    assert max(int(new) for _, _, new in frames) > 0


def test_a_source_that_archived_nothing_is_failed_not_ok(snapshot, tmp_path):
    # with no item pipelines the crawl runs but nothing reaches the archive
    args = crawl_args(
        tmp_path / "archive.db", {"ipsf": snapshot["ipsf"]}, "-s", "ITEM_PIPELINES={}"
    )
    result = run_cli(*args, "--json")
    assert result.returncode == 1, result.stderr
    (run,) = json.loads(result.stdout)["sources"]
    assert run["status"] == "failed"
    assert run["errors_by_kind"] == {"did_not_run": 1}
    db = sqlite_utils.Database(tmp_path / "archive.db")
    assert [r["status"] for r in db.query("select status from crawl_runs")] == ["failed"]


def test_run_json_says_what_publish_did(snapshot, tmp_path):
    out = tmp_path / "out"
    args = crawl_args(tmp_path / "archive.db", {"ipsf": snapshot["ipsf"]})
    result = run_cli("run", *args[1:], "--out", str(out), "--json", check=True)
    summary = json.loads(result.stdout)
    assert summary["exit_code"] == 0
    assert [run["status"] for run in summary["sources"]] == ["ok"]
    assert summary["publish"]["out"] == str(out)
    assert "written" in summary["publish"]["summary"]
    assert (out / "all.atom").exists()


def test_schedule_refuses_bad_run_options_before_the_first_run(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "schedule", "--times", "1", "-s", "RETRY_TIMES=x"],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stdout == ""  # no "run 1": it never started
    assert result.stderr.strip() == "Error: -s RETRY_TIMES: expected a whole number, got 'x'"
