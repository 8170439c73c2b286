"""The command that shows the archive in a web browser: ``browse`` (Datasette)."""

from __future__ import annotations

from pathlib import Path

import click

from pipeline import archive
from pipeline.cli.options import ARCHIVE_OPTION, InputError, open_existing


@click.command()
@ARCHIVE_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8001,
    show_default=True,
    help="The port to listen on (0: any free one).",
)
@click.option(
    "--open/--no-open",
    "open_browser",
    default=True,
    show_default=True,
    help="Open it in the web browser.",
)
def browse(archive_path: Path, host: str, port: int, open_browser: bool) -> None:
    """Explore the archive in Datasette, read-only: every table described, facets,
    full-text search, links between tables and canned queries. Safe while a crawl runs.

    Needs the web extra: pip install 'partnerwire[web]'.
    """
    from pipeline.browse import BrowseError, check_port_free, load_datasette, serve_archive

    open_existing(archive_path).close()  # one line for a missing or foreign file
    try:
        immutable = archive.readonly_open_mode(archive_path) == "immutable"
        datasette = load_datasette()
        if port:  # 0: any free port, which Datasette's log names
            check_port_free(host, port)
    except (BrowseError, archive.ArchiveError) as exc:
        raise InputError(str(exc)) from None
    where = f"http://{host}:{port}/" if port else f"a free port of {host} (named below)"
    click.echo(f"Browsing {archive_path} on {where} (read-only; Ctrl-C to stop)")
    serve_archive(
        datasette,
        archive_path,
        host=host,
        port=port,
        open_browser=open_browser,
        immutable=immutable,
    )
