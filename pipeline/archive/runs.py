"""The configured sources and their crawl runs (one row per run and source)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypedDict

from sqlite_utils import Database

from pipeline.archive._db import as_dict, decode_row, encode_row, write_transaction
from spiders.sources import Source


class CrawlRun(TypedDict, total=False):
    """One crawl of one source, as ``save_crawl_run`` takes it (``query_crawl_runs`` gives
    it back with its row ``id``)."""

    run_id: str
    source: str
    started: str
    finished: str | None
    duration_seconds: float | None
    status: str
    pages: int
    pages_not_modified: int
    items_new: int
    items_updated: int
    items_unchanged: int
    profiles_new: int
    errors: int
    errors_by_kind: dict[str, int]
    error_messages: list[str]
    methods: list[str]
    platform: str | None
    drift: list[str]


CRAWL_RUN_FIELDS = tuple(CrawlRun.__annotations__)


def save_source(db: Database, source: Source | Mapping[str, object]) -> None:
    """Insert or update one configured source (a ``spiders.sources.Source`` or a dict)."""
    data = as_dict(source)
    row = {
        key: data.get(key) for key in ("id", "name", "acronym", "homepage", "platform", "language")
    }
    row["hosts"] = list(data.get("hosts") or [])  # other host names of the same site
    with write_transaction(db):
        db.table("sources").upsert(encode_row(row), pk="id")


def save_placeholder_source(db: Database, source_id: str | None) -> None:
    """Make sure ``source_id`` has a row in ``sources`` (which ``items``, ``crawl_runs`` and
    ``org_observations`` refer to): a placeholder named by its id when it has none, which
    ``save_source`` fills in when that source is crawled. Called inside the caller's
    write transaction."""
    if source_id:
        db.execute("INSERT OR IGNORE INTO sources (id, name) VALUES (?, ?)", [source_id, source_id])


def save_placeholder_sources(db: Database, table: str) -> None:
    """``save_placeholder_source`` for every source named in ``table``'s ``source`` column."""
    sql = f"SELECT DISTINCT source, source FROM [{table}] WHERE source IS NOT NULL"  # noqa: S608
    db.execute(f"INSERT OR IGNORE INTO sources (id, name) {sql}")


def save_crawl_run(db: Database, run: CrawlRun) -> int:
    """Record one crawl of one source; returns the row id. ``errors_by_kind`` (dict),
    ``error_messages``, ``methods`` and ``drift`` (lists) are stored as JSON text. Unknown
    keys are refused."""
    unknown = sorted(set(run) - set(CRAWL_RUN_FIELDS))
    if unknown:
        raise ValueError(f"crawl run has unknown fields: {', '.join(unknown)}")
    row = {key: run.get(key) for key in CRAWL_RUN_FIELDS}
    row["errors_by_kind"] = dict(row["errors_by_kind"] or {})
    row["error_messages"] = list(row["error_messages"] or [])
    row["methods"] = list(row["methods"] or [])
    row["drift"] = list(row["drift"] or [])
    with write_transaction(db):
        save_placeholder_source(db, row["source"])
        return db.table("crawl_runs").insert(encode_row(row)).last_pk


def save_run_stopped_early(db: Database, run_id: int, reason: str) -> None:
    """Mark a recorded run as cut short (Scrapy closed the spider for ``reason``, not
    because it had finished): one ``stopped_early`` error saying why (``save_run_errors``)."""
    with write_transaction(db):
        source = db.table("crawl_runs").get(run_id)["source"]
        message = f"{source}: the crawl stopped before its end ({reason})"
        save_run_errors(db, run_id, [("stopped_early", message)])


def save_run_errors(db: Database, run_id: int, errors: list[tuple[str, str]]) -> None:
    """Add ``errors`` ((kind, message) each) to a recorded run, found after its row was
    written: never ``ok`` then; ``partial`` when it stored anything, else ``failed``."""
    with write_transaction(db):
        row = decode_row(db.table("crawl_runs").get(run_id))
        stored = sum(
            row[key] or 0
            for key in ("items_new", "items_updated", "items_unchanged", "profiles_new")
        )
        kinds = dict(row["errors_by_kind"] or {})
        for kind, _ in errors:
            kinds[kind] = kinds.get(kind, 0) + 1
        update = {
            "status": "partial" if stored else "failed",
            "errors": (row["errors"] or 0) + len(errors),
            "errors_by_kind": kinds,
            "error_messages": [*(row["error_messages"] or []), *(m for _, m in errors)],
        }
        db.table("crawl_runs").update(run_id, encode_row(update))
