"""Opening the archive (read-write with migrations, or read-only) and its schema version."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from pipeline.archive._db import BUSY_TIMEOUT_MS, ArchiveError, utc_now, write_transaction
from pipeline.archive.migrations import MIGRATION_SET, MIGRATIONS, Migration


def open_archive(path: str | Path) -> Database:
    """Open (or create) the archive at ``path``: WAL mode (synchronous NORMAL), foreign
    keys, a busy timeout,
    and every pending migration applied. Raises ArchiveError if the file is not an SQLite
    database or was made by a newer partnerwire."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ArchiveError(f"cannot create the folder for {path}: {exc.strerror}") from None
    if path.is_dir():
        raise ArchiveError(f"{path} is a folder, not an archive file")
    db = Database(path)
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        if db.journal_mode != "wal":
            db.enable_wal()
        # WAL's recommended level: a commit is not flushed to disk by itself (the
        # checkpoints are), a killed process loses nothing committed, and the file is never
        # damaged; only a power cut may take back the last commits
        db.execute("PRAGMA synchronous = NORMAL")
        migrate(db, MIGRATIONS, name=path.name)
    except sqlite3.DatabaseError as exc:
        db.close()
        raise _archive_error(path, exc) from None
    except ArchiveError:
        db.close()
        raise
    return db


def open_archive_readonly(path: str | Path) -> Database:
    """Open an existing archive for reading only (``publish``, ``search``, ``orgs``,
    ``sources``): nothing is created, migrated or written, so it works while a crawl
    writes (WAL readers never block and are never blocked) and on a read-only file.

    SQLite's URI ``mode=ro`` is used; a WAL file in a folder where the ``-shm`` index
    cannot be created (a read-only mount) is opened with ``immutable=1`` instead, unless
    its ``-wal`` still holds changes that only a writable folder lets SQLite read.
    Raises ArchiveError, in one plain line, for a missing file, a file that is not a
    partnerwire archive (no ``schema_migrations``) or one made by a newer partnerwire.
    """
    path = Path(path)
    if not path.is_file():
        raise ArchiveError(
            f"no archive at {path}: run 'partnerwire crawl' (or 'demo') first"
            if not path.exists()
            else f"{path} is a folder, not an archive file"
        )
    try:
        db = Database(_connect_readonly(path))
    except sqlite3.DatabaseError as exc:
        raise _archive_error(path, exc) from None
    try:
        if not db.table("schema_migrations").exists():
            raise ArchiveError(
                f"{path} is not a partnerwire archive (no schema_migrations table); "
                "choose another archive path"
            )
        _refuse_newer_schema(db, MIGRATIONS, path.name)
    except (ArchiveError, sqlite3.DatabaseError) as exc:
        db.close()
        if isinstance(exc, ArchiveError):
            raise
        raise _archive_error(path, exc) from None
    return db


def open_archive_to_publish(path: str | Path) -> Database:
    """``open_archive_readonly`` for ``publish``: the archive at ``path`` read-only, never
    created; ArchiveError if there is no file or it has no ``items`` table."""
    path = Path(path)
    if not path.is_file():
        raise ArchiveError(f"archive not found: {path}")
    db = open_archive_readonly(path)
    if "items" not in db.table_names():
        db.close()
        raise ArchiveError(f"not a partnerwire archive (no items table): {path}")
    return db


def _refuse_newer_schema(db: Database, migrations: list[Migration], name: str) -> None:
    """ArchiveError if the file has had a migration these ``migrations`` do not know (a
    newer partnerwire's, or another branch's filling a gap in the numbers)."""
    known = {version for version, _, _ in migrations}
    newest_known = max(known, default=0)
    unknown = set()
    if db.table("schema_migrations").exists():
        recorded = db.execute("SELECT version FROM schema_migrations").fetchall()
        unknown = {version for (version,) in recorded} - known
    if unknown:
        raise ArchiveError(
            f"{name} was made by a newer partnerwire (schema {max(unknown)}); "
            f"this one knows schema {newest_known} at most: upgrade partnerwire"
        )


