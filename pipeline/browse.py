"""Datasette on the archive (``partnerwire browse``): the metadata it is served with and
the ``datasette serve`` command line that serves it read-only.

Datasette is the optional ``web`` extra (``pip install 'partnerwire[web]'``), imported only
when the archive is served. The metadata (titles, descriptions of every table and column,
facets, full-text search, canned queries) is ``pipeline/archive/datasette.yml``, written for
a database named ``archive``; Datasette names a database after its file's stem, so it is
filed under the archive's own name here.
"""

from __future__ import annotations

import json
import socket
import tempfile
from importlib.resources import files
from pathlib import Path
from typing import Any

METADATA_RESOURCE = ("pipeline.archive", "datasette.yml")
SHIPPED_DATABASE = "archive"
INSTALL_HINT = "'browse' needs Datasette: pip install 'partnerwire[web]'"
TRUNCATE_CELLS = 300
"""Characters of a cell shown in Datasette's tables (an item's text can be long)."""


class BrowseError(Exception):
    """The archive cannot be served; the message says why in one line."""


def shipped_metadata() -> dict[str, Any]:
    """The metadata shipped with partnerwire, as written (database ``archive``)."""
    import yaml  # PyYAML comes with Datasette (the web extra)

    text = files(METADATA_RESOURCE[0]).joinpath(METADATA_RESOURCE[1]).read_text("utf-8")
    return yaml.safe_load(text)


def database_name(archive_path: Path) -> str:
    """The name Datasette gives the database in ``archive_path``: the file's stem."""
    return Path(archive_path).stem


def build_metadata(archive_path: Path) -> dict[str, Any]:
    """The shipped metadata with its database entry under ``archive_path``'s name."""
    metadata = shipped_metadata()
    databases = metadata["databases"]
    databases[database_name(archive_path)] = databases.pop(SHIPPED_DATABASE)
    return metadata


def build_serve_args(
    archive_path: Path,
    metadata_path: Path,
    *,
    host: str,
    port: int,
    open_browser: bool,
    immutable: bool = False,
) -> list[str]:
    """``datasette serve`` arguments for the archive. Datasette opens a database given
    this way (not ``-i``) with SQLite's ``mode=ro``: it reads the WAL, so it sees what a
    running crawl commits, and never blocks it or writes. ``immutable`` (``-i``) is for
    an archive that can only be read so (``archive.readonly_open_mode``: a read-only
    mount, where no crawl can write either)."""
    database = ["-i", str(archive_path)] if immutable else [str(archive_path)]
    args = [
        "serve",
        *database,
        "--metadata",
        str(metadata_path),
        "--host",
        host,
        "--port",
        str(port),
        "--setting",
        "truncate_cells_html",
        str(TRUNCATE_CELLS),
    ]
    return [*args, "--open"] if open_browser else args


def check_port_free(host: str, port: int) -> None:
    """BrowseError if nothing can listen on ``host:port`` (in use, or no such address),
    so the command says so in one line instead of Datasette's server log."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.bind((host, port))
    except (OSError, OverflowError, UnicodeError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise BrowseError(f"cannot listen on {host}:{port}: {reason}") from None


def load_datasette() -> Any:
    """Datasette's command line (a click group); BrowseError saying what to install when
    the web extra is not installed."""
    try:
        from datasette.cli import cli
    except ImportError:
        raise BrowseError(INSTALL_HINT) from None
    return cli


def serve_archive(
    datasette: Any,
    archive_path: Path,
    *,
    host: str,
    port: int,
    open_browser: bool,
    immutable: bool = False,
) -> None:
    """Serve the archive with ``datasette`` (``load_datasette()``) until Ctrl-C, with the
    metadata written to a temporary file for as long as it runs."""
    with tempfile.TemporaryDirectory(prefix="partnerwire-browse-") as folder:
        metadata_path = Path(folder) / "metadata.json"
        metadata_path.write_text(json.dumps(build_metadata(archive_path)), encoding="utf-8")
        args = build_serve_args(
            archive_path,
            metadata_path,
            host=host,
            port=port,
            open_browser=open_browser,
            immutable=immutable,
        )
        datasette.main(args=args, prog_name="datasette", standalone_mode=False)
