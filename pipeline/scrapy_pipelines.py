"""Thin Scrapy item pipelines: normalise each item, then store it in the archive.

All the work is in ``pipeline.normalise`` and ``pipeline.archive``; these classes only
connect them to the crawl and count what happened for the ``crawl_runs`` table.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured

from pipeline import archive
from pipeline.archive.lock import archive_lock
from pipeline.normalise import InvalidItem, normalise_for_source
from pipeline.relations import Mention, page_relations
from spiders.items import NewsItem, OrganisationProfile, SeenItem
from spiders.pages.dates import format_run_id
from spiders.sources import Source

SIGHTINGS_BATCH = 200  # items seen unchanged (304) noted in one transaction


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
    ``CRAWL_RUN_ID``, ``ARCHIVE_LOCK`` (hold the archive's lock from the spider's opening
    to its closing, as ``partnerwire crawl`` does: on for ``scrapy crawl``, off under the
    CLI, which holds the lock itself for all its spiders)."""

    def __init__(self, crawler: Crawler, path: Path, run_id: str) -> None:
        self.crawler = crawler
        self.path = path
        self.run_id = run_id
        self.counts: Counter[str] = Counter()
        self.db = None
        self.run_row: int | None = None  # this run's crawl_runs row, once written
        self.sightings: dict[str, list[str]] = {}  # source -> URLs seen unchanged, not saved yet
        self.lock = contextlib.ExitStack()  # the archive's lock, while this crawl holds it

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchivePipeline:
        settings = crawler.settings
        if not settings.getbool("ARCHIVE_ENABLED", True):
            raise NotConfigured("ARCHIVE_ENABLED is off")
        run_id = settings.get("CRAWL_RUN_ID") or format_run_id(datetime.now(UTC))
        pipeline = cls(crawler, Path(settings.get("ARCHIVE_PATH", "archive.db")), run_id)
        # Scrapy closes the pipelines before it says why the spider closed: the run row is
        # written in close_spider, and corrected here when the crawl did not finish
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self) -> None:
        if self.crawler.settings.getbool("ARCHIVE_LOCK", True):
            # raises ArchiveLocked (one line: who holds it) before anything is written
            self.lock.enter_context(archive_lock(self.path))
        self.started, self.started_clock = archive.utc_now(), time.monotonic()
        self.db = archive.open_archive(self.path)
        for source in crawl_sources(self.crawler).values():
            archive.save_source(self.db, source)
        know = getattr(self.crawler.spider, "know_archived", None)
        if know is not None:  # what the spider may skip, and whether this is a first crawl
            source = self.crawler.spider.source
            know(archive.query_item_hashes(self.db, source.id))

    def process_item(self, item: Any) -> Any:
        now = archive.utc_now()
        try:
            if isinstance(item, SeenItem):
                outcome = "items_unchanged"
                self.note_sighting(item, now)
            elif isinstance(item, NewsItem):
                outcome = "items_" + archive.save_item(self.db, item, now=now)
                url, observed = item.canonical_url or item.url, item.published
            elif isinstance(item, OrganisationProfile):
                outcome = "profiles_" + archive.save_profile(self.db, item, now=now)
                url, observed = item.url, item.observed
            else:
                return item
            if not isinstance(item, SeenItem):  # an unchanged page was read before
                relations = page_relations(item, self.publisher(item.source))
                archive.save_relations(
                    self.db, relations, url=url, source=item.source, observed=observed, now=now
                )
        except (archive.ArchiveError, sqlite3.Error) as exc:
            raise NotSaved(f"not saved: {exc}") from None  # the spider records it, once
        self.counts[outcome] += 1
        self.crawler.stats.inc_value(f"partnerwire/{outcome}")  # for the live progress
        return item

    def publisher(self, source_id: str) -> Mention | None:
        """The organisation whose site a page of ``source_id`` is on."""
        source = crawl_sources(self.crawler).get(source_id)
        return Mention(source.acronym or source.name, source.name) if source else None

    def note_sighting(self, item: SeenItem, now: str) -> None:
        """Batch the ``last_seen`` of an item seen unchanged; a full batch is saved."""
        urls = self.sightings.setdefault(item.source, [])
        urls.append(item.url)
        if len(urls) >= SIGHTINGS_BATCH:
            self.save_sightings(now)

    def save_sightings(self, now: str) -> None:
        """Save every batched sighting (a kill -9 loses at most these ``last_seen``s)."""
        for source, urls in self.sightings.items():
            archive.save_sightings(self.db, source, urls, now=now)
        self.sightings = {}

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
        spider = self.crawler.spider
        self.save_sightings(archive.utc_now())
        stats = self.crawler.stats.get_stats()
        errors_by_kind = {
            key.removeprefix("partnerwire/errors/"): value
            for key, value in stats.items()
            if key.startswith("partnerwire/errors/")
        }
        saved = sum(v for k, v in self.counts.items() if k.startswith(("items_", "profiles_")))
        errors = sum(errors_by_kind.values())
        not_failing = getattr(spider, "errors_not_failing", set)()
        failing = sum(v for k, v in errors_by_kind.items() if k not in not_failing)
        messages = list(spider.error_messages)
        shortfall = self.missing_items(stats.get("partnerwire/item_pages", 0))
        if shortfall:
            messages.append(shortfall)
        status = "ok" if not failing and not shortfall else ("partial" if saved else "failed")
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
        with self.lock:  # released once the run's row is final
            if reason == "finished" or self.run_row is None:
                return
            db = archive.open_archive(self.path)
            try:
                archive.save_run_stopped_early(db, self.run_row, reason)
            finally:
                db.close()
