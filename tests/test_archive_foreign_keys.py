"""Migration 9: every ``source`` column is a foreign key to ``sources.id``, declared on an
archive that already holds rows (some naming sources that have no row), with its
full-text search, triggers and indexes intact."""

import sqlite3

import pytest

from pipeline.archive import (
    open_archive,
    query_items,
    query_sources,
    save_crawl_run,
    save_item,
    save_profile,
    save_source,
)
from pipeline.archive.migrations import MIGRATIONS, TABLES_NAMING_A_SOURCE
from tests.test_archive import T1, T2, _old_item_row, ifmsa, item


def _schema(db, kind):
    return sorted(
        db.execute(
            "SELECT name, tbl_name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%'",
            [kind],
        ).fetchall()
    )


def _row(db, saved, table="items"):
    """The fields of ``saved`` that ``table`` has columns for (first seen at T1)."""
    columns = db.table(table).columns_dict
    return {k: v for k, v in {**vars(saved), "first_seen": T1}.items() if k in columns}


@pytest.fixture
def before_9(tmp_path, monkeypatch):
    """An archive made by the schema before migration 9, with rows in every table that
    names a source: ``dthlab`` is configured, ``oldsite`` and ``ifmsa`` are not."""
    monkeypatch.setattr("pipeline.archive.schema.MIGRATIONS", [m for m in MIGRATIONS if m[0] < 9])
    path = tmp_path / "archive.db"
    with open_archive(path) as db:
        assert not db.table("items").foreign_keys
        db.table("sources").insert({"id": "dthlab", "name": "DTH-Lab"})
        # an item saved, then updated, as partnerwire before migration 9 wrote them
        # (today's save_item writes columns of later migrations)
        first, second = item(), item(content_html="<p>Rewritten: a partnership renewed.</p>")
        row_id = db.table("items").insert({**_row(db, first), "last_seen": T1}).last_pk
        db.table("item_versions").insert(
            {"item_id": row_id, **_row(db, first, "item_versions"), "replaced_at": T2}
        )
        db.table("items").update(row_id, {**_row(db, second), "last_seen": T2})
        db.table("items").insert(
            {
                **_old_item_row(url="https://old.example.org/a-story"),
                "source": "oldsite",
                "title": "Vaccination drive reaches rural clinics",
            }
        )
        db.table("crawl_runs").insert({"source": "oldsite", "started": T1, "status": "ok"})
        save_profile(db, ifmsa("IFMSA was founded in 1951."), now=T1)
        db.execute("DELETE FROM sources WHERE id = 'ifmsa'")  # as before migration 9
        db.conn.commit()
        indexes = _schema(db, "index")
        triggers = _schema(db, "trigger")
    monkeypatch.undo()
    return {"path": path, "indexes": indexes, "triggers": triggers}


def test_every_source_column_becomes_a_foreign_key(before_9):
    with open_archive(before_9["path"]) as db:
        for table in TABLES_NAMING_A_SOURCE:
            links = [(fk.column, fk.other_table, fk.other_column) for fk in db[table].foreign_keys]
            assert ("source", "sources", "id") in links, table
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_rows_whose_source_has_no_row_are_kept_with_a_placeholder_source(before_9):
    with open_archive(before_9["path"]) as db:
        assert db.table("items").count == 2
        assert db.table("crawl_runs").count == 1
        assert db.table("org_observations").count == 1
        names = {row["id"]: row["name"] for row in query_sources(db)}
    assert names == {"dthlab": "DTH-Lab", "oldsite": "oldsite", "ifmsa": "ifmsa"}


def test_full_text_search_indexes_and_versions_survive(before_9):
    with open_archive(before_9["path"]) as db:
        # as they were, but for what migration 14 added (the story candidates' index) and
        # changed (the FTS update trigger fires on the indexed columns only), migration
        # 15's counts per source and migration 17's index of the newest items
        added_index = {("idx_items_title_numbers_published", "items")}
        assert set(_schema(db, "index")) == set(before_9["indexes"]) | added_index
        added = [
            (f"items_{kind}_{event}", "items")
            for kind in ("count", "recent")
            for event in ("ad", "ai", "au")
        ]
        assert _schema(db, "trigger") == sorted(before_9["triggers"] + added)
        db.execute("INSERT INTO items_fts (items_fts, rank) VALUES ('integrity-check', 1)")
        assert [r["title"] for r in query_items(db, "vaccination")] == [
            "Vaccination drive reaches rural clinics"
        ]
        assert len(query_items(db, "renewed")) == 1
        assert db.table("item_versions").count == 1
        # the triggers still keep the index in step with new and changed rows
        save_item(
            db, item(url="https://www.dthlab.org/articles/youth", title="Youth summit"), now=T2
        )
        db.execute("UPDATE items SET title = 'Rural clinics vaccinate' WHERE source = 'oldsite'")
        assert [r["title"] for r in query_items(db, "summit")] == ["Youth summit"]
        assert [r["title"] for r in query_items(db, "vaccinate")] == ["Rural clinics vaccinate"]
        assert query_items(db, "drive") == []


def test_saving_a_row_for_an_unconfigured_source_adds_its_placeholder(archive_db):
    save_item(archive_db, item(source="newsite"), now=T1)
    save_crawl_run(archive_db, {"source": "othersite", "started": T1, "status": "ok"})
    save_source(archive_db, {"id": "newsite", "name": "New Site", "platform": "wordpress"})
    names = {row["id"]: row["name"] for row in query_sources(archive_db)}
    assert names == {"newsite": "New Site", "othersite": "othersite"}


def test_a_row_naming_no_source_row_is_refused(archive_db):
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        archive_db.execute("INSERT INTO crawl_runs (source, started) VALUES ('nowhere', ?)", [T1])
