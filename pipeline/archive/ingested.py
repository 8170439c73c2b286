"""How far each JSON-lines job output file has been ingested (``ingested_files``)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlite_utils import Database

from pipeline.archive._db import utc_now, write_transaction


@dataclass
class IngestPosition:
    """Where the next ingest of one file starts: ``offset`` bytes were read, whose
    sha256 is ``prefix_hash``; ``counts`` are the archive's outcomes for the items of
    the run whose record is not read yet, and ``errors`` ([kind, message]) what that run
    did not store (an unreadable line, an item the archive refused)."""

    offset: int = 0
    prefix_hash: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[list[str]] = field(default_factory=list)


def query_ingest_position(db: Database, path: str) -> IngestPosition:
    """Where ``path`` was left (a fresh position for a file never ingested)."""
    rows = list(db.query("SELECT * FROM ingested_files WHERE path = ?", [path]))
    if not rows:
        return IngestPosition()
    row = rows[0]
    return IngestPosition(
        row["offset"],
        row["prefix_hash"],
        json.loads(row["counts"] or "{}"),
        json.loads(row.get("errors") or "[]"),
    )


def save_ingest_position(db: Database, path: str, position: IngestPosition) -> None:
    """Remember how far ``path`` has been ingested."""
    row = {
        "path": path,
        "offset": position.offset,
        "prefix_hash": position.prefix_hash,
        "counts": json.dumps(position.counts, sort_keys=True),
        "errors": json.dumps(position.errors),
        "updated": utc_now(),
    }
    with write_transaction(db):
        db.table("ingested_files").upsert(row, pk="path")
