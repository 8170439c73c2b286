"""End to end: a configuration that drifted heals, loudly.

``tests/data/variant_sites/dthmoved`` and ``ifmsamoved`` are the snapshot's DTH-Lab and
IFMSA with pages moved as on the real sites (``/news-insights`` -> ``/news``,
``/about-ifmsa/`` -> ``/about-us/``). They are crawled for real, in a fresh process, with
the project's CURRENT ``sources.toml``: the crawl finds the replacements, archives every
item and the organisation's own description, records the drift with both paths, is not
``ok`` (exit code 1), and ``partnerwire sources`` shows it. Nothing is mocked.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils

from pipeline.demo import serve_snapshot
from tests.helpers import FAST_CRAWL, REPO, run_cli, sources_toml

pytestmark = pytest.mark.e2e

VARIANT_SITES = REPO / "tests" / "data" / "variant_sites"
MOVED = {"dthlab": "dthmoved", "ifmsa": "ifmsamoved"}
DTHLAB_DRIFT = "listing /news-insights is gone; found /news"
IFMSA_DRIFT = "organisation page /about-ifmsa/ is gone; found /about-us/"


@pytest.fixture(scope="module")
def sites() -> Iterator[dict[str, str]]:
    with serve_snapshot(root=VARIANT_SITES) as server:
        yield server.base_urls


def crawl(archive: Path, sites: dict[str, str], *args: str) -> dict:
    bases = [f"--base-url={source}={sites[folder]}" for source, folder in MOVED.items()]
    result = run_cli("crawl", *MOVED, "--archive", str(archive), *bases, *FAST_CRAWL, *args)
    db = sqlite_utils.Database(archive)
    runs = {row["source"]: row for row in db.query("select * from crawl_runs")}
    items: dict[str, set[str]] = {}
    for row in db.query("select source, canonical_url from items"):
        items.setdefault(row["source"], set()).add(row["canonical_url"])
    observations = list(
        db.query(
            "select o.acronym, x.* from org_observations x "
            "join organisations o on o.id = x.organisation_id"
        )
    )
    db.close()
    return {"result": result, "runs": runs, "items": items, "observations": observations}


@pytest.fixture(scope="module")
def drifted(sites, tmp_path_factory) -> dict:
    archive = tmp_path_factory.mktemp("drift") / "archive.db"
    return {"archive": archive, **crawl(archive, sites)}


def announced(folder: str, homepage: str) -> set[str]:
    """Every news item URL the variant's sitemaps list (read from its files)."""
    root = VARIANT_SITES / folder
    urls: set[str] = set()
    for sitemap in ("sitemap.xml", "post-sitemap.xml"):
        if (root / sitemap).is_file():
            urls |= set(re.findall(r"<loc>([^<]+)</loc>", (root / sitemap).read_text("utf-8")))
    if folder == "dthmoved":
        return {u for u in urls if u.startswith(f"{homepage}/articles/")}
    return urls - {f"{homepage}/"}


def test_the_drift_is_recorded_with_both_paths(drifted):
    runs = drifted["runs"]
    assert json.loads(runs["dthlab"]["drift"]) == [DTHLAB_DRIFT]
    assert json.loads(runs["ifmsa"]["drift"]) == [IFMSA_DRIFT]
    for run in runs.values():
        assert json.loads(run["errors_by_kind"]) == {"config_drift": 1}
        assert run["status"] == "partial"  # healed, nothing lost, but the user must notice


def test_the_crawl_says_it_and_exits_1(drifted):
    result = drifted["result"]
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"! config_drift: {DTHLAB_DRIFT}" in result.stdout
    assert f"! config_drift: {IFMSA_DRIFT}" in result.stdout
    assert "partnerwire add https://ifmsa.org --update ifmsa" in result.stdout


def test_nothing_is_lost(drifted):
    items = drifted["items"]
    assert items["dthlab"] == announced("dthmoved", "https://www.dthlab.org")
    assert len(items["dthlab"]) == 20
    assert items["ifmsa"] == announced("ifmsamoved", "https://ifmsa.org")
    assert len(items["ifmsa"]) == 12
    # the new listing; a first crawl also walks the sitemap, but every page it lists was
    # read from the listing already: it gave no item, so it is no way used
    assert json.loads(drifted["runs"]["dthlab"]["methods"]) == ["listing"]


def test_the_organisations_own_description_is_read(drifted):
    own = [
        o
        for o in drifted["observations"]
        if o["acronym"] == "IFMSA" and o["kind"] == "organisation_page"
    ]
    assert [o["url"] for o in own] == ["https://ifmsa.org/about-us/"]
    assert (own[0]["member_organisations"], own[0]["countries"]) == (124, 115)


def test_sources_shows_the_drift(drifted):
    archive = str(drifted["archive"])
    text = run_cli("sources", "--archive", archive, check=True).stdout
    assert f"config_drift: {DTHLAB_DRIFT}" in text
    assert f"config_drift: {IFMSA_DRIFT}" in text
    assert "rewrite the entry: partnerwire add https://www.dthlab.org --update dthlab" in text
    header, *rows = text.splitlines()
    assert "drift" in header.split()
    rows_by_id = {row.split()[0]: row for row in rows if row and not row.startswith(" ")}
    assert rows_by_id["ipsf"].rstrip().endswith("never")  # not crawled: no drift
    listed = json.loads(run_cli("sources", "--archive", archive, "--json", check=True).stdout)
    drift = {row["id"]: row["drift"] for row in listed}
    assert drift == {
        "dthlab": [DTHLAB_DRIFT],
        "ifmsa": [IFMSA_DRIFT],
        "iads": [],
        "ipsf": [],
        "ivsa": [],
    }
    assert {row["id"]: row["crawled_as"] for row in listed}["ifmsa"] == "wordpress"


