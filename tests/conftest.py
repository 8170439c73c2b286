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
