"""The commands that crawl: ``crawl``, ``run`` (crawl, then publish), ``demo`` (the bundled
offline snapshot) and ``schedule`` (``run`` on an interval), and what they share: the
crawl plan whose every input is checked before anything is fetched, the archive's lock,
the crawl itself and the rows it leaves in ``crawl_runs``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sqlite3
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from pipeline import archive
from pipeline.cli import exit_codes
from pipeline.cli.options import (
    ARCHIVE_OPTION,
    OUT_OPTION,
    InputError,
    check_url_option,
    configured_sources,
    crawl_options,
    open_existing,
    parse_interval,
    run_options,
    site_of,
)
from pipeline.cli.output import (
    print_crawl_summary,
    print_json,
    print_publish_report,
    publish_summary,
    run_exit_code,
    run_summary,
)
from pipeline.cli.publishing import publish_archive
from spiders.crawl_inputs import CrawlInputError, parse_base_urls, parse_setting_overrides
from spiders.pages.dates import format_run_id
from spiders.sources import Source, SourceConfigError, with_base_urls


@dataclasses.dataclass
class CrawlPlan:
    """A crawl whose every input has been checked: nothing is fetched before this exists."""

    sources: list[Source]
    archive_path: Path
    overrides: dict[str, Any]
    log_file: Path | None = None


def new_run_id() -> str:
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
    all_sources = configured_sources(sources_file)
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
    from spiders.crawl import crawl_settings, run_crawl
    from spiders.crawl_progress import CrawlProgress

    _check_archive_writable(plan.archive_path)
    run_id = new_run_id()
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
                runs[source.id] = did_not_run(db, run_id, source, crashed.get(source.id))
    finally:
        db.close()
    return [runs[source.id] for source in plan.sources]


def did_not_run(db: Any, run_id: str, source: Source, why: str | None) -> dict:
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


def _select_sources(all_sources: dict[str, Source], names: tuple[str, ...]) -> list[Source]:
    unknown = [n for n in names if n not in all_sources]
    if unknown:
        raise InputError(f"unknown source '{unknown[0]}' (known: {', '.join(all_sources)})")
    return [all_sources[n] for n in dict.fromkeys(names)] if names else list(all_sources.values())


class _ArchiveLockedError(click.ClickException):
    exit_code = exit_codes.LOCKED


@contextlib.contextmanager
def crawl_lock(archive_path: Path, wait: bool, wait_timeout: float | None) -> Iterator[None]:
    """Hold the archive's lock (``pipeline.archive.lock``) for a whole crawl or run."""
    from pipeline.archive.lock import ArchiveLocked, archive_lock

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
    if options.get("scrapyd"):
        from pipeline.cli.scrapyd_crawl import crawl_on_scrapyd

        runs = crawl_on_scrapyd(plan, options)
    else:
        runs = _crawl(plan, verbose=options["verbose"])
    if not options["as_json"]:
        auto = {source.id for source in plan.sources if source.platform == "auto"}
        print_crawl_summary(runs, plan.archive_path, auto)
    return runs, run_summary(runs, plan.archive_path)


@click.command()
@crawl_options
@click.option(
    "--scrapyd",
    multiple=True,
    metavar="URL",
    callback=lambda ctx, param, urls: [check_url_option(url, "--scrapyd") for url in urls],
    help="Run the crawl as jobs on this Scrapyd node (the egg deployed with scrapyd-deploy), "
    "then ingest their output. Repeatable: the sources are spread over the nodes.",
)
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="With --scrapyd: the folder the jobs write their JSON lines to, readable here and "
    "writable by the nodes (default: .ARCHIVE.jobs beside the archive).",
)
@click.option(
    "--poll",
    type=click.FloatRange(min=0.1),
    default=5.0,
    show_default=True,
    metavar="SECONDS",
    help="With --scrapyd: how often to ask the nodes whether the jobs have finished.",
)
def crawl(**options: Any) -> None:
    """Crawl the partner sites (all, or the SOURCEs named) into the archive; with
    --scrapyd, on Scrapyd nodes.

    Exit code 0 when every source is ok, 1 when some failed or were partial, 2 when
    nothing could run (a bad option, sources.toml or archive).
    """
    plan = _plan_crawl(**options)  # every input checked before waiting for the lock
    with crawl_lock(plan.archive_path, options["wait"], options["wait_timeout"]):
        runs, summary = _crawl_and_report(plan, options)
    if options["as_json"]:
        print_json(summary)
    sys.exit(run_exit_code(runs))


