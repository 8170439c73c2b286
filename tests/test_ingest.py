"""pipeline.ingest on real files and a real archive: which line is what, whole lines only,
and a run's record turned into its crawl_runs row as a local crawl would write it."""

from __future__ import annotations

import dataclasses
import json

import pytest

from pipeline.ingest import BadLine, ingest_file, parse_line, whole_lines
from spiders.items import CrawlRecord, NewsItem, OrganisationProfile
from spiders.sources import load_sources

ITEM = NewsItem(source="ivsa", url="https://www.ivsa.org/a/", title="A", content_hash="h1")
PROFILE = OrganisationProfile(
    name="IVSA",
    description="IVSA was founded in 1953.",
    source="ivsa",
    url="https://www.ivsa.org/faq/",
)


def record(**changes) -> CrawlRecord:
    base = CrawlRecord(
        run_id="20260101T000000.000000Z",
        source="ivsa",
        started="2026-01-01T00:00:00+00:00",
        finished="2026-01-01T00:00:10+00:00",
        duration_seconds=10.0,
        pages=3,
        item_pages=1,
        methods=["feed"],
        platform="wordpress",
        finish_reason="finished",
    )
    return dataclasses.replace(base, **changes)


def line(thing: object) -> bytes:
    return json.dumps(dataclasses.asdict(thing)).encode() + b"\n"


@pytest.mark.parametrize("thing", [ITEM, PROFILE, record()])
def test_each_line_is_read_back_as_what_was_written(thing):
    assert parse_line(line(thing).strip()) == thing


@pytest.mark.parametrize(
    ("text", "why"),
    [
        (b"{broken", "not JSON"),
        (b"[1, 2]", "not a JSON object"),
        (b'{"source": "ivsa", "title": "t"}', "neither an item"),  # no url
        (b'{"source": "ivsa", "url": "u", "title": "t", "colour": "red"}', "neither an item"),
    ],
)
def test_lines_that_are_none_of_the_three_say_why(text, why):
    with pytest.raises(BadLine, match=why):
        parse_line(text)


def test_only_whole_lines_are_read_and_offsets_count_from_the_start():
    assert list(whole_lines(b'{"a": 1}\n{"b": 2}\n{"c"', 100)) == [
        (b'{"a": 1}', 109),
        (b'{"b": 2}', 118),
    ]
    assert list(whole_lines(b"half a line", 0)) == []


def test_a_record_gives_the_runs_row_with_the_archives_counts(archive_db, tmp_path):
    path = tmp_path / "job.jsonl"
    path.write_bytes(line(ITEM) + line(PROFILE) + line(record()))
    report = ingest_file(archive_db, path, load_sources())
    [run] = report.runs
    assert (run["status"], run["items_new"], run["profiles_new"]) == ("ok", 1, 1)
    assert (run["pages"], run["methods"], run["platform"]) == (3, ["feed"], "wordpress")
    assert archive_db["sources"].get("ivsa")["name"] == load_sources()["ivsa"].name


def test_a_run_that_archived_fewer_items_than_pages_is_partial(archive_db, tmp_path):
    path = tmp_path / "job.jsonl"
    path.write_bytes(line(ITEM) + line(record(item_pages=2)))
    [run] = ingest_file(archive_db, path, load_sources()).runs
    assert run["status"] == "partial"
    assert "2 announced item pages fetched, 1 items archived" in run["error_messages"][-1]


def test_a_crawl_that_stopped_early_is_never_ok(archive_db, tmp_path):
    path = tmp_path / "job.jsonl"
    path.write_bytes(line(ITEM) + line(record(finish_reason="closespider_pagecount")))
    [run] = ingest_file(archive_db, path, load_sources()).runs
    assert run["status"] == "partial"
    assert run["errors_by_kind"] == {"stopped_early": 1}
    assert "(closespider_pagecount)" in run["error_messages"][-1]


def test_errors_of_the_crawl_make_it_failed_when_nothing_was_stored(archive_db, tmp_path):
    path = tmp_path / "job.jsonl"
    failed = record(item_pages=0, errors_by_kind={"connection_refused": 1}, error_messages=["x"])
    path.write_bytes(line(failed))
    [run] = ingest_file(archive_db, path, load_sources()).runs
    assert (run["status"], run["errors"]) == ("failed", 1)


