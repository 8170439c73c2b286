"""End to end, past one machine: two real Scrapyd servers on 127.0.0.1 (started here from
the ``scrapyd`` package, each with its own configuration in a temporary folder), the egg
that ``scrapyd-deploy`` builds uploaded to both, and ``partnerwire crawl --scrapyd``
spreading the snapshot's sources over them and ingesting what the jobs wrote. The archive
must equal the one a local crawl of the same snapshot makes."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator

import httpx
import pytest

from tests.helpers import (
    FAST_CRAWL,
    archive_contents,
    base_url_args,
    configured_sources,
    free_port,
    run_cli,
)
from tests.scrapyd_nodes import BAD_LINE, build_egg, node_writing_a_bad_line, scrapyd_nodes

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def nodes(tmp_path_factory) -> Iterator[list[str]]:
    """Two Scrapyd servers with the egg that ``scrapyd-deploy --build-egg`` builds from a
    fresh copy of the project; stopped at the end."""
    folder = tmp_path_factory.mktemp("scrapyd")
    egg = build_egg(folder)
    with scrapyd_nodes(folder, egg, count=2) as urls:
        for url in urls:
            spiders = httpx.get(
                f"{url}/listspiders.json", params={"project": "partnerwire"}, timeout=120
            )
            assert sorted(spiders.json()["spiders"]) == sorted(configured_sources())
        yield urls


def finished_jobs(node: str) -> list[dict]:
    return httpx.get(f"{node}/listjobs.json", params={"project": "partnerwire"}).json()["finished"]


@pytest.fixture(scope="module")
def spread_crawl(snapshot, nodes, tmp_path_factory):
    folder = tmp_path_factory.mktemp("spread")
    archive_path = folder / "archive.db"
    dead = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    result = run_cli(
        "crawl",
        "--archive",
        str(archive_path),
        "--scrapyd",
        nodes[0],
        "--scrapyd",
        dead,
        "--scrapyd",
        nodes[1],
        "--output",
        str(folder / "jobs"),
        "--poll",
        "0.5",
        *base_url_args(snapshot),
        *FAST_CRAWL,
    )
    return {"result": result, "archive": archive_path, "jobs": folder / "jobs", "dead": dead}


def test_two_nodes_make_the_archive_a_local_crawl_makes(spread_crawl, local_crawl_archive):
    result = spread_crawl["result"]
    assert result.returncode == 0, result.stdout + result.stderr
    spread, local = archive_contents(spread_crawl["archive"]), archive_contents(local_crawl_archive)
    assert spread["items"] == local["items"]
    assert len(spread["items"]) > 20
    assert spread == local
    assert {run["status"] for run in spread["runs"].values()} == {"ok"}
    for source_id in configured_sources():
        assert f"  {source_id}" in result.stdout


def test_the_sources_are_spread_over_both_nodes(spread_crawl, nodes):
    ran = {node: {job["spider"] for job in finished_jobs(node)} for node in nodes}
    assert all(ran.values()), ran
    assert set.union(*ran.values()) == set(configured_sources())
    assert not set.intersection(*ran.values())  # each source once
    written = sorted(path.name for path in spread_crawl["jobs"].glob("*.jsonl"))
    assert len(written) == len(configured_sources())


def test_a_node_that_is_down_is_one_line_and_its_sources_go_elsewhere(spread_crawl):
    stderr = spread_crawl["result"].stderr.strip().splitlines()
    assert len(stderr) == 1
    assert stderr[0].startswith(f"Scrapyd node {spread_crawl['dead']} is not usable (")
    assert stderr[0].endswith("its sources go to the other nodes")


def test_the_runs_of_one_spread_crawl_share_one_run_id(spread_crawl):
    import sqlite_utils

    db = sqlite_utils.Database(spread_crawl["archive"])
    run_ids = {row["run_id"] for row in db.query("select run_id from crawl_runs")}
    db.close()
    assert len(run_ids) == 1


def test_ingesting_the_jobs_output_again_changes_nothing(spread_crawl):
    before = archive_contents(spread_crawl["archive"])
    run_cli(
        "ingest", str(spread_crawl["jobs"]), "--archive", str(spread_crawl["archive"]), check=True
    )
    assert archive_contents(spread_crawl["archive"]) == before


def test_no_node_at_all_is_exit_2_and_nothing_is_recorded(tmp_path):
    dead = f"http://127.0.0.1:{free_port()}"
    result = run_cli("crawl", "--archive", str(tmp_path / "a.db"), "--scrapyd", dead, "ivsa")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1].startswith("Error: no Scrapyd node can run the crawl")


def test_a_bad_line_in_a_jobs_output_is_one_line_and_makes_its_run_partial(
    snapshot, nodes, tmp_path
):
    jobs = tmp_path / "jobs"
    with node_writing_a_bad_line(nodes[0]) as faulty:
        result = run_cli(
            "crawl",
            "ivsa",
            "--archive",
            str(tmp_path / "archive.db"),
            "--scrapyd",
            faulty,
            "--output",
            str(jobs),
            "--poll",
            "0.5",
            *base_url_args(snapshot, ["ivsa"]),
            *FAST_CRAWL,
        )
    [job_file] = jobs.glob("*.jsonl")
    assert job_file.read_bytes().startswith(BAD_LINE)
    assert result.returncode == 1, result.stdout + result.stderr
    [said] = result.stderr.splitlines()
    assert said.startswith(f"{job_file}:1: not JSON")
    run = archive_contents(tmp_path / "archive.db")["runs"]["ivsa"]
    assert run["status"] == "partial"
    assert json.loads(run["errors_by_kind"]) == {"unreadable_line": 1}


def recrawl(args: list[str], folder, *extra: str) -> dict[str, dict]:
    """``crawl`` run again on a copy (in ``folder``) of an archive and its HTTP cache:
    each source's run of the second crawl."""
    result = run_cli(*args, "--archive", str(folder / "archive.db"), "--json", *extra, check=True)
    return {run["source"]: run for run in json.loads(result.stdout)["sources"]}


