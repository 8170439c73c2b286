"""End to end: IADS, a JavaScript single-page application, crawled for real.

- the snapshot (``tests/sites/iads/``): the app loads its news and about text as JSON
  named in its bundle; the crawl reads that JSON and needs no browser (it runs with none);
- the variant (``tests/data/variant_sites/iadsvariant/``): the same data compiled into
  the bundle as object literals, so no JSON can be found; the crawl renders the pages in
  the system's real Chromium (scrapy-playwright) and gets the same items;
- without a browser, a source that needs one records one line saying what to install,
  is never ``ok``, and the other sources go on.

Browser tests are skipped only when Chromium is absent and ``CI`` is unset; in CI a
missing Chromium fails them (``.ci/run`` installs it). Nothing is mocked.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tomllib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import sqlite_utils
import tomlkit

from pipeline.demo import serve_snapshot
from spiders.pages import app
from spiders.rendering import find_browser
from tests.helpers import FAST_CRAWL, REPO, run_cli
from tests.sites import iads_app

pytestmark = pytest.mark.e2e

VARIANT_SITES = REPO / "tests" / "data" / "variant_sites"
NO_BROWSER = ["-s", "BROWSER_EXECUTABLE="]
VARIANT_SOURCE = """[sources.iadsvariant]
name = "International Association of Dental Students"
acronym = "IADS"
homepage = "https://iads-variant.example"
platform = "app"
render = "browser"
date_order = "DMY"
language = "en"
collect = ["listing"]
listings = ["/"]
organisation_pages = ["/about"]
"""


def needs_chromium() -> None:
    """Skip (with the reason) when no Chromium is installed, unless in CI, where that is
    a failure: CI installs it."""
    if find_browser(None) is not None:
        return
    message = "no Chromium on PATH (apt-get install chromium) for the browser tests"
    if os.environ.get("CI"):
        pytest.fail(f"CI: {message}")
    pytest.skip(message)


@pytest.fixture(scope="module")
def variants() -> Iterator[dict[str, str]]:
    with serve_snapshot(root=VARIANT_SITES) as server:
        yield server.base_urls


@pytest.fixture(scope="module")
def variant_site(variants) -> str:
    return variants["iadsvariant"]


def crawl(folder: Path, *args: str, sources: str | None = None) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    archive = folder / "archive.db"
    extra = []
    if sources is not None:
        (folder / "sources.toml").write_text(sources, encoding="utf-8")
        extra = ["--sources", str(folder / "sources.toml")]
    result = run_cli("crawl", "--archive", str(archive), *extra, *args, *FAST_CRAWL)
    db = sqlite_utils.Database(archive)
    found = {
        "result": result,
        "items": list(db.query("select * from items order by published desc")),
        "runs": {r["source"]: r for r in db.query("select * from crawl_runs")},
        "observations": list(db.query("select * from org_observations")),
    }
    db.close()
    return found


def as_shown(rows: list[dict]) -> list[tuple]:
    """What a reader sees of each item, whatever host it was crawled under: its path and
    fragment, title, date, type and summary."""
    return [
        (
            urlsplit(r["url"])._replace(scheme="", netloc="").geturl(),
            r["title"],
            r["published"],
            r["content_type"],
            r["summary"],
        )
        for r in rows
    ]


@pytest.fixture(scope="module")
def snapshot_crawl(snapshot, tmp_path_factory) -> dict:
    """The snapshot's IADS, crawled with no browser at all: the JSON must do."""
    folder = tmp_path_factory.mktemp("iads")
    return crawl(folder, "iads", "--base-url", f"iads={snapshot['iads']}", *NO_BROWSER)


def test_the_json_is_read_and_no_browser_is_needed(snapshot_crawl):
    run = snapshot_crawl["runs"]["iads"]
    assert snapshot_crawl["result"].returncode == 0, snapshot_crawl["result"].stdout
    assert run["status"] == "ok", run["error_messages"]
    assert json.loads(run["methods"]) == ["listing"]
    assert len(snapshot_crawl["items"]) == len(iads_app.NEWS) == 8


def test_day_first_dates_come_out_right(snapshot_crawl):
    dates = {r["title"]: r["published"] for r in snapshot_crawl["items"]}
    assert dates["Call for applications: IADS Exchange Programme 2026"] == "2025-12-01"
    assert dates["Smile Week 2023: dental students teach oral health in schools"] == "2023-05-01"
    assert dates["Highlights of the IADS Mid-Year Meeting 2025"] == "2025-04-07"


