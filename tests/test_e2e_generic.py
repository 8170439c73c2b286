"""End to end: sites of no family we have, collected from ``sources.toml`` alone.

Three small sites in ``tests/data/variant_sites/`` (Ghost-like with only a feed, Hugo-like
with only a sitemap, hand-made with only a paged listing) and the IFMSA copy, served on
127.0.0.1, crawled for real by the command line in fresh processes with ``platform =
"auto"`` or ``"generic"``: every post of each site is archived, the run is ``ok``, and the
family the crawl detected is recorded. Nothing is mocked.
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
SOURCES = {
    "ghostlike": """
        name = "Clinic Friends (Ghost-like, a feed only)"
        homepage = "https://ghostlike.example"
        platform = "auto"
        collect = ["feed"]
        feed = "/rss/"
    """,
    "hugolike": """
        name = "Clinic Friends (Hugo-like, a sitemap only)"
        homepage = "https://hugolike.example"
        platform = "auto"
        collect = ["sitemap"]
        sitemap = "/sitemap.xml"
        item_patterns = ["^/posts/[^/]+/$"]
    """,
    "handmade": """
        name = "Clinic Friends (hand-made, a listing only)"
        homepage = "https://handmade.example"
        platform = "generic"
        collect = ["listing"]
        listings = ["/whats-new"]
    """,
    "ifmsamoved": """
        name = "International Federation of Medical Students' Associations"
        acronym = "IFMSA"
        homepage = "https://ifmsa.org"
        platform = "auto"
        collect = ["rest", "feed"]
        rest = "/wp-json/wp/v2/posts"
        feed = "/feed/"
    """,
}


@pytest.fixture(scope="module")
def crawled(tmp_path_factory) -> Iterator[dict]:
    """All four sources crawled in one run into one archive: {source: crawl_runs row},
    the items by source, and the command's result."""
    folder = tmp_path_factory.mktemp("generic")
    sources = folder / "sources.toml"
    sources.write_text(sources_toml(SOURCES), encoding="utf-8")
    archive = folder / "archive.db"
    with serve_snapshot(root=VARIANT_SITES) as server:
        bases = [f"--base-url={sid}={server.base_urls[sid]}" for sid in SOURCES]
        result = run_cli(
            "crawl", "--sources", str(sources), "--archive", str(archive), *bases, *FAST_CRAWL
        )
    db = sqlite_utils.Database(archive)
    runs = {row["source"]: row for row in db.query("select * from crawl_runs")}
    items: dict[str, set[str]] = {}
    for row in db.query("select source, canonical_url from items"):
        items.setdefault(row["source"], set()).add(row["canonical_url"])
    db.close()
    return {"result": result, "runs": runs, "items": items}


def posts_of(site: str) -> set[str]:
    """Every post URL of a site, read from its files (not by our parsers)."""
    homepage = re.search(r'homepage = "([^"]+)"', SOURCES[site])[1]
    root = VARIANT_SITES / site
    if site == "handmade":
        return {f"{homepage}/notes/{p.stem}" for p in (root / "notes").glob("*.html")}
    if site == "hugolike":
        return {f"{homepage}/posts/{p.parent.name}/" for p in root.glob("posts/*/index.html")}
    if site == "ifmsamoved":
        return {post["link"] for post in json.loads((root / "_posts.json").read_text("utf-8"))}
    return {
        f"{homepage}/{p.parent.name}/"
        for p in root.glob("*/index.html")
        if p.parent.name not in {"rss"}
    }


@pytest.mark.parametrize(
    ("site", "way"),
    [("ghostlike", "feed"), ("hugolike", "sitemap"), ("handmade", "listing")],
)
def test_a_site_with_one_way_in_is_collected_whole(crawled, site, way):
    run = crawled["runs"][site]
    assert run["status"] == "ok", run["error_messages"]
    assert json.loads(run["methods"]) == [way]
    assert crawled["items"][site] == posts_of(site)


@pytest.mark.parametrize("site", ["ghostlike", "hugolike", "handmade"])
def test_other_sites_are_collected_as_the_generic_family(crawled, site):
    assert crawled["runs"][site]["platform"] == "generic"


def test_auto_detects_wordpress_and_uses_its_rest_api(crawled):
    run = crawled["runs"]["ifmsamoved"]
    assert run["platform"] == "wordpress"
    # only the WordPress family has "rest" (a first crawl also walks the sitemap, which
    # lists only what the API gave: no item of its own, so it is no way used)
    assert json.loads(run["methods"]) == ["rest"]
    assert run["status"] == "ok", run["error_messages"]
    assert crawled["items"]["ifmsamoved"] == posts_of("ifmsamoved")


def test_the_summary_names_the_family_auto_detected(crawled):
    result = crawled["result"]
    assert result.returncode == 0, result.stdout + result.stderr
    lines = {line.split()[0]: line for line in result.stdout.splitlines()[1:] if line[:2] == "  "}
    assert lines["ifmsamoved"].endswith("as wordpress (auto)")
    assert lines["hugolike"].endswith("as generic (auto)")
    assert "(auto)" not in lines["handmade"]  # configured generic: nothing detected


def test_scrapy_crawl_runs_the_new_families(tmp_path):
    """``scrapy crawl <family> -a source=<id>`` still works, for auto and generic too:
    every family's spider loads by its name, though ``scrapy list`` names only the
    sources (issue 12: one spider per source; the families used to be listed)."""
    import subprocess
    import sys

    from scrapy.settings import Settings

    from spiders.loader import SourceSpiderLoader

    loader = SourceSpiderLoader.from_settings(Settings())
    for family in ("auto", "generic", "webflow", "wordpress", "drupal"):
        assert loader.load(family).name == family
    listed = subprocess.run(
        [sys.executable, "-m", "scrapy", "list"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert listed == loader.list()
    assert not {"auto", "generic", "webflow", "wordpress", "drupal"} & set(listed)


def test_sources_toml_accepts_auto_and_generic_and_rest_for_auto(tmp_path: Path):
    from spiders.sources import SourceConfigError, load_sources

    path = tmp_path / "sources.toml"
    body = sources_toml(SOURCES)
    path.write_text(body, encoding="utf-8")
    loaded = load_sources(path)
    assert {s.platform for s in loaded.values()} == {"auto", "generic"}
    path.write_text(body.replace('platform = "auto"', 'platform = "generic"'), encoding="utf-8")
    with pytest.raises(SourceConfigError, match="names 'rest'"):
        load_sources(path)