def copy_crawl(archive_path, beside, folder, name: str) -> None:
    """A copy of a crawled archive in ``folder``, with ``beside`` (its HTTP cache, or the
    jobs' output folder) as ``name``."""
    folder.mkdir()
    shutil.copy(archive_path, folder / "archive.db")
    shutil.copytree(beside, folder / name)


def test_a_scrapyd_recrawl_of_an_unchanged_site_does_what_a_local_recrawl_does(
    snapshot, nodes, spread_crawl, local_crawl_archive, tmp_path
):
    """A job knows what the archive holds of its source (the ``archived`` argument) and
    keeps its HTTP cache beside its output: no backfill, paging stopped at known items,
    304 pages as sightings, as a local re-crawl of the same archive."""
    from spiders.crawl import cache_dir_for

    crawl = ["crawl", *base_url_args(snapshot), *FAST_CRAWL]
    cache = cache_dir_for(local_crawl_archive)
    copy_crawl(local_crawl_archive, cache, tmp_path / "local", cache.name)
    local = recrawl(crawl, tmp_path / "local")
    copy_crawl(spread_crawl["archive"], spread_crawl["jobs"], tmp_path / "spread", "jobs")
    jobs = ["--output", str(tmp_path / "spread" / "jobs")]
    nodes_args = ["--scrapyd", nodes[0], "--scrapyd", nodes[1], "--poll", "0.5", *jobs]
    spread = recrawl(crawl, tmp_path / "spread", *nodes_args)
    compared = (
        "status",
        "methods",
        "items_new",
        "items_updated",
        "items_unchanged",
        "pages_not_modified",
    )
    assert {s: {k: run[k] for k in compared} for s, run in spread.items()} == {
        s: {k: run[k] for k in compared} for s, run in local.items()
    }
    assert sum(run["pages_not_modified"] for run in spread.values()) > 0
