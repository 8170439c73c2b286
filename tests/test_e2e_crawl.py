"""End to end: the real Scrapy engine crawls the offline snapshot on 127.0.0.1 into a real
SQLite archive (one fresh process per crawl, as a user's cron job would run it)."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
import sqlite_utils

from pipeline import archive
from tests.helpers import (
    FAST_CRAWL,
    base_url_args,
    configured_sources,
    free_port,
    run_cli,
    seed_listing,
)

pytestmark = pytest.mark.e2e

ANNOUNCEMENT = (
    "DTH-Lab announces strategic partnerships with IFMSA and IPSF to strengthen the "
    "future health workforce"
)


@pytest.fixture(scope="module")
def crawled(snapshot, tmp_path_factory):
    """Crawl every source of sources.toml (all served by the snapshot) twice into one
    archive; keep both runs' output."""
    folder = tmp_path_factory.mktemp("e2e")
    archive_path = folder / "archive.db"
    args = ["crawl", "--archive", str(archive_path), *base_url_args(snapshot), *FAST_CRAWL]
    first = run_cli(*args, check=True)
    db = sqlite_utils.Database(archive_path)
    items_after_first = db["items"].count
    versions_after_first = db["item_versions"].count
    observations_after_first = db["org_observations"].count
    relations_after_first = db["relations"].count
    db.close()
    second = run_cli(*args, check=True)
    return {
        "path": archive_path,
        "sources": configured_sources(),
        "first": first,
        "second": second,
        "items_after_first": items_after_first,
        "versions_after_first": versions_after_first,
        "observations_after_first": observations_after_first,
        "relations_after_first": relations_after_first,
    }


@pytest.fixture
def db(crawled):
    database = sqlite_utils.Database(crawled["path"])
    yield database
    database.close()


def items_of(db, source):
    return list(db.query("select * from items where source = ?", [source]))


def test_announcement_on_dthlab(db):
    rows = [r for r in items_of(db, "dthlab") if r["title"] == ANNOUNCEMENT]
    assert len(rows) == 1
    row = rows[0]
    assert row["published"].startswith("2026-01-22")
    assert row["content_type"] == "News & insights"
    assert row["canonical_url"].startswith("https://www.dthlab.org/articles/")
    assert "five years of close collaboration" in row["text"]
    assert "Aferdita Bytyqi" in row["text"]
    assert "No items found." not in row["text"]
    assert "By -" not in row["text"]
    assert "<script" not in (row["content_html"] or "")


@pytest.mark.parametrize(("content_type", "date_text", "title"), seed_listing())
def test_every_listing_entry_is_an_item(db, content_type, date_text, title):
    rows = [r for r in items_of(db, "dthlab") if r["title"] == title]
    assert len(rows) == 1, f"{title!r} not archived exactly once"
    expected_day = datetime.strptime(date_text, "%B %d, %Y").date().isoformat()
    assert (rows[0]["published"] or "").startswith(expected_day)
    assert rows[0]["content_type"] == content_type
    assert rows[0]["canonical_url"].startswith("https://www.dthlab.org/articles/")


def test_wordpress_and_drupal_items(db):
    ifmsa = items_of(db, "ifmsa")
    ipsf = items_of(db, "ipsf")
    assert len(ifmsa) >= 11  # more than one REST page
    assert len(ipsf) >= 4
    assert all(r["canonical_url"].startswith("https://ifmsa.org/") for r in ifmsa)
    assert all(r["canonical_url"].startswith("https://www.ipsf.org/") for r in ipsf)
    assert all(r["published"] for r in ifmsa + ipsf)
    assert any(r["title"].casefold() == ANNOUNCEMENT.casefold() for r in ifmsa)
    assert any(r["title"].casefold() == ANNOUNCEMENT.casefold() for r in ipsf)


def test_widgets_are_not_content(db):
    for row in items_of(db, "ifmsa"):
        assert "Enquire now" not in (row["text"] or ""), row["canonical_url"]


def test_drupal_aliases_fold_into_one_item(db):
    ipsf = items_of(db, "ipsf")
    urls = [r["canonical_url"] for r in ipsf]
    assert len(urls) == len(set(urls))
    assert not any("/node/" in url or "/es/" in url for url in urls), urls
    titles = [r["title"].casefold() for r in ipsf]
    assert len(titles) == len(set(titles)), "the same node was archived twice"


def observations(db, acronym):
    org = db.execute("select id from organisations where acronym = ?", [acronym]).fetchone()
    assert org, f"no organisation {acronym}"
    return list(db.query("select * from org_observations where organisation_id = ?", [org[0]]))