def readonly_open_mode(path: str | Path) -> str:
    """How the archive at ``path`` can be read: ``"ro"`` (SQLite's ``mode=ro``: it reads
    the WAL, so it sees what a running crawl commits) or, where SQLite cannot create the
    ``-shm`` index beside a WAL file (a read-only mount), ``"immutable"`` (``immutable=1``,
    which ignores the ``-wal``). ArchiveError when the ``-wal`` there still holds changes
    that only a writable folder lets SQLite read; sqlite3.DatabaseError for a file that
    is not a database. ``partnerwire browse`` hands Datasette the same choice (``-i``)."""
    path = Path(path)
    probe = sqlite3.connect(
        f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000
    )
    try:
        probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorname", "") != "SQLITE_CANTOPEN":
            raise
        # WAL mode, no -shm file and no right to create one: only an immutable open can
        # read it, and that ignores the -wal, so refuse if the -wal holds anything.
        wal = path.with_name(path.name + "-wal")
        if wal.exists() and wal.stat().st_size > 0:
            raise ArchiveError(
                f"{path} cannot be read here: its {wal.name} holds changes and the folder "
                "is read-only; open it once where it can be written (any crawl, or "
                f"sqlite3 {path.name} 'PRAGMA wal_checkpoint(TRUNCATE)')"
            ) from None
        return "immutable"
    finally:
        probe.close()
    return "ro"


def _connect_readonly(path: Path) -> sqlite3.Connection:
    query = "mode=ro" if readonly_open_mode(path) == "ro" else "immutable=1"
    conn = sqlite3.connect(
        f"{path.resolve().as_uri()}?{query}", uri=True, timeout=BUSY_TIMEOUT_MS / 1000
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def _archive_error(path: Path, exc: sqlite3.DatabaseError) -> ArchiveError:
    if "not a database" in str(exc) or "malformed" in str(exc):
        return ArchiveError(
            f"{path} is not an SQLite database (or is damaged); "
            "move it away or choose another archive path"
        )
    return ArchiveError(f"cannot open {path}: {exc}")


def checkpoint(db: Database) -> bool:
    """Copy the WAL into the archive file and empty it (``wal_checkpoint(TRUNCATE)``), so
    the file alone holds everything: a copy of it, or a read-only folder that cannot
    have a ``-shm`` beside it, then reads whole. Called when a crawl ends; waits (up to
    the busy timeout) only for readers still on an older snapshot, and never blocks new
    readers. Returns False if such a reader kept it from finishing (nothing is lost:
    the WAL stays and SQLite reads it as usual)."""
    busy, _, _ = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return busy == 0


def schema_version(db: Database) -> int:
    """The newest migration recorded in this file (0 for a new file)."""
    if not db.table("schema_migrations").exists():
        return 0
    return db.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0]


def migrate(
    db: Database, migrations: list[Migration] = MIGRATIONS, *, name: str = "archive.db"
) -> list[int]:
    """Apply the migrations this file has not had yet, in order of number, with
    sqlite-utils' ``Migrations`` (which records them in ``_sqlite_migrations``); each is
    also recorded in ``schema_migrations`` (version, title, when), the table the
    "newer partnerwire" guard and the read-only open rely on. Returns the versions
    applied now.

    Each migration runs in its own ``BEGIN IMMEDIATE`` transaction, so two processes
    opening a new archive at once don't both migrate: ``Migrations.apply`` alone opens a
    deferred ``BEGIN`` per migration, which reads before it takes the write lock, so it
    is called inside ours (where its transaction is a savepoint), and ``stop_before``
    keeps it to the one migration that is pending first.
    """
    registered = _migration_set(migrations)
    numbers = {_migration_name(version): (version, title) for version, title, _ in migrations}
    with write_transaction(db):
        db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
    _refuse_newer_schema(db, migrations, name)
    with write_transaction(db):
        _record_earlier_migrations(db, registered)
    applied = []
    while True:
        with write_transaction(db):
            pending = registered.pending(db)
            if not pending:
                break
            registered.apply(db, stop_before=[later.name for later in pending[1:]])
            version, title = numbers[pending[0].name]
            db.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                [version, title, utc_now()],
            )
        applied.append(version)
    return applied


def _migration_name(version: int) -> str:
    """A migration's name in ``_sqlite_migrations``: its number ("0004"), so one added
    later into a gap in the numbers is simply pending there."""
    return f"{version:04d}"


def _migration_set(migrations: list[Migration]) -> Migrations:
    registered = Migrations(MIGRATION_SET)
    for version, _, apply in sorted(migrations, key=lambda m: m[0]):
        registered(name=_migration_name(version))(apply)
    return registered


def _record_earlier_migrations(db: Database, registered: Migrations) -> None:
    """An archive migrated before partnerwire used sqlite-utils' ``Migrations`` has its
    versions in ``schema_migrations`` only: record them in ``_sqlite_migrations`` too,
    with the time they were applied, so they are never applied again."""
    done = {applied.name for applied in registered.applied(db)}
    earlier = [
        {"migration_set": registered.name, "name": _migration_name(version), "applied_at": at}
        for version, at in db.execute(
            "SELECT version, applied_at FROM schema_migrations ORDER BY version"
        ).fetchall()
        if _migration_name(version) not in done
    ]
    if earlier:
        registered.ensure_migrations_table(db)
        db.table(Migrations.migrations_table).insert_all(earlier)
