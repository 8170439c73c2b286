"""The ``partnerwire`` command line: a thin layer over the library.

Each command opens what it needs, calls one function, and turns expected failures
(missing archive, unknown source, bad date, bad config) into a one-line error. Exit
codes are ``pipeline.exit_codes``: 0 all ok, 1 some sources failed or partial, 2 nothing
could run (bad command line, configuration, input or archive).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import sqlite3
import sys
from collections.abc import Iterator
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from pipeline import archive, exit_codes
from pipeline.crawl_inputs import (
    CrawlInputError,
    check_http_url,
    parse_base_urls,
    parse_setting_overrides,
)
from spiders.pages.dates import format_run_id
from spiders.sources import Source, SourceConfigError, load_sources, with_base_urls


class InputError(click.ClickException):
    """An input that cannot be used (configuration, file, archive): one line, exit 2."""

    exit_code = exit_codes.NOTHING_RAN


class OneLineErrors(click.Group):
    """A command group whose every error is one line on stderr (``Error: ...``), with
    the exit code of ``pipeline.exit_codes``; never a traceback."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            result = super().main(*args, standalone_mode=False, **kwargs)
        except click.UsageError as exc:
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
            _exit_with_error(exc.format_message() + hint, exc.exit_code)
        except click.ClickException as exc:
            _exit_with_error(exc.format_message(), exc.exit_code)
        except click.exceptions.Abort:
            _exit_with_error("interrupted", exit_codes.NOTHING_RAN)
        except Exception as exc:  # a bug: still one line, and say so
            _exit_with_error(
                f"unexpected {type(exc).__name__}: {exc} (a bug in partnerwire: please report it)",
                exit_codes.NOTHING_RAN,
            )
        sys.exit(result if isinstance(result, int) else exit_codes.OK)


def _exit_with_error(message: str, code: int) -> None:
    one_line = " ".join(line.strip() for line in message.splitlines() if line.strip())
    click.echo(f"Error: {one_line}", err=True)
    sys.exit(code)


