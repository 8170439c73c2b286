"""End to end: ``partnerwire add`` on every site of the snapshot and on variants whose paths
appear in no ``sources.toml``; the entry it writes crawls what the hand-written one does.

Each site is probed for real over HTTP on 127.0.0.1 (``--base-url``, the entry keeping the
public homepage), written with ``--write`` into a new sources file, then crawled with that
file in a fresh process; the hand-written entries are crawled the same way, and the two
archives must hold the same item URLs, and the organisation page must be read.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import sqlite_utils

from pipeline.demo import serve_snapshot
from spiders.sources import load_sources
from tests.helpers import FAST_CRAWL, REPO, run_cli

pytestmark = pytest.mark.e2e

SNAPSHOT_SITES = sorted(p.name for p in (REPO / "tests" / "sites").iterdir() if p.is_dir())
VARIANT_SITES = REPO / "tests" / "data" / "variant_sites"
# the variants as a person would configure them by hand, knowing their paths
HAND_WRITTEN_VARIANTS = """
[sources.assovariant]
name = "Association des Étudiants en Santé"
acronym = "AES"
homepage = "https://asso-variant.example"
platform = "drupal"
language = "fr"
collect = ["listing"]
listings = ["/actualites"]
item_patterns = ["^/actualites/[^/]+$"]
organisation_pages = ["/qui-sommes-nous"]

[sources.wpvariant]
name = "Wire Partner"
homepage = "https://wp-variant.example"
platform = "wordpress"
language = "en"
collect = ["feed"]
feed = "/feed/"
organisation_pages = ["/who-we-are/"]