def test_a_card_s_url_is_its_route_or_the_page_and_its_slug(snapshot_crawl):
    urls = {r["title"]: r["url"] for r in snapshot_crawl["items"]}
    home = "https://www.iads-web.org/"
    # its own route
    assert urls["Smile Week 2023: dental students teach oral health in schools"] == (
        home + "projects/smile-week"
    )
    # no route; a route two cards share (/meetings); a link to another site
    assert urls["IADS at the 78th World Health Assembly"] == (
        home + "#iads-at-the-78th-world-health-assembly"
    )
    assert urls["Highlights of the IADS Mid-Year Meeting 2025"] == (
        home + "#highlights-of-the-iads-mid-year-meeting-2025"
    )
    canonical = {r["canonical_url"] for r in snapshot_crawl["items"]}
    assert len(canonical) == 8


def test_the_about_text_is_read_from_the_json(snapshot_crawl):
    [observation] = snapshot_crawl["observations"]
    assert observation["url"] == "https://www.iads-web.org/about"
    assert "Founded in 1951" in observation["description"]
    assert "World Health Students' Alliance" in observation["description"]


def test_data_embedded_in_the_page_under_other_keys_needs_no_browser(
    snapshot_crawl, variants, tmp_path
):
    """A Next.js-style export: ``__NEXT_DATA__`` with ``headline``/``publishedAt``/
    ``excerpt``/``section``/``path`` and no slugs gives the same items, with no browser."""
    sources = VARIANT_SOURCE.replace("iadsvariant", "iadsnext")
    found = crawl(
        tmp_path, "--base-url", f"iadsnext={variants['iadsnext']}", *NO_BROWSER, sources=sources
    )
    run = found["runs"]["iadsnext"]
    assert run["status"] == "ok", run["error_messages"]
    assert as_shown(found["items"]) == as_shown(snapshot_crawl["items"])
    [observation] = found["observations"]
    assert observation["description"] == snapshot_crawl["observations"][0]["description"]


def test_the_variant_is_rendered_in_chromium_and_gives_the_same_items(
    snapshot_crawl, variant_site, tmp_path
):
    """No JSON anywhere in the variant: only the browser can get its cards."""
    files = iads_app.variant_files()
    bundle = next(text for name, text in files.items() if name.endswith(".js"))
    assert app.embedded_state(files["index.html"]) == []
    assert app.data_urls_in_script(bundle, "https://iads-variant.example/") == []
    needs_chromium()
    found = crawl(tmp_path, "--base-url", f"iadsvariant={variant_site}", sources=VARIANT_SOURCE)
    run = found["runs"]["iadsvariant"]
    assert found["result"].returncode == 0, found["result"].stdout + found["result"].stderr
    assert run["status"] == "ok", run["error_messages"]
    assert as_shown(found["items"]) == as_shown(snapshot_crawl["items"])
    [observation] = found["observations"]
    assert observation["description"] == snapshot_crawl["observations"][0]["description"]


def test_without_a_browser_one_line_says_what_to_install_and_others_go_on(
    snapshot, variant_site, tmp_path
):
    ivsa = tomllib.loads((REPO / "sources.toml").read_text("utf-8"))["sources"]["ivsa"]
    both = VARIANT_SOURCE + tomlkit.dumps({"sources": {"ivsa": ivsa}})
    found = crawl(
        tmp_path,
        "--base-url",
        f"iadsvariant={variant_site}",
        "--base-url",
        f"ivsa={snapshot['ivsa']}",
        *NO_BROWSER,
        sources=both,
    )
    assert found["result"].returncode == 1  # some sources failed
    run = found["runs"]["iadsvariant"]
    assert run["status"] == "failed"
    [message] = json.loads(run["error_messages"])
    assert "no Chromium was found" in message
    assert "apt-get install chromium" in message
    assert json.loads(run["errors_by_kind"]) == {"no_browser": 1}
    assert message in found["result"].stdout
    assert found["runs"]["ivsa"]["status"] == "ok"
    assert any(r["source"] == "ivsa" for r in found["items"])


