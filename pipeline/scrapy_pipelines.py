"""Thin Scrapy item pipelines: normalise each item, then store it in the archive.

All the work is in ``pipeline.normalise`` and ``pipeline.archive``; these classes only
connect them to the crawl and count what happened for the ``crawl_runs`` table.
"""

from __future__ import annotations

import sqlite3
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.utils.asyncio import create_looping_call

from pipeline import archive
from pipeline.normalise import InvalidItem, normalise_for_source
from pipeline.relations import Mention, page_relations
from spiders.items import NewsItem, OrganisationProfile
from spiders.pages.dates import format_run_id
from spiders.sources import Source


class NotSaved(DropItem):
    """The archive refused an item (disk full, locked, damaged file)."""

    kind = "archive_error"


def crawl_sources(crawler: Crawler) -> dict[str, Source]:
    """The sources of a crawl by id: its spider's (one source per spider, resolved from
    the settings or given to it before the pipelines are built)."""
    source = getattr(crawler.spider, "source", None)
    return {source.id: source} if source is not None else {}


class NormalisePipeline:
    """Cleans every item (``pipeline.normalise``) as its source (``item.source``) wants
    it; drops, with a reason, what is unusable."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> NormalisePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, (NewsItem, OrganisationProfile)):
            return item
        # read each time: a crawl that healed its configuration (an organisation page
        # that moved) uses the replacement for the rest of the run
        source = crawl_sources(self.crawler).get(item.source)
        own_page = (
            isinstance(item, OrganisationProfile)
            and source is not None
            and source.is_organisation_page(item.url)
        )
        try:
            return normalise_for_source(item, source, organisation_page=own_page)
        except InvalidItem as exc:
            raise DropItem(str(exc)) from None


class ArchivePipeline:
    """Saves items and profiles (``pipeline.archive``) with the relations between
    organisations they state (``pipeline.relations``), and writes one ``crawl_runs`` row
    per source when the crawl ends. Settings: ``ARCHIVE_ENABLED``, ``ARCHIVE_PATH``,
    ``CRAWL_RUN_ID``, ``ARCHIVE_BATCH_ITEMS``, ``ARCHIVE_BATCH_SECONDS``.

    Items are written in batches: one transaction (one commit) per
    ``ARCHIVE_BATCH_ITEMS`` items or ``ARCHIVE_BATCH_SECONDS`` seconds, whichever comes
    first, and at the spider's close. The archive's write lock is held only while a batch
    is written, so crawls of other sources in the same process never wait on an open one.
    A process killed mid-way loses at most the open batch; those pages are fetched and
    saved again by the next crawl. Each item is saved in a savepoint of its own, so one
    refused item never takes its batch with it; a refused item or batch is recorded
    (``archive_error``) with its URL.
    """

    def __init__(
        self,
        crawler: Crawler,
        path: Path,
        run_id: str,
        *,
        batch_items: int = 200,
        batch_seconds: float = 1.0,
    ) -> None:
        self.crawler = crawler
        self.path = path
        self.run_id = run_id
        self.batch_items = max(1, batch_items)
        self.batch_seconds = batch_seconds
        self.counts: Counter[str] = Counter()
        self.db = None
        self.run_row: int | None = None  # this run's crawl_runs row, once written
        self.batch: list[tuple[NewsItem | OrganisationProfile, str]] = []
        self.batch_started = time.monotonic()
        self.flush_timer: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchivePipeline:
        settings = crawler.settings
        if not settings.getbool("ARCHIVE_ENABLED", True):
            raise NotConfigured("ARCHIVE_ENABLED is off")
        run_id = settings.get("CRAWL_RUN_ID") or format_run_id(datetime.now(UTC))
        pipeline = cls(
            crawler,
            Path(settings.get("ARCHIVE_PATH", "archive.db")),
            run_id,
            batch_items=settings.getint("ARCHIVE_BATCH_ITEMS", 200),
            batch_seconds=settings.getfloat("ARCHIVE_BATCH_SECONDS", 1.0),
        )
        # Scrapy closes the pipelines before it says why the spider closed: the run row is
        # written in close_spider, and corrected here when the crawl did not finish
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        # the timer needs the running event loop, which exists once the spider is open
        crawler.signals.connect(pipeline.start_flush_timer, signal=signals.spider_opened)
        return pipeline

    def open_spider(self) -> None:
        self.started, self.started_clock = archive.utc_now(), time.monotonic()
        self.db = archive.open_archive(self.path)
        for source in crawl_sources(self.crawler).values():
            archive.save_source(self.db, source)

    def start_flush_timer(self) -> None:
        """Write a batch that has waited ``ARCHIVE_BATCH_SECONDS`` even while no item comes."""
        if self.batch_seconds > 0:
            self.flush_timer = create_looping_call(self.flush_if_due)
            self.flush_timer.start(self.batch_seconds, now=False)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, (NewsItem, OrganisationProfile)):
            return item
        if not self.batch:
            self.batch_started = time.monotonic()
        self.batch.append((item, archive.utc_now()))
        if len(self.batch) >= self.batch_items:
            self.flush()
        else:
            self.flush_if_due()
        return item

    def flush_if_due(self) -> None:
        if self.batch and time.monotonic() - self.batch_started >= self.batch_seconds:
            self.flush()

    def flush(self) -> None:
        """Write the open batch in one transaction; count each outcome once it is committed."""
        batch, self.batch = self.batch, []
        if not batch or self.db is None:
            return
        outcomes: list[str] = []
        refused: list[tuple[Any, str]] = []
        try:
            with archive.write_transaction(self.db):
                for item, now in batch:
                    try:
                        with archive.write_transaction(self.db):  # a savepoint per item
                            outcomes.append(self.save(item, now))
                    except (archive.ArchiveError, sqlite3.Error, ValueError) as exc:
                        refused.append((item, str(exc)))
        except (archive.ArchiveError, sqlite3.Error) as exc:  # the commit itself failed
            outcomes, refused = [], [(item, str(exc)) for item, _ in batch]
        for item, message in refused:
            self.crawler.spider.record_error(
                NotSaved.kind, f"{getattr(item, 'url', '?')}: not saved: {message}"
            )
        for outcome in outcomes:
            self.counts[outcome] += 1
            self.crawler.stats.inc_value(f"partnerwire/{outcome}")  # for the live progress

    def save(self, item: NewsItem | OrganisationProfile, now: str) -> str:
        """Save one item or profile and the relations it states; its outcome's counter name."""
        if isinstance(item, NewsItem):
            outcome = "items_" + archive.save_item(self.db, item, now=now)
            url, observed = item.canonical_url or item.url, item.published
        else:
            outcome = "profiles_" + archive.save_profile(self.db, item, now=now)
            url, observed = item.url, item.observed
        relations = page_relations(item, self.publisher(item.source))
        archive.save_relations(
            self.db, relations, url=url, source=item.source, observed=observed, now=now
        )
        return outcome

    def publisher(self, source_id: str) -> Mention | None:
        """The organisation whose site a page of ``source_id`` is on."""
        source = crawl_sources(self.crawler).get(source_id)
        return Mention(source.acronym or source.name, source.name) if source else None

    def missing_items(self, item_pages: int) -> str | None:
        """Why the run archived fewer items than the announced item pages it fetched, or
        None. Every page gives at most one item and each save is counted, so two
        announced URLs folding into one canonical item still count twice here."""
        archived = sum(self.counts[f"items_{k}"] for k in ("new", "updated", "unchanged"))
        if archived >= item_pages:
            return None
        return (
            f"{self.crawler.spider.source.id}: {item_pages} announced item pages fetched, "
            f"{archived} items archived"
        )

    def close_spider(self) -> None:
        if self.flush_timer is not None and self.flush_timer.running:
            self.flush_timer.stop()
        self.flush()
        spider = self.crawler.spider
        stats = self.crawler.stats.get_stats()
        errors_by_kind = {
            key.removeprefix("partnerwire/errors/"): value
            for key, value in stats.items()
            if key.startswith("partnerwire/errors/")
        }
        saved = sum(v for k, v in self.counts.items() if k.startswith(("items_", "profiles_")))
        errors = sum(errors_by_kind.values())
        messages = list(spider.error_messages)
        shortfall = self.missing_items(stats.get("partnerwire/item_pages", 0))
        if shortfall:
            messages.append(shortfall)
        status = "ok" if not errors and not shortfall else ("partial" if saved else "failed")
        self.run_row = archive.save_crawl_run(
            self.db,
            {
                "run_id": self.run_id,
                "source": spider.source.id,
                "started": self.started,
                "finished": archive.utc_now(),
                "duration_seconds": round(time.monotonic() - self.started_clock, 3),
                "status": status,
                "pages": stats.get("response_received_count", 0),
                "pages_not_modified": stats.get("httpcache/revalidate", 0),
                "items_new": self.counts["items_new"],
                "items_updated": self.counts["items_updated"],
                "items_unchanged": self.counts["items_unchanged"],
                "profiles_new": self.counts["profiles_new"] + self.counts["profiles_changed"],
                "errors": errors,
                "errors_by_kind": errors_by_kind,
                "error_messages": messages,
                "methods": spider.methods_used,
                "platform": spider.platform,
                "drift": spider.drift,
            },
        )
        self.db.close()

    def spider_closed(self, spider: Any, reason: str) -> None:
        """A crawl closed for any reason but "finished" (Ctrl-C, a CLOSESPIDER_* limit, a
        shutdown) did less than it should: its run is never ``ok``."""
        if reason == "finished" or self.run_row is None:
            return
        db = archive.open_archive(self.path)
        try:
            archive.save_run_stopped_early(db, self.run_row, reason)
        finally:
            db.close()
