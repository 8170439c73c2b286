"""recrawl: the first crawl of a generated WordPress-like blog (2,000 posts, served on
127.0.0.1 by ``pipeline.demo``'s server) and the unchanged re-crawl, in fresh processes,
with the polite defaults (``spiders/settings.py``) and with equal settings (16 in flight,
no AutoThrottle, no delay). Prints pages, share of 304s, wall and CPU time of each, and
the ratio re-crawl / first (goal: <= 0.25x, >= 95% 304).

Run alone: ``python bench/recrawl.py [--pages 300] [--equal-only]``; ``--quick`` is 300
posts, equal settings only. The site is generated once under ``bench/.data/`` (never committed).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.blog_site import blog_source, write_blog
from bench.common import ROOT, Result, Row, run_process
from pipeline.demo import serve_snapshot

DATA = ROOT / "bench" / ".data"
PAGES, QUICK_PAGES = 2000, 300
POLITE: tuple[str, ...] = ()  # spiders/settings.py as it is
EQUAL = (
    "CONCURRENT_REQUESTS=16",
    "CONCURRENT_REQUESTS_PER_DOMAIN=16",
    "DOWNLOAD_DELAY=0",
    "AUTOTHROTTLE_ENABLED=False",
)


@dataclass
class Crawl:
    wall: float
    cpu: float
    pages: int
    not_modified: int
    items: int
    status: str
    crawl_seconds: float  # the crawl's own duration (crawl_runs), without process start-up
    peak_rss_mb: float = 0.0

    @property
    def share_304(self) -> float:
        return self.not_modified / self.pages if self.pages else 0.0

    def line(self, what: str) -> str:
        return (
            f"{what}: {self.pages} pages, {self.share_304:.1%} 304, {self.items} items, "
            f"{self.wall:.1f} s wall ({self.crawl_seconds:.1f} s crawling), "
            f"{self.cpu:.1f} s CPU, {self.status}"
        )


def site(posts: int) -> Path:
    """The served folder holding the blog of ``posts`` posts (generated once)."""
    root = DATA / f"blog-{posts}"
    if not (root / "blog" / "_site.json").is_file():
        write_blog(root / "blog", posts)
    return root


def crawl(folder: Path, base_url: str, settings: tuple[str, ...], *options: str) -> Crawl:
    """One ``partnerwire crawl`` in a fresh process (``options``: more of its command-line
    options): wall time, CPU time, peak RSS, its run row."""
    command = [sys.executable, "-m", "pipeline.cli", "crawl", "--json"]
    command += ["--sources", str(folder / "sources.toml"), "--archive", str(folder / "a.db")]
    command += ["--base-url", f"blog={base_url}", *options]
    for setting in settings:
        command += ["-s", setting]
    done = run_process(command)
    run = json.loads(done.stdout)["sources"][0]
    items = run["items_new"] + run["items_updated"] + run["items_unchanged"]
    pages, not_modified = run["pages"], run["pages_not_modified"]
    return Crawl(
        done.wall,
        done.cpu,
        pages,
        not_modified,
        items,
        run["status"],
        run["duration_seconds"],
        done.peak_rss_mb,
    )


def first_and_again(posts: int, settings: tuple[str, ...]) -> tuple[Crawl, Crawl]:
    with serve_snapshot(site(posts)) as server, tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "sources.toml").write_text(blog_source(), encoding="utf-8")
        base = server.base_urls["blog"]
        return crawl(folder, base, settings), crawl(folder, base, settings)


def run(quick: bool = False, pages: int | None = None, polite: bool | None = None) -> Result:
    """``quick`` (``make bench-quick``): 300 posts, equal settings only (the polite first
    crawl alone takes minutes)."""
    posts = pages or (QUICK_PAGES if quick else PAGES)
    polite = not quick if polite is None else polite
    rows, notes = [], []
    modes = [("equal settings", EQUAL)] + ([("polite defaults", POLITE)] if polite else [])
    for name, settings in modes:
        first, again = first_and_again(posts, settings)
        rows.append(Row(f"re-crawl vs first, {name}", again.wall, first.wall))
        rows.append(
            Row(f"  crawling only (no start-up), {name}", again.crawl_seconds, first.crawl_seconds)
        )
        rows.append(Row(f"re-crawl CPU vs first, {name}", again.cpu, first.cpu))
        notes += [first.line(f"{name}, first"), again.line(f"{name}, re-crawl")]
    notes.append(f"a generated WordPress-like blog of {posts} posts; goal <= 0.25x, >= 95% 304")
    return Result("recrawl", "the first crawl of the same site", rows, notes)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, help=f"posts in the blog (default {PAGES})")
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_PAGES} posts")
    parser.add_argument("--equal-only", action="store_true", help="skip the polite crawls")
    args = parser.parse_args(argv)
    polite = False if args.equal_only else None
    print(run(args.quick, args.pages, polite=polite).table())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
