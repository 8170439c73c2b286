"""pipeline.archive.stories: the same story from several partners gets one story id."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from pipeline.archive import open_archive, save_item, save_items, save_source, save_stories
from pipeline.archive.stories import (
    cluster_items,
    normalise_title,
    same_story_title,
    title_numbers,
)
from spiders.items import NewsItem

DATA = Path(__file__).parent / "data" / "feeds" / "archive_items.json"
NOW = "2026-02-01T00:00:00+00:00"
ANNOUNCEMENT = "DTH-Lab announces strategic partnerships with IFMSA and IPSF to strengthen the future health workforce"


def row(id, source, title, published, url=None, **extra):
    return {
        "id": id,
        "source": source,
        "title": title,
        "published": published,
        "canonical_url": url or f"https://{source}.example/{id}",
        **extra,
    }


def test_normalise_title_casefolds_and_strips_accents_and_punctuation():
    assert (
        normalise_title("  Énfasis: Santé — Cohort 2025/2026!! ")
        == "enfasis sante cohort 2025 2026"
    )


def test_titles_with_different_numbers_are_different_stories():
    a = "Call for Applications: Regional Youth Champions - Cohort 2025-2026"
    b = "Call for Applications: Regional Youth Champions - Cohort 2024-2025"
    assert not same_story_title(a, b)
    assert same_story_title(a, a.upper())


def test_the_announcement_from_three_partners_is_one_story():
    rows = [
        row(1, "dthlab", ANNOUNCEMENT, "2026-01-22T09:00:00+00:00"),
        row(2, "ifmsa", ANNOUNCEMENT, "2026-01-22T16:40:00+00:00"),
        row(3, "ipsf", ANNOUNCEMENT.title().replace("Dth", "DTH"), "2026-01-23T10:00:00+00:00"),
        row(4, "ifmsa", "Something else entirely", "2026-01-22T10:00:00+00:00"),
    ]
    stories = cluster_items(rows)
    assert stories[1] == stories[2] == stories[3]
    assert stories[4] != stories[1]
    assert len(set(stories.values())) == 2


def test_cohort_calls_published_days_apart_by_different_partners_stay_apart():
    rows = [
        row(
            1,
            "ifmsa",
            "Call for Applications: Regional Youth Champions - Cohort 2025-2026",
            "2025-09-01T08:00:00+00:00",
        ),
        row(
            2,
            "dthlab",
            "Call for Applications: Regional Youth Champions - Cohort 2024-2025",
            "2025-09-02T08:00:00+00:00",
        ),
    ]
    stories = cluster_items(rows)
    assert stories[1] != stories[2]


def test_same_title_far_apart_in_time_or_from_one_source_is_not_merged():
    rows = [
        row(1, "dthlab", "Annual report", "2025-01-01T00:00:00+00:00"),
        row(2, "ifmsa", "Annual report", "2025-01-10T00:00:00+00:00"),
        row(3, "dthlab", "Annual report", "2025-01-02T00:00:00+00:00"),
    ]
    stories = cluster_items(rows)
    assert len(set(stories.values())) == 3


def test_same_canonical_url_is_one_story_whatever_the_title():
    url = "https://www.dthlab.org/articles/x"
    first = row(1, "dthlab", "Old title", None, url)
    second = {**row(2, "ifmsa", "New", None, "https://ifmsa.org/y"), "url": url}
    stories = cluster_items([first, second])
    assert stories[1] == stories[2]


def test_story_ids_are_stable_and_survive_a_new_member():
    first = [row(1, "dthlab", ANNOUNCEMENT, "2026-01-22T09:00:00+00:00")]
    before = cluster_items(first)
    assert cluster_items(first) == before
    # IPSF's copy turns up later, dated earlier: the recorded story id is kept.
    later = [
        {**first[0], "story_id": before[1]},
        row(2, "ipsf", ANNOUNCEMENT, "2026-01-21T09:00:00+00:00"),
    ]
    after = cluster_items(later)
    assert after[1] == after[2] == before[1]


def test_a_split_story_does_not_hand_one_id_to_two_groups():
    rows = [
        row(1, "dthlab", "Alpha beta gamma", "2026-01-22T09:00:00+00:00", story_id="story-x"),
        row(2, "ifmsa", "Totally different now", "2026-01-22T09:00:00+00:00", story_id="story-x"),
    ]
    stories = cluster_items(rows)
    assert stories[1] == "story-x"
    assert stories[2] != "story-x"


@pytest.fixture
def archive(tmp_path):
    db = open_archive(tmp_path / "archive.db")
    data = json.loads(DATA.read_text())
    for source in data["sources"]:
        save_source(db, source)
    for item in data["items"]:
        save_item(db, NewsItem(**item), now=NOW)
    yield db
    db.close()


def grouped_stories(db):
    return list(
        db.query(
            "SELECT story_id, group_concat(source, ',') AS sources, count(*) AS n "
            "FROM (SELECT * FROM items ORDER BY source) GROUP BY story_id HAVING n > 1"
        )
    )


def test_save_item_records_the_grouping_when_items_are_stored(archive):
    assert archive.execute("SELECT count(*) FROM items WHERE story_id IS NULL").fetchone() == (0,)
    grouped = grouped_stories(archive)
    assert len(grouped) == 1
    assert grouped[0]["sources"] == "dthlab,ifmsa,ipsf"
    # what was stored item by item is what grouping the whole archive gives
    assert save_stories(archive) == 0


def test_save_stories_regroups_an_archive_grouped_before(archive):
    # an archive from before grouping at store time: no story ids yet (migration 6)
    archive.execute("UPDATE items SET story_id = NULL")
    assert save_stories(archive) == 9
    grouped = grouped_stories(archive)
    assert len(grouped) == 1
    assert grouped[0]["sources"] == "dthlab,ifmsa,ipsf"
    assert save_stories(archive) == 0  # stable: a second run changes nothing


def test_days_apart_are_the_publishers_days():
    # 3 days apart where each was written (Jan 1, Jan 4), over 4 days apart in UTC
    rows = [
        row(1, "ifmsa", "Annual report", "2025-01-01T00:30:00+05:00"),  # Dec 31 19:30 UTC
        row(2, "dthlab", "Annual report", "2025-01-04T20:00:00-05:00"),  # Jan 5 01:00 UTC
    ]
    assert len(set(cluster_items(rows).values())) == 1
    # 4 days apart where each was written (Jan 1, Jan 5), about 2 days apart in UTC
    rows = [
        row(1, "ifmsa", "Annual report", "2025-01-01T23:00:00-10:00"),  # Jan 2 09:00 UTC
        row(2, "dthlab", "Annual report", "2025-01-05T01:00:00+14:00"),  # Jan 4 11:00 UTC
    ]
    assert len(set(cluster_items(rows).values())) == 2


def story_of(db, url):
    return db.execute("SELECT story_id FROM items WHERE canonical_url = ?", [url]).fetchone()[0]


def news(source, title, published, slug):
    return NewsItem(
        source=source,
        url=f"https://{source}.example/{slug}",
        title=title,
        published=published,
        text=f"{title} ({source})",
    )


def test_a_later_copy_joins_the_story_and_the_earliest_copy_leads(archive_db):
    save_item(
        archive_db,
        news("ifmsa", "Joint statement on AMR", "2026-03-02T10:00:00+00:00", "a"),
        now=NOW,
    )
    first = story_of(archive_db, "https://ifmsa.example/a")
    save_item(
        archive_db,
        news("ipsf", "Joint Statement on AMR!", "2026-03-01T10:00:00+00:00", "b"),
        now=NOW,
    )
    # the id the story already had is kept, though IPSF's copy is dated earlier
    assert story_of(archive_db, "https://ipsf.example/b") == first
    # a copy four days after every other copy stays apart
    save_item(
        archive_db,
        news("dthlab", "Joint statement on AMR", "2026-03-06T10:01:00+00:00", "c"),
        now=NOW,
    )
    assert story_of(archive_db, "https://dthlab.example/c") != first


def test_a_copy_that_links_two_stories_merges_them_under_the_earliest(archive_db):
    title = "World Health Students Alliance statement"
    save_item(archive_db, news("ifmsa", title, "2026-03-01T00:00:00+00:00", "a"), now=NOW)
    save_item(archive_db, news("ipsf", title, "2026-03-07T00:00:00+00:00", "b"), now=NOW)
    early, late = (
        story_of(archive_db, "https://ifmsa.example/a"),
        story_of(archive_db, "https://ipsf.example/b"),
    )
    assert early != late
    save_item(archive_db, news("dthlab", title, "2026-03-04T00:00:00+00:00", "c"), now=NOW)
    stories = {
        story_of(archive_db, f"https://{s}.example/{k}")
        for s, k in [("ifmsa", "a"), ("ipsf", "b"), ("dthlab", "c")]
    }
    assert stories == {early}


def test_a_retitled_item_leaves_its_story(archive_db):
    save_item(
        archive_db,
        news("ifmsa", "Cohort 2025-2026 call", "2026-03-01T00:00:00+00:00", "a"),
        now=NOW,
    )
    save_item(
        archive_db, news("ipsf", "Cohort 2025-2026 call", "2026-03-01T05:00:00+00:00", "b"), now=NOW
    )
    assert story_of(archive_db, "https://ifmsa.example/a") == story_of(
        archive_db, "https://ipsf.example/b"
    )
    assert (
        save_item(
            archive_db,
            news("ipsf", "Cohort 2024-2025 call", "2026-03-01T05:00:00+00:00", "b"),
            now=NOW,
        )
        == "updated"
    )
    assert story_of(archive_db, "https://ifmsa.example/a") != story_of(
        archive_db, "https://ipsf.example/b"
    )
    assert save_stories(archive_db) == 0  # the same answer as grouping everything again


def plans_of_saving_a_second(db, title: str, marker: str) -> list[str]:
    """The query plans of the SELECTs (whose SQL holds ``marker``) run while a second
    partner's copy of ``title`` is stored, an hour after the first."""
    plans = []
    save_item(db, news("ifmsa", title, "2026-03-01T00:00:00+00:00", "a"), now=NOW)
    original = db.conn.execute

    def explain(sql, params=()):
        if sql.lstrip().upper().startswith("SELECT") and marker in sql:
            plans.extend(row[-1] for row in original("EXPLAIN QUERY PLAN " + sql, params))
        return original(sql, params)

    db.conn = _Tracing(db.conn, explain)
    save_item(db, news("ipsf", title, "2026-03-01T01:00:00+00:00", "b"), now=NOW)
    return plans


