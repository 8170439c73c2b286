"""The archive against a real SQLite file in tmp_path."""

import sqlite3
import threading
from dataclasses import replace

import pytest

from pipeline.archive import (
    ArchiveError,
    QueryError,
    fts_query,
    migrate,
    open_archive,
    open_archive_readonly,
    query_feed_items,
    query_items,
    query_observations,
    query_organisations,
    query_sources,
    save_crawl_run,
    save_item,
    save_items,
    save_profile,
    save_source,
    write_transaction,
)
from pipeline.archive.migrations import MIGRATIONS, fill_recent_index
from pipeline.archive.queries import SOURCES_SQL
from pipeline.normalise import normalise_item, normalise_profile
from spiders.items import NewsItem, OrganisationProfile
from spiders.sources import Source

T1, T2, T3 = "2026-01-22T10:00:00+00:00", "2026-01-23T10:00:00+00:00", "2026-01-24T10:00:00+00:00"


@pytest.fixture
def db(tmp_path):
    archive = open_archive(tmp_path / "data" / "archive.db")
    yield archive
    archive.close()


def item(canonical_host="www.dthlab.org", **changes):
    base = NewsItem(
        source="dthlab",
        url="https://www.dthlab.org/articles/partnerships?utm_source=x",
        title="DTH-Lab announces strategic partnerships with IFMSA and IPSF",
        published="2026-01-22",
        content_type="News & insights",
        content_html="<p>DTH-Lab today announced two strategic partnerships with the "
        "International Federation of Medical Students’ Associations.</p>",
        authors=["DTH-Lab"],
        tags=["youth", "partnerships"],
    )
    return normalise_item(replace(base, **changes), canonical_host=canonical_host)


def ifmsa(description, url="https://ifmsa.org/about-ifmsa/", observed=None):
    return normalise_profile(
        OrganisationProfile(
            name="International Federation of Medical Students Associations",
            acronym="IFMSA",
            description=description,
            source="ifmsa",
            url=url,
            observed=observed,
        )
    )


OLD_IFMSA = "IFMSA was founded in 1951. It currently maintains 124 National Member Organizations."
NEW_IFMSA = "IFMSA was established in 1951. IFMSA has 133 member organizations from 123 countries."


def test_open_creates_folder_wal_and_records_migrations(tmp_path):
    db = open_archive(tmp_path / "a" / "b" / "archive.db")
    assert db.journal_mode == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    versions = [r["version"] for r in db.table("schema_migrations").rows]
    assert versions == [m[0] for m in MIGRATIONS]


def test_open_twice_is_idempotent(tmp_path):
    open_archive(tmp_path / "archive.db").close()
    db = open_archive(tmp_path / "archive.db")
    assert db.table("schema_migrations").count == len(MIGRATIONS)
    assert {"items", "items_fts", "organisations_fts", "crawl_runs"} <= set(db.table_names())


def test_newer_schema_is_refused(tmp_path):
    db = open_archive(tmp_path / "archive.db")
    db.table("schema_migrations").insert({"version": 999, "name": "future", "applied_at": T1})
    db.close()
    with pytest.raises(
        ArchiveError, match=r"archive.db was made by a newer partnerwire \(schema 999\)"
    ):
        open_archive(tmp_path / "archive.db")


def test_migrations_are_recorded_for_sqlite_utils_too(tmp_path):
    db = open_archive(tmp_path / "archive.db")
    names = [r["name"] for r in db.table("_sqlite_migrations").rows]
    assert names == [f"{version:04d}" for version, _, _ in MIGRATIONS]
    db.close()


def test_an_archive_from_before_sqlite_utils_migrations_is_not_migrated_again(tmp_path):
    path = tmp_path / "archive.db"
    with open_archive(path) as db:  # as partnerwire wrote it: schema_migrations only
        db.table("_sqlite_migrations").drop()
        save_item(db, item(), now=T1)
    with open_archive(path) as db:
        assert migrate(db) == []
        names = [r["name"] for r in db.table("_sqlite_migrations").rows]
        assert names == [f"{version:04d}" for version, _, _ in MIGRATIONS]
        assert db.table("items").count == 1
        assert db.table("schema_migrations").count == len(MIGRATIONS)


