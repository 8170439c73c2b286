"""Shared fixtures: the offline snapshot served on 127.0.0.1, fresh archives, the CLI."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session")
def snapshot() -> Iterator[dict[str, str]]:
    """The bundled snapshot of the partner sites, served on 127.0.0.1: {source id: base URL}."""
    from pipeline.demo import serve_snapshot

    with serve_snapshot() as server:
        yield server.base_urls


@pytest.fixture
def archive_db(tmp_path):
    """A fresh archive file with every migration applied."""
    from pipeline.archive import open_archive

    db = open_archive(tmp_path / "archive.db")
    yield db
    db.close()


@pytest.fixture(scope="session")
def local_crawl_archive(snapshot, tmp_path_factory):
    """An archive made by one local ``partnerwire crawl`` of the whole snapshot: what a
    crawl elsewhere (Scrapyd jobs, then ``ingest``) must equal."""
    from tests.helpers import FAST_CRAWL, base_url_args, run_cli

    path = tmp_path_factory.mktemp("local-crawl") / "archive.db"
    run_cli("crawl", "--archive", str(path), *base_url_args(snapshot), *FAST_CRAWL, check=True)
    return path
