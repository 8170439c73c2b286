"""What every module of the archive shares: its error, write transactions, timestamps,
and rows in and out (lists and dicts stored as JSON text, decoded when read)."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime

from sqlite_utils import Database

from spiders.pages.dates import to_utc_iso

_JSON_COLUMNS = frozenset(
    {
        "authors",
        "tags",
        "based_in",
        "objectives",
        "related_organisations",
        "facts",
        "errors_by_kind",
        "error_messages",
        "methods",
        "drift",
        "hosts",
    }
)
BUSY_TIMEOUT_MS = 10_000

Row = dict[str, object]
"""One row as the archive reads it: column -> value, JSON columns decoded."""


class ArchiveError(Exception):
    """The archive file cannot be used; the message says why in plain words."""


@contextlib.contextmanager
def write_transaction(db: Database) -> Iterator[None]:
    """One write transaction that takes SQLite's write lock when it starts.

    ``BEGIN IMMEDIATE`` waits (up to the busy timeout) for another writer to finish; a
    deferred ``BEGIN`` (what ``db.atomic()`` issues) that reads first and writes later
    fails at once with "database is locked" in WAL mode when someone else wrote in
    between. Every ``save_*`` and every migration writes through this. Inside an open
    transaction it is a savepoint, so it nests. sqlite-utils' table methods called
    inside (insert, update, upsert, create, enable_fts) use savepoints of their own and
    never commit.
    """
    if db.conn.in_transaction:
        with db.atomic():  # a SAVEPOINT inside the transaction already holding the lock
            yield
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")


def utc_now() -> str:
    """Now, in UTC, to the second: the archive's timestamp format."""
    return as_stamp(datetime.now(UTC))


def as_stamp(now: datetime | str) -> str:
    stamp = to_utc_iso(now)
    if stamp is None:
        raise ValueError(f"not a date and time: {now!r}")
    return stamp


def as_dict(obj: object) -> Row:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return dataclasses.asdict(obj)
    return dict(obj)


def encode_row(row: Mapping[str, object]) -> Row:
    return {
        key: json.dumps(value, ensure_ascii=False) if key in _JSON_COLUMNS else value
        for key, value in row.items()
    }


def decode_row(row: Row) -> Row:
    for key in _JSON_COLUMNS & row.keys():
        if isinstance(row[key], str):
            row[key] = json.loads(row[key])
    return row


def select_rows(
    db: Database, sql: str, params: Sequence[object] | Mapping[str, object] = ()
) -> list[Row]:
    cursor = db.execute(sql, params)
    columns = [c[0] for c in cursor.description]
    return [decode_row(dict(zip(columns, values, strict=True))) for values in cursor.fetchall()]


def insert_row(db: Database, table: str, row: Mapping[str, object]) -> int:
    """Insert one row (columns as given, already encoded); its rowid. Plain SQL: the
    table's columns are known, so sqlite-utils' per-insert schema look-ups are not needed."""
    return db.conn.execute(_insert_sql(table, tuple(row)), list(row.values())).lastrowid


@functools.lru_cache(maxsize=64)  # a few tables, each written with the same columns
def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    names = ", ".join(f"[{key}]" for key in columns)
    return f"INSERT INTO [{table}] ({names}) VALUES ({', '.join('?' * len(columns))})"  # noqa: S608


def update_row(db: Database, table: str, row_id: int, changes: Mapping[str, object]) -> None:
    """Set these columns (already encoded) of one row, by id. Plain SQL, no savepoint
    (sqlite-utils' ``update`` opens one, and a savepoint makes FTS5 write its pending
    terms out)."""
    sets = ", ".join(f"[{key}] = ?" for key in changes)
    sql = f"UPDATE [{table}] SET {sets} WHERE id = ?"  # noqa: S608
    db.conn.execute(sql, [*changes.values(), row_id])
