"""``partnerwire add URL``: probe a new partner's site and propose (``--write``: add) its
``sources.toml`` entry; ``--update SOURCE`` rewrites an existing entry in place."""

from __future__ import annotations

from pathlib import Path

import click

from pipeline.cli import exit_codes
from pipeline.cli.options import SOURCES_OPTION, InputError, configured_sources
from pipeline.probe import TIMEOUT, ProbeError, probe_site
from pipeline.source_entry import (
    EntryError,
    build_entry,
    default_id,
    entry_toml,
    slug_id,
    write_entry,
)
from spiders.crawl_inputs import CrawlInputError, check_http_url
from spiders.sources import DEFAULT_SOURCES_FILE


def configured_pages(path: Path, source_id: str) -> tuple[str, ...]:
    """The organisation pages ``source_id`` has in ``path`` (checked again by the probe)."""
    source = configured_sources(path).get(source_id)
    if source is None:
        raise InputError(f"{path}: no source '{source_id}' to update")
    return source.organisation_pages


@click.command("add")
@click.argument("url")
@click.option("--id", "source_id", help="The new source's id (default: its acronym or host).")
@SOURCES_OPTION
@click.option("--write", is_flag=True, help="Add the entry to the sources file.")
@click.option(
    "--update",
    "update_id",
    metavar="SOURCE",
    help="Rewrite this existing entry in place with what the probe found (implies --write).",
)
@click.option(
    "--base-url",
    help="Fetch the site from this address (a mirror, the offline snapshot) while the "
    "entry keeps URL as its homepage.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(0.1, 120),
    default=TIMEOUT,
    show_default=True,
    help="Seconds to wait for each answer.",
)
def add(
    url: str,
    source_id: str | None,
    sources_file: Path | None,
    write: bool,
    update_id: str | None,
    base_url: str | None,
    timeout: float,
) -> int:
    """Probe the site at URL and print what it found, why, and its sources.toml entry.

    It detects the CMS, feeds, the WordPress REST API, sitemaps (robots.txt and the usual
    paths), the news listing and its pagination, the about page, the organisation's name
    and acronym, the language, and whether pages need a browser; each only when it really
    answers with items. It never follows a link or redirect off the site.
    """
    try:
        check_http_url(url, "URL")
        if base_url:
            check_http_url(base_url, "--base-url")
    except CrawlInputError as exc:
        raise InputError(str(exc)) from None
    if update_id and source_id and slug_id(source_id) != update_id:
        raise InputError(f"--id {source_id} and --update {update_id} name different sources")
    homepage = url.rstrip("/")
    path = sources_file or DEFAULT_SOURCES_FILE
    configured = configured_pages(path, update_id) if update_id else ()
    try:
        proposal = probe_site(homepage, base_url, timeout, configured)
    except ProbeError as exc:
        raise InputError(str(exc)) from None
    for line in proposal.findings:
        click.echo(line)
    entry = build_entry(proposal)
    for line in entry.notes:
        click.echo(line)
    chosen = update_id or source_id or default_id(proposal)
    click.echo("")
    click.echo(entry_toml(chosen, entry), nl=False)
    if not proposal.collect:
        click.echo(f"Error: nothing on {homepage} yields items; no entry written", err=True)
        return exit_codes.SOME_FAILED
    if write or update_id:
        try:
            done = write_entry(path, chosen, entry, update=bool(update_id))
        except EntryError as exc:
            raise InputError(str(exc)) from None
        click.echo(done)
    return exit_codes.OK
