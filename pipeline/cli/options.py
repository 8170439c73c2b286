"""Shared click options and value parsers of the ``partnerwire`` commands, and
``InputError``: an input that cannot be used is one line on stderr and exit code 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from pipeline import archive
from pipeline.cli import exit_codes
from pipeline.site_config import SiteConfig, SiteConfigError, load_site
from spiders.crawl_inputs import CrawlInputError, check_http_url
from spiders.sources import DEFAULT_SOURCES_FILE, Source, SourceConfigError, load_sources


class InputError(click.ClickException):
    """An input that cannot be used (configuration, file, archive): one line, exit 2."""

    exit_code = exit_codes.NOTHING_RAN


def check_url_option(value: str, name: str) -> str:
    """An option's value that must be an http(s) URL, else a usage error naming it."""
    try:
        check_http_url(value, name)
    except CrawlInputError as exc:
        raise click.BadParameter(str(exc).split(": ", 1)[1]) from None
    return value


def _url_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An option that must be an http(s) URL (``--hub``, ``--feed-url``)."""
    if value is not None:
        check_url_option(value, f"--{param.name.replace('_', '-')}")
    return value


ARCHIVE_OPTION = click.option(
    "--archive",
    "archive_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default="archive.db",
    envvar="PARTNERWIRE_ARCHIVE",
    show_default=True,
    help="The SQLite archive file (env PARTNERWIRE_ARCHIVE).",
)
SOURCES_OPTION = click.option(
    "--sources",
    "sources_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    envvar="PARTNERWIRE_SOURCES",
    help="The sources file (default: the project's sources.toml; env PARTNERWIRE_SOURCES).",
)
WAIT_OPTION = click.option(
    "--wait",
    is_flag=True,
    help="If another crawl holds the archive's lock, wait for it to finish "
    "(without --wait: exit at once with code 3).",
)
WAIT_TIMEOUT_OPTION = click.option(
    "--wait-timeout",
    type=click.FloatRange(min=0),
    default=None,
    metavar="SECONDS",
    help="Wait at most this long for the lock, then exit with code 3 (implies --wait).",
)
JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
OUT_OPTION = click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default="out",
    envvar="PARTNERWIRE_OUT",
    show_default=True,
    help="The folder the feeds are written to (env PARTNERWIRE_OUT).",
)
LIMIT_OPTION = click.option(
    "--limit",
    type=click.IntRange(1, 10_000),
    default=50,
    show_default=True,
    help="Entries per feed.",
)
FEED_URL_OPTION = click.option(
    "--feed-url",
    "feed_url",
    default=None,
    envvar="PARTNERWIRE_FEED_URL",
    callback=_url_option,
    help="Where the output folder is served, for self links and the OPML "
    "(default http://127.0.0.1:8080/, what 'serve' uses; env PARTNERWIRE_FEED_URL).",
)
HUB_OPTION = click.option(
    "--hub",
    default=None,
    envvar="PARTNERWIRE_HUB",
    callback=_url_option,
    help="A WebSub hub to declare in the feeds and ping when they change (env PARTNERWIRE_HUB).",
)


def configured_sources(sources_file: Path | None) -> dict[str, Source]:
    try:
        return load_sources(sources_file)
    except SourceConfigError as exc:
        raise InputError(str(exc)) from None


def open_existing(path: Path):
    """An existing archive, opened for reading; never adds tables to another file."""
    try:
        return archive.open_archive_readonly(path)
    except archive.ArchiveError as exc:
        raise InputError(str(exc)) from None


def check_date(value: str | None, name: str) -> str | None:
    """Check a --since/--until value the way the archive will read it (no zone = UTC)."""
    from spiders.pages.dates import to_utc_iso

    if value is not None and to_utc_iso(value) is None:
        raise click.BadParameter(f"{value!r} is not a date (use YYYY-MM-DD)", param_hint=name)
    return value


def crawl_options(command: Any) -> Any:
    """The options every crawling command takes (crawl, run)."""
    decorators = [
        click.argument("source_ids", nargs=-1, metavar="[SOURCE]..."),
        ARCHIVE_OPTION,
        SOURCES_OPTION,
        click.option(
            "--base-url",
            "base_urls",
            multiple=True,
            metavar="SOURCE=URL",
            help="Fetch SOURCE from URL instead of its homepage (a mirror, the snapshot). "
            "Repeatable.",
        ),
        click.option(
            "-s",
            "--set",
            "overrides",
            multiple=True,
            metavar="NAME=VALUE",
            help="Override a Scrapy setting, e.g. -s DOWNLOAD_DELAY=2 (checked against the "
            "type of its default). Repeatable.",
        ),
        click.option("-v", "--verbose", is_flag=True, help="One line per page fetched, on stderr."),
        WAIT_OPTION,
        WAIT_TIMEOUT_OPTION,
        click.option(
            "--log-file",
            type=click.Path(dir_okay=False, path_type=Path),
            default=None,
            help="Write Scrapy's whole log (INFO) to this file; otherwise it is not kept.",
        ),
        click.option(
            "--json", "as_json", is_flag=True, help="Print the run's summary as JSON on stdout."
        ),
    ]
    for decorator in reversed(decorators):
        command = decorator(command)
    return command


def run_options(command: Any) -> Any:
    """The options of run (and of each run that schedule starts)."""
    decorators = [crawl_options, OUT_OPTION, LIMIT_OPTION, FEED_URL_OPTION, HUB_OPTION]
    for decorator in reversed(decorators):
        command = decorator(command)
    return command


def parse_interval(value: str) -> float:
    """``--every``: 30m, 6h or 1d (a bare number is seconds), in seconds; at least a minute."""
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    number, unit = value[:-1], value[-1:]
    if unit.isdigit():
        number, unit = value, "s"
    try:
        seconds = float(number) * units[unit]
    except (ValueError, KeyError):
        raise click.BadParameter(
            f"{value!r}: use a number with s, m, h or d, e.g. 6h", param_hint="--every"
        ) from None
    if not seconds < float("inf"):
        raise click.BadParameter(f"{value!r}: not a finite interval", param_hint="--every")
    if seconds < 60:
        raise click.BadParameter(
            "at least 1m between runs, to be kind to the sites", param_hint="--every"
        )
    return seconds


def site_of(sources_path: str | Path | None) -> SiteConfig:
    """The ``[site]`` table of the sources file (the project's ``sources.toml`` by
    default); a bad one is a one-line InputError."""
    try:
        return load_site(sources_path or DEFAULT_SOURCES_FILE)
    except SiteConfigError as exc:
        raise InputError(str(exc)) from None