def test_garbage_file_is_refused_in_plain_words(tmp_path):
    path = tmp_path / "archive.db"
    path.write_bytes(b"this is not a database, just some text " * 100)
    with pytest.raises(ArchiveError, match="is not an SQLite database"):
        open_archive(path)


def test_a_save_waits_for_another_writer_instead_of_failing(tmp_path):
    # Another process is half-way through a write when the crawl saves an item. A
    # deferred transaction would read first, then fail at once with "database is
    # locked" when it tried to write; BEGIN IMMEDIATE waits for the other writer.
    path = tmp_path / "archive.db"
    db = open_archive(path)
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO sources (id, name) VALUES ('other', 'Other')")
    finish = threading.Timer(0.5, other.execute, ["COMMIT"])
    finish.start()
    try:
        assert save_item(db, item(), now=T1) == "new"
    finally:
        finish.join()
        other.close()
    assert db.table("items").count == 1
    # the other writer's source, and the placeholder row of the item's source (migration 9)
    assert [row[0] for row in db.execute("SELECT id FROM sources ORDER BY id")] == [
        "dthlab",
        "other",
    ]
    db.close()


def test_sqlite_utils_methods_inside_a_write_transaction_never_commit(db):
    # insert/upsert/update/create_index use savepoints inside our BEGIN IMMEDIATE: a
    # failure after them takes everything back, and nested transactions nest.
    def half_done():
        with write_transaction(db):
            db.table("sources").upsert({"id": "a", "name": "A"}, pk="id")
            db.table("sources").insert({"id": "b", "name": "B"})
            db.table("sources").update("a", {"name": "A2"})
            db.table("sources").create_index(["name"])
            with write_transaction(db):
                save_source(db, {"id": "c", "name": "C"})
            assert db.table("sources").count == 3
            raise RuntimeError("the crawl died here")

    with pytest.raises(RuntimeError):
        half_done()
    assert db.table("sources").count == 0
    assert [i.name for i in db.table("sources").indexes] == ["sqlite_autoindex_sources_1"]
    assert not db.conn.in_transaction


def test_readonly_open_reads_without_writing(tmp_path):
    path = tmp_path / "archive.db"
    with open_archive(path) as db:
        save_item(db, item(), now=T1)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    db = open_archive_readonly(path)
    assert [row["title"] for row in query_items(db)] == [item().title]
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        db.execute("DELETE FROM items")
    db.close()
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_readonly_open_refuses_a_foreign_sqlite_file_and_leaves_it_alone(tmp_path):
    path = tmp_path / "photos.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE photos (name TEXT)")
    before = path.read_bytes()
    with pytest.raises(ArchiveError) as refused:
        open_archive_readonly(path)
    assert str(refused.value) == (
        f"{path} is not a partnerwire archive (no schema_migrations table); "
        "choose another archive path"
    )
    assert path.read_bytes() == before


def test_readonly_open_refuses_what_it_cannot_read(tmp_path):
    with pytest.raises(ArchiveError, match="no archive at"):
        open_archive_readonly(tmp_path / "missing.db")
    assert not (tmp_path / "missing.db").exists()
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not a database, just some text " * 100)
    with pytest.raises(ArchiveError, match="is not an SQLite database"):
        open_archive_readonly(garbage)
    newer = tmp_path / "newer.db"
    with open_archive(newer) as db:
        db.table("schema_migrations").insert({"version": 999, "name": "future", "applied_at": T1})
    with pytest.raises(ArchiveError, match=r"made by a newer partnerwire \(schema 999\)"):
        open_archive_readonly(newer)