@click.command()
@ARCHIVE_OPTION
@OUT_OPTION
@click.option("-v", "--verbose", is_flag=True, help="One line per page fetched, on stderr.")
def demo(archive_path: Path, out_dir: Path, verbose: bool) -> None:
    """Crawl the bundled offline snapshot of the partner sites (served on 127.0.0.1), then
    publish the feeds.

    Needs no network: the snapshot in tests/sites/ imitates each partner's CMS.
    """
    with crawl_lock(archive_path, wait=False, wait_timeout=None):
        _demo(archive_path, out_dir, verbose)


def _demo(archive_path: Path, out_dir: Path, verbose: bool) -> None:
    from pipeline.demo import serve_snapshot
    from spiders.crawl import SNAPSHOT_SETTINGS

    sources = configured_sources(None)
    with serve_snapshot() as snapshot:
        click.echo("Serving the offline snapshot:")
        for source_id, url in snapshot.base_urls.items():
            click.echo(f"  {source_id:<8} {url}  (stands in for {sources[source_id].homepage})")
        selected = list(with_base_urls(sources, snapshot.base_urls).values())
        runs = _crawl(CrawlPlan(selected, archive_path, SNAPSHOT_SETTINGS), verbose=verbose)
    print_crawl_summary(runs, archive_path)
    db = open_existing(archive_path)
    try:
        counts = archive.query_counts(db)
    finally:
        db.close()
    click.echo(
        f"The archive holds {counts['items']} items, {counts['organisations']} organisations "
        f"and {counts['org_observations']} profile observations."
    )
    report = publish_archive(archive_path, out_dir, limit=50, feed_url=None, hub=None)
    print_publish_report(report, out_dir)
    me = _command_name()
    click.echo(f"Feeds (after '{me} serve'):")
    for name in ("all.atom", "all.rss", "all.json", "feeds.opml", "index.html"):
        click.echo(f"  http://127.0.0.1:8080/{name}")
    sqlite_utils_cli = str(Path(me).with_name("sqlite-utils")) if "/" in me else "sqlite-utils"
    click.echo(f"Try: {me} search partnership")
    click.echo(f"     {me} orgs IFMSA --history")
    click.echo(f"     {sqlite_utils_cli} tables {archive_path} --counts")
    sys.exit(run_exit_code(runs))


def _command_name() -> str:
    """How the user can call us again: plain ``partnerwire`` when it is on the PATH."""
    import shutil

    if shutil.which("partnerwire"):
        return "partnerwire"
    argv0 = Path(sys.argv[0])
    return str(argv0) if argv0.name == "partnerwire" else "partnerwire"


@click.command()
@run_options
def run(out_dir: Path, limit: int, feed_url: str | None, hub: str | None, **options: Any) -> None:
    """Crawl, then publish (publishing goes ahead from what is archived even if a source failed).

    Exit code 0 when every source is ok, 1 when some failed or were partial (the feeds
    were still published), 2 when nothing could run.
    """
    plan = _plan_crawl(**options)  # every input checked before waiting for the lock
    with crawl_lock(plan.archive_path, options["wait"], options["wait_timeout"]):
        runs, summary = _crawl_and_report(plan, options)
        site = site_of(options["sources_file"]) if options.get("sources_file") else None
        report = publish_archive(
            plan.archive_path, out_dir, limit=limit, feed_url=feed_url, hub=hub, site=site
        )
    if options["as_json"]:
        print_json({**summary, "publish": publish_summary(report, out_dir)})
    else:
        print_publish_report(report, out_dir)
    sys.exit(run_exit_code(runs))


def _check_run_args(run_args: tuple[str, ...]) -> None:
    """Check run's options as run will (a one-line error now, not one per run later)."""
    context = run.make_context("partnerwire run", list(run_args))
    with context:
        _plan_crawl(**context.params)


@click.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
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

    seconds = parse_interval(every)
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