def test_grouping_at_store_time_reads_through_indexes_only(archive_db):
    plans = plans_of_saving_a_second(archive_db, "First", "FROM items")
    assert plans
    assert not [p for p in plans if p.startswith("SCAN items")], plans


class _Tracing:
    """An sqlite3 connection whose ``execute`` goes through ``explain`` first."""

    def __init__(self, conn, explain):
        self._conn, self.execute = conn, explain

    def __getattr__(self, name):
        return getattr(self._conn, name)


def test_title_numbers_are_the_numbers_of_the_normalised_title():
    assert title_numbers("Cohort 2025/2026: call №3") == "2025 2026 3"
    assert title_numbers("Youth summit") == ""
    assert title_numbers(None) == ""


def test_candidates_are_found_through_the_title_numbers_index(archive_db):
    plans = plans_of_saving_a_second(archive_db, "Cohort 2025", "title_numbers")
    assert any("idx_items_title_numbers_published" in plan for plan in plans), plans


@pytest.mark.parametrize("batch", [1, 7, 240])
def test_grouping_through_the_index_equals_comparing_every_pair(archive_db, batch):
    """Many items, stored in batches (candidates from the index, and from the items of
    the same batch), end up in the stories ``cluster_items`` gives when every pair of the
    archive is compared (``save_stories``): near-identical titles with and without
    numbers, typos, other numbers, days apart, the same page twice."""
    rng = random.Random(11)
    stems = [
        "Youth health workforce summit opens registrations",
        "Call for applications regional champions cohort",
        "Statement on vaccine equity",
        "Annual report",
        "Mental health campaign launched",
    ]
    items = []
    for n in range(240):
        stem = rng.choice(stems)
        title = stem if rng.random() < 0.5 else f"{stem} {rng.choice([2024, 2025, 2026])}"
        if rng.random() < 0.3:  # a typo: one letter changed
            at = rng.randrange(len(title))
            title = title[:at] + rng.choice("aeiou") + title[at + 1 :]
        day = 1 + rng.randrange(20)
        source = rng.choice(["dthlab", "ifmsa", "ipsf", "ivsa"])
        published = f"2026-03-{day:02d}T{rng.randrange(24):02d}:00:00+00:00"
        items.append(news(source, title, published, f"n{n}"))
    items += [items[n] for n in range(0, 240, 17)]  # pages seen again, in later batches
    for first in range(0, len(items), batch):
        save_items(archive_db, items[first : first + batch], now=NOW)
    groups = archive_db.execute(
        "SELECT count(*) FROM (SELECT story_id FROM items GROUP BY story_id HAVING count(*) > 1)"
    ).fetchone()[0]
    assert groups >= 10  # stories of several partners were found
    assert save_stories(archive_db) == 0  # and every pair compared changes none of them


def test_a_batch_finds_its_story_candidates_through_indexes_only(archive_db):
    plans = []
    save_item(archive_db, news("ifmsa", "Cohort 2025", "2026-03-01T00:00:00+00:00", "a"), now=NOW)
    original = archive_db.conn.execute

    def explain(sql, params=()):
        if sql.lstrip().upper().startswith("SELECT") and "FROM items" in sql:
            plans.extend(row[-1] for row in original("EXPLAIN QUERY PLAN " + sql, params))
        return original(sql, params)

    archive_db.conn = _Tracing(archive_db.conn, explain)
    copies = [news("ipsf", "Cohort 2025", "2026-03-01T01:00:00+00:00", "b")]
    copies.append(news("ivsa", "Cohort 2025!", "2026-03-02T01:00:00+00:00", "c"))
    assert save_items(archive_db, copies, now=NOW) == ["new", "new"]
    assert any("idx_items_title_numbers_published" in plan for plan in plans), plans
    assert not [p for p in plans if p.startswith("SCAN items")], plans
    assert len({row[0] for row in archive_db.execute("SELECT story_id FROM items")}) == 1