def test_a_failing_migration_leaves_nothing_behind(tmp_path, monkeypatch):
    def broken(db):
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("boom")

    newest = max(version for version, _, _ in MIGRATIONS)  # numbers may have gaps
    monkeypatch.setattr(
        "pipeline.archive.schema.MIGRATIONS", [*MIGRATIONS, (newest + 1, "broken", broken)]
    )
    with pytest.raises(RuntimeError):
        open_archive(tmp_path / "archive.db")
    conn = sqlite3.connect(tmp_path / "archive.db")
    assert conn.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] == newest
    assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'half_done'").fetchone()


def _old_item_row(**changes):
    """An items row as partnerwire before migration 4 wrote it (no published_utc)."""
    row = {
        key: value
        for key, value in vars(item(**changes)).items()
        if key in {"source", "url", "canonical_url", "title", "published", "content_hash"}
    }
    return {**row, "first_seen": T1, "last_seen": T1}


def test_upgrade_from_schema_1_keeps_data(tmp_path, monkeypatch):
    monkeypatch.setattr("pipeline.archive.schema.MIGRATIONS", MIGRATIONS[:1])
    with open_archive(tmp_path / "archive.db") as db:
        db.table("items").insert(_old_item_row())  # written as schema 1 wrote it
    monkeypatch.undo()
    db = open_archive(tmp_path / "archive.db")
    assert "story_id" in db.table("items").columns_dict
    assert db.table("items").count == 1


def test_save_item_new_then_unchanged(db):
    assert save_item(db, item(), now=T1) == "new"
    assert (
        save_item(db, item(url="https://dthlab.org/articles/partnerships#top"), now=T2)
        == "unchanged"
    )
    row = db.execute("SELECT first_seen, last_seen, canonical_url FROM items").fetchone()
    assert row == (T1, T2, "https://www.dthlab.org/articles/partnerships")


def test_save_item_changed_keeps_old_version_and_first_seen(db):
    save_item(db, item(), now=T1)
    assert save_item(db, item(title="DTH-Lab partners with IFMSA and IPSF"), now=T2) == "updated"
    [row] = query_items(db)
    assert (row["title"], row["first_seen"], row["last_seen"]) == (
        "DTH-Lab partners with IFMSA and IPSF",
        T1,
        T2,
    )
    [old] = db.table("item_versions").rows
    assert old["title"].startswith("DTH-Lab announces")
    assert old["replaced_at"] == T2


def test_save_item_with_less_does_not_erase(db):
    save_item(db, item(), now=T1)
    assert save_item(db, item(content_html=None, summary=None, tags=[]), now=T2) == "unchanged"
    [row] = query_items(db)
    assert row["text"].startswith("DTH-Lab today announced")
    assert row["tags"] == [
        "youth",
        "partnerships",
    ]


def test_unchanged_save_still_records_new_metadata(db):
    # first seen through a feed hint: no authors, type, image or update stamp yet
    save_item(db, item(authors=[], content_type=None, tags=["youth"]), now=T1)
    richer = item(image="/a.png", updated="2026-01-23T09:00:00+00:00", tags=["youth", "new"])
    assert save_item(db, richer, now=T2) == "unchanged"
    [row] = query_items(db)
    assert (row["authors"], row["content_type"], row["tags"]) == (
        ["DTH-Lab"],
        "News & insights",
        ["youth", "new"],
    )
    assert (row["image"], row["updated"]) == (
        "https://www.dthlab.org/a.png",
        "2026-01-23T09:00:00+00:00",
    )
    assert (row["first_seen"], row["last_seen"]) == (T1, T2)
    assert db.table("item_versions").count == 0


