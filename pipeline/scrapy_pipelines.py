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
from scrapy.utils.asyncio import create_looping_call

from pipeline import archive
from pipeline.archive.lock import archive_lock
from pipeline.normalise import InvalidItem, normalise_for_source
from pipeline.relations import stated_relations
from pipeline.run_records import build_crawl_run
from spiders.items import NewsItem, OrganisationProfile, SeenItem
from spiders.job_output import crawl_record, run_id_setting
from spiders.sources import Source

Stored = NewsItem | OrganisationProfile | SeenItem  # what the archive pipeline writes


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
    ``CRAWL_RUN_ID``, ``ARCHIVE_BATCH_ITEMS``, ``ARCHIVE_BATCH_SECONDS``, ``ARCHIVE_LOCK``
    (hold the archive's lock from the spider's opening to its closing, as ``partnerwire
    crawl`` does: on for ``scrapy crawl``, off under the CLI, which holds the lock itself
    for all its spiders).

    Items, profiles and sightings (``SeenItem``: a page that answered 304) are written in
    batches: one transaction (one commit) per ``ARCHIVE_BATCH_ITEMS`` of them or
    ``ARCHIVE_BATCH_SECONDS`` seconds, whichever comes first, and at the spider's close.
    SQLite's write lock is held only while a batch is written, so readers and the crawls
    of other sources in the same process never wait on an open one. A process killed
    mid-way loses at most the open batch; those pages are fetched and saved again by the
    next crawl. One refused item never takes its batch with it: it is recorded
    (``archive_error``) with its URL, and the rest of the batch is written.
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
        self.lock = contextlib.ExitStack()  # the archive's lock, while this crawl holds it
        self.batch: list[Stored] = []  # items, profiles and sightings not written yet
        self.batch_started = time.monotonic()
        self.flush_timer: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchivePipeline:
        settings = crawler.settings
        if not settings.getbool("ARCHIVE_ENABLED", True):
            raise NotConfigured("ARCHIVE_ENABLED is off")
        pipeline = cls(
            crawler,
            Path(settings.get("ARCHIVE_PATH", "archive.db")),
            run_id_setting(crawler),
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
            know(archive.query_known_items(self.db, source.id))

    def start_flush_timer(self) -> None:
        """Write a batch that has waited ``ARCHIVE_BATCH_SECONDS`` even while no item comes."""
        if self.batch_seconds > 0:
            self.flush_timer = create_looping_call(self.flush_if_due)
            self.flush_timer.start(self.batch_seconds, now=False)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, (NewsItem, OrganisationProfile, SeenItem)):
            return item
        if not self.batch:
            self.batch_started = time.monotonic()
        self.batch.append(item)
        if len(self.batch) >= self.batch_items:
            self.flush()
        else:
            self.flush_if_due()
        return item

    def flush_if_due(self) -> None:
        if self.batch and time.monotonic() - self.batch_started >= self.batch_seconds:
            self.flush()

    def flush(self) -> None:
        """Write the open batch in one transaction; count each outcome once it is committed.

        The batch is written whole (``save_batch``); if any of it fails (the archive
        refuses it, or any other fault), it is written again one entry at a time, each in a
        savepoint of its own, so only the failing entries are lost, each recorded
        (``archive_error``) with its URL."""
        batch, self.batch = self.batch, []
        if not batch or self.db is None:
            return
        now = archive.utc_now()
        refused: list[tuple[Any, str]] = []
        try:
            with archive.write_transaction(self.db):
                outcomes = self.save_batch(batch, now)
        except Exception:  # any fault: never lose the batch's other entries
            outcomes, refused = self.save_one_by_one(batch, now)
        for item, message in refused:
            self.crawler.spider.record_error(
                NotSaved.kind, f"{getattr(item, 'url', '?')}: not saved: {message}"
            )
        for outcome in outcomes:
            self.counts[outcome] += 1
            self.crawler.stats.inc_value(f"partnerwire/{outcome}")  # for the live progress

    def save_batch(self, batch: list[Stored], now: str) -> list[str]:
        """Save a batch (inside the caller's transaction); the outcomes' counter names.
        The news items go last, in one ``save_items``: what comes before writes through
        savepoints, at which FTS5 would write the items' pending terms out."""
        outcomes, sightings, news = [], {}, []
        for item in batch:
            if isinstance(item, SeenItem):
                sightings.setdefault(item.source, []).append(item.url)
                outcomes.append("items_unchanged")
            elif isinstance(item, NewsItem):
                self.save_relations(item, now)
                news.append(item)
            else:
                outcomes.append(self.save(item, now))
        for source, urls in sightings.items():  # only last_seen moves
            archive.save_sightings(self.db, source, urls, now=now)
        outcomes += ["items_" + outcome for outcome in archive.save_items(self.db, news, now=now)]
        return outcomes

    def save_one_by_one(
        self, batch: list[Stored], now: str
    ) -> tuple[list[str], list[tuple[Any, str]]]:
        """Save a batch the archive refused part of, each entry in a savepoint of its own;
        the outcomes, and the refused entries with the reason."""
        outcomes: list[str] = []
        refused: list[tuple[Any, str]] = []
        try:
            with archive.write_transaction(self.db):
                for item in batch:
                    try:
                        with archive.write_transaction(self.db):
                            outcomes += self.save_batch([item], now)
                    except Exception as exc:  # any fault: recorded with its URL
                        refused.append((item, str(exc) or type(exc).__name__))
        except (archive.ArchiveError, sqlite3.Error) as exc:  # the commit itself failed
            return [], [(item, str(exc)) for item in batch]
        return outcomes, refused

    def save(self, item: OrganisationProfile, now: str) -> str:
        """Save one profile and the relations it states; its outcome's counter name."""
        outcome = "profiles_" + archive.save_profile(self.db, item, now=now)
        self.save_relations(item, now)
        return outcome

    def save_relations(self, item: NewsItem | OrganisationProfile, now: str) -> None:
        """The relations between organisations a page states (``pipeline.relations``)."""
        relations, where = stated_relations(item, crawl_sources(self.crawler).get(item.source))
        archive.save_relations(self.db, relations, **where, now=now)

    def close_spider(self) -> None:
        if self.flush_timer is not None and self.flush_timer.running:
            self.flush_timer.stop()
        self.flush()
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
