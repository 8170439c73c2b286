"""End to end for ``partnerwire browse``: a real crawl of the snapshot, then Datasette
started for real on 127.0.0.1 on that archive, read with httpx as a browser or a script
would: the metadata, every canned query, a foreign-key link, facets, full-text search;
and a crawl that writes while Datasette reads."""

from __future__ import annotations

import contextlib
import os
import shlex
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import sqlite_utils

from pipeline.browse import SHIPPED_DATABASE, shipped_metadata
from tests.helpers import FAST_CRAWL, REPO, base_url_args, free_port, run_cli
from tests.test_e2e_locking import can_mount_readonly

pytestmark = pytest.mark.e2e

QUERIES = shipped_metadata()["databases"][SHIPPED_DATABASE]["queries"]
QUERY_PARAMETERS = {"organisation_fact_history": {"organisation": "IFMSA"}}
ANNOUNCEMENT = '"strategic partnerships"'  # the story DTH-Lab, IFMSA and IPSF all carry


def _wait_until_serving(process: subprocess.Popen, url: str, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"browse exited {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(f"{url}/-/versions.json", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise AssertionError("Datasette did not answer within 60 s")


@contextlib.contextmanager
def browsing(archive_path: Path, log: Path, wrap=lambda argv: argv):
    """``partnerwire browse`` on ``archive_path`` in a process of its own (its command
    line passed through ``wrap``), and an httpx client for it once it answers."""
    port = free_port()
    argv = [sys.executable, "-m", "pipeline.cli", "browse", "--no-open", "--port", str(port)]
    argv += ["--archive", str(archive_path)]
    with log.open("w") as output:  # a file, not a pipe nobody reads (Datasette logs each request)
        process = subprocess.Popen(
            wrap(argv),
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(process, url, log)
        with httpx.Client(base_url=url, timeout=30) as client:
            yield client
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def served(snapshot, tmp_path_factory):
    """The snapshot crawled into ``wire.db`` (not the shipped name ``archive``, so the
    metadata must be filed under the archive's own name), served by ``browse``."""
    folder = tmp_path_factory.mktemp("browse")
    archive_path = folder / "wire.db"
    run_cli(
        "crawl", "--archive", str(archive_path), *base_url_args(snapshot), *FAST_CRAWL, check=True
    )
    with browsing(archive_path, folder / "browse.log") as client:
        yield {"client": client, "archive": archive_path, "snapshot": snapshot}


def _rows(client, path, **params):
    response = client.get(path, params={"_shape": "array", **params})
    assert response.status_code == 200, (path, response.text[:500])
    return response.json()


def test_the_metadata_title_and_descriptions_are_served(served):
    client = served["client"]
    assert client.get("/-/metadata.json").json()["title"] == "partnerwire archive"
    assert "partnerwire archive" in client.get("/").text
    page = client.get("/wire/crawl_runs").text
    assert "One row per crawl of one source" in page


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_each_canned_query_answers_with_rows(served, name):
    rows = _rows(served["client"], f"/wire/{name}.json", **QUERY_PARAMETERS.get(name, {}))
    assert rows, name


def test_the_canned_queries_say_what_the_archive_holds(served):
    client = served["client"]
    db = sqlite_utils.Database(served["archive"])
    sources = [row["id"] for row in db["sources"].rows]
    latest = _rows(client, "/wire/latest_items_per_partner.json")
    assert sorted({row["source"] for row in latest}) == sorted(
        {row["source"] for row in db["items"].rows}
    )
    assert all(sum(r["source"] == s for r in latest) <= 5 for s in sources)
    [story] = [
        row
        for row in _rows(client, "/wire/stories_carried_by_several_partners.json")
        if "strategic partnerships" in row["title"].lower()
    ]
    assert sorted(story["sources"].split(",")) == ["dthlab", "ifmsa", "ipsf"]
    history = _rows(client, "/wire/organisation_fact_history.json", organisation="ifmsa")
    assert {row["acronym"] for row in history} == {"IFMSA"}
    assert 1951 in {row["founded_year"] for row in history}
    per_month = _rows(client, "/wire/items_per_month_per_partner.json")
    assert sum(row["items"] for row in per_month) == db["items"].count
    health = _rows(client, "/wire/crawl_health_per_source.json")
    assert sum(row["runs"] for row in health) == db["crawl_runs"].count


def test_an_items_source_links_to_its_sources_row(served):
    client = served["client"]
    [row] = _rows(client, "/wire/items.json", _labels="on", _size="1", source="ifmsa")
    assert row["source"] == {
        "value": "ifmsa",
        "label": "International Federation of Medical Students' Associations",
    }
    assert (
        'href="/wire/sources/ifmsa"' in client.get("/wire/items", params={"source": "ifmsa"}).text
    )


def test_items_are_faceted_by_source_type_language_and_tag(served):
    data = served["client"].get("/wire/items.json", params={"_size": "0"}).json()
    facets = data["facet_results"]
    facets = facets.get("results", facets)  # where Datasette's JSON keeps them
    assert {"source", "content_type", "language", "tags"} <= set(facets)
    by_source = {value["value"]: value["count"] for value in facets["source"]["results"]}
    db = sqlite_utils.Database(served["archive"])
    assert by_source == dict(db.execute("SELECT source, count(*) FROM items GROUP BY source"))


def test_full_text_search_takes_fts5_syntax(served):
    client = served["client"]
    phrase = _rows(client, "/wire/items.json", _search=ANNOUNCEMENT, _col="source")
    assert sorted(row["source"] for row in phrase) == ["dthlab", "ifmsa", "ipsf"]
    prefix = _rows(client, "/wire/items.json", _search="title:partnership*", _col="title")
    assert prefix
    assert all("partnership" in row["title"].lower() for row in prefix)


def test_json_columns_read_as_arrays(served):
    rows = _rows(served["client"], "/wire/items.json", _json=["authors", "tags"], _size="50")
    assert all(isinstance(row["tags"], list) and isinstance(row["authors"], list) for row in rows)
    assert any(row["tags"] for row in rows)


def test_a_crawl_writes_while_datasette_reads(served):
    client = served["client"]
    before = len(_rows(client, "/wire/crawl_runs.json", _size="max"))
    result = run_cli(
        "crawl",
        "ifmsa",
        "--archive",
        str(served["archive"]),
        *base_url_args(served["snapshot"], only=["ifmsa"]),
        *FAST_CRAWL,
    )
    assert result.returncode == 0, result.stderr
    assert len(_rows(client, "/wire/crawl_runs.json", _size="max")) == before + 1


@pytest.mark.skipif(not can_mount_readonly(), reason="needs unshare -m and a bind mount")
def test_an_archive_on_a_readonly_mount_is_served_immutable(served, tmp_path):
    # A WAL archive and its empty -wal in a read-only folder: SQLite cannot create the
    # -shm there, so mode=ro cannot open it; browse hands it to Datasette with -i, as
    # publish opens it immutable.
    folder = tmp_path / "readonly"
    folder.mkdir()
    with (
        contextlib.closing(
            sqlite3.connect(f"{served['archive'].as_uri()}?mode=ro", uri=True)
        ) as source,
        contextlib.closing(sqlite3.connect(folder / "wire.db")) as copy,
    ):
        source.backup(copy)
    with contextlib.closing(sqlite3.connect(folder / "wire.db")) as copy:
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    (folder / "wire.db-wal").touch()  # as a checkpointed crawl leaves it, copied with cp
    files = sorted(path.name for path in folder.iterdir())
    script = (
        f"mount --bind {folder} {folder} && mount -o remount,ro,bind {folder} {folder} && "
        f"! touch {folder}/probe 2>/dev/null && exec "
    )
    with browsing(
        folder / "wire.db",
        tmp_path / "browse.log",
        wrap=lambda argv: ["unshare", "-m", "sh", "-c", script + shlex.join(argv)],
    ) as client:
        [database] = client.get("/-/databases.json").json()
        assert (database["name"], database["is_mutable"]) == ("wire", False)
        assert _rows(client, "/wire/latest_items_per_partner.json")
    assert sorted(path.name for path in folder.iterdir()) == files