[sources.dthvariant]
name = "Digital Transformations for Health Lab (variant)"
acronym = "DTH-Lab"
homepage = "https://dthlab-variant.example"
platform = "webflow"
language = "en"
collect = ["listing"]
listings = ["/news"]
item_patterns = ["^/insights/[^/]+$"]
organisation_pages = ["/about"]
"""


def add(sources: Path, source_id: str, homepage: str, base_url: str, *more: str):
    return run_cli(
        "add", homepage, "--base-url", base_url, "--sources", str(sources), "--id", source_id,
        "--write", *more,
    )  # fmt: skip


def crawl(folder: Path, sources: Path, base_urls: dict[str, str]) -> dict[str, dict]:
    """Crawl every source of ``sources`` into a new archive: {source: {"items": item
    URLs, "organisation_urls": pages observed as the organisation's own, "status"}}."""
    archive = folder / f"{sources.stem}.db"
    bases = [a for sid, url in base_urls.items() for a in ("--base-url", f"{sid}={url}")]
    result = run_cli(
        "crawl", "--sources", str(sources), "--archive", str(archive), *bases, *FAST_CRAWL
    )
    assert result.returncode in (0, 1), result.stdout + result.stderr
    db = sqlite_utils.Database(archive)
    out: dict[str, dict] = {}
    for source_id in base_urls:
        items = {r["url"] for r in db.query("select url from items where source = ?", [source_id])}
        own = {
            r["url"]
            for r in db.query(
                "select url from org_observations where source = ? and kind != 'about_section'",
                [source_id],
            )
        }
        runs = list(db.query("select status from crawl_runs where source = ?", [source_id]))
        out[source_id] = {"items": items, "organisation_urls": own, "status": runs[-1]["status"]}
    db.close()
    return out


@pytest.fixture(scope="module")
def variant_sites():
    with serve_snapshot(root=VARIANT_SITES) as server:
        yield server.base_urls


@pytest.fixture(scope="module")
def snapshot_runs(snapshot, tmp_path_factory):
    """Every snapshot site added from its homepage alone, then both configurations crawled."""
    folder = tmp_path_factory.mktemp("add_snapshot")
    configured = load_sources(REPO / "sources.toml")
    written = folder / "written.toml"
    adds = {}
    for site in SNAPSHOT_SITES:
        if site in configured and site in snapshot:
            adds[site] = add(written, site, configured[site].homepage, snapshot[site])
    bases = {site: snapshot[site] for site in adds}
    hand = folder / "hand.toml"
    hand.write_text(
        (REPO / "sources.toml").read_text("utf-8"), encoding="utf-8"
    )  # every configured source is crawled, each from the snapshot
    missing = set(configured) - set(snapshot)
    assert not missing, f"no snapshot for {missing}: the crawl would fetch the live site"
    return {
        "adds": adds,
        "written": written,
        "hand": crawl(folder, hand, {sid: snapshot[sid] for sid in configured}),
        "mine": crawl(folder, written, bases),
        "configured": configured,
    }


@pytest.mark.parametrize("site", SNAPSHOT_SITES)
def test_add_writes_an_entry_that_collects_what_the_hand_written_one_does(snapshot_runs, site):
    if site not in snapshot_runs["adds"]:
        pytest.skip(f"{site} is not configured in sources.toml on this branch")
    result = snapshot_runs["adds"][site]
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"added [sources.{site}]" in result.stdout
    hand, mine = snapshot_runs["hand"][site], snapshot_runs["mine"][site]
    assert hand["items"], hand
    assert mine["items"] == hand["items"], (
        sorted(mine["items"] ^ hand["items"]),
        result.stdout,
    )
    assert mine["status"] == "ok"
    configured = snapshot_runs["configured"][site]
    if configured.organisation_pages:
        assert mine["organisation_urls"], result.stdout
        assert mine["organisation_urls"] <= hand["organisation_urls"]


def test_the_written_file_loads_and_says_why(snapshot_runs):
    sources = load_sources(snapshot_runs["written"])
    assert set(sources) == set(snapshot_runs["adds"])
    configured = snapshot_runs["configured"]
    for site, source in sources.items():
        assert source.homepage == configured[site].homepage  # never the 127.0.0.1 address
        assert source.language == "en"
        assert source.collect
    stdout = {site: r.stdout for site, r in snapshot_runs["adds"].items()}
    assert "platform: webflow (generator meta 'Webflow')" in stdout["dthlab"]
    assert "rest: /wp-json/wp/v2/posts answered 401" in stdout["ivsa"]
    assert sources["ivsa"].collect[0] == "feed"
    assert sources["ifmsa"].collect[0] == "rest"
    assert "/about-ifmsa/" in sources["ifmsa"].organisation_pages
    assert sources["ipsf"].organisation_pages == ("/about-us",)
    assert sources["dthlab"].listings == ("/news-insights",)
    assert sources["ivsa"].listings == ("/",)  # its homepage lists the posts, /news/ is gone


@pytest.fixture(scope="module")
def variant_runs(variant_sites, tmp_path_factory):
    folder = tmp_path_factory.mktemp("add_variants")
    hand = folder / "hand.toml"
    hand.write_text(HAND_WRITTEN_VARIANTS, encoding="utf-8")
    configured = load_sources(hand)
    written = folder / "written.toml"
    bases = {sid: variant_sites[sid] for sid in configured}
    adds = {
        sid: add(written, sid, source.homepage, bases[sid]) for sid, source in configured.items()
    }
    return {
        "adds": adds,
        "written": written,
        "hand": crawl(folder, hand, bases),
        "mine": crawl(folder, written, bases),
    }


@pytest.mark.parametrize("site", ["assovariant", "dthvariant", "wpvariant"])
def test_add_finds_paths_nobody_configured(variant_runs, site):
    result = variant_runs["adds"][site]
    assert result.returncode == 0, result.stdout + result.stderr
    hand, mine = variant_runs["hand"][site], variant_runs["mine"][site]
    assert len(hand["items"]) >= 6
    assert mine["items"] == hand["items"], (sorted(mine["items"] ^ hand["items"]), result.stdout)
    assert mine["status"] == "ok"
    assert mine["organisation_urls"] == hand["organisation_urls"] != set()


def test_the_french_drupal_variant_is_read_from_its_homepage_alone(variant_runs):
    entry = tomllib.loads(variant_runs["written"].read_text("utf-8"))["sources"]["assovariant"]
    assert entry["language"] == "fr"
    assert entry["feed"] == "/actualites/flux.xml"  # announced by <link rel=alternate> only
    assert entry["sitemap"] == "/plan-du-site.xml"  # named by robots.txt only
    assert entry["listings"] == ["/actualites"]
    assert entry["organisation_pages"] == ["/qui-sommes-nous"]
    assert entry["collect"] == ["sitemap", "listing", "feed"]
    stdout = variant_runs["adds"]["assovariant"].stdout
    assert "listing: /actualites gives 7 items on 2 page(s)" in stdout
    assert "about link 'Qui sommes-nous ?' in the navigation" in stdout


def test_an_existing_id_is_a_one_line_error_and_update_rewrites_in_place(variant_sites, tmp_path):
    sources = tmp_path / "sources.toml"
    sources.write_text(
        "# our partners\n\n[sources.aes]   # the French association\n"
        'name = "AES, as we call it"\n'
        'homepage = "https://asso-variant.example"\nplatform = "drupal"\n'
        'collect = ["feed"]\nfeed = "/rss.xml"   # guessed, and wrong\n'
        "\n# keep this comment\n",
        encoding="utf-8",
    )
    base = variant_sites["assovariant"]
    again = add(sources, "aes", "https://asso-variant.example", base)
    assert again.returncode == 2
    assert again.stderr.strip().splitlines() == [
        f"Error: {sources}: source 'aes' exists; use --update aes or another --id"
    ]
    updated = run_cli(
        "add", "https://asso-variant.example", "--base-url", base, "--sources", str(sources),
        "--update", "aes",
    )  # fmt: skip
    assert updated.returncode == 0, updated.stdout + updated.stderr
    text = sources.read_text("utf-8")
    assert text.startswith("# our partners\n\n[sources.aes]   # the French association\n")
    assert "# keep this comment" in text
    assert 'name = "AES, as we call it"' in text  # corrected by hand: kept
    source = load_sources(sources)["aes"]
    assert source.feed == "/actualites/flux.xml"
    assert source.collect == ("sitemap", "listing", "feed")
    unknown = run_cli(
        "add", "https://asso-variant.example", "--base-url", base, "--sources", str(sources),
        "--update", "nope",
    )  # fmt: skip
    assert unknown.returncode == 2
    assert "no source 'nope' to update" in unknown.stderr


def test_a_dead_site_is_a_one_line_error(tmp_path):
    from tests.helpers import free_port

    result = run_cli(
        "add", "https://dead.example", "--base-url", f"http://127.0.0.1:{free_port()}",
        "--sources", str(tmp_path / "s.toml"), "--write", "--timeout", "2",
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.startswith("Error: the homepage https://dead.example/ did not answer")
    assert not (tmp_path / "s.toml").exists()


def test_the_wordpress_block_theme_variant_is_read_from_its_homepage_alone(variant_runs):
    entry = tomllib.loads(variant_runs["written"].read_text("utf-8"))["sources"]["wpvariant"]
    assert entry["collect"] == ["feed", "sitemap", "listing"]  # the REST API answers 401
    assert entry["sitemap"] == "/wp-sitemap.xml"  # core's, named by no robots.txt
    assert entry["listings"] == ["/stories/"]
    assert entry["item_patterns"] == [r"^(/[a-z]{2})?/\d{4}/\d{2}/[^/]+/$"]  # date permalinks
    assert entry["organisation_pages"] == ["/who-we-are/"]
    stdout = variant_runs["adds"]["wpvariant"].stdout
    assert "rest: /wp-json/wp/v2/posts answered 401: left out" in stdout
