"""The archive: one plain SQLite file (WAL, FTS5) that every other part meets at.

Plain functions over a ``sqlite_utils.Database`` (``db`` first), in the manner of
sqlite-utils and dogsheep: ``open_archive`` makes sure the schema is there (running
``pipeline.migrations``), ``save_*`` write one thing in one transaction, ``query_*`` read.
Lists and dicts are stored as JSON text so Datasette, ``sqlite3`` or ``sqlite-utils`` can
read everything; nothing is pickled.

Times (``now``) come from the caller, so tests and re-runs are repeatable.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import re
import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlite_utils import Database

from pipeline.migrations import MIGRATIONS, Migration
from pipeline.normalise import (
    content_hash,
)
from pipeline.stories import MAX_DAYS_APART, STORY_COLUMNS, cluster_items, same_story
from spiders.items import NewsItem
from spiders.pages.dates import to_utc_iso
from spiders.pages.text import clean_paragraphs
from spiders.pages.urls import canonical_url, same_site

ITEM_FIELDS = tuple(f.name for f in dataclasses.fields(NewsItem))
VERSION_FIELDS = (
    "content_hash",
    "title",
    "summary",
    "content_html",
    "text",
    "published",
    "updated",
)
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
    }
)
_BUSY_TIMEOUT_MS = 10_000


class ArchiveError(Exception):
    """The archive file cannot be used; the message says why in plain words."""


# --- opening and migrating ---------------------------------------------------------------


def open_archive(path: str | Path) -> Database:
    """Open (or create) the archive at ``path``: WAL mode, foreign keys, a busy timeout,
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
        db.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        if db.journal_mode != "wal":
            db.enable_wal()
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


def _refuse_newer_schema(db: Database, migrations: list[Migration], name: str) -> None:
    newest_known = max((version for version, _, _ in migrations), default=0)
    current = schema_version(db)
    if current > newest_known:
        raise ArchiveError(
            f"{name} was made by a newer partnerwire (schema {current}); "
            f"this one knows schema {newest_known} at most: upgrade partnerwire"
        )


def _connect_readonly(path: Path) -> sqlite3.Connection:
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=_BUSY_TIMEOUT_MS / 1000)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        conn.close()
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
        conn = sqlite3.connect(f"{uri}?immutable=1", uri=True)
    conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
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
    """Apply the migrations this file has not had yet, each in its own transaction
    (``BEGIN IMMEDIATE``, so two processes opening a new archive at once don't both
    migrate). Returns the versions applied now."""
    with write_transaction(db):
        db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
    _refuse_newer_schema(db, migrations, name)
    applied = []
    for version, title, apply in sorted(migrations, key=lambda m: m[0]):
        with write_transaction(db):
            done = db.execute(
                "SELECT 1 FROM schema_migrations WHERE version = ?", [version]
            ).fetchone()
            if done:
                continue
            apply(db)
            db.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                [version, title, utc_now()],
            )
        applied.append(version)
    return applied


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
    return _stamp(datetime.now(UTC))


def _stamp(now: datetime | str) -> str:
    stamp = to_utc_iso(now)
    if stamp is None:
        raise ValueError(f"not a date and time: {now!r}")
    return stamp


def _as_dict(obj: Any) -> dict[str, Any]:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return dataclasses.asdict(obj)
    return dict(obj)


def _encode(row: dict[str, Any]) -> dict[str, Any]:
    return {
        key: json.dumps(value, ensure_ascii=False) if key in _JSON_COLUMNS else value
        for key, value in row.items()
    }


def _decode(row: dict[str, Any]) -> dict[str, Any]:
    for key in _JSON_COLUMNS & row.keys():
        if isinstance(row[key], str):
            row[key] = json.loads(row[key])
    return row


def _rows(db: Database, sql: str, params: list[Any] | dict[str, Any] = ()) -> list[dict]:
    cursor = db.execute(sql, params)
    columns = [c[0] for c in cursor.description]
    return [_decode(dict(zip(columns, values, strict=True))) for values in cursor.fetchall()]


# --- saving ---------------------------------------------------------------------------------


def save_source(db: Database, source: Any) -> None:
    """Insert or update one configured source (a ``spiders.sources.Source`` or a dict)."""
    data = _as_dict(source)
    row = {
        key: data.get(key) for key in ("id", "name", "acronym", "homepage", "platform", "language")
    }
    with write_transaction(db):
        db.table("sources").upsert(row, pk="id")


