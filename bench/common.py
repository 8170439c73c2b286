"""What the benchmarks share: timing, the snapshot's pages, and the result table."""

from __future__ import annotations

import functools
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench.table import aligned
from spiders.items import NewsItem
from spiders.sources import load_sources

ROOT = Path(__file__).resolve().parent.parent
SITES = ROOT / "tests" / "sites"
PYTHON = Path(sys.executable)  # the interpreter running the bench (make bench: .venv's)


def seconds(fn: Callable[[], object]) -> float:
    """The wall time of one call of ``fn``."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def median_seconds(fn: Callable[[], object], repeats: int = 5) -> float:
    """The median wall time of ``repeats`` calls of ``fn``."""
    return statistics.median(seconds(fn) for _ in range(repeats))


@dataclass(frozen=True)
class ProcessRun:
    """One finished subprocess: its wall time, CPU time (user + system), peak RSS, output."""

    returncode: int
    wall: float
    cpu: float
    peak_rss_mb: float
    stdout: str


def run_process(command: list[str], cwd: Path = ROOT) -> ProcessRun:
    """Run ``command`` to its end and measure it alone (``os.wait4``: this child only)."""
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert child.stdout is not None
    stdout = child.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    cpu = usage.ru_utime + usage.ru_stime
    return ProcessRun(child.returncode, wall, cpu, usage.ru_maxrss / 1024, stdout)


@dataclass
class Row:
    """One comparison: ``count`` things took ``ours`` vs ``baseline`` seconds."""

    what: str
    ours: float
    baseline: float
    count: int = 0
    unit: str = ""  # "pages", "items": show a rate; empty: show seconds

    @property
    def ratio(self) -> float:
        return self.ours / self.baseline

    def show(self, seconds: float) -> str:
        if self.unit:
            return f"{self.count / seconds:,.0f} {self.unit}/s"
        return f"{seconds * 1000:,.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


@dataclass
class Result:
    name: str
    baseline: str  # what the baseline is, in words
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def table(self) -> str:
        cells = [("what", "ours", "baseline", "ratio")] + [
            (r.what, r.show(r.ours), r.show(r.baseline), f"{r.ratio:.2f}x") for r in self.rows
        ]
        lines = [f"== {self.name} (baseline: {self.baseline})", *aligned(cells)]
        lines += [f"   {note}" for note in self.notes]
        return "\n".join(lines)

    def summary(self) -> str:
        return f"{self.name:<10} " + "  ".join(f"{r.what}: {r.ratio:.2f}x" for r in self.rows)


@dataclass(frozen=True)
class SnapshotPage:
    source: str
    url: str  # the public address (https://ifmsa.org/…), as the spiders would report it
    html: str


def _public_path(name: str, manifest: dict) -> str:
    """The path a snapshot file answers at (the server's conventions, reversed)."""
    for path, params in manifest.get("query_routes", {}).items():
        for param, pages in params.items():
            for value, file in pages.items():
                if file == name and file.startswith("_query/"):
                    return f"{path}?{param}={value}"
    if name == "index.html":
        return "/"
    if name.endswith("/index.html"):
        return "/" + name.removesuffix("index.html")
    return "/" + name.removesuffix(".html")


@functools.cache
def snapshot_pages() -> tuple[SnapshotPage, ...]:
    """Every HTML page of tests/sites with its public URL, read from disk."""
    sources = load_sources()
    pages = []
    for folder in sorted(p for p in SITES.iterdir() if p.is_dir()):
        manifest = json.loads((folder / "_site.json").read_text("utf-8"))
        homepage = sources[folder.name].homepage.rstrip("/")
        for file in sorted(folder.rglob("*.html")):
            name = file.relative_to(folder).as_posix()
            url = homepage + _public_path(name, manifest)
            pages.append(SnapshotPage(folder.name, url, file.read_text("utf-8")))
    return tuple(pages)


@functools.cache
def extracted_items() -> tuple[NewsItem, ...]:
    """The NewsItems extract_page finds in the snapshot's pages (source set)."""
    from spiders.pages import extract_page

    items = []
    for page in snapshot_pages():
        found = extract_page(page.html, page.url, source=page.source).item
        if found is not None:
            found.source = found.source or page.source
            items.append(found)
    return tuple(items)


@functools.cache
def normalised_items() -> tuple[NewsItem, ...]:
    """The extracted items, normalised as the crawl's NormalisePipeline does it."""
    from urllib.parse import urlsplit

    from pipeline.normalise import normalise_item

    sources = load_sources()
    return tuple(
        normalise_item(
            item,
            canonical_host=urlsplit(sources[item.source].homepage).netloc,
            default_language=sources[item.source].language,
        )
        for item in extracted_items()
    )
