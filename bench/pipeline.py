"""pipeline: the first crawl of a generated WordPress-like blog (2,000 posts, ``--quick``
300; ``bench/recrawl.py``'s site, served on 127.0.0.1 by ``pipeline.demo``) by
``partnerwire crawl`` at equal settings (16 in flight, no delay, no AutoThrottle; a fresh
archive and HTTP cache each run) vs a bare Scrapy spider (``bench/bare_spider.py
--extract``) fetching the same URLs with the same settings and reading each HTML page with
trafilatura + htmldate. Prints pages/s, CPU seconds, peak RSS of each and the ratios
(goal: ours >= 0.85x the bare spider's pages/s).

Run alone: ``python bench/pipeline.py [--pages N] [--repeats N]``; ``--quick`` is 300
posts. The URLs come from an untimed first crawl's DEBUG log (also the warm-up).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.blog_site import blog_source
from bench.common import ROOT, ProcessRun, Result, Row, run_process
from bench.crawl import CRAWLED
from bench.recrawl import EQUAL, PAGES, QUICK_PAGES, Crawl, crawl, site
from pipeline.demo import serve_snapshot

REPEATS = 3
CONCURRENCY = 16  # EQUAL's requests in flight


def fresh_crawl(base_url: str, *options: str) -> Crawl:
    """``partnerwire crawl`` of the blog into a new archive and HTTP cache."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "sources.toml").write_text(blog_source(), encoding="utf-8")
        return crawl(folder, base_url, EQUAL, *options)


def crawled_urls(base_url: str, log: Path) -> list[str]:
    """The URLs a first crawl requests, in order, read from its DEBUG log."""
    fresh_crawl(base_url, "-s", "LOG_LEVEL=DEBUG", "--log-file", str(log))
    return [url for _, url in CRAWLED.findall(log.read_text("utf-8"))]


def bare_crawl(url_file: Path) -> ProcessRun:
    script = ROOT / "bench" / "bare_spider.py"
    command = [sys.executable, str(script), str(url_file), "--extract"]
    return run_process([*command, "--concurrency", str(CONCURRENCY)])


def run(quick: bool = False, pages: int | None = None, repeats: int = REPEATS) -> Result:
    posts = pages or (QUICK_PAGES if quick else PAGES)
    ours: list[Crawl] = []
    bare: list[ProcessRun] = []
    with serve_snapshot(site(posts)) as server, tempfile.TemporaryDirectory() as tmp:
        base = server.base_urls["blog"]
        urls = crawled_urls(base, Path(tmp, "crawl.log"))
        url_file = Path(tmp, "urls.txt")
        url_file.write_text("\n".join(urls) + "\n", "utf-8")
        for _ in range(repeats):
            ours.append(fresh_crawl(base))
            bare.append(bare_crawl(url_file))
    wall = statistics.median(c.wall for c in ours)
    bare_wall = statistics.median(b.wall for b in bare)
    cpu = statistics.median(c.cpu for c in ours)
    bare_cpu = statistics.median(b.cpu for b in bare)
    rss = max(c.peak_rss_mb for c in ours)
    bare_rss = max(b.peak_rss_mb for b in bare)
    crawled = ours[0].pages
    rows = [
        Row("first crawl, equal settings", wall, bare_wall, len(urls), "pages"),
        Row("  CPU time", cpu, bare_cpu),
    ]
    notes = [
        f"throughput ours / bare: {bare_wall / wall:.2f}x (goal >= 0.85x); "
        f"CPU ours / bare: {cpu / bare_cpu:.2f}x",
        f"peak RSS: ours {rss:.0f} MB, bare {bare_rss:.0f} MB",
        f"{len(urls)} requests ({crawled} pages in the run row, {ours[0].items} items, "
        f"{ours[0].status}); whole processes (start-up included), median of {repeats}",
        f"a generated WordPress-like blog of {posts} posts; bare: "
        + (bare[0].stdout.strip() or "no output"),
        "runs: "
        + ", ".join(f"ours {c.wall:.1f} s/{c.cpu:.1f} s CPU" for c in ours)
        + "; "
        + ", ".join(f"bare {b.wall:.1f} s/{b.cpu:.1f} s CPU" for b in bare),
    ]
    return Result("pipeline", "bare Scrapy + trafilatura + htmldate, same URLs", rows, notes)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, help=f"posts in the blog (default {PAGES})")
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_PAGES} posts")
    parser.add_argument("--repeats", type=int, default=REPEATS, help="runs of each (median)")
    args = parser.parse_args(argv)
    print(run(args.quick, args.pages, args.repeats).table())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