def save_item(db: Database, item: Any, *, now: datetime | str) -> str:
    """Store one normalised NewsItem, keyed by canonical URL.

    Returns "new" (first time seen), "unchanged" (same content hash: no version is kept,
    but the row still takes what this save adds, such as tags, authors, an image or
    ``updated``, and ``last_seen`` moves) or "updated" (the old title/summary/content/
    text/dates are copied into ``item_versions`` first, then the row is updated).
    ``first_seen`` never changes.
    A re-crawl that sees less (say a listing entry without the body) does not erase
    what the archive already has: empty fields keep their stored values, and the hash is
    taken over the merged result. A copy that names another page as its canonical (a
    translation stub, a print version) only fills what the row lacks, so the canonical
    page's own values win whichever of the two a crawl saves last.
    """
    given = _as_dict(item)
    data = {key: given.get(key) for key in ITEM_FIELDS}
    data["authors"] = list(data["authors"] or [])
    data["tags"] = list(data["tags"] or [])
    data["canonical_url"] = data["canonical_url"] or data["url"]
    if not data["canonical_url"] or not data["title"]:
        raise ValueError("an item needs a url and a title to be archived")
    stamp = _stamp(now)
    with write_transaction(db):
        old = _rows(db, "SELECT * FROM items WHERE canonical_url = ?", [data["canonical_url"]])
        if not old:
            data["content_hash"] = data["content_hash"] or content_hash(data)
            row = {**data, "published_utc": to_utc_iso(data["published"])}
            row = {**row, "first_seen": stamp, "last_seen": stamp}
            _save_story(db, db.table("items").insert(_encode(row)).last_pk)
            return "new"
        row = old[0]
        alternate = _names_another_page(data)
        merged = {
            key: row[key]
            if data[key] in (None, "", []) or (alternate and row[key] not in (None, "", []))
            else data[key]
            for key in ITEM_FIELDS
        }
        merged["content_hash"] = content_hash(merged)
        merged["published_utc"] = to_utc_iso(merged["published"])
        status = "unchanged" if merged["content_hash"] == row["content_hash"] else "updated"
        if status == "updated":
            db.table("item_versions").insert(
                {
                    "item_id": row["id"],
                    **{key: row[key] for key in VERSION_FIELDS},
                    "replaced_at": stamp,
                }
            )
        changed = {key: value for key, value in merged.items() if value != row[key]}
        if changed:
            db.table("items").update(row["id"], _encode({**changed, "last_seen": stamp}))
        else:  # the common re-crawl: nothing new but the sighting
            db.execute("UPDATE items SET last_seen = ? WHERE id = ?", [stamp, row["id"]])
        if _STORY_FIELDS & changed.keys() or not row.get("story_id"):
            _save_story(db, row["id"])
        return status


_STORY_FIELDS = frozenset({"source", "url", "canonical_url", "title", "published"})
_STORY_SELECT = "SELECT " + ", ".join(f"[{c}]" for c in STORY_COLUMNS) + " FROM items"  # noqa: S608
# ``published`` strings may carry different offsets (up to 14 h); the candidate range is
# widened by a day and ``stories.same_story`` then compares real instants.
_STORY_MARGIN = timedelta(days=MAX_DAYS_APART + 1)


def _save_story(db: Database, item_id: int) -> None:
    """Give one just-stored item its ``story_id`` (inside the caller's transaction).

    The items it may share a story with are found through indexes only: other sources'
    items published within ``MAX_DAYS_APART`` days (the ``published`` index), items
    sharing its URLs, and every member of the stories those belong to (``story_id``
    index) or it belonged to before. ``stories.cluster_items`` regroups that
    neighbourhood with the rules and stable ids it uses for a whole archive.
    """
    if "story_id" not in db.table("items").columns_dict:  # a file before migration 2
        return
    item = _rows(db, f"{_STORY_SELECT} WHERE id = ?", [item_id])[0]
    urls = sorted({item["url"], item["canonical_url"]} - {None, ""})
    marks = ", ".join("?" * len(urls))
    near = _rows(
        db,
        f"{_STORY_SELECT} WHERE id != ? AND (canonical_url IN ({marks}) OR url IN ({marks}))",
        [item_id, *urls, *urls],
    )
    published = to_utc_iso(item["published"]) if item["published"] else None
    if published:
        when = datetime.fromisoformat(published)
        near += _rows(
            db,
            f"{_STORY_SELECT} WHERE published BETWEEN ? AND ? AND source != ?",
            [
                (when - _STORY_MARGIN).isoformat(),
                (when + _STORY_MARGIN).isoformat(),
                item["source"],
            ],
        )
    matches = [row for row in near if same_story(item, row)]
    stories = {row["story_id"] for row in matches} | {item["story_id"]}
    stories.discard(None)
    members = {item_id: item}
    if stories:
        marks = ", ".join("?" * len(stories))
        sql = f"{_STORY_SELECT} WHERE story_id IN ({marks})"
        members.update((row["id"], row) for row in _rows(db, sql, sorted(stories)))
    members.update((row["id"], row) for row in matches)
    changes = [
        (story, row_id)
        for row_id, story in cluster_items(members.values()).items()
        if story != members[row_id]["story_id"]
    ]
    db.conn.executemany("UPDATE items SET story_id = ? WHERE id = ?", changes)


