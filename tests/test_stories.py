"""pipeline.stories: the same story from several partners gets one story id."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.archive import open_archive, save_item, save_source
from pipeline.stories import cluster_items, normalise_title, same_story_title, save_stories
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


def test_save_stories_records_the_grouping_in_the_archive(archive):
    assert save_stories(archive) == 9
    grouped = list(
        archive.query(
            "SELECT story_id, group_concat(source, ',') AS sources, count(*) AS n "
            "FROM (SELECT * FROM items ORDER BY source) GROUP BY story_id HAVING n > 1"
        )
    )
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