@pytest.mark.parametrize("order", ["canonical first", "alternate first"])
def test_a_copy_naming_another_canonical_only_fills_gaps(db, order):
    # an untranslated /es/ stub whose canonical link names the English page
    page = item(language="en", tags=["youth"])
    stub = item(
        url="https://www.dthlab.org/es/articles/partnerships",
        canonical_url="https://www.dthlab.org/articles/partnerships",
        language="es",
        tags=["juventud"],
        image="/es.png",
    )
    first, second = (page, stub) if order == "canonical first" else (stub, page)
    save_item(db, first, now=T1)
    save_item(db, second, now=T2)
    assert save_item(db, stub, now=T3) == "unchanged"  # a re-crawl, in either order
    [row] = query_items(db)
    assert (row["url"], row["language"], row["tags"]) == (
        "https://www.dthlab.org/articles/partnerships?utm_source=x",
        "en",
        ["youth"],
    )
    assert row["image"] == "https://www.dthlab.org/es.png"  # the page had none


def test_json_columns_are_plain_json_text(db):
    save_item(db, item(), now=T1)
    raw = db.execute("SELECT authors, tags FROM items").fetchone()
    assert raw == ('["DTH-Lab"]', '["youth", "partnerships"]')


def test_search_finds_words_with_stemming(db):
    save_item(db, item(), now=T1)
    assert len(query_items(db, "partnership federation")) == 1
    assert query_items(db, "veterinary") == []


@pytest.mark.parametrize(
    ("hostile", "found"),
    [
        ('"', QueryError),
        ('"partnerships', QueryError),
        ("partnerships -", 1),
        ("AND partnerships", QueryError),
        ("NEAR(", QueryError),
        ("title:x OR", QueryError),
        ("partnerships)", QueryError),
        ("*", QueryError),
        ("'; DROP TABLE items; --", 0),
        ("partner*", 1),
    ],
)
def test_search_survives_hostile_queries(db, hostile, found):
    # Since FTS5 syntax is understood (issue 11), a malformed query is a QueryError with
    # one line that says why, where it used to be searched for as words.
    save_item(db, item(), now=T1)
    if found is QueryError:
        with pytest.raises(QueryError) as error:
            query_items(db, hostile)
        assert "\n" not in str(error.value)
    else:
        assert len(query_items(db, hostile)) == found
    assert db.table("items").count == 1


def test_fts_query_writes_every_word_as_a_string():
    assert fts_query('digital "health" -youth AND x*') == (
        '"digital" AND ("health" NOT "youth") AND "x"*'
    )


def test_search_filters_and_order(db):
    save_item(db, item(), now=T1)
    save_item(
        db,
        item(
            url="https://www.dthlab.org/articles/b",
            title="Impact report",
            published="2025-12-16T09:00:00Z",
            content_type="Multimedia",
        ),
        now=T1,
    )
    save_item(
        db,
        item(url="https://ifmsa.org/x/", source="ifmsa", title="Undated", published=None),
        now=T1,
    )
    assert [r["title"] for r in query_items(db)][1:] == ["Impact report", "Undated"]
    assert [r["title"] for r in query_items(db, content_type="multimedia")] == ["Impact report"]
    assert [r["source"] for r in query_items(db, source="ifmsa")] == ["ifmsa"]
    assert len(query_items(db, since="2026-01-01")) == 1
    assert [r["title"] for r in query_items(db, until="2025-12-16")] == ["Impact report"]
    assert len(query_items(db, limit=1)) == 1


def test_profiles_keep_history(db):
    assert save_profile(db, ifmsa(OLD_IFMSA), now=T1) == "new"
    assert (
        save_profile(
            db,
            ifmsa(NEW_IFMSA, url="https://www.dthlab.org/articles/p", observed="2026-01-22"),
            now=T2,
        )
        == "changed"
    )
    assert save_profile(db, ifmsa(OLD_IFMSA), now=T3) == "unchanged"
    [org] = query_organisations(db, "ifmsa")
    observations = query_observations(db, org["id"])
    assert [o["member_organisations"] for o in observations] == [124, 133]
    assert (org["observations"], org["first_seen"], org["last_seen"]) == (2, T1, T3)
    assert org["description"] == NEW_IFMSA