def save_stories(db: Database) -> int:
    """Regroup the stories of the whole archive (for archives made before items were
    grouped when stored: migration 6); returns how many items changed story."""
    rows = _rows(db, _STORY_SELECT)
    stories = cluster_items(rows)
    changes = [(stories[r["id"]], r["id"]) for r in rows if stories[r["id"]] != r["story_id"]]
    with write_transaction(db):
        db.conn.executemany("UPDATE items SET story_id = ? WHERE id = ?", changes)
    return len(changes)


def _names_another_page(data: dict[str, Any]) -> bool:
    own, canonical = canonical_url(data["url"] or ""), data["canonical_url"]
    if not same_site(own, canonical):
        return True
    return urlsplit(own)[2:4] != urlsplit(canonical)[2:4]  # path and query


def description_hash(description: str | None) -> str:
    """sha256 of the description with whitespace collapsed (layout changes are no change)."""
    text = " ".join(clean_paragraphs(description or "").split())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def save_profile(db: Database, profile: Any, *, now: datetime | str) -> str:
    """Record one observation of an organisation (a normalised OrganisationProfile).

    Organisations are keyed by acronym (case-insensitive), or by name when there is no
    acronym. Observations are append-only: a row is added only when this
    (organisation, url, description) is new. Returns "new" (organisation first seen),
    "changed" (a new observation was recorded) or "unchanged". The organisations row
    shows the description of the observation recorded last (the page's own date is kept
    in ``observed`` but undated pages are common, so it does not decide) and keeps
    ``first_seen``.
    """
    data = _as_dict(profile)
    name = (data.get("name") or "").strip()
    acronym = (data.get("acronym") or "").strip() or None
    if not name:
        raise ValueError("an organisation profile needs a name to be archived")
    stamp = _stamp(now)
    digest = description_hash(data.get("description"))
    with write_transaction(db):
        org = _find_organisation(db, name, acronym)
        status = "changed"
        if org is None:
            org_id = (
                db.table("organisations")
                .insert(
                    {
                        "name": name,
                        "acronym": acronym,
                        "website": data.get("website"),
                        "description": data.get("description"),
                        "first_seen": stamp,
                        "last_seen": stamp,
                    }
                )
                .last_pk
            )
            status = "new"
        else:
            org_id = org["id"]
            db.table("organisations").update(
                org_id,
                {
                    "last_seen": stamp,
                    "acronym": org["acronym"] or acronym,
                    "website": data.get("website") or org["website"],
                },
            )
        seen = db.execute(
            "SELECT 1 FROM org_observations "
            "WHERE organisation_id = ? AND url = ? AND description_hash = ?",
            [org_id, data.get("url") or "", digest],
        ).fetchone()
        if seen:
            return "unchanged"
        db.table("org_observations").insert(
            _encode(
                {
                    "organisation_id": org_id,
                    "source": data.get("source"),
                    "url": data.get("url") or "",
                    "kind": data.get("kind"),
                    "observed": data.get("observed"),
                    "seen_at": stamp,
                    "description": data.get("description"),
                    "description_hash": digest,
                    "founded_year": data.get("founded_year"),
                    "member_organisations": data.get("member_organisations"),
                    "countries": data.get("countries"),
                    "people_represented": data.get("people_represented"),
                    "based_in": list(data.get("based_in") or []),
                    "objectives": list(data.get("objectives") or []),
                    "related_organisations": list(data.get("related_organisations") or []),
                    "facts": dict(data.get("facts") or {}),
                }
            )
        )
        latest = db.execute(
            "SELECT description FROM org_observations WHERE organisation_id = ? "
            "ORDER BY seen_at DESC, id DESC LIMIT 1",
            [org_id],
        ).fetchone()
        db.table("organisations").update(org_id, {"description": latest[0]})
        return status


def _find_organisation(db: Database, name: str, acronym: str | None) -> dict | None:
    if acronym:
        rows = _rows(db, "SELECT * FROM organisations WHERE acronym = ? COLLATE NOCASE", [acronym])
        if rows:
            return rows[0]
        sql = "SELECT * FROM organisations WHERE name = ? COLLATE NOCASE AND acronym IS NULL"
    else:
        sql = "SELECT * FROM organisations WHERE name = ? COLLATE NOCASE ORDER BY id"
    rows = _rows(db, sql, [name])
    return rows[0] if rows else None


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
        return db.table("crawl_runs").insert(_encode(row)).last_pk


# --- querying ---------------------------------------------------------------------------------

_WORD = re.compile(r"\w+\*?")
_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})


