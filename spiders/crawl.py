"""Running crawls from Python: one Scrapy process, one spider per source."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scrapy.crawler import AsyncCrawlerProcess, Crawler
from scrapy.settings import Settings

from spiders.families import SPIDERS
from spiders.sources import Source

# For the offline snapshot on 127.0.0.1 politeness delays only slow the demo down.
SNAPSHOT_SETTINGS = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False}


def cache_dir_for(archive_path: Path) -> Path:
    """The HTTP cache (for conditional re-crawls) lives beside the archive it feeds."""
    return archive_path.parent / f".{archive_path.name}.httpcache"


def crawl_settings(
    archive_path: Path,
    run_id: str,
    *,
    log_file: Path | None = None,
    overrides: dict[str, Any] | None = None,
) -> Settings:
    """The project's Scrapy settings, pointed at one archive file and run. Scrapy's log
    goes to ``log_file`` (at INFO) when given, and nowhere otherwise: what a run did is
    in its ``crawl_runs`` rows and the command's summary."""
    settings = Settings()
    settings.setmodule("spiders.settings", priority="project")
    archive_path = archive_path.resolve()
    settings.set("ARCHIVE_PATH", str(archive_path), priority="cmdline")
    settings.set("CRAWL_RUN_ID", run_id, priority="cmdline")
    settings.set("ARCHIVE_LOCK", False, priority="cmdline")  # the command holds it
    settings.set("HTTPCACHE_DIR", str(cache_dir_for(archive_path)), priority="cmdline")
    settings.set("LOG_LEVEL", "INFO", priority="cmdline")
    settings.set("LOG_ENABLED", log_file is not None, priority="cmdline")
    settings.set("LOG_FILE", str(log_file) if log_file else None, priority="cmdline")
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    return settings


def run_crawl(
    sources: list[Source],
    settings: Settings,
    *,
    watch: Callable[[Crawler, Source], None] | None = None,
) -> dict[str, str]:
    """Crawl every source in one process; a failing site never stops the others.

    ``watch(crawler, source)`` is called before each crawl starts (to connect to its
    signals). Returns {source id: why} for each spider that crashed instead of finishing.
    """
    process = AsyncCrawlerProcess(settings)
    crashed: dict[str, str] = {}

    def note_crash(task: asyncio.Task, source_id: str) -> None:
        if not task.cancelled() and task.exception() is not None:
            exc = task.exception()
            crashed[source_id] = " ".join(f"{type(exc).__name__}: {exc}".split())

    for source in sources:
        crawler = process.create_crawler(SPIDERS[source.platform])
        if watch is not None:
            watch(crawler, source)
        task = process.crawl(crawler, source=source)
        task.add_done_callback(lambda t, sid=source.id: note_crash(t, sid))
    process.start()
    logging.getLogger("scrapy").handlers.clear()
    return crashed
