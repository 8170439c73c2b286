"""Thin Scrapy item pipelines: normalise each item, then store it in the archive.

All the work is in ``pipeline.normalise`` and ``pipeline.archive``; these classes only
connect them to the crawl and count what happened for the ``crawl_runs`` table.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections import Counter
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured

from pipeline import archive
from pipeline.archive.lock import archive_lock
from pipeline.normalise import InvalidItem, normalise_for_source
from pipeline.relations import stated_relations
from pipeline.run_records import build_crawl_run
from spiders.items import NewsItem, OrganisationProfile, SeenItem
from spiders.job_output import crawl_record, run_id_setting
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
        archive_path = Path(settings.get("ARCHIVE_PATH", "archive.db"))
        pipeline = cls(crawler, archive_path, run_id_setting(crawler))
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
            elif isinstance(item, OrganisationProfile):
                outcome = "profiles_" + archive.save_profile(self.db, item, now=now)
            else:
                return item
            if not isinstance(item, SeenItem):  # an unchanged page was read before
                source = crawl_sources(self.crawler).get(item.source)
                relations, where = stated_relations(item, source)
                archive.save_relations(self.db, relations, **where, now=now)
        except (archive.ArchiveError, sqlite3.Error) as exc:
            raise NotSaved(f"not saved: {exc}") from None  # the spider records it, once
        self.counts[outcome] += 1
        self.crawler.stats.inc_value(f"partnerwire/{outcome}")  # for the live progress
        return item

    def note_sighting(self, item: SeenItem, now: str) -> None:
        """Batch the ``last_seen`` of an item seen unchanged; a full batch is saved."""
        urls = self.sightings.setdefault(item.source, [])
        urls.append(item.url)
        if len(urls) >= SIGHTINGS_BATCH:
            self.save_sightings(now)

    def save_sightings(self, now: str) -> None:
        """Save every batched sighting (a kill -9 loses at most these ``last_seen``s). A
        batch the archive refuses is an ``archive_error`` of each of its URLs, no longer
        counted as seen: recorded, never raised (the close saves the run's row after it)."""
        sightings, self.sightings = self.sightings, {}
        for source, urls in sightings.items():
            try:
                archive.save_sightings(self.db, source, urls, now=now)
            except (archive.ArchiveError, sqlite3.Error) as exc:
                self.counts["items_unchanged"] -= len(urls)
                for url in urls:
                    self.crawler.spider.record_error("archive_error", f"{url}: not saved: {exc}")

    def close_spider(self) -> None:
        self.save_sightings(archive.utc_now())
        record = crawl_record(
            self.crawler,
            run_id=self.run_id,
            started=self.started,
            duration=time.monotonic() - self.started_clock,
            reason=None,  # known only later: spider_closed corrects the row if need be
        )
        self.run_row = archive.save_crawl_run(self.db, build_crawl_run(record, self.counts))
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