def fts_query(text: str) -> str:
    """Turn what a person typed into a safe FTS5 query: every word quoted (so ``"``,
    ``-``, ``NEAR(``, ``:`` are never syntax), all words required (so a bare upper-case
    AND/OR/NOT/NEAR is dropped rather than searched for), and a trailing ``*`` on a word
    kept as a prefix search. Returns "" if there are no words."""
    terms = []
    for match in _WORD.finditer(text):
        word = match.group()
        if word in _OPERATORS:  # "health AND youth": all words are required anyway
            continue
        prefix = word.endswith("*")
        word = word.rstrip("*")
        terms.append(f'"{word}"' + ("*" if prefix else ""))
    return " ".join(terms)


_BARE_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _date_clause(value: str, op: str) -> tuple[str, str]:
    """``published`` compared with ``value`` by ``op`` (">=" or "<="): a bare date compares
    the publisher's day (the date part of ``published``), a date-time the instant
    (``published_utc``)."""
    value = value.strip()
    if _BARE_DATE.fullmatch(value):
        try:
            day = date.fromisoformat(value).isoformat()
        except ValueError:
            raise ValueError(f"not a date: {value!r}") from None
        return f"substr(items.published, 1, 10) {op} ?", day
    stamp = to_utc_iso(value)
    if stamp is None:
        raise ValueError(f"not a date: {value!r}")
    return f"items.published_utc {op} ?", stamp


def query_items(
    db: Database,
    query: str | None = None,
    *,
    source: str | None = None,
    content_type: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = 50,
) -> list[dict]:
    """Items matching the words of ``query`` (full-text, stemmed) and the filters, newest
    first (by ``published_utc``; undated items last). ``since``/``until`` are dates or
    date-times: a bare date compares the publisher's day (``2026-01-22`` matches
    ``2026-01-22T23:30:00-07:00``), a date-time the instant (``published_utc``); both ends
    are included. ``source``
    and ``content_type`` match exactly (content type case-insensitively)."""
    where, params = [], []
    if query is not None and query.strip():
        match = fts_query(query)
        if not match:
            return []
        where.append("items.rowid IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)")
        params.append(match)
    if source:
        where.append("items.source = ?")
        params.append(source)
    if content_type:
        where.append("items.content_type = ? COLLATE NOCASE")
        params.append(content_type)
    for value, op in ((since, ">="), (until, "<=")):
        if value:
            clause, bound = _date_clause(value, op)
            where.append(clause)
            params.append(bound)
    sql = "SELECT * FROM items"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY published_utc IS NULL, published_utc DESC, id DESC"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return _rows(db, sql, params)


def query_organisations(db: Database, name: str | None = None) -> list[dict]:
    """Organisations (all, or those whose acronym is ``name`` or whose name contains it,
    case-insensitively), each with ``observations``: how many observations it has."""
    sql = (
        "SELECT organisations.*, "
        "(SELECT count(*) FROM org_observations o WHERE o.organisation_id = organisations.id)"
        " AS observations FROM organisations"
    )
    params: list[Any] = []
    if name:
        sql += " WHERE acronym = ? COLLATE NOCASE OR name LIKE ? ESCAPE '\\'"
        escaped = name.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params += [name.strip(), f"%{escaped}%"]
    sql += " ORDER BY coalesce(acronym, name) COLLATE NOCASE"
    return _rows(db, sql, params)


def query_observations(db: Database, organisation_id: int) -> list[dict]:
    """Every observation of one organisation in the order they were recorded (oldest
    first), with lists and facts decoded from JSON."""
    return _rows(
        db,
        "SELECT * FROM org_observations WHERE organisation_id = ? ORDER BY seen_at, id",
        [organisation_id],
    )


def query_crawl_runs(db: Database, run_id: str) -> list[dict]:
    """The crawl_runs rows of one run, by source, with JSON columns decoded."""
    return _rows(db, "SELECT * FROM crawl_runs WHERE run_id = ? ORDER BY source", [run_id])


def query_sources(db: Database) -> list[dict]:
    """Each stored source with ``items`` (how many it has in the archive), ``last_run``
    (its latest crawl_runs row as a dict, or None if it was never crawled) and, for
    tables, that run's ``last_crawl`` (started), ``status`` and ``errors`` (None if never)."""
    sources = _rows(
        db,
        "SELECT sources.*, (SELECT count(*) FROM items WHERE items.source = sources.id)"
        " AS items FROM sources ORDER BY id",
    )
    for source in sources:
        runs = _rows(
            db,
            "SELECT * FROM crawl_runs WHERE source = ? ORDER BY started DESC, id DESC LIMIT 1",
            [source["id"]],
        )
        last = runs[0] if runs else None
        source["last_run"] = last
        source["last_crawl"] = last["started"] if last else None
        source["status"] = last["status"] if last else None
        source["errors"] = last["errors"] if last else None
    return sources
