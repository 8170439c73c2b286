"""The command line: user mistakes give one plain line and a non-zero exit, never a traceback."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pipeline import archive
from pipeline.cli import cli
from pipeline.normalise import normalise_profile
from pipeline.relations import extract_relations
from spiders.items import NewsItem, OrganisationProfile
from spiders.sources import load_sources

NOW = "2026-02-01T12:00:00+00:00"
LATER = "2026-02-20T12:00:00+00:00"


@pytest.fixture
def filled_archive(tmp_path):
    path = tmp_path / "archive.db"
    db = archive.open_archive(path)
    archive.save_source(db, load_sources()["ifmsa"])
    for day, title, kind in [
        ("2026-01-22", "Partnership with DTH-Lab on digital health", "News"),
        ("2025-05-10", "Statement at the World Health Assembly", "Statement"),
        ("2024-07-01", "Exchanges open for applications", "News"),
    ]:
        slug = title.lower().replace(" ", "-")
        archive.save_item(
            db,
            NewsItem(
                source="ifmsa",
                url=f"https://ifmsa.org/{slug}/",
                canonical_url=f"https://ifmsa.org/{slug}/",
                title=title,
                published=f"{day}T09:00:00+00:00",
                content_type=kind,
                text=f"{title}. Medical students worldwide.",
                summary=title,
                content_hash=slug,
            ),
            now=NOW,
        )
    archive.save_profile(
        db,
        OrganisationProfile(
            name="International Federation of Medical Students' Associations",
            acronym="IFMSA",
            description="IFMSA was founded in 1951.",
            source="ifmsa",
            url="https://ifmsa.org/about-ifmsa/",
            founded_year=1951,
            countries=115,
            facts={
                "countries": {
                    "value": 115,
                    "qualifier": "more than",
                    "text": "more than 115 countries",
                }
            },
        ),
        now=NOW,
    )
    db.close()
    return path


def invoke(*args):
    return CliRunner().invoke(cli, list(args))


def test_help_on_every_command():
    for command in ("crawl", "demo", "search", "orgs", "sources", "extract"):
        result = invoke(command, "--help")
        assert result.exit_code == 0, command
        assert "Usage:" in result.output


def test_search_finds_and_filters(filled_archive):
    result = invoke("search", "assembly", "--archive", str(filled_archive))
    assert result.exit_code == 0
    assert "World Health Assembly" in result.output
    assert "Exchanges" not in result.output
    result = invoke("search", "--archive", str(filled_archive), "--since", "2025-01-01", "--json")
    titles = [row["title"] for row in json.loads(result.output)]
    assert titles == [
        "Partnership with DTH-Lab on digital health",
        "Statement at the World Health Assembly",
    ]


def test_search_hostile_query_does_not_crash(filled_archive):
    # Malformed FTS syntax is now refused in one line with exit 2 (issue 11), where it
    # used to be searched for as plain words with exit 0.
    for query in ['"unclosed', "AND OR NOT", "-minus*", "a:b(c)", "NEAR("]:
        result = invoke("search", "--archive", str(filled_archive), "--", query)
        assert result.exit_code == 2, (query, result.output)
        assert len(result.output.strip().splitlines()) == 1, result.output
        assert "Traceback" not in result.output


def test_missing_archive_is_one_line(tmp_path):
    result = invoke("search", "x", "--archive", str(tmp_path / "nope.db"))
    assert result.exit_code == 2  # nothing could run
    assert "no archive at" in result.output
    assert "Traceback" not in result.output


def test_bad_date_is_one_line(filled_archive):
    result = invoke("search", "--since", "last tuesday", "--archive", str(filled_archive))
    assert result.exit_code == 2
    assert "is not a date" in result.output


def test_unknown_source_is_one_line(tmp_path):
    result = invoke("crawl", "nosuchsite", "--archive", str(tmp_path / "a.db"))
    assert result.exit_code == 2
    assert "unknown source 'nosuchsite'" in result.output


def test_bad_sources_file_names_source_and_field(tmp_path):
    bad = tmp_path / "sources.toml"
    bad.write_text(
        '[sources.x]\nname="X"\nhomepage="https://x.org"\nplatform="ghost"\ncollect=[]\n'
    )
    result = invoke("crawl", "--sources", str(bad), "--archive", str(tmp_path / "a.db"))
    assert result.exit_code == 2
    assert "source 'x': field 'platform'" in result.output
    assert not (tmp_path / "a.db").exists()


def test_not_an_archive_is_one_line(tmp_path):
    garbage = tmp_path / "archive.db"
    garbage.write_bytes(b"this is not a database" * 100)
    result = invoke("search", "x", "--archive", str(garbage))
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_orgs_with_history(filled_archive):
    result = invoke("orgs", "ifmsa", "--history", "--archive", str(filled_archive))
    assert result.exit_code == 0
    assert "founded: 1951" in result.output
    assert "countries: more than 115" in result.output
    assert "https://ifmsa.org/about-ifmsa/" in result.output
    result = invoke("orgs", "nobody", "--archive", str(filled_archive))
    assert result.exit_code == 1


@pytest.fixture
def orgs_archive(filled_archive):
    """filled_archive plus a newer third-party statement of IFMSA's facts and relations."""
    db = archive.open_archive(filled_archive)
    press = "https://www.dthlab.org/articles/partnerships"
    archive.save_profile(
        db,
        normalise_profile(
            OrganisationProfile(
                name="International Federation of Medical Students Associations",
                acronym="IFMSA",
                description="IFMSA was established in 1951. It has 133 member organizations "
                "from 123 countries.",
                source="dthlab",
                url=press,
                observed="2026-02-15",  # newer than the undated own page, seen on NOW
                kind="press_release",
            )
        ),
        now=LATER,
    )
    relations = extract_relations("DTH-Lab announces strategic partnerships with IFMSA and IPSF")
    archive.save_relations(
        db, relations, url=press, source="dthlab", observed="2026-02-15", now=LATER
    )
    db.close()
    return filled_archive


