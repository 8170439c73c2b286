"""Running crawls from Python: one Scrapy process, one spider per source."""

from __future__ import annotations

import logging
from pathlib import Path

from scrapy.crawler import AsyncCrawlerProcess
from scrapy.settings import Settings

from spiders.families import SPIDERS
from spiders.sources import Source

# For the offline snapshot on 127.0.0.1 politeness delays only slow the demo down.
SNAPSHOT_SETTINGS = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False}


def crawl_settings(
    archive_path: Path,
    run_id: str,
    *,
    log_level: str = "WARNING",
    overrides: dict[str, str] | None = None,
) -> Settings:
    """The project's Scrapy settings, pointed at one archive file and run."""
    settings = Settings()
    settings.setmodule("spiders.settings", priority="project")
    archive_path = archive_path.resolve()
    settings.set("ARCHIVE_PATH", str(archive_path), priority="cmdline")
    settings.set("CRAWL_RUN_ID", run_id, priority="cmdline")
    # The HTTP cache (for conditional re-crawls) lives beside the archive it feeds.
    cache_dir = archive_path.parent / f".{archive_path.name}.httpcache"
    settings.set("HTTPCACHE_DIR", str(cache_dir), priority="cmdline")
    settings.set("LOG_LEVEL", log_level, priority="cmdline")
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    return settings


def run_crawl(sources: list[Source], settings: Settings) -> None:
    """Crawl every source in one process; a failing site never stops the others."""
    process = AsyncCrawlerProcess(settings)
    for source in sources:
        process.crawl(SPIDERS[source.platform], source=source)
    process.start()
    logging.getLogger("scrapy").handlers.clear()
