"""crawl: the real ``partnerwire crawl`` of the snapshot vs. a bare Scrapy spider fetching
the same URLs (both in fresh processes, so both include Python + Scrapy start-up); and
the re-crawl (conditional requests, 304s) vs. the first crawl."""

from __future__ import annotations

import re
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from bench.common import PYTHON, ROOT, Result, Row
from pipeline.demo import serve_snapshot

REPEATS = 3
SETTINGS = ("DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False")
CRAWLED = re.compile(r"Crawled \((\d+)\) <GET (\S+)>")


def crawl_command(archive: Path, base_urls: dict[str, str], *extra: str) -> list[str]:
    command = [str(PYTHON), "-m", "pipeline.cli", "crawl", "--archive", str(archive)]
    for source_id, url in base_urls.items():
        command += ["--base-url", f"{source_id}={url}"]
    for setting in (*SETTINGS, *extra):
        command += ["-s", setting]
    return command


def timed_run(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def fetched_urls(base_urls: dict[str, str], folder: Path) -> list[str]:
    """The URLs a first crawl requests, read from its DEBUG log (an untimed run)."""
    log = folder / "crawl.log"
    timed_run(
        [*crawl_command(folder / "probe.db", base_urls, "LOG_LEVEL=DEBUG"), "--log-file", str(log)]
    )
    return [url for _, url in CRAWLED.findall(log.read_text("utf-8"))]


def run() -> Result:
    first, again, bare = [], [], []
    with serve_snapshot() as snapshot, tempfile.TemporaryDirectory() as tmp:
        urls = fetched_urls(snapshot.base_urls, Path(tmp))
        url_file = Path(tmp, "urls.txt")
        url_file.write_text("\n".join(urls) + "\n", "utf-8")
        bare_command = [str(PYTHON), str(ROOT / "bench" / "bare_spider.py"), str(url_file)]
        for n in range(REPEATS):
            command = crawl_command(Path(tmp, f"run{n}.db"), snapshot.base_urls)
            first.append(timed_run(command))
            again.append(timed_run(command))
            bare.append(timed_run(bare_command))
        empty = Path(tmp, "none.txt")
        empty.write_text("", "utf-8")
        startup = timed_run([*bare_command[:-1], str(empty)])
    first_s = statistics.median(first)
    return Result(
        "crawl",
        "bare Scrapy spider fetching the same URLs, same concurrency",
        [
            Row("first crawl", first_s, statistics.median(bare)),
            Row("re-crawl (304s) vs first", statistics.median(again), first_s),
        ],
        [
            f"{len(urls)} requests; wall time of whole processes, median of {REPEATS}",
            f"of which process start-up (bare spider, no URLs): {startup:.2f} s",
        ],
    )