def test_orgs_shows_each_winning_fact_and_where_it_came_from(orgs_archive):
    result = invoke("orgs", "IFMSA", "--archive", str(orgs_archive))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("International Federation of Medical Students' Associations (IFMSA)")
    countries = next(line for line in lines if line.strip().startswith("countries:"))
    assert countries.split("[")[0].strip() == "countries: 123"
    assert "newer than the own page" in countries
    assert "https://www.dthlab.org/articles/partnerships (2026-02-15)" in countries
    assert any(line.strip().startswith("partner of DTH-Lab  [") for line in lines)
    assert "history" not in result.output


def test_orgs_history_lists_every_statement_newest_first(orgs_archive):
    result = invoke("orgs", "IFMSA", "--history", "--archive", str(orgs_archive))
    history = result.output.split("history (newest first):")[1].splitlines()
    countries = [line.strip() for line in history if line.strip().startswith("countries:")]
    assert countries[0].startswith("countries: 123  third party, https://www.dthlab.org/")
    assert countries[1].startswith("countries: more than 115  own, https://ifmsa.org/about-ifmsa/")
    assert "(undated, seen 2026-02-01)" in countries[1]


def test_orgs_json_with_and_without_history(orgs_archive):
    [profile] = json.loads(invoke("orgs", "ifmsa", "--json", "--archive", str(orgs_archive)).output)
    assert profile["facts"]["countries"]["value"] == 123
    assert profile["facts"]["countries"]["outranks"]["url"] == "https://ifmsa.org/about-ifmsa/"
    assert profile["own_hosts"] == ["ifmsa.org"]
    assert [(r["subject"], r["relation"], r["object"]) for r in profile["relations"]] == [
        ("DTH-Lab", "partner_of", "IFMSA")
    ]
    assert "history" not in profile
    result = invoke("orgs", "ifmsa", "--json", "--history", "--archive", str(orgs_archive))
    [profile] = json.loads(result.output)
    statements = [(s["fact"], s["value"], s["own"]) for s in profile["history"]]
    assert ("countries", 123, False) in statements
    assert ("countries", 115, True) in statements
    dates = [s["as_of"][:10] for s in profile["history"]]
    assert dates == sorted(dates, reverse=True)