def test_same_description_from_same_page_reworded_whitespace_is_unchanged(db):
    save_profile(db, ifmsa(OLD_IFMSA), now=T1)
    assert save_profile(db, ifmsa(OLD_IFMSA.replace(" ", "\n")), now=T2) == "unchanged"


def test_query_organisations_matches_name_or_acronym(db):
    save_profile(db, ifmsa(OLD_IFMSA), now=T1)
    assert len(query_organisations(db, "Medical Students")) == 1
    assert len(query_organisations(db, "IfMsA")) == 1
    assert query_organisations(db, "IPSF") == []


def test_org_facts_stored_as_json(db):
    save_profile(db, ifmsa(NEW_IFMSA), now=T1)
    [obs] = query_observations(db, 1)
    assert obs["facts"]["countries"]["value"] == 123
    raw = db.execute("SELECT facts FROM org_observations").fetchone()[0]
    assert raw.startswith("{")


def test_sources_with_last_crawl(db):
    save_source(
        db,
        Source(
            id="ipsf",
            name="IPSF",
            homepage="https://www.ipsf.org",
            platform="drupal",
            collect=("feed",),
            feed="/rss.xml",
        ),
    )
    save_crawl_run(
        db,
        {
            "run_id": "r1",
            "source": "ipsf",
            "started": T1,
            "status": "ok",
            "errors": 0,
            "pages_not_modified": 3,
        },
    )
    save_crawl_run(
        db,
        {
            "run_id": "r2",
            "source": "ipsf",
            "started": T2,
            "status": "failed",
            "errors": 2,
            "errors_by_kind": {"http_404": 2},
            "error_messages": ["404 /news"],
        },
    )
    [src] = query_sources(db)
    assert db.execute("SELECT pages_not_modified FROM crawl_runs").fetchone()[0] == 3
    assert src["last_run"]["run_id"] == "r2"
    assert src["last_run"]["errors_by_kind"] == {"http_404": 2}
    assert (src["last_crawl"], src["status"], src["errors"], src["items"]) == (T2, "failed", 2, 0)


def _counted(db):
    """Each source's item count as ``sources`` shows it, and as counted in ``items``."""
    shown = {row["id"]: row["items"] for row in query_sources(db)}
    counted = dict(db.execute("SELECT source, count(*) FROM items GROUP BY source").fetchall())
    return shown, {sid: counted.get(sid, 0) for sid in shown}


def test_source_counts_follow_items_stored_changed_and_deleted(db):
    for n in range(3):
        save_item(db, item(url=f"https://www.dthlab.org/articles/{n}"), now=T1)
    ifmsa_item = item(source="ifmsa", url="https://ifmsa.org/news/1", canonical_host="ifmsa.org")
    save_item(db, ifmsa_item, now=T1)
    save_item(db, item(url="https://www.dthlab.org/articles/0", title="Edited"), now=T2)
    assert _counted(db) == ({"dthlab": 3, "ifmsa": 1}, {"dthlab": 3, "ifmsa": 1})
    with write_transaction(db):
        db.execute("UPDATE items SET source = 'ifmsa' WHERE url LIKE '%articles/1'")
        db.execute("DELETE FROM items WHERE url LIKE '%articles/2'")
    shown, counted = _counted(db)
    assert shown == counted == {"dthlab": 1, "ifmsa": 2}


def test_migration_15_counts_the_items_already_stored(tmp_path, monkeypatch):
    # an archive from before migration 15, written by today's save_item (which also
    # writes migration 17's index of the newest items, so that one is applied too)
    before = [m for m in MIGRATIONS if m[0] < 15 or m[0] == 17]
    monkeypatch.setattr("pipeline.archive.schema.MIGRATIONS", before)
    with open_archive(tmp_path / "archive.db") as db:
        for n in range(4):
            save_item(db, item(url=f"https://www.dthlab.org/articles/{n}"), now=T1)
        assert not db.table("source_counts").exists()
        assert query_sources(db)[0]["items"] == 4  # counted in items, as before
    monkeypatch.undo()
    with open_archive(tmp_path / "archive.db") as db:
        assert db.execute("SELECT * FROM source_counts").fetchall() == [("dthlab", 4)]
        save_item(db, item(url="https://www.dthlab.org/articles/9"), now=T2)
        assert _counted(db) == ({"dthlab": 5}, {"dthlab": 5})