def test_a_page_gone_with_no_replacement_is_said_and_not_ok(sites, tmp_path):
    """An organisation page nothing replaces: the homepage's "About" link is dead too and no
    sitemap page looks like it, so no page is taken for it (not even a press release whose
    address names the organisation)."""
    sources = tmp_path / "sources.toml"
    sources.write_text(
        "[sources.dthlab]\n"
        'name = "Digital Transformations for Health Lab"\n'
        'homepage = "https://www.dthlab.org"\n'
        'platform = "webflow"\n'
        'collect = ["sitemap"]\n'
        'sitemap = "/sitemap.xml"\n'
        'item_patterns = ["^/articles/[^/]+$"]\n'
        'organisation_pages = ["/about-dth-lab"]\n',
        encoding="utf-8",
    )
    archive = tmp_path / "archive.db"
    result = run_cli(
        "crawl",
        "--sources",
        str(sources),
        "--archive",
        str(archive),
        f"--base-url=dthlab={sites['dthmoved']}",
        *FAST_CRAWL,
    )
    assert result.returncode == 1
    db = sqlite_utils.Database(archive)
    [run] = list(db.query("select * from crawl_runs"))
    assert json.loads(run["drift"]) == [
        "organisation page /about-dth-lab is gone; no replacement found"
    ]
    assert run["status"] == "partial"
    assert db.execute("select count(*) from items").fetchone()[0] == 20


ASSO = {
    "assofeed": """
        name = "Association des étudiants en santé (feed)"
        homepage = "https://asso-variant.example"
        platform = "auto"
        collect = ["feed"]
        feed = "/rss.xml"
        organisation_pages = ["/a-propos"]
    """,
    "assositemap": """
        name = "Association des étudiants en santé (sitemap)"
        homepage = "https://asso-variant.example"
        platform = "auto"
        collect = ["sitemap"]
        sitemap = "/sitemap.xml"
        item_patterns = ["^/actualites/[^/]+$"]
    """,
    "assolisting": """
        name = "Association des étudiants en santé (listing)"
        homepage = "https://asso-variant.example"
        platform = "generic"
        collect = ["listing"]
        listings = ["/news"]
    """,
    "assoempty": """
        name = "Association des étudiants en santé (a listing that lists nothing)"
        homepage = "https://asso-variant.example"
        platform = "generic"
        collect = ["listing"]
        listings = ["/qui-sommes-nous"]
    """,
}


def test_guessed_paths_heal_on_a_site_nobody_here_configured(sites, tmp_path):
    """A French Drupal association (``assovariant``, built for ``add``) configured with the
    usual guesses, all wrong: its feed is named only by ``<link rel=alternate>``, its
    sitemap only by robots.txt, its listing and about page only by French menu links.
    Each is found, used and recorded; every item is archived."""
    sources = tmp_path / "sources.toml"
    sources.write_text(sources_toml(ASSO), encoding="utf-8")
    archive = tmp_path / "archive.db"
    bases = [f"--base-url={sid}={sites['assovariant']}" for sid in ASSO]
    result = run_cli(
        "crawl", "--sources", str(sources), "--archive", str(archive), *bases, *FAST_CRAWL
    )
    assert result.returncode == 1, result.stdout + result.stderr
    db = sqlite_utils.Database(archive)
    runs = {row["source"]: row for row in db.query("select * from crawl_runs")}
    urls = {row["canonical_url"] for row in db.query("select canonical_url from items")}
    own = [
        r["url"]
        for r in db.query("select url from org_observations where kind = ?", ["organisation_page"])
    ]
    db.close()
    assert set(json.loads(runs["assofeed"]["drift"])) == {
        "feed /rss.xml is gone; found /actualites/flux.xml",
        "organisation page /a-propos is gone; found /qui-sommes-nous",
    }
    assert json.loads(runs["assositemap"]["drift"]) == [
        "sitemap /sitemap.xml is gone; found /plan-du-site.xml"
    ]
    assert json.loads(runs["assolisting"]["drift"]) == ["listing /news is gone; found /actualites"]
    assert json.loads(runs["assoempty"]["drift"]) == [
        "listing /qui-sommes-nous has no entries; found /actualites"
    ]
    assert runs["assofeed"]["platform"] == "drupal"
    archived = {
        sid: run["items_new"] + run["items_updated"] + run["items_unchanged"]
        for sid, run in runs.items()
    }  # the three share one site, so each item row is one URL whichever source saw it
    # the feed lists 5 of the 7 news items: a first crawl backfills the other 2 from the
    # sitemap robots.txt names (its listing and about page are classified, not news)
    assert archived == {"assofeed": 7, "assositemap": 7, "assolisting": 7, "assoempty": 7}
    assert len(urls) == 7
    assert own == ["https://asso-variant.example/qui-sommes-nous"]
    for run in runs.values():
        assert run["status"] == "partial"
        assert set(json.loads(run["errors_by_kind"])) == {"config_drift"}