def test_orgs_of_an_organisation_only_relations_name(orgs_archive):
    result = invoke("orgs", "ipsf", "--archive", str(orgs_archive))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("IPSF (-)  \n  no page describes it")
    assert "partner of DTH-Lab  [https://www.dthlab.org/articles/partnerships" in result.output
    assert invoke("orgs", "WHSA", "--archive", str(orgs_archive)).exit_code == 1


def test_sources_lists_configured_and_health(filled_archive):
    result = invoke("sources", "--json", "--archive", str(filled_archive))
    rows = {row["id"]: row for row in json.loads(result.output)}
    assert set(rows) >= {"dthlab", "ifmsa", "ipsf"}
    assert rows["dthlab"]["last_crawl"] is None


@pytest.fixture
def eastern_time(monkeypatch):
    """The machine's local zone is New York's: dates without a zone must still be UTC."""
    import time

    monkeypatch.setenv("TZ", "EST+5")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_since_without_zone_is_utc_whatever_the_local_zone(filled_archive, eastern_time):
    def titles(since):
        result = invoke("search", "--archive", str(filled_archive), "--since", since, "--json")
        return [row["title"] for row in json.loads(result.output)]

    assert "Partnership with DTH-Lab on digital health" in titles("2026-01-22T09:00")
    assert "Partnership with DTH-Lab on digital health" not in titles("2026-01-22T09:01")


def test_until_a_bare_date_includes_that_day(filled_archive):
    result = invoke("search", "--archive", str(filled_archive), "--until", "2026-01-22", "--json")
    assert "Partnership with DTH-Lab on digital health" in result.output


def test_search_day_filters_mean_the_publishers_day(tmp_path):
    path = tmp_path / "archive.db"
    db = archive.open_archive(path)
    archive.save_item(
        db,
        NewsItem(
            source="ifmsa",
            url="https://ifmsa.org/evening/",
            title="An evening post in Seattle",
            published="2020-04-07T17:10:46-07:00",  # April 8 in UTC
        ),
        now=NOW,
    )
    db.close()

    def titles(*args):
        result = invoke("search", "--archive", str(path), *args, "--json")
        assert result.exit_code == 0, result.output
        return [row["title"] for row in json.loads(result.output)]

    assert titles("--since", "2020-04-07", "--until", "2020-04-07") == [
        "An evening post in Seattle"
    ]
    assert titles("--since", "2020-04-08") == []
    assert titles("--since", "2020-04-08T00:00:00Z") == ["An evening post in Seattle"]


@pytest.mark.parametrize(
    "command", [["search", "x"], ["orgs"], ["sources"], ["publish", "--out", "OUT"]]
)
def test_readers_refuse_a_foreign_sqlite_file_and_never_change_it(tmp_path, command):
    import sqlite3

    path = tmp_path / "photos.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE photos (name TEXT)")
    before = path.read_bytes()
    args = [str(tmp_path / "out") if arg == "OUT" else arg for arg in command]
    result = invoke(*args, "--archive", str(path))
    assert result.exit_code == 2, result.output
    assert result.output.strip() == (
        f"Error: {path} is not a partnerwire archive (no schema_migrations table); "
        "choose another archive path"
    )
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["photos.db"]


def test_search_shows_the_shared_type_beside_the_label(filled_archive):
    result = invoke("search", "--archive", str(filled_archive), "--type", "statement", "--json")
    rows = json.loads(result.output)
    assert [(r["type"], r["content_type"]) for r in rows] == [("statement", "Statement")]
    table = invoke("search", "--archive", str(filled_archive), "--type", "Statement")
    assert "statement" in table.output
    assert "World Health Assembly" in table.output