def test_sources_reads_counts_by_primary_key_not_items(db):
    save_item(db, item(), now=T1)
    plan = " / ".join(row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {SOURCES_SQL}"))
    assert "SEARCH source_counts USING PRIMARY KEY (source=?)" in plan
    assert "items" not in plan


def test_crawl_run_with_unknown_field_is_refused(db):
    with pytest.raises(ValueError, match="unknown fields: colour"):
        save_crawl_run(db, {"source": "ipsf", "started": T1, "colour": "red"})


# --- dates keep the publisher's day; published_utc orders and filters ---


def test_migration_4_backfills_published_utc(tmp_path, monkeypatch):
    monkeypatch.setattr("pipeline.archive.schema.MIGRATIONS", MIGRATIONS[:3])
    with open_archive(tmp_path / "archive.db") as db:
        rows = [
            _old_item_row(url=f"https://www.dthlab.org/articles/{n}", published=published)
            for n, published in enumerate(
                ["2020-04-07T17:10:46-07:00", "2026-01-22", "2026-01-22T10:00:00+00:00", None]
            )
        ]
        for row in rows:
            db.table("items").insert(row)
    monkeypatch.undo()
    with open_archive(tmp_path / "archive.db") as db:
        assert db.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] >= 4
        got = [r[0] for r in db.execute("SELECT published_utc FROM items ORDER BY id")]
    assert got == [
        "2020-04-08T00:10:46+00:00",
        "2026-01-22T00:00:00+00:00",
        "2026-01-22T10:00:00+00:00",
        None,
    ]


def test_save_item_keeps_offset_and_fills_published_utc(db):
    save_item(db, item(published="2020-04-07T17:10:46-07:00"), now=T1)
    [row] = query_items(db)
    assert (row["published"], row["published_utc"]) == (
        "2020-04-07T17:10:46-07:00",
        "2020-04-08T00:10:46+00:00",
    )
    save_item(db, item(published="2020-04-07T18:10:46-07:00", title="Moved"), now=T2)
    [row] = query_items(db)
    assert row["published_utc"] == "2020-04-08T01:10:46+00:00"


def _dated(db, **published):
    for n, (title, value) in enumerate(published.items()):
        save_item(
            db,
            item(url=f"https://www.dthlab.org/articles/{n}", title=title, published=value),
            now=T1,
        )


def test_ordering_is_by_the_instant_not_the_written_text(db):
    # as text "2026-01-22T20:00-08:00" < "2026-01-23T01:00+00:00", as instants it is later
    _dated(
        db,
        Pacific="2026-01-22T20:00:00-08:00",  # 2026-01-23T04:00Z
        London="2026-01-23T01:00:00+00:00",
        Delhi="2026-01-23T09:00:00+05:30",  # 2026-01-23T03:30Z
        Undated=None,
    )
    assert [r["title"] for r in query_items(db)] == ["Pacific", "Delhi", "London", "Undated"]


def test_day_filters_compare_the_publishers_day(db):
    _dated(db, Evening="2020-04-07T17:10:46-07:00", Morning="2020-04-08T09:00:00+02:00")
    # a bare date is the publisher's day: the evening post is April 7 where it was written
    assert [r["title"] for r in query_items(db, until="2020-04-07")] == ["Evening"]
    assert [r["title"] for r in query_items(db, since="2020-04-08")] == ["Morning"]
    assert len(query_items(db, since="2020-04-07", until="2020-04-08")) == 2
    # a date-time compares the instant
    titles = [r["title"] for r in query_items(db, since="2020-04-08T00:00:00Z")]
    assert titles == ["Morning", "Evening"]  # the evening post was 00:10 UTC on April 8
    assert [r["title"] for r in query_items(db, until="2020-04-08T06:59:59Z")] == ["Evening"]