def _url_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An option that must be an http(s) URL (``--hub``, ``--feed-url``)."""
    if value is not None:
        try:
            check_http_url(value, f"--{param.name.replace('_', '-')}")
        except CrawlInputError as exc:
            raise click.BadParameter(str(exc).split(": ", 1)[1]) from None
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


def _load_sources(sources_file: Path | None) -> dict[str, Source]:
    try:
        return load_sources(sources_file)
    except SourceConfigError as exc:
        raise InputError(str(exc)) from None


def _open_existing(path: Path):
    """An existing archive, opened for reading; never adds tables to another file."""
    try:
        return archive.open_archive_readonly(path)
    except archive.ArchiveError as exc:
        raise InputError(str(exc)) from None


def _date_option(value: str | None, name: str) -> str | None:
    """Check a --since/--until value the way the archive will read it (no zone = UTC)."""
    from spiders.pages.dates import to_utc_iso

    if value is not None and to_utc_iso(value) is None:
        raise click.BadParameter(f"{value!r} is not a date (use YYYY-MM-DD)", param_hint=name)
    return value


def _print_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def _print_table(rows: list[dict], columns: list[tuple[str, str, int]]) -> None:
    """Print rows as a plain-text table; columns are (key, heading, max width)."""
    if not rows:
        click.echo("(nothing found)")
        return
    cells = [[_cell(row.get(key), width) for key, _, width in columns] for row in rows]
    widths = [
        max(len(heading), *(len(r[i]) for r in cells)) for i, (_, heading, _) in enumerate(columns)
    ]
    click.echo("  ".join(h.ljust(w) for (_, h, _), w in zip(columns, widths, strict=True)).rstrip())
    for row in cells:
        click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def _cell(value: Any, width: int) -> str:
    text = "" if value is None else str(value)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@click.group(cls=OneLineErrors, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="partnerwire")
def cli() -> None:
    """partnerwire: one news wire for a network of partner organisations.

    Crawl the partners' sites into one SQLite archive, query it, and publish it as feeds.
    Exit codes: 0 all ok, 1 some sources failed or partial, 2 nothing could run.
    """


# -- crawling -------------------------------------------------------------------------


@dataclasses.dataclass
class CrawlPlan:
    """A crawl whose every input has been checked: nothing is fetched before this exists."""

    sources: list[Source]
    archive_path: Path
    overrides: dict[str, Any]
    log_file: Path | None = None


def _new_run_id() -> str:
    return format_run_id(datetime.now(UTC))


def _plan_crawl(
    source_ids: tuple[str, ...],
    archive_path: Path,
    sources_file: Path | None,
    base_urls: tuple[str, ...],
    overrides: tuple[str, ...],
    log_file: Path | None,
    **_: Any,
) -> CrawlPlan:
    """Check every input of a crawl (sources.toml, names, --base-url, -s, --log-file,
    the archive) and raise a one-line InputError for the first bad one."""
    all_sources = _load_sources(sources_file)
    try:
        all_sources = with_base_urls(all_sources, parse_base_urls(base_urls))
        settings = parse_setting_overrides(overrides)
    except (SourceConfigError, CrawlInputError) as exc:
        raise InputError(str(exc)) from None
    selected = _select_sources(all_sources, source_ids)
    if log_file is not None:
        try:
            with log_file.open("a", encoding="utf-8"):
                pass
        except OSError as exc:
            raise InputError(f"--log-file {log_file}: {exc.strerror or exc}") from None
    return CrawlPlan(selected, archive_path, settings, log_file)


def _check_archive_writable(path: Path) -> None:
    """Open (creating or migrating) the archive the crawl will write, or one line why not."""
    try:
        archive.open_archive(path).close()
    except archive.ArchiveError as exc:
        raise InputError(str(exc)) from None
    for where in (path, path.parent):
        if not os.access(where, os.W_OK):
            raise InputError(f"the archive {path} is read-only here: a crawl must write to it")


def _crawl(plan: CrawlPlan, *, verbose: bool) -> list[dict]:
    """Crawl, then return this run's crawl_runs rows, one per source: a source whose
    spider stopped before recording its run gets a ``failed`` row saying so."""
    from pipeline.crawl import crawl_settings, run_crawl
    from pipeline.crawl_progress import CrawlProgress

    _check_archive_writable(plan.archive_path)
    run_id = _new_run_id()
    settings = crawl_settings(
        plan.archive_path, run_id, log_file=plan.log_file, overrides=plan.overrides
    )
    live = sys.stderr.isatty()
    with CrawlProgress(sys.stderr, live=live, pages=verbose) as progress:
        crashed = run_crawl(
            plan.sources, settings, watch=progress.watch if live or verbose else None
        )
    db = archive.open_archive(plan.archive_path)
    try:
        archive.checkpoint(db)
        runs = {run["source"]: run for run in archive.query_crawl_runs(db, run_id)}
        for source in plan.sources:
            if source.id not in runs:
                runs[source.id] = _did_not_run(db, run_id, source, crashed.get(source.id))
    finally:
        db.close()
    return [runs[source.id] for source in plan.sources]


def _did_not_run(db: Any, run_id: str, source: Source, why: str | None) -> dict:
    """Record (if the archive lets us) that a source's crawl stopped before its end."""
    reason = why or "it stopped before recording its run (see --log-file)"
    run = {
        "run_id": run_id,
        "source": source.id,
        "started": archive.utc_now(),
        "finished": archive.utc_now(),
        "duration_seconds": 0.0,
        "status": "failed",
        "pages": 0,
        "pages_not_modified": 0,
        "items_new": 0,
        "items_updated": 0,
        "items_unchanged": 0,
        "profiles_new": 0,
        "errors": 1,
        "errors_by_kind": {"did_not_run": 1},
        "error_messages": [f"{source.id}: the crawl did not run: {reason}"],
        "methods": [],
    }
    try:
        archive.save_crawl_run(db, run)
    except (archive.ArchiveError, sqlite3.Error) as exc:  # the summary still reports it
        run["error_messages"].append(f"{source.id}: not recorded in the archive: {exc}")
    return run


SUMMARY_MESSAGES = 5  # failure lines per source in the text summary (--json has them all)


def _run_exit_code(runs: list[dict]) -> int:
    return exit_codes.OK if all(run["status"] == "ok" for run in runs) else exit_codes.SOME_FAILED


