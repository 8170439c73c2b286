"""``partnerwire search``: FTS5 syntax, one-line errors, the 100-column table, --json,
--csv and --group-stories, on a real archive file."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from pipeline import archive
from pipeline.cli import cli
from spiders.items import NewsItem

NOW = "2026-02-01T12:00:00+00:00"
LONG_TITLE = (
    "Joint statement of the World Healthy Students' Alliance on the financing of primary "
    "health care, antimicrobial resistance and the health workforce of the next decade"
)
STORY = "DTH-Lab announces strategic partnerships with IFMSA and IPSF"


@pytest.fixture
def archive_path(tmp_path):
    path = tmp_path / "archive.db"
    db = archive.open_archive(path)
    rows = [
        ("ifmsa", "statement", LONG_TITLE, "2025-05-10", "Statement", "Health for all."),
        ("ifmsa", "partnership", STORY, "2026-01-22", "News", "Partnership announced."),
        ("dthlab", "partnership", STORY, "2026-01-22", "News & insights", "Partnership."),
        ("ipsf", "partnership", STORY, "2026-01-23", "News", "Partnership by IPSF."),
        ("ipsf", "exchange", "Exchange programme opens", "2024-07-01", "News", "Health."),
    ]
    for source, slug, title, day, kind, text in rows:
        url = f"https://{source}.example.org/{slug}/"
        archive.save_item(
            db,
            NewsItem(
                source=source,
                url=url,
                canonical_url=url,
                title=title,
                published=day,
                content_type=kind,
                text=text,
                summary=text,
                tags=["a", "b"],
                content_hash=f"{source}{slug}",
            ),
            now=NOW,
        )
    db.close()
    return str(path)


def search(archive_path, *args):
    return CliRunner().invoke(cli, ["search", "--archive", archive_path, *args])


def test_the_table_fits_100_columns_and_wraps_titles(archive_path):
    result = search(archive_path, "health")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["date", "source", "type", "title"]
    assert max(len(line) for line in lines) <= 100
    assert " ".join(" ".join(lines).split()).count("2025-05-10") == 1
    words = " ".join(line[38:] for line in lines[1:])  # the title column, wrapped
    assert " ".join(LONG_TITLE.split()[:8]) in " ".join(words.split())
    assert "health workforce of the next decade" in " ".join(words.split())
    assert "--json or --csv" in lines[-1]


def test_json_has_full_rows_with_rank(archive_path):
    rows = json.loads(search(archive_path, "partnership", "--json").output)
    assert len(rows) == 3
    assert {"text", "canonical_url", "story_id", "rank", "tags"} <= rows[0].keys()
    assert rows[0]["tags"] == ["a", "b"]
    assert all(row["rank"] is not None for row in rows)


def test_csv_is_a_header_and_rows(archive_path):
    result = search(archive_path, "partnership", "--csv")
    assert result.exit_code == 0
    table = list(csv.DictReader(io.StringIO(result.output)))
    assert len(table) == 3
    assert {row["title"] for row in table} == {STORY}
    assert json.loads(table[0]["tags"]) == ["a", "b"]
    empty = search(archive_path, "veterinary", "--csv")
    assert empty.output.splitlines()[0].startswith("id,source,url")
    assert len(empty.output.splitlines()) == 1


def test_json_and_csv_together_is_a_usage_error(archive_path):
    result = search(archive_path, "x", "--json", "--csv")
    assert result.exit_code == 2
    assert "one of --json and --csv" in result.output


def test_group_stories_names_every_partner(archive_path):
    result = search(archive_path, "partnership", "--group-stories")
    assert result.exit_code == 0, result.output
    assert result.output.count("DTH-Lab announces") == 1
    joined = " ".join(result.output.split())
    for source in ("dthlab", "ifmsa", "ipsf"):
        assert source in joined
    assert "(1 story;" in result.output
    [story] = json.loads(search(archive_path, "partnership", "--group-stories", "--json").output)
    assert sorted(story["sources"]) == ["dthlab", "ifmsa", "ipsf"]
    assert len(story["story_items"]) == 3


def test_sort_newest_and_filters(archive_path):
    rows = json.loads(search(archive_path, "health", "--sort", "newest", "--json").output)
    assert [row["published"] for row in rows] == ["2025-05-10", "2024-07-01"]
    rows = json.loads(search(archive_path, "--source", "IPSF", "--json").output)
    assert [row["source"] for row in rows] == ["ipsf", "ipsf"]
    rows = json.loads(search(archive_path, "--type", "news & insights", "--json").output)
    assert [row["source"] for row in rows] == ["dthlab"]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--source", "nosuch"], "unknown source 'nosuch': the archive has dthlab, ifmsa, ipsf"),
        (["--type", "nosuch"], "unknown type 'nosuch': known types are news, publication"),
        (["health", "--source", "nosuch"], "unknown source 'nosuch'"),
    ],
)
def test_unknown_source_or_type_is_an_error_naming_the_known_ones(archive_path, args, says):
    result = search(archive_path, *args)
    assert result.exit_code == 2
    assert says in result.output
    assert len(result.output.strip().splitlines()) == 1


MALFORMED = [
    '"',
    '"unclosed phrase',
    "(health OR youth",
    "health)",
    "()",
    "NOT",
    "NOT health",
    "health NOT",
    "OR",
    "health OR",
    "*",
    "he*lth",
    "author:smith",
    "health\x00",
    "\x1b[2J",
    '""',
    "!!!",
    'x" OR "1"="1',
    '" OR rowid>0 --',
    "title:(x",
]


@pytest.mark.parametrize("query", MALFORMED)
def test_malformed_query_is_one_line_and_exit_2(archive_path, query):
    result = search(archive_path, "--", query)
    assert result.exit_code == 2, (query, result.output)
    assert result.output.startswith("Error: ")
    assert len(result.output.strip().splitlines()) == 1, result.output
    assert "Traceback" not in result.output
    assert "fts5" not in result.output.lower()  # our words, not SQLite's


def test_the_query_may_be_several_arguments(archive_path):
    one = json.loads(search(archive_path, "health OR partnership", "--json").output)
    several = json.loads(search(archive_path, "health", "OR", "partnership", "--json").output)
    assert [row["id"] for row in several] == [row["id"] for row in one]
    assert len(one) == 5