def test_migration_7_types_the_items_already_stored(tmp_path, monkeypatch):
    monkeypatch.setattr("pipeline.archive.schema.MIGRATIONS", [m for m in MIGRATIONS if m[0] < 7])
    with open_archive(tmp_path / "archive.db") as db:  # rows as schema 6 wrote them
        for n, (label, title) in enumerate(
            [
                ("News & insights", "A partnership"),
                ("Publication", "A guide"),
                ("News", "Call for applications: youth champions"),
                (None, "Joint statement on AMR"),
            ]
        ):
            url = f"https://www.dthlab.org/articles/{n}"
            row = _old_item_row(url=url, canonical_url=url, title=title)
            db.table("items").insert({**row, "content_type": label, "tags": "[]"})
        assert "type" not in db.table("items").columns_dict
    monkeypatch.undo()
    db = open_archive(tmp_path / "archive.db")
    rows = db.execute("SELECT title, type FROM items ORDER BY id").fetchall()
    assert [kind for _, kind in rows] == ["news", "publication", "call", "statement"]
    assert query_items(db, content_type="call")[0]["title"].startswith("Call for")
    db.close()


def test_type_filter_matches_the_shared_type_or_the_partners_label(db):
    save_item(db, item(content_type="Publicaciones"), now=T1)
    assert [r["type"] for r in query_items(db, content_type="publication")] == ["publication"]
    assert len(query_items(db, content_type="publicaciones")) == 1
    assert query_items(db, content_type="news") == []


def test_feed_items_read_the_newest_through_indexes_only(db):
    """A feed never loads the whole archive: with a limit every read of items goes
    through an index (no full scan), and only the newest rows come back."""
    for n in range(6):
        url = f"https://www.dthlab.org/articles/{n}"
        published = f"2025-12-0{n + 1}T09:00:00+00:00"
        save_item(db, item(url=url, title=f"Post {n}", published=published), now=T1)
    statements = []
    db.conn.set_trace_callback(statements.append)
    try:
        rows = query_feed_items(db, limit=2, stories=True)
        typed = query_feed_items(db, limit=2, type="news", source="dthlab")
    finally:
        db.conn.set_trace_callback(None)
    assert [r["title"] for r in rows] == ["Post 5", "Post 4"]
    assert [r["title"] for r in typed] == ["Post 5", "Post 4"]
    reads = [s for s in statements if s.lstrip().upper().startswith("SELECT") and "items" in s]
    assert reads
    for sql in reads:
        steps = [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()]
        on_items = [s for s in steps if s.startswith(("SCAN items", "SEARCH items"))]
        assert on_items, (sql, steps)
        assert all("INDEX" in s for s in on_items), (sql, steps)


def test_item_hashes_and_sightings_touch_only_last_seen(db):
    from pipeline.archive import query_item_hashes, save_sightings

    saved = item()
    save_item(db, saved, now=T1)
    known = query_item_hashes(db, "dthlab")
    assert known[saved.url] == known[saved.canonical_url] == saved.content_hash
    assert query_item_hashes(db, "ifmsa") == {}
    before = db.execute("SELECT * FROM items").fetchone()
    assert save_sightings(db, "dthlab", [saved.canonical_url], now=T2) == 1
    assert save_sightings(db, "ifmsa", [saved.canonical_url], now=T3) == 0  # not its item
    after = db.execute("SELECT * FROM items").fetchone()
    columns = [c[0] for c in db.execute("SELECT * FROM items").description]
    changed = {c for c, old, new in zip(columns, before, after, strict=True) if old != new}
    assert changed == {"last_seen"}
    assert after[columns.index("last_seen")] == T2


