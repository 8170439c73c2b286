"""The current profile of an organisation (pipeline.archive.profiles through the archive's
queries) against a real SQLite file: precedence, history, relations, fact changes."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from pipeline.archive import (
    migrate,
    open_archive,
    query_fact_changes,
    query_organisations,
    query_profiles,
    save_profile,
    save_relations,
    save_source,
)
from pipeline.archive.migrations import MIGRATIONS
from pipeline.normalise import normalise_profile
from spiders.items import OrganisationProfile

T1, T2 = "2026-02-01T10:00:00+00:00", "2026-02-02T10:00:00+00:00"
IFMSA_NAME = "International Federation of Medical Students’ Associations"
OWN = "https://ifmsa.org/about-ifmsa/"
THIRD = "https://www.dthlab.org/articles/partnerships"


@pytest.fixture
def db(tmp_path):
    archive = open_archive(tmp_path / "archive.db")
    save_source(
        archive,
        {
            "id": "ifmsa",
            "name": "International Federation of Medical Students' Associations",
            "acronym": "IFMSA",
            "homepage": "https://ifmsa.org",
            "hosts": ["ifmsa.net"],
        },
    )
    yield archive
    archive.close()


def profile(description, url, observed=None, name=IFMSA_NAME, acronym="IFMSA", website=None):
    return normalise_profile(
        OrganisationProfile(
            name=name,
            acronym=acronym,
            description=description,
            source="ifmsa" if "ifmsa" in url else "dthlab",
            url=url,
            observed=observed,
            website=website,
            kind="organisation_page" if url == OWN else "press_release",
        )
    )


def members(count):
    return f"IFMSA was founded in 1951. IFMSA has {count} member organizations."


def current(db, name="IFMSA"):
    [found] = query_profiles(db, name)
    return found


def test_a_newer_third_party_statement_beats_the_own_page_and_both_stay_visible(db):
    save_profile(db, profile(members(124), OWN, observed="2023-03-14"), now=T1)
    save_profile(db, profile(members(133), THIRD, observed="2026-01-22"), now=T1)
    found = current(db)
    fact = found["facts"]["member_organisations"]
    assert (fact["value"], fact["url"], fact["own"]) == (133, THIRD, False)
    assert "newer" in fact["why"]
    assert fact["outranks"] == {"value": 124, "url": OWN, "as_of": "2023-03-14", "own": True}
    history = [(s["value"], s["url"], s["own"]) for s in found["history"]]
    assert [h for h in history if h[0] in (124, 133)] == [(133, THIRD, False), (124, OWN, True)]


def test_the_own_page_beats_an_older_third_party_statement(db):
    save_profile(db, profile(members(133), THIRD, observed="2026-01-22"), now=T1)
    save_profile(db, profile(members(140), OWN, observed="2026-03-01"), now=T2)
    fact = current(db)["facts"]["member_organisations"]
    assert (fact["value"], fact["url"], fact["why"]) == (140, OWN, "own page")
    assert fact["outranks"]["value"] == 133


def test_on_the_same_day_the_own_page_wins(db):
    save_profile(db, profile(members(133), THIRD, observed="2026-01-22"), now=T1)
    save_profile(db, profile(members(130), OWN, observed="2026-01-22T18:00:00+01:00"), now=T1)
    assert current(db)["facts"]["member_organisations"]["value"] == 130


def test_an_undated_own_page_counts_from_when_it_was_first_seen(db):
    save_profile(db, profile(members(133), THIRD, observed="2026-01-22"), now=T1)
    save_profile(db, profile(members(135), OWN), now=T2)
    fact = current(db)["facts"]["member_organisations"]
    assert (fact["value"], fact["observed"], fact["as_of"]) == (135, None, T2)


def test_agreeing_statements_credit_the_own_page(db):
    save_profile(db, profile(members(124), OWN, observed="2023-03-14"), now=T1)
    save_profile(db, profile(members(133), THIRD, observed="2026-01-22"), now=T1)
    founded = current(db)["facts"]["founded_year"]
    assert (founded["value"], founded["url"], founded["why"]) == (1951, OWN, "own page")
    assert "outranks" not in founded


def test_the_sources_other_hosts_are_its_own_site_too(db):
    save_profile(db, profile(members(124), OWN, observed="2023-03-14"), now=T1)
    other_host = "https://www.ifmsa.net/news/x/"
    save_profile(db, profile(members(150), other_host, observed="2026-04-01"), now=T1)
    found = current(db)
    assert found["own_hosts"] == ["ifmsa.net", "ifmsa.org"]
    assert found["facts"]["member_organisations"]["own"] is True


def test_an_organisation_that_is_no_source_owns_the_website_its_profile_names(db):
    iads = {"name": "International Association of Dental Students", "acronym": "IADS"}
    press = "https://www.ivsa.org/statement/"
    own = "https://www.iads-web.org/about/"
    text = "IADS was founded in 1951. IADS has {} member organisations."
    save_profile(db, profile(text.format(60), own, website="https://iads-web.org", **iads), now=T1)
    save_profile(db, profile(text.format(70), press, observed="2020-01-01", **iads), now=T2)
    found = current(db, "IADS")
    assert found["own_hosts"] == ["iads-web.org"]
    fact = found["facts"]["member_organisations"]
    assert (fact["value"], fact["own"]) == (60, True)  # undated own page, seen later


def test_the_name_shown_is_the_sources_and_every_spelling_is_kept(db):
    save_profile(db, profile(members(124), THIRD, name="Intl. Federation of Med Students"), now=T1)
    save_profile(db, profile(members(124), OWN), now=T2)
    found = current(db)
    assert found["name"] == "International Federation of Medical Students' Associations"
    assert found["names"] == [
        "International Federation of Medical Students' Associations",
        "Intl. Federation of Med Students",
    ]


def test_a_name_without_acronym_finds_its_organisation_whatever_the_apostrophe(db):
    msf = "Médecins Sans Frontières Students’ Network"
    save_profile(db, profile("It was founded in 1990.", THIRD, name=msf, acronym=None), now=T1)
    straight = msf.replace("’", "'")
    status = save_profile(
        db,
        profile("It was founded in 1991.", "https://b.org/", name=straight, acronym=None),
        now=T2,
    )
    assert status == "changed"
    [org] = query_organisations(db, "students' network")
    assert org["name"] == msf  # shown as first published
    assert len(query_profiles(db, "MEDECINS SANS FRONTIERES")) == 1


def test_relations_are_kept_once_per_page_with_names_filled_in_later(db):
    save_profile(db, profile(members(124), OWN), now=T1)
    stated = [
        {"subject": "IFMSA", "subject_name": None, "relation": "member_of", "object": "WHSA"},
        {"subject": "IADS", "subject_name": None, "relation": "member_of", "object": "WHSA"},
    ]
    assert save_relations(db, stated, url=OWN, source="ifmsa", observed="2023-03-14", now=T1) == 2
    named = [{**stated[0], "subject_name": IFMSA_NAME, "object_name": "WHSA alliance"}]
    assert save_relations(db, named, url=OWN, source="ifmsa", observed=None, now=T2) == 0
    relations = current(db)["relations"]
    assert [(r["subject"], r["object"], r["url"]) for r in relations] == [("IFMSA", "WHSA", OWN)]
    assert (relations[0]["subject_name"], relations[0]["observed"]) == (IFMSA_NAME, "2023-03-14")
    assert relations[0]["seen_at"] == T1


def test_fact_changes_follow_the_winning_value(db):
    save_profile(db, profile(members(124), OWN, observed="2023-03-14"), now=T1)
    save_profile(db, profile(members(133), THIRD, observed="2026-01-22"), now=T1)
    save_profile(
        db, profile(members(133), OWN.replace("about", "news"), observed="2026-01-23"), now=T2
    )
    [change] = query_fact_changes(db)
    assert (change["organisation"], change["fact"]) == ("IFMSA", "member_organisations")
    assert (change["old"]["value"], change["old"]["url"]) == (124, OWN)
    assert (change["new"]["value"], change["new"]["url"]) == (133, THIRD)


def test_migration_8_gives_older_observations_their_organisations_name(tmp_path):
    path = tmp_path / "old.db"
    old = Database(path)
    migrate(old, [m for m in MIGRATIONS if m[0] < 8])
    old["organisations"].insert(
        {"id": 1, "name": IFMSA_NAME, "acronym": "IFMSA", "first_seen": T1, "last_seen": T1}
    )
    old["org_observations"].insert(
        {"organisation_id": 1, "url": OWN, "seen_at": T1, "description_hash": "x"}
    )
    old.close()
    db = open_archive(path)
    [row] = db.query("SELECT name, acronym, website FROM org_observations")
    assert row == {"name": IFMSA_NAME, "acronym": "IFMSA", "website": None}
    assert "relations" in db.table_names()
    db.close()
