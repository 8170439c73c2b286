"""``ingest``: load the JSON-lines output of Scrapyd jobs into the archive
(``pipeline.ingest``), under the archive's lock like a crawl."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline import archive
from pipeline.cli import exit_codes
from pipeline.cli.crawling import crawl_lock
from pipeline.cli.options import (
    ARCHIVE_OPTION,
    SOURCES_OPTION,
    WAIT_OPTION,
    WAIT_TIMEOUT_OPTION,
    InputError,
    configured_sources,
)
from pipeline.cli.output import print_crawl_summary, run_exit_code
from pipeline.ingest import IngestReport, ingest_file, output_files


def ingest_paths(
    paths: list[Path], archive_path: Path, sources_file: Path | None
) -> list[IngestReport]:
    """Ingest every job output file of ``paths`` (files, or folders of them) into the
    archive; the caller holds the archive's lock."""
    missing = [path for path in paths if not path.exists()]
    if missing:
        raise InputError(f"{missing[0]}: no such file or folder")
    sources = configured_sources(sources_file)
    try:
        db = archive.open_archive(archive_path)
    except archive.ArchiveError as exc:
        raise InputError(str(exc)) from None
    try:
        return [ingest_file(db, path, sources) for path in output_files(paths)]
    finally:
        archive.checkpoint(db)
        db.close()


def print_ingest_reports(reports: list[IngestReport], archive_path: Path) -> None:
    """One line per file, then the runs whose records were read, as a crawl prints them."""
    click.echo(f"Ingested into {archive_path}:")
    for report in reports:
        counts = report.counts
        line = (
            f"  {report.path}: {report.lines} lines, {counts['items_new']} new, "
            f"{counts['items_updated']} updated, {counts['items_unchanged']} unchanged, "
            f"{counts['profiles_new'] + counts['profiles_changed']} profiles"
        )
        if report.pending_run:
            line += " (its run record is not written yet: ingest again later)"
        click.echo(line)
        for message in report.problems[:5]:
            click.echo(f"  ! {message}")
        if len(report.problems) > 5:
            click.echo(f"  ! ... and {len(report.problems) - 5} more lines not stored")
    runs = [run for report in reports for run in report.runs]
    if runs:
        print_crawl_summary(runs, archive_path, heading="Runs recorded in")


@click.command()
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="FILE|DIR..."
)
@ARCHIVE_OPTION
@SOURCES_OPTION
@WAIT_OPTION
@WAIT_TIMEOUT_OPTION
def ingest(
    paths: tuple[Path, ...],
    archive_path: Path,
    sources_file: Path | None,
    wait: bool,
    wait_timeout: float | None,
) -> None:
    """Load the JSON-lines output of Scrapyd jobs (FILEs, or DIRs of *.jsonl) into the
    archive, as a local crawl would have stored it.

    Idempotent: each file is read up to its last whole line and the archive remembers
    where it stopped, so ingesting a file again reads only what was added since.
    A line that cannot be read, or whose item the archive refuses, is an error of its run
    (never ok then), said with its file and line. Exit code 0 when every run read is ok, 1
    when some failed or were partial or a line was not stored, 2 when nothing could run.
    """
    with crawl_lock(archive_path, wait, wait_timeout):
        reports = ingest_paths(list(paths), archive_path, sources_file)
    print_ingest_reports(reports, archive_path)
    runs = [run for report in reports for run in report.runs]
    bad = any(report.problems for report in reports)
    sys.exit(exit_codes.SOME_FAILED if bad else run_exit_code(runs))