def test_only_a_change_of_indexed_text_reindexes_an_item(db):
    save_item(db, item(), now=T1)
    changes = db.conn.total_changes
    assert save_item(db, item(), now=T2) == "unchanged"  # last_seen moves: no FTS work
    assert db.conn.total_changes - changes == 1
    save_item(db, item(title="DTH-Lab partners with IFMSA and IPSF"), now=T2)
    assert [r["title"] for r in query_items(db, "partners")] == [
        "DTH-Lab partners with IFMSA and IPSF"
    ]
    db.execute("INSERT INTO items_fts (items_fts, rank) VALUES ('integrity-check', 1)")


def _searched(db, words):
    db.execute("INSERT INTO items_fts (items_fts, rank) VALUES ('integrity-check', 1)")
    return sorted(r["canonical_url"] for r in query_items(db, words))


def test_a_batch_indexes_its_new_items_and_a_page_saved_twice_by_its_last_text(db):
    a = item(title="DTH-Lab unveils its partnerships with IFMSA and IPSF")
    b = item(url="https://www.dthlab.org/articles/cohort", title="Youth cohort opens")
    retitled = item(title="DTH-Lab renews its partnerships with IFMSA and IPSF")
    assert save_items(db, [a, b, retitled], now=T1) == ["new", "new", "updated"]
    assert _searched(db, "cohort") == [b.canonical_url]
    assert _searched(db, "renews") == [a.canonical_url]
    assert _searched(db, "unveils") == []  # the first title, replaced in the same batch


def test_rows_written_by_another_tool_are_indexed_by_the_trigger(db):
    url = "https://x.example/a"
    row = {"source": "dthlab", "url": url, "canonical_url": url, "first_seen": T1, "last_seen": T1}
    save_source(db, {"id": "dthlab", "name": "DTH-Lab"})
    db.table("items").insert({**row, "title": "Written by sqlite-utils", "text": "elsewhere"})
    assert _searched(db, "sqlite") == ["https://x.example/a"]
    recent = "SELECT rowid FROM items_recent_fts WHERE items_recent_fts MATCH 'sqlite'"
    assert [r[0] for r in db.execute(recent)] == [db.execute("SELECT id FROM items").fetchone()[0]]


def test_a_batch_writes_the_recent_index_and_drops_what_fell_out_of_it(db):
    fill_recent_index(db, 3)
    save_items(db, [item(url=f"https://www.dthlab.org/articles/{n}") for n in range(5)], now=T1)
    ids = [r[0] for r in db.execute("SELECT id FROM items ORDER BY id")]
    assert [r[0] for r in db.execute("SELECT rowid FROM items_recent_fts ORDER BY rowid")] == (
        ids[-3:]
    )


def test_an_unusable_item_stops_its_batch_before_anything_is_written(db):
    unusable = item(url="https://www.dthlab.org/articles/other")
    unusable.title = None  # normalised, then broken
    with pytest.raises(ValueError, match="needs a url and a title"):
        save_items(db, [item(), unusable], now=T1)
    assert db.table("items").count == 0


def test_a_source_is_known_only_once_a_crawl_of_it_ran_to_its_end(db):
    """Items left by a first crawl killed half-way (no run recorded) or stopped early do
    not make the next crawl a re-crawl: it walks the history again (no stop at known
    items, the sitemap backfill), so what the killed crawl had not reached is fetched."""
    from pipeline.archive import query_known_items

    save_item(db, item(), now=T1)
    assert query_known_items(db, "dthlab") == {}  # killed: items, no run
    run = {"source": "dthlab", "started": T1, "items_new": 1}
    save_crawl_run(db, {**run, "run_id": "a", "status": "failed"})
    save_crawl_run(
        db,
        {**run, "run_id": "b", "status": "partial", "errors_by_kind": {"stopped_early": 1}},
    )
    assert query_known_items(db, "dthlab") == {}
    save_crawl_run(db, {**run, "run_id": "c", "status": "partial", "errors_by_kind": {"x": 1}})
    known = query_known_items(db, "dthlab")
    assert set(known) == {item().url} | {item().canonical_url}
    assert set(known.values()) == {item().content_hash}