def test_ifmsa_profile_keeps_both_observations(db):
    rows = observations(db, "IFMSA")
    own = [r for r in rows if r["url"].startswith("https://ifmsa.org/about")]
    press = [r for r in rows if r["url"].startswith("https://www.dthlab.org/articles/")]
    assert own, rows
    assert press, rows
    assert (own[0]["member_organisations"], own[0]["countries"]) == (124, 115)
    assert own[0]["founded_year"] == 1951
    assert own[0]["people_represented"] == 1_000_000
    assert (press[0]["member_organisations"], press[0]["countries"]) == (133, 123)
    assert press[0]["founded_year"] == 1951
    assert press[0]["observed"].startswith("2026-01-22")
    assert json.loads(own[0]["facts"])["countries"]["qualifier"] == "more than"
    related = json.loads(own[0]["related_organisations"])
    assert set(related) == {"IADS", "IPSF", "IVSA"}  # the WHSA, less IFMSA itself


def test_ipsf_facts(db):
    rows = observations(db, "IPSF")
    assert any(r["url"].startswith("https://www.ipsf.org/about") for r in rows)
    assert not any("/es/" in r["url"] or "/node/" in r["url"] for r in rows)
    for row in rows:
        assert row["founded_year"] == 1949
        assert row["people_represented"] == 600_000
        assert row["countries"] == 100
        assert row["member_organisations"] == 130


def test_dthlab_profile_from_its_press_release(db):
    rows = observations(db, "DTH-Lab")
    assert set(json.loads(rows[0]["based_in"])) == {"Switzerland", "Nigeria", "India"}


IVSA_STATEMENT = "One Health Day 2025: joint statement of the World Health Students' Alliance"


def test_ivsa_items_come_from_the_feed_when_rest_is_blocked(db):
    ivsa = {r["canonical_url"]: r for r in items_of(db, "ivsa")}
    assert len(ivsa) == 5, sorted(ivsa)
    assert all(url.startswith("https://www.ivsa.org/") for url in ivsa)
    assert all(r["published"] for r in ivsa.values())
    covid = ivsa["https://www.ivsa.org/covid-19-ivsa-announcement/"]
    assert covid["published"].startswith("2020-03-16")
    statement = [r for r in ivsa.values() if r["title"] == IVSA_STATEMENT]
    assert len(statement) == 1
    assert statement[0]["published"].startswith("2025-11-03")
    assert "International Association of Dental Students (IADS)" in statement[0]["text"]


def test_ivsa_blocked_rest_api_is_a_fall_back_not_an_error(db):
    for run in db.query("select * from crawl_runs where source = 'ivsa'"):
        assert run["status"] == "ok", run["error_messages"]
        assert run["errors"] == 0, run["error_messages"]
        assert "http_401" not in (run["errors_by_kind"] or "")


def test_ivsa_profile_from_its_faq(db):
    rows = observations(db, "IVSA")
    org = db.execute("select name from organisations where acronym = 'IVSA'").fetchone()
    assert org[0] == "International Veterinary Students' Association"  # not the heading "FAQ"
    faq = [r for r in rows if r["url"] == "https://www.ivsa.org/faq/"]
    assert len(faq) == 1, [r["url"] for r in rows]
    assert faq[0]["kind"] == "organisation_page"
    assert "To benefit the animals and people of the world" in faq[0]["description"]
    assert faq[0]["founded_year"] == 1953
    assert (faq[0]["people_represented"], faq[0]["countries"]) == (40_000, 70)
    assert json.loads(faq[0]["facts"])["countries"]["qualifier"] == "over"
    assert set(json.loads(faq[0]["related_organisations"])) == {"IADS", "IFMSA", "IPSF"}
    assert any(r["url"] == "https://www.ivsa.org/about-us/" for r in rows)
    assert not db.execute("select 1 from organisations where acronym = 'FAQ'").fetchone()


def test_ivsa_whsa_statement_relates_it_to_the_alliance(db):
    rows = [r for r in observations(db, "IVSA") if r["kind"] == "press_release"]
    assert len(rows) == 1
    assert rows[0]["url"].startswith("https://www.ivsa.org/one-health-day-2025-")
    assert rows[0]["founded_year"] == 1953
    assert rows[0]["observed"].startswith("2025-11-0")
    assert set(json.loads(rows[0]["related_organisations"])) == {"IADS", "IFMSA", "IPSF"}


def test_second_crawl_adds_no_rows(crawled, db):
    assert db["items"].count == crawled["items_after_first"]
    assert db["item_versions"].count == crawled["versions_after_first"]
    assert db["org_observations"].count == crawled["observations_after_first"]
    assert db["relations"].count == crawled["relations_after_first"]
    crawled_sources = len(crawled["sources"])
    runs = list(db.query("select * from crawl_runs order by id"))
    assert len(runs) == 2 * crawled_sources  # one row per source per crawl
    for run in runs[crawled_sources:]:
        assert run["items_new"] == 0, run
        assert run["items_updated"] == 0, run
        assert run["items_unchanged"] > 0
        assert run["pages_not_modified"] > 0  # conditional requests answered 304