def _print_crawl_summary(runs: list[dict], archive_path: Path) -> None:
    """One line per source, then one line per failure (at most SUMMARY_MESSAGES)."""
    click.echo(f"Crawled into {archive_path}:")
    for run in runs:
        methods = ", ".join(run.get("methods") or []) or "-"
        click.echo(
            f"  {run['source']:<8} {run['status']:<7} {run['pages']:>4} pages "
            f"({run.get('pages_not_modified') or 0} not modified)  "
            f"{run['items_new']:>3} new  {run['items_updated']:>3} updated  "
            f"{run['items_unchanged']:>3} unchanged  {run['profiles_new']:>2} profiles  "
            f"{run['errors']:>2} errors  {run['duration_seconds']:.1f}s  via {methods}"
        )
        messages = run.get("error_messages") or []
        for message in messages[:SUMMARY_MESSAGES]:
            click.echo(f"           ! {message}")
        if len(messages) > SUMMARY_MESSAGES:
            click.echo(f"           ! ... and {len(messages) - SUMMARY_MESSAGES} more (--json)")
        elif run["errors"] and not messages:
            click.echo(f"           ! errors: {run.get('errors_by_kind')}")


def _run_summary(runs: list[dict], archive_path: Path) -> dict[str, Any]:
    """The run as one JSON document (``--json``)."""
    return {
        "archive": str(archive_path),
        "run_id": runs[0]["run_id"] if runs else None,
        "exit_code": _run_exit_code(runs),
        "sources": [
            {key: run.get(key) for key in archive.CRAWL_RUN_FIELDS if key != "run_id"}
            for run in runs
        ],
    }


def _select_sources(all_sources: dict[str, Source], names: tuple[str, ...]) -> list[Source]:
    unknown = [n for n in names if n not in all_sources]
    if unknown:
        raise InputError(f"unknown source '{unknown[0]}' (known: {', '.join(all_sources)})")
    return [all_sources[n] for n in dict.fromkeys(names)] if names else list(all_sources.values())


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
        click.option(
            "--wait",
            is_flag=True,
            help="If another crawl holds the archive's lock, wait for it to finish "
            "(without --wait: exit at once with code 3).",
        ),
        click.option(
            "--wait-timeout",
            type=click.FloatRange(min=0),
            default=None,
            metavar="SECONDS",
            help="Wait at most this long for the lock, then exit with code 3 (implies --wait).",
        ),
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


class _ArchiveLockedError(click.ClickException):
    exit_code = exit_codes.LOCKED


@contextlib.contextmanager
def _crawl_lock(archive_path: Path, wait: bool, wait_timeout: float | None) -> Iterator[None]:
    """Hold the archive's lock (``pipeline.lock``) for a whole crawl or run."""
    from pipeline.lock import ArchiveLocked, archive_lock

    def say_waiting(holder: str) -> None:
        click.echo(f"waiting for another crawl ({holder}) to finish", err=True)

    waiting = 0 if not (wait or wait_timeout is not None) else wait_timeout
    try:
        with archive_lock(archive_path, wait=waiting, on_wait=say_waiting):
            yield
    except ArchiveLocked as exc:
        raise _ArchiveLockedError(str(exc)) from None


def _crawl_and_report(
    plan: CrawlPlan, options: dict[str, Any]
) -> tuple[list[dict], dict[str, Any]]:
    """What crawl and run share, under the archive's lock: crawl the checked plan, print
    the text summary (unless --json). Returns the rows and the JSON summary."""
    runs = _crawl(plan, verbose=options["verbose"])
    if not options["as_json"]:
        _print_crawl_summary(runs, plan.archive_path)
    return runs, _run_summary(runs, plan.archive_path)


@cli.command()
@crawl_options
def crawl(**options: Any) -> None:
    """Crawl the partner sites (all, or the SOURCEs named) into the archive.

    Exit code 0 when every source is ok, 1 when some failed or were partial, 2 when
    nothing could run (a bad option, sources.toml or archive).
    """
    plan = _plan_crawl(**options)  # every input checked before waiting for the lock
    with _crawl_lock(plan.archive_path, options["wait"], options["wait_timeout"]):
        runs, summary = _crawl_and_report(plan, options)
    if options["as_json"]:
        _print_json(summary)
    sys.exit(_run_exit_code(runs))


@cli.command()
@ARCHIVE_OPTION
@OUT_OPTION
@click.option("-v", "--verbose", is_flag=True, help="One line per page fetched, on stderr.")
def demo(archive_path: Path, out_dir: Path, verbose: bool) -> None:
    """Crawl the bundled offline snapshot of the partner sites (served on 127.0.0.1), then
    publish the feeds.

    Needs no network: the snapshot in tests/sites/ imitates each partner's CMS.
    """
    with _crawl_lock(archive_path, wait=False, wait_timeout=None):
        _demo(archive_path, out_dir, verbose)


