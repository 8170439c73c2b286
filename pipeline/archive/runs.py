"""The configured sources and their crawl runs (one row per run and source)."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from pipeline.archive._db import as_dict, encode_row, write_transaction

CRAWL_RUN_FIELDS = (
    "run_id",
    "source",
    "started",
    "finished",
    "duration_seconds",
    "status",
    "pages",
    "pages_not_modified",
    "items_new",
    "items_updated",
    "items_unchanged",
    "profiles_new",
    "errors",
    "errors_by_kind",
    "error_messages",
    "methods",
)


def save_source(db: Database, source: Any) -> None:
    """Insert or update one configured source (a ``spiders.sources.Source`` or a dict)."""
    data = as_dict(source)
    row = {
        key: data.get(key) for key in ("id", "name", "acronym", "homepage", "platform", "language")
    }
    with write_transaction(db):
        db.table("sources").upsert(row, pk="id")


def save_crawl_run(db: Database, run: dict[str, Any]) -> int:
    """Record one crawl of one source; returns the row id. ``errors_by_kind`` (dict),
    ``error_messages`` and ``methods`` (lists) are stored as JSON text. Unknown keys are refused."""
    unknown = sorted(set(run) - set(CRAWL_RUN_FIELDS))
    if unknown:
        raise ValueError(f"crawl run has unknown fields: {', '.join(unknown)}")
    row = {key: run.get(key) for key in CRAWL_RUN_FIELDS}
    row["errors_by_kind"] = dict(row["errors_by_kind"] or {})
    row["error_messages"] = list(row["error_messages"] or [])
    row["methods"] = list(row["methods"] or [])
    with write_transaction(db):
        return db.table("crawl_runs").insert(encode_row(row)).last_pk
