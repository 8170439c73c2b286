"""The commands that publish: ``publish`` (the feeds, from the archive) and ``serve`` (the
feed folder over HTTP).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import click

from pipeline import archive
from pipeline.cli.options import (
    ARCHIVE_OPTION,
    FEED_URL_OPTION,
    HUB_OPTION,
    LIMIT_OPTION,
    OUT_OPTION,
    InputError,
)
from pipeline.cli.output import print_publish_report
from pipeline.site_config import SiteConfig


def publish_archive(
    archive_path: Path,
    out_dir: Path,
    *,
    limit: int,
    feed_url: str | None,
    hub: str | None,
    site: SiteConfig | None = None,
) -> Any:
    """Publish the feeds under the network's name (``site``: the ``[site]`` table, by
    default the one the command line read); a one-line InputError when the archive or
    the folder won't do."""
    from feeds.publish import PublishError, publish_feeds

    site = site or _current_site()
    try:
        return publish_feeds(
            archive_path,
            out_dir,
            limit=limit,
            base_url=feed_url,
            hub=hub,
            **{key: value for key in ("title", "description") if (value := getattr(site, key))},
        )
    except (PublishError, archive.ArchiveError) as exc:
        raise InputError(str(exc)) from None
    except sqlite3.Error as exc:  # a damaged or read-only archive
        raise InputError(f"cannot read the archive {archive_path}: {exc}") from None
    except OSError as exc:  # a full disk, a folder where a feed should be, no permission
        where = exc.filename or out_dir
        raise InputError(
            f"could not write {where}: {exc.strerror or exc} (feeds already there are intact)"
        ) from None


def _current_site() -> SiteConfig:
    ctx = click.get_current_context(silent=True)
    found = ctx.find_object(SiteConfig) if ctx else None
    return found or SiteConfig()


@click.command()
@ARCHIVE_OPTION
@OUT_OPTION
@LIMIT_OPTION
@FEED_URL_OPTION
@HUB_OPTION
def publish(
    archive_path: Path, out_dir: Path, limit: int, feed_url: str | None, hub: str | None
) -> None:
    """Write the feeds (Atom, RSS, JSON Feed), feeds.opml and index.html from the archive.

    Merged (all.*), per source (<source>.*) and per shared type (type-<type>.*), and the
    reading page (index.html, partners/<source>.html, types/<type>.html). A file whose
    content did not change is not rewritten. Defaults come from [site] in sources.toml.
    """
    report = publish_archive(archive_path, out_dir, limit=limit, feed_url=feed_url, hub=hub)
    print_publish_report(report, out_dir)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(0, 65535), default=8080, show_default=True)
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default="out",
    show_default=True,
    help="The folder 'publish' wrote.",
)
def serve(host: str, port: int, directory: Path) -> None:
    """Serve the feed folder over HTTP (read-only; ETag, Last-Modified, 304, gzip).

    For production, put nginx or Caddy in front (or let them serve the folder).
    """
    from feeds.server import make_server, run_server

    if not directory.is_dir():
        raise InputError(f"no folder {directory}: run 'partnerwire publish' first")
    try:
        server = make_server(directory, host, port)
    except (OSError, OverflowError, UnicodeError) as exc:
        raise InputError(
            f"cannot listen on {host}:{port}: {getattr(exc, 'strerror', None) or exc}"
        ) from None
    bound_host, bound_port = server.server_address[:2]
    click.echo(f"Serving {directory}/ on http://{bound_host}:{bound_port}/ (Ctrl-C to stop)")
    run_server(server)