def _demo(archive_path: Path, out_dir: Path, verbose: bool) -> None:
    from pipeline.crawl import SNAPSHOT_SETTINGS
    from pipeline.snapshot import serve_snapshot

    sources = _load_sources(None)
    with serve_snapshot() as snapshot:
        click.echo("Serving the offline snapshot:")
        for source_id, url in snapshot.base_urls.items():
            click.echo(f"  {source_id:<8} {url}  (stands in for {sources[source_id].homepage})")
        selected = list(with_base_urls(sources, snapshot.base_urls).values())
        runs = _crawl(CrawlPlan(selected, archive_path, SNAPSHOT_SETTINGS), verbose=verbose)
    _print_crawl_summary(runs, archive_path)
    db = archive.open_archive_readonly(archive_path)
    counts = {table: db[table].count for table in ("items", "organisations", "org_observations")}
    db.close()
    click.echo(
        f"The archive holds {counts['items']} items, {counts['organisations']} organisations "
        f"and {counts['org_observations']} profile observations."
    )
    report = _publish(archive_path, out_dir, limit=50, feed_url=None, hub=None)
    _print_publish_report(report, out_dir)
    me = _command_name()
    click.echo(f"Feeds (after '{me} serve'):")
    for name in ("all.atom", "all.rss", "all.json", "feeds.opml", "index.html"):
        click.echo(f"  http://127.0.0.1:8080/{name}")
    sqlite_utils_cli = str(Path(me).with_name("sqlite-utils")) if "/" in me else "sqlite-utils"
    click.echo(f"Try: {me} search partnership")
    click.echo(f"     {me} orgs IFMSA --history")
    click.echo(f"     {sqlite_utils_cli} tables {archive_path} --counts")
    sys.exit(_run_exit_code(runs))


def _command_name() -> str:
    """How the user can call us again: plain ``partnerwire`` when it is on the PATH."""
    import shutil

    if shutil.which("partnerwire"):
        return "partnerwire"
    argv0 = Path(sys.argv[0])
    return str(argv0) if argv0.name == "partnerwire" else "partnerwire"


# -- publishing -------------------------------------------------------------------------


def _publish(
    archive_path: Path, out_dir: Path, *, limit: int, feed_url: str | None, hub: str | None
) -> Any:
    """Publish the feeds; a one-line InputError when the archive or the folder won't do."""
    from feeds.publish import PublishError, publish_feeds

    try:
        return publish_feeds(archive_path, out_dir, limit=limit, base_url=feed_url, hub=hub)
    except (PublishError, archive.ArchiveError) as exc:
        raise InputError(str(exc)) from None
    except sqlite3.Error as exc:  # a damaged or read-only archive
        raise InputError(f"cannot read the archive {archive_path}: {exc}") from None
    except OSError as exc:  # a full disk, a folder where a feed should be, no permission
        where = exc.filename or out_dir
        raise InputError(
            f"could not write {where}: {exc.strerror or exc} (feeds already there are intact)"
        ) from None


def _print_publish_report(report: Any, out_dir: Path) -> None:
    click.echo(f"Published to {out_dir}/: {report.summary()}")
    for message in report.hub_errors:
        click.echo(f"  ! hub: {message}")


def _publish_summary(report: Any, out_dir: Path) -> dict[str, Any]:
    return {"out": str(out_dir), "summary": report.summary(), "hub_errors": report.hub_errors}


@cli.command()
@ARCHIVE_OPTION
@OUT_OPTION
@LIMIT_OPTION
@FEED_URL_OPTION
@HUB_OPTION
def publish(
    archive_path: Path, out_dir: Path, limit: int, feed_url: str | None, hub: str | None
) -> None:
    """Write the feeds (Atom, RSS, JSON Feed), feeds.opml and index.html from the archive.

    Merged (all.*), per source (<source>.*) and per content type (type-<slug>.*). A feed
    whose entries did not change is not rewritten.
    """
    report = _publish(archive_path, out_dir, limit=limit, feed_url=feed_url, hub=hub)
    _print_publish_report(report, out_dir)


