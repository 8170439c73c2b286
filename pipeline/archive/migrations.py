"""The archive's schema, as numbered migrations.

Each migration is a function registered with its number and title
(``@migration(7, "add items.x")``), kept in ``MIGRATIONS`` as ``(version, name, apply)``;
``pipeline.archive.open_archive`` runs the ones a file has not had yet, in order of number,
each in its own transaction, through sqlite-utils' ``Migrations`` (set ``partnerwire``),
and records it in ``schema_migrations`` too. A migration is history: never edit one that
has shipped, register a new one instead. Column lists are written out here on purpose
rather than read from ``spiders/items.py``, so an old migration means the same thing
forever.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

Migration = tuple[int, str, Callable[[Database], None]]
MIGRATION_SET = "partnerwire"
"""The name of partnerwire's set in sqlite-utils' ``_sqlite_migrations`` table."""
MIGRATIONS: list[Migration] = []


def migration(
    version: int, name: str
) -> Callable[[Callable[[Database], None]], Callable[[Database], None]]:
    """Register the decorated function as migration ``version`` (numbers are unique, may
    have gaps, and decide the order)."""

    def register(apply: Callable[[Database], None]) -> Callable[[Database], None]:
        if any(known == version for known, _, _ in MIGRATIONS):
            raise ValueError(f"migration {version} is registered twice")
        MIGRATIONS.append((version, name, apply))
        MIGRATIONS.sort(key=lambda m: m[0])
        return apply

    return register


@migration(1, "create tables, indexes and full-text search")
def _create_tables(db: Database) -> None:
    db.table("sources").create(
        {
            "id": str,
            "name": str,
            "acronym": str,
            "homepage": str,
            "platform": str,
            "language": str,
        },
        pk="id",
        not_null=["name"],
    )
    db.table("items").create(
        {
            "id": int,
            "source": str,
            "url": str,
            "canonical_url": str,
            "title": str,
            "published": str,
            "updated": str,
            "content_type": str,
            "authors": str,  # JSON list
            "tags": str,  # JSON list
            "summary": str,
            "content_html": str,
            "text": str,
            "image": str,
            "language": str,
            "content_hash": str,
            "first_seen": str,
            "last_seen": str,
        },
        pk="id",
        not_null=["source", "url", "canonical_url", "title", "first_seen", "last_seen"],
    )
    db.table("items").create_index(["canonical_url"], unique=True)
    db.table("items").create_index(["published"])
    db.table("items").create_index(["source", "published"])
    db.table("items").create_index(["content_type", "published"])
    db.table("item_versions").create(
        {
            "id": int,
            "item_id": int,
            "content_hash": str,
            "title": str,
            "summary": str,
            "content_html": str,
            "text": str,
            "published": str,
            "updated": str,
            "replaced_at": str,
        },
        pk="id",
        foreign_keys=[("item_id", "items", "id")],
        not_null=["item_id", "replaced_at"],
    )
    db.table("item_versions").create_index(["item_id"])
    db.table("organisations").create(
        {
            "id": int,
            "name": str,
            "acronym": str,
            "website": str,
            "description": str,
            "first_seen": str,
            "last_seen": str,
        },
        pk="id",
        not_null=["name", "first_seen", "last_seen"],
    )
    db.table("organisations").create_index(["acronym"], unique=True)
    db.table("org_observations").create(
        {
            "id": int,
            "organisation_id": int,
            "source": str,
            "url": str,
            "kind": str,
            "observed": str,
            "seen_at": str,
            "description": str,
            "description_hash": str,
            "founded_year": int,
            "member_organisations": int,
            "countries": int,
            "people_represented": int,
            "based_in": str,  # JSON list
            "objectives": str,  # JSON list
            "related_organisations": str,  # JSON list
            "facts": str,  # JSON object: name -> {value, qualifier, text}
        },
        pk="id",
        foreign_keys=[("organisation_id", "organisations", "id")],
        not_null=["organisation_id", "url", "seen_at", "description_hash"],
    )
    db.table("org_observations").create_index(
        ["organisation_id", "url", "description_hash"], unique=True
    )
    db.table("crawl_runs").create(
        {
            "id": int,
            "run_id": str,
            "source": str,
            "started": str,
            "finished": str,
            "duration_seconds": float,
            "status": str,
            "pages": int,
            "items_new": int,
            "items_updated": int,
            "items_unchanged": int,
            "profiles_new": int,
            "errors": int,
            "errors_by_kind": str,  # JSON object: kind -> count
            "error_messages": str,  # JSON list of strings
        },
        pk="id",
        not_null=["source", "started"],
    )
    db.table("crawl_runs").create_index(["source", "started"])
    db.table("items").enable_fts(
        ["title", "summary", "text"], create_triggers=True, tokenize="porter"
    )
    db.table("organisations").enable_fts(
        ["name", "acronym", "description"], create_triggers=True, tokenize="porter"
    )


@migration(2, "add items.story_id (one story published by several sources)")
def _add_story_id(db: Database) -> None:
    # pipeline.archive.stories groups the same story published by several partners; the id is
    # kept on the item so it stays stable between runs and can be queried.
    db.table("items").add_column("story_id", str)
    db.table("items").create_index(["story_id"])


@migration(3, "add crawl_runs.pages_not_modified (304 answers)")
def _add_pages_not_modified(db: Database) -> None:
    # Re-crawls send conditional requests; how many pages answered 304 shows they work.
    db.table("crawl_runs").add_column("pages_not_modified", int)


@migration(4, "add items.published_utc (UTC sort key beside the publisher's date)")
def _add_published_utc(db: Database) -> None:
    # ``published`` keeps the publisher's offset (their day); ordering and time filters
    # need one clock: the same instant in UTC. SQLite's strftime reads the offset (and a
    # bare date as midnight), so existing rows are backfilled in SQL; unreadable -> NULL.
    db.table("items").add_column("published_utc", str)
    db.execute(
        "UPDATE items SET published_utc = strftime('%Y-%m-%dT%H:%M:%S+00:00', published) "
        "WHERE published IS NOT NULL"
    )
    db.table("items").create_index(["published_utc"])
    db.table("items").create_index(["source", "published_utc"])


@migration(5, "add crawl_runs.methods (the ways of collecting that yielded entries)")
def _add_methods(db: Database) -> None:
    # Which ways of collecting (feed, rest, sitemap, listing) yielded entries: a JSON list.
    db.table("crawl_runs").add_column("methods", str)


@migration(6, "index items.url; group stories when items are stored")
def _group_stories_when_stored(db: Database) -> None:
    # From now on save_item groups an item's story when it is stored (publish only reads):
    # it looks up items sharing a URL, so items.url gets an index, and the items stored
    # before (grouped at publish time, or never) are grouped once here, under the write
    # lock of the migration's transaction.
    from pipeline.archive.items import save_stories  # the archive imports this module

    db.table("items").create_index(["url"], if_not_exists=True)
    save_stories(db)


@migration(7, "add items.type (one content-type vocabulary across partners)")
def _add_shared_type(db: Database) -> None:
    # Each partner's own label stays in items.content_type; items.type is the shared type
    # (spiders.pages.content_types) that the type feeds and pages use. Existing rows are
    # typed here from what the archive kept: label, tags, URL and title (their JSON-LD
    # @type was not stored, so only a re-crawl adds that evidence).
    from spiders.pages.content_types import type_of_row

    db.table("items").add_column("type", str)
    rows = db.execute("SELECT id, content_type, tags, canonical_url, title FROM items")
    columns = [c[0] for c in rows.description]
    changes = [(type_of_row(dict(zip(columns, r, strict=True))), r[0]) for r in rows.fetchall()]
    db.conn.executemany("UPDATE items SET type = ? WHERE id = ?", changes)
    db.table("items").create_index(["type", "published_utc"])


@migration(8, "organisations as first-class data: relations, names per observation, hosts")
def _organisations_first_class(db: Database) -> None:
    # Each observation keeps the name, acronym and website its page published (the
    # current profile picks one by precedence, see pipeline.archive.profiles); earlier
    # rows get their organisation's. ``sources.hosts`` (JSON list) tells an
    # organisation's own pages from third parties'. ``relations``: "IFMSA member_of
    # WHSA", "DTH-Lab partner_of IPSF", each with the page that stated it and its date.
    observations = db.table("org_observations")
    for column in ("name", "acronym", "website"):
        observations.add_column(column, str)
    db.execute(
        "UPDATE org_observations SET "
        "name = (SELECT name FROM organisations o WHERE o.id = organisation_id), "
        "acronym = (SELECT acronym FROM organisations o WHERE o.id = organisation_id)"
    )
    db.table("sources").add_column("hosts", str)
    db.table("relations").create(
        {
            "id": int,
            "subject": str,
            "subject_name": str,
            "relation": str,
            "object": str,
            "object_name": str,
            "url": str,
            "source": str,
            "observed": str,
            "seen_at": str,
            "text": str,
        },
        pk="id",
        not_null=["subject", "relation", "object", "url", "seen_at"],
    )
    db.table("relations").create_index(["subject", "relation", "object", "url"], unique=True)
    db.table("relations").create_index(["object"])


TABLES_NAMING_A_SOURCE = ("items", "crawl_runs", "org_observations")
"""The tables whose ``source`` column is a ``sources.id`` (a foreign key from migration 9)."""


@migration(9, "declare foreign keys: items, crawl_runs and org_observations .source -> sources.id")
def _declare_source_foreign_keys(db: Database) -> None:
    # Declared so Datasette (and any tool reading the schema) links each row to its source.
    # A row whose source is not in ``sources`` (saved before its source was, or by a
    # source since removed from sources.toml) is kept: it gets a placeholder source named
    # by its id, which the next crawl of that source fills in. SQLite cannot add a
    # foreign key to a table in place, so sqlite-utils rebuilds each table (rowids kept,
    # indexes recreated); it drops triggers, so the table's triggers (the FTS ones on
    # items) are written back as they were.
    from pipeline.archive.runs import save_placeholder_sources  # the archive imports this module

    for table in TABLES_NAMING_A_SOURCE:
        save_placeholder_sources(db, table)
        triggers = db.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", [table]
        ).fetchall()
        db.table(table).transform(add_foreign_keys=[("source", "sources", "id")])
        for (sql,) in triggers:
            db.execute(sql)


@migration(10, "add crawl_runs.platform and crawl_runs.drift (configuration drift)")
def _add_platform_and_drift(db: Database) -> None:
    # The family that collected the run (for platform = "auto", the one detected), and the
    # configured pages that were gone with what replaced them: a JSON list of plain lines.
    db.table("crawl_runs").add_column("platform", str)
    db.table("crawl_runs").add_column("drift", str)


@migration(13, "add ingested_files (how far each job output file has been ingested)")
def _add_ingested_files(db: Database) -> None:
    # ``partnerwire ingest`` reads JSON-lines job output up to its last whole line and
    # remembers where it stopped: the byte offset, a hash of everything read so far (a
    # file rewritten under the same name starts again) and the outcomes counted for the
    # run whose record is still to come (JSON), so a second ingest changes nothing.
    db.table("ingested_files").create(
        {"path": str, "offset": int, "prefix_hash": str, "counts": str, "updated": str},
        pk="path",
        not_null=["offset", "prefix_hash"],
    )


@migration(
    14, "items.title_numbers for story candidates; FTS rows written per batch, updated on text only"
)
def _story_candidates_and_fts_trigger(db: Database) -> None:
    # Two items are one story by their titles only if their titles carry the same numbers
    # (pipeline.archive.stories): ``title_numbers`` keeps them ("2024 2025", or "" for
    # none) and the index (title_numbers, published) finds the candidates of a new item
    # without comparing it with every item of its days. The FTS trigger on UPDATE fired on
    # every update (last_seen, story_id), re-indexing the whole text each time: it now
    # fires only when an indexed column changes.
    from pipeline.archive.stories import title_numbers  # pure; the archive imports this module

    db.table("items").add_column("title_numbers", str)
    rows = db.execute("SELECT id, title FROM items").fetchall()
    db.conn.executemany(
        "UPDATE items SET title_numbers = ? WHERE id = ?",
        [(title_numbers(title), item_id) for item_id, title in rows],
    )
    db.table("items").create_index(["title_numbers", "published"])
    db.execute("DROP TRIGGER IF EXISTS items_au")
    db.execute(
        'CREATE TRIGGER "items_au" AFTER UPDATE OF "title", "summary", "text" ON "items" BEGIN\n'
        '  INSERT INTO "items_fts" ("items_fts", rowid, "title", "summary", "text") '
        'VALUES(\'delete\', old.rowid, old."title", old."summary", old."text");\n'
        '  INSERT INTO "items_fts" (rowid, "title", "summary", "text") '
        'VALUES (new.rowid, new."title", new."summary", new."text");\n'
        "END"
    )
    # A new item's full-text row is written by ``save_items``, once per batch, in one
    # statement: the insert trigger wrote one FTS5 segment per row (each INSERT is a
    # statement savepoint, at which FTS5 writes its pending terms out), 70% of the cost of
    # storing a new item. The trigger stays for rows written any other way (sqlite-utils
    # or any SQLite tool): those carry no ``title_numbers``, which only save_items writes.
    db.execute("DROP TRIGGER IF EXISTS items_ai")
    db.execute(
        'CREATE TRIGGER "items_ai" AFTER INSERT ON "items" WHEN new."title_numbers" IS NULL '
        "BEGIN\n"
        '  INSERT INTO "items_fts" (rowid, "title", "summary", "text") '
        'VALUES (new.rowid, new."title", new."summary", new."text");\n'
        "END"
    )


SOURCE_COUNT_TRIGGERS = (
    "CREATE TRIGGER items_count_ai AFTER INSERT ON items BEGIN\n"
    "  INSERT INTO source_counts (source, items) VALUES (new.source, 1)\n"
    "    ON CONFLICT (source) DO UPDATE SET items = items + 1;\n"
    "END",
    "CREATE TRIGGER items_count_ad AFTER DELETE ON items BEGIN\n"
    "  UPDATE source_counts SET items = items - 1 WHERE source = old.source;\n"
    "END",
    "CREATE TRIGGER items_count_au AFTER UPDATE OF source ON items\n"
    "WHEN old.source IS NOT new.source BEGIN\n"
    "  UPDATE source_counts SET items = items - 1 WHERE source = old.source;\n"
    "  INSERT INTO source_counts (source, items) VALUES (new.source, 1)\n"
    "    ON CONFLICT (source) DO UPDATE SET items = items + 1;\n"
    "END",
)
"""Keep ``source_counts`` in step with ``items`` on every insert, delete and change of
source (plain ``INSERT``/``UPDATE``: an ``INSERT OR REPLACE`` would delete without firing
the delete trigger)."""


@migration(15, "add source_counts (items per source, kept by triggers)")
def _add_source_counts(db: Database) -> None:
    # ``partnerwire sources`` showed each source's item count by counting its rows in the
    # (source, published_utc) index: 1M items meant a walk of 1M index entries on every
    # call. The count is derived data, so it is kept when items are stored, as the
    # full-text index is: one row per source, counted once here, then by triggers.
    db.execute(
        "CREATE TABLE source_counts (source TEXT PRIMARY KEY, items INTEGER NOT NULL) WITHOUT ROWID"
    )
    count_source_items(db)
    for sql in SOURCE_COUNT_TRIGGERS:
        db.execute(sql)


def count_source_items(db: Database) -> None:
    """Set ``source_counts`` from ``items`` (the triggers keep it from then on; a tool that
    wrote ``items`` with the triggers dropped calls this afterwards)."""
    db.execute("DELETE FROM source_counts")
    db.execute(
        "INSERT INTO source_counts (source, items) "
        "SELECT source, count(*) FROM items WHERE source IS NOT NULL GROUP BY source"
    )


@migration(16, "add ingested_files.errors (what a run still to be recorded did not store)")
def _add_ingested_errors(db: Database) -> None:
    # The errors met so far for the run whose record is still to come (a line that could
    # not be read, an item the archive refused): a JSON list of [kind, message], kept with
    # the position so a line is marked read only once it was stored or its error recorded.
    db.table("ingested_files").add_column("errors", str)


RECENT_ITEMS = 50_000
"""How many of the most recently stored items ``items_recent_fts`` indexes (migration 17;
the archive keeps the number in ``items_recent_size``)."""

RECENT_INDEX_TRIGGERS = (
    # save_items writes its new items' rows itself, once per batch (``title_numbers`` is
    # set only there), as it does for ``items_fts``: a row a trigger writes is one FTS5
    # segment flushed at each statement's savepoint
    "CREATE TRIGGER items_recent_ai AFTER INSERT ON items WHEN new.title_numbers IS NULL\n"
    "BEGIN\n"
    "  INSERT INTO items_recent_fts (rowid, title, summary, text)\n"
    "    VALUES (new.id, new.title, new.summary, new.text);\n"
    "  DELETE FROM items_recent_fts WHERE rowid <= new.id - (SELECT size FROM items_recent_size);\n"
    "END",
    "CREATE TRIGGER items_recent_ad AFTER DELETE ON items BEGIN\n"
    "  DELETE FROM items_recent_fts WHERE rowid = old.id;\n"
    "END",
    'CREATE TRIGGER items_recent_au AFTER UPDATE OF "title", "summary", "text" ON items\n'
    "BEGIN\n"
    "  DELETE FROM items_recent_fts WHERE rowid = old.id;\n"
    "  INSERT INTO items_recent_fts (rowid, title, summary, text)\n"
    "    SELECT new.id, new.title, new.summary, new.text\n"
    "    WHERE new.id > (SELECT max(id) FROM items) - (SELECT size FROM items_recent_size);\n"
    "END",
)
"""The triggers that keep ``items_recent_fts`` holding exactly the items stored after the
newest ``items_recent_size`` ids began: each new item enters and the one that fell out
leaves; a changed item is re-indexed only while it is among them; a deleted one leaves."""


@migration(17, "add items_recent_fts (full-text index of the newest stored items)")
def _add_recent_index(db: Database) -> None:
    # bm25 counts, on every query, how many rows of its index hold each word: "health"
    # is in most of 1M items, ~200 ms before any row is scored. Ranking a common word
    # among its newest matches in a small index of the newest items costs that count
    # over RECENT_ITEMS rows only (see pipeline/archive/search.py, RECENT_ITEMS).
    db.execute(
        "CREATE VIRTUAL TABLE items_recent_fts USING fts5 (title, summary, text, tokenize='porter')"
    )
    db.execute("CREATE TABLE items_recent_size (size INTEGER NOT NULL)")
    fill_recent_index(db, RECENT_ITEMS)
    for sql in RECENT_INDEX_TRIGGERS:
        db.execute(sql)


def fill_recent_index(db: Database, size: int | None = None) -> None:
    """Set ``items_recent_fts`` to the items with the newest ids, as many as its size
    (``size`` sets it anew); the triggers and ``save_items`` keep it from then on, and a
    tool that wrote ``items`` with the triggers dropped calls this afterwards."""
    if size is not None:
        db.execute("DELETE FROM items_recent_size")
        db.execute("INSERT INTO items_recent_size (size) VALUES (?)", [int(size)])
    db.execute("DELETE FROM items_recent_fts")
    db.execute(
        "INSERT INTO items_recent_fts (rowid, title, summary, text) "
        "SELECT id, title, summary, text FROM items "
        "WHERE id > (SELECT max(id) FROM items) - (SELECT size FROM items_recent_size)"
    )
