"""The archive: one plain SQLite file (WAL, FTS5) that every other part meets at, and the
only code that runs SQL on it.

Plain functions over a ``sqlite_utils.Database`` (``db`` first), in the manner of
sqlite-utils and dogsheep: ``open_archive`` makes sure the schema is there (running
``migrations``), ``save_*`` write one thing in one transaction, ``query_*`` read.
Lists and dicts are stored as JSON text so Datasette, ``sqlite3`` or ``sqlite-utils`` can
read everything; nothing is pickled.

Times (``now``) come from the caller, so tests and re-runs are repeatable.

| module | holds |
| --- | --- |
| ``schema`` | opening (read-write, read-only), migrating, the schema version, checkpoints |
| ``migrations`` | the numbered migrations |
| ``items`` | saving news items, their old versions and their stories |
| ``stories`` | which items are one story (pure) |
| ``organisations`` | saving organisation profiles as observations, and relations |
| ``profiles`` | the current profile: which statement of each fact wins, history, changes (pure) |
| ``runs`` | saving sources and crawl runs |
| ``ingested`` | how far each job output file has been ingested |
| ``queries`` | every other read: ``query_*`` |
| ``search`` | searching items: full text, filters, stories (``query_items``, ``query_stories``) |
| ``fts_syntax`` | what a person types, as a safe FTS5 query (pure) |
| ``lock`` | the crawl's lock file (one writer at a time) |
"""

from pipeline.archive._db import ArchiveError, Row, utc_now, write_transaction
from pipeline.archive.fts_syntax import SearchSyntaxError, fts_query
from pipeline.archive.ingested import (
    IngestPosition,
    query_ingest_position,
    save_ingest_position,
)
from pipeline.archive.items import (
    ITEM_FIELDS,
    VERSION_FIELDS,
    save_item,
    save_items,
    save_sightings,
    save_stories,
)
from pipeline.archive.migrations import MIGRATIONS, Migration
from pipeline.archive.organisations import description_hash, save_profile, save_relations
from pipeline.archive.queries import (
    FEED_COLUMNS,
    query_counts,
    query_crawl_runs,
    query_fact_changes,
    query_feed_items,
    query_feed_source_ids,
    query_feed_sources,
    query_feed_types,
    query_history_walked,
    query_item_hashes,
    query_known_items,
    query_newest_item_urls,
    query_observations,
    query_organisations,
    query_profiles,
    query_relations,
    query_sources,
)
from pipeline.archive.runs import (
    CRAWL_RUN_FIELDS,
    CrawlRun,
    save_crawl_run,
    save_run_errors,
    save_run_stopped_early,
    save_source,
)
from pipeline.archive.schema import (
    checkpoint,
    migrate,
    open_archive,
    open_archive_readonly,
    open_archive_to_publish,
    readonly_open_mode,
    schema_version,
)
from pipeline.archive.search import (
    SEARCH_SORTS,
    QueryError,
    query_items,
    query_known_sources,
    query_known_types,
    query_stories,
)

__all__ = [
    "CRAWL_RUN_FIELDS",
    "FEED_COLUMNS",
    "ITEM_FIELDS",
    "MIGRATIONS",
    "SEARCH_SORTS",
    "VERSION_FIELDS",
    "ArchiveError",
    "CrawlRun",
    "IngestPosition",
    "Migration",
    "QueryError",
    "Row",
    "SearchSyntaxError",
    "checkpoint",
    "description_hash",
    "fts_query",
    "migrate",
    "open_archive",
    "open_archive_readonly",
    "open_archive_to_publish",
    "query_counts",
    "query_crawl_runs",
    "query_fact_changes",
    "query_feed_items",
    "query_feed_source_ids",
    "query_feed_sources",
    "query_feed_types",
    "query_history_walked",
    "query_ingest_position",
    "query_item_hashes",
    "query_items",
    "query_known_items",
    "query_known_sources",
    "query_known_types",
    "query_newest_item_urls",
    "query_observations",
    "query_organisations",
    "query_profiles",
    "query_relations",
    "query_sources",
    "query_stories",
    "readonly_open_mode",
    "save_crawl_run",
    "save_ingest_position",
    "save_item",
    "save_items",
    "save_profile",
    "save_relations",
    "save_run_errors",
    "save_run_stopped_early",
    "save_sightings",
    "save_source",
    "save_stories",
    "schema_version",
    "utc_now",
    "write_transaction",
]