def run_options(command: Any) -> Any:
    """The options of run (and of each run that schedule starts)."""
    decorators = [crawl_options, OUT_OPTION, LIMIT_OPTION, FEED_URL_OPTION, HUB_OPTION]
    for decorator in reversed(decorators):
        command = decorator(command)
    return command


@cli.command()
@run_options
def run(out_dir: Path, limit: int, feed_url: str | None, hub: str | None, **options: Any) -> None:
    """Crawl, then publish (publishing goes ahead from what is archived even if a source failed).

    Exit code 0 when every source is ok, 1 when some failed or were partial (the feeds
    were still published), 2 when nothing could run.
    """
    plan = _plan_crawl(**options)  # every input checked before waiting for the lock
    with _crawl_lock(plan.archive_path, options["wait"], options["wait_timeout"]):
        runs, summary = _crawl_and_report(plan, options)
        report = _publish(plan.archive_path, out_dir, limit=limit, feed_url=feed_url, hub=hub)
    if options["as_json"]:
        _print_json({**summary, "publish": _publish_summary(report, out_dir)})
    else:
        _print_publish_report(report, out_dir)
    sys.exit(_run_exit_code(runs))


@cli.command()
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


def _interval(value: str) -> float:
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


def _check_run_args(run_args: tuple[str, ...]) -> None:
    """Check run's options as run will (a one-line error now, not one per run later)."""
    context = run.make_context("partnerwire run", list(run_args))
    with context:
        _plan_crawl(**context.params)


@cli.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.option("--every", default="6h", show_default=True, help="Time between runs: 30m, 6h, 1d.")
@click.option("--times", type=click.IntRange(1), default=None, help="Stop after this many runs.")
@click.argument("run_args", nargs=-1, type=click.UNPROCESSED, metavar="[RUN OPTIONS]...")
def schedule(every: str, times: int | None, run_args: tuple[str, ...]) -> None:
    """Repeat 'run' on an interval, each in a fresh process, until stopped (Ctrl-C).

    Every other argument goes to 'run' as it is, checked before the first run. A run that
    finds another crawl holding the archive's lock waits for it (--wait is added unless
    --wait or --wait-timeout is given):

    \b
        partnerwire schedule --every 6h --archive /srv/pw/archive.db --out /srv/pw/out
    """
    import subprocess
    import time

    seconds = _interval(every)
    _check_run_args(run_args)
    given = {arg.partition("=")[0] for arg in run_args}
    wait = [] if given & {"--wait", "--wait-timeout"} else ["--wait"]
    command = [sys.executable, "-m", "pipeline.cli", "run", *wait, *run_args]
    done = 0
    try:
        while times is None or done < times:
            started = time.monotonic()
            click.echo(f"[{datetime.now(UTC):%Y-%m-%d %H:%M:%SZ}] run {done + 1}")
            result = subprocess.run(command, check=False)
            if result.returncode != 0:
                click.echo(f"  run exited with {result.returncode}; trying again next time")
            done += 1
            if times is None or done < times:
                time.sleep(max(0.0, seconds - (time.monotonic() - started)))
    except KeyboardInterrupt:
        click.echo("stopped")


# -- querying -------------------------------------------------------------------------