def test_item_pages_that_are_app_shells_are_rendered(variant_site, tmp_path):
    """A sitemap announcing the app's routes: each page is an empty shell until rendered;
    rendered, each is an item with its heading as title. Without a browser, each is
    named as not rendered, after the one line saying what to install."""
    needs_chromium()
    sources = VARIANT_SOURCE.replace('collect = ["listing"]', 'collect = ["sitemap"]').replace(
        'listings = ["/"]', 'sitemap = "/sitemap.xml"\nitem_patterns = ["^/(projects|committees)/"]'
    )
    found = crawl(tmp_path, "--base-url", f"iadsvariant={variant_site}", sources=sources)
    run = found["runs"]["iadsvariant"]
    assert run["status"] == "ok", run["error_messages"]
    routes = [p for p in iads_app.PAGES if p.count("/") == 2]
    titles = {urlsplit(r["url"]).path: r["title"] for r in found["items"]}
    assert titles == {path: iads_app.PAGES[path][0] for path in routes}

    blind = crawl(
        tmp_path / "blind",
        "--base-url",
        f"iadsvariant={variant_site}",
        *NO_BROWSER,
        sources=sources,
    )
    run = blind["runs"]["iadsvariant"]
    assert run["status"] == "failed"
    errors = json.loads(run["errors_by_kind"])
    assert errors == {"no_browser": 1, "not_rendered": len(routes)}


def test_unchanged_cards_are_sightings_and_a_changed_card_is_read(tmp_path):
    """A second crawl of the app's unchanged JSON notes each card as seen (like an item
    page answering 304), without saving it again; a card whose text changed is read and
    saved as updated."""
    site = tmp_path / "sites" / "iads"
    shutil.copytree(REPO / "tests" / "sites" / "iads", site)
    with serve_snapshot(root=tmp_path / "sites") as server:
        args = ("iads", "--base-url", f"iads={server.base_urls['iads']}", *NO_BROWSER, "-v")
        first = crawl(tmp_path / "run", *args)
        assert first["runs"]["iads"]["items_new"] == len(iads_app.NEWS)
        again = crawl(tmp_path / "run", *args)
        run = again["runs"]["iads"]
        assert run["status"] == "ok", run["error_messages"]
        assert (run["items_new"], run["items_updated"]) == (0, 0)
        assert run["items_unchanged"] == len(iads_app.NEWS)
        stderr = again["result"].stderr
        assert len(re.findall(r"iads +-> item \(not modified", stderr)) == len(iads_app.NEWS)
        assert not re.findall(r"iads +-> item: ", stderr)  # none read and saved again

        news = json.loads((site / "api" / "news.json").read_text("utf-8"))
        news[0]["summary"] += " The deadline is extended by a week."
        (site / "api" / "news.json").write_text(json.dumps(news), encoding="utf-8")
        changed = crawl(tmp_path / "run", *args)
    run = changed["runs"]["iads"]
    assert (run["items_new"], run["items_updated"]) == (0, 1)
    assert run["items_unchanged"] == len(iads_app.NEWS) - 1
    [row] = [r for r in changed["items"] if r["title"] == news[0]["title"]]
    assert row["summary"].endswith("extended by a week.")


def stuck_listing(folder: Path, path: str) -> None:
    """A route of the variant whose page never stops loading (it polls every 100 ms, so
    the browser never sees the network idle): its render fails."""
    page = folder / path.strip("/") / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(
        '<!doctype html><html><head><meta charset="utf-8"><title>IADS news</title></head>'
        '<body><div id="app"></div><script>setInterval(() => fetch("/robots.txt?"'
        " + Date.now()), 100);</script></body></html>",
        encoding="utf-8",
    )


def test_every_listing_is_read_and_a_failed_render_falls_back(
    snapshot_crawl, variant_site, tmp_path
):
    """Two listings: the first never finishes rendering (recorded, one line with its
    URL), the second is rendered and gives the cards; the run is partial, not lost."""
    needs_chromium()
    sites = tmp_path / "sites"
    shutil.copytree(VARIANT_SITES / "iadsvariant", sites / "iadsvariant")
    stuck_listing(sites / "iadsvariant", "/latest")
    sources = VARIANT_SOURCE.replace('listings = ["/"]', 'listings = ["/latest", "/"]')
    with serve_snapshot(root=sites) as server:
        base = server.base_urls["iadsvariant"]
        found = crawl(
            tmp_path / "run",
            "--base-url",
            f"iadsvariant={base}",
            "-s",
            "DOWNLOAD_TIMEOUT=8",  # the render of /latest times out after this
            sources=sources,
        )
    run = found["runs"]["iadsvariant"]
    assert run["status"] == "partial"
    [message] = json.loads(run["error_messages"])
    assert message.startswith("https://iads-variant.example/latest")
    assert as_shown(found["items"]) == as_shown(snapshot_crawl["items"])
    assert json.loads(run["methods"]) == ["listing"]
