"""publish at scale: feeds read by index equal the feeds of the whole archive loaded,
an unchanged re-publish writes nothing, and the newest-N reads use the indexes."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest

from feeds.entries import build_entries, merge_stories
from feeds.publish import (
    DEFAULT_LIMIT,
    build_feed,
    load_sources,
    publish_feeds,
    read_feeds,
    state_path,
)
from feeds.reading import TYPE_PREFIX
from pipeline.archive import open_archive, query_feed_items

ITEMS = 3000
SOURCES = ("dthlab", "ifmsa", "ipsf", "ivsa", "iads")
TYPES = ("news", "publication", "statement", "multimedia", "journal-article")
WORDS = [
    "health",
    "students",
    "medical",
    "pharmacy",
    "veterinary",
    "dental",
    "youth",
    "digital",
    "world",
    "forum",
]
OFFSETS = ("+00:00", "+02:00", "-05:00", "+05:30")


def generate(path, items: int = ITEMS) -> None:
    """An archive of ``items`` generated rows: five sources, five types, dates over ten
    years in several offsets (3% undated), one item in ten a copy of the one before
    it published by another source (one story), half of them on the same day."""
    rng = random.Random(12)
    db = open_archive(path)
    for source in SOURCES:
        db["sources"].insert({"id": source, "name": source.upper()}, replace=True)
    rows = []
    for i in range(1, items + 1):
        source = rng.choice(SOURCES)
        when = datetime(2016, 1, 1) + timedelta(minutes=rng.randrange(10 * 365 * 24 * 60))
        offset = rng.choice(OFFSETS)
        published = None if rng.random() < 0.03 else when.isoformat() + offset
        seen = (datetime(2026, 1, 1) + timedelta(minutes=i)).isoformat() + "+00:00"
        row = {
            "id": i,
            "source": source,
            "url": f"https://{source}.example.org/{i}/",
            "canonical_url": f"https://{source}.example.org/{i}/",
            "title": " ".join(rng.choices(WORDS, k=6)).capitalize(),
            "published": published,
            "published_utc": _utc(published),
            "content_type": rng.choice(TYPES).title(),
            "type": rng.choice(TYPES),
            "summary": " ".join(rng.choices(WORDS, k=30)),
            "content_html": f"<p>{' '.join(rng.choices(WORDS, k=40))}</p>",
            "first_seen": seen,
            "last_seen": seen,
            "story_id": f"story-{i}",
        }
        if rows and rng.random() < 0.1:
            first = rows[-1]
            row.update(title=first["title"], story_id=first["story_id"])
            row.update(source=next(s for s in SOURCES if s != first["source"]))
            row.update(url=f"https://{row['source']}.example.org/{i}/")
            row.update(canonical_url=row["url"])
            if rng.random() < 0.5:  # the same day; else another day, months apart
                row.update(published=first["published"], published_utc=first["published_utc"])
        rows.append(row)
    with db.conn:
        db["items"].insert_all(rows, batch_size=500)
    db.close()


def _utc(published: str | None) -> str | None:
    from spiders.pages.dates import to_utc_iso

    return to_utc_iso(published) if published else None


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    path = tmp_path_factory.mktemp("scale") / "archive.db"
    generate(path)
    return path


def full_load_feeds(db, sources, limit: int) -> dict[str, list]:
    """What each feed held when publish loaded every row: all rows, filtered, built,
    merged into stories where the feed merges them, cut to ``limit``."""
    rows = query_feed_items(db)
    by_slug = {"all": merge_stories(build_entries(rows, sources))[:limit]}
    for source in {r["source"] for r in rows}:
        mine = [r for r in rows if r["source"] == source]
        by_slug[source] = build_entries(mine, sources)[:limit]
    for kind in {r["type"] for r in rows}:
        mine = [r for r in rows if r["type"] == kind]
        by_slug[f"{TYPE_PREFIX}{kind}"] = merge_stories(build_entries(mine, sources))[:limit]
    return by_slug


@pytest.mark.parametrize("limit", [DEFAULT_LIMIT, 7])
def test_indexed_feeds_equal_the_full_load(generated, limit):
    db = open_archive(generated)
    try:
        sources = load_sources(db)
        expected = full_load_feeds(db, sources, limit)
        _, reads, sources = read_feeds(db, sources, limit=limit)
        feeds = [build_feed(feed, sources, limit) for feed in reads]
    finally:
        db.close()
    planned = {feed.meta.slug: list(feed.entries) for feed in feeds}
    assert sorted(planned) == sorted(expected)
    for slug, entries in expected.items():
        assert len(entries) == limit, slug
        assert [e.id for e in planned[slug]] == [e.id for e in entries], slug
        assert [e.item_ids for e in planned[slug]] == [e.item_ids for e in entries], slug
        assert planned[slug] == entries, slug
    if limit == DEFAULT_LIMIT:  # the comparison covers merged stories
        assert any(e.also for e in planned["all"])


def test_unchanged_republish_writes_no_file(generated, tmp_path):
    out = tmp_path / "out"
    first = publish_feeds(generated, out)
    assert first.written
    assert not first.unchanged
    mtimes = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    again = publish_feeds(generated, out)
    assert again.written == []
    assert again.removed == []
    assert sorted(again.unchanged) == sorted(first.written)
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == mtimes


def test_newest_reads_use_the_indexes(generated):
    """Every read of a per-source or per-type feed goes through an index on its filter
    and ``published_utc`` (or ``id``), never a scan of the table nor a sort of it."""
    db = open_archive(generated)
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        query_feed_items(db, limit=10, source="ipsf")
        query_feed_items(db, limit=10, type="statement", stories=True)
        db.conn.set_trace_callback(None)
        selects = [s for s in statements if "FROM items" in s]
        assert len(selects) >= 3
        for sql in selects:
            plan = " | ".join(row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}"))
            assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, (sql, plan)
            assert "SCAN items" not in plan.replace("SCAN items USING", ""), (sql, plan)
            assert "TEMP B-TREE" not in plan, (sql, plan)
    finally:
        db.close()


def test_republish_after_a_change_writes_what_changed(generated, tmp_path):
    archive, out = tmp_path / "archive.db", tmp_path / "out"
    archive.write_bytes(generated.read_bytes())
    publish_feeds(archive, out)
    (out / "ipsf.atom").unlink()
    assert publish_feeds(archive, out).written == ["ipsf.atom"]
    assert publish_feeds(archive, out, title="another wire").written  # settings are inputs
    db = open_archive(archive)
    newest = "2026-06-01T00:00:00+00:00"  # after every date and every first_seen
    moved = {"published": newest, "published_utc": newest, "title": "A title changed since"}
    alone = "SELECT min(id) FROM items GROUP BY story_id HAVING count(*) = 1 LIMIT 1"
    db["items"].update(db.execute(alone).fetchone()[0], moved)
    db.close()
    written = publish_feeds(archive, out, title="another wire").written
    assert "all.atom" in written
    assert "all.atom" in publish_feeds(archive, out).written


def test_a_publish_state_that_cannot_be_written_does_not_stop_the_publish(generated, tmp_path):
    """The publish state sits beside the output folder; where it cannot be written (a
    folder above that is not ours; here a folder in its place) the feeds are still
    published, and every run then builds them again."""
    out = tmp_path / "feeds"
    state_path(out).mkdir(parents=True)  # writing the state there fails, as root too
    first = publish_feeds(generated, out)
    assert "all.atom" in first.written
    again = publish_feeds(generated, out)
    assert again.written == []
    assert sorted(again.unchanged) == sorted(first.written)