def test_crawl_runs_are_healthy(db):
    for run in db.query("select * from crawl_runs"):
        assert run["status"] == "ok", (run["source"], run["error_messages"])
        assert run["pages"] > 0


def test_summary_names_every_source(crawled):
    out = crawled["first"].stdout
    for source in crawled["sources"]:
        assert source in out
    assert "Traceback" not in crawled["first"].stderr


def test_fts_finds_items(db):
    rows = list(
        db.query(
            "select items.title from items join items_fts on items_fts.rowid = items.id "
            "where items_fts match ?",
            ["intergenerational"],
        )
    )
    assert rows


def test_dead_site_is_recorded_and_others_go_on(snapshot, tmp_path):
    archive_path = tmp_path / "archive.db"
    dead = {**snapshot, "ipsf": f"http://127.0.0.1:{free_port()}"}
    result = run_cli(
        "crawl",
        "--archive",
        str(archive_path),
        *base_url_args(dead),
        *FAST_CRAWL,
        "-s",
        "RETRY_TIMES=0",
    )
    assert result.returncode == 1, result.stderr  # some sources failed
    assert result.stderr == ""  # no Scrapy tracebacks, no warnings: the summary says it all
    db = sqlite_utils.Database(archive_path)
    runs = {r["source"]: r for r in db.query("select * from crawl_runs")}
    assert runs["ipsf"]["status"] == "failed"
    assert "connection_refused" in json.loads(runs["ipsf"]["errors_by_kind"])
    assert runs["dthlab"]["status"] == "ok"
    assert db.execute("select count(*) from items where source='ifmsa'").fetchone()[0] > 0
    assert "failed" in next(line for line in result.stdout.splitlines() if "ipsf" in line)


def test_crawl_one_source_only(snapshot, tmp_path):
    archive_path = tmp_path / "archive.db"
    run_cli(
        "crawl",
        "ifmsa",
        "--archive",
        str(archive_path),
        *base_url_args(snapshot),
        *FAST_CRAWL,
        check=True,
    )
    db = sqlite_utils.Database(archive_path)
    assert {r["source"] for r in db.query("select distinct source from items")} == {"ifmsa"}


def test_the_snapshot_as_configured_has_not_drifted(db):
    """DTH-Lab's switched-off feed (404, no replacement) is a way the site does not offer,
    not drift: nothing is healed on the snapshot sources.toml was written for."""
    from spiders.sources import load_sources

    for run in db.query("select source, platform, drift, errors_by_kind from crawl_runs"):
        assert json.loads(run["drift"]) == [], run
        assert "config_drift" not in json.loads(run["errors_by_kind"]), run
        assert run["platform"] == load_sources()[run["source"]].platform


def test_relations_with_their_pages(crawled):
    db = archive.open_archive_readonly(crawled["path"])
    try:
        relations = archive.query_relations(db)
        [ifmsa] = archive.query_profiles(db, "IFMSA")
    finally:
        db.close()
    stated = {(r["subject"], r["relation"], r["object"], r["url"]) for r in relations}
    about = "https://ifmsa.org/about-ifmsa/"
    assert {(m, "member_of", "WHSA", about) for m in ("IADS", "IFMSA", "IPSF", "IVSA")} <= stated
    partners = {(r["object"], r["url"]) for r in relations if r["relation"] == "partner_of"}
    dthlab = [url for _, url in partners if url.startswith("https://www.dthlab.org/articles/")]
    assert {o for o, url in partners if url in dthlab} == {"IFMSA", "IPSF"}
    assert all(r["subject"] == "DTH-Lab" for r in relations if r["relation"] == "partner_of")
    assert {r["object"] for r in ifmsa["relations"]} >= {"WHSA", "IFMSA"}


def test_ifmsa_profile_prefers_its_own_site(crawled):
    db = archive.open_archive_readonly(crawled["path"])
    try:
        [ifmsa] = archive.query_profiles(db, "IFMSA")
    finally:
        db.close()
    assert ifmsa["name"] == "International Federation of Medical Students' Associations"
    assert ifmsa["own_hosts"] == ["ifmsa.org"]
    members = ifmsa["facts"]["member_organisations"]
    assert members["value"] == 133  # the newest statement; IFMSA's own copy of the release
    assert members["url"].startswith("https://ifmsa.org/")
    assert members["own"]
    statements = [(s["value"], s["own"]) for s in ifmsa["history"]]
    assert (124, True) in statements  # the older own page stays visible
    assert (133, False) in statements  # and so does DTH-Lab's