def test_a_sighting_line_is_an_unchanged_item():
    """A page that answered 304 on a node (``SeenItem``: source and URL only) is read as
    a sighting, not as a bad line."""
    from pipeline.ingest import parse_line
    from spiders.items import SeenItem

    assert parse_line(b'{"source": "ivsa", "url": "https://www.ivsa.org/a/"}') == SeenItem(
        source="ivsa", url="https://www.ivsa.org/a/"
    )


OTHER = NewsItem(source="ivsa", url="https://www.ivsa.org/b/", title="B", content_hash="h2")


def refuse(db, table: str, event: str = "INSERT", when: str = "1") -> None:
    """Make the real archive refuse a write (as a full disk or a damaged file would)."""
    db.execute(
        f"CREATE TRIGGER refuse_{table} BEFORE {event} ON {table} WHEN {when} "
        "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
    )


def test_an_unreadable_line_is_an_error_of_its_run_naming_file_and_line(archive_db, tmp_path):
    path = tmp_path / "job.jsonl"
    path.write_bytes(line(ITEM) + b"{broken\n" + line(record()))
    report = ingest_file(archive_db, path, load_sources())
    [run] = report.runs
    assert (run["status"], run["items_new"]) == ("partial", 1)
    assert run["errors_by_kind"] == {"unreadable_line": 1}
    assert run["error_messages"][-1].startswith(f"{path}:2: not JSON")
    assert report.problems == report.bad_lines == [run["error_messages"][-1]]


def test_lines_are_numbered_from_the_start_of_the_file_on_a_later_ingest(archive_db, tmp_path):
    path = tmp_path / "job.jsonl"
    path.write_bytes(line(ITEM))
    assert ingest_file(archive_db, path, load_sources()).pending_run
    path.write_bytes(line(ITEM) + b"[1]\n" + line(record()))
    [run] = ingest_file(archive_db, path, load_sources()).runs
    assert run["error_messages"] == [f"{path}:2: not a JSON object"]
    assert (run["status"], run["items_new"]) == ("partial", 1)


def test_a_bad_line_after_the_record_is_added_to_its_run(archive_db, tmp_path):
    path = tmp_path / "job.jsonl"
    path.write_bytes(line(ITEM) + line(record()) + b"garbage\n")
    report = ingest_file(archive_db, path, load_sources())
    [run] = report.runs
    assert (run["status"], run["errors_by_kind"]) == ("partial", {"unreadable_line": 1})
    assert not report.pending_run


def test_an_item_the_archive_refuses_is_an_archive_error_and_the_rest_goes_on(archive_db, tmp_path):
    refuse(archive_db, "items", when=f"NEW.url = '{OTHER.url}'")
    path = tmp_path / "job.jsonl"
    path.write_bytes(line(OTHER) + line(ITEM) + line(record(item_pages=2)))
    report = ingest_file(archive_db, path, load_sources())
    [run] = report.runs
    assert (run["status"], run["items_new"]) == ("partial", 1)
    assert run["errors_by_kind"] == {"archive_error": 1}
    assert run["error_messages"][0].startswith(f"{OTHER.url}: not saved: ")
    assert report.problems[0].startswith(f"{path}:1: {OTHER.url}: not saved: ")
    assert [row["url"] for row in archive_db["items"].rows] == [ITEM.url]
    again = ingest_file(archive_db, path, load_sources())  # every line was read
    assert (again.lines, again.runs) == (0, [])


def test_a_record_the_archive_refuses_is_read_again_by_the_next_ingest(archive_db, tmp_path):
    refuse(archive_db, "crawl_runs")
    path = tmp_path / "job.jsonl"
    path.write_bytes(line(ITEM) + line(record()))
    report = ingest_file(archive_db, path, load_sources())
    assert report.runs == []
    assert report.pending_run
    assert report.problems[0].startswith(f"{path}:2: the run's record not stored: ")
    archive_db.execute("DROP TRIGGER refuse_crawl_runs")
    again = ingest_file(archive_db, path, load_sources())
    assert again.lines == 1  # the record only: the item was stored and marked read
    [run] = again.runs
    assert (run["status"], run["items_new"]) == ("ok", 1)