@cli.command()
@click.argument("query", required=False)
@ARCHIVE_OPTION
@click.option("--source", help="Only items from this source id.")
@click.option("--type", "content_type", help='Only this content type, e.g. "Publication".')
@click.option("--since", help="Published on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Published on or before this date (YYYY-MM-DD).")
@click.option("--limit", type=click.IntRange(1, 10_000), default=20, show_default=True)
@JSON_OPTION
def search(
    query: str | None,
    archive_path: Path,
    source: str | None,
    content_type: str | None,
    since: str | None,
    until: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """Full-text search of the archive (title, summary, text), newest first.

    With no QUERY, lists the newest items that match the filters.
    """
    since_day, until_day = _date_option(since, "--since"), _date_option(until, "--until")
    db = _open_existing(archive_path)
    try:
        rows = archive.query_items(
            db,
            query,
            source=source,
            content_type=content_type,
            since=since_day,
            until=until_day,
            limit=limit,
        )
    finally:
        db.close()
    if as_json:
        _print_json(rows)
        return
    for row in rows:
        row["date"] = (row.get("published") or "")[:10]
    _print_table(
        rows,
        [
            ("date", "published", 10),
            ("source", "source", 8),
            ("content_type", "type", 16),
            ("title", "title", 70),
            ("canonical_url", "url", 90),
        ],
    )


@cli.command()
@click.argument("name", required=False)
@ARCHIVE_OPTION
@click.option(
    "--history", is_flag=True, help="Show every observation of each profile, oldest first."
)
@JSON_OPTION
def orgs(name: str | None, archive_path: Path, history: bool, as_json: bool) -> None:
    """Organisation profiles (optionally those matching NAME or acronym) and their facts."""
    db = _open_existing(archive_path)
    try:
        organisations = archive.query_organisations(db, name)
        if name and not organisations:
            raise click.ClickException(f"no organisation matches {name!r}")
        for org in organisations:
            org["observations"] = archive.query_observations(db, org["id"])
    finally:
        db.close()
    if as_json:
        if not history:
            for org in organisations:
                org["observations"] = org["observations"][-1:]
        _print_json(organisations)
        return
    for org in organisations:
        click.echo(f"{org['name']} ({org.get('acronym') or '-'})  {org.get('website') or ''}")
        observations = org["observations"] if history else org["observations"][-1:]
        for obs in observations:
            if obs.get("observed"):
                when = f"page dated {obs['observed'][:10]}"
            else:
                when = f"undated page, seen {(obs.get('seen_at') or '')[:10]}"
            click.echo(f"  {obs['url']}  ({when})")
            if obs.get("founded_year") is not None:
                click.echo(f"    founded: {obs['founded_year']}")
            for fact in ("member_organisations", "countries", "people_represented"):
                if obs.get(fact) is not None:
                    label = fact.replace("_", " ")
                    click.echo(f"    {label}: {_qualifier(obs, fact)}{obs[fact]:,}")
            for key in ("based_in", "related_organisations"):
                values = obs.get(key)
                values = json.loads(values) if isinstance(values, str) else values
                if values:
                    click.echo(f"    {key.replace('_', ' ')}: {', '.join(values)}")
        click.echo()


def _qualifier(obs: dict, fact: str) -> str:
    facts = obs.get("facts")
    facts = json.loads(facts) if isinstance(facts, str) else (facts or {})
    qualifier = (facts.get(fact) or {}).get("qualifier")
    return f"{qualifier} " if qualifier else ""


@cli.command(name="sources")
@ARCHIVE_OPTION
@SOURCES_OPTION
@JSON_OPTION
def sources_command(archive_path: Path, sources_file: Path | None, as_json: bool) -> None:
    """The configured sources and the health of their last crawl."""
    configured = _load_sources(sources_file)
    health: dict[str, dict] = {}
    if archive_path.exists():
        db = _open_existing(archive_path)
        try:
            health = {row["id"]: row for row in archive.query_sources(db)}
        finally:
            db.close()
    rows = []
    for source in configured.values():
        last = health.get(source.id, {})
        rows.append(
            {
                "id": source.id,
                "name": source.name,
                "platform": source.platform,
                "homepage": source.homepage,
                "collect": list(source.collect),
                "last_crawl": last.get("last_crawl"),
                "status": last.get("status"),
                "items": last.get("items"),
                "errors": last.get("errors"),
            }
        )
    if as_json:
        _print_json(rows)
        return
    for row in rows:
        row["collect"] = ", ".join(row["collect"])
        row["last_crawl"] = (row["last_crawl"] or "never")[:19]
    _print_table(
        rows,
        [
            ("id", "id", 8),
            ("platform", "platform", 9),
            ("homepage", "homepage", 30),
            ("collect", "collect", 24),
            ("last_crawl", "last crawl", 19),
            ("status", "status", 8),
            ("items", "items", 6),
            ("errors", "errors", 6),
        ],
    )


# -- extraction -------------------------------------------------------------------------


def _read_page(file: Path) -> str:
    """A saved page's text, or a one-line error for what is not one. Reads at most the
    crawl's page size cap (DOWNLOAD_MAXSIZE) and one byte more, whatever the file is."""
    from spiders.settings import DOWNLOAD_MAXSIZE

    try:
        with file.open("rb") as stream:
            data = stream.read(DOWNLOAD_MAXSIZE + 1)
    except FileNotFoundError:
        raise InputError(f"no such file: {file}") from None
    except OSError as exc:
        raise InputError(f"cannot read {file}: {exc.strerror or exc}") from None
    if len(data) > DOWNLOAD_MAXSIZE:
        raise InputError(
            f"{file} is larger than a page may be ({DOWNLOAD_MAXSIZE // 2**20} MB, "
            "the crawl's DOWNLOAD_MAXSIZE)"
        )
    if b"\x00" in data[:4096]:
        raise InputError(f"{file} is not a web page (it holds binary data)")
    return data.decode("utf-8", errors="replace")


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--url", required=True, help="The address the page was saved from.")
@click.option(
    "--classify",
    is_flag=True,
    help="Decide what the page is as the crawl would for a page nobody announced "
    "(kind and why), instead of reading it as an announced item.",
)
@SOURCES_OPTION
@JSON_OPTION
def extract(file: Path, url: str, classify: bool, sources_file: Path | None, as_json: bool) -> None:
    """Run the page parsers on one saved page and print what they find.

    The page is read as a feed or sitemap would announce it (an item whenever it has a
    title); --json prints every field the archive would store, after normalisation, and
    which layer gave each ("sources"). When URL is on a configured source's site, the page
    is normalised as that source's.
    """
    from pipeline.normalise import InvalidItem, normalise_for_source
    from spiders import pages

    html = _read_page(file)
    source = next((s for s in _load_sources(sources_file).values() if s.is_own_url(url)), None)
    own_page = source is not None and source.is_organisation_page(url)
    expect = "organisation" if own_page else None if classify else "item"
    page = pages.extract_page(html, url, source=source.id if source else "", expect=expect)
    result: dict[str, Any] = {"kind": page.kind, "platform": page.platform}
    if classify:
        result["reason"] = page.reason
    if page.item is not None:
        try:
            item = normalise_for_source(
                dataclasses.replace(page.item, source=page.item.source or "extract"), source
            )
        except InvalidItem as exc:
            result["error"] = str(exc)
            item = page.item
        result.update(
            {
                "title": item.title,
                "published": item.published,
                "updated": item.updated,
                "type": item.content_type,
                "url": item.canonical_url or item.url,
                "canonical_url": item.canonical_url,
                "summary": item.summary,
                "authors": item.authors,
                "tags": item.tags,
                "image": item.image,
                "language": item.language,
                "text": item.text,
                "content_html": item.content_html,
                "content_hash": item.content_hash,
                "sources": page.sources,
            }
        )
    profiles = []
    for profile in page.organisations:
        try:
            profiles.append(
                normalise_for_source(
                    dataclasses.replace(profile, source=profile.source or "extract"),
                    source,
                    organisation_page=own_page,
                )
            )
        except InvalidItem as exc:
            result.setdefault("error", str(exc))
    result["organisations"] = [_profile_summary(p) for p in profiles]
    if page.listing:
        result["listing"] = [asdict(entry) for entry in page.listing]
        result["next_page"] = page.next_page
    if as_json:
        _print_json(result)
        return
    for key in ("kind", "reason", "platform", "title", "published", "type", "url", "summary"):
        if result.get(key):
            click.echo(f"{key}: {result[key]}")
    if result.get("text"):
        click.echo(f"text: {len(result['text'])} characters")
    if result.get("error"):
        click.echo(f"error: {result['error']}")
    for org in result["organisations"]:
        facts = ", ".join(f"{k}={v}" for k, v in org.items() if k not in {"name", "acronym"} and v)
        click.echo(f"organisation: {org['name']} ({org['acronym'] or '-'}) {facts}")
    for entry in result.get("listing", []):
        click.echo(
            f"listing: {entry['published'] or '-':<25} {entry['content_type'] or '-':<16} "
            f"{entry['title']}  {entry['url']}"
        )
    if result.get("next_page"):
        click.echo(f"next page: {result['next_page']}")


def _profile_summary(profile: Any) -> dict[str, Any]:
    return {
        "name": profile.name,
        "acronym": profile.acronym,
        "website": profile.website,
        "founded_year": profile.founded_year,
        "member_organisations": profile.member_organisations,
        "countries": profile.countries,
        "people_represented": profile.people_represented,
        "based_in": profile.based_in,
        "related_organisations": profile.related_organisations,
        "objectives": profile.objectives,
    }


def main() -> None:
    cli(prog_name="partnerwire")


if __name__ == "__main__":
    main()
